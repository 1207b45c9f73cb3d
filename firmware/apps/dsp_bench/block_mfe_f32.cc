// The DSP bench image of dsp::Mfe.
#include "apps/dsp_bench/feature_block_run.h"
#include "micro/dsp/mfe.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kMfeF32;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  return RunFeatureBlock<dsp::Mfe, float>(MfeParamsOf(request.params), dsp::MfeOutputShape, request, audio, arena, out,
                                          out_capacity);
}

}  // namespace mote::dsp_bench
