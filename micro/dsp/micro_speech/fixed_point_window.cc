#include "micro/dsp/micro_speech/fixed_point_window.h"

namespace mote::dsp::micro_speech {

void ApplyFixedPointWindow(const int16_t* in, const int16_t* coefficients, size_t n, int shift,
                           int16_t* out) {
  for (size_t i = 0; i < n; ++i) {
    const int32_t raw = (static_cast<int32_t>(in[i]) * coefficients[i]) >> shift;
    out[i] = static_cast<int16_t>(raw < INT16_MIN ? INT16_MIN : raw > INT16_MAX ? INT16_MAX : raw);
  }
}

}  // namespace mote::dsp::micro_speech
