#include "train/pool_ops.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <vector>

namespace mote::train {
namespace {

Shape PooledShape(const Shape& in, const WindowGeometry& g) {
  if (in.size() == 3) return {in[0], g.out_w, in[2]};
  return {in[0], g.out_h, g.out_w, in[3]};
}

// Calls visit(out_pixel, in_pixel) for every real input pixel under the
// window of each output pixel of images [n0, n1); pixels are flat indices
// over (image, y, x).
template <typename Visit>
void ForEachWindowCell(const WindowGeometry& g, int64_t n0, int64_t n1, Visit&& visit) {
  for (int64_t img = n0; img < n1; ++img) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        const int64_t out_pixel = (img * g.out_h + oy) * g.out_w + ox;
        const int64_t y0 = std::max<int64_t>(0, oy * g.window.stride_h - g.pad_top);
        const int64_t y1 = std::min(g.in_h, oy * g.window.stride_h - g.pad_top + g.window.kernel_h);
        const int64_t x0 = std::max<int64_t>(0, ox * g.window.stride_w - g.pad_left);
        const int64_t x1 = std::min(g.in_w, ox * g.window.stride_w - g.pad_left + g.window.kernel_w);
        for (int64_t iy = y0; iy < y1; ++iy) {
          for (int64_t ix = x0; ix < x1; ++ix) visit(out_pixel, (img * g.in_h + iy) * g.in_w + ix);
        }
      }
    }
  }
}

}  // namespace

template <typename T>
Var<T> MaxPool(Tape<T>& tape, const Var<T>& x, const WindowGeometry& g) {
  const int64_t n = x->value.dim(0), c = x->value.dim(-1);
  const int64_t in_image = g.in_h * g.in_w * c, out_image = g.out_h * g.out_w * c;
  assert(in_image <= std::numeric_limits<int32_t>::max());
  Tensor<T> y = Tensor<T>::Uninitialized(PooledShape(x->value.shape(), g));
  // Per output: the index within its image of the input that won, for the
  // backward pass (32 bits, the width of a float: selects vectorise).
  std::vector<int32_t> argmax(y.size());
  const int shards = ShardsFor(tape.pool(), n, y.size() * g.window.kernel_h * g.window.kernel_w);
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    for (int64_t img = r.begin; img < r.end; ++img) {
      const T* __restrict in = x->value.data() + img * in_image;
      for (int64_t oy = 0; oy < g.out_h; ++oy) {
        const int64_t y0 = std::max<int64_t>(0, oy * g.window.stride_h - g.pad_top);
        const int64_t y1 = std::min(g.in_h, oy * g.window.stride_h - g.pad_top + g.window.kernel_h);
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          const int64_t x0 = std::max<int64_t>(0, ox * g.window.stride_w - g.pad_left);
          const int64_t x1 = std::min(g.in_w, ox * g.window.stride_w - g.pad_left + g.window.kernel_w);
          const int64_t at = img * out_image + (oy * g.out_w + ox) * c;
          T* __restrict out = y.data() + at;
          int32_t* __restrict win = argmax.data() + at;
          // The window's first cell, then the others where larger (ties go
          // to the first); branch-free, as which cell wins is data-dependent.
          const int32_t first = static_cast<int32_t>((y0 * g.in_w + x0) * c);
          for (int64_t ci = 0; ci < c; ++ci) {
            out[ci] = in[first + ci];
            win[ci] = first + static_cast<int32_t>(ci);
          }
          for (int64_t iy = y0; iy < y1; ++iy) {
            for (int64_t ix = iy == y0 ? x0 + 1 : x0; ix < x1; ++ix) {
              const int32_t cell = static_cast<int32_t>((iy * g.in_w + ix) * c);
              for (int32_t ci = 0; ci < c; ++ci) {
                const bool take = in[cell + ci] > out[ci];
                out[ci] = take ? in[cell + ci] : out[ci];
                win[ci] = take ? cell + ci : win[ci];
              }
            }
          }
        }
      }
    }
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([&tape, x, result, argmax = std::move(argmax), n, in_image, out_image, shards] {
      if (!result->has_grad()) return;
      bool accumulate;
      T* dx = x->GradToWrite(&accumulate);
      const T* dy = result->grad.data();
      tape.pool().Run(shards, [&](int s) {
        const ShardRange r = ShardOf(n, shards, s);
        if (!accumulate) std::fill(dx + r.begin * in_image, dx + r.end * in_image, T(0));
        for (int64_t img = r.begin; img < r.end; ++img) {
          T* d = dx + img * in_image;
          for (int64_t o = img * out_image; o < (img + 1) * out_image; ++o) d[argmax[o]] += dy[o];
        }
      });
    });
  }
  return result;
}

