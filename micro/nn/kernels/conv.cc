#include "micro/nn/kernels/conv.h"

#include <cstring>

#include "micro/nn/kernels/int8_mac.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/requantize.h"
#include "micro/nn/kernels/requantize_mve.h"

namespace mote::nn {

namespace {

// The filter taps [begin, end) along one dimension that land inside the
// input, for an output whose first tap is at input position `origin`.
struct TapRange {
  int32_t begin, end;
};
inline TapRange Taps(int32_t origin, int32_t dilation, int32_t filter, int32_t in) {
  int32_t begin = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
  int32_t end = in - origin <= 0 ? 0 : (in - origin + dilation - 1) / dilation;
  if (end > filter) end = filter;
  if (begin > end) begin = end;
  return {begin, end};
}

// The low `n` (2 or 4) bytes of `bytes` to out (any alignment): one store.
inline void StoreBytes(int8_t* out, uint32_t bytes, int n) {
  if (n == 4) {
    std::memcpy(out, &bytes, 4);
  } else {
    const uint16_t half = static_cast<uint16_t>(bytes);
    std::memcpy(out, &half, 2);
  }
}

inline float ClampFloat(float v, const ConvParams& p) {
  v = v < p.float_act_min ? p.float_act_min : v;
  return v > p.float_act_max ? p.float_act_max : v;
}

}  // namespace

namespace {

// Calls visit(in_b, iy0, ty, ix0, tx) for every output pixel in output
// order: the batch's input, the input position of the window's first tap,
// and the taps that fall inside the input. Always inlined: as a call, the
// lambda's captured locals would live in memory and be reloaded after every
// int8 store (which may alias anything).
template <typename T, typename Visit>
__attribute__((always_inline)) inline void ForEachOutputPixel(const ConvParams& p, const T* input, Visit visit) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* in_b = input + static_cast<size_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = Taps(iy0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        visit(in_b, iy0, ty, ix0, Taps(ix0, p.dilation_w, p.filter_w, p.input_w));
      }
    }
  }
}

// Element offset of input pixel (iy, ix) within a batch.
inline size_t Pixel(const ConvParams& p, int32_t iy, int32_t ix) {
  return (static_cast<size_t>(iy) * p.input_w + ix) * p.input_c;
}

// CONV_2D one output channel at a time over the window, in TensorFlow
// Lite's order (filter y, x, channel): acc = mac(acc, x, f) per tap, then
// finish(acc, oc) is the output. Any number of groups.
template <typename T, typename Acc, typename Mac, typename Finish>
void ConvByChannel(const ConvParams& p, const T* input, const T* filter, T* output, Mac mac, Finish finish) {
  const int32_t groups_c = p.output_c / (p.input_c / p.filter_c);  // output channels per group
  const int32_t fc = p.filter_c;
  ForEachOutputPixel(p, input, [&](const T* in_b, int32_t iy0, TapRange ty, int32_t ix0, TapRange tx) {
    for (int32_t oc = 0; oc < p.output_c; ++oc) {
      Acc acc = 0;
      for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
        for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
          const T* x = in_b + Pixel(p, iy0 + fy * p.dilation_h, ix0 + fx * p.dilation_w) + oc / groups_c * fc;
          const T* f = filter + ((static_cast<size_t>(oc) * p.filter_h + fy) * p.filter_w + fx) * fc;
          for (int32_t c = 0; c < fc; ++c) acc = mac(acc, x[c], f[c]);
        }
      }
      *output++ = finish(acc, oc);
    }
  });
}

}  // namespace

// Two windows: output pixels are computed in pairs.
uint32_t ConvInt8ScratchBytes(const ConvParams& p) {
  return 2 * static_cast<uint32_t>(p.filter_h) * static_cast<uint32_t>(p.filter_w) *
         static_cast<uint32_t>(p.filter_c) * sizeof(int16_t);
}

namespace {

// The two windows of a pixel pair share the scratch interleaved by groups of
// four: group g of slot s (0 or 1) is at int16 8g + 4s, stored reordered
// (int8_mac.h), and the k_n % 4 values after the last full group are at
// 8 * groups + s * tail. So one pointer walks both windows, and the pair's
// four words of a group are adjacent (one LDM or two LDRD).
struct WindowPair {
  int16_t* base;
  int32_t groups, tail;  // k_n / 4, k_n % 4

