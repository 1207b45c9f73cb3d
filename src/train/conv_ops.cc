#include "train/conv_ops.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <vector>

#include "train/gemm.h"
#include "train/shard_partials.h"

namespace mote::train {
namespace {

// Copies the windows of images [n0, n1) into `cols`: one row per output
// pixel (image, oy, ox), KH*KW*C columns in (ky, kx, c) order, matching a
// [OC, KH, KW, C] filter's rows. Padding reads as zeros.
template <typename T>
void Im2Col(const T* x, const WindowGeometry& g, int64_t c, int64_t n0, int64_t n1, T* cols) {
  const Window2D& k = g.window;
  const int64_t row_len = k.kernel_h * k.kernel_w * c;
  for (int64_t n = n0; n < n1; ++n) {
    const T* image = x + n * g.in_h * g.in_w * c;
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox, cols += row_len) {
        T* dst = cols;
        for (int64_t ky = 0; ky < k.kernel_h; ++ky) {
          const int64_t iy = oy * k.stride_h - g.pad_top + ky * k.dilation_h;
          for (int64_t kx = 0; kx < k.kernel_w; ++kx, dst += c) {
            const int64_t ix = ox * k.stride_w - g.pad_left + kx * k.dilation_w;
            if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
              std::fill(dst, dst + c, T(0));
            } else {
              std::memcpy(dst, image + (iy * g.in_w + ix) * c, c * sizeof(T));
            }
          }
        }
      }
    }
  }
}

// The adjoint of Im2Col: adds each column row back onto the input pixels
// it was copied from.
template <typename T>
void Col2ImAdd(const T* cols, const WindowGeometry& g, int64_t c, int64_t n0, int64_t n1, T* dx) {
  const Window2D& k = g.window;
  const int64_t row_len = k.kernel_h * k.kernel_w * c;
  for (int64_t n = n0; n < n1; ++n) {
    T* image = dx + n * g.in_h * g.in_w * c;
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox, cols += row_len) {
        const T* src = cols;
        for (int64_t ky = 0; ky < k.kernel_h; ++ky) {
          const int64_t iy = oy * k.stride_h - g.pad_top + ky * k.dilation_h;
          for (int64_t kx = 0; kx < k.kernel_w; ++kx, src += c) {
            const int64_t ix = ox * k.stride_w - g.pad_left + kx * k.dilation_w;
            if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
            T* dst = image + (iy * g.in_w + ix) * c;
            for (int64_t i = 0; i < c; ++i) dst[i] += src[i];
          }
        }
      }
    }
  }
}

// Images per matrix product: enough rows to keep the product efficient,
// few enough that the column buffer stays in cache.
int64_t ImagesPerChunk(int64_t pixels_per_image) {
  constexpr int64_t kTargetRows = 512;
  return std::max<int64_t>(1, kTargetRows / pixels_per_image);
}

