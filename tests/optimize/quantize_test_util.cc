#include "optimize/quantize_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "optimize/int8_quantizer.h"

namespace mote::testing {

std::vector<std::vector<float>> CalibrationRows(const train::Examples& examples, int64_t count) {
  const size_t row = train::ShapeSize(examples.shape);
  std::vector<std::vector<float>> rows;
  for (int64_t i = 0; i < std::min(count, examples.count()); ++i) {
    rows.emplace_back(examples.features.begin() + i * row, examples.features.begin() + (i + 1) * row);
  }
  return rows;
}

model::Model QuantizedNetwork(const TrainedNetwork& t, const train::Examples& calibration,
                              const train::ExportOptions& options) {
  auto float_model = train::ExportModel(t.network, options);
  EXPECT_TRUE(float_model.ok()) << float_model.status().ToString();
  if (!float_model.ok()) return {};
  const auto rows = CalibrationRows(calibration, 100);
  auto quantized = optimize::QuantizeInt8(*float_model, rows);
  EXPECT_TRUE(quantized.ok()) << quantized.status().ToString();
  return quantized.ok() ? std::move(*quantized) : model::Model{};
}

std::vector<uint8_t> QuantizedInput(const model::Model& m, const std::vector<float>& features) {
  const model::Graph& g = m.graphs[0];
  const model::Quantization& q = g.tensors[g.inputs[0]].quantization;
  std::vector<uint8_t> out;
  for (float x : features) {
    const long v = std::lround(x / q.scale[0]) + q.zero_point[0];
    out.push_back(static_cast<uint8_t>(static_cast<int8_t>(std::clamp<long>(v, -128, 127))));
  }
  return out;
}

std::vector<float> DequantizedOutput(const model::Model& m, const std::vector<uint8_t>& bytes) {
  const model::Graph& g = m.graphs[0];
  const model::Quantization& q = g.tensors[g.outputs[0]].quantization;
  std::vector<float> out;
  for (uint8_t b : bytes) out.push_back(q.scale[0] * static_cast<float>(static_cast<int8_t>(b) - q.zero_point[0]));
  return out;
}

}  // namespace mote::testing
