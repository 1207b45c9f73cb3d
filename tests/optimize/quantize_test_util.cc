#include "optimize/quantize_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

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

void ExpectWithinLsb(const std::vector<uint8_t>& got, const std::vector<uint8_t>& want, int max_lsb,
                     const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  int worst = 0;
  size_t differ = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    const int d = std::abs(static_cast<int8_t>(got[i]) - static_cast<int8_t>(want[i]));
    EXPECT_LE(d, max_lsb) << what << ": element " << i;
    worst = std::max(worst, d);
    differ += d != 0;
  }
  std::printf("  %s: %zu of %zu values differ, by at most %d LSB\n", what.c_str(), differ, got.size(), worst);
}

std::vector<QuantizedCase> QuantizedTrainedNetworks(std::string* skip_reason) {
  const TrainedNetwork cnn = TrainedFashionCnn(skip_reason);
  if (!skip_reason->empty()) return {};
  const TrainedNetwork ds_cnn = TrainedDsCnn();
  const train::Examples calibration[] = {FashionImages("train", 100), SyntheticMfccExamples(100, 3)};
  const TrainedNetwork* networks[] = {&cnn, &ds_cnn};
  const char* names[] = {"fashion cnn", "ds-cnn"};
  std::vector<QuantizedCase> cases;
  for (int n = 0; n < 2; ++n) {
    for (bool softmax : {false, true}) {
      QuantizedCase c{std::string(names[n]) + (softmax ? " with softmax" : " logits"),
                      QuantizedNetwork(*networks[n], calibration[n], {.append_softmax = softmax}), {},
                      n == 0 ? 1 : 3};
      if (c.model.graphs.empty()) return {};
      c.inputs = QuantizedInput(c.model, networks[n]->inputs.features);
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

}  // namespace mote::testing