  // Slot s's element k (in TensorFlow Lite's window order).
  int16_t& at(int32_t s, int32_t k) const {
    static constexpr int8_t kReordered[4] = {0, 2, 1, 3};
    return k < 4 * groups ? base[8 * (k >> 2) + 4 * s + kReordered[k & 3]] : base[8 * groups + s * tail + k - 4 * groups];
  }
  const int16_t* tail_of(int32_t s) const { return base + 8 * groups + s * tail; }
};

// The window of output pixel (iy0, ix0)'s taps into slot s: input + offset,
// 0 for taps in the padding (which TensorFlow Lite skips: the same sum).
void GatherWindow(const ConvParams& p, const int8_t* in_b, int32_t iy0, int32_t ix0, const WindowPair& w, int32_t s) {
  const int32_t c_n = p.input_c;
  if (c_n % 4 == 0) {  // whole groups per tap: four values per load, widened with the offset by two SXTAB16
    const int8_mac::Word offset_pair = int8_mac::OffsetPair(p.input_offset);
    int16_t* out = w.base + 4 * s;
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t iy = iy0 + fy * p.dilation_h;
      for (int32_t fx = 0; fx < p.filter_w; ++fx) {
        const int32_t ix = ix0 + fx * p.dilation_w;
        if (iy < 0 || iy >= p.input_h || ix < 0 || ix >= p.input_w) {
          for (int32_t c = 0; c < c_n; c += 4, out += 8) {
            dsp::pairs::Store(out, 0);
            dsp::pairs::Store(out + 2, 0);
          }
          continue;
        }
        const int8_t* x = in_b + Pixel(p, iy, ix);
        for (int32_t c = 0; c < c_n; c += 4, out += 8) {
          int8_mac::Word x02, x13;
          int8_mac::WidenWithOffset(x + c, offset_pair, &x02, &x13);
          dsp::pairs::Store(out, x02);
          dsp::pairs::Store(out + 2, x13);
        }
      }
    }
    return;
  }
  int32_t k = 0;
  for (int32_t fy = 0; fy < p.filter_h; ++fy) {
    const int32_t iy = iy0 + fy * p.dilation_h;
    for (int32_t fx = 0; fx < p.filter_w; ++fx) {
      const int32_t ix = ix0 + fx * p.dilation_w;
      const bool inside = iy >= 0 && iy < p.input_h && ix >= 0 && ix < p.input_w;
      const int8_t* x = inside ? in_b + Pixel(p, iy, ix) : nullptr;
      for (int32_t c = 0; c < c_n; ++c, ++k) w.at(s, k) = static_cast<int16_t>(inside ? x[c] + p.input_offset : 0);
    }
  }
}

// sum_k f[k] * window[k] over slot s of `w`.
int32_t DotSlot(const int8_t* f, const WindowPair& w, int32_t s) {
  int32_t acc = 0;
  const int16_t* g = w.base + 4 * s;
  for (int32_t i = 0; i < w.groups; ++i, g += 8, f += 4) acc = int8_mac::MacGroup(f, int8_mac::Load(g), int8_mac::Load(g + 2), acc);
  const int16_t* t = w.tail_of(s);
  for (int32_t k = 0; k < w.tail; ++k) acc += f[k] * t[k];
  return acc;
}

}  // namespace

