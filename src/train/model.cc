#include "train/model.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "train/activation_ops.h"
#include "train/batch_norm_op.h"
#include "train/conv_ops.h"
#include "train/depthwise_conv_op.h"
#include "train/dense_op.h"
#include "train/initializers.h"
#include "train/pool_ops.h"
#include "train/tensor_ops.h"

namespace mote::train {
namespace {

bool TakesSeveralInputs(LayerType type) { return type == LayerType::kAdd || type == LayerType::kConcat; }

// The window of a 1-D layer, made 1 high.
Window2D Flat(Window2D w) {
  w.kernel_h = w.stride_h = w.dilation_h = 1;
  return w;
}

}  // namespace

template <typename T>
Result<Model<T>> Model<T>::Build(const ModelSpec& spec, const Shape& input_shape, uint64_t seed) {
  if (spec.layers.empty()) return Status::InvalidArgument("the model has no layers");
  Model m;
  m.input_shape_ = input_shape;
  Rng rng(seed);
  std::map<std::string, int> index_of = {{"input", -1}};
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    BuiltLayer layer;
    LayerSpec& s = layer.spec;
    s = spec.layers[i];
    if (s.name.empty()) s.name = fmt::format("{}_{}", LayerTypeName(s.type), i);
    auto fail = [&s](const std::string& why) {
      return Status::InvalidArgument(fmt::format("{}layer '{}' ({}): {}", s.where.empty() ? "" : s.where + ": ",
                                                 s.name, LayerTypeName(s.type), why));
    };
    if (index_of.count(s.name)) return fail("the name is already taken");

    if (s.inputs.empty()) {
      layer.inputs = {static_cast<int>(i) - 1};
    } else {
      for (const std::string& name : s.inputs) {
        auto it = index_of.find(name);
        if (it == index_of.end()) return fail("unknown input '" + name + "' (inputs name earlier layers or 'input')");
        layer.inputs.push_back(it->second);
      }
    }
    if (TakesSeveralInputs(s.type) != (layer.inputs.size() > 1)) {
      return fail(TakesSeveralInputs(s.type) ? "needs two or more inputs" : "takes one input");
    }
    std::vector<Shape> in;
    for (int k : layer.inputs) in.push_back(k < 0 ? input_shape : m.layers_[k].output_shape);
    const Shape& x = in[0];
    const int64_t channels = x.empty() ? 0 : x.back();

    auto add_param = [&](const std::string& suffix, Shape shape, bool decay) {
      Var<T> v = MakeVar(Tensor<T>(std::move(shape)), true);
      m.parameters_.push_back({s.name + "/" + suffix, v, decay});
      return v;
    };
    auto add_kernel = [&](Shape shape, Fans fans) {
      Var<T> v = add_param("kernel", std::move(shape), true);
      Initialize(&v->value, s.init, fans, &rng);
      return v;
    };
    auto geometry = [&](int64_t h, int64_t w, const Window2D& window) -> Status {
      Result<WindowGeometry> g = ComputeWindowGeometry(h, w, window);
      if (!g.ok()) return fail(g.status().message());
      layer.geometry = *g;
      return Status::Ok();
    };
    auto need_rank = [&](size_t rank, const char* what) -> Status {
      if (x.size() == rank) return Status::Ok();
      return fail(fmt::format("needs a {} input, got {}", what, ShapeString(x)));
    };
    const Window2D& win = s.window;
    switch (s.type) {
      case LayerType::kDense:
        MOTE_RETURN_IF_ERROR(need_rank(1, "flat [features] (add a flatten layer)"));
        if (s.units <= 0) return fail("units must be > 0");
        layer.kernel = add_kernel({s.units, channels}, {channels, s.units});
        layer.output_shape = {s.units};
        break;
      case LayerType::kConv2D:
        MOTE_RETURN_IF_ERROR(need_rank(3, "[height, width, channels]"));
        if (s.units <= 0) return fail("filters must be > 0");
        MOTE_RETURN_IF_ERROR(geometry(x[0], x[1], win));
        layer.kernel = add_kernel({s.units, win.kernel_h, win.kernel_w, channels},
                                  {win.kernel_h * win.kernel_w * channels, s.units * win.kernel_h * win.kernel_w});
        layer.output_shape = {layer.geometry.out_h, layer.geometry.out_w, s.units};
        break;
      case LayerType::kConv1D:
        MOTE_RETURN_IF_ERROR(need_rank(2, "[length, channels]"));
        if (s.units <= 0) return fail("filters must be > 0");
        MOTE_RETURN_IF_ERROR(geometry(1, x[0], Flat(win)));
        layer.kernel = add_kernel({s.units, win.kernel_w, channels}, {win.kernel_w * channels, s.units * win.kernel_w});
        layer.output_shape = {layer.geometry.out_w, s.units};
        break;
      case LayerType::kDepthwiseConv2D:
        MOTE_RETURN_IF_ERROR(need_rank(3, "[height, width, channels]"));
        if (s.depth_multiplier <= 0) return fail("depth_multiplier must be > 0");
        MOTE_RETURN_IF_ERROR(geometry(x[0], x[1], win));
        layer.kernel = add_kernel({1, win.kernel_h, win.kernel_w, channels * s.depth_multiplier},
                                  {win.kernel_h * win.kernel_w, win.kernel_h * win.kernel_w * s.depth_multiplier});
        layer.output_shape = {layer.geometry.out_h, layer.geometry.out_w, channels * s.depth_multiplier};
        break;
      case LayerType::kMaxPool:
      case LayerType::kAveragePool:
        if (win.dilation_h != 1 || win.dilation_w != 1) return fail("pooling has no dilation");
        if (x.size() == 2) {
          MOTE_RETURN_IF_ERROR(geometry(1, x[0], Flat(win)));
          layer.output_shape = {layer.geometry.out_w, channels};
        } else {
          MOTE_RETURN_IF_ERROR(need_rank(3, "[height, width, channels] or [length, channels]"));
          MOTE_RETURN_IF_ERROR(geometry(x[0], x[1], win));
          layer.output_shape = {layer.geometry.out_h, layer.geometry.out_w, channels};
        }
        break;
      case LayerType::kGlobalAveragePool:
        if (x.size() < 2) return fail("needs an input with positions and channels, got " + ShapeString(x));
        layer.output_shape = {channels};
        break;
      case LayerType::kBatchNorm:
        if (!(s.momentum >= 0 && s.momentum < 1)) return fail("momentum must be in [0, 1)");
        if (!(s.epsilon > 0)) return fail("epsilon must be > 0");
        layer.kernel = add_param("gamma", {channels}, false);
        layer.kernel->value.Fill(T(1));
        layer.bias = add_param("beta", {channels}, false);
        layer.moving_mean = Tensor<T>({channels}, T(0));
        layer.moving_variance = Tensor<T>({channels}, T(1));
        layer.output_shape = x;
        break;
      case LayerType::kDropout:
        if (!(s.rate >= 0 && s.rate < 1)) return fail("rate must be in [0, 1)");
        layer.output_shape = x;
        break;
      case LayerType::kRelu:
      case LayerType::kRelu6:
      case LayerType::kLeakyRelu:
      case LayerType::kSigmoid:
      case LayerType::kTanh:
      case LayerType::kSoftmax:
        layer.output_shape = x;
        break;
      case LayerType::kFlatten:
        layer.output_shape = {ShapeSize(x)};
        break;
      case LayerType::kReshape:
        if (ShapeSize(s.target_shape) != ShapeSize(x)) {
          return fail(fmt::format("cannot reshape {} to {}", ShapeString(x), ShapeString(s.target_shape)));
        }
        layer.output_shape = s.target_shape;
        break;
      case LayerType::kAdd:
        for (const Shape& other : in) {
          if (other != x) return fail(fmt::format("inputs differ in shape: {} and {}", ShapeString(x), ShapeString(other)));
        }
        layer.output_shape = x;
        break;
      case LayerType::kConcat: {
        int64_t total = 0;
        for (const Shape& other : in) {
          if (other.size() != x.size() || !std::equal(x.begin(), x.end() - 1, other.begin())) {
            return fail(fmt::format("inputs differ in more than the last axis: {} and {}", ShapeString(x),
                                    ShapeString(other)));
          }
          total += other.back();
        }
        layer.output_shape = x;
        layer.output_shape.back() = total;
        break;
      }
    }
    const bool has_bias = s.use_bias && (s.type == LayerType::kDense || s.type == LayerType::kConv1D ||
                                         s.type == LayerType::kConv2D || s.type == LayerType::kDepthwiseConv2D);
    if (has_bias) layer.bias = add_param("bias", {layer.output_shape.back()}, false);
    index_of[s.name] = static_cast<int>(i);
    m.layers_.push_back(std::move(layer));
  }
  m.FuseBatchNormActivations();
  return m;
}

