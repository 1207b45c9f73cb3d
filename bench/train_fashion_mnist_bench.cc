// Trains the zoo's `cnn` on Fashion-MNIST (Debian dataset-fashion-mnist) with
// mote's training engine and reports the test accuracy (goal >= 91 % with
// <= 60,000 parameters) and the training speed in samples per second.
//
// Usage: train_fashion_mnist_bench [--epochs N] [--threads N] [--batch N]
//                                  [--width W] [--limit N] [--data DIR]
// --limit trains on the first N training images (quick runs).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "data/import/gzip_reader.h"
#include "train/gemm.h"
#include "train/model_zoo.h"
#include "train/trainer.h"

namespace {

using mote::Result;
using mote::Status;
namespace train = mote::train;

uint32_t BigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

Result<std::vector<uint8_t>> ReadAll(const std::string& path) {
  MOTE_ASSIGN_OR_RETURN(auto reader, mote::GzipReader::Open(path));
  std::vector<uint8_t> bytes;
  uint8_t buf[1 << 16];
  for (;;) {
    MOTE_ASSIGN_OR_RETURN(size_t n, reader->Read(buf, sizeof buf));
    if (n == 0) break;
    bytes.insert(bytes.end(), buf, buf + n);
  }
  return bytes;
}

// Images scaled to [0, 1] as [28, 28, 1] examples with their labels.
Result<train::Examples> LoadIdx(const std::string& dir, const std::string& prefix, int64_t limit) {
  MOTE_ASSIGN_OR_RETURN(std::vector<uint8_t> images, ReadAll(dir + "/" + prefix + "-images-idx3-ubyte.gz"));
  MOTE_ASSIGN_OR_RETURN(std::vector<uint8_t> labels, ReadAll(dir + "/" + prefix + "-labels-idx1-ubyte.gz"));
  if (images.size() < 16 || labels.size() < 8 || BigEndian32(images.data()) != 0x803 ||
      BigEndian32(labels.data()) != 0x801) {
    return Status::Corruption(dir + "/" + prefix + ": not IDX image and label files");
  }
  int64_t count = BigEndian32(images.data() + 4);
  if (limit > 0) count = std::min(count, limit);
  train::Examples e;
  e.shape = {28, 28, 1};
  e.features.resize(count * 784);
  for (int64_t i = 0; i < count * 784; ++i) e.features[i] = images[16 + i] / 255.0f;
  e.labels.assign(labels.begin() + 8, labels.begin() + 8 + count);
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line per epoch, also into a file
  int64_t epochs = 15, threads = 2, batch = 64, limit = 0;
  double width = 1.0;
  std::string data = "/usr/share/datasets/fashion-mnist";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--epochs") epochs = std::stoll(value);
    else if (flag == "--threads") threads = std::stoll(value);
    else if (flag == "--batch") batch = std::stoll(value);
    else if (flag == "--width") width = std::stod(value);
    else if (flag == "--limit") limit = std::stoll(value);
    else if (flag == "--data") data = value;
    else {
      std::fprintf(stderr, "usage: %s [--epochs N] [--threads N] [--batch N] [--width W] [--limit N] [--data DIR]\n",
                   argv[0]);
      return 2;
    }
  }
  Result<train::Examples> train_set = LoadIdx(data, "train", limit);
  Result<train::Examples> test_set = LoadIdx(data, "t10k", 0);
  if (!train_set.ok() || !test_set.ok()) {
    std::fprintf(stderr, "%s\n", (!train_set.ok() ? train_set : test_set).status().ToString().c_str());
    return 1;
  }
  Result<train::ModelSpec> spec = train::ZooModel({.name = "cnn", .width = width, .classes = 10}, {28, 28, 1});
  Result<train::Model<float>> model = train::Model<float>::Build(*spec, {28, 28, 1}, 1);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  std::printf("%s", model->Summary().c_str());
  std::printf("OpenBLAS kernels: %s\n", std::string(train::BlasKernels()).c_str());
  train::TrainOptions options{.epochs = epochs,
                              .batch_size = batch,
                              .seed = 1,
                              .threads = static_cast<int>(threads),
                              .optimizer = {.kind = train::OptimizerKind::kAdamW, .weight_decay = 1e-4},
                              .schedule = {.kind = train::ScheduleKind::kCosine, .lr = 3e-3, .warmup_steps = 200},
                              .loss = {.label_smoothing = 0.05}};
  train::Trainer trainer(&*model, options);
  auto print_epoch = [](const train::EpochMetrics& m) {
    std::printf("epoch %2lld  loss %.4f  train acc %.4f  test loss %.4f  test acc %.4f  %.1f s  %.0f samples/s\n",
                static_cast<long long>(m.epoch), m.train_loss, m.train_accuracy, m.val_loss, m.val_accuracy,
                m.seconds, m.samples_per_second);
  };
  Result<std::vector<train::EpochMetrics>> history =
      trainer.Fit(*train_set, *test_set, {.on_epoch = print_epoch});
  if (!history.ok()) {
    std::fprintf(stderr, "%s\n", history.status().ToString().c_str());
    return 1;
  }
  double seconds = 0;
  for (const train::EpochMetrics& m : *history) seconds += m.seconds;
  const int64_t params = model->trainable_count() + model->non_trainable_count();
  std::printf(
      "train_fashion_mnist: cnn width %.2f, %lld parameters, %lld epochs, batch %lld, %lld threads: test accuracy "
      "%.2f %% (goal >= 91 %%), %.0f samples/s (training only)\n",
      width, static_cast<long long>(params), static_cast<long long>(history->size()), static_cast<long long>(batch),
      static_cast<long long>(threads), 100 * history->back().val_accuracy,
      train_set->count() * static_cast<double>(history->size()) / seconds);
  return 0;
}
