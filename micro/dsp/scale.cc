#include "micro/dsp/scale.h"

namespace mote::dsp {

void Scale(const float* in, uint32_t count, float factor, float* out) {
  for (uint32_t i = 0; i < count; ++i) out[i] = in[i] * factor;
}

void Int16ToFloat(const int16_t* in, uint32_t count, float factor, float* out) {
  for (uint32_t i = 0; i < count; ++i) out[i] = static_cast<float>(in[i]) * factor;
}

}  // namespace mote::dsp
