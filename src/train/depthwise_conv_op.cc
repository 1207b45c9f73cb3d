#include "train/depthwise_conv_op.h"

#include <cassert>
#include <vector>

#include "train/gemm.h"
#include "train/shard_partials.h"

namespace mote::train {
namespace {

// Channels summed together in registers: 16 floats are four SSE (two AVX)
// registers, and a 3x3 window's taps then cost two loads per multiply-add.
constexpr int64_t kBlock = 16;

struct Channels {
  int64_t in, out, multiplier;  // out = in * multiplier
};

// A tap of a window paired with a pixel of the other tensor: `pixel` is the
// flat index y * width + x within one image, `tap` is ky * KW + kx.
struct TapPair {
  int64_t pixel, tap;
};

// The taps of output pixel (oy, ox) that fall inside the input, with the
// input pixels they read. `taps` has room for KH * KW; returns the count.
int64_t TapsOfOutput(const WindowGeometry& g, int64_t oy, int64_t ox, TapPair* taps) {
  const Window2D& k = g.window;
  int64_t count = 0;
  for (int64_t ky = 0; ky < k.kernel_h; ++ky) {
    const int64_t iy = oy * k.stride_h - g.pad_top + ky * k.dilation_h;
    if (iy < 0 || iy >= g.in_h) continue;
    for (int64_t kx = 0; kx < k.kernel_w; ++kx) {
      const int64_t ix = ox * k.stride_w - g.pad_left + kx * k.dilation_w;
      if (ix >= 0 && ix < g.in_w) taps[count++] = {iy * g.in_w + ix, ky * k.kernel_w + kx};
    }
  }
  return count;
}

// The output pixels whose window reads input pixel (iy, ix), each with the
// tap that reads it: TapsOfOutput turned around, for the input gradient.
int64_t TapsOfInput(const WindowGeometry& g, int64_t iy, int64_t ix, TapPair* taps) {
  const Window2D& k = g.window;
  int64_t count = 0;
  for (int64_t ky = 0; ky < k.kernel_h; ++ky) {
    const int64_t ty = iy + g.pad_top - ky * k.dilation_h;
    if (ty < 0 || ty % k.stride_h != 0 || ty / k.stride_h >= g.out_h) continue;
    for (int64_t kx = 0; kx < k.kernel_w; ++kx) {
      const int64_t tx = ix + g.pad_left - kx * k.dilation_w;
      if (tx < 0 || tx % k.stride_w != 0 || tx / k.stride_w >= g.out_w) continue;
      taps[count++] = {(ty / k.stride_h) * g.out_w + tx / k.stride_w, ky * k.kernel_w + kx};
    }
  }
  return count;
}

// Calls kernel.operator()<kBlock>(first, kBlock) for each full block of
// `channels` and kernel.operator()<0>(first, rest) for the rest, so that
// full blocks have a length known at compile time (kept in registers).
template <typename Kernel>
void ForEachChannelBlock(int64_t channels, Kernel&& kernel) {
  int64_t first = 0;
  for (; first + kBlock <= channels; first += kBlock) kernel.template operator()<kBlock>(first, kBlock);
  if (first < channels) kernel.template operator()<0>(first, channels - first);
}

// y for images [n0, n1): out[o] = bias[o] + sum over taps of in[o / M] * w_tap[o].
// kUnit: the multiplier is 1 (the usual case, then a plain vector loop).
template <typename T, bool kUnit>
void ForwardImages(const WindowGeometry& g, const Channels& ch, const T* x, const T* w, const T* bias, int64_t n0,
                   int64_t n1, T* y) {
  const int64_t m = kUnit ? 1 : ch.multiplier;
  std::vector<TapPair> taps(g.window.kernel_h * g.window.kernel_w);
  for (int64_t img = n0; img < n1; ++img) {
    const T* image = x + img * g.in_h * g.in_w * ch.in;
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        const int64_t count = TapsOfOutput(g, oy, ox, taps.data());
        T* out = y + ((img * g.out_h + oy) * g.out_w + ox) * ch.out;
        ForEachChannelBlock(ch.out, [&]<int64_t kLen>(int64_t o0, int64_t len) {
          const int64_t n = kLen > 0 ? kLen : len;
          T acc[kBlock];
          for (int64_t j = 0; j < n; ++j) acc[j] = bias ? bias[o0 + j] : T(0);
          for (int64_t t = 0; t < count; ++t) {
            const T* __restrict in = image + taps[t].pixel * ch.in;
            const T* __restrict wt = w + taps[t].tap * ch.out + o0;
            for (int64_t j = 0; j < n; ++j) acc[j] += in[(o0 + j) / m] * wt[j];
          }
          for (int64_t j = 0; j < n; ++j) out[o0 + j] = acc[j];
        });
      }
    }
  }
}

