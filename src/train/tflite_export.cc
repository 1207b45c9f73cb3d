#include "train/tflite_export.h"

#include <cmath>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace mote::train {
namespace {

using model::Activation;
using model::OpType;

using Layer = Model<float>::BuiltLayer;

// The tensor shape of a per-example shape (see the header).
Result<std::vector<int32_t>> TensorShape(const Shape& s, const std::string& what) {
  if (s.empty() || s.size() > 3) {
    return Status::InvalidArgument(fmt::format("{}: shape {} is not of 1 to 3 dimensions", what, ShapeString(s)));
  }
  std::vector<int32_t> shape = {1};
  if (s.size() == 2) shape.push_back(1);  // [L, C]: a height-1 image
  for (int64_t d : s) shape.push_back(static_cast<int32_t>(d));
  return shape;
}

// Little-endian bytes of a constant (the host is little-endian, as .tflite is).
template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

model::Padding IrPadding(Padding p) { return p == Padding::kSame ? model::Padding::kSame : model::Padding::kValid; }

std::vector<int32_t> Int32Shape(const Shape& shape) {
  std::vector<int32_t> out;
  for (int64_t d : shape) out.push_back(static_cast<int32_t>(d));
  return out;
}

// A convolution's padding, strides and dilations (CONV_2D, DEPTHWISE_CONV_2D).
template <typename Attributes>
Attributes WindowAttributes(const Window2D& w) {
  Attributes a;
  a.padding = IrPadding(w.padding);
  a.stride_h = static_cast<int32_t>(w.stride_h);
  a.stride_w = static_cast<int32_t>(w.stride_w);
  a.dilation_h = static_cast<int32_t>(w.dilation_h);
  a.dilation_w = static_cast<int32_t>(w.dilation_w);
  return a;
}

// What a layer's output is in the graph being built.
struct Output {
  int32_t tensor = -1;
  int32_t op = -1;  // the operator writing it; -1 for the graph input
  // Every layer already mapped onto this tensor (folded, fused, dropped)
  // feeds only the next one, so the operator may still be changed.
  bool exclusive = true;
};

class Exporter {
 public:
  Exporter(const Model<float>& network, const ExportOptions& options) : network_(network), options_(options) {}

  Result<model::Model> Run() {
    const auto& layers = network_.layers();
    uses_.assign(layers.size(), 0);
    for (const Layer& layer : layers) {
      for (int k : layer.inputs) {
        if (k >= 0) ++uses_[k];
      }
    }
    ++uses_.back();  // the graph output
    MOTE_ASSIGN_OR_RETURN(std::vector<int32_t> in_shape, TensorShape(network_.input_shape(), "the input"));
    const int32_t input = AddTensor("input", in_shape);
    graph_.inputs = {input};
    outputs_.clear();
    for (size_t i = 0; i < layers.size(); ++i) {
      MOTE_ASSIGN_OR_RETURN(Output out, Emit(layers[i], input));
      outputs_.push_back(out);
    }
    int32_t result = outputs_.back().tensor;
    if (options_.append_softmax && layers.back().spec.type != LayerType::kSoftmax) {
      result = AddOp(OpType::kSoftmax, {result}, "probabilities", graph_.tensors[result].shape).tensor;
    }
    if (result == input) return Status::InvalidArgument("the network computes nothing (its output is its input)");
    graph_.outputs = {result};
    graph_.name = "main";
    model::Model m;
    m.graphs.push_back(std::move(graph_));
    return m;
  }

 private:
  int32_t AddTensor(const std::string& name, std::vector<int32_t> shape, std::vector<uint8_t> data = {}) {
    model::Tensor t;
    t.name = name;
    t.dtype = model::DType::kFloat32;
    t.shape = std::move(shape);
    t.data = std::move(data);
    graph_.tensors.push_back(std::move(t));
    return static_cast<int32_t>(graph_.tensors.size() - 1);
  }

  int32_t AddConstant(const std::string& name, std::vector<int32_t> shape, const std::vector<float>& values) {
    return AddTensor(name, std::move(shape), Bytes(values));
  }

