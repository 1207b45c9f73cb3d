#include "nn/residual_net_model.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "model/tflite_writer.h"

namespace mote::testing {
namespace {

using model::DType;
using model::Tensor;

// A linear congruential stream of int8 values (deterministic everywhere).
class Int8Stream {
 public:
  explicit Int8Stream(uint32_t seed) : x_(seed) {}
  int8_t Next() {
    x_ = x_ * 1664525u + 1013904223u;
    return static_cast<int8_t>(static_cast<int32_t>(x_ >> 24) - 128);
  }

 private:
  uint32_t x_;
};

class Builder {
 public:
  int32_t Add(Tensor t) {
    g_.tensors.push_back(std::move(t));
    return static_cast<int32_t>(g_.tensors.size() - 1);
  }

  // An int8 activation; relu outputs use zero point -128.
  int32_t Activation(const std::string& name, std::vector<int32_t> shape, float scale, int64_t zero_point) {
    Tensor t;
    t.name = name;
    t.dtype = DType::kInt8;
    t.shape = std::move(shape);
    t.quantization.scale = {scale};
    t.quantization.zero_point = {zero_point};
    return Add(std::move(t));
  }

  // Filter [out, kh, kw, in] with per-output-channel scales that keep the
  // accumulator near the output range (~1 / sqrt(fan_in)), and its int32 bias.
  void ConvWeights(const std::string& name, int32_t out, int32_t k, int32_t in, float input_scale, int32_t* filter,
                   int32_t* bias) {
    Tensor w;
    w.name = name + "/weights";
    w.dtype = DType::kInt8;
    w.shape = {out, k, k, in};
    Int8Stream values(seed_++);
    w.data.resize(static_cast<size_t>(out) * k * k * in);
    for (uint8_t& v : w.data) v = static_cast<uint8_t>(values.Next());
    const float fan_in_scale = 1.0f / (64.0f * std::sqrt(static_cast<float>(k * k * in)));
    Tensor b;
    b.name = name + "/bias";
    b.dtype = DType::kInt32;
    b.shape = {out};
    b.quantization.axis = 0;
    w.quantization.axis = 0;
    std::vector<int32_t> bias_values(out);
    for (int32_t c = 0; c < out; ++c) {
      const float scale = fan_in_scale * (1.0f + 0.05f * static_cast<float>(c % 7));
      w.quantization.scale.push_back(scale);
      w.quantization.zero_point.push_back(0);
      b.quantization.scale.push_back(scale * input_scale);
      b.quantization.zero_point.push_back(0);
      bias_values[c] = static_cast<int32_t>(values.Next()) * 16;
    }
    b.data.resize(bias_values.size() * 4);
    std::memcpy(b.data.data(), bias_values.data(), b.data.size());
    *filter = Add(std::move(w));
    *bias = Add(std::move(b));
  }

  void Op(model::OpType type, std::vector<int32_t> inputs, int32_t output, model::OpAttributes attributes) {
    model::Operator o;
    o.type = type;
    o.inputs = std::move(inputs);
    o.outputs = {output};
    o.attributes = std::move(attributes);
    g_.operators.push_back(std::move(o));
  }

  // conv k x k (stride s, SAME) from `input` (scale input_scale) to a new
  // [1, size, size, out] tensor; relu outputs have zero point -128.
  int32_t Conv(const std::string& name, int32_t input, float input_scale, int32_t in, int32_t out, int32_t k,
               int32_t stride, int32_t size, bool relu) {
    int32_t filter = 0, bias = 0;
    ConvWeights(name, out, k, in, input_scale, &filter, &bias);
    const int32_t output = Activation(name, {1, size, size, out}, kScale, relu ? -128 : 0);
    model::Conv2DAttributes a;
    a.stride_w = a.stride_h = stride;
    a.activation = relu ? model::Activation::kRelu : model::Activation::kNone;
    Op(model::OpType::kConv2D, {input, filter, bias}, output, a);
    return output;
  }

  int32_t AddRelu(const std::string& name, int32_t a, int32_t b, int32_t channels, int32_t size) {
    const int32_t output = Activation(name, {1, size, size, channels}, kScale, -128);
    model::ElementwiseAttributes attributes;
    attributes.activation = model::Activation::kRelu;
    Op(model::OpType::kAdd, {a, b}, output, attributes);
    return output;
  }

