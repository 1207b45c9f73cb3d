// Where a sliding window (a convolution kernel or a pooling window) sits on
// a 2-D input, with TensorFlow's padding rules, which .tflite files share:
//   valid: out = ceil((in - (k - 1) * dilation) / stride), no padding;
//   same:  out = ceil(in / stride), padding total
//          max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0),
//          the smaller half before (top/left), the larger after.
// 1-D signals use height 1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace mote::train {

enum class Padding { kValid, kSame };
std::string_view PaddingName(Padding padding);  // "valid", "same"

// A window's size, stride and dilation along height and width (all >= 1).
struct Window2D {
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  Padding padding = Padding::kValid;
};

struct WindowGeometry {
  int64_t in_h = 0, in_w = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t pad_top = 0, pad_left = 0;
  Window2D window;

  // True when the window is 1x1 with stride 1 and no padding: each output
  // pixel reads exactly its own input pixel.
  bool IsPointwise() const {
    return window.kernel_h == 1 && window.kernel_w == 1 && window.stride_h == 1 && window.stride_w == 1;
  }
};

// The geometry of `window` over an in_h x in_w input; InvalidArgument when
// the output would be empty (a valid window larger than the input).
Result<WindowGeometry> ComputeWindowGeometry(int64_t in_h, int64_t in_w, const Window2D& window);

}  // namespace mote::train
