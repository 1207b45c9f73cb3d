// MUL, DIV, MINIMUM, MAXIMUM, CAST, STRIDED_SLICE, CONCATENATION, SUB,
// RELU / RELU6 / LEAKY_RELU on int8, PAD and TRANSPOSE (and int32 ADD) on
// models built through mote's IR, each against a reference written here from
// TensorFlow Lite's published semantics: exact products with TFLM's
// rounding rules for quantized ops (and within one step of the exact real
// result), C's truncating division, Python's slice rules for STRIDED_SLICE,
// coordinates for CONCATENATION, PAD and TRANSPOSE.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <random>

#include "nn/built_model_util.h"

namespace mote::testing {
namespace {

using model::DType;
using model::OpType;
using nn::NnStatus;

template <typename T>
std::vector<T> Random(std::mt19937& rng, size_t n, int64_t lo, int64_t hi) {
  std::uniform_int_distribution<int64_t> d(lo, hi);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(d(rng));
  return v;
}

// TFLM's quantized MUL written from its definition: the multiplier is
// real = s1 * s2 / s_out as a Q31 fraction and a power of two (frexp,
// rounded half away from zero); the product times the fraction is rounded
// to nearest with halves up (gemmlowp's doubling high multiply nudges a
// negative product by 1 - 2^30, not -2^30), then divided by the power of
// two rounding half away from zero.
int32_t ReferenceRescale(int32_t product, double real) {
  int exponent = 0;
  const double fraction = std::frexp(real, &exponent);
  int64_t q = std::llround(fraction * 2147483648.0);
  if (q == (int64_t{1} << 31)) q /= 2, ++exponent;
  const int left = std::max(exponent, 0), right = std::max(-exponent, 0);
  const int64_t x = static_cast<int64_t>(product) * (int64_t{1} << left);
  const int64_t high = (x * q + (int64_t{1} << 30)) >> 31;  // floor(x q / 2^31 + 1/2), exact
  return static_cast<int32_t>(std::round(static_cast<double>(high) / std::ldexp(1.0, right)));
}

TEST(NnBuiltinOpsTest, Int8MulBroadcastsAndRequantizesAsTflite) {
  std::mt19937 rng(61);
  for (int trial = 0; trial < 20; ++trial) {
    std::uniform_real_distribution<float> scale(0.002f, 0.2f);
    const float s1 = scale(rng), s2 = scale(rng), so = scale(rng) * 0.3f;
    const int64_t z1 = trial - 10, z2 = 3 - trial, zo = trial % 7 - 3;
    model::ElementwiseAttributes attributes;
    attributes.activation = trial % 2 ? model::Activation::kRelu : model::Activation::kNone;
    auto m = LoadBuilt(WriteGraph({MakeTensor({2, 3, 4}, DType::kInt8, {}, {s1}, {z1}),
                                   MakeTensor({3, 1}, DType::kInt8, {}, {s2}, {z2}),
                                   MakeTensor({2, 3, 4}, DType::kInt8, {}, {so}, {zo})},
                                  {MakeOp(OpType::kMul, {0, 1}, {2}, attributes)}, {0, 1}, {2}));
    const auto a = Random<int8_t>(rng, 24, -128, 127), b = Random<int8_t>(rng, 3, -128, 127);
    SetInput(*m, 0, a);
    SetInput(*m, 1, b);
    ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
    const std::vector<int8_t> out = Output<int8_t>(*m);
    const double real = static_cast<double>(s1) * s2 / so;
    const int32_t lo = attributes.activation == model::Activation::kRelu ? std::max<int32_t>(-128, zo) : -128;
    for (int i = 0; i < 24; ++i) {
      const int32_t product = (a[i] - z1) * (b[(i / 4) % 3] - z2);
      const int32_t expected = std::clamp<int32_t>(zo + ReferenceRescale(product, real), lo, 127);
      ASSERT_EQ(out[i], expected) << "trial " << trial << " element " << i;
      // And within one step of the exact real product.
      const double exact = std::clamp(zo + product * real, static_cast<double>(lo), 127.0);
      ASSERT_LE(std::fabs(out[i] - exact), 1.0) << trial;
    }
  }
}

TEST(NnBuiltinOpsTest, Int16MulNeedsZeroPointsZero) {
  std::mt19937 rng(62);
  const float s1 = 0.001f, s2 = 0.0007f, so = 0.0005f;
  auto m = LoadBuilt(WriteGraph({MakeTensor({16}, DType::kInt16, {}, {s1}, {0}),
                                 MakeTensor({16}, DType::kInt16, {}, {s2}, {0}),
                                 MakeTensor({16}, DType::kInt16, {}, {so}, {0})},
                                {MakeOp(OpType::kMul, {0, 1}, {2})}, {0, 1}, {2}));
  const auto a = Random<int16_t>(rng, 16, -32768, 32767), b = Random<int16_t>(rng, 16, -32768, 32767);
  SetInput(*m, 0, a);
  SetInput(*m, 1, b);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk);
  const std::vector<int16_t> out = Output<int16_t>(*m);
  for (int i = 0; i < 16; ++i) {
    const int32_t expected = ReferenceRescale(a[i] * b[i], static_cast<double>(s1) * s2 / so);
    EXPECT_EQ(out[i], std::clamp<int32_t>(expected, -32768, 32767)) << i;
  }
  LoadBuilt(WriteGraph({MakeTensor({16}, DType::kInt16, {}, {s1}, {1}), MakeTensor({16}, DType::kInt16, {}, {s2}, {0}),
                        MakeTensor({16}, DType::kInt16, {}, {so}, {0})},
                       {MakeOp(OpType::kMul, {0, 1}, {2})}, {0, 1}, {2}),
            NnStatus::kBadQuantization);
}

TEST(NnBuiltinOpsTest, Int32MulAddDivWrapTruncateAndClamp) {
  // (x * 3 + 7) / -2, then RELU6 on the division: int32 all the way, as the
  // tail of TFLM's audio preprocessor computes.
  model::ElementwiseAttributes relu6;
  relu6.activation = model::Activation::kRelu6;
  auto scalar = [](int32_t v) { return MakeTensor({}, DType::kInt32, ValueBytes(std::vector<int32_t>{v})); };
  auto m = LoadBuilt(WriteGraph({MakeTensor({8}, DType::kInt32), scalar(3), scalar(7), scalar(-2),
                                 MakeTensor({8}, DType::kInt32), MakeTensor({8}, DType::kInt32),
                                 MakeTensor({8}, DType::kInt32)},
                                {MakeOp(OpType::kMul, {0, 1}, {4}), MakeOp(OpType::kAdd, {4, 2}, {5}),
                                 MakeOp(OpType::kDiv, {5, 3}, {6}, relu6)},
                                {0}, {6, 5}));
  const std::vector<int32_t> x = {0, 1, -1, -5, -6, 100, INT32_MAX, -1000};
  SetInput(*m, 0, x);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  const std::vector<int32_t> out = Output<int32_t>(*m);
  const auto* sums = static_cast<const int32_t*>(m->interpreter.output(1).data);
  for (int i = 0; i < 8; ++i) {
    // Two's complement wrap of x * 3 + 7, then C's division (toward zero).
    const auto sum = static_cast<int32_t>(static_cast<uint32_t>(static_cast<int64_t>(x[i]) * 3 + 7));
    EXPECT_EQ(sums[i], sum) << i;
    EXPECT_EQ(out[i], std::clamp(sum / -2, 0, 6)) << i;
  }
}

TEST(NnBuiltinOpsTest, Int32DivByZeroFailsAndMinByMinusOneWraps) {
  auto m = LoadBuilt(WriteGraph({MakeTensor({3}, DType::kInt32), MakeTensor({3}, DType::kInt32),
                                 MakeTensor({3}, DType::kInt32)},
                                {MakeOp(OpType::kDiv, {0, 1}, {2})}, {0, 1}, {2}));
  SetInput(*m, 0, std::vector<int32_t>{INT32_MIN, -7, 7});
  SetInput(*m, 1, std::vector<int32_t>{-1, 2, -2});
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk);
  EXPECT_EQ(Output<int32_t>(*m), (std::vector<int32_t>{INT32_MIN, -3, -3}));
  SetInput(*m, 1, std::vector<int32_t>{1, 0, 1});
  EXPECT_EQ(m->interpreter.Invoke(), NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(m->interpreter), "op 0 (DIV): invalid value");
}

