#include "micro/nn/kernels/conv.h"

#include "micro/nn/kernels/int8_mac.h"
#include "micro/nn/kernels/kernel_util.h"

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

inline int8_t Requantize(int32_t acc, int32_t multiplier, int shift, const ConvParams& p) {
  int32_t v = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + p.output_offset;
  v = v < p.act_min ? p.act_min : v;
  v = v > p.act_max ? p.act_max : v;
  return static_cast<int8_t>(v);
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

// Per output pixel, the window is gathered once as int16 (x + input_offset,
// 0 for taps in the padding, which TensorFlow Lite skips: the same sum) and
// its groups of four reordered for int8_mac.h. Output pixels go in pairs:
// each pass over a filter row serves two windows and two output channels
// (four sums), so every weight and every window value loaded serves two
// products; on Cortex-M cores with the DSP extension each group of four
// weights is two SMLADs per window. A last unpaired pixel takes four
// channels per pass instead. Integer sums are exact, so the order does not
// change a bit.
void ConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
              const int8_t* filter, const int32_t* bias, int8_t* output, int16_t* window) {
  if (p.filter_c != p.input_c) {  // grouped
    ConvByChannel<int8_t, int32_t>(
        p, input, filter, output,
        [&p](int32_t acc, int8_t x, int8_t f) { return acc + f * (x + p.input_offset); },
        [&](int32_t acc, int32_t oc) {
          return Requantize(bias ? WrappingAdd(acc, bias[oc]) : acc, multipliers[oc], shifts[oc], p);
        });
    return;
  }
  const int32_t c_n = p.input_c;
  const int32_t k_n = p.filter_h * p.filter_w * c_n;
  const int32_t oc_n = p.output_c;
  int16_t* const windows[2] = {window, window + k_n};
  auto finish = [&](int32_t acc, int32_t oc) {
    return Requantize(bias ? WrappingAdd(acc, bias[oc]) : acc, multipliers[oc], shifts[oc], p);
  };
  // One pixel, four channels per pass.
  auto compute_one = [&](const int16_t* w, int8_t* out) {
    int32_t oc = 0;
    for (; oc + 4 <= oc_n; oc += 4) {
      // Channels oc + 1 and oc + 3 are read at k_n past oc and oc + 2: two
      // pointers and one stride instead of four pointers, so that the loop's
      // values fit the Cortex-M's registers.
      const int8_t* f0 = filter + static_cast<size_t>(oc) * k_n;
      const int8_t* f2 = f0 + 2 * static_cast<size_t>(k_n);
      int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      const int16_t* group = w;
      const int8_t *g0 = f0, *g2 = f2;
      for (int32_t groups = k_n >> 2; groups > 0; --groups, group += 4, g0 += 4, g2 += 4) {
        const int8_mac::Word v02 = int8_mac::Load(group), v13 = int8_mac::Load(group + 2);
        a0 = int8_mac::MacGroup(g0, v02, v13, a0);
        a1 = int8_mac::MacGroup(g0 + k_n, v02, v13, a1);
        a2 = int8_mac::MacGroup(g2, v02, v13, a2);
        a3 = int8_mac::MacGroup(g2 + k_n, v02, v13, a3);
      }
      const int8_t* f1 = f0 + k_n;
      const int8_t* f3 = f2 + k_n;
      for (int32_t k = k_n & ~3; k < k_n; ++k) {
        const int32_t v = w[k];
        a0 += f0[k] * v;
        a1 += f1[k] * v;
        a2 += f2[k] * v;
        a3 += f3[k] * v;
      }
      out[oc] = finish(a0, oc);
      out[oc + 1] = finish(a1, oc + 1);
      out[oc + 2] = finish(a2, oc + 2);
      out[oc + 3] = finish(a3, oc + 3);
    }
    for (; oc < oc_n; ++oc) out[oc] = finish(int8_mac::Dot(filter + static_cast<size_t>(oc) * k_n, w, k_n), oc);
  };
  // Two pixels (windows wa, wb; outputs out_a, out_b), two channels per pass.
  auto compute_two = [&](const int16_t* wa, const int16_t* wb, int8_t* out_a, int8_t* out_b) {
    int32_t oc = 0;
    for (; oc + 2 <= oc_n; oc += 2) {
      const int8_t* f0 = filter + static_cast<size_t>(oc) * k_n;
      int32_t a0 = 0, a1 = 0, b0 = 0, b1 = 0;
      const int16_t *ga = wa, *gb = wb;
      const int8_t* g0 = f0;
      for (int32_t groups = k_n >> 2; groups > 0; --groups, ga += 4, gb += 4, g0 += 4) {
        const int8_mac::Word x02 = int8_mac::Load(ga), x13 = int8_mac::Load(ga + 2);
        a0 = int8_mac::MacGroup(g0, x02, x13, a0);
        a1 = int8_mac::MacGroup(g0 + k_n, x02, x13, a1);
        const int8_mac::Word y02 = int8_mac::Load(gb), y13 = int8_mac::Load(gb + 2);
        b0 = int8_mac::MacGroup(g0, y02, y13, b0);
        b1 = int8_mac::MacGroup(g0 + k_n, y02, y13, b1);
      }
      const int8_t* f1 = f0 + k_n;
      for (int32_t k = k_n & ~3; k < k_n; ++k) {
        a0 += f0[k] * wa[k];
        a1 += f1[k] * wa[k];
        b0 += f0[k] * wb[k];
        b1 += f1[k] * wb[k];
      }
      out_a[oc] = finish(a0, oc);
      out_a[oc + 1] = finish(a1, oc + 1);
      out_b[oc] = finish(b0, oc);
      out_b[oc + 1] = finish(b1, oc + 1);
    }
    if (oc < oc_n) {
      const int8_t* f = filter + static_cast<size_t>(oc) * k_n;
      out_a[oc] = finish(int8_mac::Dot(f, wa, k_n), oc);
      out_b[oc] = finish(int8_mac::Dot(f, wb, k_n), oc);
    }
  };
  bool pending = false;  // windows[0] holds the window of the pixel before `output`
  ForEachOutputPixel(p, input, [&](const int8_t* in_b, int32_t iy0, TapRange, int32_t ix0, TapRange) {
    int16_t* const gathered = windows[pending ? 1 : 0];
    int16_t* w = gathered;
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t iy = iy0 + fy * p.dilation_h;
      for (int32_t fx = 0; fx < p.filter_w; ++fx, w += c_n) {
        const int32_t ix = ix0 + fx * p.dilation_w;
        if (iy < 0 || iy >= p.input_h || ix < 0 || ix >= p.input_w) {
          for (int32_t c = 0; c < c_n; ++c) w[c] = 0;
          continue;
        }
        const int8_t* x = in_b + Pixel(p, iy, ix);
        for (int32_t c = 0; c < c_n; ++c) w[c] = static_cast<int16_t>(x[c] + p.input_offset);
      }
    }
    int8_mac::ReorderGroups(gathered, k_n);
    if (pending) compute_two(windows[0], windows[1], output - oc_n, output);
    pending = !pending;
    output += oc_n;
  });
  if (pending) compute_one(windows[0], output - oc_n);
}

