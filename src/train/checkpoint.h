// A checkpoint of a training in progress: everything Trainer::Fit needs to
// continue after a completed epoch exactly as if it had not stopped - the
// weights and batch-norm statistics, the optimizer's momenta and step
// count, both random streams, the shuffled order (each epoch shuffles the
// previous epoch's order), the schedule's step, the early-stopping state
// and the metrics so far. With the same seed and thread count, training N
// epochs, stopping, and resuming from the checkpoint gives bit-identical
// losses and weights to training straight through.
//
// File format (all little-endian): "MTCK", uint32 version 1, then the
// fields in TrainerCheckpoint's order (int64 and double scalars; vectors as
// a uint64 count then their elements; a tensor as uint32 rank, int64 dims,
// then its float32 values as a vector), then the SHA-256 of everything before it. Written
// atomically (core/file_util.h) by the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "train/optimizer.h"
#include "train/rng.h"
#include "train/tensor.h"
#include "train/trainer.h"

namespace mote::train {

struct TrainerCheckpoint {
  int64_t epochs_done = 0;
  int64_t step = 0;  // optimizer steps so far (the schedule's position)
  std::vector<Tensor<float>> model_state;  // Model::SaveState()
  Optimizer::State optimizer;
  Rng::State shuffle_rng, dropout_rng;
  std::vector<int64_t> order;  // the row order after the last shuffle
  double best_loss = 0;        // early stopping
  std::vector<Tensor<float>> best_state;
  int64_t since_best = 0;
  std::vector<EpochMetrics> history;
};

std::string SerializeCheckpoint(const TrainerCheckpoint& checkpoint);

// Corruption "<name>: ..." for a file that is not a checkpoint, is
// truncated, or whose checksum does not match.
Result<TrainerCheckpoint> ParseCheckpoint(std::string_view bytes, const std::string& name);

}  // namespace mote::train
