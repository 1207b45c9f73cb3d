// Pairs of int16 packed in one 32-bit word, the operand of the Cortex-M4's
// (and M7's, M33's) DSP instructions: two Q15 samples, or the (re, im) of a
// ComplexQ15. With those instructions (__ARM_FEATURE_DSP) each function here
// is one of them, through ACLE's arm_acle.h; elsewhere (the host, the M0+)
// it is portable C++ that gives the same bits, so that the Q15 kernels built
// on them compute identical results on every target.
//
// A pair's low half is the element at the lower address (Load, Store): the
// memory is little-endian, as on every core and host mote builds for.
// Thread-safe.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "q15_pairs.h: the pairs' layout assumes little-endian memory"
#endif

// MOTE_PORTABLE_KERNELS keeps the portable C++ on those cores too (the
// bench's reference-kernel figure).
#if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32) && !defined(MOTE_PORTABLE_KERNELS)
#include <arm_acle.h>
#define MOTE_DSP_ARM_SIMD 1
#endif

namespace mote::dsp::pairs {

using Pair = uint32_t;

// The two int16 at p (any alignment): p[0] low, p[1] high. One load (the
// Cortex-M4 loads unaligned words too).
inline Pair Load(const void* p) {
  Pair v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline void Store(void* p, Pair v) { std::memcpy(p, &v, sizeof(v)); }

inline int32_t Low(Pair v) { return static_cast<int16_t>(v & 0xFFFFu); }
inline int32_t High(Pair v) { return static_cast<int16_t>(v >> 16); }

// (low, high), each truncated to 16 bits (PKHBT).
inline Pair Make(int32_t low, int32_t high) {
#ifdef MOTE_DSP_ARM_SIMD
  // ACLE has no intrinsic for PKHBT, and GCC emits two instructions for the
  // portable form.
  Pair v;
  __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(v) : "r"(low), "r"(high));
  return v;
#else
  return (static_cast<uint32_t>(low) & 0xFFFFu) | static_cast<uint32_t>(high) << 16;
#endif
}

// The low lane of `low_from` and the high lane of `high_from` (PKHBT).
inline Pair Blend(Pair low_from, Pair high_from) {
#ifdef MOTE_DSP_ARM_SIMD
  Pair v;
  __asm__("pkhbt %0, %1, %2" : "=r"(v) : "r"(low_from), "r"(high_from));
  return v;
#else
  return (low_from & 0xFFFFu) | (high_from & 0xFFFF0000u);
#endif
}

// low(a) * low(b) + high(a) * high(b), wrapped to int32 as SMUAD does (the
// sum reaches 2^31 only for two products of -32768 * -32768).
inline int32_t MulAdd(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smuad(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b));
#else
  return static_cast<int32_t>(static_cast<uint32_t>(Low(a) * Low(b)) + static_cast<uint32_t>(High(a) * High(b)));
#endif
}

// low(a) * low(b) - high(a) * high(b) (SMUSD; cannot overflow).
inline int32_t MulSub(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smusd(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b));
#else
  return Low(a) * Low(b) - High(a) * High(b);
#endif
}

// low(a) * high(b) + high(a) * low(b), wrapped as MulAdd (SMUADX).
inline int32_t MulAddCross(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smuadx(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b));
#else
  return static_cast<int32_t>(static_cast<uint32_t>(Low(a) * High(b)) + static_cast<uint32_t>(High(a) * Low(b)));
#endif
}

// MulSub(a, b) + acc (SMLSD) and MulAddCross(a, b) + acc (SMLADX), wrapped
// to int32; the caller keeps the sums within int32.
inline int32_t MulSubAdd(Pair a, Pair b, int32_t acc) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smlsd(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b), acc);
#else
  return static_cast<int32_t>(static_cast<uint32_t>(MulSub(a, b)) + static_cast<uint32_t>(acc));
#endif
}

inline int32_t MulAddCrossAdd(Pair a, Pair b, int32_t acc) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smladx(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b), acc);
#else
  return static_cast<int32_t>(static_cast<uint32_t>(MulAddCross(a, b)) + static_cast<uint32_t>(acc));
#endif
}

// low(a) * low(b) + acc (SMLABB) and high(a) * high(b) + acc (SMLATT); the
// caller keeps the sum within int32.
inline int32_t MulLowAdd(Pair a, Pair b, int32_t acc) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smlabb(static_cast<int32_t>(a), static_cast<int32_t>(b), acc);
#else
  return Low(a) * Low(b) + acc;
#endif
}

