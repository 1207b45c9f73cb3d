// The planner on residual networks built through mote's IR: skip
// connections keep a tensor alive across a branch. On ResNet-8 greedy
// placement by size already reaches the lower bound (mote must match it);
// on a residual network whose channels widen faster than its maps shrink it
// does not, and mote's plan must need less.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

#include "nn/nn_test_util.h"
#include "nn/residual_net_model.h"

namespace mote::testing {
namespace {

// Prepares `shape`, runs it once, returns its plan figures.
nn::PlanStats PlanAndRun(const char* name, const ResidualNetShape& shape) {
  const std::string tflite = ResidualNetTflite(shape);
  const AlignedBytes blob(std::vector<uint8_t>(tflite.begin(), tflite.end()));
  nn::Interpreter interpreter;
  EXPECT_EQ(interpreter.Init(blob.data(), blob.size()), nn::NnStatus::kOk) << ErrorText(interpreter);
  AlignedBytes arena;
  EXPECT_EQ(PrepareWithNeededArena(interpreter, &arena), nn::NnStatus::kOk) << ErrorText(interpreter);
  const nn::PlanStats plan = interpreter.plan_stats();
  std::printf("%s int8 activations: greedy by size %u bytes, mote %u bytes (best greedy order %u, lower bound %u%s)\n",
              name, plan.greedy_by_size, plan.used, plan.before_search, plan.lower_bound,
              plan.proven_optimal ? ", proven optimal" : "");
  // The plan runs: the model gives a distribution (int8 softmax sums to ~256 steps).
  const std::vector<uint8_t> input = ResidualNetInput();
  EXPECT_EQ(interpreter.input(0).bytes, input.size());
  std::memcpy(interpreter.input(0).data, input.data(), input.size());
  EXPECT_EQ(interpreter.Invoke(), nn::NnStatus::kOk) << ErrorText(interpreter);
  const auto* out = static_cast<const int8_t*>(interpreter.output(0).data);
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += out[i] + 128;
  EXPECT_NEAR(sum, 256, 10);
  EXPECT_GE(plan.used, plan.lower_bound);
  EXPECT_LE(plan.used, plan.greedy_by_size);
  return plan;
}

TEST(NnResidualPlan, ResNet8IsAtTheLowerBound) {
  const nn::PlanStats plan = PlanAndRun("ResNet-8", ResNet8());
  EXPECT_EQ(plan.used, plan.lower_bound);
  EXPECT_TRUE(plan.proven_optimal);
}

TEST(NnResidualPlan, WideningResNetNeedsLessThanGreedyBySize) {
  const nn::PlanStats plan = PlanAndRun("ResNet 8-12-64", WideningResNet());
  EXPECT_LT(plan.used, plan.greedy_by_size);
}

}  // namespace
}  // namespace mote::testing
