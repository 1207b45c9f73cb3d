#include "micro/nn/kernels/pooling.h"

#include <cfloat>

#include "micro/nn/kernels/int8_mac.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/kernels.h"

namespace mote::nn {

namespace {

// Calls pixel(batch input, window origin y0/x0, clipped tap ranges, the
// pixel's output) for every output pixel, in output order.
template <typename T, typename Pixel>
__attribute__((always_inline)) inline void ForEachPixel(const PoolParams& p, const T* input, T* output, Pixel pixel) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* in_b = input + static_cast<size_t>(b) * p.input_h * p.input_w * p.channels;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t y0 = oy * p.stride_h - p.pad_h;
      const int32_t fy_begin = y0 < 0 ? -y0 : 0;
      const int32_t fy_end = p.filter_h < p.input_h - y0 ? p.filter_h : p.input_h - y0;
      for (int32_t ox = 0; ox < p.output_w; ++ox, output += p.channels) {
        const int32_t x0 = ox * p.stride_w - p.pad_w;
        const int32_t fx_begin = x0 < 0 ? -x0 : 0;
        const int32_t fx_end = p.filter_w < p.input_w - x0 ? p.filter_w : p.input_w - x0;
        pixel(in_b, y0, x0, fy_begin, fy_end, fx_begin, fx_end, output);
      }
    }
  }
}

// Writes reduce(channel base, window origin y0/x0, clipped tap ranges) for
// every output pixel and channel, in output order.
template <typename T, typename Reduce>
void ForEachWindow(const PoolParams& p, const T* input, T* output, Reduce reduce) {
  ForEachPixel(p, input, output,
               [&](const T* in_b, int32_t y0, int32_t x0, int32_t fyb, int32_t fye, int32_t fxb, int32_t fxe, T* out)
                   __attribute__((always_inline)) {
                     for (int32_t c = 0; c < p.channels; ++c) *out++ = reduce(in_b + c, y0, x0, fyb, fye, fxb, fxe);
                   });
}

template <typename T>
inline const T& At(const T* channel_base, const PoolParams& p, int32_t y, int32_t x) {
  return channel_base[(static_cast<size_t>(y) * p.input_w + x) * p.channels];
}

#ifdef MOTE_NN_MVE_INT
// MVE (the Cortex-M55): sixteen channels a vector (VMAX.S8 per tap), the
// last ones under a VCTP predicate (off lanes load 0 and are not stored).
void MaxPoolInt8Mve(const PoolParams& p, const int8_t* input, int8_t* output) {
  const int8x16_t lo = vdupq_n_s8(static_cast<int8_t>(p.act_min)), hi = vdupq_n_s8(static_cast<int8_t>(p.act_max));
  ForEachPixel(p, input, output, [&](const int8_t* in_b, int32_t y0, int32_t x0, int32_t fyb, int32_t fye,
                                     int32_t fxb, int32_t fxe, int8_t* out) {
    for (int32_t c = 0; c < p.channels; c += 16) {
      const mve_pred16_t pred = vctp8q(static_cast<uint32_t>(p.channels - c));
      int8x16_t m = vdupq_n_s8(-128);
      for (int32_t fy = fyb; fy < fye; ++fy) {
        for (int32_t fx = fxb; fx < fxe; ++fx) m = vmaxq_s8(m, vldrbq_z_s8(&At(in_b + c, p, y0 + fy, x0 + fx), pred));
      }
      vstrbq_p_s8(out + c, vminq_s8(vmaxq_s8(m, lo), hi), pred);
    }
  });
}

// The rounded quotient of four window sums v by the window's tap count, as
// the portable form's (sum +- count / 2) / count (C's division truncates,
// so it is sign(v) * floor((|v| + count / 2) / count)): with n = |v| +
// count / 2 < 2^16 and M = ceil(2^31 / count), floor(2n * M / 2^32) is
// floor(n / count) exactly, the error n * (M * count - 2^31) / 2^31 staying
// below 1 / count as n * count < 2^31 (a VMULH per vector, no division).
inline int32x4_t DividedByCount(int32x4_t v, int32_t half, uint32_t m) {
  const uint32x4_t n = vshlq_n_u32(vreinterpretq_u32_s32(vaddq_n_s32(vabsq_s32(v), half)), 1);
  const int32x4_t q = vreinterpretq_s32_u32(vmulhq_u32(n, vdupq_n_u32(m)));
  return vnegq_m_s32(q, q, vcmpltq_n_s32(v, 0));
}

