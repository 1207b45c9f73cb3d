// A trained network as mote's model IR (model/graph.h), float32, batch 1,
// ready for model::WriteTflite: what `mote train` writes as model.tflite.
//
// The graph computes the network's evaluation-mode forward pass:
//   - dense -> FULLY_CONNECTED; conv2d -> CONV_2D; conv1d -> CONV_2D over a
//     height-1 image; depthwise_conv2d -> DEPTHWISE_CONV_2D; max/average
//     pooling -> MAX_POOL_2D / AVERAGE_POOL_2D; global average pooling ->
//     AVERAGE_POOL_2D over the whole image then RESHAPE; flatten/reshape ->
//     RESHAPE; add -> ADD; concat -> CONCATENATION (last axis); softmax ->
//     SOFTMAX; leaky relu, sigmoid, tanh -> LEAKY_RELU, LOGISTIC, TANH;
//   - batch norm folds into the convolution or dense layer before it (moving
//     statistics: w' = w * gamma / sqrt(var + eps), b' = (b - mean) * that +
//     beta); one that follows anything else becomes a 1x1 DEPTHWISE_CONV_2D
//     holding its per-channel scale and shift;
//   - relu and relu6 become the fused activation of the CONV_2D,
//     DEPTHWISE_CONV_2D, FULLY_CONNECTED or ADD before them, else RELU/RELU6;
//   - dropout disappears (identity in evaluation).
// Folding and fusing happen only where the producer's output feeds nothing
// else. Per-example shapes map to tensors as [F] -> [1, F], [L, C] ->
// [1, 1, L, C] (a 1-D signal is a height-1 image), [H, W, C] -> [1, H, W, C];
// the flat input and output keep their element order.
//
// Thread-safe: reads the model only.
#pragma once

#include "core/status.h"
#include "model/graph.h"
#include "train/model.h"

namespace mote::train {

struct ExportOptions {
  // Append a SOFTMAX when the network ends in logits (classification): the
  // exported model then outputs class probabilities.
  bool append_softmax = false;
};

// The graph (model.graphs[0], named "main"); no metadata (the caller adds
// model.mote). InvalidArgument naming the layer for a shape of rank > 3,
// which .tflite kernels do not take.
Result<model::Model> ExportModel(const Model<float>& network, const ExportOptions& options = {});

}  // namespace mote::train