uint32_t DepthwiseConvInt8ScratchBytes(const ConvParams& p) {
  return static_cast<uint32_t>(p.output_c) * sizeof(int32_t);
}

// Windows of at least this many taps are summed one channel at a time.
constexpr int32_t kManyTaps = 16;

// Per output pixel, each output channel's sum over the window's taps inside
// the input. With one output per input channel (depth multiplier 1), four
// channels go together with their sums in registers (int8_mac.h's
// MacChannels4: one load of four inputs and four weights per tap); with a
// multiplier divisible by 4, four channels of one input go together
// (MacBroadcast4); other multipliers either sum one channel at a time (large
// windows) or add each tap to all channels' sums in `acc`. Then each
// channel is requantized.
void DepthwiseConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
                       const int8_t* filter, const int32_t* bias, int8_t* output, int32_t* acc) {
  const int32_t oc_n = p.output_c, ic_n = p.input_c, dm = p.depth_multiplier;
  const bool many_taps = p.filter_h * p.filter_w >= kManyTaps;
  const size_t x_step = static_cast<size_t>(p.dilation_w) * ic_n;
  const int8_mac::Word offset_pair = int8_mac::OffsetPair(p.input_offset);
  ForEachOutputPixel(p, input, [&](const int8_t* in_b, int32_t iy0, TapRange ty, int32_t ix0, TapRange tx) {
    // The first tap of row fy for output channel oc: its input and its weight.
    auto row_start = [&](int32_t fy, int32_t oc, const int8_t** x, const int8_t** f) {
      *x = in_b + Pixel(p, iy0 + fy * p.dilation_h, ix0 + tx.begin * p.dilation_w) + oc / dm;
      *f = filter + (static_cast<size_t>(fy) * p.filter_w + tx.begin) * oc_n + oc;
    };
    auto sum_one_channel = [&](int32_t oc) {
      int32_t sum = 0;
      for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
        const int8_t *x, *f;
        row_start(fy, oc, &x, &f);
        for (int32_t fx = tx.begin; fx < tx.end; ++fx, x += x_step, f += oc_n) sum += *f * (*x + p.input_offset);
      }
      acc[oc] = sum;
    };
    if (dm == 1 || dm % 4 == 0) {
      int32_t oc = 0;
      for (; oc + 4 <= oc_n; oc += 4) {
        int8_mac::Sums4 sums;
        for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
          const int8_t *x, *f;
          row_start(fy, oc, &x, &f);
          for (int32_t fx = tx.begin; fx < tx.end; ++fx, x += x_step, f += oc_n) {
            if (dm == 1) {
              int8_mac::MacChannels4(f, x, offset_pair, sums);
            } else {
              int8_mac::MacBroadcast4(f, *x + p.input_offset, sums);
            }
          }
        }
        acc[oc] = sums.s0;
        acc[oc + 1] = sums.s1;
        acc[oc + 2] = sums.s2;
        acc[oc + 3] = sums.s3;
      }
      for (; oc < oc_n; ++oc) sum_one_channel(oc);  // dm == 1 and channels not a multiple of 4
    } else if (many_taps) {
      for (int32_t oc = 0; oc < oc_n; ++oc) sum_one_channel(oc);
    } else {
      for (int32_t oc = 0; oc < oc_n; ++oc) acc[oc] = 0;
      for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
        for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
          const int8_t* x = in_b + Pixel(p, iy0 + fy * p.dilation_h, ix0 + fx * p.dilation_w);
          const int8_t* f = filter + (static_cast<size_t>(fy) * p.filter_w + fx) * oc_n;
          for (int32_t ic = 0; ic < ic_n; ++ic) {
            const int32_t v = x[ic] + p.input_offset;
            for (int32_t m = 0; m < dm; ++m) acc[ic * dm + m] += f[ic * dm + m] * v;
          }
        }
      }
    }
    for (int32_t oc = 0; oc < oc_n; ++oc) {
      const int32_t total = bias ? WrappingAdd(acc[oc], bias[oc]) : acc[oc];
      output[oc] = Requantize(total, multipliers[oc], shifts[oc], p);
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
