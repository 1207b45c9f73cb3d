#include "micro/dsp/rfft_tables.h"

namespace mote::dsp::rfft_tables {

uint32_t Log2(uint32_t n) {
  uint32_t log = 0;
  while ((1u << log) < n) ++log;
  return log;
}

uint32_t StageTwiddleCount(uint32_t length) {
  const uint32_t half = length / 2;
  uint32_t count = 0;
  for (uint32_t span = FirstRadix4Span(half); span < half; span *= 4) count += 3 * span;
  return count;
}

uint32_t PostTwiddleCount(uint32_t length) { return length / 4 + 1; }

uint32_t BitReverseCount(uint32_t length) {
  const uint32_t half = length / 2;
  return (Log2(half) & 1u) ? half / 2 : half / 4;
}

void FillBitReverse(uint32_t length, uint16_t* table) {
  const uint32_t count = BitReverseCount(length);
  const uint32_t bits = Log2(count);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t reversed = 0;
    for (uint32_t b = 0; b < bits; ++b) reversed |= ((i >> b) & 1u) << (bits - 1 - b);
    table[i] = static_cast<uint16_t>(reversed);
  }
}

}  // namespace mote::dsp::rfft_tables