  // An operator reading `inputs` and writing a new tensor named `name`.
  Output AddOp(OpType type, std::vector<int32_t> inputs, const std::string& name, std::vector<int32_t> shape,
               model::OpAttributes attributes) {
    const int32_t out = AddTensor(name, std::move(shape));
    model::Operator op;
    op.type = type;
    op.inputs = std::move(inputs);
    op.outputs = {out};
    op.attributes = std::move(attributes);
    graph_.operators.push_back(std::move(op));
    return {out, static_cast<int32_t>(graph_.operators.size() - 1), true};
  }
  Output AddOp(OpType type, std::vector<int32_t> inputs, const std::string& name, std::vector<int32_t> shape) {
    return AddOp(type, std::move(inputs), name, std::move(shape), model::DefaultAttributes(type));
  }

  // The output of layer `k` (-1: the graph input).
  Output In(int k, int32_t input) const { return k < 0 ? Output{input, -1, false} : outputs_[k]; }

  // The layer maps onto its input's tensor (folded, fused or dropped).
  Output Alias(const Layer& layer) const {
    Output out = outputs_[layer.inputs[0]];
    out.exclusive = out.exclusive && uses_[layer.inputs[0]] == 1;
    return out;
  }

  // The operator writing layer `k`'s output, if this layer may change it:
  // that output feeds this layer only.
  model::Operator* Changeable(int k) {
    if (k < 0 || uses_[k] != 1 || !outputs_[k].exclusive || outputs_[k].op < 0) return nullptr;
    return &graph_.operators[outputs_[k].op];
  }

  // A RESHAPE of `x` to `shape`, or `x` itself when it already has it.
  Output Reshape(const Output& x, const std::string& name, std::vector<int32_t> shape) {
    if (graph_.tensors[x.tensor].shape == shape) return x;
    const int32_t shape_tensor = AddTensor(name + "/shape", {static_cast<int32_t>(shape.size())}, Bytes(shape));
    graph_.tensors[shape_tensor].dtype = model::DType::kInt32;
    model::ReshapeAttributes attributes;
    attributes.new_shape = shape;
    return AddOp(OpType::kReshape, {x.tensor, shape_tensor}, name, std::move(shape), attributes);
  }

  // Weights and bias of a convolution or dense layer (zeros for no bias).
  std::pair<std::vector<float>, std::vector<float>> WeightsOf(const Layer& layer) const {
    const auto as_vector = [](const Tensor<float>& t) { return std::vector<float>(t.values().begin(), t.values().end()); };
    std::vector<float> bias = layer.bias ? as_vector(layer.bias->value) : std::vector<float>(layer.output_shape.back(), 0.0f);
    return {as_vector(layer.kernel->value), std::move(bias)};
  }

