// Trains the zoo's `ds_cnn` (MLPerf Tiny's keyword spotter) with mote's
// training engine on the features of a keyword project (bench/keywords.sh
// makes one: espeak-ng clips, and festival ones if asked, in the train
// split, flite clips in the test split, MFCC through mote's features stage)
// and reports the test accuracy on the flite set and the training speed in
// samples per second.
//
// --export DIR also writes the examples it trained and tested on, as NumPy
// .npy files (train_x.npy [N, frames, features] float32, train_y.npy int64,
// test_x.npy, test_y.npy), so that bench/torch_keywords.py trains PyTorch on
// exactly the same features. --time-mask and --freq-mask turn on the
// feature masks (train/feature_masks.h), as mote.yaml's train.augment
// time_mask and freq_mask do; torch_keywords.py takes the same flags.
// --predictions FILE writes the trained model's class for each test
// example, in the feature set's order (one `label predicted` pair of class
// names per line), which bench/keywords_by_voice.py splits by flite voice.
//
// Usage: train_keywords_bench --features DIR [--epochs N] [--threads N]
//                             [--batch N] [--width W] [--lr X] [--seed N]
//                             [--time-mask N] [--freq-mask N] [--export DIR]
//                             [--predictions FILE]
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "features/feature_set.h"
#include "train/feature_examples.h"
#include "train/feature_masks.h"
#include "train/model_zoo.h"
#include "train/trainer.h"

#include "npy_writer.h"

