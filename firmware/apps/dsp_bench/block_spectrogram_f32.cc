// The DSP bench image of dsp::Spectrogram.
#include "apps/dsp_bench/feature_block_run.h"
#include "micro/dsp/spectrogram.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kSpectrogramF32;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  return RunFeatureBlock<dsp::Spectrogram, float>(SpectrogramParamsOf(request.params), dsp::SpectrogramOutputShape,
                                                  request, audio, arena, out, out_capacity);
}

}  // namespace mote::dsp_bench