  Result<Output> Emit(const Layer& layer, int32_t input) {
    const LayerSpec& s = layer.spec;
    const std::string& name = s.name;
    const Output x = In(layer.inputs[0], input);
    MOTE_ASSIGN_OR_RETURN(std::vector<int32_t> shape,
                          TensorShape(layer.output_shape, fmt::format("layer '{}' ({})", name, LayerTypeName(s.type))));
    const Window2D& w = layer.geometry.window;
    switch (s.type) {
      case LayerType::kDense: {
        auto [kernel, bias] = WeightsOf(layer);
        const int32_t units = static_cast<int32_t>(s.units), in = static_cast<int32_t>(layer.kernel->value.dim(1));
        const int32_t k = AddConstant(name + "/kernel", {units, in}, kernel);
        const int32_t b = AddConstant(name + "/bias", {units}, bias);
        return AddOp(OpType::kFullyConnected, {x.tensor, k, b}, name, shape);
      }
      case LayerType::kConv2D:
      case LayerType::kConv1D: {
        auto [kernel, bias] = WeightsOf(layer);
        std::vector<int32_t> kshape = Int32Shape(layer.kernel->value.shape());
        if (kshape.size() == 3) kshape.insert(kshape.begin() + 1, 1);  // conv1d: [OC, 1, K, C]
        const int32_t k = AddConstant(name + "/kernel", kshape, kernel);
        const int32_t b = AddConstant(name + "/bias", {kshape[0]}, bias);
        return AddOp(OpType::kConv2D, {x.tensor, k, b}, name, shape, WindowAttributes<model::Conv2DAttributes>(w));
      }
      case LayerType::kDepthwiseConv2D: {
        auto [kernel, bias] = WeightsOf(layer);
        const std::vector<int32_t> kshape = Int32Shape(layer.kernel->value.shape());  // [1, KH, KW, C * M]
        const int32_t k = AddConstant(name + "/kernel", kshape, kernel);
        const int32_t b = AddConstant(name + "/bias", {kshape[3]}, bias);
        auto a = WindowAttributes<model::DepthwiseConv2DAttributes>(w);
        a.depth_multiplier = static_cast<int32_t>(s.depth_multiplier);
        return AddOp(OpType::kDepthwiseConv2D, {x.tensor, k, b}, name, shape, a);
      }
      case LayerType::kMaxPool:
      case LayerType::kAveragePool: {
        model::Pool2DAttributes a;
        a.padding = IrPadding(w.padding);
        a.filter_h = static_cast<int32_t>(w.kernel_h);
        a.filter_w = static_cast<int32_t>(w.kernel_w);
        a.stride_h = static_cast<int32_t>(w.stride_h);
        a.stride_w = static_cast<int32_t>(w.stride_w);
        return AddOp(s.type == LayerType::kMaxPool ? OpType::kMaxPool2D : OpType::kAveragePool2D, {x.tensor}, name,
                     shape, a);
      }
      case LayerType::kGlobalAveragePool: {
        const std::vector<int32_t>& in = graph_.tensors[x.tensor].shape;
        if (in.size() != 4) return Status::InvalidArgument(fmt::format("layer '{}': needs a 4-D input", name));
        model::Pool2DAttributes a;
        a.padding = model::Padding::kValid;
        a.filter_h = in[1];
        a.filter_w = in[2];
        const Output pooled = AddOp(OpType::kAveragePool2D, {x.tensor}, name + "/pool", {1, 1, 1, in[3]}, a);
        return Reshape(pooled, name, shape);
      }
      case LayerType::kBatchNorm:
        return BatchNorm(layer, x, shape);
      case LayerType::kRelu:
      case LayerType::kRelu6: {
        const Activation act = s.type == LayerType::kRelu ? Activation::kRelu : Activation::kRelu6;
        if (model::Operator* op = Changeable(layer.inputs[0])) {
          if (Activation* fused = FusedActivation(*op); fused && *fused == Activation::kNone) {
            *fused = act;
            return Alias(layer);
          }
        }
        return AddOp(s.type == LayerType::kRelu ? OpType::kRelu : OpType::kRelu6, {x.tensor}, name, shape);
      }
      case LayerType::kLeakyRelu: {
        model::LeakyReluAttributes a;
        a.alpha = static_cast<float>(s.alpha);
        return AddOp(OpType::kLeakyRelu, {x.tensor}, name, shape, a);
      }
      case LayerType::kSigmoid:
        return AddOp(OpType::kLogistic, {x.tensor}, name, shape);
      case LayerType::kTanh:
        return AddOp(OpType::kTanh, {x.tensor}, name, shape);
      case LayerType::kSoftmax:
        return AddOp(OpType::kSoftmax, {x.tensor}, name, shape);
      case LayerType::kDropout:
        return layer.inputs[0] < 0 ? x : Alias(layer);
      case LayerType::kFlatten:
      case LayerType::kReshape:
        return Reshape(x, name, shape);
      case LayerType::kAdd: {
        Output sum = x;
        for (size_t i = 1; i < layer.inputs.size(); ++i) {
          const bool last = i + 1 == layer.inputs.size();
          sum = AddOp(OpType::kAdd, {sum.tensor, In(layer.inputs[i], input).tensor},
                      last ? name : fmt::format("{}/{}", name, i), shape);
        }
        return sum;
      }
      case LayerType::kConcat: {
        std::vector<int32_t> ins;
        for (int k : layer.inputs) ins.push_back(In(k, input).tensor);
        model::ConcatenationAttributes a;
        a.axis = static_cast<int32_t>(shape.size()) - 1;
        return AddOp(OpType::kConcatenation, std::move(ins), name, shape, a);
      }
    }
    return Status::Internal(fmt::format("layer '{}': unknown type", name));
  }

