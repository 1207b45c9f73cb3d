// The model zoo: architectures for the networks that fit microcontrollers,
// with width and depth knobs, as ModelSpecs (model.h builds them).
//
//   mlp           flatten, depth x [dense 128w, relu], dense classes
//   cnn           depth x [conv3x3 16w*2^i, bn, relu, conv3x3, bn, relu,
//                 max_pool 2], dropout, flatten, dense classes (images)
//   ds_cnn        MLPerf Tiny's keyword spotter: conv 10x4 stride 2 64w, bn,
//                 relu, dropout 0.2, depth x [depthwise 3x3, bn, relu,
//                 conv 1x1 64w, bn, relu], dropout 0.4, global average
//                 pool, dense classes (default depth 4)
//   conv1d        depth x [conv1d k5 16w*2^i, bn, relu, max_pool 2], global
//                 average pool, dropout, dense classes (motion; default depth 3)
//   autoencoder   MLPerf Tiny's anomaly detector: flatten, depth x [dense
//                 128w, bn, relu], dense 8, bn, relu, depth x [dense 128w, bn,
//                 relu], dense (input size), reshape to the input (default
//                 depth 4); trained with MSE against its input
//   mobilenet_v1  conv3x3 stride 2 32w, then the first `depth` of MobileNet
//                 V1's 13 depthwise-separable blocks (width = its alpha),
//                 relu6, global average pool, dropout, dense classes
//   resnet8       MLPerf Tiny's image classifier: conv3x3 16w, then `depth`
//                 residual stacks of 16w, 32w, 64w... channels (the later
//                 ones stride 2 with a 1x1 projection), global average
//                 pool, dense classes (default depth 3)
// Convolutions followed by batch norm have no bias, except in ds_cnn and
// resnet8, which keep MLPerf Tiny's Keras definitions (and parameter counts).
// The last layer outputs logits (no softmax): losses.h applies it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "train/layer_spec.h"

namespace mote::train {

struct ZooOptions {
  std::string name{};    // one of ZooNames()
  double width = 1;      // multiplies every layer's channels or units (> 0)
  int64_t depth = 0;     // blocks; 0 takes the architecture's default
  int64_t classes = 2;   // outputs (ignored by the autoencoder)
  double dropout = 0.2;  // rate of the dropout layers that are not MLPerf's own
};

// The zoo's names, in the order above.
std::vector<std::string_view> ZooNames();

// The spec of `options.name` for inputs of `input_shape` (without batch).
// InvalidArgument naming the problem for an unknown name, a depth beyond
// what the architecture has (mobilenet_v1: 13), or an input of the wrong
// rank (images need [height, width, channels], conv1d [length, channels]).
Result<ModelSpec> ZooModel(const ZooOptions& options, const Shape& input_shape);

}  // namespace mote::train
