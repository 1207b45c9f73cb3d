#include "micro/dsp/pixel_normalization.h"

namespace mote::dsp {

PixelNormalization MakePixelNormalization(Normalization mode, float mean, float stddev) {
  switch (mode) {
    case Normalization::kNone: return {1.0f, 0.0f, 1.0f};
    case Normalization::kZeroToOne: return {255.0f, 0.0f, 1.0f};
    case Normalization::kMinusOneToOne: return {127.5f, 1.0f, 1.0f};
    case Normalization::kMeanStd: return {255.0f, mean, stddev};
  }
  return {};
}

}  // namespace mote::dsp
