// Direct convolution kernels for stride 1 and dilation 1, per image, on
// NHWC data: the products are summed straight from a zero-padded copy of
// the input, vectorised over output channels, with no im2col columns (nine
// times the input for a 3x3 kernel) for a matrix library to pack again.
// conv_ops.cc uses them for the forward pass and both gradients when the
// CPU and the channel counts suit (DirectConvSupports); other
// convolutions stay on im2col and OpenBLAS.
//
// Arithmetic: every result element is one chain of fused multiply-adds
// (one rounding each) in a fixed order. DirectConvImage's start from zero
// and run over the kernel's rows ky, then within a row the taps kx and
// input channels c in memory order (with `accumulate`, the chain's value is
// then added to y: one more rounding); DirectConvFilterGradientImage's
// start from packed_grad's value and run over the output pixels, row by
// row. So the result is the same bits as the plain std::fma loops of the
// reference in tests/train/direct_conv_test.cc on any CPU that runs the
// kernels: the AVX-512 and AVX2 (with FMA) versions, picked at run time,
// only change how many output channels and pixels are summed side by
// side, never an order. CPUs with neither use im2col.
//
// Shapes: a padded input xp is [out_h + kernel_h - 1, out_w + kernel_w - 1,
// in_channels] (PadImage makes one); a packed filter is [kernel_h,
// kernel_w, in_channels, out_channels] (PackFilter); the output is [out_h,
// out_w, out_channels]. Thread-safe on disjoint outputs.
#pragma once

#include <cstdint>

namespace mote::train {

struct DirectConvShape {
  int64_t in_channels = 0, out_channels = 0;
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t out_h = 0, out_w = 0;

  int64_t padded_h() const { return out_h + kernel_h - 1; }
  int64_t padded_w() const { return out_w + kernel_w - 1; }
};

// The instruction sets the kernels are built for, narrowest first (kNone:
// a CPU without AVX2 and FMA, where they do not run).
enum class DirectConvIsa { kNone, kAvx2, kAvx512 };

// The widest of them this CPU runs (asked once; thread-safe).
DirectConvIsa DirectConvCpuIsa();

// True when the CPU runs these kernels and they handle `channels` as the
// vectorised (output) dimension: 1, 2 or 4 times 64 bytes of T (16, 32 or
// 64 floats; 8, 16 or 32 doubles).
template <typename T>
bool DirectConvSupports(int64_t channels);

// xp [padded_h, padded_w, c] = x [h, w, c] placed at (pad_top, pad_left),
// zeros around it. Requires pad_top + h <= padded_h, pad_left + w <= padded_w.
template <typename T>
void PadImage(const T* x, int64_t h, int64_t w, int64_t c, int64_t pad_top, int64_t pad_left, int64_t padded_h,
              int64_t padded_w, T* xp);

// packed [kh, kw, c, oc] = w [oc, kh, kw, c]; with `turned`, the kernel
// turned by 180 degrees with its channel roles swapped, as a filter from
// oc channels to c: packed [kh, kw, oc, c] element (ky, kx, o, ci) = w's
// (o, kh-1-ky, kw-1-kx, ci) (the input gradient of a stride-1 convolution
// is the convolution of dy with it).
template <typename T>
void PackFilter(const T* w, int64_t oc, int64_t kh, int64_t kw, int64_t c, bool turned, T* packed);

// w_grad [oc, kh, kw, c] += packed [kh, kw, c, oc] (PackFilter's layout,
// not turned): a filter gradient made by DirectConvFilterGradientImage.
template <typename T>
void AddUnpackedFilter(const T* packed, int64_t oc, int64_t kh, int64_t kw, int64_t c, T* w_grad);

// y[oy, ox, o] = (or += when `accumulate`) the sum over ky, kx, c of
// xp[oy + ky, ox + kx, c] * packed[ky, kx, c, o]. Requires
// DirectConvSupports<T>(out_channels) and kNone < isa <= DirectConvCpuIsa()
// (the choice is there for tests: every isa gives the same bits).
template <typename T>
void DirectConvImage(const T* xp, const T* packed, const DirectConvShape& shape, bool accumulate, T* y,
                     DirectConvIsa isa = DirectConvCpuIsa());

// packed_grad[ky, kx, c, o] += xp[oy + ky, ox + kx, c] * dy[oy, ox, o]
// for every oy, ox (row by row, each a fused multiply-add onto the running
// value, so calls for one image after another continue one chain): the
// filter gradient of one image in the packed layout. Requirements as
// DirectConvImage's.
template <typename T>
void DirectConvFilterGradientImage(const T* xp, const T* dy, const DirectConvShape& shape, T* packed_grad,
                                   DirectConvIsa isa = DirectConvCpuIsa());

}  // namespace mote::train