TEST(NnBuiltinOpsTest, FloatMulDivMinMaxBroadcast) {
  auto m = LoadBuilt(WriteGraph({MakeTensor({2, 3}, DType::kFloat32), MakeTensor({3}, DType::kFloat32),
                                 MakeTensor({2, 3}, DType::kFloat32), MakeTensor({2, 3}, DType::kFloat32),
                                 MakeTensor({2, 3}, DType::kFloat32), MakeTensor({2, 3}, DType::kFloat32)},
                                {MakeOp(OpType::kMul, {0, 1}, {2}), MakeOp(OpType::kDiv, {2, 1}, {3}),
                                 MakeOp(OpType::kMinimum, {3, 1}, {4}), MakeOp(OpType::kMaximum, {4, 0}, {5})},
                                {0, 1}, {5, 2, 3, 4}));
  const std::vector<float> a = {0.5f, -3.0f, 7.25f, 1e-3f, 100.0f, -0.1f}, b = {3.0f, -0.7f, 0.1f};
  SetInput(*m, 0, a);
  SetInput(*m, 1, b);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  auto out = [&](uint32_t k) { return static_cast<const float*>(m->interpreter.output(k).data); };
  for (int i = 0; i < 6; ++i) {
    const float p = a[i] * b[i % 3], q = p / b[i % 3], lo = std::min(q, b[i % 3]);
    EXPECT_EQ(out(1)[i], p) << i;
    EXPECT_EQ(out(2)[i], q) << i;
    EXPECT_EQ(out(3)[i], lo) << i;
    EXPECT_EQ(out(0)[i], std::max(lo, a[i])) << i;
  }
}

