#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "train/checkpoint.h"
#include "train/heap_retention.h"

namespace mote::train {
namespace {

// Seeds of the trainer's random streams, derived from TrainOptions::seed so
// that shuffling and dropout do not draw from the same sequence.
constexpr uint64_t kShuffleStream = 0x53485546464C45ull;
constexpr uint64_t kDropoutStream = 0x44524F504F5554ull;

// The index of the largest of the k values of row i.
int32_t ArgMaxRow(const Tensor<float>& logits, size_t i) {
  const int64_t k = logits.dim(-1);
  const float* row = logits.data() + i * k;
  return static_cast<int32_t>(std::max_element(row, row + k) - row);
}

// The softmax probability of the largest of the k logits of row i:
// 1 / sum_j exp(l_j - l_max).
float TopProbability(const Tensor<float>& logits, size_t i) {
  const int64_t k = logits.dim(-1);
  const float* row = logits.data() + i * k;
  const float top = *std::max_element(row, row + k);
  double sum = 0;
  for (int64_t j = 0; j < k; ++j) sum += std::exp(double{row[j]} - top);
  return static_cast<float>(1.0 / sum);
}

}  // namespace

Trainer::Trainer(Model<float>* model, TrainOptions options)
    : model_(model), options_(std::move(options)), pool_(std::max(1, options_.threads)) {
  RetainFreedHeapMemory();
}

Status Trainer::Check(const Examples& examples, const char* what) const {
  if (examples.shape != model_->input_shape()) {
    return Status::InvalidArgument(fmt::format("{} examples are {}, the model takes {}", what,
                                               ShapeString(examples.shape), ShapeString(model_->input_shape())));
  }
  if (options_.objective == Objective::kReconstruction) return Status::Ok();
  const int64_t classes = model_->output_shape().back();
  if (static_cast<int64_t>(examples.labels.size()) != examples.count()) {
    return Status::InvalidArgument(fmt::format("{} examples: {} labels for {} rows", what, examples.labels.size(),
                                               examples.count()));
  }
  for (int32_t label : examples.labels) {
    if (label < 0 || label >= classes) {
      return Status::InvalidArgument(fmt::format("{} examples: label {} outside [0, {})", what, label, classes));
    }
  }
  return Status::Ok();
}

Tensor<float> Trainer::Gather(const Examples& examples, std::span<const int64_t> rows) const {
  const int64_t size = ShapeSize(examples.shape);
  Shape shape = {static_cast<int64_t>(rows.size())};
  shape.insert(shape.end(), examples.shape.begin(), examples.shape.end());
  // Copied row by row into an uninitialised tensor: this runs once per batch.
  Tensor<float> batch = Tensor<float>::Uninitialized(std::move(shape));
  float* out = batch.data();
  for (const int64_t row : rows) out = std::copy_n(examples.features.data() + row * size, size, out);
  return batch;
}

Var<float> Trainer::Loss(Tape<float>& tape, const Var<float>& output, const Tensor<float>& input,
                         std::span<const int32_t> labels) {
  if (options_.objective == Objective::kReconstruction) return MeanSquaredError(tape, output, input);
  return SoftmaxCrossEntropy(tape, output, labels, options_.loss);
}

int64_t Trainer::Correct(const Tensor<float>& logits, std::span<const int32_t> labels) const {
  if (options_.objective == Objective::kReconstruction) return 0;
  int64_t correct = 0;
  for (size_t i = 0; i < labels.size(); ++i) correct += ArgMaxRow(logits, i) == labels[i];
  return correct;
}

Result<std::vector<EpochMetrics>> Trainer::Fit(const Examples& train, const Examples& validation,
                                               const FitCallbacks& callbacks, const TrainerCheckpoint* resume) {
  MOTE_RETURN_IF_ERROR(Check(train, "training"));
  if (validation.count() > 0) MOTE_RETURN_IF_ERROR(Check(validation, "validation"));
  const int64_t n = train.count(), bs = std::max<int64_t>(1, options_.batch_size);
  if (n == 0) return Status::InvalidArgument("no training examples");
  const int64_t batches = (n + bs - 1) / bs;
  LrSchedule schedule = options_.schedule;
  schedule.total_steps = options_.epochs * batches;
  Optimizer optimizer(model_->parameters(), options_.optimizer);
  Rng shuffle_rng(options_.seed ^ kShuffleStream), dropout_rng(options_.seed ^ kDropoutStream);
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);

