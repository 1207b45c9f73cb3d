// Every network of the zoo, built by Model at a small width, against
// central finite differences in double: the gradient of every parameter as
// the layers compose in a model (fused batch norm and relu, residual adds,
// flatten and reshape, the loss on top), in training mode. op_gradient_test
// checks the ops one by one; this checks how Model wires them.
#include <string>

#include <gtest/gtest.h>

#include "train/gradient_check.h"
#include "train/losses.h"
#include "train/model.h"
#include "train/model_zoo.h"

namespace mote::train {
namespace {

struct ZooCase {
  std::string name;
  Shape input;
  int64_t depth = 0;
};

class ModelGradientTest : public ::testing::TestWithParam<ZooCase> {};

TEST_P(ModelGradientTest, EveryParameterMatchesFiniteDifferences) {
  const ZooCase& c = GetParam();
  Result<ModelSpec> spec = ZooModel({.name = c.name, .width = 0.25, .depth = c.depth, .classes = 3}, c.input);
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  // Dropout would draw a new mask at every pass of the finite differences.
  for (LayerSpec& layer : spec->layers) {
    if (layer.type == LayerType::kDropout) layer.rate = 0;
  }
  Result<Model<double>> model = Model<double>::Build(*spec, c.input, 5);
  ASSERT_TRUE(model.ok()) << model.status().ToString();

  Shape batch_shape = {3};
  batch_shape.insert(batch_shape.end(), c.input.begin(), c.input.end());
  const Var<double> x = MakeVar(testing::RandomTensor(batch_shape, 11), false);
  const bool reconstruction = c.name == "autoencoder";
  const std::vector<int32_t> labels = {2, 0, 1};
  std::vector<Var<double>> params;
  for (const NamedParameter<double>& p : model->parameters()) params.push_back(p.var);

  ThreadPool pool(1);
  testing::ExpectGradientsMatch(
      params,
      [&](Tape<double>& tape) {
        const Var<double> y = model->Forward(tape, x, true, nullptr);
        return reconstruction ? MeanSquaredError(tape, y, x->value)
                              : SoftmaxCrossEntropy(tape, y, labels, {.label_smoothing = 0.1});
      },
      &pool, 1e-6, 1e-5);
}

INSTANTIATE_TEST_SUITE_P(Zoo, ModelGradientTest,
                         ::testing::Values(ZooCase{"mlp", {4, 3}}, ZooCase{"cnn", {8, 8, 1}},
                                           ZooCase{"ds_cnn", {12, 6, 1}}, ZooCase{"conv1d", {16, 3}},
                                           ZooCase{"autoencoder", {6}, 1}, ZooCase{"mobilenet_v1", {8, 8, 3}, 2},
                                           ZooCase{"resnet8", {8, 8, 3}}),
                         [](const ::testing::TestParamInfo<ZooCase>& zoo) { return zoo.param.name; });

}  // namespace
}  // namespace mote::train