TEST(NnBuiltinOpsTest, Int8MinimumAndMaximumCompareStoredValues) {
  const float s = 0.05f;
  auto m = LoadBuilt(WriteGraph({MakeTensor({2, 4}, DType::kInt8, {}, {s}, {-3}),
                                 MakeTensor({}, DType::kInt8, ValueBytes(std::vector<int8_t>{10}), {s}, {-3}),
                                 MakeTensor({2, 4}, DType::kInt8, {}, {s}, {-3}),
                                 MakeTensor({2, 4}, DType::kInt8, {}, {s}, {-3})},
                                {MakeOp(OpType::kMinimum, {0, 1}, {2}), MakeOp(OpType::kMaximum, {2, 0}, {3})},
                                {0}, {2, 3}));
  const std::vector<int8_t> x = {-128, -3, 9, 10, 11, 127, 0, -50};
  SetInput(*m, 0, x);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk);
  const std::vector<int8_t> lo = Output<int8_t>(*m);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(lo[i], std::min<int8_t>(x[i], 10)) << i;
  const auto* hi = static_cast<const int8_t*>(m->interpreter.output(1).data);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(hi[i], x[i]) << i;  // max(min(x, 10), x) = x
}

TEST(NnBuiltinOpsTest, CastWrapsTruncatesAndConverts) {
  auto m = LoadBuilt(WriteGraph({MakeTensor({6}, DType::kUInt32), MakeTensor({6}, DType::kInt32),
                                 MakeTensor({6}, DType::kInt8), MakeTensor({6}, DType::kFloat32),
                                 MakeTensor({6}, DType::kInt16)},
                                {MakeOp(OpType::kCast, {0}, {1}), MakeOp(OpType::kCast, {1}, {2}),
                                 MakeOp(OpType::kCast, {2}, {3}), MakeOp(OpType::kCast, {3}, {4})},
                                {0}, {1, 2, 3, 4}));
  const std::vector<uint32_t> x = {0, 300, 0xFFFFFFFFu, 0x80000000u, 127, 0xFFFFFF7Fu};
  SetInput(*m, 0, x);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  auto out = [&](uint32_t k) { return m->interpreter.output(k).data; };
  for (int i = 0; i < 6; ++i) {
    const auto as_int32 = static_cast<int32_t>(x[i]);   // modulo 2^32
    const auto as_int8 = static_cast<int8_t>(as_int32);  // modulo 2^8
    EXPECT_EQ(static_cast<const int32_t*>(out(0))[i], as_int32) << i;
    EXPECT_EQ(static_cast<const int8_t*>(out(1))[i], as_int8) << i;
    EXPECT_EQ(static_cast<const float*>(out(2))[i], static_cast<float>(as_int8)) << i;
    EXPECT_EQ(static_cast<const int16_t*>(out(3))[i], as_int8) << i;
  }
  // float -> int truncates toward zero.
  auto f = LoadBuilt(WriteGraph({MakeTensor({4}, DType::kFloat32), MakeTensor({4}, DType::kInt32)},
                                {MakeOp(OpType::kCast, {0}, {1})}, {0}, {1}));
  SetInput(*f, 0, std::vector<float>{-2.7f, 2.7f, -0.5f, 123456.9f});
  ASSERT_EQ(f->interpreter.Invoke(), NnStatus::kOk);
  EXPECT_EQ(Output<int32_t>(*f), (std::vector<int32_t>{-2, 2, 0, 123456}));
}

