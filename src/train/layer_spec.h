// The description of a network: a list of layers, each reading the
// previous layer's output unless it names its inputs (residual additions,
// concatenations). It is what mote.yaml's `model:` section and the zoo
// (model_zoo.h) produce and what Model builds; it holds no weights.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "train/initializers.h"
#include "train/tensor.h"
#include "train/window_geometry.h"

namespace mote::train {

enum class LayerType {
  kDense,            // units; [F] -> [units]
  kConv1D,           // filters (units), kernel_w, stride_w, dilation_w; [L, C] -> [L', filters]
  kConv2D,           // filters (units), window; [H, W, C] -> [H', W', filters]
  kDepthwiseConv2D,  // depth_multiplier, window; [H, W, C] -> [H', W', C * multiplier]
  kMaxPool,          // window (kernel = pool size); [H, W, C] or [L, C]
  kAveragePool,
  kGlobalAveragePool,  // [..., C] -> [C]
  kBatchNorm,          // momentum, epsilon; over the last axis
  kRelu,
  kRelu6,
  kLeakyRelu,  // alpha
  kSigmoid,
  kTanh,
  kSoftmax,
  kDropout,  // rate
  kFlatten,  // [...] -> [product]
  kReshape,  // target_shape
  kAdd,      // two or more inputs of one shape
  kConcat,   // along the last axis
};
std::string_view LayerTypeName(LayerType type);  // "conv2d", "batch_norm", ...
std::optional<LayerType> LayerTypeFromName(std::string_view name);

struct LayerSpec {
  LayerType type = LayerType::kDense;
  // Unique within the model; Model names unnamed layers "<type>_<index>".
  std::string name{};
  // Names of the layers this one reads ("input" is the model's input);
  // empty: the previous layer (the input for the first layer).
  std::vector<std::string> inputs{};
  int64_t units = 0;  // dense units, conv filters
  Window2D window{};  // conv kernel / pool size, strides, dilation, padding
  int64_t depth_multiplier = 1;
  bool use_bias = true;
  double alpha = 0.2;  // leaky relu
  double rate = 0;     // dropout
  double momentum = 0.99, epsilon = 1e-3;  // batch norm (batch_norm_op.h)
  Shape target_shape{};  // reshape, without the batch dimension
  Initializer init = Initializer::kFanInUniform;
  // Where the layer was described ("mote.yaml:14:7: model.layers[3]"), to
  // prefix errors found when the model is built; empty for the zoo.
  std::string where{};
};

struct ModelSpec {
  std::vector<LayerSpec> layers;
};

}  // namespace mote::train