template <typename T>
void Model<T>::FuseBatchNormActivations() {
  const size_t count = layers_.size();
  fused_clamp_.assign(count, BatchNormClamp::kNone);
  std::vector<int> readers(count, 0);
  for (const BuiltLayer& layer : layers_) {
    for (int k : layer.inputs) {
      if (k >= 0) ++readers[k];
    }
  }
  for (size_t i = 0; i + 1 < count; ++i) {
    const LayerType next = layers_[i + 1].spec.type;
    if (layers_[i].spec.type != LayerType::kBatchNorm || readers[i] != 1 ||
        layers_[i + 1].inputs != std::vector<int>{static_cast<int>(i)}) {
      continue;
    }
    if (next == LayerType::kRelu) fused_clamp_[i] = BatchNormClamp::kRelu;
    if (next == LayerType::kRelu6) fused_clamp_[i] = BatchNormClamp::kRelu6;
  }
}

template <typename T>
Var<T> Model<T>::Forward(Tape<T>& tape, const Var<T>& input, bool training, Rng* rng) {
  std::vector<Var<T>> outputs(layers_.size());
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (i > 0 && fused_clamp_[i - 1] != BatchNormClamp::kNone) {
      outputs[i] = outputs[i - 1];  // the activation ran inside the batch norm before it
      continue;
    }
    std::vector<Var<T>> in;
    for (int k : layers_[i].inputs) in.push_back(k < 0 ? input : outputs[k]);
    outputs[i] = Apply(tape, layers_[i], in, training, rng, fused_clamp_[i]);
  }
  return outputs.back();
}