// Python's slice rules for one axis: the indices taken.
std::vector<int32_t> SliceIndices(int32_t size, int32_t begin, int32_t end, int32_t stride, bool whole_begin,
                                  bool whole_end, bool shrink) {
  auto clamp = [&](int32_t v) {
    if (v < 0) v += size;
    return stride > 0 ? std::clamp(v, 0, size) : std::clamp(v, -1, size - 1);
  };
  int32_t start = whole_begin ? (stride > 0 ? 0 : size - 1) : clamp(begin);
  int32_t stop = whole_end ? (stride > 0 ? size : -1) : clamp(end);
  if (shrink) stop = start + 1;
  std::vector<int32_t> out;
  for (int32_t i = start; stride > 0 ? i < stop : i > stop; i += stride) out.push_back(i);
  return out;
}

struct SliceCase {
  std::vector<int32_t> begin, end, strides;
  model::StridedSliceAttributes attributes;
};

TEST(NnBuiltinOpsTest, StridedSliceFollowsPythonSlicing) {
  const std::vector<int32_t> shape = {3, 4, 5};
  std::vector<int16_t> input(60);
  for (int i = 0; i < 60; ++i) input[i] = static_cast<int16_t>(1000 + i);
  model::StridedSliceAttributes masks, shrink, offset;
  masks.begin_mask = 0b001;
  masks.end_mask = 0b100;
  shrink.shrink_axis_mask = 0b001;
  offset.offset = true;
  const SliceCase cases[] = {
      {{1, 0, -1}, {3, 4, 0}, {1, 2, -1}, {}},  // negative stride from the end
      {{2, -3, 1}, {2, 100, 4}, {1, 1, 2}, masks},  // masked begin and end
      {{-1, 1, 0}, {0, 3, 5}, {1, 1, 1}, shrink},   // shrink axis 0 at -1
      {{1, 2}, {3, 4}, {1, 1}, {}},                 // fewer entries than the rank: axis 0 whole
      {{0, 1, 1}, {2, 2, 3}, {1, 1, 1}, offset},    // end relative to begin
      {{0, 3, 0}, {3, 1, 5}, {1, 1, 1}, {}},        // empty along axis 1
  };
  for (const SliceCase& c : cases) {
    const int32_t n = static_cast<int32_t>(c.begin.size()), pad = 3 - n;
    std::vector<std::vector<int32_t>> taken(3);
    std::vector<int32_t> out_shape;
    for (int32_t d = 0; d < 3; ++d) {
      if (d < pad) {
        for (int32_t i = 0; i < shape[d]; ++i) taken[d].push_back(i);
      } else {
        const int32_t k = d - pad, bit = 1 << k;
        const int32_t end = c.attributes.offset ? c.begin[k] + c.end[k] : c.end[k];
        taken[d] = SliceIndices(shape[d], c.begin[k], end, c.strides[k], c.attributes.begin_mask & bit,
                                c.attributes.end_mask & bit, c.attributes.shrink_axis_mask & bit);
        if (c.attributes.shrink_axis_mask & bit) continue;
      }
      out_shape.push_back(static_cast<int32_t>(taken[d].size()));
    }
    std::vector<int16_t> expected;
    for (int32_t i : taken[0]) {
      for (int32_t j : taken[1]) {
        for (int32_t k : taken[2]) expected.push_back(input[(i * 4 + j) * 5 + k]);
      }
    }
    auto indices = [&](const std::vector<int32_t>& v) {
      return MakeTensor({n}, DType::kInt32, ValueBytes(v));
    };
    auto m = LoadBuilt(WriteGraph({MakeTensor(shape, DType::kInt16), indices(c.begin), indices(c.end),
                                   indices(c.strides), MakeTensor(out_shape, DType::kInt16)},
                                  {MakeOp(OpType::kStridedSlice, {0, 1, 2, 3}, {4}, c.attributes)}, {0}, {4}));
    SetInput(*m, 0, input);
    ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
    EXPECT_EQ(Output<int16_t>(*m), expected) << "begin " << c.begin[0] << " strides " << c.strides[0];
  }
}

