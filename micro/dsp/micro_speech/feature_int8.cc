#include "micro/dsp/micro_speech/feature_int8.h"

namespace mote::dsp::micro_speech {

int8_t FeatureToInt8(int16_t value, const FeatureInt8Params& params) {
  const int32_t q =
      (value * params.multiplier + params.offset) / params.divisor + params.zero_point;
  return static_cast<int8_t>(q < INT8_MIN ? INT8_MIN : q > INT8_MAX ? INT8_MAX : q);
}

}  // namespace mote::dsp::micro_speech
