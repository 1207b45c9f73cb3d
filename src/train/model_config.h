// The `model:` section of mote.yaml: a network from the zoo with its knobs,
// or a list of layers.
//
//   model:
//     zoo: ds_cnn          # model_zoo.h: mlp, cnn, ds_cnn, conv1d,
//     width: 0.5           #   autoencoder, mobilenet_v1, resnet8
//     depth: 4
//     dropout: 0.2
//
//   model:
//     layers:
//       - {type: conv2d, filters: 8, kernel: 3, strides: 2, padding: same}
//       - {type: batch_norm}
//       - {type: relu, name: a}
//       - {type: conv2d, filters: 8, kernel: 3, padding: same}
//       - {type: add, inputs: [a, conv2d_3]}
//       - {type: global_average_pool}
//       - {type: dense, units: 10}
//
// Layer keys: type (layer_spec.h's names), name, inputs; units (dense);
// filters, kernel, strides, dilation, padding (same | valid), use_bias,
// init (fan_in_uniform | he_normal | he_uniform | glorot_normal | glorot_uniform) for the
// convolutions (kernel, strides, dilation: an integer or [height, width];
// conv1d takes an integer); depth_multiplier (depthwise_conv2d); size,
// strides, padding (pools; strides default to size); momentum, epsilon
// (batch_norm); alpha (leaky_relu); rate (dropout); shape (reshape). A key
// a layer type does not take is an error at its position; so is a layer
// that does not fit its input, when the model is built.
#pragma once

#include <optional>

#include "core/status.h"
#include "core/yaml_section.h"
#include "train/layer_spec.h"
#include "train/model_zoo.h"

namespace mote::train {

struct ModelConfig {
  explicit ModelConfig(YamlSection from) : section(std::move(from)) {}

  // Set for `zoo:` (classes filled in by SpecFor), else `layers` is.
  std::optional<ZooOptions> zoo;
  ModelSpec layers;
  YamlSection section;

  // The spec for `input_shape` and `classes`: the zoo's model, or the
  // layers as written. InvalidArgument at the section's position for a zoo
  // model that does not suit the input.
  Result<ModelSpec> SpecFor(const Shape& input_shape, int64_t classes) const;
};

// Parses the `model:` mapping; InvalidArgument at file:line:col for unknown
// keys, wrong types, out-of-range values, neither or both of zoo and layers.
Result<ModelConfig> ParseModelConfig(const YamlSection& section);

}  // namespace mote::train