TEST(NnBuiltinOpsTest, ConcatenationCopiesBlocksInInputOrder) {
  const float s = 0.1f;
  model::ConcatenationAttributes last;
  last.axis = -1;
  const std::vector<int8_t> constant = {7, 8};
  auto m = LoadBuilt(WriteGraph({MakeTensor({2, 3}, DType::kInt8, {}, {s}, {1}),
                                 MakeTensor({2, 1}, DType::kInt8, ValueBytes(constant), {s}, {1}),
                                 MakeTensor({2, 2}, DType::kInt8, {}, {s}, {1}),
                                 MakeTensor({2, 6}, DType::kInt8, {}, {s}, {1})},
                                {MakeOp(OpType::kConcatenation, {0, 1, 2}, {3}, last)}, {0, 2}, {3}));
  SetInput(*m, 0, std::vector<int8_t>{1, 2, 3, 4, 5, 6});
  SetInput(*m, 1, std::vector<int8_t>{-1, -2, -3, -4});
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  EXPECT_EQ(Output<int8_t>(*m), (std::vector<int8_t>{1, 2, 3, 7, -1, -2, 4, 5, 6, 8, -3, -4}));
  // Inputs quantized differently from the output would need requantizing.
  m = LoadBuilt(WriteGraph({MakeTensor({2, 3}, DType::kInt8, {}, {s}, {1}), MakeTensor({2, 3}, DType::kInt8, {}, {s}, {2}),
                            MakeTensor({4, 3}, DType::kInt8, {}, {s}, {1})},
                           {MakeOp(OpType::kConcatenation, {0, 1}, {2})}, {0, 1}, {2}),
                NnStatus::kBadQuantization);
  EXPECT_EQ(ErrorText(m->interpreter),
            "op 0 (CONCATENATION): tensor 1: QuantizationParameters: missing or unusable quantization");
}

TEST(NnBuiltinOpsTest, Int8SubRescalesBothOperandsThenSubtracts) {
  std::mt19937 rng(63);
  for (int trial = 0; trial < 20; ++trial) {
    std::uniform_real_distribution<float> scale(0.005f, 0.1f);
    const float s1 = scale(rng), s2 = scale(rng), so = scale(rng) * 2;
    const int64_t z1 = trial * 3 - 30, z2 = 20 - trial, zo = trial - 10;
    auto m = LoadBuilt(WriteGraph({MakeTensor({4, 3}, DType::kInt8, {}, {s1}, {z1}),
                                   MakeTensor({3}, DType::kInt8, {}, {s2}, {z2}),
                                   MakeTensor({4, 3}, DType::kInt8, {}, {so}, {zo})},
                                  {MakeOp(OpType::kSub, {0, 1}, {2})}, {0, 1}, {2}));
    const auto a = Random<int8_t>(rng, 12, -128, 127), b = Random<int8_t>(rng, 3, -128, 127);
    SetInput(*m, 0, a);
    SetInput(*m, 1, b);
    ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
    const std::vector<int8_t> out = Output<int8_t>(*m);
    // TFLM: both operands offset, shifted left 20, rescaled to twice the
    // larger input scale; the difference rescaled to the output.
    const double twice_max = 2.0 * std::max(s1, s2);
    for (int i = 0; i < 12; ++i) {
      const int32_t x = ReferenceRescale((a[i] - z1) * (1 << 20), s1 / twice_max);
      const int32_t y = ReferenceRescale((b[i % 3] - z2) * (1 << 20), s2 / twice_max);
      const int32_t expected = zo + ReferenceRescale(x - y, twice_max / ((1 << 20) * static_cast<double>(so)));
      ASSERT_EQ(out[i], std::clamp(expected, -128, 127)) << trial << " " << i;
      const double exact = zo + ((a[i] - z1) * static_cast<double>(s1) - (b[i % 3] - z2) * static_cast<double>(s2)) / so;
      ASSERT_LE(std::fabs(out[i] - std::clamp(exact, -128.0, 127.0)), 1.0) << trial;
    }
  }
  // float SUB broadcasts and subtracts.
  auto f = LoadBuilt(WriteGraph({MakeTensor({2, 2}, DType::kFloat32), MakeTensor({2}, DType::kFloat32),
                                 MakeTensor({2, 2}, DType::kFloat32)},
                                {MakeOp(OpType::kSub, {0, 1}, {2})}, {0, 1}, {2}));
  SetInput(*f, 0, std::vector<float>{1.5f, -2.0f, 0.25f, 8.0f});
  SetInput(*f, 1, std::vector<float>{0.5f, -1.0f});
  ASSERT_EQ(f->interpreter.Invoke(), NnStatus::kOk);
  EXPECT_EQ(Output<float>(*f), (std::vector<float>{1.0f, -1.0f, -0.25f, 9.0f}));
}

