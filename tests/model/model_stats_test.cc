// The figures `mote model inspect` reports: multiply-accumulates checked
// against SmallCnn's known shapes, and the activation plan checked against
// what any valid plan must satisfy (no two tensors alive at once share a
// byte; the arena holds every tensor alive at any one operator).
#include "model/model_stats.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/model_test_util.h"
#include "model/tflite_reader.h"

namespace mote::testing {
namespace {

TEST(ModelStats, SmallCnnMacs) {
  const model::Model m = SmallCnn(true);
  const model::Graph& g = m.graphs[0];
  int64_t conv = 0, depthwise = 0, fc = 0, pool = 0, softmax = 0, other = 0;
  for (const model::Operator& op : g.operators) {
    const int64_t macs = model::OperatorMacs(g, op);
    if (op.type == model::OpType::kConv2D) conv += macs;
    else if (op.type == model::OpType::kDepthwiseConv2D) depthwise += macs;
    else if (op.type == model::OpType::kFullyConnected) fc += macs;
    else if (op.type == model::OpType::kMaxPool2D) pool += macs;
    else if (op.type == model::OpType::kSoftmax) softmax += macs;
    else other += macs;
  }
  EXPECT_EQ(conv, 8 * 8 * 4 * 3 * 3 * 1);  // [8,8,4] outputs, 3x3x1 each
  EXPECT_EQ(depthwise, 4 * 4 * 4 * 3 * 3);  // [4,4,4] outputs, 3x3 each
  EXPECT_EQ(fc, 3 * 64);
  EXPECT_EQ(pool, 4 * 4 * 4 * 2 * 2);  // [4,4,4] outputs, a 2x2 window each
  EXPECT_EQ(softmax, 3);               // one exponential per output
  EXPECT_EQ(other, 0);                 // RESHAPE moves nothing

  // Elementwise and reducing operators, on a [2,3,5] tensor.
  model::Graph e;
  model::Tensor x;
  x.shape = {2, 3, 5};
  e.tensors = {x, x, x};
  e.tensors[2].shape = {2, 1, 1};
  model::Operator add;
  add.type = model::OpType::kAdd;
  add.inputs = {0, 0};
  add.outputs = {1};
  EXPECT_EQ(model::OperatorMacs(e, add), 30);
  model::Operator mean;
  mean.type = model::OpType::kMean;
  mean.inputs = {0};
  mean.outputs = {2};
  EXPECT_EQ(model::OperatorMacs(e, mean), 30);  // every input element is added once
  model::Operator relu;
  relu.type = model::OpType::kRelu;
  relu.inputs = {0};
  relu.outputs = {1};
  EXPECT_EQ(model::OperatorMacs(e, relu), 0);
}

void ExpectValidPlan(const model::Graph& g, const std::string& what) {
  constexpr int64_t kAlign = 16;
  const model::ActivationPlan plan = model::PlanActivations(g, kAlign);
  const size_t n = g.tensors.size();
  ASSERT_EQ(plan.offset.size(), n) << what;
  // Lifetimes, recomputed here from the header's definition.
  const int64_t last_op = std::max<int64_t>(0, static_cast<int64_t>(g.operators.size()) - 1);
  std::vector<int64_t> first(n, -1), last(n, -1);
  auto touch = [&](int32_t t, int64_t step) {
    if (t < 0 || g.tensors[t].is_constant()) return;
    if (first[t] < 0 || step < first[t]) first[t] = step;
    last[t] = std::max(last[t], step);
  };
  for (int32_t t : g.inputs) touch(t, 0);
  for (size_t i = 0; i < g.operators.size(); ++i) {
    for (int32_t t : g.operators[i].inputs) touch(t, static_cast<int64_t>(i));
    for (int32_t t : g.operators[i].outputs) touch(t, static_cast<int64_t>(i));
  }
  for (int32_t t : g.outputs) touch(t, last_op);
  for (size_t t = 0; t < n; ++t)
    if (first[t] >= 0 && g.tensors[t].is_variable) first[t] = 0, last[t] = last_op;

  auto end = [&](size_t t) { return plan.offset[t] + g.tensors[t].ByteSize(); };
  int64_t highest = 0;
  for (size_t t = 0; t < n; ++t) {
    if (first[t] < 0) {
      EXPECT_EQ(plan.offset[t], -1) << what << " tensor " << t;
      continue;
    }
    ASSERT_GE(plan.offset[t], 0) << what << " tensor " << t;
    EXPECT_EQ(plan.offset[t] % kAlign, 0) << what << " tensor " << t;
    highest = std::max(highest, end(t));
    for (size_t u = 0; u < t; ++u) {
      if (first[u] >= 0 && first[u] <= last[t] && first[t] <= last[u]) {
        EXPECT_TRUE(end(t) <= plan.offset[u] || end(u) <= plan.offset[t])
            << what << ": tensors " << u << " and " << t << " are alive together and overlap";
      }
    }
  }
  EXPECT_GE(plan.arena_bytes, highest) << what;
  EXPECT_LT(plan.arena_bytes, highest + kAlign) << what;  // only the last tensor's alignment padding on top
  for (int64_t step = 0; step <= last_op; ++step) {
    int64_t alive = 0;
    for (size_t t = 0; t < n; ++t)
      if (first[t] >= 0 && first[t] <= step && step <= last[t]) alive += g.tensors[t].ByteSize();
    EXPECT_GE(plan.arena_bytes, alive) << what << " at operator " << step;
  }
}

TEST(ModelStats, SmallCnnPlanIsValid) {
  for (bool int8 : {true, false}) {
    const model::Model m = SmallCnn(int8);
    ExpectValidPlan(m.graphs[0], int8 ? "SmallCnn int8" : "SmallCnn float");
  }
}

TEST(ModelStats, EverySharedModelPlanIsValid) {
  const auto files = SharedTfliteFiles();
  if (files.empty()) GTEST_SKIP() << "no ../shared/models (set MOTE_SHARED_MODELS)";
  for (const auto& f : files) {
    auto m = model::ReadTfliteFile(f);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    for (const model::Graph& g : m->graphs) ExpectValidPlan(g, f.filename().string());
  }
}

}  // namespace
}  // namespace mote::testing
