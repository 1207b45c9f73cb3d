#include "micro/nn/kernels/conv.h"

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

void ConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
              const int8_t* filter, const int32_t* bias, int8_t* output) {
  const int32_t groups_c = p.output_c / (p.input_c / p.filter_c);  // output channels per group
  const int32_t fc = p.filter_c;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<size_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = Taps(iy0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        const TapRange tx = Taps(ix0, p.dilation_w, p.filter_w, p.input_w);
        for (int32_t oc = 0; oc < p.output_c; ++oc) {
          const int32_t group = oc / groups_c;
          // sum(f * (x + offset)) = sum(f * x) + offset * sum(f): the same
          // int32 result, one add fewer per tap.
          int32_t sum_fx = 0, sum_f = 0;
          for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
            const int32_t iy = iy0 + fy * p.dilation_h;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              const int32_t ix = ix0 + fx * p.dilation_w;
              const int8_t* x = in_b + (static_cast<size_t>(iy) * p.input_w + ix) * p.input_c + group * fc;
              const int8_t* f = filter + ((static_cast<size_t>(oc) * p.filter_h + fy) * p.filter_w + fx) * fc;
              for (int32_t c = 0; c < fc; ++c) {
                sum_fx += f[c] * x[c];
                sum_f += f[c];
              }
            }
          }
          int32_t acc = sum_fx + p.input_offset * sum_f;
          if (bias) acc += bias[oc];
          *output++ = Requantize(acc, multipliers[oc], shifts[oc], p);
        }
      }
    }
  }
}

void DepthwiseConvInt8(const ConvParams& p, const int32_t* multipliers, const int8_t* shifts, const int8_t* input,
                       const int8_t* filter, const int32_t* bias, int8_t* output) {
  const int32_t oc_n = p.output_c;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<size_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = Taps(iy0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        const TapRange tx = Taps(ix0, p.dilation_w, p.filter_w, p.input_w);
        for (int32_t ic = 0; ic < p.input_c; ++ic) {
          for (int32_t m = 0; m < p.depth_multiplier; ++m) {
            const int32_t oc = ic * p.depth_multiplier + m;
            int32_t sum_fx = 0, sum_f = 0;
            for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
              const int32_t iy = iy0 + fy * p.dilation_h;
              const int8_t* x_row = in_b + static_cast<size_t>(iy) * p.input_w * p.input_c + ic;
              const int8_t* f_row = filter + static_cast<size_t>(fy) * p.filter_w * oc_n + oc;
              for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
                const int32_t x = x_row[static_cast<size_t>(ix0 + fx * p.dilation_w) * p.input_c];
                const int32_t f = f_row[static_cast<size_t>(fx) * oc_n];
                sum_fx += f * x;
                sum_f += f;
              }
            }
            int32_t acc = sum_fx + p.input_offset * sum_f;
            if (bias) acc += bias[oc];
            output[oc] = Requantize(acc, multipliers[oc], shifts[oc], p);
          }
        }
        output += oc_n;
      }
    }
  }
}

// Float: the sum runs in TensorFlow Lite's order (filter y, x, channel) so
// the rounding is the same.
void ConvFloat(const ConvParams& p, const float* input, const float* filter, const float* bias, float* output) {
  const int32_t groups_c = p.output_c / (p.input_c / p.filter_c);
  const int32_t fc = p.filter_c;
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* in_b = input + static_cast<size_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = Taps(iy0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        const TapRange tx = Taps(ix0, p.dilation_w, p.filter_w, p.input_w);
        for (int32_t oc = 0; oc < p.output_c; ++oc) {
          const int32_t group = oc / groups_c;
          float total = 0.0f;
          for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
            const int32_t iy = iy0 + fy * p.dilation_h;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              const int32_t ix = ix0 + fx * p.dilation_w;
              const float* x = in_b + (static_cast<size_t>(iy) * p.input_w + ix) * p.input_c + group * fc;
              const float* f = filter + ((static_cast<size_t>(oc) * p.filter_h + fy) * p.filter_w + fx) * fc;
              for (int32_t c = 0; c < fc; ++c) total += x[c] * f[c];
            }
          }
          *output++ = ClampFloat(total + (bias ? bias[oc] : 0.0f), p);
        }
      }
    }
  }
}

void DepthwiseConvFloat(const ConvParams& p, const float* input, const float* filter, const float* bias,
                        float* output) {
  const int32_t oc_n = p.output_c;
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* in_b = input + static_cast<size_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = Taps(iy0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t ix0 = ox * p.stride_w - p.pad_w;
        const TapRange tx = Taps(ix0, p.dilation_w, p.filter_w, p.input_w);
        for (int32_t ic = 0; ic < p.input_c; ++ic) {
          for (int32_t m = 0; m < p.depth_multiplier; ++m) {
            const int32_t oc = ic * p.depth_multiplier + m;
            float total = 0.0f;
            for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
              const int32_t iy = iy0 + fy * p.dilation_h;
              for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
                const int32_t ix = ix0 + fx * p.dilation_w;
                total += in_b[(static_cast<size_t>(iy) * p.input_w + ix) * p.input_c + ic] *
                         filter[(static_cast<size_t>(fy) * p.filter_w + fx) * oc_n + oc];
              }
            }
            output[oc] = ClampFloat(total + (bias ? bias[oc] : 0.0f), p);
          }
        }
        output += oc_n;
      }
    }
  }
}

}  // namespace mote::nn