TEST(NnBuiltinOpsTest, Int8ReluRelu6AndLeakyReluFollowTflite) {
  std::vector<int8_t> all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<int8_t>(i - 128);
  const float si = 0.05f, so = 0.03f, alpha = 0.2f;
  const int64_t zi = -20, zo = 5;
  model::LeakyReluAttributes leaky;
  leaky.alpha = alpha;
  auto m = LoadBuilt(WriteGraph({MakeTensor({256}, DType::kInt8, {}, {si}, {zi}),
                                 MakeTensor({256}, DType::kInt8, {}, {so}, {zo}),
                                 MakeTensor({256}, DType::kInt8, {}, {si}, {zi}),
                                 MakeTensor({256}, DType::kInt8, {}, {so}, {zo})},
                                {MakeOp(OpType::kRelu, {0}, {1}), MakeOp(OpType::kRelu6, {0}, {2}),
                                 MakeOp(OpType::kLeakyRelu, {0}, {3}, leaky)},
                                {0}, {1, 2, 3}));
  SetInput(*m, 0, all);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  auto out = [&](uint32_t k) { return static_cast<const int8_t*>(m->interpreter.output(k).data); };
  // RELU6 clamps the stored value to [zp, zp + round(6 / scale)] (no requantization).
  const int32_t six = std::min<int32_t>(127, static_cast<int32_t>(zi + std::round(6.0f / si)));
  // LEAKY_RELU's multipliers are computed in float, as TFLM computes them.
  const double identity = static_cast<double>(si / so), negative = static_cast<double>(si * alpha / so);
  for (int i = 0; i < 256; ++i) {
    const int32_t x = all[i] - zi;
    const int32_t relu = std::clamp<int32_t>(zo + ReferenceRescale(x, static_cast<double>(si) / so),
                                             std::max<int32_t>(-128, zo), 127);
    ASSERT_EQ(out(0)[i], relu) << i;
    ASSERT_LE(std::fabs(out(0)[i] - std::clamp(zo + std::max(0.0, x * static_cast<double>(si) / so), -128.0, 127.0)),
              1.0);
    ASSERT_EQ(out(1)[i], std::clamp<int32_t>(all[i], zi, six)) << i;
    const int32_t leaky_expected =
        std::clamp<int32_t>(static_cast<int32_t>(zo + ReferenceRescale(x, x >= 0 ? identity : negative)), -128, 127);
    ASSERT_EQ(out(2)[i], leaky_expected) << i;
    const double exact = zo + x * static_cast<double>(si) * (x >= 0 ? 1.0 : alpha) / so;
    ASSERT_LE(std::fabs(out(2)[i] - std::clamp(exact, -128.0, 127.0)), 1.0) << i;
  }
  auto f = LoadBuilt(WriteGraph({MakeTensor({4}, DType::kFloat32), MakeTensor({4}, DType::kFloat32)},
                                {MakeOp(OpType::kLeakyRelu, {0}, {1}, leaky)}, {0}, {1}));
  SetInput(*f, 0, std::vector<float>{-3.0f, 0.0f, 2.5f, -0.1f});
  ASSERT_EQ(f->interpreter.Invoke(), NnStatus::kOk);
  EXPECT_EQ(Output<float>(*f), (std::vector<float>{-3.0f * alpha, 0.0f, 2.5f, -0.1f * alpha}));
}

