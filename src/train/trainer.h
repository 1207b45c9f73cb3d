// Trainer: mini-batch training of a Model<float> on examples in memory,
// with shuffling by seed, a validation set, early stopping and a callback
// after every batch (for progress bars).
//
// Determinism: the shuffle, the initial weights and dropout draw from Rngs
// seeded by TrainOptions::seed; every op reduces in a fixed order that
// depends on the thread count only. So the same seed and thread count give
// bit-identical losses and weights.
//
// Classification (labels, softmax cross-entropy on logits) or
// reconstruction (MSE against the input itself, for autoencoders).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/status.h"
#include "train/losses.h"
#include "train/lr_schedule.h"
#include "train/model.h"
#include "train/optimizer.h"

namespace mote::train {

// Examples in memory: `count` rows of ShapeSize(shape) floats, and for
// classification one label per row in [0, classes).
struct Examples {
  Shape shape;  // of one example
  std::vector<float> features;
  std::vector<int32_t> labels;  // empty for reconstruction
  int64_t count() const { return shape.empty() ? 0 : static_cast<int64_t>(features.size()) / ShapeSize(shape); }
};

enum class Objective { kClassification, kReconstruction };

struct TrainOptions {
  int64_t epochs = 10;
  int64_t batch_size = 32;
  uint64_t seed = 1;
  int threads = 2;
  Objective objective = Objective::kClassification;
  OptimizerOptions optimizer{};
  // `total_steps` is set by Fit() to epochs * batches per epoch for cosine.
  LrSchedule schedule{};
  CrossEntropyOptions loss{};
  // Stop when the validation loss has not improved for this many epochs
  // and return to the best epoch's weights; 0 trains every epoch.
  int64_t patience = 0;
};

struct EpochMetrics {
  int64_t epoch = 0;  // 1-based
  double train_loss = 0, train_accuracy = 0;
  double val_loss = 0, val_accuracy = 0;  // 0 without validation examples
  double learning_rate = 0;               // at the epoch's last step
  double seconds = 0, samples_per_second = 0;
};

struct BatchProgress {
  int64_t epoch, epochs, batch, batches, samples_done;
  double loss, accuracy;  // running means over the epoch so far
};

struct TrainerCheckpoint;  // checkpoint.h

// What Fit() calls as it goes; each may be empty.
struct FitCallbacks {
  std::function<void(const BatchProgress&)> on_batch{};  // after every batch
  std::function<void(const EpochMetrics&)> on_epoch{};   // after every epoch's validation
  std::function<bool()> should_stop{};                   // true: stop with Cancelled (between batches)
  // After every epoch that training continues past (not after the last):
  // the state to resume from. A non-ok Status stops Fit() with it.
  std::function<Status(const TrainerCheckpoint&)> on_checkpoint{};
  // Before each training batch's forward pass: may change the batch in
  // place (augmentation, augmented_batches.h). `rows` index the training
  // examples the batch holds; a non-ok Status stops Fit() with it.
  std::function<Status(int64_t epoch, std::span<const int64_t> rows, Tensor<float>* batch)> augment{};
};

struct Evaluation {
  double loss = 0, accuracy = 0;
  std::vector<int32_t> predictions;  // classification: argmax per example
  std::vector<float> confidences;    // classification: its softmax probability
  // Reconstruction: each example's mean squared error against itself (the
  // autoencoder's anomaly score, autoencoder_scores.h).
  std::vector<double> reconstruction_errors;
};

class Trainer {
 public:
  // `model` (not owned) must outlive the trainer; its weights change in Fit().
  Trainer(Model<float>* model, TrainOptions options);

  // Trains on `train`, evaluating on `validation` (may be empty) after each
  // epoch, calling `callbacks` as it goes. Returns the per-epoch metrics
  // (from epoch 1, those of a resumed run included); Cancelled if
  // callbacks.should_stop says so. InvalidArgument for shapes that are not
  // the model's input, labels out of range, or a `resume` checkpoint that
  // does not fit this model, optimizer and training set. With `resume`,
  // training continues after its epochs with its state (same options
  // required, the number of epochs aside).
  Result<std::vector<EpochMetrics>> Fit(const Examples& train, const Examples& validation,
                                        const FitCallbacks& callbacks = {},
                                        const TrainerCheckpoint* resume = nullptr);

  // Loss and accuracy of the model in evaluation mode.
  Result<Evaluation> Evaluate(const Examples& examples);

 private:
  Status Check(const Examples& examples, const char* what) const;
  // Copies the examples at `rows` into a batch tensor [rows, shape...].
  Tensor<float> Gather(const Examples& examples, std::span<const int64_t> rows) const;
  Var<float> Loss(Tape<float>& tape, const Var<float>& output, const Tensor<float>& input,
                  std::span<const int32_t> labels);
  int64_t Correct(const Tensor<float>& logits, std::span<const int32_t> labels) const;

  Model<float>* model_;
  TrainOptions options_;
  ThreadPool pool_;
};

}  // namespace mote::train
