// mote's model IR: what the importer produces, what training and
// optimization will produce, and what the exporters and the inspector read.
//
// A Model holds one or more Graphs (graph 0 is the entry point). A Graph is a
// list of tensors and a list of operators in execution order; operators
// refer to tensors by index into their graph's `tensors`, and -1 marks an
// absent optional input. Constant tensors own their data (little-endian
// bytes, row-major, exactly ElementCount * ElementSize bytes).
//
// Plain value types: copyable, comparable with == (used to check that a
// model survives export and import unchanged), not thread-safe to mutate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/dtype.h"
#include "model/op_type.h"

namespace mote::model {

// real = scale * (q - zero_point). One entry per tensor, or (per-channel)
// one per index of dimension `axis`. Empty `scale`: not quantized. The
// importer guarantees that a per-channel `axis` is a dimension of the tensor
// whose size is the number of scales.
// min/max are the float range a converter recorded; kept for round trips.
struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t axis = 0;
  std::vector<float> min, max;

  bool empty() const { return scale.empty() && zero_point.empty() && min.empty() && max.empty(); }
  bool per_channel() const { return scale.size() > 1; }
  bool operator==(const Quantization&) const = default;
};

struct Tensor {
  std::string name;
  DType dtype = DType::kFloat32;
  std::vector<int32_t> shape;            // all dims >= 0
  std::vector<int32_t> shape_signature;  // shape with -1 for unknown dims; may be empty
  Quantization quantization;
  std::vector<uint8_t> data;             // non-empty: a constant
  bool is_variable = false;              // state kept between invocations (LSTM, SVDF)

  bool is_constant() const { return !data.empty(); }
  // Product of the dims (1 for a scalar). The importer guarantees it fits.
  int64_t ElementCount() const;
  int64_t ByteSize() const { return ElementCount() * static_cast<int64_t>(ElementSize(dtype)); }
  bool operator==(const Tensor&) const = default;
};

struct Operator {
  OpType type = OpType::kCustom;
  std::vector<int32_t> inputs;   // tensor indices; -1: absent optional input
  std::vector<int32_t> outputs;
  std::vector<int32_t> intermediates;  // tensors internal to the op (quantized LSTM)
  OpAttributes attributes;
  int32_t version = 1;  // the operator's version in .tflite (what runtimes check)
  // kCustom: the operator's name and its options as stored (usually FlexBuffers).
  std::string custom_code;
  std::vector<uint8_t> custom_options;
  // kUnsupported: the .tflite builtin code and its name.
  int32_t builtin_code = -1;
  std::string builtin_name;

  // OpTypeName, or the custom/unsupported operator's own name.
  std::string Name() const;
  bool operator==(const Operator&) const = default;
};

struct Graph {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<int32_t> inputs, outputs;
  std::vector<Operator> operators;
  bool operator==(const Graph&) const = default;
};

// What mote writes into a file it exports so that the file describes itself
// (stored as JSON in the .tflite metadata entry named "mote"; see
// docs/tflite.md).
struct MoteMetadata {
  std::string mote_version;         // the mote that wrote the file
  std::string lineage;              // hash of what the model was made from
  std::vector<std::string> labels;  // class names, in output order
  nlohmann::json dsp;               // the DSP block and its parameters; null if none
  bool operator==(const MoteMetadata&) const = default;
};

// A metadata entry of another tool, kept as bytes for round trips.
struct NamedBlob {
  std::string name;
  std::vector<uint8_t> bytes;
  bool operator==(const NamedBlob&) const = default;
};

struct Model {
  std::string description;
  std::vector<Graph> graphs;
  std::optional<MoteMetadata> mote;
  std::vector<NamedBlob> metadata;  // other entries, in file order
  bool operator==(const Model&) const = default;
};

}  // namespace mote::model
