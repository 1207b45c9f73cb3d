#include "train/winograd_conv.h"

#include <algorithm>
#include <cassert>

#include "train/simd_vector.h"

namespace mote::train {
namespace {

// Rows of tiles transformed and multiplied together: their 16 planes of
// input and of products ([16, tiles, channels] each, about 96 KB apiece at
// 32 channels) stay in a core's L2 between the passes.
constexpr int64_t kChunkTiles = 48;

int64_t TileRowsPerChunk(const DirectConvShape& s) { return std::max<int64_t>(1, kChunkTiles / (s.out_w / 2)); }

// out[k] = a[k] + b[k] (kAdd) or a[k] - b[k], k < len (a multiple of the
// vector's lanes).
template <typename T, int kBytes, bool kAdd>
[[gnu::always_inline]] inline void Combine2(const T* a, const T* b, int64_t len, T* out) {
  using V = typename Vector<T, kBytes>::type;
  for (int64_t k = 0; k < len; k += Vector<T, kBytes>::kLanes) {
    V va, vb;
    Load(a + k, va);
    Load(b + k, vb);
    const V r = kAdd ? va + vb : va - vb;
    Store(r, out + k);
  }
}

// out[k] (=, or += when `accumulate`) a[k] + b[k] + c[k] (kSum) or
// a[k] - b[k] - c[k].
template <typename T, int kBytes, bool kSum>
[[gnu::always_inline]] inline void Combine3(const T* a, const T* b, const T* c, int64_t len, bool accumulate,
                                            T* out) {
  using V = typename Vector<T, kBytes>::type;
  for (int64_t k = 0; k < len; k += Vector<T, kBytes>::kLanes) {
    V va, vb, vc;
    Load(a + k, va);
    Load(b + k, vb);
    Load(c + k, vc);
    V r = kSum ? va + vb + vc : va - vb - vc;
    if (accumulate) {
      V old;
      Load(out + k, old);
      r = old + r;
    }
    Store(r, out + k);
  }
}

// B^T's rows take, from four values x0..x3, x0 - x2, x1 + x2, x2 - x1 and
// x1 - x3: row i is x[kFirst[i]] + or - x[kSecond[i]] (+ for row 1 only).
constexpr int kFirst[4] = {0, 1, 2, 1}, kSecond[4] = {2, 2, 1, 3};

template <typename T, int kBytes, int kRow>
[[gnu::always_inline]] inline void CombineForRow(const T* x, int64_t step, int64_t len, T* out) {
  Combine2<T, kBytes, kRow == 1>(x + kFirst[kRow] * step, x + kSecond[kRow] * step, len, out);
}

// v [16, n, c] = B^T d B of the tiles of tile rows [ty0, ty1) (n of them,
// row-major). B^T is applied to whole rows of the padded input at once
// (rows [4, padded_w * c] in `rows`), then along each tile's columns: every
// pass is a run of vectors from two inputs to one output.
template <typename T, int kBytes>
[[gnu::always_inline]] inline void InputTiles(const T* xp, const DirectConvShape& s, int64_t ty0, int64_t ty1,
                                              T* rows, T* v) {
  const int64_t c = s.in_channels, strip = s.padded_w() * c, tiles_w = s.out_w / 2;
  const int64_t plane = (ty1 - ty0) * tiles_w * c;
  for (int64_t ty = ty0; ty < ty1; ++ty) {
    const T* x = xp + 2 * ty * strip;
    CombineForRow<T, kBytes, 0>(x, strip, strip, rows);
    CombineForRow<T, kBytes, 1>(x, strip, strip, rows + strip);
    CombineForRow<T, kBytes, 2>(x, strip, strip, rows + 2 * strip);
    CombineForRow<T, kBytes, 3>(x, strip, strip, rows + 3 * strip);
    for (int i = 0; i < 4; ++i) {
      T* out = v + 4 * i * plane + (ty - ty0) * tiles_w * c;
      const T* r = rows + i * strip;
      for (int64_t tx = 0; tx < tiles_w; ++tx) {
        const T* x4 = r + 2 * tx * c;
        T* o = out + tx * c;
        CombineForRow<T, kBytes, 0>(x4, c, c, o);
        CombineForRow<T, kBytes, 1>(x4, c, c, o + plane);
        CombineForRow<T, kBytes, 2>(x4, c, c, o + 2 * plane);
        CombineForRow<T, kBytes, 3>(x4, c, c, o + 3 * plane);
      }
    }
  }
}

// y's 2x2 blocks of tile rows [ty0, ty1) = A^T m A of the products m [16,
// n, oc] (or added to y when `accumulate`). A^T's rows take m0 + m1 + m2
// and m1 - m2 - m3: applied along the columns first, to whole tile rows
// (`cols`: [4, 2, tiles_w * oc]), then along the rows into y.
template <typename T, int kBytes>
[[gnu::always_inline]] inline void OutputTiles(const T* m, const DirectConvShape& s, int64_t ty0, int64_t ty1,
                                               bool accumulate, T* cols, T* y) {
  const int64_t oc = s.out_channels, tiles_w = s.out_w / 2, run = tiles_w * oc;
  const int64_t plane = (ty1 - ty0) * run;
  for (int64_t ty = ty0; ty < ty1; ++ty) {
    const T* row = m + (ty - ty0) * run;
    for (int i = 0; i < 4; ++i) {
      const T* mi = row + 4 * i * plane;
      T* out = cols + 2 * i * run;
      Combine3<T, kBytes, true>(mi, mi + plane, mi + 2 * plane, run, false, out);
      Combine3<T, kBytes, false>(mi + plane, mi + 2 * plane, mi + 3 * plane, run, false, out + run);
    }
    // y's rows are written pixel after pixel: in that order the stores'
    // cache lines are fetched ahead (writing every other pixel, then the
    // rest, left them waiting on memory).
    for (int a = 0; a < 2; ++a) {
      T* out = y + (2 * ty + a) * s.out_w * oc;
      for (int64_t tx = 0; tx < tiles_w; ++tx) {
        for (int b = 0; b < 2; ++b) {
          const T* t = cols + b * run + tx * oc;  // cols row i: t + 2 * i * run
          T* o = out + (2 * tx + b) * oc;
          if (a == 0) Combine3<T, kBytes, true>(t, t + 2 * run, t + 4 * run, oc, accumulate, o);
          else Combine3<T, kBytes, false>(t + 2 * run, t + 4 * run, t + 6 * run, oc, accumulate, o);
        }
      }
    }
  }
}

template <typename T, int kBytes>
[[gnu::always_inline]] inline void ConvImage(const T* xp, const T* u, const DirectConvShape& s, bool accumulate,
                                             T* y, T* scratch, DirectConvIsa isa) {
  const int64_t c = s.in_channels, oc = s.out_channels, tiles_w = s.out_w / 2, tile_rows = s.out_h / 2;
  const int64_t chunk_rows = TileRowsPerChunk(s);
  T* v = scratch;
  T* m = v + 16 * chunk_rows * tiles_w * c;
  T* edges = m + 16 * chunk_rows * tiles_w * oc;  // InputTiles' rows, then OutputTiles' cols
  for (int64_t ty0 = 0; ty0 < tile_rows; ty0 += chunk_rows) {
    const int64_t ty1 = std::min(tile_rows, ty0 + chunk_rows), n = (ty1 - ty0) * tiles_w;
    InputTiles<T, kBytes>(xp, s, ty0, ty1, edges, v);
    // Each of the 16 planes is a product [n, c] x [c, oc]: a 1x1
    // convolution of a one-row image n pixels wide.
    const DirectConvShape product{.in_channels = c, .out_channels = oc, .out_h = 1, .out_w = n};
    for (int64_t e = 0; e < 16; ++e) {
      DirectConvImage(v + e * n * c, u + e * c * oc, product, false, m + e * n * oc, isa);
    }
    OutputTiles<T, kBytes>(m, s, ty0, ty1, accumulate, edges, y);
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MOTE_WINOGRAD_X86 1
template <typename T>
__attribute__((target("avx512f"))) void ConvImageAvx512(const T* xp, const T* u, const DirectConvShape& s,
                                                        bool accumulate, T* y, T* scratch) {
  ConvImage<T, 64>(xp, u, s, accumulate, y, scratch, DirectConvIsa::kAvx512);
}
template <typename T>
__attribute__((target("avx2"))) void ConvImageAvx2(const T* xp, const T* u, const DirectConvShape& s,
                                                   bool accumulate, T* y, T* scratch) {
  ConvImage<T, 32>(xp, u, s, accumulate, y, scratch, DirectConvIsa::kAvx2);
}
#endif

}  // namespace

template <typename T>
bool WinogradSupports(const DirectConvShape& shape) {
  return shape.kernel_h == 3 && shape.kernel_w == 3 && shape.out_h > 0 && shape.out_w > 0 && shape.out_h % 2 == 0 &&
         shape.out_w % 2 == 0 && DirectConvSupports<T>(shape.in_channels) && DirectConvSupports<T>(shape.out_channels);
}

int64_t WinogradFilterSize(const DirectConvShape& shape) { return 16 * shape.in_channels * shape.out_channels; }

int64_t WinogradScratchSize(const DirectConvShape& shape) {
  const int64_t tiles = TileRowsPerChunk(shape) * (shape.out_w / 2);
  const int64_t edges = std::max(4 * shape.padded_w() * shape.in_channels, 8 * (shape.out_w / 2) * shape.out_channels);
  return 16 * tiles * (shape.in_channels + shape.out_channels) + edges;
}

template <typename T>
void WinogradFilter(const T* packed, const DirectConvShape& shape, T* u) {
  assert(WinogradSupports<T>(shape));
  const int64_t c = shape.in_channels, oc = shape.out_channels;
  // G's rows take, from three taps g0..g2: g0, (g0 + g1 + g2) / 2,
  // (g0 - g1 + g2) / 2 and g2; applied to the kernel's rows, then to each
  // result's columns.
  auto transform = [](const T g[3], T out[4]) {
    out[0] = g[0];
    out[1] = (g[0] + g[1] + g[2]) * T(0.5);
    out[2] = (g[0] - g[1] + g[2]) * T(0.5);
    out[3] = g[2];
  };
  for (int64_t ci = 0; ci < c; ++ci) {
    for (int64_t o = 0; o < oc; ++o) {
      T rows[4][3];
      for (int kx = 0; kx < 3; ++kx) {
        const T column[3] = {packed[((0 * 3 + kx) * c + ci) * oc + o], packed[((1 * 3 + kx) * c + ci) * oc + o],
                             packed[((2 * 3 + kx) * c + ci) * oc + o]};
        T t[4];
        transform(column, t);
        for (int a = 0; a < 4; ++a) rows[a][kx] = t[a];
      }
      for (int a = 0; a < 4; ++a) {
        T t[4];
        transform(rows[a], t);
        for (int b = 0; b < 4; ++b) u[((4 * a + b) * c + ci) * oc + o] = t[b];
      }
    }
  }
}

template <typename T>
void WinogradConvImage(const T* xp, const T* u, const DirectConvShape& shape, bool accumulate, T* y, T* scratch,
                       DirectConvIsa isa) {
  assert(WinogradSupports<T>(shape) && isa != DirectConvIsa::kNone && isa <= DirectConvCpuIsa());
#ifdef MOTE_WINOGRAD_X86
  if (isa == DirectConvIsa::kAvx512) ConvImageAvx512(xp, u, shape, accumulate, y, scratch);
  else ConvImageAvx2(xp, u, shape, accumulate, y, scratch);
#else
  (void)xp, (void)u, (void)shape, (void)accumulate, (void)y, (void)scratch, (void)isa;
#endif
}

#define MOTE_INSTANTIATE_WINOGRAD_CONV(T)                                          \
  template bool WinogradSupports<T>(const DirectConvShape&);                       \
  template void WinogradFilter(const T*, const DirectConvShape&, T*);              \
  template void WinogradConvImage(const T*, const T*, const DirectConvShape&, bool, T*, T*, DirectConvIsa);
MOTE_INSTANTIATE_WINOGRAD_CONV(float)
MOTE_INSTANTIATE_WINOGRAD_CONV(double)

}  // namespace mote::train
