// CONCATENATION along one axis: for each index of the dimensions before the
// axis, each input's block in turn.
#pragma once

#include <cstdint>

namespace mote::nn {

struct ConcatenationParams {
  uint32_t inputs;
  uint32_t outer;  // product of the dimensions before the axis
};

// Where the interpreter's op data keeps the block sizes after the params.
inline constexpr uint32_t kConcatenationBlocksAt = (sizeof(ConcatenationParams) + 3) / 4 * 4;

// `block_bytes[i]`: bytes input i contributes per outer index;
// `inputs[i]`: its data (p.inputs of each).
void Concatenate(const ConcatenationParams& p, const uint32_t* block_bytes, const void* const* inputs, void* output);

}  // namespace mote::nn
