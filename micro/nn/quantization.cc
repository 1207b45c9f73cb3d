#include "micro/nn/quantization.h"

#include <cfloat>
#include <cstring>

namespace mote::nn {

namespace {

// std::frexp for a finite, nonzero, normal double: mantissa in [0.5, 1)
// (keeping the sign) and *exponent with x = mantissa * 2^exponent. Reads the
// IEEE 754 bits; subnormals (below 2^-1022, far smaller than any multiplier
// QuantizeMultiplier keeps) return 0 with an exponent that flushes them.
double Frexp(double x, int* exponent) {
  uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  const int biased = static_cast<int>((bits >> 52) & 0x7FF);
  if (biased == 0) {
    *exponent = -1100;
    return 0.0;
  }
  *exponent = biased - 1022;
  bits = (bits & ~(uint64_t{0x7FF} << 52)) | (uint64_t{1022} << 52);
  double mantissa = 0.0;
  std::memcpy(&mantissa, &bits, sizeof mantissa);
  return mantissa;
}

}  // namespace

void QuantizeMultiplier(double real, int32_t* multiplier, int* shift) {
  if (real == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  int exponent = 0;
  const double q = Frexp(real, &exponent);
  // round(q * 2^31): |q * 2^31| lies in [2^30, 2^31], where a double has 22
  // fraction bits, so adding one half is exact and truncation after it is
  // std::round (ties away from zero).
  const double scaled = q * 2147483648.0;
  int64_t q_fixed = scaled >= 0 ? static_cast<int64_t>(scaled + 0.5) : -static_cast<int64_t>(-scaled + 0.5);
  if (q_fixed == (int64_t{1} << 31) || q_fixed == -(int64_t{1} << 31)) {
    q_fixed /= 2;
    ++exponent;
  }
  if (exponent < -31) {
    exponent = 0;
    q_fixed = 0;
  }
  if (exponent > 30) {
    exponent = 30;
    q_fixed = (int64_t{1} << 31) - 1;
  }
  *multiplier = static_cast<int32_t>(q_fixed);
  *shift = exponent;
}

float RoundHalfAwayFromZero(float x) {
  const float magnitude = x < 0 ? -x : x;
  if (!(magnitude < 8388608.0f)) return x;  // NaN, infinite, or already an integer (>= 2^23)
  float whole = static_cast<float>(static_cast<int32_t>(magnitude));
  if (magnitude - whole >= 0.5f) whole += 1.0f;  // the difference is exact
  return x < 0 ? -whole : whole;
}

bool QuantizedActivationRange(tflite::Activation activation, float scale, int32_t zero_point, int32_t type_min,
                              int32_t type_max, int32_t* min, int32_t* max) {
  // TensorFlow Lite's Quantize(): zero_point + round(f / scale) in float.
  bool fits = true;
  auto quantize = [&](float f) {
    const float r = RoundHalfAwayFromZero(f / scale);
    if (!(r >= -2147483648.0f && r <= 2147483520.0f)) {
      fits = false;
      return int32_t{0};
    }
    return zero_point + static_cast<int32_t>(r);
  };
  auto at_least = [](int32_t a, int32_t b) { return a > b ? a : b; };
  auto at_most = [](int32_t a, int32_t b) { return a < b ? a : b; };
  *min = type_min;
  *max = type_max;
  switch (activation) {
    case tflite::Activation::kNone: break;
    case tflite::Activation::kRelu: *min = at_least(type_min, quantize(0.0f)); break;
    case tflite::Activation::kRelu6:
      *min = at_least(type_min, quantize(0.0f));
      *max = at_most(type_max, quantize(6.0f));
      break;
    case tflite::Activation::kReluN1To1:
      *min = at_least(type_min, quantize(-1.0f));
      *max = at_most(type_max, quantize(1.0f));
      break;
    default: return false;
  }
  return fits;
}

bool FloatActivationRange(tflite::Activation activation, float* min, float* max) {
  *min = -FLT_MAX;
  *max = FLT_MAX;
  switch (activation) {
    case tflite::Activation::kNone: return true;
    case tflite::Activation::kRelu: *min = 0.0f; return true;
    case tflite::Activation::kRelu6: *min = 0.0f; *max = 6.0f; return true;
    case tflite::Activation::kReluN1To1: *min = -1.0f; *max = 1.0f; return true;
    default: return false;
  }
}

}  // namespace mote::nn