// Shared by Conv2D and Conv1D: `out_shape` is the result's shape, whose
// element count is N * out_h * out_w * OC.
template <typename T>
Var<T> ConvIm2Col(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& g,
                  Shape out_shape) {
  const int64_t n = x->value.dim(0), c = x->value.dim(-1), oc = w->value.dim(0);
  const int64_t pixels = g.out_h * g.out_w;
  const int64_t k = g.window.kernel_h * g.window.kernel_w * c;
  assert(w->value.size() == oc * k && x->value.size() == n * g.in_h * g.in_w * c);
  const bool pointwise = g.IsPointwise();
  const int64_t chunk = ImagesPerChunk(pixels);
  const int shards = ShardsFor(tape.pool(), n, n * pixels * k * oc);

  Tensor<T> y(std::move(out_shape));
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    std::vector<T> cols(pointwise ? 0 : std::min(chunk, r.end - r.begin) * pixels * k);
    for (int64_t n0 = r.begin; n0 < r.end; n0 += chunk) {
      const int64_t n1 = std::min(r.end, n0 + chunk), rows = (n1 - n0) * pixels;
      const T* colp = x->value.data() + n0 * pixels * c;
      if (!pointwise) {
        Im2Col(x->value.data(), g, c, n0, n1, cols.data());
        colp = cols.data();
      }
      T* yp = y.data() + n0 * pixels * oc;
      Gemm(Op::kNone, Op::kTranspose, rows, oc, k, colp, w->value.data(), false, yp);
      if (b) AddRowToEach(rows, oc, b->value.data(), yp);
    }
  });

  Var<T> result = MakeVar(std::move(y), x->requires_grad || w->requires_grad || (b && b->requires_grad));
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, w, b, result, g, n, c, oc, pixels, k, pointwise, chunk, shards] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    T* dx = x->requires_grad ? x->MutableGrad() : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    ShardPartials<T> dw(want_dw ? shards : 0, oc * k), db(want_db ? shards : 0, oc);
    const T* weights = w->value.data();
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      const int64_t buffer = pointwise ? 0 : std::min(chunk, r.end - r.begin) * pixels * k;
      std::vector<T> cols(want_dw ? buffer : 0), dcols(dx ? buffer : 0);
      for (int64_t n0 = r.begin; n0 < r.end; n0 += chunk) {
        const int64_t n1 = std::min(r.end, n0 + chunk), rows = (n1 - n0) * pixels;
        const T* dyp = dy + n0 * pixels * oc;
        if (want_dw) {
          const T* colp = x->value.data() + n0 * pixels * c;
          if (!pointwise) {
            Im2Col(x->value.data(), g, c, n0, n1, cols.data());
            colp = cols.data();
          }
          Gemm(Op::kTranspose, Op::kNone, oc, k, rows, dyp, colp, true, dw.shard(s));
        }
        if (want_db) AddColumnSums(rows, oc, dyp, db.shard(s));
        if (dx && pointwise) {
          Gemm(Op::kNone, Op::kNone, rows, c, oc, dyp, weights, true, dx + n0 * pixels * c);
        } else if (dx) {
          Gemm(Op::kNone, Op::kNone, rows, k, oc, dyp, weights, false, dcols.data());
          Col2ImAdd(dcols.data(), g, c, n0, n1, dx);
        }
      }
    });
    if (want_dw) dw.AddTo(w->MutableGrad());
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

}  // namespace

template <typename T>
Var<T> Conv2D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& geometry) {
  assert(x->value.rank() == 4 && w->value.rank() == 4);
  return ConvIm2Col(tape, x, w, b, geometry, {x->value.dim(0), geometry.out_h, geometry.out_w, w->value.dim(0)});
}

template <typename T>
Var<T> Conv1D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& geometry) {
  assert(x->value.rank() == 3 && w->value.rank() == 3 && geometry.in_h == 1);
  return ConvIm2Col(tape, x, w, b, geometry, {x->value.dim(0), geometry.out_w, w->value.dim(0)});
}

