#include "micro/nn/kernels/int16_activations.h"

namespace mote::nn {

const uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
    43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
    51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
    57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
    61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
    63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
    64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
    64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
    65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
    65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
    65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
    65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
    65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
    65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
    65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
};

namespace {

// The scaled input x (see the header).
struct InputScale {
  int32_t multiplier, shift, round;
  InputScale(int32_t m, int32_t s)
      : multiplier(m == 0 ? 3 << s : m), shift(m == 0 ? 0 : s), round(shift > 0 ? 1 << (shift - 1) : 0) {}
  int32_t operator()(int16_t v) const { return (v * multiplier + round) >> shift; }
};

// |x| interpolated in the table with `fraction_bits` bits between entries,
// in 0.16 << fraction_bits; saturated past the last entry to `saturated`.
uint32_t Interpolate(uint32_t magnitude, int fraction_bits, uint32_t saturated) {
  const uint32_t index = magnitude >> fraction_bits;
  if (index >= 255) return saturated;
  const uint32_t low = kSigmoidTable[index], high = kSigmoidTable[index + 1];
  const uint32_t fraction = magnitude & ((1u << fraction_bits) - 1);
  return (low << fraction_bits) + fraction * (high - low);
}

uint32_t Magnitude(int32_t x) { return x < 0 ? static_cast<uint32_t>(-static_cast<int64_t>(x)) : static_cast<uint32_t>(x); }

}  // namespace

void SigmoidInt16(int32_t input_multiplier, int32_t input_shift, const int16_t* input, int16_t* output,
                  uint32_t count) {
  const InputScale scale(input_multiplier, input_shift);
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t x = scale(input[i]);
    uint32_t r = Interpolate(Magnitude(x), 9, 0x7FFFu << 10);
    // sigmoid(-x) = 1 - sigmoid(x); round to 0.15 (ties up, as the reference).
    r = x >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
    output[i] = static_cast<int16_t>(r >> 10);
  }
}

void TanhInt16(int32_t input_multiplier, int32_t input_shift, const int16_t* input, int16_t* output,
               uint32_t count) {
  const InputScale scale(input_multiplier, input_shift);
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t x = scale(input[i]);
    const auto r = static_cast<int32_t>(Interpolate(Magnitude(x), 8, 0xFFFFu << 8));
    // tanh = 2 * sigmoid(2x) - 1, odd; the shift floors (an arithmetic shift).
    const int32_t t = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
    output[i] = static_cast<int16_t>(t >> 8);
  }
}

}  // namespace mote::nn
