// The DSP bench image of dsp::MfeQ15.
#include "apps/dsp_bench/feature_block_run.h"
#include "micro/dsp/mfe_q15.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kMfeQ15;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  return RunFeatureBlock<dsp::MfeQ15, int16_t>(MfeParamsOf(request.params), dsp::MfeOutputShape, request, audio, arena,
                                               out, out_capacity);
}

}  // namespace mote::dsp_bench
