#include "micro/dsp/pre_emphasis.h"

namespace mote::dsp {

void PreEmphasize(float* data, uint32_t length, float a, float previous) {
  // Backwards, so that each x[n - 1] is read before it is overwritten.
  for (uint32_t n = length; n-- > 1;) data[n] -= a * data[n - 1];
  if (length > 0) data[0] -= a * previous;
}

}  // namespace mote::dsp
