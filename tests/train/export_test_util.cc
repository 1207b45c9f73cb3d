#include "train/export_test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "data/import/gzip_reader.h"
#include "model/model_test_util.h"
#include "model/tflite_writer.h"
#include "nn/nn_test_util.h"
#include "train/model_zoo.h"
#include "train/rng.h"

namespace mote::testing {
namespace {

using train::Examples;

const char kFashionDir[] = "/usr/share/datasets/fashion-mnist";

// The first `count` images of an IDX file (after its 16-byte header) scaled
// to [0, 1], and their labels.
Result<Examples> ReadFashion(const std::string& prefix, int64_t count) {
  const std::string base = std::string(kFashionDir) + "/" + prefix;
  MOTE_ASSIGN_OR_RETURN(auto images, GzipReader::Open(base + "-images-idx3-ubyte.gz"));
  MOTE_ASSIGN_OR_RETURN(auto labels, GzipReader::Open(base + "-labels-idx1-ubyte.gz"));
  std::vector<uint8_t> pixels(16 + count * 784), classes(8 + count);
  MOTE_ASSIGN_OR_RETURN(size_t got_pixels, images->Read(pixels.data(), pixels.size()));
  MOTE_ASSIGN_OR_RETURN(size_t got_classes, labels->Read(classes.data(), classes.size()));
  if (got_pixels != pixels.size() || got_classes != classes.size()) {
    return Status::Corruption(base + ": fewer images than asked for");
  }
  Examples e;
  e.shape = {28, 28, 1};
  for (size_t i = 16; i < pixels.size(); ++i) e.features.push_back(pixels[i] / 255.0f);
  e.labels.assign(classes.begin() + 8, classes.end());
  return e;
}

// `count` MFCC-shaped rows: class c tilts the spectrum by (c - 1) and moves
// a bump along time; plus unit noise.
Examples SyntheticMfcc(int64_t count, uint64_t seed) {
  train::Rng rng(seed);
  Examples e;
  e.shape = {49, 10, 1};
  for (int64_t i = 0; i < count; ++i) {
    const int32_t c = static_cast<int32_t>(i % 3);
    for (int t = 0; t < 49; ++t) {
      for (int f = 0; f < 10; ++f) {
        const double bump = std::exp(-0.02 * (t - 12.0 * (c + 1)) * (t - 12.0 * (c + 1)));
        e.features.push_back(static_cast<float>((c - 1) * (f - 4.5) / 4.5 + 2 * bump + rng.Normal()));
      }
    }
    e.labels.push_back(c);
  }
  return e;
}

TrainedNetwork Train(const train::ModelSpec& spec, const Examples& train_set, Examples inputs) {
  auto built = train::Model<float>::Build(spec, train_set.shape, 7);
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  TrainedNetwork t{std::move(*built), std::move(inputs), {}};
  train::TrainOptions options;
  options.epochs = 1;
  options.batch_size = 32;
  options.seed = 7;
  options.schedule.lr = 3e-3;
  train::Trainer trainer(&t.network, options);
  const auto fit = trainer.Fit(train_set, {});
  EXPECT_TRUE(fit.ok()) << fit.status().ToString();
  t.eval_output = EvalForward(t.network, t.inputs);
  return t;
}

}  // namespace

TrainedNetwork TrainedFashionCnn(std::string* skip_reason) {
  if (!std::filesystem::exists(kFashionDir)) {
    *skip_reason = std::string("no Fashion-MNIST in ") + kFashionDir + " (Debian dataset-fashion-mnist)";
    return {};
  }
  auto train_set = ReadFashion("train", 64);
  auto test_set = ReadFashion("t10k", 8);
  EXPECT_TRUE(train_set.ok() && test_set.ok());
  if (!train_set.ok() || !test_set.ok()) return {};
  auto spec = train::ZooModel({.name = "cnn", .width = 0.5, .classes = 10}, train_set->shape);
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  return Train(*spec, *train_set, std::move(*test_set));
}

TrainedNetwork TrainedDsCnn() {
  const Examples train_set = SyntheticMfcc(64, 1);
  auto spec = train::ZooModel({.name = "ds_cnn", .width = 0.25, .depth = 2, .classes = 3}, train_set.shape);
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  return Train(*spec, train_set, SyntheticMfcc(8, 2));
}

Examples FashionImages(const std::string& split, int64_t count) {
  auto images = ReadFashion(split, count);
  EXPECT_TRUE(images.ok()) << images.status().ToString();
  return images.ok() ? std::move(*images) : Examples{};
}

Examples SyntheticMfccExamples(int64_t count, uint64_t seed) { return SyntheticMfcc(count, seed); }

TrainedNetwork BuiltNetwork(const train::ModelSpec& spec, const train::Shape& shape, int64_t classes) {
  train::Rng rng(3);
  auto random_rows = [&](int64_t count) {
    Examples e;
    e.shape = shape;
    for (int64_t i = 0; i < count * train::ShapeSize(shape); ++i) e.features.push_back(static_cast<float>(rng.Normal()));
    for (int64_t i = 0; i < count; ++i) e.labels.push_back(static_cast<int32_t>(i % classes));
    return e;
  };
  const Examples train_set = random_rows(64);
  return Train(spec, train_set, random_rows(8));
}

TrainedNetwork LayerZooNetwork() {
  using train::LayerType;
  train::ModelSpec spec;
  const train::Window2D three = {.kernel_h = 3, .kernel_w = 3, .padding = train::Padding::kSame};
  spec.layers = {
      {.type = LayerType::kConv2D, .name = "a", .inputs = {"input"}, .units = 4, .window = three},
      {.type = LayerType::kLeakyRelu, .name = "a_act", .alpha = 0.1},
      {.type = LayerType::kConv2D, .name = "b", .inputs = {"input"}, .units = 4},
      {.type = LayerType::kTanh, .name = "b_act"},
      {.type = LayerType::kConcat, .name = "both", .inputs = {"a_act", "b_act"}},
      {.type = LayerType::kBatchNorm, .name = "bn"},
      {.type = LayerType::kDepthwiseConv2D, .name = "dw", .window = three},
      {.type = LayerType::kSigmoid, .name = "dw_act"},
      {.type = LayerType::kGlobalAveragePool, .name = "pool"},
      {.type = LayerType::kDense, .name = "logits", .units = 3},
      {.type = LayerType::kSoftmax, .name = "probabilities"},
  };
  return BuiltNetwork(spec, {6, 6, 2}, 3);
}

std::vector<float> EvalForward(train::Model<float>& network, const Examples& inputs) {
  train::ThreadPool pool(1);
  train::Tape<float> tape(&pool);
  train::Shape shape = {inputs.count()};
  shape.insert(shape.end(), inputs.shape.begin(), inputs.shape.end());
  const auto x = train::MakeVar(train::Tensor<float>(shape, inputs.features), false);
  const train::Tensor<float>& y = network.Forward(tape, x, false, nullptr)->value;
  return std::vector<float>(y.values().begin(), y.values().end());
}

std::vector<uint8_t> RunInMoteNn(const std::string& file, const std::vector<uint8_t>& rows) {
  AlignedBytes blob(std::vector<uint8_t>(file.begin(), file.end()));
  AlignedBytes arena;
  nn::Interpreter interpreter;
  nn::NnStatus status = interpreter.Init(blob.data(), blob.size());
  if (status == nn::NnStatus::kOk) status = PrepareWithNeededArena(interpreter, &arena);
  EXPECT_EQ(status, nn::NnStatus::kOk) << ErrorText(interpreter);
  if (status != nn::NnStatus::kOk) return {};
  const size_t row = interpreter.input(0).bytes;
  EXPECT_EQ(rows.size() % row, 0u) << "inputs of " << row << " bytes";
  std::vector<uint8_t> out;
  for (size_t first = 0; first + row <= rows.size(); first += row) {
    std::memcpy(interpreter.input(0).data, rows.data() + first, row);
    status = interpreter.Invoke();
    EXPECT_EQ(status, nn::NnStatus::kOk) << ErrorText(interpreter);
    if (status != nn::NnStatus::kOk) break;
    const nn::Tensor y = interpreter.output(0);
    const uint8_t* values = static_cast<const uint8_t*>(y.data);
    out.insert(out.end(), values, values + y.bytes);
  }
  return out;
}

std::vector<float> RunInMoteNn(const std::string& file, const Examples& inputs) {
  return Floats(RunInMoteNn(file, ValueBytes(inputs.features)));
}

std::string ExportedFile(const TrainedNetwork& t, const train::ExportOptions& options) {
  auto m = train::ExportModel(t.network, options);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  if (!m.ok()) return {};
  auto file = model::WriteTflite(*m);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? *file : std::string();
}

void ExpectCloseFloats(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_FALSE(want.empty());
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_LE(std::fabs(got[i] - want[i]), 1e-5f * std::fabs(want[i]) + 1e-6f)
        << "element " << i << ": " << got[i] << " vs " << want[i];
  }
}

}  // namespace mote::testing
