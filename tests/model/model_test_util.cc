#include "model/model_test_util.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "core/file_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

using model::DType;
using model::Tensor;

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& v) {
  std::vector<uint8_t> out(v.size() * sizeof(T));
  std::memcpy(out.data(), v.data(), out.size());
  return out;
}

// Deterministic values in [-1, 1).
std::vector<float> Pattern(size_t n, uint32_t seed) {
  std::vector<float> v(n);
  uint32_t x = seed;
  for (float& f : v) {
    x = x * 1664525u + 1013904223u;
    f = static_cast<float>(x >> 8) / static_cast<float>(1u << 23) - 1.0f;
  }
  return v;
}

Tensor Activation(const std::string& name, std::vector<int32_t> shape, bool int8, float scale, int64_t zero) {
  Tensor t;
  t.name = name;
  t.shape = std::move(shape);
  t.dtype = int8 ? DType::kInt8 : DType::kFloat32;
  if (int8) t.quantization.scale = {scale}, t.quantization.zero_point = {zero};
  return t;
}

// Weights quantized symmetrically per channel of dimension `axis`, or per
// tensor when `axis` is -1.
Tensor Weights(const std::string& name, std::vector<int32_t> shape, int32_t axis, bool int8, uint32_t seed) {
  Tensor t;
  t.name = name;
  t.shape = shape;
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  const std::vector<float> w = Pattern(static_cast<size_t>(n), seed);
  if (!int8) {
    t.dtype = DType::kFloat32;
    t.data = Bytes(w);
    return t;
  }
  t.dtype = DType::kInt8;
  const int32_t channels = axis < 0 ? 1 : shape[axis];
  int64_t inner = axis < 0 ? n : 1;
  for (size_t d = axis + 1; axis >= 0 && d < shape.size(); ++d) inner *= shape[d];
  std::vector<float> max_abs(channels, 0.0f);
  for (int64_t i = 0; i < n; ++i) {
    const int32_t c = static_cast<int32_t>((i / inner) % channels);
    max_abs[c] = std::max(max_abs[c], std::fabs(w[i]));
  }
  std::vector<int8_t> q(n);
  for (int64_t i = 0; i < n; ++i) {
    const int32_t c = static_cast<int32_t>((i / inner) % channels);
    q[i] = static_cast<int8_t>(std::lround(w[i] / max_abs[c] * 127.0f));
  }
  t.data = Bytes(q);
  t.quantization.axis = std::max(axis, 0);
  for (float m : max_abs) t.quantization.scale.push_back(m / 127.0f), t.quantization.zero_point.push_back(0);
  return t;
}

// Bias for `weights` given the input scale: int32 at input_scale * weight scale.
Tensor Bias(const std::string& name, int32_t channels, bool int8, float input_scale, const Tensor& weights,
            uint32_t seed) {
  Tensor t;
  t.name = name;
  t.shape = {channels};
  const std::vector<float> b = Pattern(channels, seed);
  if (!int8) {
    t.dtype = DType::kFloat32;
    t.data = Bytes(b);
    return t;
  }
  t.dtype = DType::kInt32;
  std::vector<int32_t> q(channels);
  for (int32_t c = 0; c < channels; ++c) {
    const auto& ws = weights.quantization.scale;
    const float s = input_scale * ws[ws.size() == 1 ? 0 : c];
    q[c] = static_cast<int32_t>(std::lround(b[c] * 0.1f / s));
    if (ws.size() > 1 || c == 0) t.quantization.scale.push_back(s), t.quantization.zero_point.push_back(0);
  }
  t.data = Bytes(q);
  return t;
}

}  // namespace

