// ExportModel (src/train/tflite_export.h): trained networks written as
// .tflite and run in mote's interpreter (micro/nn, float kernels) give the
// trainer's evaluation-mode outputs within 1e-5 relative + 1e-6 absolute;
// batch norm is folded, relu fused, dropout gone, and where folding or
// fusing would be wrong (a shared output, batch norm after an activation or
// after the input) the exporter keeps the computation separate.
#include <gtest/gtest.h>

#include "train/export_test_util.h"
#include "train/tflite_export.h"

namespace mote::train {
namespace {

using model::OpType;

// The exported graph's operator types, in order.
std::vector<OpType> Ops(const model::Model& m) {
  std::vector<OpType> ops;
  for (const model::Operator& op : m.graphs[0].operators) ops.push_back(op.type);
  return ops;
}

model::Activation ActivationOf(const model::Operator& op) {
  if (auto* a = std::get_if<model::Conv2DAttributes>(&op.attributes)) return a->activation;
  if (auto* a = std::get_if<model::DepthwiseConv2DAttributes>(&op.attributes)) return a->activation;
  if (auto* a = std::get_if<model::FullyConnectedAttributes>(&op.attributes)) return a->activation;
  if (auto* a = std::get_if<model::ElementwiseAttributes>(&op.attributes)) return a->activation;
  return model::Activation::kNone;
}

// Exports, writes and runs `t` in micro/nn; expects the trainer's outputs.
model::Model ExpectSameInMoteNn(const testing::TrainedNetwork& t) {
  auto m = ExportModel(t.network);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  if (!m.ok()) return {};
  testing::ExpectCloseFloats(testing::RunInMoteNn(testing::ExportedFile(t), t.inputs), t.eval_output);
  return *m;
}

TEST(TfliteExportTest, FashionCnnRunsInMoteNnAsTheTrainerComputesIt) {
  std::string skip;
  testing::TrainedNetwork t = testing::TrainedFashionCnn(&skip);
  if (!skip.empty()) GTEST_SKIP() << skip;
  const model::Model m = ExpectSameInMoteNn(t);
  // 4 x (conv, bn, relu) with the batch norms folded and relus fused; the
  // dropout gone.
  EXPECT_EQ(Ops(m), (std::vector<OpType>{OpType::kConv2D, OpType::kConv2D, OpType::kMaxPool2D, OpType::kConv2D,
                                         OpType::kConv2D, OpType::kMaxPool2D, OpType::kReshape,
                                         OpType::kFullyConnected}));
  for (int i : {0, 1, 3, 4}) EXPECT_EQ(ActivationOf(m.graphs[0].operators[i]), model::Activation::kRelu) << i;
  EXPECT_EQ(m.graphs[0].tensors[m.graphs[0].inputs[0]].shape, (std::vector<int32_t>{1, 28, 28, 1}));
  EXPECT_EQ(m.graphs[0].tensors[m.graphs[0].outputs[0]].shape, (std::vector<int32_t>{1, 10}));
}

TEST(TfliteExportTest, DsCnnRunsInMoteNnAsTheTrainerComputesIt) {
  testing::TrainedNetwork t = testing::TrainedDsCnn();
  const model::Model m = ExpectSameInMoteNn(t);
  EXPECT_EQ(Ops(m), (std::vector<OpType>{OpType::kConv2D, OpType::kDepthwiseConv2D, OpType::kConv2D,
                                         OpType::kDepthwiseConv2D, OpType::kConv2D, OpType::kAveragePool2D,
                                         OpType::kReshape, OpType::kFullyConnected}));
}

TEST(TfliteExportTest, FoldsAndFusesOnlyWhereTheOutputFeedsNothingElse) {
  // input -> bn (after the input: a 1x1 depthwise) -> conv -> relu (the
  // conv also feeds the add: not fused) -> add -> avg pool -> dropout ->
  // flatten -> dense -> bn (folded) -> relu6 (fused) -> dense -> relu ->
  // bn (after an activation: kept) -> dense.
  ModelSpec spec;
  spec.layers = {
      {.type = LayerType::kBatchNorm, .name = "bn_in"},
      {.type = LayerType::kConv2D, .name = "conv", .units = 4, .window = {.kernel_h = 3, .kernel_w = 3,
                                                                           .padding = Padding::kSame}},
      {.type = LayerType::kRelu, .name = "relu"},
      {.type = LayerType::kAdd, .name = "add", .inputs = {"relu", "conv"}},
      {.type = LayerType::kAveragePool, .name = "pool", .window = {.kernel_h = 2, .kernel_w = 2, .stride_h = 2,
                                                                    .stride_w = 2}},
      {.type = LayerType::kDropout, .name = "drop", .rate = 0.5},
      {.type = LayerType::kFlatten, .name = "flat"},
      {.type = LayerType::kDense, .name = "dense", .units = 8},
      {.type = LayerType::kBatchNorm, .name = "bn_dense"},
      {.type = LayerType::kRelu6, .name = "relu6"},
      {.type = LayerType::kDense, .name = "dense2", .units = 6},
      {.type = LayerType::kRelu, .name = "relu2"},
      {.type = LayerType::kBatchNorm, .name = "bn_after_relu"},
      {.type = LayerType::kDense, .name = "logits", .units = 3},
  };
  testing::TrainedNetwork t = testing::BuiltNetwork(spec, {8, 8, 2}, 3);
  const model::Model m = ExpectSameInMoteNn(t);
  EXPECT_EQ(Ops(m), (std::vector<OpType>{OpType::kDepthwiseConv2D, OpType::kConv2D, OpType::kRelu, OpType::kAdd,
                                         OpType::kAveragePool2D, OpType::kReshape, OpType::kFullyConnected,
                                         OpType::kFullyConnected, OpType::kReshape, OpType::kDepthwiseConv2D,
                                         OpType::kReshape, OpType::kFullyConnected}));
  const auto& ops = m.graphs[0].operators;
  EXPECT_EQ(ActivationOf(ops[1]), model::Activation::kNone);   // conv: its output is shared
  EXPECT_EQ(ActivationOf(ops[6]), model::Activation::kRelu6);  // dense + bn + relu6
  EXPECT_EQ(ActivationOf(ops[7]), model::Activation::kRelu);   // dense2 + relu, then bn kept
}

TEST(TfliteExportTest, Conv1dNetworksRunAsHeightOneImages) {
  ModelSpec spec;
  spec.layers = {
      {.type = LayerType::kConv1D, .units = 5, .window = {.kernel_w = 3, .padding = Padding::kSame}, .use_bias = false},
      {.type = LayerType::kBatchNorm},
      {.type = LayerType::kRelu},
      {.type = LayerType::kMaxPool, .window = {.kernel_w = 2, .stride_w = 2}},
      {.type = LayerType::kConv1D, .units = 4, .window = {.kernel_w = 3, .stride_w = 2, .padding = Padding::kValid}},
      {.type = LayerType::kGlobalAveragePool},
      {.type = LayerType::kDense, .units = 2},
  };
  testing::TrainedNetwork t = testing::BuiltNetwork(spec, {16, 3}, 2);
  const model::Model m = ExpectSameInMoteNn(t);
  EXPECT_EQ(m.graphs[0].tensors[m.graphs[0].inputs[0]].shape, (std::vector<int32_t>{1, 1, 16, 3}));
  EXPECT_EQ(Ops(m), (std::vector<OpType>{OpType::kConv2D, OpType::kMaxPool2D, OpType::kConv2D,
                                         OpType::kAveragePool2D, OpType::kReshape, OpType::kFullyConnected}));
}

}  // namespace
}  // namespace mote::train