// Per output pixel, the window is gathered once as int16 (WindowPair), and
// output pixels go in pairs: each pass over a filter row serves two windows
// and two output channels (four sums), so every weight and every window
// value loaded serves two products; on Cortex-M cores with the DSP
// extension each group of four weights is two SXTB16 and four SMLADs, the
// four window words one or two loads. A last unpaired pixel takes four
// channels per pass instead. Integer sums are exact, so the order does not
// change a bit; the output stage is requantize.h's.
void ConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
              const int8_t* filter, const int32_t* bias, int8_t* output, int16_t* window) {
  const int32_t oc_n = p.output_c;
  auto with_bias = [bias](int32_t acc, int32_t oc) { return bias ? WrappingAdd(acc, bias[oc]) : acc; };
  if (p.filter_c != p.input_c) {  // grouped
    const OutputStage stage(multipliers, shifts, false, bias, oc_n, Int8SumBound(int64_t{p.filter_h} * p.filter_w * p.filter_c),
                            p.output_offset, p.act_min, p.act_max);
    ConvByChannel<int8_t, int32_t>(
        p, input, filter, output,
        [&p](int32_t acc, int8_t x, int8_t f) { return acc + f * (x + p.input_offset); },
        [&](int32_t acc, int32_t oc) { return stage(with_bias(acc, oc), oc); });
    return;
  }
  const int32_t k_n = p.filter_h * p.filter_w * p.input_c;
  const OutputStage stage(multipliers, shifts, false, bias, oc_n, Int8SumBound(k_n), p.output_offset, p.act_min,
                          p.act_max);
  const WindowPair w{window, k_n >> 2, k_n & 3};
  // The last pixel when unpaired (slot 0): four channels per pass.
#ifdef MOTE_NN_MVE_INT
  const mve::VectorOutputStage vector_stage(multipliers, shifts, bias, p.output_offset, p.act_min, p.act_max);
#endif
  auto compute_one = [&](int8_t* out) {
    int32_t oc = 0;
    for (; oc + 4 <= oc_n; oc += 4) {
      // Channels oc + 1 and oc + 3 are read at k_n past oc and oc + 2: two
      // pointers and one stride, so that the loop's values fit the
      // Cortex-M's registers.
      const int8_t* f0 = filter + static_cast<size_t>(oc) * k_n;
      const int8_t* f2 = f0 + 2 * static_cast<size_t>(k_n);
      int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      const int8_t *g0 = f0, *g2 = f2;
#ifdef MOTE_NN_MVE_INT
      int8_mac::Sums4 sums;
      int8_mac::MacRows4(w.base, f0, k_n, w.groups, sums);
      a0 = sums.s0;
      a1 = sums.s1;
      a2 = sums.s2;
      a3 = sums.s3;
      g0 += 4 * w.groups;  // past the groups: the tails
      g2 += 4 * w.groups;
#else
      const int16_t* g = w.base;
      for (int32_t groups = w.groups; groups > 0; --groups, g += 8, g0 += 4, g2 += 4) {
        const int8_mac::Word v02 = int8_mac::Load(g), v13 = int8_mac::Load(g + 2);
        a0 = int8_mac::MacGroup(g0, v02, v13, a0);
        a1 = int8_mac::MacGroup(g0 + k_n, v02, v13, a1);
        a2 = int8_mac::MacGroup(g2, v02, v13, a2);
        a3 = int8_mac::MacGroup(g2 + k_n, v02, v13, a3);
      }
#endif
      const int16_t* t = w.tail_of(0);
      for (int32_t k = 0; k < w.tail; ++k) {
        const int32_t v = t[k];
        a0 += g0[k] * v;
        a1 += g0[k_n + k] * v;
        a2 += g2[k] * v;
        a3 += g2[k_n + k] * v;
      }
#ifdef MOTE_NN_MVE_INT
      int32x4_t v = vdupq_n_s32(a0);
      v = vsetq_lane_s32(a1, v, 1);
      v = vsetq_lane_s32(a2, v, 2);
      v = vsetq_lane_s32(a3, v, 3);
      vstrbq_s32(out + oc, vector_stage.Contiguous(v, oc, 0xFFFF));
#else
      StoreBytes(out + oc, stage.ClampBytes(OutputStage::Pack(stage.Scaled(with_bias(a0, oc), stage.channel(oc)),
                                                       stage.Scaled(with_bias(a1, oc + 1), stage.channel(oc + 1)),
                                                       stage.Scaled(with_bias(a2, oc + 2), stage.channel(oc + 2)),
                                                       stage.Scaled(with_bias(a3, oc + 3), stage.channel(oc + 3)))),
                 4);
#endif
    }
    for (; oc < oc_n; ++oc) out[oc] = stage(with_bias(DotSlot(filter + static_cast<size_t>(oc) * k_n, w, 0), oc), oc);
  };
  // Two pixels (slots 0 and 1; outputs out_a, out_b), two channels per pass.
  auto compute_two = [&](int8_t* out_a, int8_t* out_b) {
    int32_t oc = 0;
    for (; oc + 2 <= oc_n; oc += 2) {
      const int8_t* f = filter + static_cast<size_t>(oc) * k_n;
      int32_t a0 = 0, a1 = 0, b0 = 0, b1 = 0;
      const int16_t* g = w.base;
      int8_mac::MacRowsPair(g, f, k_n, w.groups, a0, a1, b0, b1);
      const int16_t *ta = w.tail_of(0), *tb = w.tail_of(1);
      for (int32_t k = 0; k < w.tail; ++k) {
        a0 += f[k] * ta[k];
        a1 += f[k_n + k] * ta[k];
        b0 += f[k] * tb[k];
        b1 += f[k_n + k] * tb[k];
      }
      const OutputStage::Channel c0 = stage.channel(oc), c1 = stage.channel(oc + 1);
      const uint32_t bias0 = bias ? bias[oc] : 0, bias1 = bias ? bias[oc + 1] : 0;
      const uint32_t bytes = stage.ClampBytes(
          OutputStage::Pack(stage.Scaled(WrappingAdd(a0, bias0), c0), stage.Scaled(WrappingAdd(a1, bias1), c1),
                            stage.Scaled(WrappingAdd(b0, bias0), c0), stage.Scaled(WrappingAdd(b1, bias1), c1)));
      StoreBytes(out_a + oc, bytes, 2);
      StoreBytes(out_b + oc, bytes >> 16, 2);
    }
    if (oc < oc_n) {
      const int8_t* f = filter + static_cast<size_t>(oc) * k_n;
      out_a[oc] = stage(with_bias(DotSlot(f, w, 0), oc), oc);
      out_b[oc] = stage(with_bias(DotSlot(f, w, 1), oc), oc);
    }
  };
  bool pending = false;  // slot 0 holds the window of the pixel before `output`
  ForEachOutputPixel(p, input, [&](const int8_t* in_b, int32_t iy0, TapRange, int32_t ix0, TapRange) {
    GatherWindow(p, in_b, iy0, ix0, w, pending ? 1 : 0);
    if (pending) compute_two(output - oc_n, output);
    pending = !pending;
    output += oc_n;
  });
  if (pending) compute_one(output - oc_n);
}