  // The fused activation of an operator that has one the exporter fuses into.
  static Activation* FusedActivation(model::Operator& op) {
    if (auto* a = std::get_if<model::Conv2DAttributes>(&op.attributes)) return &a->activation;
    if (auto* a = std::get_if<model::DepthwiseConv2DAttributes>(&op.attributes)) return &a->activation;
    if (auto* a = std::get_if<model::FullyConnectedAttributes>(&op.attributes)) return &a->activation;
    if (op.type == OpType::kAdd) return &std::get<model::ElementwiseAttributes>(op.attributes).activation;
    return nullptr;
  }

  Result<Output> BatchNorm(const Layer& layer, const Output& x, const std::vector<int32_t>& shape) {
    const LayerSpec& s = layer.spec;
    const int64_t c = layer.output_shape.back();
    // y = x * scale + shift, as the evaluation-mode op computes it.
    std::vector<double> scale(c), shift(c);
    for (int64_t i = 0; i < c; ++i) {
      const double inv_std = static_cast<float>(1.0 / std::sqrt(static_cast<double>(layer.moving_variance[i]) + s.epsilon));
      scale[i] = static_cast<double>(layer.kernel->value[i]) * inv_std;
      shift[i] = static_cast<double>(layer.bias->value[i]) - static_cast<double>(layer.moving_mean[i]) * scale[i];
    }
    if (model::Operator* op = Changeable(layer.inputs[0])) {
      const bool foldable = op->type == OpType::kConv2D || op->type == OpType::kDepthwiseConv2D ||
                            op->type == OpType::kFullyConnected;
      if (Activation* fused = FusedActivation(*op); foldable && fused && *fused == Activation::kNone) {
        model::Tensor& kernel = graph_.tensors[op->inputs[1]];
        model::Tensor& bias = graph_.tensors[op->inputs[2]];
        float* k = reinterpret_cast<float*>(kernel.data.data());
        float* b = reinterpret_cast<float*>(bias.data.data());
        const int64_t n = kernel.ElementCount();
        // The output channel is the kernel's first axis, or its last for depthwise.
        const bool channel_last = op->type == OpType::kDepthwiseConv2D;
        const int64_t per_channel = n / c;
        for (int64_t i = 0; i < n; ++i) {
          const int64_t ch = channel_last ? i % c : i / per_channel;
          k[i] = static_cast<float>(k[i] * scale[ch]);
        }
        for (int64_t i = 0; i < c; ++i) {
          b[i] = static_cast<float>((static_cast<double>(b[i]) - layer.moving_mean[i]) * scale[i] +
                                    layer.bias->value[i]);
        }
        return Alias(layer);
      }
    }
    // Anything else: a 1x1 depthwise convolution with the scale as weights.
    std::vector<float> weights(c), bias(c);
    for (int64_t i = 0; i < c; ++i) {
      weights[i] = static_cast<float>(scale[i]);
      bias[i] = static_cast<float>(shift[i]);
    }
    const int32_t ci = static_cast<int32_t>(c);
    const bool image = shape.size() == 4;
    const Output x4 = image ? x : Reshape(x, s.name + "/image", {1, 1, 1, ci});
    const int32_t k = AddConstant(s.name + "/scale", {1, 1, 1, ci}, weights);
    const int32_t b = AddConstant(s.name + "/shift", {ci}, bias);
    model::DepthwiseConv2DAttributes a;
    a.padding = model::Padding::kValid;
    const Output y = AddOp(OpType::kDepthwiseConv2D, {x4.tensor, k, b}, image ? s.name : s.name + "/affine",
                           image ? shape : std::vector<int32_t>{1, 1, 1, ci}, a);
    return image ? y : Reshape(y, s.name, shape);
  }

  const Model<float>& network_;
  ExportOptions options_;
  model::Graph graph_;
  std::vector<int> uses_;        // how many layers (and the graph output) read each layer
  std::vector<Output> outputs_;  // of the layers emitted so far
};

}  // namespace

Result<model::Model> ExportModel(const Model<float>& network, const ExportOptions& options) {
  return Exporter(network, options).Run();
}

}  // namespace mote::train
