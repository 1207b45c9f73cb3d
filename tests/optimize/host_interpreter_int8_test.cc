// train::HostInterpreter on an int8 model (what `mote eval --int8` and `mote
// quantize` run): it quantizes float rows with the input's scale and zero
// point and dequantizes the output, giving exactly what micro/nn gives on
// the quantized bytes (tests/optimize/quantize_test_util.h quantizes the
// same way, rounding half away from zero).
#include <gtest/gtest.h>

#include "model/tflite_writer.h"
#include "optimize/quantize_test_util.h"
#include "train/host_interpreter.h"

namespace mote::testing {
namespace {

TEST(HostInterpreterInt8, QuantizesTheInputAndDequantizesTheOutput) {
  const TrainedNetwork t = TrainedDsCnn();
  const model::Model q = QuantizedNetwork(t, SyntheticMfccExamples(100, 3), {.append_softmax = true});
  ASSERT_FALSE(q.graphs.empty());
  auto file = model::WriteTflite(q);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const std::vector<float> want = DequantizedOutput(q, RunInMoteNn(*file, QuantizedInput(q, t.inputs.features)));

  auto host = train::HostInterpreter::Open(*file, "ds-cnn int8");
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  const size_t row = (*host)->input_size(), classes = (*host)->output_size();
  ASSERT_EQ(row, t.inputs.features.size() / t.inputs.count());
  ASSERT_EQ(classes * t.inputs.count(), want.size());
  for (int64_t r = 0; r < t.inputs.count(); ++r) {
    auto y = (*host)->Run(std::span<const float>(t.inputs.features).subspan(r * row, row));
    ASSERT_TRUE(y.ok()) << y.status().ToString();
    for (size_t k = 0; k < classes; ++k) EXPECT_EQ((*y)[k], want[r * classes + k]) << "row " << r << " class " << k;
  }
  auto misshapen = (*host)->Run(std::span<const float>(t.inputs.features).subspan(0, row - 1));
  ASSERT_FALSE(misshapen.ok());
  EXPECT_NE(misshapen.status().message().find("the model takes"), std::string::npos);
}

}  // namespace
}  // namespace mote::testing