uint32_t DepthwiseConvInt8ScratchBytes(const ConvParams& p) {
  return static_cast<uint32_t>(p.output_c) * sizeof(int32_t);
}

// Windows of at least this many taps are summed one channel at a time.
constexpr int32_t kManyTaps = 16;

#ifdef MOTE_NN_MVE_INT
namespace {

// One output pixel's window for the MVE forms: the first tap inside the
// input (channel 0's input and weight), the taps inside, and the strides.
struct DepthwiseWindow {
  const int8_t* x;
  const int8_t* f;
  int32_t rows, cols;
  size_t x_step, x_row, f_row;
};

// int8 to int16 lanes, under predicate p when kPredicated (the lanes off p
// are 0 and read nothing).
template <bool kPredicated>
__attribute__((always_inline)) inline int16x8_t LoadInt16(const int8_t* a, mve_pred16_t p) {
  if constexpr (kPredicated) {
    return vldrbq_z_s16(a, p);
  } else {
    return vldrbq_s16(a);
  }
}

// The sums of the even and odd channels of eight (a half of a pass).
struct EvenOdd {
  int32x4_t even = vdupq_n_s32(0), odd = vdupq_n_s32(0);
};

// One tap of a half: eight inputs and weights at x and f.
template <bool kPredicated>
__attribute__((always_inline)) inline void MacHalf(const int8_t* x, const int8_t* f, int16_t input_offset,
                                                   mve_pred16_t p, EvenOdd& s) {
  const int16x8_t xv = vaddq_n_s16(LoadInt16<kPredicated>(x, p), input_offset);
  const int16x8_t fv = LoadInt16<kPredicated>(f, p);
  s.even = vaddq_s32(s.even, vmullbq_int_s16(xv, fv));
  s.odd = vaddq_s32(s.odd, vmulltq_int_s16(xv, fv));
}

// One tap of a full pass (sixteen channels): MacHalf on both halves, as
// one asm block. GCC schedules the intrinsics' four loads ahead of the
// products, which with the four sums needs nine of the eight Q registers
// and spills a sum every tap; here the two halves run one after the other
// in seven (17 instructions a tap with the loop, not 21).
__attribute__((always_inline)) inline void MacTap16(const int8_t* x, const int8_t* f, int32_t input_offset,
                                                    EvenOdd& s0, EvenOdd& s1) {
  int16x8_t xv, fv;
  int32x4_t t;
  __asm__(
      "vldrb.s16 %q[xv], [%[x]]\n\t"
      "vldrb.s16 %q[fv], [%[f]]\n\t"
      "vadd.i16 %q[xv], %q[xv], %[o]\n\t"
      "vmullb.s16 %q[t], %q[xv], %q[fv]\n\t"
      "vadd.i32 %q[e0], %q[e0], %q[t]\n\t"
      "vmullt.s16 %q[t], %q[xv], %q[fv]\n\t"
      "vadd.i32 %q[o0], %q[o0], %q[t]\n\t"
      "vldrb.s16 %q[xv], [%[x], #8]\n\t"
      "vldrb.s16 %q[fv], [%[f], #8]\n\t"
      "vadd.i16 %q[xv], %q[xv], %[o]\n\t"
      "vmullb.s16 %q[t], %q[xv], %q[fv]\n\t"
      "vadd.i32 %q[e1], %q[e1], %q[t]\n\t"
      "vmullt.s16 %q[t], %q[xv], %q[fv]\n\t"
      "vadd.i32 %q[o1], %q[o1], %q[t]"
      : [e0] "+w"(s0.even), [o0] "+w"(s0.odd), [e1] "+w"(s1.even), [o1] "+w"(s1.odd), [xv] "=&w"(xv),
        [fv] "=&w"(fv), [t] "=&w"(t)
      : [x] "r"(x), [f] "r"(f), [o] "r"(input_offset)
      : "memory");
}

// A half's outputs: channels c + 2i from s.even and c + 2i + 1 from s.odd
// through the output stage, narrowed back into channel order with
// saturation to int16 (VQMOVNB, VQMOVNT), clamped and stored as bytes
// (VSTRB.16); `left` of them (all eight when not kPredicated).
template <bool kPredicated>
__attribute__((always_inline)) inline void StoreHalf(const EvenOdd& s, int32_t c, int32_t left,
                                                     const mve::VectorOutputStage& stage, int8_t* out) {
  const uint32x4_t even_lanes = vidupq_n_u32(0, 2), odd_lanes = vidupq_n_u32(1, 2);
  const mve_pred16_t p_even = kPredicated ? vctp32q(static_cast<uint32_t>((left + 1) / 2)) : 0xFFFF;
  const mve_pred16_t p_odd = kPredicated ? vctp32q(static_cast<uint32_t>(left / 2)) : 0xFFFF;
  int16x8_t v = vqmovnbq_s32(vdupq_n_s16(0), stage.Gathered<kPredicated>(s.even, c, even_lanes, p_even));
  v = stage.Clamped(vqmovntq_s32(v, stage.Gathered<kPredicated>(s.odd, c, odd_lanes, p_odd)));
  if constexpr (kPredicated) {
    vstrbq_p_s16(out + c, v, vctp16q(static_cast<uint32_t>(left)));
  } else {
    vstrbq_s16(out + c, v);
  }
}

// Depth multiplier 1, channels [oc, oc + 8 * kHalves) of one window (the
// ones past oc_n off the predicates when kPredicated): per tap and half,
// eight inputs and eight weights as int16 (two loads), the input offset
// added (x + o fits int16), the products of the even and odd lanes
// (VMULLB/VMULLT, exact in int32) added to the even and odd channels'
// sums. Then the output stage, four channels a vector.
template <int kHalves, bool kPredicated>
__attribute__((always_inline)) inline void DepthwiseChannelsMve(const DepthwiseWindow& w, int32_t oc, int32_t oc_n,
                                                                int32_t input_offset,
                                                                const mve::VectorOutputStage& stage, int8_t* out) {
  static_assert(kHalves == 1 || kHalves == 2);
  const int32_t left = oc_n - oc;
  const mve_pred16_t p0 = vctp16q(static_cast<uint32_t>(left));
  const mve_pred16_t p1 = vctp16q(static_cast<uint32_t>(left > 8 ? left - 8 : 0));
  const auto offset = static_cast<int16_t>(input_offset);
  EvenOdd s0, s1;
  const int8_t* xr = w.x + oc;
  const int8_t* fr = w.f + oc;
  for (int32_t r = w.rows; r > 0; --r, xr += w.x_row, fr += w.f_row) {
    const int8_t *x = xr, *f = fr;
    for (int32_t c = w.cols; c > 0; --c, x += w.x_step, f += oc_n) {
      if constexpr (kHalves == 2 && !kPredicated) {
        MacTap16(x, f, input_offset, s0, s1);
      } else {
        MacHalf<kPredicated>(x, f, offset, p0, s0);
        if constexpr (kHalves == 2) MacHalf<kPredicated>(x + 8, f + 8, offset, p1, s1);
      }
    }
  }
  StoreHalf<kPredicated>(s0, oc, left, stage, out);
  if constexpr (kHalves == 2) StoreHalf<kPredicated>(s1, oc + 8, left - 8, stage, out);
}

// One input channel (ic_n 1, dilation_w 1), any depth multiplier: a row's
// taps are adjacent inputs, eight a vector (int16, plus the offset), loaded
// once per row for kChannels channels; each channel's weights for those
// taps are oc_n apart, gathered by `tap_offsets` (k * oc_n), and one
// VMLADAVA (eight int16 products summed into int32, exact) adds the row's
// part. The lanes past the row's taps are off the predicate: 0 and not
// read. Writes the kChannels sums to sums[0..kChannels).
template <int kChannels>
__attribute__((always_inline)) inline void DepthwiseRowsMve(const DepthwiseWindow& w, int32_t oc, int32_t oc_n,
                                                            int32_t input_offset, int32_t* sums) {
  static_assert(kChannels == 1 || kChannels == 4);
  const uint16x8_t tap_offsets = vmulq_n_u16(vidupq_n_u16(0, 1), static_cast<uint16_t>(oc_n));
  const auto offset = static_cast<int16_t>(input_offset);
  int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  // A row's taps `k` on: the input vector, then each channel's product sum.
  auto mac = [&](const int8_t* x, const int8_t* f, mve_pred16_t p) __attribute__((always_inline)) {
    const int16x8_t xv = vaddq_n_s16(vldrbq_z_s16(x, p), offset);
    s0 = vmladavaq_s16(s0, vldrbq_gather_offset_z_s16(f, tap_offsets, p), xv);
    if constexpr (kChannels == 4) {
      s1 = vmladavaq_s16(s1, vldrbq_gather_offset_z_s16(f + 1, tap_offsets, p), xv);
      s2 = vmladavaq_s16(s2, vldrbq_gather_offset_z_s16(f + 2, tap_offsets, p), xv);
      s3 = vmladavaq_s16(s3, vldrbq_gather_offset_z_s16(f + 3, tap_offsets, p), xv);
    }
  };
  const int8_t* xr = w.x;
  const int8_t* fr = w.f + oc;
  if (w.cols <= 8) {  // one vector a row, under one predicate
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(w.cols));
    for (int32_t r = w.rows; r > 0; --r, xr += w.x_row, fr += w.f_row) mac(xr, fr, p);
  } else {
    for (int32_t r = w.rows; r > 0; --r, xr += w.x_row, fr += w.f_row) {
      const int8_t* f = fr;
      for (int32_t k = 0; k < w.cols; k += 8, f += 8 * oc_n) mac(xr + k, f, vctp16q(static_cast<uint32_t>(w.cols - k)));
    }
  }
  sums[0] = s0;
  if constexpr (kChannels == 4) {
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
  }
}

