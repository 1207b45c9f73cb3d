// Winograd F(2x2, 3x3) convolution for 3x3 kernels of stride 1 and
// dilation 1, per image, on NHWC data: each 2x2 block of outputs comes from
// the 4x4 input tile under it through 16 products per channel pair instead
// of 36, so 2.25 times fewer multiply-adds than direct_conv.h's kernels.
// conv_ops.cc runs the forward pass and the input gradient (a stride-1
// convolution of dy with the turned kernel) through it where
// WinogradSupports; the filter gradient stays on the direct kernels.
//
// The tiles are transformed (B^T d B), multiplied channel by channel with
// the transformed filter (G g G^T) as 16 products [tiles, C] x [C, OC] on
// the direct kernels (as 1x1 convolutions), and transformed back
// (A^T m A). The transforms only add, subtract and halve; so a result
// differs from the direct sum by a few roundings, is the same bits on
// every instruction set the kernels run (as direct_conv.h's), and the same
// bits from run to run.
//
// Shapes as direct_conv.h's: a padded input xp [out_h + 2, out_w + 2, c]
// (PadImage), a packed filter [3, 3, c, oc] (PackFilter, turned or not),
// the output [out_h, out_w, oc]. Thread-safe on disjoint outputs and
// scratch.
#pragma once

#include <cstdint>

#include "train/direct_conv.h"

namespace mote::train {

// True when the shape is a 3x3 kernel with an even output height and width,
// and the direct kernels take both channel counts (DirectConvSupports).
template <typename T>
bool WinogradSupports(const DirectConvShape& shape);

// Elements of a transformed filter: 16 * in_channels * out_channels.
int64_t WinogradFilterSize(const DirectConvShape& shape);

// Elements of the scratch one WinogradConvImage call needs.
int64_t WinogradScratchSize(const DirectConvShape& shape);

// u [16, c, oc] = G g G^T of every channel pair of a packed filter
// [3, 3, c, oc]. Requires WinogradSupports<T>(shape); u holds
// WinogradFilterSize(shape) elements.
template <typename T>
void WinogradFilter(const T* packed, const DirectConvShape& shape, T* u);

// y[oy, ox, o] (=, or += when `accumulate`) the convolution of xp with the
// filter that u was made from. Requires WinogradSupports<T>(shape),
// scratch of WinogradScratchSize(shape) elements (overwritten), and
// kNone < isa <= DirectConvCpuIsa().
template <typename T>
void WinogradConvImage(const T* xp, const T* u, const DirectConvShape& shape, bool accumulate, T* y, T* scratch,
                       DirectConvIsa isa = DirectConvCpuIsa());

}  // namespace mote::train
