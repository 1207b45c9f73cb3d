// Signal: a read-only view of the samples a block reads, either floats (in
// whatever units the caller scaled them to) or int16 PCM, which is read as
// Q15 (sample / 32768, so full scale is [-1, 1)). The blocks take a Signal
// so that int16 audio never needs a float copy of the whole clip, which a
// device could not afford. Cheap to copy; does not own the samples.
#pragma once

#include <cstdint>

namespace mote::dsp {

class Signal {
 public:
  Signal(const float* samples, uint32_t length) : f32_(samples), length_(length) {}
  Signal(const int16_t* samples, uint32_t length) : i16_(samples), length_(length) {}

  uint32_t length() const { return length_; }

  // Writes samples [start, start + count) as floats to `out`, with zeros for
  // the positions outside [0, length). `start` may be negative.
  void CopyWithZeros(int64_t start, uint32_t count, float* out) const;
  // The same in Q15 for the fixed-point blocks: int16 samples are copied as
  // they are, float samples are rounded and saturated to [-1, 1).
  void CopyWithZeros(int64_t start, uint32_t count, int16_t* out) const;

 private:
  const float* f32_ = nullptr;
  const int16_t* i16_ = nullptr;
  uint32_t length_;
};

}  // namespace mote::dsp
