// Post-training int8 quantization of a float32 model IR, as TensorFlow Lite's
// full-integer quantization with int8 input and output:
//   - activations: int8, asymmetric, one scale and zero point per tensor,
//     from the float range seen over calibration inputs (widened to contain
//     0 so that zero is exact);
//   - CONV_2D and DEPTHWISE_CONV_2D weights: int8, symmetric (zero point 0,
//     values in [-127, 127]), one scale per output channel (quantized
//     dimension 0 for CONV_2D's OHWI filters, 3 for DEPTHWISE's 1HWC);
//     FULLY_CONNECTED weights: one symmetric scale for the tensor;
//   - biases: int32 at scale input_scale * weight_scale (per channel), zero 0;
//   - MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE and RELU6 outputs take their
//     input's scale and zero point (what the int8 kernels require); SOFTMAX
//     outputs scale 1/256, zero point -128; ADD, RELU and the rest of the
//     activations take their own calibrated range.
// The graph keeps its tensors, operators and order; only dtypes,
// quantization and constant data change. Metadata is carried over.
//
// Calibration runs the float model in micro/nn with every intermediate
// tensor made a graph output (the planner keeps graph outputs alive to the
// end, so none shares memory with another and all can be read after
// Invoke). micro/nn has no float SOFTMAX, so a SOFTMAX whose output is only
// a graph output is left out of the calibration run (its output range is
// fixed anyway).
//
// Thread-safe: reads its arguments only.
#pragma once

#include <span>
#include <vector>

#include "core/status.h"
#include "model/graph.h"

namespace mote::optimize {

struct QuantizeOptions {
  // FULLY_CONNECTED weights with one scale per output unit (quantized
  // dimension 0) instead of one for the tensor. micro/nn runs both; the
  // default is what TensorFlow Lite's converter writes and what older
  // runtimes (Arm NN 20.08) read.
  bool per_channel_fully_connected = false;
};

// One calibration example: the float values of graph input 0, row-major,
// exactly as many as the input tensor has elements.
using CalibrationInput = std::vector<float>;

// Quantizes graph 0 of `float_model`.
// InvalidArgument when `calibration` is empty, when an input has the wrong
// number of values (naming its index and both counts), when the model is
// not float32 with one input, or names the operator (type and index) that
// has no int8 quantization here (supported: CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, ADD, RELU, RELU6,
// SOFTMAX); errors of the calibration run come from micro/nn.
Result<model::Model> QuantizeInt8(const model::Model& float_model, std::span<const CalibrationInput> calibration,
                                  const QuantizeOptions& options = {});

}  // namespace mote::optimize
