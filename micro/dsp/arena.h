// Arena: hands out typed arrays from one block of caller-provided memory.
//
// The DSP blocks allocate nothing themselves: a block's Init() carves its
// tables and scratch buffers out of an Arena over memory the caller owns
// (a static array on the device, a std::vector on the host). Every allocation
// is rounded up to kArenaAlign bytes and the first one is aligned up from the
// block's start, so a block that needs B bytes of arrays (as reported by its
// WorkspaceBytes()) fits in any buffer of B bytes, whatever its alignment:
// WorkspaceBytes() includes the kArenaAlign - 1 bytes of slack.
//
// Not thread-safe; the memory must outlive every pointer handed out.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::dsp {

// Every type the DSP blocks store (float, int16_t, int32_t, Complex,
// ComplexQ15) has an alignment that divides this.
inline constexpr size_t kArenaAlign = 4;

// Bytes that an array of `count` T takes in an Arena.
template <typename T>
constexpr size_t ArenaBytes(size_t count) {
  static_assert(alignof(T) <= kArenaAlign, "Arena cannot align this type");
  return (count * sizeof(T) + kArenaAlign - 1) / kArenaAlign * kArenaAlign;
}

class Arena {
 public:
  // `memory` may be null only if `bytes` is 0.
  Arena(void* memory, size_t bytes) : next_(static_cast<uint8_t*>(memory)), left_(bytes) {
    const size_t misalign = reinterpret_cast<uintptr_t>(next_) % kArenaAlign;
    const size_t skip = misalign ? kArenaAlign - misalign : 0;
    if (skip > left_) {
      left_ = 0;
    } else {
      next_ += skip;
      left_ -= skip;
    }
  }

  // Returns `count` uninitialised T, or null (and allocates nothing) when
  // fewer than ArenaBytes<T>(count) bytes remain.
  template <typename T>
  T* Allocate(size_t count) {
    const size_t bytes = ArenaBytes<T>(count);
    if (bytes > left_) return nullptr;
    T* out = static_cast<T*>(static_cast<void*>(next_));
    next_ += bytes;
    left_ -= bytes;
    return out;
  }

  size_t bytes_left() const { return left_; }

 private:
  uint8_t* next_;
  size_t left_;
};

}  // namespace mote::dsp
