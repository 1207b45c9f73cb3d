// Model: a checked, read-only view of a .tflite blob, read in place.
//
// Init() walks the whole blob once — the root Model table, subgraph 0, every
// tensor, buffer, operator and operator code — checking every offset and
// length against the blob's size and every index against its table, so that
// a truncated or corrupted file is an error status, never a wild read. The
// getters then hand out views (TensorView, OpView) that point into the blob:
// nothing is copied, the blob may live in flash, and it must stay valid and
// unchanged while the Model is used.
//
// Only subgraph 0 is run; the others are ignored (an op that calls them is
// unsupported). Not thread-safe; the views are plain values.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/nn/flatbuffer.h"
#include "micro/nn/nn_status.h"
#include "micro/nn/tflite_schema.h"

namespace mote::nn {

inline constexpr int kMaxRank = 6;
// Tensors and operators are indexed by uint16 in the runtime's tables.
inline constexpr uint32_t kMaxTensors = 65535;
inline constexpr uint32_t kMaxOps = 65535;
// The largest tensor the runtime will place, in bytes.
inline constexpr uint32_t kMaxTensorBytes = 0x40000000u;

struct TensorView {
  int32_t index = -1;
  tflite::TensorType type = tflite::TensorType::kFloat32;
  int32_t rank = 0;
  int32_t dims[kMaxRank] = {};
  uint32_t elements = 1;
  uint32_t element_bytes = 0;         // 0 for types the runtime cannot store
  uint32_t bytes = 0;                 // elements * element_bytes
  const uint8_t* const_data = nullptr;  // the weights in the blob; null for activations
  bool is_variable = false;           // state kept from one Invoke to the next
  fb::Vector<float> scales;           // empty when not quantized
  fb::Vector<int64_t> zero_points;    // empty or as many as scales (checked to fit int32)
  int32_t quantized_dimension = 0;    // the channel dimension when scales.size() > 1

  bool is_constant() const { return const_data != nullptr; }
  bool quantized() const { return !scales.empty(); }
  // The per-tensor (first) scale and zero point; 0 when absent.
  float scale() const { return scales.empty() ? 0.0f : scales[0]; }
  int32_t zero_point() const { return zero_points.empty() ? 0 : static_cast<int32_t>(zero_points[0]); }
  int32_t zero_point(uint32_t i) const {
    return i < zero_points.size() ? static_cast<int32_t>(zero_points[i]) : zero_point();
  }
  // Dimension i counted from the end when negative (-1 is the last).
  int32_t dim(int i) const { return dims[i < 0 ? rank + i : i]; }
};

struct OpView {
  int32_t index = -1;
  int32_t builtin_code = 0;            // max(deprecated_builtin_code, builtin_code)
  fb::Vector<char> custom_code;        // for CUSTOM ops; not NUL-terminated
  int32_t version = 1;
  fb::Vector<int32_t> inputs;          // tensor indices; -1 marks an omitted optional input
  fb::Vector<int32_t> outputs;
  uint8_t options_type = 0;            // tflite::BuiltinOptionsType
  fb::Table options;                   // absent when the op has none
  fb::Vector<uint8_t> custom_options;
  fb::Vector<int32_t> intermediates;
};

class Model {
 public:
  // Reads and checks `blob[0, size)`. On failure returns the status and, if
  // `error` is non-null, where it happened.
  NnStatus Init(const void* blob, size_t size, NnError* error);

  uint32_t tensor_count() const { return tensors_.size(); }
  uint32_t op_count() const { return operators_.size(); }
  const fb::Vector<int32_t>& inputs() const { return inputs_; }
  const fb::Vector<int32_t>& outputs() const { return outputs_; }
  const uint8_t* blob() const { return blob_; }
  uint32_t blob_size() const { return size_; }

  // Tensor i (< tensor_count()) of subgraph 0.
  NnStatus GetTensor(uint32_t i, TensorView* out, NnError* error) const;
  // Operator i (< op_count()) of subgraph 0.
  NnStatus GetOp(uint32_t i, OpView* out, NnError* error) const;

 private:
  NnStatus TensorData(const fb::Table& tensor, TensorView* out, NnError* error) const;

  const uint8_t* blob_ = nullptr;
  uint32_t size_ = 0;
  fb::TableVector opcodes_, buffers_, tensors_, operators_;
  fb::Vector<int32_t> inputs_, outputs_;
};

// Fills `error` (when non-null) and returns `status`: the one way the
// runtime reports where something failed.
NnStatus Fail(NnError* error, NnStatus status, const char* field, int32_t tensor_index = -1,
              int32_t op_index = -1);

}  // namespace mote::nn
