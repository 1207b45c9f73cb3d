// The DSP bench image without a block: it reads the request and writes an
// empty result, so that its size is what every image has besides its block
// (startup, semihosting, main.cc), and its counted interval is the markers'
// own overhead.
#include "apps/dsp_bench/block.h"
#include "common/count_markers.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kNone;

Result RunBlock(const Request&, const int16_t*, dsp::Arena*, void*, size_t) {
  mote_count_start();
  mote_count_stop();
  return Result{};
}

}  // namespace mote::dsp_bench