template <typename T>
Var<T> Model<T>::Apply(Tape<T>& tape, BuiltLayer& layer, const std::vector<Var<T>>& in, bool training, Rng* rng,
                       BatchNormClamp clamp) {
  const LayerSpec& s = layer.spec;
  const Var<T>& x = in[0];
  const int64_t n = x->value.dim(0);
  switch (s.type) {
    case LayerType::kDense:
      return Dense(tape, x, layer.kernel, layer.bias);
    case LayerType::kConv2D:
      return Conv2D(tape, x, layer.kernel, layer.bias, layer.geometry);
    case LayerType::kConv1D:
      return Conv1D(tape, x, layer.kernel, layer.bias, layer.geometry);
    case LayerType::kDepthwiseConv2D:
      return DepthwiseConv2D(tape, x, layer.kernel, layer.bias, layer.geometry);
    case LayerType::kMaxPool:
      return MaxPool(tape, x, layer.geometry);
    case LayerType::kAveragePool:
      return AveragePool(tape, x, layer.geometry);
    case LayerType::kGlobalAveragePool:
      return GlobalAveragePool(tape, x);
    case LayerType::kBatchNorm:
      return BatchNorm(tape, x, layer.kernel, layer.bias, &layer.moving_mean, &layer.moving_variance,
                       {.training = training && !layer.frozen, .momentum = s.momentum, .epsilon = s.epsilon,
                        .clamp = clamp});
    case LayerType::kRelu:
      return Activate(tape, x, Activation::kRelu);
    case LayerType::kRelu6:
      return Activate(tape, x, Activation::kRelu6);
    case LayerType::kLeakyRelu:
      return Activate(tape, x, Activation::kLeakyRelu, s.alpha);
    case LayerType::kSigmoid:
      return Activate(tape, x, Activation::kSigmoid);
    case LayerType::kTanh:
      return Activate(tape, x, Activation::kTanh);
    case LayerType::kSoftmax:
      return Softmax(tape, x);
    case LayerType::kDropout:
      return Dropout(tape, x, s.rate, training, rng);
    case LayerType::kFlatten:
    case LayerType::kReshape: {
      Shape shape = {n};
      shape.insert(shape.end(), layer.output_shape.begin(), layer.output_shape.end());
      return Reshape(tape, x, std::move(shape));
    }
    case LayerType::kAdd: {
      Var<T> sum = x;
      for (size_t k = 1; k < in.size(); ++k) sum = Add(tape, sum, in[k]);
      return sum;
    }
    case LayerType::kConcat:
      return ConcatLastAxis(tape, in);
  }
  return x;
}