  std::vector<EpochMetrics> history;
  double best_loss = std::numeric_limits<double>::infinity();
  std::vector<Tensor<float>> best_state;
  int64_t since_best = 0, step = 0, first_epoch = 1;
  if (resume) {
    const std::vector<Tensor<float>> current = model_->SaveState();
    bool fits = resume->model_state.size() == current.size() && static_cast<int64_t>(resume->order.size()) == n;
    for (size_t i = 0; fits && i < current.size(); ++i) fits = resume->model_state[i].shape() == current[i].shape();
    if (!fits) return Status::InvalidArgument("the checkpoint does not fit this model and training set");
    MOTE_RETURN_IF_ERROR(optimizer.Restore(resume->optimizer));
    model_->RestoreState(resume->model_state);
    shuffle_rng = Rng(resume->shuffle_rng);
    dropout_rng = Rng(resume->dropout_rng);
    order = resume->order;
    step = resume->step;
    best_loss = resume->best_loss;
    best_state = resume->best_state;
    since_best = resume->since_best;
    history = resume->history;
    first_epoch = resume->epochs_done + 1;
  }
  for (int64_t epoch = first_epoch; epoch <= options_.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    for (int64_t i = n - 1; i > 0; --i) std::swap(order[i], order[shuffle_rng.Below(i + 1)]);
    EpochMetrics m;
    m.epoch = epoch;
    double loss_sum = 0;
    int64_t correct = 0, done = 0;
    std::vector<int32_t> labels;
    for (int64_t b = 0; b < batches; ++b) {
      if (callbacks.should_stop && callbacks.should_stop()) return Status::Cancelled("training interrupted");
      const std::span<const int64_t> rows(order.data() + b * bs, std::min(bs, n - b * bs));
      labels.clear();
      if (!train.labels.empty()) {
        for (int64_t r : rows) labels.push_back(train.labels[r]);
      }
      optimizer.ZeroGrad();
      Tape<float> tape(&pool_);
      Tensor<float> batch = Gather(train, rows);
      if (callbacks.augment) MOTE_RETURN_IF_ERROR(callbacks.augment(epoch, rows, &batch));
      const Var<float> input = MakeVar(std::move(batch), false);
      const Var<float> output = model_->Forward(tape, input, true, &dropout_rng);
      const Var<float> loss = Loss(tape, output, input->value, labels);
      tape.Backward(loss);
      m.learning_rate = schedule.At(step++);
      optimizer.Step(m.learning_rate);
      loss_sum += static_cast<double>(loss->value[0]) * rows.size();
      correct += Correct(output->value, labels);
      done += rows.size();
      if (callbacks.on_batch) {
        callbacks.on_batch({epoch, options_.epochs, b + 1, batches, done, loss_sum / done,
                  static_cast<double>(correct) / done});
      }
    }
    m.train_loss = loss_sum / n;
    m.train_accuracy = static_cast<double>(correct) / n;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.samples_per_second = n / std::max(m.seconds, 1e-9);
    if (validation.count() > 0) {
      MOTE_ASSIGN_OR_RETURN(Evaluation v, Evaluate(validation));
      m.val_loss = v.loss;
      m.val_accuracy = v.accuracy;
    }
    history.push_back(m);
    if (callbacks.on_epoch) callbacks.on_epoch(m);
    if (options_.patience > 0 && validation.count() > 0) {
      if (m.val_loss < best_loss) {
        best_loss = m.val_loss;
        best_state = model_->SaveState();
        since_best = 0;
      } else if (++since_best >= options_.patience) {
        break;
      }
    }
    if (callbacks.on_checkpoint && epoch < options_.epochs) {
      const TrainerCheckpoint checkpoint{epoch,       step,         model_->SaveState(),   optimizer.state(),
                                         shuffle_rng.state(), dropout_rng.state(), order, best_loss,
                                         best_state,  since_best,   history};
      MOTE_RETURN_IF_ERROR(callbacks.on_checkpoint(checkpoint));
    }
  }
  if (!best_state.empty()) model_->RestoreState(best_state);
  return history;
}

Result<Evaluation> Trainer::Evaluate(const Examples& examples) {
  MOTE_RETURN_IF_ERROR(Check(examples, "evaluation"));
  Evaluation e;
  const int64_t n = examples.count(), bs = std::max<int64_t>(1, options_.batch_size);
  if (n == 0) return e;
  std::vector<int64_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  double loss_sum = 0;
  int64_t correct = 0;
  for (int64_t first = 0; first < n; first += bs) {
    const std::span<const int64_t> batch(rows.data() + first, std::min(bs, n - first));
    const std::span<const int32_t> labels =
        examples.labels.empty() ? std::span<const int32_t>() : std::span(examples.labels).subspan(first, batch.size());
    Tape<float> tape(&pool_);
    const Var<float> input = MakeVar(Gather(examples, batch), false);
    const Var<float> output = model_->Forward(tape, input, false, nullptr);
    loss_sum += static_cast<double>(Loss(tape, output, input->value, labels)->value[0]) * batch.size();
    tape.Clear();
    correct += Correct(output->value, labels);
    if (options_.objective == Objective::kClassification) {
      for (size_t i = 0; i < batch.size(); ++i) {
        e.predictions.push_back(ArgMaxRow(output->value, i));
        e.confidences.push_back(TopProbability(output->value, i));
      }
    } else {
      const std::span<const float> out = output->value.values(), in = input->value.values();
      const size_t row = out.size() / batch.size();
      for (size_t i = 0; i < batch.size(); ++i) {
        double sum = 0;
        for (size_t j = i * row; j < (i + 1) * row; ++j) sum += (double{out[j]} - in[j]) * (double{out[j]} - in[j]);
        e.reconstruction_errors.push_back(sum / static_cast<double>(row));
      }
    }
  }
  e.loss = loss_sum / n;
  e.accuracy = static_cast<double>(correct) / n;
  return e;
}

}  // namespace mote::train
