// LOGISTIC, TANH and MEAN on models built through mote's IR, against
// references written here:
// - int8 LOGISTIC/TANH: TensorFlow Lite Micro's integer steps re-derived in
//   the test (the input multiplier from frexp, the input radius, the rescale
//   to Q4.27, the rounding to the output step) around the exact function in
//   double: every output equals that, except where the exact value is within
//   1e-5 of a rounding tie (gemmlowp's fixed-point function is not exact),
//   and is within one step of the exact real result;
// - gemmlowp's fixed-point logistic and tanh (micro/nn/fixed_point.h) against
//   double on a sweep of Q4.27 inputs;
// - float LOGISTIC/TANH: TFLM's formulas (with its cut-offs) in double;
// - MEAN: float sums in the input's row-major order (TFLM's order: the same
//   bits), int8 TFLM's QuantizedMeanOrSum re-derived here (the multiplier
//   in_scale / out_scale from frexp, 1 / count folded into it), each also
//   within one step of the exact mean.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "micro/nn/fixed_point.h"
#include "nn/built_model_util.h"

namespace mote::testing {
namespace {

using model::DType;
using model::OpType;
using nn::NnStatus;

std::vector<int8_t> EveryInt8() {
  std::vector<int8_t> v;
  for (int i = -128; i <= 127; ++i) v.push_back(static_cast<int8_t>(i));
  return v;
}

// TFLM's QuantizeMultiplier: real = q * 2^shift with q in [0.5, 1) rounded to
// a Q31 integer (halves away from zero; a fraction rounding up to 1 halves).
struct Q31 {
  int64_t multiplier = 0;
  int shift = 0;
};
Q31 TflmQuantizeMultiplier(double real) {
  Q31 r;
  const double q = std::frexp(real, &r.shift);
  r.multiplier = std::llround(q * 2147483648.0);
  if (r.multiplier == (int64_t{1} << 31)) r.multiplier /= 2, ++r.shift;
  if (r.shift < -31) r = Q31{};
  return r;
}

// TFLM's MultiplyByQuantizedMultiplier computed exactly in 64 bits: x * 2^left,
// the doubling high product rounded half up, then a division by 2^right
// rounded half away from zero.
int64_t TflmRescale(int64_t x, const Q31& m) {
  const int left = std::max(m.shift, 0), right = std::max(-m.shift, 0);
  const int64_t high = (x * (int64_t{1} << left) * m.multiplier + (int64_t{1} << 30)) >> 31;
  return static_cast<int64_t>(std::round(static_cast<double>(high) / std::ldexp(1.0, right)));
}

std::vector<uint8_t> UnaryModel(OpType type, DType dtype, std::vector<float> in_scale, std::vector<int64_t> in_zp,
                                std::vector<float> out_scale, std::vector<int64_t> out_zp) {
  return WriteGraph({MakeTensor({2, 128}, dtype, {}, std::move(in_scale), std::move(in_zp)),
                     MakeTensor({2, 128}, dtype, {}, std::move(out_scale), std::move(out_zp))},
                    {MakeOp(type, {0}, {1})}, {0}, {1});
}

TEST(NnActivationOpsTest, FixedPointLogisticAndTanhFollowTheFunctions) {
  // Q4.27 inputs across (-16, 16), results in Q0.31.
  double worst_logistic = 0, worst_tanh = 0;
  for (int64_t raw = -(int64_t{1} << 31) + 1; raw < (int64_t{1} << 31); raw += 1234567) {
    const double x = static_cast<double>(raw) / (1 << 27);
    const auto a = static_cast<int32_t>(raw);
    const double logistic = static_cast<double>(nn::fixed::Logistic(a, 4)) / 2147483648.0;
    const double tanh = static_cast<double>(nn::fixed::Tanh(a, 4)) / 2147483648.0;
    worst_logistic = std::max(worst_logistic, std::abs(logistic - 1.0 / (1.0 + std::exp(-x))));
    worst_tanh = std::max(worst_tanh, std::abs(tanh - std::tanh(x)));
  }
  EXPECT_LT(worst_logistic, 1e-7);
  EXPECT_LT(worst_tanh, 2e-7);
  EXPECT_EQ(nn::fixed::Logistic(0, 4), 1 << 30);
  EXPECT_EQ(nn::fixed::Tanh(0, 4), 0);
}

// What TFLM's int8 LOGISTIC or TANH gives for stored value q, the gemmlowp
// function replaced by the exact one; *near_tie when the exact output lies
// within 1e-5 of a rounding boundary (the fixed-point one may round the other way).
int32_t ExpectedInt8(bool logistic, float in_scale, int32_t zp, int32_t q, bool* near_tie) {
  *near_tie = false;
  const Q31 m = TflmQuantizeMultiplier(static_cast<double>(in_scale) * (1 << 27));
  const auto radius = static_cast<int32_t>(std::floor(15.0 * (1 << 27) / std::ldexp(1.0, m.shift)));
  const int32_t x = q - zp;
  if (x <= -radius) return -128;
  if (x >= radius) return 127;
  const double real_in = static_cast<double>(TflmRescale(x, m)) / (1 << 27);
  const double steps = logistic ? 256.0 / (1.0 + std::exp(-real_in)) - 128.0 : 128.0 * std::tanh(real_in);
  const double frac = steps - std::floor(steps);
  *near_tie = std::abs(frac - 0.5) < 1e-5;
  return std::clamp(static_cast<int32_t>(std::round(steps)), -128, 127);
}

TEST(NnActivationOpsTest, Int8LogisticAndTanhFollowTflmOnEveryInput) {
  const struct {
    float scale;
    int32_t zp;
  } kInputs[] = {{0.1f, -3}, {0.0625f, 0}, {0.02f, 10}, {0.35f, -128}, {0.8f, 127}, {0.0039f, 5}};
  int near_ties = 0;
  for (const bool logistic : {true, false}) {
    for (const auto& in : kInputs) {
      const float out_scale = logistic ? 1.0f / 256 : 1.0f / 128;
      const int64_t out_zp = logistic ? -128 : 0;
      auto m = LoadBuilt(UnaryModel(logistic ? OpType::kLogistic : OpType::kTanh, DType::kInt8, {in.scale}, {in.zp},
                                    {out_scale}, {out_zp}));
      SetInput(*m, 0, EveryInt8());
      ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
      const std::vector<int8_t> out = Output<int8_t>(*m);
      ASSERT_EQ(out.size(), 256u);
      for (int q = -128; q <= 127; ++q) {
        const int8_t got = out[static_cast<size_t>(q + 128)];
        bool near_tie = false;
        const int32_t expected = ExpectedInt8(logistic, in.scale, in.zp, q, &near_tie);
        const std::string where = std::string(logistic ? "LOGISTIC" : "TANH") + " scale " +
                                  std::to_string(in.scale) + " zp " + std::to_string(in.zp) + " q " +
                                  std::to_string(q);
        if (near_tie) {
          ++near_ties;
          EXPECT_LE(std::abs(got - expected), 1) << where;
        } else {
          EXPECT_EQ(got, expected) << where;
        }
        // Within one output step of the exact real value.
        const double x = static_cast<double>(in.scale) * (q - in.zp);
        const double exact = logistic ? 1.0 / (1.0 + std::exp(-x)) : std::tanh(x);
        const double exact_steps = std::clamp(exact / out_scale + static_cast<double>(out_zp), -128.0, 127.0);
        EXPECT_LE(std::abs(got - exact_steps), 1.0) << where;
      }
    }
  }
  EXPECT_LT(near_ties, 20);  // the exception stays an exception
}

TEST(NnActivationOpsTest, FloatLogisticAndTanhFollowTflmFormulas) {
  std::vector<float> input;
  for (int i = -2000; i <= 2000; ++i) input.push_back(static_cast<float>(i) * 0.01f);
  for (const float x : {-100.0f, -9.001f, -8.999f, 16.6f, 16.7f, 100.0f, 1e-6f, -1e-6f}) input.push_back(x);
  input.resize(256 * ((input.size() + 255) / 256), 0.0f);
  for (const bool logistic : {true, false}) {
    const OpType type = logistic ? OpType::kLogistic : OpType::kTanh;
    auto m = LoadBuilt(WriteGraph({MakeTensor({static_cast<int32_t>(input.size())}, DType::kFloat32),
                                   MakeTensor({static_cast<int32_t>(input.size())}, DType::kFloat32)},
                                  {MakeOp(type, {0}, {1})}, {0}, {1}));
    SetInput(*m, 0, input);
    ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
    const std::vector<float> out = Output<float>(*m);
    ASSERT_EQ(out.size(), input.size());
    for (size_t i = 0; i < input.size(); ++i) {
      const double x = input[i];
      double expected = std::tanh(x);
      if (logistic) expected = x > 16.619047164916992188 ? 1.0 : x < -9.0 ? std::exp(x) : 1.0 / (1.0 + std::exp(-x));
      EXPECT_NEAR(out[i], expected, 1e-6 * std::abs(expected) + 1e-7) << (logistic ? "LOGISTIC " : "TANH ") << x;
    }
  }
}

TEST(NnActivationOpsTest, WrongInt8OutputQuantizationIsRefusedByName) {
  auto m = LoadBuilt(UnaryModel(OpType::kLogistic, DType::kInt8, {0.1f}, {0}, {1.0f / 128}, {-128}),
                     NnStatus::kBadQuantization);
  EXPECT_EQ(ErrorText(m->interpreter),
            "op 0 (LOGISTIC): tensor 1: QuantizationParameters (LOGISTIC int8 output: scale 1/256, zero point -128): "
            "missing or unusable quantization");
  m = LoadBuilt(UnaryModel(OpType::kLogistic, DType::kInt8, {0.1f}, {0}, {1.0f / 256}, {0}),
                NnStatus::kBadQuantization);
  m = LoadBuilt(UnaryModel(OpType::kTanh, DType::kInt8, {0.1f}, {0}, {1.0f / 128}, {-128}),
                NnStatus::kBadQuantization);
  EXPECT_EQ(ErrorText(m->interpreter),
            "op 0 (TANH): tensor 1: QuantizationParameters (TANH int8 output: scale 1/128, zero point 0): "
            "missing or unusable quantization");
  m = LoadBuilt(UnaryModel(OpType::kTanh, DType::kInt8, {0.1f}, {0}, {1.0f / 256}, {0}), NnStatus::kBadQuantization);
  // int16 is not implemented: refused at Prepare, not computed wrongly.
  m = LoadBuilt(UnaryModel(OpType::kTanh, DType::kInt16, {1.0f / 4096}, {0}, {1.0f / 32768}, {0}),
                NnStatus::kUnsupportedType);
}

std::vector<uint8_t> MeanModel(DType dtype, std::vector<int32_t> in_shape, std::vector<int32_t> axes,
                               std::vector<int32_t> out_shape, bool keep_dims, std::vector<float> in_scale = {},
                               std::vector<int64_t> in_zp = {}, std::vector<float> out_scale = {},
                               std::vector<int64_t> out_zp = {}) {
  model::ReducerAttributes attributes;
  attributes.keep_dims = keep_dims;
  const auto axes_count = static_cast<int32_t>(axes.size());
  return WriteGraph({MakeTensor(std::move(in_shape), dtype, {}, std::move(in_scale), std::move(in_zp)),
                     MakeTensor({axes_count}, DType::kInt32, ValueBytes(axes)),
                     MakeTensor(std::move(out_shape), dtype, {}, std::move(out_scale), std::move(out_zp))},
                    {MakeOp(OpType::kMean, {0, 1}, {2}, attributes)}, {0}, {2});
}

// A reduction of a [2, 3, 4, 5] input: the axes, the output shape, keep_dims.
struct MeanCase {
  std::vector<int32_t> axes, out_shape;
  bool keep_dims;
};
const std::vector<int32_t> kMeanInput = {2, 3, 4, 5};
const MeanCase kMeanCases[] = {
    {{1, 2}, {2, 1, 1, 5}, true},       // TFLM's special 4-D case
    {{2, 1}, {2, 5}, false},            //
    {{-1}, {2, 3, 4}, false},           // negative axis
    {{0, 3}, {1, 3, 4, 1}, true},       //
    {{3, 3, 0}, {3, 4}, false},         // a repeated axis counts once
    {{0, 1, 2, 3}, {1, 1, 1, 1}, true}  // everything
};

// For every output element (row-major) the flat indices of its inputs, in
// row-major input order.
std::vector<std::vector<int>> MeanGroups(const MeanCase& c) {
  bool reduced[4] = {};
  for (int32_t a : c.axes) reduced[a < 0 ? a + 4 : a] = true;
  int out_dims[4], out_count = 1;
  for (int d = 0; d < 4; ++d) out_count *= out_dims[d] = reduced[d] ? 1 : kMeanInput[d];
  std::vector<std::vector<int>> groups(static_cast<size_t>(out_count));
  for (int i = 0; i < 120; ++i) {
    const int idx[4] = {i / 60, i / 20 % 3, i / 5 % 4, i % 5};
    int o = 0;
    for (int d = 0; d < 4; ++d) o = o * out_dims[d] + (reduced[d] ? 0 : idx[d]);
    groups[static_cast<size_t>(o)].push_back(i);
  }
  return groups;
}

TEST(NnMeanOpTest, FloatSumsInInputOrderThenDivides) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> value(-10.0f, 10.0f);
  std::vector<float> input(120);
  for (float& v : input) v = value(rng);
  for (const MeanCase& c : kMeanCases) {
    auto m = LoadBuilt(MeanModel(DType::kFloat32, kMeanInput, c.axes, c.out_shape, c.keep_dims));
    SetInput(*m, 0, input);
    ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
    const std::vector<float> out = Output<float>(*m);
    const auto groups = MeanGroups(c);
    ASSERT_EQ(out.size(), groups.size());
    for (size_t o = 0; o < groups.size(); ++o) {
      float sum = 0.0f;
      double exact = 0.0;
      for (int i : groups[o]) sum += input[static_cast<size_t>(i)], exact += input[static_cast<size_t>(i)];
      EXPECT_EQ(out[o], sum / static_cast<float>(groups[o].size())) << "output " << o;
      EXPECT_NEAR(out[o], exact / static_cast<double>(groups[o].size()), 1e-5) << "output " << o;
    }
  }
}

TEST(NnMeanOpTest, Int8FoldsTheCountIntoTheMultiplierAsTflm) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::uniform_real_distribution<float> scale(0.01f, 0.2f);
  for (int trial = 0; trial < 4; ++trial) {
    for (const MeanCase& c : kMeanCases) {
      // Equal quantizations too (TFLM's older releases special-cased them).
      const float si = scale(rng), so = trial == 0 ? si : scale(rng) * 0.5f;
      const int32_t zi = byte(rng) / 2, zo = trial == 0 ? zi : byte(rng) / 2;
      auto m = LoadBuilt(
          MeanModel(DType::kInt8, kMeanInput, c.axes, c.out_shape, c.keep_dims, {si}, {zi}, {so}, {zo}));
      std::vector<int8_t> input(120);
      for (int8_t& v : input) v = static_cast<int8_t>(byte(rng));
      SetInput(*m, 0, input);
      ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
      const std::vector<int8_t> out = Output<int8_t>(*m);
      const auto groups = MeanGroups(c);
      ASSERT_EQ(out.size(), groups.size());
      for (size_t o = 0; o < groups.size(); ++o) {
        const auto count = static_cast<int64_t>(groups[o].size());
        int64_t sum = 0;
        for (int i : groups[o]) sum += input[static_cast<size_t>(i)];
        Q31 mult = TflmQuantizeMultiplier(static_cast<double>(si) / static_cast<double>(so));
        const int k = std::min({static_cast<int>(std::floor(std::log2(static_cast<double>(count)))), 32,
                                31 + mult.shift});
        mult.multiplier = (mult.multiplier << k) / count;
        mult.shift -= k;
        const int64_t expected = std::clamp<int64_t>(TflmRescale(sum - zi * count, mult) + zo, -128, 127);
        EXPECT_EQ(out[o], expected) << "axes case " << &c - kMeanCases << " output " << o;
        const double exact = static_cast<double>(si) * (static_cast<double>(sum) / count - zi) / so + zo;
        EXPECT_LE(std::abs(out[o] - std::clamp(exact, -128.0, 127.0)), 1.0) << "output " << o;
      }
    }
  }
}

TEST(NnMeanOpTest, BadAxesAndShapesAreRefused) {
  auto m = LoadBuilt(MeanModel(DType::kFloat32, {2, 3}, {2}, {2, 3}, false), NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(m->interpreter), "op 0 (MEAN): tensor 1: axis (out of range): invalid value");
  m = LoadBuilt(MeanModel(DType::kFloat32, {2, 3}, {1}, {2, 1}, false), NnStatus::kShapeMismatch);
  m = LoadBuilt(MeanModel(DType::kFloat32, {2, 3}, {1}, {2}, true), NnStatus::kShapeMismatch);
  // The axes as a graph input, not a constant.
  model::ReducerAttributes attributes;
  m = LoadBuilt(WriteGraph({MakeTensor({2, 3}, DType::kFloat32), MakeTensor({1}, DType::kInt32),
                            MakeTensor({2}, DType::kFloat32)},
                           {MakeOp(OpType::kMean, {0, 1}, {2}, attributes)}, {0, 1}, {2}),
                NnStatus::kUnsupportedType);
}

}  // namespace
}  // namespace mote::testing
