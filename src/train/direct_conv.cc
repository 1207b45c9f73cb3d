#include "train/direct_conv.h"

#include <algorithm>
#include <cassert>

#include "train/simd_vector.h"

namespace mote::train {
namespace {

// Each acc += w * x below is one fused multiply-add (one rounding):
// direct_conv.cc is built with -ffp-contract=fast, which
// direct_conv_test.cc pins.

// kPixels consecutive output pixels of one row, all kVecs vectors of
// output channels: the accumulators stay in registers over the whole sum.
// xp points at the padded input's pixel under the block's first output
// pixel's window corner, y at that output pixel.
template <typename T, int kBytes, int kVecs, int kPixels>
[[gnu::always_inline]] inline void ConvBlock(const T* xp, const T* packed, const DirectConvShape& s,
                                             bool accumulate, T* y) {
  using V = typename Vector<T, kBytes>::type;
  constexpr int kL = Vector<T, kBytes>::kLanes;
  const int64_t c = s.in_channels, oc = s.out_channels, row = s.kernel_w * c, stride = s.padded_w() * c;
  V acc[kPixels][kVecs] = {};
  for (int64_t ky = 0; ky < s.kernel_h; ++ky) {
    const T* x = xp + ky * stride;
    const T* w = packed + ky * row * oc;
    // Within a kernel row the taps kx and channels c are one contiguous
    // run of the padded input (kw * c values from the window's corner).
    for (int64_t j = 0; j < row; ++j) {
      V wv[kVecs];
#pragma GCC unroll 16
      for (int v = 0; v < kVecs; ++v) Load(w + j * oc + v * kL, wv[v]);
#pragma GCC unroll 16
      for (int p = 0; p < kPixels; ++p) {
        const T a = x[p * c + j];
#pragma GCC unroll 16
        for (int v = 0; v < kVecs; ++v) acc[p][v] += wv[v] * a;
      }
    }
  }
#pragma GCC unroll 16
  for (int p = 0; p < kPixels; ++p) {
#pragma GCC unroll 16
    for (int v = 0; v < kVecs; ++v) {
      T* out = y + p * oc + v * kL;
      if (accumulate) {
        V old;
        Load(out, old);
        acc[p][v] = old + acc[p][v];
      }
      Store(acc[p][v], out);
    }
  }
}

// ConvBlock with the block's width chosen at run time, up to kPixels.
template <typename T, int kBytes, int kVecs, int kPixels>
[[gnu::always_inline]] inline void ConvBlockOf(int64_t pixels, const T* xp, const T* packed,
                                               const DirectConvShape& s, bool accumulate, T* y) {
  if (pixels == kPixels) ConvBlock<T, kBytes, kVecs, kPixels>(xp, packed, s, accumulate, y);
  else if constexpr (kPixels > 1) ConvBlockOf<T, kBytes, kVecs, kPixels - 1>(pixels, xp, packed, s, accumulate, y);
}

// Row oy in the fewest blocks of at most kPixels, their widths differing by
// at most one: a narrow block's few accumulators leave the multiply-adds
// waiting on each other's latency (a row of 28 as 6+6+6+6+3+1 spent a fifth
// of the kernel's time in its one-pixel block; as 6+6+6+5+5 it does not).
template <typename T, int kBytes, int kVecs, int kPixels>
[[gnu::always_inline]] inline void ConvRow(const T* xp, const T* packed, const DirectConvShape& s, bool accumulate,
                                           int64_t oy, T* y) {
  const int64_t c = s.in_channels, oc = s.out_channels;
  const int64_t blocks = (s.out_w + kPixels - 1) / kPixels, narrow = s.out_w / blocks, wide = s.out_w % blocks;
  for (int64_t b = 0, ox = 0; b < blocks; ++b) {
    const int64_t pixels = narrow + (b < wide ? 1 : 0);
    ConvBlockOf<T, kBytes, kVecs, kPixels>(pixels, xp + (oy * s.padded_w() + ox) * c, packed, s, accumulate,
                                           y + (oy * s.out_w + ox) * oc);
    ox += pixels;
  }
}

// kChannels consecutive values j of one kernel row's run (kw * c, as in
// ConvBlock) against all kVecs vectors of output channels, summed over
// every output pixel.
template <typename T, int kBytes, int kVecs, int kChannels>
[[gnu::always_inline]] inline void FilterGradientBlock(const T* xp, const T* dy, const DirectConvShape& s, int64_t ky,
                                                       int64_t j0, T* packed_grad) {
  using V = typename Vector<T, kBytes>::type;
  constexpr int kL = Vector<T, kBytes>::kLanes;
  const int64_t c = s.in_channels, oc = s.out_channels, row = s.kernel_w * c;
  T* g = packed_grad + (ky * row + j0) * oc;
  V acc[kChannels][kVecs];
#pragma GCC unroll 16
  for (int j = 0; j < kChannels; ++j) {
#pragma GCC unroll 16
    for (int v = 0; v < kVecs; ++v) Load(g + j * oc + v * kL, acc[j][v]);
  }
  for (int64_t oy = 0; oy < s.out_h; ++oy) {
    const T* x = xp + ((oy + ky) * s.padded_w()) * c + j0;
    const T* d = dy + oy * s.out_w * oc;
    for (int64_t ox = 0; ox < s.out_w; ++ox, x += c, d += oc) {
      V dv[kVecs];
#pragma GCC unroll 16
      for (int v = 0; v < kVecs; ++v) Load(d + v * kL, dv[v]);
#pragma GCC unroll 16
      for (int j = 0; j < kChannels; ++j) {
        const T a = x[j];
#pragma GCC unroll 16
        for (int v = 0; v < kVecs; ++v) acc[j][v] += dv[v] * a;
      }
    }
  }
#pragma GCC unroll 16
  for (int j = 0; j < kChannels; ++j) {
#pragma GCC unroll 16
    for (int v = 0; v < kVecs; ++v) Store(acc[j][v], g + j * oc + v * kL);
  }
}

// Values [j, kw * c) of kernel row ky, in blocks of kChannels, then the
// rest in halving blocks.
template <typename T, int kBytes, int kVecs, int kChannels>
[[gnu::always_inline]] inline void FilterGradientRow(const T* xp, const T* dy, const DirectConvShape& s, int64_t ky,
                                                     int64_t j, T* packed_grad) {
  const int64_t row = s.kernel_w * s.in_channels;
  for (; j + kChannels <= row; j += kChannels) {
    FilterGradientBlock<T, kBytes, kVecs, kChannels>(xp, dy, s, ky, j, packed_grad);
  }
  if constexpr (kChannels > 1) FilterGradientRow<T, kBytes, kVecs, kChannels / 2>(xp, dy, s, ky, j, packed_grad);
}

// The two kernels for one instruction set: registers of kBytes, kBudget
// of them for accumulators (kBudget / vectors per pixel pixels, or
// channels, side by side). The output channels are 1, 2 or 4 times 64
// bytes (DirectConvSupports), each a fixed number of registers.
template <typename T, int kBytes, int kBudget>
struct Kernels {
  static constexpr int kPer64 = 64 / kBytes;  // registers per 64 bytes
  template <int kVecs>
  static constexpr int kBlock = kBudget / kVecs > 0 ? kBudget / kVecs : 1;

