// The DSP bench image of dsp::Mfcc.
#include "apps/dsp_bench/feature_block_run.h"
#include "micro/dsp/mfcc.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kMfccF32;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  return RunFeatureBlock<dsp::Mfcc, float>(request.params, dsp::MfccOutputShape, request, audio, arena, out,
                                           out_capacity);
}

}  // namespace mote::dsp_bench
