// Model fuses a batch norm with the relu that alone reads it (one op,
// batch_norm_op.h's clamp): the values and every gradient must be those of
// the two layers run one after the other.
#include <gtest/gtest.h>

#include "train/gradient_check.h"
#include "train/model.h"

namespace mote::train {
namespace {

struct Pass {
  std::vector<float> output;
  std::vector<std::vector<float>> gradients;
};

// A forward pass in training mode and backward from the outputs' sum.
Pass TrainingPass(const std::vector<LayerSpec>& layers) {
  Result<Model<float>> model = Model<float>::Build({layers}, {6, 5, 2}, 3);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  const Tensor<double> x64 = testing::RandomTensor({4, 6, 5, 2}, 9);
  Tensor<float> x({4, 6, 5, 2});
  for (int64_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(x64[i]);
  ThreadPool pool(2, 1);
  Tape<float> tape(&pool);
  Rng rng(1);
  const Var<float> y = model->Forward(tape, MakeVar(std::move(x), false), true, &rng);
  tape.Backward(y, Tensor<float>(y->value.shape(), 1.0f));
  Pass pass{{y->value.values().begin(), y->value.values().end()}, {}};
  for (const NamedParameter<float>& p : model->parameters()) {
    pass.gradients.emplace_back(p.var->grad.values().begin(), p.var->grad.values().end());
  }
  return pass;
}

TEST(ModelFusionTest, BatchNormThenReluGivesTheSameValuesAndGradientsFused) {
  for (LayerType activation : {LayerType::kRelu, LayerType::kRelu6}) {
    const Window2D three{.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame};
    std::vector<LayerSpec> fused = {{.type = LayerType::kConv2D, .units = 4, .window = three},
                                    {.type = LayerType::kBatchNorm, .name = "bn"},
                                    {.type = activation},
                                    {.type = LayerType::kGlobalAveragePool},
                                    {.type = LayerType::kDense, .units = 3}};
    // A reshape to the same shape between them: the activation no longer
    // reads the batch norm, so the two run as separate ops.
    std::vector<LayerSpec> separate = fused;
    separate.insert(separate.begin() + 2, {.type = LayerType::kReshape, .target_shape = {6, 5, 4}});
    const Pass a = TrainingPass(fused), b = TrainingPass(separate);
    EXPECT_EQ(a.output, b.output);
    ASSERT_EQ(a.gradients.size(), b.gradients.size());
    for (size_t i = 0; i < a.gradients.size(); ++i) {
      EXPECT_FALSE(a.gradients[i].empty());
      EXPECT_EQ(a.gradients[i], b.gradients[i]) << "parameter " << i;
    }
  }
}

}  // namespace
}  // namespace mote::train