namespace {

using mote::Result;
using mote::Status;
namespace train = mote::train;

Status ExportExamples(const train::Examples& e, const std::filesystem::path& dir, const std::string& name) {
  std::vector<int64_t> shape = {e.count()};
  for (int64_t d : e.shape) {
    if (d != 1) shape.push_back(d);  // [frames, features, 1] -> [frames, features]
  }
  const std::vector<int64_t> labels(e.labels.begin(), e.labels.end());
  MOTE_RETURN_IF_ERROR(mote::WriteFileAtomically(
      dir / (name + "_x.npy"),
      mote::bench::NpyBytes("<f4", shape, e.features.data(), e.features.size() * sizeof(float))));
  return mote::WriteFileAtomically(
      dir / (name + "_y.npy"),
      mote::bench::NpyBytes("<i8", {e.count()}, labels.data(), labels.size() * sizeof(int64_t)));
}

Status WritePredictions(const train::FeatureExamples& ex, std::span<const int32_t> predicted,
                        const std::filesystem::path& file) {
  std::string text;
  for (size_t i = 0; i < predicted.size(); ++i) {
    text += ex.classes[ex.test.labels[i]] + " " + ex.classes[predicted[i]] + "\n";
  }
  return mote::WriteFileAtomically(file, text);
}

int Fail(const Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line per epoch, also into a file
  int64_t epochs = 15, threads = 1, batch = 32;
  uint64_t seed = 1;
  train::FeatureMasks masks;
  double width = 1.0, lr = 3e-3;
  std::string features_dir, export_dir, predictions_file;
  bool usage = argc % 2 == 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--features") features_dir = value;
    else if (flag == "--epochs") epochs = std::stoll(value);
    else if (flag == "--threads") threads = std::stoll(value);
    else if (flag == "--batch") batch = std::stoll(value);
    else if (flag == "--width") width = std::stod(value);
    else if (flag == "--lr") lr = std::stod(value);
    else if (flag == "--export") export_dir = value;
    else if (flag == "--seed") seed = std::stoull(value);
    else if (flag == "--time-mask") masks.time = std::stoll(value);
    else if (flag == "--freq-mask") masks.freq = std::stoll(value);
    else if (flag == "--predictions") predictions_file = value;
    else usage = true;
  }
  if (usage || features_dir.empty()) {
    std::fprintf(stderr,
                 "usage: %s --features DIR [--epochs N] [--threads N] [--batch N] [--width W] [--lr X] "
                 "[--seed N] [--time-mask N] [--freq-mask N] [--export DIR] [--predictions FILE]\n",
                 argv[0]);
    return 2;
  }
  Result<std::unique_ptr<mote::FeatureSet>> features = mote::FeatureSet::Open(features_dir);
  if (!features.ok()) return Fail(features.status());
  const train::Shape shape = train::FeatureInputShape(**features, 3);
  Result<train::FeatureExamples> ex = train::LoadFeatureExamples(**features, shape, 0, 1);
  if (!ex.ok()) return Fail(ex.status());
  if (ex->test.count() == 0) return Fail(Status::InvalidArgument(features_dir + ": the test split is empty"));
  if (!export_dir.empty()) {
    std::filesystem::create_directories(export_dir);
    for (Status s : {ExportExamples(ex->train, export_dir, "train"), ExportExamples(ex->test, export_dir, "test")}) {
      if (!s.ok()) return Fail(s);
    }
  }
  const int64_t classes = static_cast<int64_t>(ex->classes.size());
  Result<train::ModelSpec> spec = train::ZooModel({.name = "ds_cnn", .width = width, .classes = classes}, shape);
  if (!spec.ok()) return Fail(spec.status());
  Result<train::Model<float>> model = train::Model<float>::Build(*spec, shape, seed);
  if (!model.ok()) return Fail(model.status());
  std::printf("%s", model->Summary().c_str());
  // The budget bench/torch_keywords.py copies: Adam, linear warm-up over
  // the first epoch then cosine decay to 0, label smoothing 0.1.
  const int64_t batches = (ex->train.count() + batch - 1) / batch;
  train::TrainOptions options{.epochs = epochs,
                              .batch_size = batch,
                              .seed = seed,
                              .threads = static_cast<int>(threads),
                              .optimizer = {.kind = train::OptimizerKind::kAdam},
                              .schedule = {.kind = train::ScheduleKind::kCosine, .lr = lr, .warmup_steps = batches},
                              .loss = {.label_smoothing = 0.1}};
  train::Trainer trainer(&*model, options);
  auto print_epoch = [](const train::EpochMetrics& m) {
    std::printf("epoch %2lld  loss %.4f  train acc %.4f  flite loss %.4f  flite acc %.4f  %.1f s  %.0f samples/s\n",
                static_cast<long long>(m.epoch), m.train_loss, m.train_accuracy, m.val_loss, m.val_accuracy,
                m.seconds, m.samples_per_second);
  };
  Result<std::vector<train::EpochMetrics>> history = trainer.Fit(
      ex->train, ex->test,
      {.on_epoch = print_epoch,
       .augment = [&](int64_t epoch, std::span<const int64_t> rows, train::Tensor<float>* rows_batch) {
         train::MaskFeatureBatch(masks, shape[0], seed, epoch, rows, rows_batch);
         return Status::Ok();
       }});
  if (!history.ok()) return Fail(history.status());
  if (!predictions_file.empty()) {
    Result<train::Evaluation> evaluation = trainer.Evaluate(ex->test);
    if (!evaluation.ok()) return Fail(evaluation.status());
    if (Status s = WritePredictions(*ex, evaluation->predictions, predictions_file); !s.ok()) return Fail(s);
  }
  double seconds = 0;
  for (const train::EpochMetrics& m : *history) seconds += m.seconds;
  std::printf(
      "train_keywords: mote ds_cnn width %.2f, %lld parameters, %lld train / %lld test (flite) examples, "
      "%lld epochs, batch %lld, %lld threads: flite accuracy %.2f %%, %.0f samples/s (training only)\n",
      width, static_cast<long long>(model->trainable_count() + model->non_trainable_count()),
      static_cast<long long>(ex->train.count()), static_cast<long long>(ex->test.count()),
      static_cast<long long>(history->size()), static_cast<long long>(batch), static_cast<long long>(threads),
      100 * history->back().val_accuracy, ex->train.count() * static_cast<double>(history->size()) / seconds);
  return 0;
}