model::Model SmallCnn(bool int8) {
  using namespace model;
  Graph g;
  g.name = "main";
  auto add = [&](Tensor t) {
    g.tensors.push_back(std::move(t));
    return static_cast<int32_t>(g.tensors.size() - 1);
  };
  const float in_scale = 1.0f / 128, conv_scale = 0.02f, dw_scale = 0.03f, fc_scale = 0.05f;
  const int32_t input = add(Activation("input", {1, 8, 8, 1}, int8, in_scale, 0));
  const Tensor conv_w = Weights("conv/weights", {4, 3, 3, 1}, 0, int8, 1);
  const int32_t conv_wi = add(conv_w);
  const int32_t conv_b = add(Bias("conv/bias", 4, int8, in_scale, conv_w, 2));
  const int32_t conv_out = add(Activation("conv", {1, 8, 8, 4}, int8, conv_scale, -128));
  const int32_t pool_out = add(Activation("pool", {1, 4, 4, 4}, int8, conv_scale, -128));
  const Tensor dw_w = Weights("dw/weights", {1, 3, 3, 4}, 3, int8, 3);
  const int32_t dw_wi = add(dw_w);
  const int32_t dw_b = add(Bias("dw/bias", 4, int8, conv_scale, dw_w, 4));
  const int32_t dw_out = add(Activation("dw", {1, 4, 4, 4}, int8, dw_scale, 3));
  Tensor shape;
  shape.name = "reshape/shape";
  shape.dtype = DType::kInt32;
  shape.shape = {2};
  shape.data = Bytes(std::vector<int32_t>{1, 64});
  const int32_t shape_i = add(shape);
  const int32_t flat = add(Activation("flat", {1, 64}, int8, dw_scale, 3));
  const Tensor fc_w = Weights("fc/weights", {3, 64}, -1, int8, 5);
  const int32_t fc_wi = add(fc_w);
  const int32_t fc_b = add(Bias("fc/bias", 3, int8, dw_scale, fc_w, 6));
  const int32_t logits = add(Activation("logits", {1, 3}, int8, fc_scale, -10));
  const int32_t probs = add(Activation("probs", {1, 3}, int8, 1.0f / 256, -128));

  auto op = [&](OpType type, std::vector<int32_t> in, int32_t out, OpAttributes attrs) {
    Operator o;
    o.type = type;
    o.inputs = std::move(in);
    o.outputs = {out};
    o.attributes = std::move(attrs);
    g.operators.push_back(std::move(o));
  };
  Conv2DAttributes conv;
  conv.activation = Activation::kRelu;
  op(OpType::kConv2D, {input, conv_wi, conv_b}, conv_out, conv);
  Pool2DAttributes pool;
  pool.padding = Padding::kValid;
  pool.stride_w = pool.stride_h = pool.filter_w = pool.filter_h = 2;
  op(OpType::kMaxPool2D, {conv_out}, pool_out, pool);
  op(OpType::kDepthwiseConv2D, {pool_out, dw_wi, dw_b}, dw_out, DepthwiseConv2DAttributes{});
  op(OpType::kReshape, {dw_out, shape_i}, flat, ReshapeAttributes{{1, 64}});
  op(OpType::kFullyConnected, {flat, fc_wi, fc_b}, logits, FullyConnectedAttributes{});
  op(OpType::kSoftmax, {logits}, probs, SoftmaxAttributes{});
  g.inputs = {input};
  g.outputs = {probs};
  Model m;
  m.graphs.push_back(std::move(g));
  return m;
}

std::vector<uint8_t> SmallCnnInput(bool int8) {
  std::vector<uint8_t> input(int8 ? 64 : 256);
  for (size_t i = 0; i < 64; ++i) {
    const uint8_t p = static_cast<uint8_t>(i * 37 + 11);
    if (int8) {
      input[i] = p;
    } else {
      const float v = (static_cast<float>(p) - 128.0f) / 128.0f;
      std::memcpy(&input[4 * i], &v, 4);
    }
  }
  return input;
}

std::vector<float> Floats(const std::vector<uint8_t>& bytes) {
  std::vector<float> v(bytes.size() / 4);
  std::memcpy(v.data(), bytes.data(), v.size() * 4);
  return v;
}