template <typename T>
int64_t Model<T>::trainable_count() const {
  int64_t n = 0;
  for (const NamedParameter<T>& p : parameters_) n += p.var->value.size();
  return n;
}

template <typename T>
int64_t Model<T>::non_trainable_count() const {
  int64_t n = 0;
  for (const BuiltLayer& layer : layers_) n += layer.moving_mean.size() + layer.moving_variance.size();
  return n;
}

template <typename T>
std::vector<Tensor<T>> Model<T>::SaveState() const {
  std::vector<Tensor<T>> state;
  for (const NamedParameter<T>& p : parameters_) state.push_back(p.var->value);
  for (const BuiltLayer& layer : layers_) {
    state.push_back(layer.moving_mean);
    state.push_back(layer.moving_variance);
  }
  return state;
}

template <typename T>
std::vector<std::string> Model<T>::StateNames() const {
  std::vector<std::string> names;
  for (const NamedParameter<T>& p : parameters_) names.push_back(p.name);
  for (const BuiltLayer& layer : layers_) {
    names.push_back(layer.spec.name + "/moving_mean");
    names.push_back(layer.spec.name + "/moving_variance");
  }
  return names;
}

template <typename T>
void Model<T>::RestoreState(const std::vector<Tensor<T>>& state) {
  size_t k = 0;
  for (NamedParameter<T>& p : parameters_) p.var->value = state[k++];
  for (BuiltLayer& layer : layers_) {
    layer.moving_mean = state[k++];
    layer.moving_variance = state[k++];
  }
}

template <typename T>
Result<int64_t> Model<T>::FreezeLayers(int64_t count) {
  const int64_t layers = static_cast<int64_t>(layers_.size());
  if (count < 0 || count > layers) {
    return Status::InvalidArgument(fmt::format("cannot freeze {} layers of a network of {}", count, layers));
  }
  int64_t frozen = 0;
  for (int64_t i = 0; i < count; ++i) {
    BuiltLayer& layer = layers_[i];
    layer.frozen = true;
    for (Var<T>* v : {&layer.kernel, &layer.bias}) {
      if (!*v) continue;
      (*v)->requires_grad = false;
      frozen += (*v)->value.size();
    }
  }
  if (frozen == trainable_count()) {
    return Status::InvalidArgument(fmt::format("freezing {} of {} layers leaves no parameter to train", count, layers));
  }
  return frozen;
}

template <typename T>
std::string Model<T>::Summary() const {
  std::string out = fmt::format("{:<28} {:<20} {:<18} {:>10}\n", "layer", "type", "output", "parameters");
  for (const BuiltLayer& layer : layers_) {
    int64_t count = layer.moving_mean.size() + layer.moving_variance.size();
    for (const Var<T>* v : {&layer.kernel, &layer.bias}) count += *v ? (*v)->value.size() : 0;
    out += fmt::format("{:<28} {:<20} {:<18} {:>10}\n", layer.spec.name, LayerTypeName(layer.spec.type),
                       ShapeString(layer.output_shape), count);
  }
  out += fmt::format("input {}; parameters: {} trainable, {} non-trainable, {} in all\n", ShapeString(input_shape_),
                     trainable_count(), non_trainable_count(), trainable_count() + non_trainable_count());
  return out;
}

template class Model<float>;
template class Model<double>;

}  // namespace mote::train
