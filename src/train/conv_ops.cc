#include "train/conv_ops.h"

#include <algorithm>
#include <cassert>
#include <optional>
#include <vector>

#include "train/direct_conv.h"
#include "train/gemm.h"
#include "train/shard_partials.h"
#include "train/winograd_conv.h"

namespace mote::train {
namespace {

// Walks the column rows of images [n0, n1) (one row per output pixel
// (image, oy, ox), KH*KW*C columns in (ky, kx, c) order, matching a
// [OC, KH, KW, C] filter's rows) against the input they come from: calls
// inside(column, input, length) for each stretch of a row that lies in the
// image and is contiguous in it (a whole window row when the dilation
// along x is 1), and padding(column, length) for the cells outside. Offsets
// are from the first row of image n0 and from the input's start.
template <typename Inside, typename Padding>
void ForEachColumnRun(const WindowGeometry& g, int64_t c, int64_t n0, int64_t n1, Inside&& inside,
                      Padding&& padding) {
  const Window2D& k = g.window;
  const int64_t row_len = k.kernel_h * k.kernel_w * c, window_row = k.kernel_w * c;
  // Per output column ox: the taps kx in [lo, hi) that fall inside the
  // image's width, the same for every row and image (worked out once: the
  // divisions cost more than the copies of a narrow window).
  std::vector<int64_t> lo(g.out_w), hi(g.out_w);
  for (int64_t ox = 0; ox < g.out_w; ++ox) {
    const int64_t ix0 = ox * k.stride_w - g.pad_left;
    lo[ox] = std::clamp<int64_t>((-ix0 + k.dilation_w - 1) / k.dilation_w, 0, k.kernel_w);
    hi[ox] = std::clamp<int64_t>((g.in_w - ix0 + k.dilation_w - 1) / k.dilation_w, lo[ox], k.kernel_w);
  }
  int64_t col = 0;
  for (int64_t n = n0; n < n1; ++n) {
    const int64_t image = n * g.in_h * g.in_w * c;
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox, col += row_len) {
        const int64_t ix0 = ox * k.stride_w - g.pad_left, l = lo[ox], h = hi[ox];
        for (int64_t ky = 0; ky < k.kernel_h; ++ky) {
          const int64_t iy = oy * k.stride_h - g.pad_top + ky * k.dilation_h;
          const int64_t row = col + ky * window_row;
          if (iy < 0 || iy >= g.in_h || l == h) {
            padding(row, window_row);
            continue;
          }
          if (l > 0) padding(row, l * c);
          const int64_t at = image + (iy * g.in_w + ix0) * c;
          if (k.dilation_w == 1) {
            inside(row + l * c, at + l * c, (h - l) * c);
          } else {
            for (int64_t kx = l; kx < h; ++kx) inside(row + kx * c, at + kx * k.dilation_w * c, c);
          }
          if (h < k.kernel_w) padding(row + h * c, (k.kernel_w - h) * c);
        }
      }
    }
  }
}

// Copies the windows of images [n0, n1) of x into `cols` (rows as
// ForEachColumnRun's); padding reads as zeros.
template <typename T>
void Im2Col(const T* x, const WindowGeometry& g, int64_t c, int64_t n0, int64_t n1, T* cols) {
  ForEachColumnRun(
      g, c, n0, n1, [&](int64_t col, int64_t in, int64_t len) { std::copy_n(x + in, len, cols + col); },
      [&](int64_t col, int64_t len) { std::fill_n(cols + col, len, T(0)); });
}

// The adjoint of Im2Col: adds each column row back onto the input pixels
// it was copied from.
template <typename T>
void Col2ImAdd(const T* cols, const WindowGeometry& g, int64_t c, int64_t n0, int64_t n1, T* dx) {
  ForEachColumnRun(
      g, c, n0, n1,
      [&](int64_t col, int64_t in, int64_t len) {
        T* __restrict dst = dx + in;
        const T* __restrict src = cols + col;
        for (int64_t i = 0; i < len; ++i) dst[i] += src[i];
      },
      [](int64_t, int64_t) {});
}

// The input gradient of a convolution of stride 1 is a convolution of
// stride 1 too: of dy, padded by (kernel - 1) * dilation - pad before,
// with the kernel turned by 180 degrees and its input and output channels
// swapped. So the backward pass takes the columns of dy under that
// geometry (one row per input pixel, KH*KW*OC columns) and gets from them
// both dx (a product with the turned kernel, straight onto dx: no col2im
// to add back, no zero-fill) and the kernel's gradient, turned (x's
// channels against them: each (input pixel, tap) pair is the same term of
// the sum as in the forward pass), with no columns of x to make again.
// `g` is the forward geometry; the result maps dy [out_h, out_w] to dx
// [in_h, in_w].
WindowGeometry InputGradientGeometry(const WindowGeometry& g) {
  WindowGeometry t = g;
  t.in_h = g.out_h;
  t.in_w = g.out_w;
  t.out_h = g.in_h;
  t.out_w = g.in_w;
  t.pad_top = (g.window.kernel_h - 1) * g.window.dilation_h - g.pad_top;
  t.pad_left = (g.window.kernel_w - 1) * g.window.dilation_w - g.pad_left;
  return t;
}