void ExpectMatchesGolden(model::DType dtype, const std::vector<uint8_t>& got, const std::vector<uint8_t>& want) {
  ASSERT_EQ(got.size(), want.size());
  if (dtype == model::DType::kFloat32) {
    const std::vector<float> g = Floats(got), w = Floats(want);
    for (size_t i = 0; i < g.size(); ++i)
      EXPECT_LE(std::fabs(g[i] - w[i]), 1e-5f * std::fabs(w[i]) + 1e-6f) << "element " << i << ": " << g[i] << " vs " << w[i];
  } else {
    ASSERT_EQ(dtype, model::DType::kInt8);
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_LE(std::abs(static_cast<int8_t>(got[i]) - static_cast<int8_t>(want[i])), 1) << "element " << i;
  }
}

void ExpectSoftmax(bool int8, const std::vector<uint8_t>& out) {
  ASSERT_EQ(out.size(), int8 ? 3u : 12u);
  double sum = 0;
  if (int8) {
    for (uint8_t q : out) sum += (static_cast<int8_t>(q) + 128) / 256.0;
  } else {
    for (float p : Floats(out)) sum += p;
  }
  EXPECT_NEAR(sum, 1.0, int8 ? 3.0 / 256 : 1e-5);
}

std::vector<float> SmallCnnReference(const model::Model& m, const std::vector<float>& input) {
  const model::Graph& g = m.graphs[0];
  auto w = [&](const char* name) {
    for (const model::Tensor& t : g.tensors)
      if (t.name == name) return Floats(t.data);
    ADD_FAILURE() << "no tensor " << name;
    return std::vector<float>();
  };
  const auto cw = w("conv/weights"), cb = w("conv/bias"), dw = w("dw/weights"), db = w("dw/bias"),
             fw = w("fc/weights"), fb = w("fc/bias");
  // CONV_2D 3x3 SAME stride 1, 1 -> 4 channels, relu: [8,8,4]
  std::vector<float> conv(8 * 8 * 4);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x)
      for (int o = 0; o < 4; ++o) {
        float acc = cb[o];
        for (int ky = 0; ky < 3; ++ky)
          for (int kx = 0; kx < 3; ++kx) {
            const int iy = y + ky - 1, ix = x + kx - 1;
            if (iy >= 0 && iy < 8 && ix >= 0 && ix < 8) acc += input[iy * 8 + ix] * cw[(o * 3 + ky) * 3 + kx];
          }
        conv[(y * 8 + x) * 4 + o] = std::max(acc, 0.0f);
      }
  // MAX_POOL_2D 2x2 VALID stride 2: [4,4,4]
  std::vector<float> pool(4 * 4 * 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      for (int c = 0; c < 4; ++c) {
        float best = conv[((2 * y) * 8 + 2 * x) * 4 + c];
        for (int k = 1; k < 4; ++k) best = std::max(best, conv[((2 * y + k / 2) * 8 + 2 * x + k % 2) * 4 + c]);
        pool[(y * 4 + x) * 4 + c] = best;
      }
  // DEPTHWISE_CONV_2D 3x3 SAME stride 1: [4,4,4] -> flattened [64]
  std::vector<float> depthwise(64);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      for (int c = 0; c < 4; ++c) {
        float acc = db[c];
        for (int ky = 0; ky < 3; ++ky)
          for (int kx = 0; kx < 3; ++kx) {
            const int iy = y + ky - 1, ix = x + kx - 1;
            if (iy >= 0 && iy < 4 && ix >= 0 && ix < 4) acc += pool[(iy * 4 + ix) * 4 + c] * dw[(ky * 3 + kx) * 4 + c];
          }
        depthwise[(y * 4 + x) * 4 + c] = acc;
      }
  // FULLY_CONNECTED 64 -> 3, SOFTMAX
  std::vector<double> logits(3);
  for (int u = 0; u < 3; ++u) {
    double acc = fb[u];
    for (int i = 0; i < 64; ++i) acc += static_cast<double>(depthwise[i]) * fw[u * 64 + i];
    logits[u] = acc;
  }
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (double& l : logits) sum += (l = std::exp(l - top));
  std::vector<float> probs;
  for (double l : logits) probs.push_back(static_cast<float>(l / sum));
  return probs;
}


std::vector<std::filesystem::path> SharedTfliteFiles() {
  std::vector<std::filesystem::path> files;
  const std::filesystem::path dir = SharedModelsDir();
  if (dir.empty()) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".tflite") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace mote::testing