TEST(NnBuiltinOpsTest, PadFillsWithTheZeroPoint) {
  const std::vector<int32_t> paddings = {1, 0, 0, 2, 2, 1};  // [3, 2]: before/after per axis
  auto m = LoadBuilt(WriteGraph({MakeTensor({2, 2, 3}, DType::kInt8, {}, {0.1f}, {-7}),
                                 MakeTensor({3, 2}, DType::kInt32, ValueBytes(paddings)),
                                 MakeTensor({3, 4, 6}, DType::kInt8, {}, {0.1f}, {-7})},
                                {MakeOp(OpType::kPad, {0, 1}, {2})}, {0}, {2}));
  std::vector<int8_t> input(12);
  for (int i = 0; i < 12; ++i) input[i] = static_cast<int8_t>(10 * i - 50);
  SetInput(*m, 0, input);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  std::vector<int8_t> expected;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 4; ++j) {
      for (int k = 0; k < 6; ++k) {
        const int a = i - 1, b = j, c = k - 2;
        const bool inside = a >= 0 && a < 2 && b < 2 && c >= 0 && c < 3;
        expected.push_back(inside ? input[(a * 2 + b) * 3 + c] : -7);
      }
    }
  }
  EXPECT_EQ(Output<int8_t>(*m), expected);
  // float pads with 0.
  auto f = LoadBuilt(WriteGraph({MakeTensor({2}, DType::kFloat32),
                                 MakeTensor({1, 2}, DType::kInt32, ValueBytes(std::vector<int32_t>{2, 1})),
                                 MakeTensor({5}, DType::kFloat32)},
                                {MakeOp(OpType::kPad, {0, 1}, {2})}, {0}, {2}));
  SetInput(*f, 0, std::vector<float>{-1.5f, 3.0f});
  ASSERT_EQ(f->interpreter.Invoke(), NnStatus::kOk);
  EXPECT_EQ(Output<float>(*f), (std::vector<float>{0.0f, 0.0f, -1.5f, 3.0f, 0.0f}));
}

TEST(NnBuiltinOpsTest, TransposePermutesAxes) {
  const std::vector<int32_t> perm = {2, 0, 1};
  auto m = LoadBuilt(WriteGraph({MakeTensor({2, 3, 4}, DType::kFloat32), MakeTensor({3}, DType::kInt32, ValueBytes(perm)),
                                 MakeTensor({4, 2, 3}, DType::kFloat32)},
                                {MakeOp(OpType::kTranspose, {0, 1}, {2})}, {0}, {2}));
  std::vector<float> input(24);
  for (int i = 0; i < 24; ++i) input[i] = static_cast<float>(i) * 0.5f;
  SetInput(*m, 0, input);
  ASSERT_EQ(m->interpreter.Invoke(), NnStatus::kOk) << ErrorText(m->interpreter);
  std::vector<float> expected;
  for (int k = 0; k < 4; ++k) {
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 3; ++j) expected.push_back(input[(i * 3 + j) * 4 + k]);  // out[k][i][j] = in[i][j][k]
    }
  }
  EXPECT_EQ(Output<float>(*m), expected);
  // Not a permutation.
  m = LoadBuilt(WriteGraph({MakeTensor({2, 3}, DType::kFloat32),
                            MakeTensor({2}, DType::kInt32, ValueBytes(std::vector<int32_t>{1, 1})),
                            MakeTensor({3, 2}, DType::kFloat32)},
                           {MakeOp(OpType::kTranspose, {0, 1}, {2})}, {0}, {2}),
                NnStatus::kBadModel);
  EXPECT_EQ(ErrorText(m->interpreter), "op 0 (TRANSPOSE): tensor 1: perm (not a permutation): invalid value");
}

}  // namespace
}  // namespace mote::testing
