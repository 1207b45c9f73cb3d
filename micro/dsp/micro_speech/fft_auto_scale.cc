#include "micro/dsp/micro_speech/fft_auto_scale.h"

#include "micro/dsp/micro_speech/fixed_point_math.h"

namespace mote::dsp::micro_speech {

int FftAutoScale(int16_t* data, size_t n) {
  // Mirrors TFLM's MaxAbs16 including its int16 wrap: negating -32768 gives
  // -32768, which then loses every later comparison.
  int16_t max_abs = 0;
  for (size_t i = 0; i < n; ++i) {
    const int16_t v = data[i];
    if (v > max_abs) {
      max_abs = v;
    } else if (-v > max_abs) {
      max_abs = static_cast<int16_t>(-v);
    }
  }
  int shift = 15 - static_cast<int>(BitLength32(static_cast<uint32_t>(max_abs)));
  if (max_abs == 0 || shift < 0) shift = 0;
  for (size_t i = 0; i < n; ++i) {
    data[i] = static_cast<int16_t>(static_cast<int32_t>(data[i]) * (int32_t{1} << shift));
  }
  return shift;
}

}  // namespace mote::dsp::micro_speech