// Calls f(kernel_index, turned_index) for every element of a [OC, KH, KW,
// C] kernel: its index, and that of the same weight in the kernel turned by
// 180 degrees with its channels swapped, [C, KH, KW, OC], where element
// (c, ky, kx, o) is the kernel's (o, KH-1-ky, KW-1-kx, c).
template <typename F>
void ForEachTurnedPair(int64_t oc, int64_t kh, int64_t kw, int64_t c, F&& f) {
  for (int64_t o = 0; o < oc; ++o) {
    for (int64_t ky = 0; ky < kh; ++ky) {
      for (int64_t kx = 0; kx < kw; ++kx) {
        for (int64_t ci = 0; ci < c; ++ci) {
          f(((o * kh + ky) * kw + kx) * c + ci, ((ci * kh + (kh - 1 - ky)) * kw + (kw - 1 - kx)) * oc + o);
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

  Tensor<T> y = Tensor<T>::Uninitialized(std::move(out_shape));
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
    // Every element of dx is written (a product per chunk, or Col2ImAdd
    // onto rows each chunk first zeroes when dx is new).
    bool accumulate = false;
    T* dx = x->requires_grad ? x->GradToWrite(&accumulate) : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    const T* weights = w->value.data();
    const int64_t image = g.in_h * g.in_w * c, in_pixels = g.in_h * g.in_w;
    const int64_t kh = g.window.kernel_h, kw = g.window.kernel_w;
    // How the gradients are made: for stride 1 with dx wanted, from dy's
    // columns (InputGradientGeometry; dw then comes out turned); otherwise
    // dw from x's columns, and dx a pointwise product or columns added back
    // onto zeros (col2im).
    const bool turned = dx && !pointwise && g.window.stride_h == 1 && g.window.stride_w == 1;
    const WindowGeometry gt = InputGradientGeometry(g);
    std::vector<T> turned_weights(turned ? oc * k : 0);
    if (turned) ForEachTurnedPair(oc, kh, kw, c, [&](int64_t i, int64_t t) { turned_weights[t] = weights[i]; });
    const int64_t turned_k = kh * kw * oc;
    ShardPartials<T> dw(want_dw ? shards : 0, oc * k), db(want_db ? shards : 0, oc);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      const int64_t images = std::min(chunk, r.end - r.begin);
      std::vector<T> cols(want_dw && !turned && !pointwise ? images * pixels * k : 0);
      std::vector<T> dcols(turned ? images * in_pixels * turned_k : dx && !pointwise ? images * pixels * k : 0);
      for (int64_t n0 = r.begin; n0 < r.end; n0 += chunk) {
        const int64_t n1 = std::min(r.end, n0 + chunk), rows = (n1 - n0) * pixels;
        const T* dyp = dy + n0 * pixels * oc;
        if (want_db) AddColumnSums(rows, oc, dyp, db.shard(s));
        if (turned) {
          const int64_t in_rows = (n1 - n0) * in_pixels;
          Im2Col(dy, gt, oc, n0, n1, dcols.data());
          if (want_dw) {
            Gemm(Op::kTranspose, Op::kNone, c, turned_k, in_rows, x->value.data() + n0 * image, dcols.data(), true,
                 dw.shard(s));
          }
          Gemm(Op::kNone, Op::kTranspose, in_rows, c, turned_k, dcols.data(), turned_weights.data(), accumulate,
               dx + n0 * image);
          continue;
        }
        if (want_dw) {
          const T* colp = x->value.data() + n0 * pixels * c;
          if (!pointwise) {
            Im2Col(x->value.data(), g, c, n0, n1, cols.data());
            colp = cols.data();
          }
          Gemm(Op::kTranspose, Op::kNone, oc, k, rows, dyp, colp, true, dw.shard(s));
        }
        if (dx && pointwise) {
          Gemm(Op::kNone, Op::kNone, rows, c, oc, dyp, weights, accumulate, dx + n0 * image);
        } else if (dx) {
          Gemm(Op::kNone, Op::kNone, rows, k, oc, dyp, weights, false, dcols.data());
          if (!accumulate) std::fill(dx + n0 * image, dx + n1 * image, T(0));
          Col2ImAdd(dcols.data(), g, c, n0, n1, dx);
        }
      }
    });
    if (want_dw && turned) {
      std::vector<T> sum(oc * k, T(0));
      dw.AddTo(sum.data());
      T* gw = w->MutableGrad();
      ForEachTurnedPair(oc, kh, kw, c, [&](int64_t i, int64_t t) { gw[i] += sum[t]; });
    } else if (want_dw) {
      dw.AddTo(w->MutableGrad());
    }
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

// Whether a convolution runs on direct_conv.h's kernels: stride and
// dilation 1, a window wider than one pixel, and channel counts the
// kernels vectorise (the output's, and the input's too when the input
// gradient is wanted: its kernel runs the other way).
template <typename T>
bool UsesDirectKernels(const WindowGeometry& g, int64_t c, int64_t oc, bool want_dx) {
  const Window2D& k = g.window;
  return k.stride_h == 1 && k.stride_w == 1 && k.dilation_h == 1 && k.dilation_w == 1 && !g.IsPointwise() &&
         DirectConvSupports<T>(oc) && (!want_dx || DirectConvSupports<T>(c));
}

// Winograd tiles (winograd_conv.h) pay from this many channel pairs (16 ->
// 32 floats) up: their transforms grow with C + OC and the products they
// save with C * OC. Measured per image on AVX2 (Zen 3), 64 images of 14x14
// or 28x28: 16 -> 16 channels 0.94-1.07x the direct kernels' speed, 16 ->
// 32 1.2-1.4x, 32 -> 32 1.2-1.7x. (The filter gradient as F(3x3, 2x2)
// tiles measured 0.97-1.19x, and stays direct.)
constexpr int64_t kWinogradMinChannelPairs = 512;

// One stride-1 convolution of padded images (direct_conv.h's shapes) with
// one kernel, [OC, KH, KW, C] as Conv2D takes it (turned for the input
// gradient, its roles then as PackFilter's): on winograd_conv.h's tiles
// where they apply and pay, else on the direct kernels. The filter is
// packed or transformed once, on construction; calls are thread-safe, each
// with its own scratch of scratch_size() elements.
template <typename T>
class ImageConvolution {
 public:
  ImageConvolution(const T* w, const DirectConvShape& shape, bool turned)
      : shape_(shape),
        winograd_(WinogradSupports<T>(shape) && shape.in_channels * shape.out_channels >= kWinogradMinChannelPairs) {
    const int64_t oc = turned ? shape.in_channels : shape.out_channels;
    const int64_t c = turned ? shape.out_channels : shape.in_channels;
    std::vector<T> packed(oc * shape.kernel_h * shape.kernel_w * c);
    PackFilter(w, oc, shape.kernel_h, shape.kernel_w, c, turned, packed.data());
    if (!winograd_) {
      filter_ = std::move(packed);
      return;
    }
    filter_.resize(WinogradFilterSize(shape));
    WinogradFilter(packed.data(), shape, filter_.data());
  }

  int64_t scratch_size() const { return winograd_ ? WinogradScratchSize(shape_) : 0; }

  void operator()(const T* xp, bool accumulate, T* y, T* scratch) const {
    if (winograd_) WinogradConvImage(xp, filter_.data(), shape_, accumulate, y, scratch);
    else DirectConvImage(xp, filter_.data(), shape_, accumulate, y);
  }

 private:
  DirectConvShape shape_;
  bool winograd_;
  std::vector<T> filter_;
};

// ConvIm2Col's contract on direct_conv.h's kernels, image by image: each
// image is copied once with its padding, and the forward pass, the input
// gradient (the turned kernel over dy padded as InputGradientGeometry
// says) and the filter gradient sum from those copies. The first two run
// as ImageConvolution picks (Winograd tiles for the wider 3x3s).
template <typename T>
Var<T> ConvDirect(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& g,
                  Shape out_shape) {
  const int64_t n = x->value.dim(0), c = x->value.dim(-1), oc = w->value.dim(0);
  const int64_t kh = g.window.kernel_h, kw = g.window.kernel_w, k = kh * kw * c;
  const int64_t pixels = g.out_h * g.out_w, image = g.in_h * g.in_w * c;
  assert(w->value.size() == oc * k && x->value.size() == n * image);
  const DirectConvShape forward{
      .in_channels = c, .out_channels = oc, .kernel_h = kh, .kernel_w = kw, .out_h = g.out_h, .out_w = g.out_w};
  const int shards = ShardsFor(tape.pool(), n, n * pixels * k * oc);
  const ImageConvolution<T> convolve(w->value.data(), forward, false);

  Tensor<T> y = Tensor<T>::Uninitialized(std::move(out_shape));
  tape.pool().Run(shards, [&](int s) {
    const ShardRange r = ShardOf(n, shards, s);
    std::vector<T> xp(forward.padded_h() * forward.padded_w() * c), scratch(convolve.scratch_size());
    for (int64_t i = r.begin; i < r.end; ++i) {
      PadImage(x->value.data() + i * image, g.in_h, g.in_w, c, g.pad_top, g.pad_left, forward.padded_h(),
               forward.padded_w(), xp.data());
      T* yp = y.data() + i * pixels * oc;
      convolve(xp.data(), false, yp, scratch.data());
      if (b) AddRowToEach(pixels, oc, b->value.data(), yp);
    }
  });

  Var<T> result = MakeVar(std::move(y), x->requires_grad || w->requires_grad || (b && b->requires_grad));
  if (!result->requires_grad) return result;
  tape.Record([&tape, x, w, b, result, g, n, c, oc, kh, kw, k, pixels, image, forward, shards] {
    if (!result->has_grad()) return;
    const T* dy = result->grad.data();
    bool accumulate = false;
    T* dx = x->requires_grad ? x->GradToWrite(&accumulate) : nullptr;
    const bool want_dw = w->requires_grad, want_db = b && b->requires_grad;
    const WindowGeometry gt = InputGradientGeometry(g);
    const DirectConvShape backward{
        .in_channels = oc, .out_channels = c, .kernel_h = kh, .kernel_w = kw, .out_h = g.in_h, .out_w = g.in_w};
    std::optional<ImageConvolution<T>> input_gradient;
    if (dx) input_gradient.emplace(w->value.data(), backward, true);
    ShardPartials<T> dw(want_dw ? shards : 0, oc * k), db(want_db ? shards : 0, oc);
    tape.pool().Run(shards, [&](int s) {
      const ShardRange r = ShardOf(n, shards, s);
      std::vector<T> xp(want_dw ? forward.padded_h() * forward.padded_w() * c : 0);
      std::vector<T> dyp(dx ? backward.padded_h() * backward.padded_w() * oc : 0);
      std::vector<T> scratch(dx ? input_gradient->scratch_size() : 0);
      for (int64_t i = r.begin; i < r.end; ++i) {
        const T* d = dy + i * pixels * oc;
        if (want_db) AddColumnSums(pixels, oc, d, db.shard(s));
        if (want_dw) {
          PadImage(x->value.data() + i * image, g.in_h, g.in_w, c, g.pad_top, g.pad_left, forward.padded_h(),
                   forward.padded_w(), xp.data());
          DirectConvFilterGradientImage(xp.data(), d, forward, dw.shard(s));
        }
        if (dx) {
          PadImage(d, g.out_h, g.out_w, oc, gt.pad_top, gt.pad_left, backward.padded_h(), backward.padded_w(),
                   dyp.data());
          (*input_gradient)(dyp.data(), accumulate, dx + i * image, scratch.data());
        }
      }
    });
    if (want_dw) {
      std::vector<T> sum(oc * k, T(0));
      dw.AddTo(sum.data());
      AddUnpackedFilter(sum.data(), oc, kh, kw, c, w->MutableGrad());
    }
    if (want_db) db.AddTo(b->MutableGrad());
  });
  return result;
}

// A convolution on the direct kernels where they apply, else im2col.
template <typename T>
Var<T> Convolve(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& g,
                Shape out_shape) {
  if (UsesDirectKernels<T>(g, x->value.dim(-1), w->value.dim(0), x->requires_grad)) {
    return ConvDirect(tape, x, w, b, g, std::move(out_shape));
  }
  return ConvIm2Col(tape, x, w, b, g, std::move(out_shape));
}

}  // namespace

template <typename T>
Var<T> Conv2D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& geometry) {
  assert(x->value.rank() == 4 && w->value.rank() == 4);
  return Convolve(tape, x, w, b, geometry, {x->value.dim(0), geometry.out_h, geometry.out_w, w->value.dim(0)});
}

template <typename T>
Var<T> Conv1D(Tape<T>& tape, const Var<T>& x, const Var<T>& w, const Var<T>& b, const WindowGeometry& geometry) {
  assert(x->value.rank() == 3 && w->value.rank() == 3 && geometry.in_h == 1);
  return Convolve(tape, x, w, b, geometry, {x->value.dim(0), geometry.out_w, w->value.dim(0)});
}

#define MOTE_INSTANTIATE_CONV(T)                                                                          \
  template Var<T> Conv2D(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, const WindowGeometry&); \
  template Var<T> Conv1D(Tape<T>&, const Var<T>&, const Var<T>&, const Var<T>&, const WindowGeometry&);
MOTE_TRAIN_INSTANTIATE(MOTE_INSTANTIATE_CONV)

}  // namespace mote::train