// The MVE forms of DepthwiseConvInt8 where they apply (depth multiplier 1,
// or one input channel with adjacent taps); false for other layers.
bool DepthwiseConvInt8Mve(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts,
                          const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output) {
  const int32_t oc_n = p.output_c, ic_n = p.input_c;
  const bool rows_form = ic_n == 1 && p.dilation_w == 1 && 7 * int64_t{oc_n} <= 0xFFFF;
  if (p.depth_multiplier != 1 && !rows_form) return false;
  const mve::VectorOutputStage stage(multipliers, shifts, bias, p.output_offset, p.act_min, p.act_max);
  const OutputStage scalar_stage(multipliers, shifts, false, bias, oc_n, Int8SumBound(int64_t{p.filter_h} * p.filter_w),
                                 p.output_offset, p.act_min, p.act_max);
  const size_t x_step = static_cast<size_t>(p.dilation_w) * ic_n;
  const size_t x_row = static_cast<size_t>(p.dilation_h) * p.input_w * ic_n;
  const size_t f_row = static_cast<size_t>(p.filter_w) * oc_n;
  const int32_t input_offset = p.input_offset;
  ForEachOutputPixel(p, input, [&](const int8_t* in_b, int32_t iy0, TapRange ty, int32_t ix0, TapRange tx) {
    const DepthwiseWindow w{in_b + Pixel(p, iy0 + ty.begin * p.dilation_h, ix0 + tx.begin * p.dilation_w),
                            filter + (static_cast<size_t>(ty.begin) * p.filter_w + tx.begin) * oc_n,
                            ty.end - ty.begin, tx.end - tx.begin, x_step, x_row, f_row};
    if (rows_form) {
      int32_t oc = 0;
      for (; oc + 4 <= oc_n; oc += 4) {
        int32_t sums[4];
        DepthwiseRowsMve<4>(w, oc, oc_n, input_offset, sums);
        vstrbq_s32(output + oc, stage.Contiguous(vldrwq_s32(sums), oc, 0xFFFF));
      }
      for (; oc < oc_n; ++oc) {
        int32_t sum;
        DepthwiseRowsMve<1>(w, oc, oc_n, input_offset, &sum);
        output[oc] = scalar_stage(bias ? WrappingAdd(sum, bias[oc]) : sum, oc);
      }
    } else {
      int32_t oc = 0;
      for (; oc + 16 <= oc_n; oc += 16) DepthwiseChannelsMve<2, false>(w, oc, oc_n, input_offset, stage, output);
      if (oc_n - oc > 8) {
        DepthwiseChannelsMve<2, true>(w, oc, oc_n, input_offset, stage, output);
      } else if (oc_n - oc == 8) {
        DepthwiseChannelsMve<1, false>(w, oc, oc_n, input_offset, stage, output);
      } else if (oc < oc_n) {
        DepthwiseChannelsMve<1, true>(w, oc, oc_n, input_offset, stage, output);
      }
    }
    output += oc_n;
  });
  return true;
}

}  // namespace
#endif