inline int32_t MulHighAdd(Pair a, Pair b, int32_t acc) {
#ifdef MOTE_DSP_ARM_SIMD
  return __smlatt(static_cast<int32_t>(a), static_cast<int32_t>(b), acc);
#else
  return High(a) * High(b) + acc;
#endif
}

// Lane-wise arithmetic on two int16 lanes. Add and Sub wrap each lane to
// 16 bits (SADD16, SSUB16); the caller keeps the results in range. The
// halving forms compute each lane's result in 17 bits and shift it right by
// one, rounding toward minus infinity, so they cannot overflow (SHADD16,
// SHSUB16).
inline Pair Add(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__sadd16(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make(Low(a) + Low(b), High(a) + High(b));
#endif
}

inline Pair Sub(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__ssub16(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make(Low(a) - Low(b), High(a) - High(b));
#endif
}

inline Pair HalvingAdd(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__shadd16(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make((Low(a) + Low(b)) >> 1, (High(a) + High(b)) >> 1);
#endif
}

inline Pair HalvingSub(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__shsub16(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make((Low(a) - Low(b)) >> 1, (High(a) - High(b)) >> 1);
#endif
}

// With the lanes read as complex numbers (low = re, high = im):
// (a - i*b) / 2 (SHSAX: low (a.lo + b.hi) / 2, high (a.hi - b.lo) / 2) and
// (a + i*b) / 2 (SHASX: low (a.lo - b.hi) / 2, high (a.hi + b.lo) / 2),
// rounded as the halving forms above.
inline Pair HalvingSubI(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__shsax(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make((Low(a) + High(b)) >> 1, (High(a) - Low(b)) >> 1);
#endif
}

inline Pair HalvingAddI(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__shasx(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make((Low(a) - High(b)) >> 1, (High(a) + Low(b)) >> 1);
#endif
}

// The same without halving (SSAX, SASX): a - i*b and a + i*b, each lane
// wrapped to 16 bits as Add does.
inline Pair SubI(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__ssax(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make(Low(a) + High(b), High(a) - Low(b));
#endif
}

inline Pair AddI(Pair a, Pair b) {
#ifdef MOTE_DSP_ARM_SIMD
  return static_cast<Pair>(__sasx(static_cast<int16x2_t>(a), static_cast<int16x2_t>(b)));
#else
  return Make(Low(a) - High(b), High(a) + Low(b));
#endif
}

// (low >> 16, high >> 16): the top halves of two int32, such as the real
// and imaginary parts of a Q15 complex product, packed (PKHTB).
inline Pair PackTops(int32_t low, int32_t high) {
#ifdef MOTE_DSP_ARM_SIMD
  Pair v;
  __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(v) : "r"(high), "r"(low));
  return v;
#else
  return Make(low >> 16, high >> 16);
#endif
}

// The largest magnitude among the int16 lanes of the pairs seen: Update
// with every pair, then Largest(). With the DSP instructions it keeps a
// lane-wise maximum and minimum (two instructions each per pair); the
// portable form keeps one maximum and minimum over both lanes.
class LaneRange {
 public:
  void Update(Pair v) {
#ifdef MOTE_DSP_ARM_SIMD
    // SSUB16 sets each lane's GE flags where its difference is >= 0; SEL
    // then takes that lane from its first operand.
    __ssub16(static_cast<int16x2_t>(v), static_cast<int16x2_t>(max_));
    max_ = __sel(v, max_);
    __ssub16(static_cast<int16x2_t>(min_), static_cast<int16x2_t>(v));
    min_ = __sel(v, min_);
#else
    const int32_t low = Low(v), high = High(v);
    const int32_t top = low > high ? low : high, bottom = low < high ? low : high;
    max_ = top > max_ ? top : max_;
    min_ = bottom < min_ ? bottom : min_;
#endif
  }

  // max |value| over everything seen (0 if nothing was), up to 32768.
  int32_t Largest() const {
#ifdef MOTE_DSP_ARM_SIMD
    const int32_t top = Low(max_) > High(max_) ? Low(max_) : High(max_);
    const int32_t bottom = Low(min_) < High(min_) ? Low(min_) : High(min_);
#else
    const int32_t top = max_, bottom = min_;
#endif
    return top > -bottom ? top : -bottom;
  }

 private:
#ifdef MOTE_DSP_ARM_SIMD
  Pair max_ = 0;  // lane-wise, from (0, 0): magnitudes are >= 0 anyway
  Pair min_ = 0;
#else
  int32_t max_ = 0;
  int32_t min_ = 0;
#endif
};

}  // namespace mote::dsp::pairs
