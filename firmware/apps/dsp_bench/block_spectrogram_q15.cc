// The DSP bench image of dsp::SpectrogramQ15.
#include "apps/dsp_bench/feature_block_run.h"
#include "micro/dsp/spectrogram_q15.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kSpectrogramQ15;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  return RunFeatureBlock<dsp::SpectrogramQ15, int16_t>(SpectrogramParamsOf(request.params), dsp::SpectrogramOutputShape,
                                                       request, audio, arena, out, out_capacity);
}

}  // namespace mote::dsp_bench
