// Builds small .tflite models in tests with the FlatBuffers builder (the
// host library; the device reader is micro/nn's own), for ops and errors the
// shared models do not exercise.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <flatbuffers/flatbuffers.h>

namespace mote::testing {

struct TfliteTensor {
  std::vector<int32_t> shape;
  int8_t type = 0;                 // TensorType: 0 float32, 9 int8, 2 int32
  std::vector<uint8_t> data;       // constant bytes; empty for activations
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
};

struct TfliteOp {
  int32_t builtin_code = 0;
  std::vector<int32_t> inputs, outputs;
  uint8_t options_type = 0;
  // Writes the options table (fields by id); null for none.
  std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder&)> options;
};

std::vector<uint8_t> BuildTflite(const std::vector<TfliteTensor>& tensors, const std::vector<TfliteOp>& ops,
                                 const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs);

// The vtable offset of schema field `id`.
constexpr flatbuffers::voffset_t Field(int id) { return static_cast<flatbuffers::voffset_t>(4 + 2 * id); }

}  // namespace mote::testing
