// Optimizers and learning-rate schedules against values computed by hand
// (the arithmetic is in the comments).
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "train/lr_schedule.h"
#include "train/optimizer.h"

namespace mote::train {
namespace {

// One parameter holding 1.0, stepped with gradients `grads` at lr 0.1.
std::vector<float> StepParameter(OptimizerOptions options, std::vector<float> grads, bool decay = true) {
  Var<float> w = MakeVar(Tensor<float>({1}, 1.0f), true);
  Optimizer opt({{"w", w, decay}}, options);
  std::vector<float> values;
  for (float g : grads) {
    opt.ZeroGrad();
    w->MutableGrad()[0] = g;
    opt.Step(0.1);
    values.push_back(w->value[0]);
  }
  return values;
}

TEST(OptimizerTest, PlainSgd) {
  // 1 - 0.1 * 0.5 = 0.95; then 0.95 - 0.1 * (-1) = 1.05.
  const std::vector<float> w = StepParameter({.kind = OptimizerKind::kSgd}, {0.5f, -1.0f});
  EXPECT_FLOAT_EQ(w[0], 0.95f);
  EXPECT_FLOAT_EQ(w[1], 1.05f);
}

TEST(OptimizerTest, SgdMomentum) {
  // v = 0.5, w = 1 - 0.05 = 0.95; v = 0.9 * 0.5 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855.
  const std::vector<float> w = StepParameter({.kind = OptimizerKind::kSgd, .momentum = 0.9}, {0.5f, 0.5f});
  EXPECT_FLOAT_EQ(w[0], 0.95f);
  EXPECT_FLOAT_EQ(w[1], 0.855f);
}

TEST(OptimizerTest, SgdNesterov) {
  // v = 0.5, w = 1 - 0.1 * (0.5 + 0.9 * 0.5) = 0.905;
  // v = 0.95, w = 0.905 - 0.1 * (0.5 + 0.855) = 0.7695.
  const std::vector<float> w = StepParameter({.kind = OptimizerKind::kSgd, .momentum = 0.9, .nesterov = true}, {0.5f, 0.5f});
  EXPECT_FLOAT_EQ(w[0], 0.905f);
  EXPECT_FLOAT_EQ(w[1], 0.7695f);
}

TEST(OptimizerTest, L2AddsToTheGradientOfDecayParametersOnly) {
  // g = 0.5 + 0.1 * 1 = 0.6, w = 1 - 0.06 = 0.94; a bias (no decay): 0.95.
  EXPECT_FLOAT_EQ(StepParameter({.kind = OptimizerKind::kSgd, .l2 = 0.1}, {0.5f})[0], 0.94f);
  EXPECT_FLOAT_EQ(StepParameter({.kind = OptimizerKind::kSgd, .l2 = 0.1}, {0.5f}, false)[0], 0.95f);
}

TEST(OptimizerTest, Adam) {
  // Step 1: m = 0.05, v = 0.00025, m^ = 0.5, v^ = 0.25: w = 1 - 0.1 * 0.5 / (0.5 + 1e-7) = 0.90000002.
  // Step 2 (g = -1): m = -0.055, v = 0.00124975, m^ = -0.055 / 0.19 = -0.2894737,
  // v^ = 0.00124975 / 0.001999 = 0.6251876, w = 0.9 + 0.1 * 0.2894737 / 0.7906880 = 0.9366104.
  const std::vector<float> w = StepParameter({.kind = OptimizerKind::kAdam}, {0.5f, -1.0f});
  EXPECT_NEAR(w[0], 0.90000002, 1e-6);
  EXPECT_NEAR(w[1], 0.9366104, 1e-6);
}

TEST(OptimizerTest, AdamWDecaysBeforeTheAdamStep) {
  // w = 1 * (1 - 0.1 * 0.01) = 0.999, then - 0.1: 0.899; step 2: 0.899 * 0.999
  // = 0.898101, then + 0.0366104: 0.9347114. Without decay: Adam's values.
  const OptimizerOptions adamw{.kind = OptimizerKind::kAdamW, .weight_decay = 0.01};
  const std::vector<float> w = StepParameter(adamw, {0.5f, -1.0f});
  EXPECT_NEAR(w[0], 0.89900002, 1e-6);
  EXPECT_NEAR(w[1], 0.9347114, 1e-6);
  EXPECT_NEAR(StepParameter(adamw, {0.5f, -1.0f}, false)[1], 0.9366104, 1e-6);
}

TEST(OptimizerTest, ParametersWithoutGradientStayPut) {
  Var<float> w = MakeVar(Tensor<float>({2}, 1.0f), true);
  Optimizer opt({{"w", w, true}}, {.kind = OptimizerKind::kAdam});
  opt.Step(0.1);
  EXPECT_EQ(w->value[0], 1.0f);
}

TEST(LrScheduleTest, Step) {
  const LrSchedule s{.kind = ScheduleKind::kStep, .lr = 0.1, .step_size = 10, .gamma = 0.5};
  EXPECT_DOUBLE_EQ(s.At(0), 0.1);
  EXPECT_DOUBLE_EQ(s.At(9), 0.1);
  EXPECT_DOUBLE_EQ(s.At(10), 0.05);
  EXPECT_DOUBLE_EQ(s.At(25), 0.025);
}

TEST(LrScheduleTest, Cosine) {
  const LrSchedule s{.kind = ScheduleKind::kCosine, .lr = 1, .total_steps = 100, .min_lr = 0.1};
  EXPECT_DOUBLE_EQ(s.At(0), 1);
  EXPECT_DOUBLE_EQ(s.At(50), 0.55);  // 0.1 + 0.9 * (1 + cos(pi / 2)) / 2
  EXPECT_NEAR(s.At(25), 0.1 + 0.9 * (1 + std::sqrt(0.5)) / 2, 1e-12);
  EXPECT_DOUBLE_EQ(s.At(100), 0.1);
  EXPECT_DOUBLE_EQ(s.At(500), 0.1);
}

TEST(LrScheduleTest, WarmupThenCosine) {
  const LrSchedule s{.kind = ScheduleKind::kCosine, .lr = 1, .total_steps = 110, .warmup_steps = 10};
  EXPECT_DOUBLE_EQ(s.At(0), 0.1);  // 1 * (0 + 1) / 10
  EXPECT_DOUBLE_EQ(s.At(4), 0.5);
  EXPECT_DOUBLE_EQ(s.At(9), 1.0);
  EXPECT_DOUBLE_EQ(s.At(10), 1.0);  // the cosine's start
  EXPECT_NEAR(s.At(60), 0.5, 1e-12);  // half-way through its 100 steps
}

}  // namespace
}  // namespace mote::train