// dx for images [n0, n1), gathered per input pixel: dx[c] = sum over the
// taps that read it and over the multiplier's channels of dy * w. Assigns
// every element, or adds when `accumulate`.
template <typename T, bool kUnit>
void InputGradientImages(const WindowGeometry& g, const Channels& ch, const T* dy, const T* w, int64_t n0,
                         int64_t n1, bool accumulate, T* dx) {
  const int64_t m = kUnit ? 1 : ch.multiplier;
  std::vector<TapPair> taps(g.window.kernel_h * g.window.kernel_w);
  for (int64_t img = n0; img < n1; ++img) {
    const T* grad_image = dy + img * g.out_h * g.out_w * ch.out;
    for (int64_t iy = 0; iy < g.in_h; ++iy) {
      for (int64_t ix = 0; ix < g.in_w; ++ix) {
        const int64_t count = TapsOfInput(g, iy, ix, taps.data());
        T* d = dx + ((img * g.in_h + iy) * g.in_w + ix) * ch.in;
        ForEachChannelBlock(ch.in, [&]<int64_t kLen>(int64_t c0, int64_t len) {
          const int64_t n = kLen > 0 ? kLen : len;
          T acc[kBlock] = {};
          for (int64_t t = 0; t < count; ++t) {
            const T* __restrict gy = grad_image + taps[t].pixel * ch.out + c0 * m;
            const T* __restrict wt = w + taps[t].tap * ch.out + c0 * m;
            for (int64_t j = 0; j < n; ++j) {
              for (int64_t mi = 0; mi < m; ++mi) acc[j] += gy[j * m + mi] * wt[j * m + mi];
            }
          }
          for (int64_t j = 0; j < n; ++j) d[c0 + j] = accumulate ? d[c0 + j] + acc[j] : acc[j];
        });
      }
    }
  }
}

// dw += the weight gradient of images [n0, n1): per output pixel and tap,
// dw_tap[o] += dy[o] * in[o / M] (dw, KH*KW*OC values, stays in cache).
template <typename T, bool kUnit>
void WeightGradientImages(const WindowGeometry& g, const Channels& ch, const T* x, const T* dy, int64_t n0,
                          int64_t n1, T* dw) {
  const int64_t m = kUnit ? 1 : ch.multiplier;
  std::vector<TapPair> taps(g.window.kernel_h * g.window.kernel_w);
  for (int64_t img = n0; img < n1; ++img) {
    const T* image = x + img * g.in_h * g.in_w * ch.in;
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        const int64_t count = TapsOfOutput(g, oy, ox, taps.data());
        const T* __restrict gy = dy + ((img * g.out_h + oy) * g.out_w + ox) * ch.out;
        for (int64_t t = 0; t < count; ++t) {
          const T* __restrict in = image + taps[t].pixel * ch.in;
          T* __restrict d = dw + taps[t].tap * ch.out;
          for (int64_t o = 0; o < ch.out; ++o) d[o] += gy[o] * in[o / m];
        }
      }
    }
  }
}

}  // namespace

template <typename T>
Var<T> DepthwiseConv2D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& g) {
  assert(x->value.rank() == 4 && w->value.rank() == 4);
  const int64_t n = x->value.dim(0), c = x->value.dim(3), oc = w->value.dim(3);
  const Channels ch{c, oc, oc / c};
  const int64_t pixels = g.out_h * g.out_w;
  assert(oc == c * ch.multiplier && w->value.size() == g.window.kernel_h * g.window.kernel_w * oc);
  const bool unit = ch.multiplier == 1;
  const int shards = ShardsFor(tape.pool(), n, n * pixels * g.window.kernel_h * g.window.kernel_w * oc);

  Tensor<T> y = Tensor<T>::Uninitialized({n, g.out_h, g.out_w, oc});
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    (unit ? ForwardImages<T, true> : ForwardImages<T, false>)(g, ch, x->value.data(), w->value.data(),
                                                              b ? b->value.data() : nullptr, r.begin, r.end, y.data());
  });

  Var<T> result = MakeVar(std::move(y), x->requires_grad || w->requires_grad || (b && b->requires_grad));
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, w, b, result, n, ch, pixels, unit, shards, g] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    bool accumulate = false;
    T* dx = x->requires_grad ? x->GradToWrite(&accumulate) : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    ShardPartials<T> dw(want_dw ? shards : 0, w->value.size()), db(want_db ? shards : 0, ch.out);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      if (dx) {
        (unit ? InputGradientImages<T, true> : InputGradientImages<T, false>)(g, ch, dy, w->value.data(), r.begin,
                                                                              r.end, accumulate, dx);
      }
      if (want_dw) {
        (unit ? WeightGradientImages<T, true> : WeightGradientImages<T, false>)(g, ch, x->value.data(), dy, r.begin,
                                                                                r.end, dw.shard(s));
      }
      if (want_db) AddColumnSums((r.end - r.begin) * pixels, ch.out, dy + r.begin * pixels * ch.out, db.shard(s));
    });
    if (want_dw) dw.AddTo(w->MutableGrad());
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

#define MOTE_INSTANTIATE_DEPTHWISE(T) \
  template Var<T> DepthwiseConv2D(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, const WindowGeometry&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_DEPTHWISE)

}  // namespace mote::train
