// Model<T>: a network built from a ModelSpec for a given input shape: its
// parameters (initialised from a seed), batch-norm running statistics, and
// a forward pass that records on a Tape. Shapes here exclude the batch
// dimension; Forward() takes and returns batched tensors.
//
// Building checks that every layer fits its input (an error names the layer
// and, for layers from mote.yaml, its position). Parameter counts follow
// Keras's summary: trainable (kernels, biases, gamma, beta) and
// non-trainable (batch-norm moving mean and variance).
//
// Not thread-safe; Forward() parallelises inside the ops.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "train/autograd.h"
#include "train/batch_norm_op.h"
#include "train/layer_spec.h"
#include "train/parameter.h"
#include "train/rng.h"
#include "train/window_geometry.h"

namespace mote::train {

template <typename T>
class Model {
 public:
  // InvalidArgument "<where>: layer 'name' (type): <why>" when a layer does
  // not fit its input, names an unknown or later input, or has a bad
  // argument (zero units, dropout rate outside [0, 1), ...).
  static Result<Model> Build(const ModelSpec& spec, const Shape& input_shape, uint64_t seed);

  // The output for a batch `input` [N, input_shape...]. `training` selects
  // batch statistics (and moves the running ones) and active dropout, which
  // draws from `rng` (may be null when not training).
  Var<T> Forward(Tape<T>& tape, const Var<T>& input, bool training, Rng* rng);

  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const { return layers_.back().output_shape; }
  const std::vector<NamedParameter<T>>& parameters() const { return parameters_; }
  int64_t trainable_count() const;
  int64_t non_trainable_count() const;
  // Every parameter's value and every batch-norm running statistic, in a
  // fixed order; RestoreState() puts such a copy back (early stopping
  // returns to the best epoch with them).
  std::vector<Tensor<T>> SaveState() const;
  void RestoreState(const std::vector<Tensor<T>>& state);
  // The name of each SaveState() tensor: parameters' names, then
  // "<layer>/moving_mean" and "<layer>/moving_variance" (empty tensors for
  // layers without batch norm).
  std::vector<std::string> StateNames() const;

  // Fine-tuning (`mote train --from --freeze`): the first `count` layers, in
  // layers() order (as Summary() lists them), stop learning - their
  // parameters take no gradient and their batch norms run in evaluation
  // mode, their moving statistics fixed (Keras's trainable = False).
  // Returns how many parameter values are frozen. InvalidArgument when
  // `count` is negative, exceeds the layers or leaves nothing to train.
  Result<int64_t> FreezeLayers(int64_t count);

  // A Keras-like table: layer, type, output shape, parameters; totals.
  std::string Summary() const;

  // A layer as built: what the exporter (tflite_export.h) reads.
  struct BuiltLayer {
    LayerSpec spec;           // with its name filled in
    std::vector<int> inputs;  // indices into the layer outputs; -1 = the model input
    Shape output_shape;
    WindowGeometry geometry;
    Var<T> kernel, bias;            // conv, dense; gamma, beta for batch norm; null when absent
    Tensor<T> moving_mean, moving_variance;  // batch norm
    bool frozen = false;                     // FreezeLayers()
  };
  // In execution order; the last one is the model's output.
  const std::vector<BuiltLayer>& layers() const { return layers_; }

 private:
  Var<T> Apply(Tape<T>& tape, BuiltLayer& layer, const std::vector<Var<T>>& in, bool training, Rng* rng,
               BatchNormClamp clamp);
  // Marks each batch norm whose output only a relu or relu6 right after it
  // reads: the forward pass runs the pair as one op (batch_norm_op.h).
  void FuseBatchNormActivations();

  Shape input_shape_;
  std::vector<BuiltLayer> layers_;
  // Per layer: the activation a batch norm runs itself (then the next layer
  // passes its output through), kNone elsewhere.
  std::vector<BatchNormClamp> fused_clamp_;
  std::vector<NamedParameter<T>> parameters_;
};

}  // namespace mote::train