template <typename T>
Var<T> AveragePool(Tape<T>& tape, const Var<T>& x, const WindowGeometry& g) {
  const int64_t n = x->value.dim(0), c = x->value.dim(-1);
  Tensor<T> y(PooledShape(x->value.shape(), g));
  // 1 / (real cells under each output pixel's window).
  std::vector<T> inv_count(n * g.out_h * g.out_w, T(0));
  const int shards = ShardsFor(tape.pool(), n, y.size() * g.window.kernel_h * g.window.kernel_w);
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    const T* xp = x->value.data();
    ForEachWindowCell(g, r.begin, r.end, [&](int64_t out_pixel, int64_t in_pixel) {
      inv_count[out_pixel] += 1;
      for (int64_t ci = 0; ci < c; ++ci) y[out_pixel * c + ci] += xp[in_pixel * c + ci];
    });
    for (int64_t p = r.begin * g.out_h * g.out_w; p < r.end * g.out_h * g.out_w; ++p) {
      inv_count[p] = T(1) / inv_count[p];
      for (int64_t ci = 0; ci < c; ++ci) y[p * c + ci] *= inv_count[p];
    }
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result, g, c, inv_count = std::move(inv_count), n] {
      if (!result->has_grad()) return;
      T* dx = x->MutableGrad();
      const T* dy = result->grad.data();
      ForEachWindowCell(g, 0, n, [&](int64_t out_pixel, int64_t in_pixel) {
        for (int64_t ci = 0; ci < c; ++ci) dx[in_pixel * c + ci] += dy[out_pixel * c + ci] * inv_count[out_pixel];
      });
    });
  }
  return result;
}

template <typename T>
Var<T> GlobalAveragePool(Tape<T>& tape, const Var<T>& x) {
  const int64_t n = x->value.dim(0), c = x->value.dim(-1), pixels = x->value.size() / (n * c);
  Tensor<T> y({n, c});
  const T scale = T(1) / static_cast<T>(pixels);
  const T* xp = x->value.data();
  for (int64_t img = 0; img < n; ++img) {
    for (int64_t p = 0; p < pixels; ++p) {
      for (int64_t ci = 0; ci < c; ++ci) y[img * c + ci] += xp[(img * pixels + p) * c + ci];
    }
    for (int64_t ci = 0; ci < c; ++ci) y[img * c + ci] *= scale;
  }
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([x, result, n, c, pixels, scale] {
      if (!result->has_grad()) return;
      bool accumulate;
      T* __restrict dx = x->GradToWrite(&accumulate);
      const T* __restrict dy = result->grad.data();
      for (int64_t img = 0; img < n; ++img) {
        for (int64_t p = 0; p < pixels; ++p) {
          for (int64_t ci = 0; ci < c; ++ci) {
            const int64_t at = (img * pixels + p) * c + ci;
            const T v = dy[img * c + ci] * scale;
            dx[at] = accumulate ? dx[at] + v : v;
          }
        }
      }
    });
  }
  return result;
}

#define MOTE_INSTANTIATE_POOL(T)                                              \
  template Var<T> MaxPool(Tape<T>&, const Var<T>&, const WindowGeometry&);     \
  template Var<T> AveragePool(Tape<T>&, const Var<T>&, const WindowGeometry&); \
  template Var<T> GlobalAveragePool(Tape<T>&, const Var<T>&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_POOL)

}  // namespace mote::train