  [[gnu::always_inline]] static void Conv(const T* xp, const T* packed, const DirectConvShape& s, bool accumulate,
                                          T* y) {
    const int64_t sixty_fours = s.out_channels * sizeof(T) / 64;
    for (int64_t oy = 0; oy < s.out_h; ++oy) {
      if (sixty_fours == 1) Row<kPer64>(xp, packed, s, accumulate, oy, y);
      else if (sixty_fours == 2) Row<2 * kPer64>(xp, packed, s, accumulate, oy, y);
      else Row<4 * kPer64>(xp, packed, s, accumulate, oy, y);
    }
  }

  [[gnu::always_inline]] static void FilterGradient(const T* xp, const T* dy, const DirectConvShape& s,
                                                    T* packed_grad) {
    const int64_t sixty_fours = s.out_channels * sizeof(T) / 64;
    for (int64_t ky = 0; ky < s.kernel_h; ++ky) {
      if (sixty_fours == 1) GradientRow<kPer64>(xp, dy, s, ky, packed_grad);
      else if (sixty_fours == 2) GradientRow<2 * kPer64>(xp, dy, s, ky, packed_grad);
      else GradientRow<4 * kPer64>(xp, dy, s, ky, packed_grad);
    }
  }

 private:
  template <int kVecs>
  [[gnu::always_inline]] static void Row(const T* xp, const T* packed, const DirectConvShape& s, bool accumulate,
                                         int64_t oy, T* y) {
    ConvRow<T, kBytes, kVecs, kBlock<kVecs>>(xp, packed, s, accumulate, oy, y);
  }
  template <int kVecs>
  [[gnu::always_inline]] static void GradientRow(const T* xp, const T* dy, const DirectConvShape& s, int64_t ky,
                                                 T* packed_grad) {
    FilterGradientRow<T, kBytes, kVecs, kBlock<kVecs>>(xp, dy, s, ky, 0, packed_grad);
  }
};

// One entry point per instruction set. AVX-512 has 32 registers of 64
// bytes: 14 accumulators leave room for the filter's vectors and the
// broadcast input (and split a 28- or 14-pixel row evenly); AVX2 has 16 of
// 32 bytes, 12 of them for accumulators.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MOTE_DIRECT_CONV_X86 1
template <typename T>
__attribute__((target("avx512f"))) void ConvAvx512(const T* xp, const T* packed, const DirectConvShape& s,
                                                   bool accumulate, T* y) {
  Kernels<T, 64, 14>::Conv(xp, packed, s, accumulate, y);
}
template <typename T>
__attribute__((target("avx2,fma"))) void ConvAvx2(const T* xp, const T* packed, const DirectConvShape& s,
                                                  bool accumulate, T* y) {
  Kernels<T, 32, 12>::Conv(xp, packed, s, accumulate, y);
}
template <typename T>
__attribute__((target("avx512f"))) void FilterGradientAvx512(const T* xp, const T* dy, const DirectConvShape& s,
                                                             T* packed_grad) {
  Kernels<T, 64, 14>::FilterGradient(xp, dy, s, packed_grad);
}
template <typename T>
__attribute__((target("avx2,fma"))) void FilterGradientAvx2(const T* xp, const T* dy, const DirectConvShape& s,
                                                            T* packed_grad) {
  Kernels<T, 32, 12>::FilterGradient(xp, dy, s, packed_grad);
}
#endif

}  // namespace

DirectConvIsa DirectConvCpuIsa() {
#ifdef MOTE_DIRECT_CONV_X86
  static const DirectConvIsa isa = __builtin_cpu_supports("avx512f") ? DirectConvIsa::kAvx512
                                   : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                                       ? DirectConvIsa::kAvx2
                                       : DirectConvIsa::kNone;
  return isa;
#else
  return DirectConvIsa::kNone;
#endif
}

template <typename T>
bool DirectConvSupports(int64_t channels) {
  constexpr int64_t kL = 64 / sizeof(T);
  return DirectConvCpuIsa() != DirectConvIsa::kNone && channels > 0 && channels % kL == 0 &&
         (channels / kL == 1 || channels / kL == 2 || channels / kL == 4);
}

template <typename T>
void PadImage(const T* x, int64_t h, int64_t w, int64_t c, int64_t pad_top, int64_t pad_left, int64_t padded_h,
              int64_t padded_w, T* xp) {
  assert(pad_top >= 0 && pad_left >= 0 && pad_top + h <= padded_h && pad_left + w <= padded_w);
  const int64_t row = padded_w * c;
  std::fill_n(xp, pad_top * row, T(0));
  for (int64_t y = 0; y < h; ++y) {
    T* out = xp + (pad_top + y) * row;
    std::fill_n(out, pad_left * c, T(0));
    std::copy_n(x + y * w * c, w * c, out + pad_left * c);
    std::fill(out + (pad_left + w) * c, out + row, T(0));
  }
  std::fill(xp + (pad_top + h) * row, xp + padded_h * row, T(0));
}

template <typename T>
void PackFilter(const T* w, int64_t oc, int64_t kh, int64_t kw, int64_t c, bool turned, T* packed) {
  for (int64_t o = 0; o < oc; ++o) {
    for (int64_t ky = 0; ky < kh; ++ky) {
      for (int64_t kx = 0; kx < kw; ++kx) {
        for (int64_t ci = 0; ci < c; ++ci) {
          const T v = w[((o * kh + ky) * kw + kx) * c + ci];
          if (turned) packed[(((kh - 1 - ky) * kw + (kw - 1 - kx)) * oc + o) * c + ci] = v;
          else packed[((ky * kw + kx) * c + ci) * oc + o] = v;
        }
      }
    }
  }
}

template <typename T>
void AddUnpackedFilter(const T* packed, int64_t oc, int64_t kh, int64_t kw, int64_t c, T* w_grad) {
  const int64_t k = kh * kw * c;
  for (int64_t o = 0; o < oc; ++o) {
    for (int64_t i = 0; i < k; ++i) w_grad[o * k + i] += packed[i * oc + o];
  }
}

template <typename T>
void DirectConvImage(const T* xp, const T* packed, const DirectConvShape& shape, bool accumulate, T* y,
                     DirectConvIsa isa) {
  assert(DirectConvSupports<T>(shape.out_channels) && isa != DirectConvIsa::kNone && isa <= DirectConvCpuIsa());
#ifdef MOTE_DIRECT_CONV_X86
  if (isa == DirectConvIsa::kAvx512) ConvAvx512(xp, packed, shape, accumulate, y);
  else ConvAvx2(xp, packed, shape, accumulate, y);
#else
  (void)xp, (void)packed, (void)shape, (void)accumulate, (void)y, (void)isa;
#endif
}

template <typename T>
void DirectConvFilterGradientImage(const T* xp, const T* dy, const DirectConvShape& shape, T* packed_grad,
                                   DirectConvIsa isa) {
  assert(DirectConvSupports<T>(shape.out_channels) && isa != DirectConvIsa::kNone && isa <= DirectConvCpuIsa());
#ifdef MOTE_DIRECT_CONV_X86
  if (isa == DirectConvIsa::kAvx512) FilterGradientAvx512(xp, dy, shape, packed_grad);
  else FilterGradientAvx2(xp, dy, shape, packed_grad);
#else
  (void)xp, (void)dy, (void)shape, (void)packed_grad, (void)isa;
#endif
}

#define MOTE_INSTANTIATE_DIRECT_CONV(T)                                                                          \
  template bool DirectConvSupports<T>(int64_t);                                                                  \
  template void PadImage(const T*, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, T*);           \
  template void PackFilter(const T*, int64_t, int64_t, int64_t, int64_t, bool, T*);                              \
  template void AddUnpackedFilter(const T*, int64_t, int64_t, int64_t, int64_t, T*);                             \
  template void DirectConvImage(const T*, const T*, const DirectConvShape&, bool, T*, DirectConvIsa);            \
  template void DirectConvFilterGradientImage(const T*, const T*, const DirectConvShape&, T*, DirectConvIsa);
MOTE_INSTANTIATE_DIRECT_CONV(float)
MOTE_INSTANTIATE_DIRECT_CONV(double)

}  // namespace mote::train
