// micro/nn/kernels/add.cc: int8 ADD and SUB, whose short form of the three
// rescales (taken when the parameters allow it) must give TensorFlow Lite
// Micro's reference bytes. Every pair of int8 inputs is tried for layers of
// random and extreme scales and zero points, against the reference
// arithmetic written here from quantization.h. The portable form runs here;
// the Cortex-M SMMLAR form runs in the golden models on the emulated boards.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "micro/nn/kernels/add.h"
#include "micro/nn/quantization.h"

namespace mote::nn {
namespace {

// AddParams as ADD's Prepare makes them from the tensors' quantization.
AddParams Int8Params(float scale1, int32_t zero1, float scale2, int32_t zero2, float out_scale, int32_t out_zero,
                     int32_t act_min, int32_t act_max) {
  AddParams p{};
  p.type = tflite::TensorType::kInt8;
  p.shape.rank = 1;
  p.shape.dims[0] = 256 * 256;
  p.shape.strides1[0] = p.shape.strides2[0] = 1;
  p.shape.elements = 256 * 256;
  p.input1_offset = -zero1;
  p.input2_offset = -zero2;
  p.output_offset = out_zero;
  p.left_shift = 20;
  const double twice_max = 2 * static_cast<double>(std::max(scale1, scale2));
  int s1 = 0, s2 = 0, so = 0;
  QuantizeMultiplier(static_cast<double>(scale1) / twice_max, &p.input1_multiplier, &s1);
  QuantizeMultiplier(static_cast<double>(scale2) / twice_max, &p.input2_multiplier, &s2);
  QuantizeMultiplier(twice_max / (static_cast<double>(1 << 20) * static_cast<double>(out_scale)), &p.output_multiplier,
                     &so);
  p.input1_shift = s1;
  p.input2_shift = s2;
  p.output_shift = so;
  p.act_min = act_min;
  p.act_max = act_max;
  return p;
}

// TensorFlow Lite Micro's reference ADD/SUB of one pair.
int8_t Reference(const AddParams& p, int32_t a, int32_t b, bool sub) {
  const int32_t x = (a + p.input1_offset) * (1 << p.left_shift);
  const int32_t y = (b + p.input2_offset) * (1 << p.left_shift);
  const int32_t sx = MultiplyByQuantizedMultiplier(x, p.input1_multiplier, p.input1_shift);
  const int32_t sy = MultiplyByQuantizedMultiplier(y, p.input2_multiplier, p.input2_shift);
  const int32_t v = MultiplyByQuantizedMultiplier(sub ? sx - sy : sx + sy, p.output_multiplier, p.output_shift) +
                    p.output_offset;
  return static_cast<int8_t>(std::min(p.act_max, std::max(p.act_min, v)));
}

// Every (a, b) through AddInt8 and SubInt8 against Reference; the number of
// differing outputs.
int Mismatches(const AddParams& p) {
  std::vector<int8_t> a(256 * 256), b(256 * 256), out(256 * 256);
  for (int i = 0; i < 256 * 256; ++i) {
    a[i] = static_cast<int8_t>(i / 256 - 128);
    b[i] = static_cast<int8_t>(i % 256 - 128);
  }
  int bad = 0;
  for (const bool sub : {false, true}) {
    (sub ? SubInt8 : AddInt8)(p, a.data(), b.data(), out.data());
    for (int i = 0; i < 256 * 256; ++i) bad += out[i] != Reference(p, a[i], b[i], sub);
  }
  return bad;
}

TEST(NnAddInt8Test, EveryInputPairMatchesTheReferenceArithmetic) {
  // simple_add_model's layer, equal scales (both input shifts 0), scales far
  // apart (a shift of 31 and one flushed to a zero multiplier), an output
  // scale that makes the output shift small, extreme zero points, a ReLU6
  // range.
  const AddParams layers[] = {
      Int8Params(0.0407254f, -2, 0.0412456f, -1, 0.0583774f, -3, -128, 127),
      Int8Params(0.05f, 0, 0.05f, 0, 0.1f, 0, -128, 127),
      Int8Params(0.5f, 127, 0.5f, -128, 1.0f, -128, -128, 127),
      Int8Params(1.0f, 3, 2e-9f, -7, 0.7f, 5, -128, 127),
      Int8Params(1.0f, 3, 2e-12f, -7, 0.7f, 5, -128, 127),
      Int8Params(0.02f, -128, 0.9f, 127, 2e-6f, 127, -128, 127),  // output shift 0
      Int8Params(0.02f, 10, 0.03f, -20, 0.023529412f, -128, -128, -128 + 255),
      Int8Params(0.1f, 0, 0.2f, 0, 0.05f, -128, -128, 0),
  };
  for (const AddParams& p : layers) {
    EXPECT_EQ(Mismatches(p), 0) << "shifts " << p.input1_shift << " " << p.input2_shift << " " << p.output_shift;
  }
  std::mt19937 rng(61);
  std::uniform_real_distribution<float> log_scale(-12.0f, 2.0f);
  std::uniform_int_distribution<int32_t> zero(-128, 127);
  for (int trial = 0; trial < 24; ++trial) {
    const float s1 = std::exp2(log_scale(rng)), s2 = std::exp2(log_scale(rng)), so = std::exp2(log_scale(rng));
    const AddParams p = Int8Params(s1, zero(rng), s2, zero(rng), so, zero(rng), -128, 127);
    if (p.output_shift > 0) continue;  // Prepare rejects these
    EXPECT_EQ(Mismatches(p), 0) << "scales " << s1 << " " << s2 << " " << so;
  }
}

// Parameters no Prepare makes (the generated code could hold any): a left
// shift or an offset too large for the short form, a positive output shift.
// They take TensorFlow Lite's form and still give its bytes.
TEST(NnAddInt8Test, ParametersOutsideTheShortFormTakeTheLongForm) {
  AddParams p = Int8Params(0.05f, 0, 0.04f, 0, 0.1f, 0, -128, 127);
  p.left_shift = 22;
  EXPECT_EQ(Mismatches(p), 0);
  p = Int8Params(0.05f, 0, 0.04f, 0, 0.1f, 0, -128, 127);
  p.input1_offset = 1000;  // (128 + 1000) * 2^20 is past the 2^30 the short form needs
  EXPECT_EQ(Mismatches(p), 0);
  p = Int8Params(0.05f, 0, 0.04f, 0, 0.1f, 0, -128, 127);
  p.output_shift = -31;
  p.output_offset = 100;  // the short form's addend would overflow
  EXPECT_EQ(Mismatches(p), 0);
  p = Int8Params(0.05f, 0, 0.04f, 0, 0.1f, 0, -128, 127);
  p.input1_multiplier = (1 << 30) + 12345;  // a zero shift with m other than 2^30
  EXPECT_EQ(Mismatches(p), 0);
  p.input1_multiplier = 1 << 30;
  p.left_shift = 0;  // an odd x: x / 2 is not the rescale
  EXPECT_EQ(Mismatches(p), 0);
}

}  // namespace
}  // namespace mote::nn
