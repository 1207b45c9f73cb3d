#include "micro/dsp/lifter.h"

#include "micro/dsp/unit_root.h"

namespace mote::dsp {

float LifterGain(uint32_t j, float lifter) {
  if (lifter <= 0.0f) return 1.0f;
  return 1.0f + lifter / 2.0f * SinHalfTurns(static_cast<float>(j) / lifter);
}

void ApplyLifter(float* cepstra, uint32_t count, float lifter) {
  for (uint32_t j = 0; j < count; ++j) cepstra[j] *= LifterGain(j, lifter);
}

}  // namespace mote::dsp
