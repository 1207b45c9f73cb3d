// optimize::QuantizeInt8 on the trained test networks (a Fashion-MNIST CNN
// and a DS-CNN): the int8 model runs in mote's interpreter (micro/nn) and
// its dequantized logits stay close to the float model's, with the same
// top-1 class on nearly every input; and bad calibration sets are refused.
// The third-party runtimes (Arm NN, LiteRT.js) are checked in tests/model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/tflite_writer.h"
#include "optimize/int8_quantizer.h"
#include "optimize/quantize_test_util.h"
#include "train/export_test_util.h"

namespace mote::optimize {
namespace {

using model::DType;
using model::OpType;

size_t ArgMax(const float* v, size_t n) { return std::max_element(v, v + n) - v; }

// Quantizes `t` on the first 100 rows of `calibration`, runs the float and
// the int8 model in micro/nn on `held_out`, and checks that the dequantized
// logits are within `max_error` (worst element) and `mean_error` (mean
// absolute) of the float logits' range (max - min over all outputs), and
// that top-1 agrees on >= 97% of the rows.
void ExpectCloseToFloat(const testing::TrainedNetwork& t, const train::Examples& calibration,
                        const train::Examples& held_out, double max_error, double mean_error) {
  const model::Model q = testing::QuantizedNetwork(t, calibration);
  ASSERT_FALSE(q.graphs.empty());
  auto file = model::WriteTflite(q);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const std::vector<float> want = testing::RunInMoteNn(testing::ExportedFile(t), held_out);
  const std::vector<float> got =
      testing::DequantizedOutput(q, testing::RunInMoteNn(*file, testing::QuantizedInput(q, held_out.features)));
  ASSERT_EQ(got.size(), want.size());
  const auto [lo, hi] = std::minmax_element(want.begin(), want.end());
  double worst = 0, sum = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    const double error = std::fabs(double(got[i]) - want[i]);
    worst = std::max(worst, error);
    sum += error;
  }
  const double mean = sum / got.size();
  const size_t classes = want.size() / held_out.count();
  int64_t agree = 0;
  for (int64_t r = 0; r < held_out.count(); ++r) {
    agree += ArgMax(&got[r * classes], classes) == ArgMax(&want[r * classes], classes);
  }
  const double range = *hi - *lo;
  std::printf("  %lld rows: |int8 - float| max %.4f (%.2f%%), mean %.4f (%.2f%%) of the float logits' range %.3f; "
              "top-1 agreement %.1f%%\n",
              static_cast<long long>(held_out.count()), worst, 100 * worst / range, mean, 100 * mean / range, range,
              100.0 * agree / held_out.count());
  EXPECT_LE(worst, max_error * range);
  EXPECT_LE(mean, mean_error * range);
  EXPECT_GE(agree * 100, 97 * held_out.count());
}

TEST(Int8Quantizer, FashionCnnStaysCloseToTheFloatModel) {
  std::string skip;
  const testing::TrainedNetwork t = testing::TrainedFashionCnn(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  const train::Examples train_images = testing::FashionImages("train", 100);
  const train::Examples test_images = testing::FashionImages("t10k", 300);
  ExpectCloseToFloat(t, train_images, test_images, 0.15, 0.01);
}

TEST(Int8Quantizer, DsCnnStaysCloseToTheFloatModel) {
  const testing::TrainedNetwork t = testing::TrainedDsCnn();
  ExpectCloseToFloat(t, testing::SyntheticMfccExamples(100, 3), testing::SyntheticMfccExamples(300, 4), 0.05, 0.01);
}

TEST(Int8Quantizer, QuantizesTensorsAsTfliteFullIntegerQuantizationDoes) {
  const testing::TrainedNetwork t = testing::TrainedDsCnn();
  const model::Model q = testing::QuantizedNetwork(t, testing::SyntheticMfccExamples(100, 3), {.append_softmax = true});
  ASSERT_FALSE(q.graphs.empty());
  const model::Graph& g = q.graphs[0];
  for (const model::Tensor& tensor : g.tensors) EXPECT_NE(tensor.dtype, DType::kFloat32) << tensor.name;
  EXPECT_EQ(g.tensors[g.inputs[0]].dtype, DType::kInt8);
  int convolutions = 0;
  for (const model::Operator& op : g.operators) {
    const model::Tensor& x = g.tensors[op.inputs[0]];
    const model::Tensor& y = g.tensors[op.outputs[0]];
    SCOPED_TRACE(op.Name() + " -> " + y.name);
    ASSERT_EQ(y.quantization.scale.size(), 1u);
    const double lo = y.quantization.scale[0] * (-128 - y.quantization.zero_point[0]);
    const double hi = y.quantization.scale[0] * (127 - y.quantization.zero_point[0]);
    EXPECT_TRUE(lo <= 0 && hi >= 0) << "zero must be representable";
    switch (op.type) {
      case OpType::kSoftmax:
        EXPECT_EQ(y.quantization.scale[0], 1.0f / 256);
        EXPECT_EQ(y.quantization.zero_point[0], -128);
        break;
      case OpType::kMaxPool2D: case OpType::kAveragePool2D: case OpType::kReshape:
        EXPECT_EQ(y.quantization, x.quantization);
        break;
      case OpType::kConv2D: case OpType::kDepthwiseConv2D: {
        ++convolutions;
        const model::Tensor& w = g.tensors[op.inputs[1]];
        const model::Tensor& b = g.tensors[op.inputs[2]];
        const int32_t axis = op.type == OpType::kConv2D ? 0 : 3;
        EXPECT_EQ(w.dtype, DType::kInt8);
        EXPECT_EQ(w.quantization.axis, axis);
        ASSERT_EQ(w.quantization.scale.size(), static_cast<size_t>(w.shape[axis]));
        EXPECT_EQ(b.dtype, DType::kInt32);
        ASSERT_EQ(b.quantization.scale.size(), w.quantization.scale.size());
        for (size_t c = 0; c < w.quantization.scale.size(); ++c) {
          EXPECT_EQ(w.quantization.zero_point[c], 0);
          EXPECT_FLOAT_EQ(b.quantization.scale[c], x.quantization.scale[0] * w.quantization.scale[c]);
        }
        for (uint8_t v : w.data) EXPECT_NE(static_cast<int8_t>(v), -128) << "symmetric: [-127, 127]";
        break;
      }
      case OpType::kFullyConnected:
        EXPECT_EQ(g.tensors[op.inputs[1]].quantization.scale.size(), 1u);
        break;
      default:
        break;
    }
  }
  EXPECT_GT(convolutions, 2);
  // Softmax output in micro/nn: probabilities that sum to about one.
  auto file = model::WriteTflite(q);
  ASSERT_TRUE(file.ok());
  const std::vector<float> p = testing::DequantizedOutput(
      q, testing::RunInMoteNn(*file, testing::QuantizedInput(q, t.inputs.features)));
  ASSERT_EQ(p.size(), 3u * t.inputs.count());
  for (int64_t r = 0; r < t.inputs.count(); ++r) EXPECT_NEAR(p[3 * r] + p[3 * r + 1] + p[3 * r + 2], 1.0, 0.02);
}

TEST(Int8Quantizer, RefusesAnEmptyOrMisshapenCalibrationSet) {
  const testing::TrainedNetwork t = testing::TrainedDsCnn();
  auto float_model = train::ExportModel(t.network);
  ASSERT_TRUE(float_model.ok());
  auto empty = QuantizeInt8(*float_model, {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "quantize: no calibration inputs (at least one is needed)");
  std::vector<CalibrationInput> rows = testing::CalibrationRows(t.inputs, 3);
  rows[2].pop_back();
  auto misshapen = QuantizeInt8(*float_model, rows);
  ASSERT_FALSE(misshapen.ok());
  EXPECT_NE(misshapen.status().message().find("calibration input 2 has 489 values"), std::string::npos)
      << misshapen.status().message();
}

TEST(Int8Quantizer, NamesAnOperatorItCannotQuantize) {
  const testing::TrainedNetwork t = testing::LayerZooNetwork();
  auto float_model = train::ExportModel(t.network);
  ASSERT_TRUE(float_model.ok());
  auto q = QuantizeInt8(*float_model, testing::CalibrationRows(t.inputs, 4));
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("has no int8 quantization"), std::string::npos) << q.status().message();
}

}  // namespace
}  // namespace mote::optimize
