// Lays out an RfftPlan's tables in an arena, for either element type: the
// float and Q15 FFTs differ only in how a twiddle (cos, sin) is stored.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/dsp/arena.h"
#include "micro/dsp/dsp_status.h"
#include "micro/dsp/rfft_plan.h"
#include "micro/dsp/rfft_tables.h"

namespace mote::dsp {

// Bytes InitRfftPlan<C> takes from an arena; 0 if `length` is not an Rfft length.
template <typename C>
size_t RfftPlanArenaBytes(uint32_t length) {
  if (!IsRfftLength(length)) return 0;
  return ArenaBytes<C>(rfft_tables::StageTwiddleCount(length)) +
         ArenaBytes<C>(rfft_tables::PostTwiddleCount(length)) +
         ArenaBytes<uint16_t>(rfft_tables::BitReverseCount(length));
}

// Fills `plan` with tables allocated from `arena`; `to_element(CosSin)` gives
// the stored stage twiddle and `to_post(CosSin)` the stored post twiddle (a
// kernel may store them scaled). kBadFftLength, or kBufferTooSmall (arena
// untouched).
template <typename C, typename ToElement, typename ToPost>
DspStatus InitRfftPlan(uint32_t length, Arena* arena, ToElement to_element, ToPost to_post, RfftPlan<C>* plan) {
  if (!IsRfftLength(length)) return DspStatus::kBadFftLength;
  if (arena->bytes_left() < RfftPlanArenaBytes<C>(length)) return DspStatus::kBufferTooSmall;
  C* stage = arena->Allocate<C>(rfft_tables::StageTwiddleCount(length));
  C* post = arena->Allocate<C>(rfft_tables::PostTwiddleCount(length));
  uint16_t* bit_reverse = arena->Allocate<uint16_t>(rfft_tables::BitReverseCount(length));
  rfft_tables::ForEachStageTwiddle(length, [&](uint32_t i, CosSin w) { stage[i] = to_element(w); });
  rfft_tables::ForEachPostTwiddle(length, [&](uint32_t i, CosSin w) { post[i] = to_post(w); });
  rfft_tables::FillBitReverse(length, bit_reverse);
  plan->length = length;
  plan->log2_half = rfft_tables::Log2(length / 2);
  plan->stage_twiddles = stage;
  plan->post_twiddles = post;
  plan->bit_reverse = bit_reverse;
  return DspStatus::kOk;
}

}  // namespace mote::dsp
