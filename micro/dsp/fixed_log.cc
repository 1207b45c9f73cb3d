#include "micro/dsp/fixed_log.h"

namespace mote::dsp {
namespace {

// ln(v) for v in [1, 2] by the series 2 * atanh((v - 1) / (v + 1)); only
// evaluated by the compiler.
constexpr double ConstexprLn(double v) {
  const double z = (v - 1.0) / (v + 1.0);
  double term = z, sum = 0.0;
  for (int k = 1; k < 80; k += 2) {
    sum += term / k;
    term *= z * z;
  }
  return 2.0 * sum;
}

constexpr int kTableBits = 5;
constexpr int kTableSize = (1 << kTableBits) + 1;

struct Log2Table {
  int32_t q16[kTableSize];
};

// log2(1 + i / 32) in Q16, rounded, for i in [0, 32].
constexpr Log2Table MakeLog2Table() {
  Log2Table table{};
  const double ln2 = ConstexprLn(2.0);
  for (int i = 0; i < kTableSize; ++i) {
    const double log2 = ConstexprLn(1.0 + static_cast<double>(i) / (1 << kTableBits)) / ln2;
    table.q16[i] = static_cast<int32_t>(log2 * 65536.0 + 0.5);
  }
  return table;
}

constexpr Log2Table kLog2Table = MakeLog2Table();

// Conversions from log2 in Q16, as multipliers in Q30.
constexpr int64_t kDecibelsPerLog2Q30 = static_cast<int64_t>(3.0102999566398120 * (1 << 30) + 0.5);  // 10 log10 2
constexpr int64_t kLnPerLog2Q30 = static_cast<int64_t>(0.69314718055994531 * (1 << 30) + 0.5);       // ln 2

// The index of x's leading one; requires x > 0. (CLZ on Cortex-M3 and up.)
int HighestBit(uint64_t x) { return 63 - __builtin_clzll(x); }

// x * m / 2^30, rounded, where |x * m| < 2^62.
int64_t MulQ30(int64_t x, int64_t m) { return (x * m + (int64_t{1} << 29)) >> 30; }

}  // namespace

int32_t Log2Q16(uint64_t x) {
  const int msb = HighestBit(x);
  // x scaled into [2^31, 2^32): the bits below the leading one are the
  // fraction f of x = 2^msb * (1 + f).
  const auto y = static_cast<uint32_t>(msb >= 31 ? x >> (msb - 31) : x << (31 - msb));
  const uint32_t f = y - 0x80000000u;
  const uint32_t i = f >> (31 - kTableBits);
  const uint32_t rest = f & ((1u << (31 - kTableBits)) - 1);  // 26 bits
  const int32_t lo = kLog2Table.q16[i], hi = kLog2Table.q16[i + 1];
  // (hi - lo) < 2^12 and rest >> 10 < 2^16: the product fits int32.
  const int32_t frac = lo + (((hi - lo) * static_cast<int32_t>(rest >> 10)) >> 16);
  return msb * 65536 + frac;
}

int16_t DecibelsFeature(uint64_t x, int32_t exponent, int16_t floor) {
  if (x == 0) return floor;
  const int64_t log2_q16 = Log2Q16(x) + int64_t{exponent} * 65536;
  constexpr int kShift = 16 - kFeatureFracBits;
  const int64_t db = (MulQ30(log2_q16, kDecibelsPerLog2Q30) + (1 << (kShift - 1))) >> kShift;
  if (db < floor) return floor;
  return static_cast<int16_t>(db > 32767 ? 32767 : db);
}

int32_t LnQ16(uint64_t x, int32_t exponent, int32_t floor_q16) {
  if (x == 0) return floor_q16;
  const int64_t log2_q16 = Log2Q16(x) + int64_t{exponent} * 65536;
  const int64_t ln = MulQ30(log2_q16, kLnPerLog2Q30);
  return ln < floor_q16 ? floor_q16 : static_cast<int32_t>(ln);
}

int16_t FeatureFromFloat(float value) {
  const float scaled = value * static_cast<float>(1 << kFeatureFracBits);
  if (scaled >= 32767.0f) return 32767;
  if (scaled <= -32768.0f) return -32768;
  return static_cast<int16_t>(scaled >= 0.0f ? scaled + 0.5f : scaled - 0.5f);
}

int32_t LnFloorQ16(float noise_floor_db) {
  // ln(10^(d/10)) = d * ln(10) / 10.
  const float q16 = noise_floor_db * (0.23025850929940457f * 65536.0f);
  return static_cast<int32_t>(q16 >= 0.0f ? q16 + 0.5f : q16 - 0.5f);
}

}  // namespace mote::dsp
