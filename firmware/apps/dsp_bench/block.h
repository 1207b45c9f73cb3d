// The block a DSP bench firmware image runs. Each image links main.cc with
// exactly one block_<name>.cc, which defines these two symbols for its block.
#pragma once

#include <cstddef>
#include <cstdint>

#include "apps/dsp_bench/bench_files.h"
#include "micro/dsp/arena.h"

namespace mote::dsp_bench {

// The block this image was built with.
extern const BlockId kImageBlock;

// Runs the block on `audio` (request.num_samples samples) with the request's
// parameters: Init in `arena`, then Compute into `out` (`out_capacity`
// bytes, aligned for float), with the instruction-count markers around the
// request's counted phase. Fills every field of the result but block and
// stack_bytes. Called once per run.
Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity);

}  // namespace mote::dsp_bench