template <typename T>
Var<T> DepthwiseConv2D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b,
                       const WindowGeometry& g) {
  assert(x->value.rank() == 4 && w->value.rank() == 4);
  const int64_t n = x->value.dim(0), c = x->value.dim(3), oc = w->value.dim(3), m = oc / c;
  const int64_t kh = g.window.kernel_h, kw = g.window.kernel_w;
  assert(oc == c * m && w->value.size() == kh * kw * oc);
  const int shards = ShardsFor(tape.pool(), n, n * g.out_h * g.out_w * kh * kw * oc);
  // Calls visit(n, oy, ox, ky, kx, input pixel offset, output pixel offset)
  // for every in-bounds tap of images [n0, n1).
  auto for_each_tap = [g, c, oc](int64_t n0, int64_t n1, auto&& visit) {
    for (int64_t img = n0; img < n1; ++img) {
      for (int64_t oy = 0; oy < g.out_h; ++oy) {
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          const int64_t out_at = ((img * g.out_h + oy) * g.out_w + ox) * oc;
          for (int64_t ky = 0; ky < g.window.kernel_h; ++ky) {
            const int64_t iy = oy * g.window.stride_h - g.pad_top + ky * g.window.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int64_t kx = 0; kx < g.window.kernel_w; ++kx) {
              const int64_t ix = ox * g.window.stride_w - g.pad_left + kx * g.window.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              visit(((img * g.in_h + iy) * g.in_w + ix) * c, out_at, (ky * g.window.kernel_w + kx) * oc);
            }
          }
        }
      }
    }
  };

  Tensor<T> y({n, g.out_h, g.out_w, oc});
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    T* yp = y.data();
    if (b) {
      for (int64_t i = r.begin * g.out_h * g.out_w; i < r.end * g.out_h * g.out_w; ++i) {
        std::copy(b->value.data(), b->value.data() + oc, yp + i * oc);
      }
    }
    const T* xp = x->value.data();
    const T* wp = w->value.data();
    for_each_tap(r.begin, r.end, [&](int64_t in_at, int64_t out_at, int64_t w_at) {
      if (m == 1) {  // the usual case, as a loop GCC vectorises
        T* __restrict out = yp + out_at;
        const T* __restrict in = xp + in_at;
        const T* __restrict tap = wp + w_at;
        for (int64_t ci = 0; ci < c; ++ci) out[ci] += in[ci] * tap[ci];
        return;
      }
      for (int64_t ci = 0; ci < c; ++ci) {
        for (int64_t mi = 0; mi < m; ++mi) yp[out_at + ci * m + mi] += xp[in_at + ci] * wp[w_at + ci * m + mi];
      }
    });
  });

  Var<T> result = MakeVar(std::move(y), x->requires_grad || w->requires_grad || (b && b->requires_grad));
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, w, b, result, n, c, oc, m, shards, for_each_tap, g] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    T* dx = x->requires_grad ? x->MutableGrad() : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    ShardPartials<T> dw(want_dw ? shards : 0, w->value.size()), db(want_db ? shards : 0, oc);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      const T* xp = x->value.data();
      const T* wp = w->value.data();
      T* dwp = want_dw ? dw.shard(s) : nullptr;
      for_each_tap(r.begin, r.end, [&](int64_t in_at, int64_t out_at, int64_t w_at) {
        if (m == 1) {  // as in the forward pass; one loop per gradient, without branches
          const T* __restrict g_out = dy + out_at;
          if (dx) {
            T* __restrict d_in = dx + in_at;
            const T* __restrict tap = wp + w_at;
            for (int64_t ci = 0; ci < c; ++ci) d_in[ci] += g_out[ci] * tap[ci];
          }
          if (dwp) {
            T* __restrict d_tap = dwp + w_at;
            const T* __restrict in = xp + in_at;
            for (int64_t ci = 0; ci < c; ++ci) d_tap[ci] += g_out[ci] * in[ci];
          }
          return;
        }
        for (int64_t ci = 0; ci < c; ++ci) {
          for (int64_t mi = 0; mi < m; ++mi) {
            const T g_out = dy[out_at + ci * m + mi];
            if (dx) dx[in_at + ci] += g_out * wp[w_at + ci * m + mi];
            if (dwp) dwp[w_at + ci * m + mi] += g_out * xp[in_at + ci];
          }
        }
      });
      if (want_db) {
        T* dbp = db.shard(s);
        for (int64_t i = r.begin * g.out_h * g.out_w; i < r.end * g.out_h * g.out_w; ++i) {
          for (int64_t o = 0; o < oc; ++o) dbp[o] += dy[i * oc + o];
        }
      }
    });
    if (want_dw) dw.AddTo(w->MutableGrad());
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

#define MOTE_INSTANTIATE_CONV(T)                                                                          \
  template Var<T> Conv2D(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, const WindowGeometry&); \
  template Var<T> Conv1D(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, const WindowGeometry&); \
  template Var<T> DepthwiseConv2D(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, const WindowGeometry&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_CONV)

}  // namespace mote::train