  model::Graph& graph() { return g_; }

  static constexpr float kScale = 0.05f;

 private:
  model::Graph g_;
  uint32_t seed_ = 1;
};

}  // namespace

model::Model ResidualNetInt8(const ResidualNetShape& shape) {
  using model::OpType;
  Builder b;
  constexpr float kInputScale = 1.0f / 128, kScale = Builder::kScale;
  const int32_t input = b.Activation("input", {1, 32, 32, 3}, kInputScale, 0);
  int32_t x = b.Conv("stem", input, kInputScale, 3, shape.stem, 3, 1, 32, true);
  int32_t channels = shape.stem, size = 32;
  for (size_t stack = 0; stack < shape.widths.size(); ++stack) {
    const std::string name = "stack" + std::to_string(stack + 1);
    const int32_t out = shape.widths[stack];
    // Same width: stride 1 and an identity shortcut; else stride 2 and a
    // 1x1 stride-2 shortcut conv, computed after the main path.
    const bool identity = out == channels;
    const int32_t stride = identity ? 1 : 2, next = size / stride;
    const int32_t a = b.Conv(name + "/conv1", x, kScale, channels, out, 3, stride, next, true);
    const int32_t c = b.Conv(name + "/conv2", a, kScale, out, out, 3, 1, next, false);
    const int32_t shortcut =
        identity ? x : b.Conv(name + "/shortcut", x, kScale, channels, out, 1, stride, next, false);
    x = b.AddRelu(name + "/add", shortcut, c, out, next);
    channels = out;
    size = next;
  }
  const int32_t pooled = b.Activation("pool", {1, 1, 1, channels}, kScale, -128);
  model::Pool2DAttributes pool;
  pool.padding = model::Padding::kValid;
  pool.filter_w = pool.filter_h = pool.stride_w = pool.stride_h = size;
  b.Op(OpType::kAveragePool2D, {x}, pooled, pool);
  Tensor shape_tensor;
  shape_tensor.name = "flatten/shape";
  shape_tensor.dtype = DType::kInt32;
  shape_tensor.shape = {2};
  const int32_t shape_values[2] = {1, channels};
  shape_tensor.data.resize(sizeof shape_values);
  std::memcpy(shape_tensor.data.data(), shape_values, sizeof shape_values);
  const int32_t shape_index = b.Add(std::move(shape_tensor));
  const int32_t flat = b.Activation("flatten", {1, channels}, kScale, -128);
  model::ReshapeAttributes reshape;
  reshape.new_shape = {1, channels};
  b.Op(OpType::kReshape, {pooled, shape_index}, flat, reshape);
  // Fully connected as a [10, channels] filter: the conv weights' layout with k = 1.
  int32_t filter = 0, bias = 0;
  b.ConvWeights("dense", 10, 1, channels, kScale, &filter, &bias);
  b.graph().tensors[filter].shape = {10, channels};
  const int32_t logits = b.Activation("logits", {1, 10}, 0.1f, 0);
  b.Op(OpType::kFullyConnected, {flat, filter, bias}, logits, model::FullyConnectedAttributes{});
  const int32_t probs = b.Activation("probs", {1, 10}, 1.0f / 256, -128);
  b.Op(OpType::kSoftmax, {logits}, probs, model::SoftmaxAttributes{});

  model::Graph& g = b.graph();
  g.name = "resnet";
  g.inputs = {input};
  g.outputs = {probs};
  model::Model m;
  m.description = "residual int8 network, deterministic weights (mote tests)";
  m.graphs.push_back(std::move(g));
  return m;
}

std::string ResidualNetTflite(const ResidualNetShape& shape) {
  Result<std::string> bytes = model::WriteTflite(ResidualNetInt8(shape));
  if (!bytes.ok()) std::abort();
  return *bytes;
}

std::vector<uint8_t> ResidualNetInput() {
  std::vector<uint8_t> input(32 * 32 * 3);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<uint8_t>((i * 37 + 11) & 0xFF);
  return input;
}

}  // namespace mote::testing
