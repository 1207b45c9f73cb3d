#include "train/pool_ops.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "train/simd_clones.h"

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

// Branch-free selections written as bit masks: GCC vectorises these for
// SSE2, where it leaves a float chosen by an integer comparison (or an
// integer by a float one) scalar.
// a when `first`, else b.
inline int32_t Choose(bool first, int32_t a, int32_t b) {
  const int32_t mask = -static_cast<int32_t>(first);
  return (a & mask) | (b & ~mask);
}
// x when `keep`, else +0.
template <typename T>
T KeepIf(bool keep, T x) {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  return std::bit_cast<T>(std::bit_cast<Bits>(x) & (Bits(0) - Bits(keep)));
}

// One output pixel of a max pool: out[ci] = the largest in[cells[j] + ci]
// over the window's cells (offsets of their first channel, in the order
// the window is read), win[ci] the offset that won (ties go to the first
// cell). Restrict arguments and no branch, so that GCC vectorises over
// channels (which cell wins is data-dependent); inlined into its caller's
// instruction set, as WindowMaxGradient is.
template <typename T>
[[gnu::always_inline]] inline void WindowMax(const T* __restrict in, const int32_t* __restrict cells, int64_t count,
                                             int32_t c, T* __restrict out, int32_t* __restrict win) {
  for (int32_t ci = 0; ci < c; ++ci) {
    out[ci] = in[cells[0] + ci];
    win[ci] = cells[0] + ci;
  }
  for (int64_t j = 1; j < count; ++j) {
    const int32_t cell = cells[j];
    for (int32_t ci = 0; ci < c; ++ci) {
      const T v = in[cell + ci], o = out[ci];
      const bool take = v > o;
      out[ci] = take ? v : o;
      win[ci] = Choose(take, cell + ci, win[ci]);
    }
  }
}

// The input gradient of one output pixel's window when windows tile the
// input (each input cell under exactly one window): every cell's dx is
// dy where it won and 0 elsewhere, assigned (or added when `accumulate`),
// so dx needs no zero-fill before.
template <typename T>
[[gnu::always_inline]] inline void WindowMaxGradient(const T* __restrict dy, const int32_t* __restrict win,
                                                     const int32_t* __restrict cells, int64_t count, int32_t c,
                                                     bool accumulate, T* __restrict dx) {
  for (int64_t j = 0; j < count; ++j) {
    const int32_t cell = cells[j];
    for (int32_t ci = 0; ci < c; ++ci) {
      const T v = KeepIf(win[ci] == cell + ci, dy[ci]);
      dx[cell + ci] = accumulate ? dx[cell + ci] + v : v;
    }
  }
}

// Calls visit(out_offset, cells, count) for each output pixel of one image:
// the offset of its first channel in the image's output, and the offsets
// within the image's input of the first channel of the real cells under
// its window, row by row. Always inlined, so that the loops it runs are
// compiled with its caller's instruction set (MOTE_SIMD_CLONES).
template <typename Visit>
[[gnu::always_inline]] inline void ForEachWindow(const WindowGeometry& g, int64_t c, Visit&& visit) {
  std::vector<int32_t> cells(g.window.kernel_h * g.window.kernel_w);
  for (int64_t oy = 0; oy < g.out_h; ++oy) {
    const int64_t y0 = std::max<int64_t>(0, oy * g.window.stride_h - g.pad_top);
    const int64_t y1 = std::min(g.in_h, oy * g.window.stride_h - g.pad_top + g.window.kernel_h);
    for (int64_t ox = 0; ox < g.out_w; ++ox) {
      const int64_t x0 = std::max<int64_t>(0, ox * g.window.stride_w - g.pad_left);
      const int64_t x1 = std::min(g.in_w, ox * g.window.stride_w - g.pad_left + g.window.kernel_w);
      int64_t count = 0;
      for (int64_t iy = y0; iy < y1; ++iy) {
        for (int64_t ix = x0; ix < x1; ++ix) cells[count++] = static_cast<int32_t>((iy * g.in_w + ix) * c);
      }
      visit((oy * g.out_w + ox) * c, cells.data(), count);
    }
  }
}

// True when the windows cover the input without overlap or padding
// (a 2x2 pool of stride 2 on an even size): each input cell is under
// exactly one window.
bool WindowsTile(const WindowGeometry& g) {
  const Window2D& k = g.window;
  return k.stride_h == k.kernel_h && k.stride_w == k.kernel_w && g.pad_top == 0 && g.pad_left == 0 &&
         g.out_h * k.stride_h == g.in_h && g.out_w * k.stride_w == g.in_w;
}

// The max pool of images [r.begin, r.end): y and the winners' offsets
// (per image, as WindowMax's). Compiled for AVX2 too (simd_clones.h).
template <typename T>
MOTE_SIMD_CLONES void MaxPoolImages(ShardRange r, const WindowGeometry& g, int64_t c, const T* x, T* y,
                                    int32_t* argmax) {
  const int64_t in_image = g.in_h * g.in_w * c, out_image = g.out_h * g.out_w * c;
  const int32_t c32 = static_cast<int32_t>(c);
  for (int64_t img = r.begin; img < r.end; ++img) {
    const T* in = x + img * in_image;
    T* out = y + img * out_image;
    int32_t* win = argmax + img * out_image;
    ForEachWindow(g, c, [&](int64_t at, const int32_t* cells, int64_t count) {
      WindowMax(in, cells, count, c32, out + at, win + at);
    });
  }
}

// The input gradient of images [r.begin, r.end) when windows tile the
// input (WindowsTile), window by window. Compiled for AVX2 too.
template <typename T>
MOTE_SIMD_CLONES void TiledMaxPoolGradientImages(ShardRange r, const WindowGeometry& g, int64_t c, const T* dy,
                                                 const int32_t* argmax, bool accumulate, T* dx) {
  const int64_t in_image = g.in_h * g.in_w * c, out_image = g.out_h * g.out_w * c;
  const int32_t c32 = static_cast<int32_t>(c);
  for (int64_t img = r.begin; img < r.end; ++img) {
    const int64_t out = img * out_image;
    ForEachWindow(g, c, [&](int64_t at, const int32_t* cells, int64_t count) {
      WindowMaxGradient(dy + out + at, argmax + out + at, cells, count, c32, accumulate, dx + img * in_image);
    });
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
    MaxPoolImages(ShardOf(n, shards, s), g, c, x->value.data(), y.data(), argmax.data());
  });
  Var<T> result = MakeVar(std::move(y), x->requires_grad);
  if (result->requires_grad) {
    tape.Record([&tape, x, result, argmax = std::move(argmax), g, n, c, in_image, out_image, shards] {
      if (!result->has_grad()) return;
      bool accumulate;
      T* dx = x->GradToWrite(&accumulate);
      const T* dy = result->grad.data();
      const bool tiled = WindowsTile(g);
      tape.pool().Run(shards, [&](int s) {
        const ShardRange r = ShardOf(n, shards, s);
        if (tiled) {
          TiledMaxPoolGradientImages(r, g, c, dy, argmax.data(), accumulate, dx);
          return;
        }
        // Overlapping windows or cells under none: scatter onto zeros.
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