// Eight channels a vector, the window's sums in int16 lanes (exact: at
// most 256 taps of [-128, 127]; the caller checks), then DividedByCount on
// the even and odd lanes widened to int32, narrowed back and clamped.
void AveragePoolInt8Mve(const PoolParams& p, const int8_t* input, int8_t* output) {
  const int16x8_t lo = vdupq_n_s16(static_cast<int16_t>(p.act_min)), hi = vdupq_n_s16(static_cast<int16_t>(p.act_max));
  ForEachPixel(p, input, output, [&](const int8_t* in_b, int32_t y0, int32_t x0, int32_t fyb, int32_t fye,
                                     int32_t fxb, int32_t fxe, int8_t* out) {
    const int32_t count = (fye - fyb) * (fxe - fxb);
    const uint32_t m = ((uint32_t{1} << 31) + static_cast<uint32_t>(count) - 1) / static_cast<uint32_t>(count);
    for (int32_t c = 0; c < p.channels; c += 8) {
      const mve_pred16_t pred = vctp16q(static_cast<uint32_t>(p.channels - c));
      int16x8_t sum = vdupq_n_s16(0);
      for (int32_t fy = fyb; fy < fye; ++fy) {
        for (int32_t fx = fxb; fx < fxe; ++fx) sum = vaddq_s16(sum, vldrbq_z_s16(&At(in_b + c, p, y0 + fy, x0 + fx), pred));
      }
      int16x8_t avg = vmovnbq_s32(vdupq_n_s16(0), DividedByCount(vmovlbq_s16(sum), count / 2, m));
      avg = vmovntq_s32(avg, DividedByCount(vmovltq_s16(sum), count / 2, m));
      vstrbq_p_s16(out + c, vminq_s16(vmaxq_s16(avg, lo), hi), pred);
    }
  });
}
#endif

}  // namespace

void AveragePoolInt8(const PoolParams& p, const int8_t* input, int8_t* output) {
#ifdef MOTE_NN_MVE_INT
  if (p.filter_h * p.filter_w <= 256) {
    AveragePoolInt8Mve(p, input, output);
    return;
  }
#endif
  ForEachWindow(p, input, output, [&p](const int8_t* base, int32_t y0, int32_t x0, int32_t fyb, int32_t fye,
                                       int32_t fxb, int32_t fxe) {
    int32_t sum = 0, count = 0;
    for (int32_t fy = fyb; fy < fye; ++fy) {
      for (int32_t fx = fxb; fx < fxe; ++fx) {
        sum += At(base, p, y0 + fy, x0 + fx);
        ++count;
      }
    }
    // Prepare guarantees every window holds at least one tap.
    int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    avg = avg < p.act_min ? p.act_min : avg;
    avg = avg > p.act_max ? p.act_max : avg;
    return static_cast<int8_t>(avg);
  });
}

void MaxPoolInt8(const PoolParams& p, const int8_t* input, int8_t* output) {
#ifdef MOTE_NN_MVE_INT
  MaxPoolInt8Mve(p, input, output);
#else
  ForEachWindow(p, input, output, [&p](const int8_t* base, int32_t y0, int32_t x0, int32_t fyb, int32_t fye,
                                       int32_t fxb, int32_t fxe) {
    int32_t max = -128;
    for (int32_t fy = fyb; fy < fye; ++fy) {
      for (int32_t fx = fxb; fx < fxe; ++fx) {
        const int32_t v = At(base, p, y0 + fy, x0 + fx);
        max = v > max ? v : max;
      }
    }
    max = max < p.act_min ? p.act_min : max;
    max = max > p.act_max ? p.act_max : max;
    return static_cast<int8_t>(max);
  });
#endif
}

void AveragePoolFloat(const PoolParams& p, const float* input, float* output) {
  ForEachWindow(p, input, output, [&p](const float* base, int32_t y0, int32_t x0, int32_t fyb, int32_t fye,
                                       int32_t fxb, int32_t fxe) {
    float sum = 0.0f;
    int32_t count = 0;
    for (int32_t fy = fyb; fy < fye; ++fy) {
      for (int32_t fx = fxb; fx < fxe; ++fx) {
        sum += At(base, p, y0 + fy, x0 + fx);
        ++count;
      }
    }
    float avg = sum / static_cast<float>(count);
    avg = avg < p.float_act_min ? p.float_act_min : avg;
    return avg > p.float_act_max ? p.float_act_max : avg;
  });
}

void MaxPoolFloat(const PoolParams& p, const float* input, float* output) {
  ForEachWindow(p, input, output, [&p](const float* base, int32_t y0, int32_t x0, int32_t fyb, int32_t fye,
                                       int32_t fxb, int32_t fxe) {
    float max = -FLT_MAX;
    for (int32_t fy = fyb; fy < fye; ++fy) {
      for (int32_t fx = fxb; fx < fxe; ++fx) {
        const float v = At(base, p, y0 + fy, x0 + fx);
        max = v > max ? v : max;
      }
    }
    max = max < p.float_act_min ? p.float_act_min : max;
    return max > p.float_act_max ? p.float_act_max : max;
  });
}