// Per output pixel, each output channel's sum over the window's taps inside
// the input. With one output per input channel (depth multiplier 1), four
// channels go together with their sums in registers (int8_mac.h's
// MacChannels4: one load of four inputs and four weights per tap); with a
// multiplier divisible by 4, four channels of one input go together
// (MacBroadcast4); other multipliers either sum one channel at a time (large
// windows) or add each tap to all channels' sums in `acc`. Each sum goes
// through requantize.h's output stage. With MVE (the Cortex-M55),
// DepthwiseConvInt8Mve's forms above take multiplier 1 and one-input-channel
// layers instead.
void DepthwiseConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
                       const int8_t* filter, const int32_t* bias, int8_t* output, int32_t* acc) {
#ifdef MOTE_NN_MVE_INT
  if (DepthwiseConvInt8Mve(p, multipliers, shifts, input, filter, bias, output)) return;
#endif
  const int32_t oc_n = p.output_c, ic_n = p.input_c, dm = p.depth_multiplier;
  const bool many_taps = p.filter_h * p.filter_w >= kManyTaps;
  const OutputStage stage(multipliers, shifts, false, bias, oc_n, Int8SumBound(int64_t{p.filter_h} * p.filter_w),
                          p.output_offset, p.act_min, p.act_max);
  const size_t x_step = static_cast<size_t>(p.dilation_w) * ic_n;                // the next tap of a row
  const size_t x_row = static_cast<size_t>(p.dilation_h) * p.input_w * ic_n;     // the next row
  const size_t f_row = static_cast<size_t>(p.filter_w) * oc_n;
  const int32_t input_offset = p.input_offset;
  const int8_mac::Word offset_pair = int8_mac::OffsetPair(input_offset);
  auto finish = [&](int32_t sum, int32_t oc) { return stage(bias ? WrappingAdd(sum, bias[oc]) : sum, oc); };
  ForEachOutputPixel(p, input, [&](const int8_t* in_b, int32_t iy0, TapRange ty, int32_t ix0, TapRange tx) {
    const int32_t rows = ty.end - ty.begin, cols = tx.end - tx.begin;
    // The window's first tap inside the input: channel 0's input and weight.
    const int8_t* x_first = in_b + Pixel(p, iy0 + ty.begin * p.dilation_h, ix0 + tx.begin * p.dilation_w);
    const int8_t* f_first = filter + (static_cast<size_t>(ty.begin) * p.filter_w + tx.begin) * oc_n;
    auto sum_one_channel = [&](int32_t oc) {
      int32_t sum = 0;
      const int8_t* xr = x_first + oc / dm;
      const int8_t* fr = f_first + oc;
      for (int32_t r = rows; r > 0; --r, xr += x_row, fr += f_row) {
        const int8_t *x = xr, *f = fr;
        for (int32_t c = cols; c > 0; --c, x += x_step, f += oc_n) sum += *f * (*x + input_offset);
      }
      return sum;
    };
    auto finish4 = [&](const int8_mac::Sums4& sums, int32_t oc) __attribute__((always_inline)) {
      auto scaled = [&](int32_t sum, int32_t c) {
        return stage.Scaled(bias ? WrappingAdd(sum, bias[c]) : sum, stage.channel(c));
      };
      StoreBytes(output + oc,
                 stage.ClampBytes(OutputStage::Pack(scaled(sums.s0, oc), scaled(sums.s1, oc + 1),
                                                    scaled(sums.s2, oc + 2), scaled(sums.s3, oc + 3))),
                 4);
    };
    if (dm == 1) {
      int32_t oc = 0;
      for (; oc + 4 <= oc_n; oc += 4) {
        int8_mac::Sums4 sums;
        const int8_t* xr = x_first + oc;
        const int8_t* fr = f_first + oc;
        if (cols == 3) {  // the common 3x3 window's full rows: no loop over the taps
          for (int32_t r = rows; r > 0; --r, xr += x_row, fr += f_row) {
            int8_mac::MacChannels4(fr, xr, offset_pair, sums);
            int8_mac::MacChannels4(fr + oc_n, xr + x_step, offset_pair, sums);
            int8_mac::MacChannels4(fr + 2 * oc_n, xr + 2 * x_step, offset_pair, sums);
          }
        } else {
          for (int32_t r = rows; r > 0; --r, xr += x_row, fr += f_row) {
            const int8_t *x = xr, *f = fr;
            for (int32_t c = cols; c > 0; --c, x += x_step, f += oc_n) int8_mac::MacChannels4(f, x, offset_pair, sums);
          }
        }
        finish4(sums, oc);
      }
      for (; oc < oc_n; ++oc) output[oc] = finish(sum_one_channel(oc), oc);
    } else if (dm % 4 == 0) {
      for (int32_t oc = 0; oc < oc_n; oc += 4) {
        int8_mac::Sums4 sums;
        const int8_t* xr = x_first + oc / dm;
        const int8_t* fr = f_first + oc;
        for (int32_t r = rows; r > 0; --r, xr += x_row, fr += f_row) {
          const int8_t *x = xr, *f = fr;
          int32_t c = cols;
          if (x_step == 1) {  // one input channel: a row's inputs are adjacent, four taps per load
            for (; c >= 4; c -= 4, x += 4, f += 4 * oc_n) {
              int8_mac::Word x02, x13;
              int8_mac::WidenWithOffset(x, offset_pair, &x02, &x13);
              int8_mac::MacBroadcast4<false>(f, x02, sums);
              int8_mac::MacBroadcast4<false>(f + oc_n, x13, sums);
              int8_mac::MacBroadcast4<true>(f + 2 * oc_n, x02, sums);
              int8_mac::MacBroadcast4<true>(f + 3 * oc_n, x13, sums);
            }
          }
          for (; c > 0; --c, x += x_step, f += oc_n) int8_mac::MacBroadcast4(f, *x + input_offset, sums);
        }
        finish4(sums, oc);
      }
    } else if (many_taps) {
      for (int32_t oc = 0; oc < oc_n; ++oc) output[oc] = finish(sum_one_channel(oc), oc);
    } else {
      for (int32_t oc = 0; oc < oc_n; ++oc) acc[oc] = 0;
      for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
        for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
          const int8_t* x = in_b + Pixel(p, iy0 + fy * p.dilation_h, ix0 + fx * p.dilation_w);
          const int8_t* f = filter + (static_cast<size_t>(fy) * p.filter_w + fx) * oc_n;
          for (int32_t ic = 0; ic < ic_n; ++ic) {
            const int32_t v = x[ic] + input_offset;
            for (int32_t m = 0; m < dm; ++m) acc[ic * dm + m] += f[ic * dm + m] * v;
          }
        }
      }
      for (int32_t oc = 0; oc < oc_n; ++oc) output[oc] = finish(acc[oc], oc);
    }
    output += oc_n;
  });
}

