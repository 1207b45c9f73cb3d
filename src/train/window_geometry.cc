#include "train/window_geometry.h"

#include <algorithm>


namespace mote::train {
namespace {

struct Axis {
  int64_t out, pad_before;
};

Axis ComputeAxis(int64_t in, int64_t kernel, int64_t stride, int64_t dilation, Padding padding) {
  const int64_t effective = (kernel - 1) * dilation + 1;
  if (padding == Padding::kValid) return {in < effective ? 0 : (in - effective) / stride + 1, 0};
  const int64_t out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((out - 1) * stride + effective - in, 0);
  return {out, total / 2};
}

}  // namespace

std::string_view PaddingName(Padding padding) { return padding == Padding::kSame ? "same" : "valid"; }

Result<WindowGeometry> ComputeWindowGeometry(int64_t in_h, int64_t in_w, const Window2D& window) {
  WindowGeometry g;
  g.in_h = in_h;
  g.in_w = in_w;
  g.window = window;
  const Axis h = ComputeAxis(in_h, window.kernel_h, window.stride_h, window.dilation_h, window.padding);
  const Axis w = ComputeAxis(in_w, window.kernel_w, window.stride_w, window.dilation_w, window.padding);
  if (h.out <= 0 || w.out <= 0) {
    return Status::InvalidArgument("a " + std::to_string(window.kernel_h) + "x" + std::to_string(window.kernel_w) +
                                   " window (dilation " + std::to_string(window.dilation_h) + "x" +
                                   std::to_string(window.dilation_w) + ", valid padding) does not fit a " +
                                   std::to_string(in_h) + "x" + std::to_string(in_w) + " input");
  }
  g.out_h = h.out;
  g.out_w = w.out;
  g.pad_top = h.pad_before;
  g.pad_left = w.pad_before;
  return g;
}

}  // namespace mote::train
