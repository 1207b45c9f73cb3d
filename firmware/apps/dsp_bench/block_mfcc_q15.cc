// The DSP bench image of dsp::MfccQ15.
#include "apps/dsp_bench/feature_block_run.h"
#include "micro/dsp/mfcc_q15.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kMfccQ15;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  return RunFeatureBlock<dsp::MfccQ15, int16_t>(request.params, dsp::MfccOutputShape, request, audio, arena, out,
                                                out_capacity);
}

}  // namespace mote::dsp_bench
