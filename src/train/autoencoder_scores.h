// The autoencoder's anomaly score: an autoencoder trained (Objective::
// kReconstruction, MSE against its input) on normal data only reconstructs
// normal rows well and others badly, so each row's mean squared
// reconstruction error scores how anomalous it is.
#pragma once

#include <vector>

#include "core/status.h"
#include "train/model.h"
#include "train/trainer.h"

namespace mote::train {

// One score per row of `rows` (its labels are ignored): the mean over the
// row's values of (reconstruction - input)^2, with `model` (not owned,
// unchanged; its output must be shaped as its input) in evaluation mode,
// batched by `batch_size` on `threads` threads. InvalidArgument when the
// rows are not the model's input or the model does not reconstruct it.
Result<std::vector<double>> ReconstructionErrors(Model<float>* model, const Examples& rows, int64_t batch_size = 64,
                                                 int threads = 2);

}  // namespace mote::train