// Float: the sum runs in TensorFlow Lite's order (filter y, x, channel) so
// the rounding is the same.
void ConvFloat(const ConvParams& p, const float* input, const float* filter, const float* bias, float* output) {
  ConvByChannel<float, float>(
      p, input, filter, output, [](float total, float x, float f) { return total + x * f; },
      [&](float total, int32_t oc) { return ClampFloat(total + (bias ? bias[oc] : 0.0f), p); });
}

void DepthwiseConvFloat(const ConvParams& p, const float* input, const float* filter, const float* bias,
                        float* output) {
  ForEachOutputPixel(p, input, [&](const float* in_b, int32_t iy0, TapRange ty, int32_t ix0, TapRange tx) {
    for (int32_t ic = 0; ic < p.input_c; ++ic) {
      for (int32_t m = 0; m < p.depth_multiplier; ++m) {
        const int32_t oc = ic * p.depth_multiplier + m;
        float total = 0.0f;
        for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
          for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
            total += in_b[Pixel(p, iy0 + fy * p.dilation_h, ix0 + fx * p.dilation_w) + ic] *
                     filter[(static_cast<size_t>(fy) * p.filter_w + fx) * p.output_c + oc];
          }
        }
        output[oc] = ClampFloat(total + (bias ? bias[oc] : 0.0f), p);
      }
    }
    output += p.output_c;
  });
}

}  // namespace mote::nn