namespace kernels {
namespace {

using tflite::TensorType;

NnStatus Prepare(const OpContext& ctx, void* op_data, OpMemory* memory) {
  TensorView input, output;
  if (NnStatus s = UnaryTensors(ctx, &input, &output); s != NnStatus::kOk) return s;
  for (const TensorView* t : {&input, &output}) {
    if (NnStatus s = RequireRank(ctx, *t, 4); s != NnStatus::kOk) return s;
  }
  if (NnStatus s = RequireType(ctx, output, input.type); s != NnStatus::kOk) return s;
  fb::Table o;
  if (NnStatus s = ctx.Options(tflite::kPool2DOptions, &o); s != NnStatus::kOk) return s;
  namespace po = tflite::pool2d_options;
  PoolParams p{};
  int8_t padding = 0;
  if (!o.Scalar<int8_t>(po::kPadding, 0, &padding) || !o.Scalar<int32_t>(po::kStrideW, 0, &p.stride_w) ||
      !o.Scalar<int32_t>(po::kStrideH, 0, &p.stride_h) || !o.Scalar<int32_t>(po::kFilterW, 0, &p.filter_w) ||
      !o.Scalar<int32_t>(po::kFilterH, 0, &p.filter_h)) {
    return ctx.Fail(NnStatus::kCorrupt, "Pool2DOptions");
  }
  tflite::Activation activation;
  if (NnStatus s = ReadActivation(ctx, o, po::kActivation, &activation); s != NnStatus::kOk) return s;
  p.type = input.type;
  p.batches = input.dims[0];
  p.input_h = input.dims[1];
  p.input_w = input.dims[2];
  p.channels = input.dims[3];
  p.output_h = output.dims[1];
  p.output_w = output.dims[2];
  Window wy, wx;
  const auto pad = static_cast<tflite::Padding>(padding);
  if (!ComputeWindow(pad, p.input_h, p.filter_h, p.stride_h, 1, &wy) ||
      !ComputeWindow(pad, p.input_w, p.filter_w, p.stride_w, 1, &wx)) {
    return ctx.Fail(NnStatus::kBadOptions, "Pool2DOptions");
  }
  // A window wholly in the padding would have no taps: reject it here.
  if (wy.pad >= p.filter_h || wx.pad >= p.filter_w) return ctx.Fail(NnStatus::kBadOptions, "Pool2DOptions");
  if (wy.out != p.output_h || wx.out != p.output_w || output.dims[0] != p.batches || output.dims[3] != p.channels) {
    return ctx.Fail(NnStatus::kShapeMismatch, "Tensor.shape", output.index);
  }
  p.pad_h = wy.pad;
  p.pad_w = wx.pad;
  if (input.type == TensorType::kInt8) {
    if (NnStatus s = RequireQuantized(ctx, output); s != NnStatus::kOk) return s;
    // Pooling does not rescale: input and output share their quantization.
    if (input.scale() != output.scale() || input.zero_point() != output.zero_point()) {
      return ctx.Fail(NnStatus::kBadQuantization, "QuantizationParameters", output.index);
    }
    if (NnStatus s = Int8ActivationRange(ctx, activation, output, &p.act_min, &p.act_max); s != NnStatus::kOk) {
      return s;
    }
  } else if (input.type == TensorType::kFloat32) {
    if (NnStatus s = FloatRange(ctx, activation, &p.float_act_min, &p.float_act_max); s != NnStatus::kOk) return s;
  } else {
    return ctx.Fail(NnStatus::kUnsupportedType, "Tensor.type", input.index);
  }
  return KeepParams(p, op_data, memory);
}

// The two pools share Prepare and differ only in the loops they run.
template <void (*PoolInt8)(const PoolParams&, const int8_t*, int8_t*),
          void (*PoolFloat)(const PoolParams&, const float*, float*)>
NnStatus Invoke(void* op_data, const OpBuffers& b) {
  const auto& p = *static_cast<const PoolParams*>(op_data);
  if (p.type == TensorType::kInt8) {
    PoolInt8(p, In<int8_t>(b, 0), Out<int8_t>(b, 0));
  } else {
    PoolFloat(p, In<float>(b, 0), Out<float>(b, 0));
  }
  return NnStatus::kOk;
}

}  // namespace

const OpKernel kAveragePool2d = {Prepare, Invoke<AveragePoolInt8, AveragePoolFloat>};
const OpKernel kMaxPool2d = {Prepare, Invoke<MaxPoolInt8, MaxPoolFloat>};

}  // namespace kernels
}  // namespace mote::nn
