#include "train/model_zoo.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mote::train {
namespace {

// Appends layers and hands back the name of the last one, so that residual
// connections can refer to it.
class SpecBuilder {
 public:
  explicit SpecBuilder(double width) : width_(width) {}

  int64_t Scaled(int64_t base) const {
    return std::max<int64_t>(1, static_cast<int64_t>(std::llround(base * width_)));
  }

  std::string Add(LayerSpec layer) {
    if (layer.name.empty()) layer.name = fmt::format("{}_{}", LayerTypeName(layer.type), spec_.layers.size());
    spec_.layers.push_back(std::move(layer));
    return spec_.layers.back().name;
  }
  std::string Simple(LayerType type) { return Add({.type = type}); }
  std::string Conv2D(int64_t filters, int64_t kernel_h, int64_t kernel_w, int64_t stride, bool bias,
                     std::vector<std::string> inputs = {}) {
    return Add({.type = LayerType::kConv2D,
                .inputs = std::move(inputs),
                .units = filters,
                .window = Window(kernel_h, kernel_w, stride),
                .use_bias = bias});
  }
  std::string Depthwise(int64_t stride, bool bias) {
    return Add({.type = LayerType::kDepthwiseConv2D, .window = Window(3, 3, stride), .use_bias = bias});
  }
  std::string Dense(int64_t units) { return Add({.type = LayerType::kDense, .units = units}); }
  std::string Dropout(double rate) { return Add({.type = LayerType::kDropout, .rate = rate}); }
  std::string Pool(LayerType type, int64_t size_h, int64_t size_w) {
    Window2D w = Window(size_h, size_w, 1);
    w.stride_h = size_h;
    w.stride_w = size_w;
    w.padding = Padding::kValid;
    return Add({.type = type, .window = w});
  }
  // Batch norm then an activation.
  std::string NormAct(LayerType activation) {
    Simple(LayerType::kBatchNorm);
    return Simple(activation);
  }

  ModelSpec Take() { return std::move(spec_); }

 private:
  static Window2D Window(int64_t kh, int64_t kw, int64_t stride) {
    return {.kernel_h = kh, .kernel_w = kw, .stride_h = stride, .stride_w = stride, .padding = Padding::kSame};
  }
  double width_;
  ModelSpec spec_;
};

Status NeedRank(const Shape& input, size_t rank, std::string_view zoo, std::string_view what) {
  if (input.size() == rank) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("model '{}' needs {} inputs, the features are {}", zoo, what, ShapeString(input)));
}

ModelSpec Mlp(const ZooOptions& o, int64_t depth) {
  SpecBuilder b(o.width);
  b.Simple(LayerType::kFlatten);
  for (int64_t i = 0; i < depth; ++i) {
    b.Dense(b.Scaled(128));
    b.Simple(LayerType::kRelu);
  }
  b.Dense(o.classes);
  return b.Take();
}

ModelSpec Cnn(const ZooOptions& o, int64_t depth) {
  SpecBuilder b(o.width);
  for (int64_t i = 0; i < depth; ++i) {
    for (int k = 0; k < 2; ++k) {
      b.Conv2D(b.Scaled(16 << i), 3, 3, 1, false);
      b.NormAct(LayerType::kRelu);
    }
    b.Pool(LayerType::kMaxPool, 2, 2);
  }
  b.Dropout(o.dropout);
  b.Simple(LayerType::kFlatten);
  b.Dense(o.classes);
  return b.Take();
}

ModelSpec DsCnn(const ZooOptions& o, int64_t depth) {
  SpecBuilder b(o.width);
  const int64_t filters = b.Scaled(64);
  b.Conv2D(filters, 10, 4, 2, true);
  b.NormAct(LayerType::kRelu);
  b.Dropout(0.2);
  for (int64_t i = 0; i < depth; ++i) {
    b.Depthwise(1, true);
    b.NormAct(LayerType::kRelu);
    b.Conv2D(filters, 1, 1, 1, true);
    b.NormAct(LayerType::kRelu);
  }
  b.Dropout(0.4);
  b.Simple(LayerType::kGlobalAveragePool);
  b.Dense(o.classes);
  return b.Take();
}

ModelSpec Conv1d(const ZooOptions& o, int64_t depth) {
  SpecBuilder b(o.width);
  for (int64_t i = 0; i < depth; ++i) {
    b.Add({.type = LayerType::kConv1D,
           .units = b.Scaled(16 << i),
           .window = {.kernel_w = 5, .padding = Padding::kSame},
           .use_bias = false});
    b.NormAct(LayerType::kRelu);
    b.Pool(LayerType::kMaxPool, 1, 2);
  }
  b.Simple(LayerType::kGlobalAveragePool);
  b.Dropout(o.dropout);
  b.Dense(o.classes);
  return b.Take();
}

ModelSpec Autoencoder(const ZooOptions& o, int64_t depth, const Shape& input) {
  SpecBuilder b(o.width);
  b.Simple(LayerType::kFlatten);
  auto dense_block = [&](int64_t units) {
    b.Dense(units);
    b.NormAct(LayerType::kRelu);
  };
  for (int64_t i = 0; i < depth; ++i) dense_block(b.Scaled(128));
  dense_block(b.Scaled(8));
  for (int64_t i = 0; i < depth; ++i) dense_block(b.Scaled(128));
  b.Dense(ShapeSize(input));
  b.Add({.type = LayerType::kReshape, .target_shape = input});
  return b.Take();
}

ModelSpec MobileNetV1(const ZooOptions& o, int64_t depth) {
  // (filters, stride) of MobileNet V1's depthwise-separable blocks.
  constexpr std::pair<int64_t, int64_t> kBlocks[] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},
                                                     {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
                                                     {512, 1}, {1024, 2}, {1024, 1}};
  SpecBuilder b(o.width);
  b.Conv2D(b.Scaled(32), 3, 3, 2, false);
  b.NormAct(LayerType::kRelu6);
  for (int64_t i = 0; i < depth; ++i) {
    b.Depthwise(kBlocks[i].second, false);
    b.NormAct(LayerType::kRelu6);
    b.Conv2D(b.Scaled(kBlocks[i].first), 1, 1, 1, false);
    b.NormAct(LayerType::kRelu6);
  }
  b.Simple(LayerType::kGlobalAveragePool);
  b.Dropout(o.dropout);
  b.Dense(o.classes);
  return b.Take();
}

ModelSpec ResNet8(const ZooOptions& o, int64_t depth) {
  SpecBuilder b(o.width);
  b.Conv2D(b.Scaled(16), 3, 3, 1, true);
  std::string x = b.NormAct(LayerType::kRelu);
  for (int64_t stack = 0; stack < depth; ++stack) {
    const int64_t filters = b.Scaled(16 << stack), stride = stack == 0 ? 1 : 2;
    b.Conv2D(filters, 3, 3, stride, true, {x});
    b.NormAct(LayerType::kRelu);
    b.Conv2D(filters, 3, 3, 1, true);
    const std::string main = b.Simple(LayerType::kBatchNorm);
    const std::string shortcut = stack == 0 ? x : b.Conv2D(filters, 1, 1, stride, true, {x});
    b.Add({.type = LayerType::kAdd, .inputs = {main, shortcut}});
    x = b.Simple(LayerType::kRelu);
  }
  b.Simple(LayerType::kGlobalAveragePool);
  b.Dense(o.classes);
  return b.Take();
}

struct ZooEntry {
  std::string_view name;
  int64_t default_depth, max_depth;
  size_t input_rank;  // 0: any
  std::string_view input_what;
};

constexpr ZooEntry kZoo[] = {
    {"mlp", 2, 64, 0, ""},
    {"cnn", 2, 6, 3, "[height, width, channels]"},
    {"ds_cnn", 4, 64, 3, "[frames, features, 1]"},
    {"conv1d", 3, 8, 2, "[length, channels]"},
    {"autoencoder", 4, 64, 0, ""},
    {"mobilenet_v1", 13, 13, 3, "[height, width, channels]"},
    {"resnet8", 3, 6, 3, "[height, width, channels]"},
};

}  // namespace

std::vector<std::string_view> ZooNames() {
  std::vector<std::string_view> names;
  for (const ZooEntry& e : kZoo) names.push_back(e.name);
  return names;
}

Result<ModelSpec> ZooModel(const ZooOptions& o, const Shape& input_shape) {
  const ZooEntry* entry = nullptr;
  for (const ZooEntry& e : kZoo) {
    if (e.name == o.name) entry = &e;
  }
  if (!entry) {
    return Status::InvalidArgument(
        fmt::format("unknown model '{}' (the zoo has: {})", o.name, fmt::join(ZooNames(), ", ")));
  }
  const int64_t depth = o.depth == 0 ? entry->default_depth : o.depth;
  if (depth < 1 || depth > entry->max_depth) {
    return Status::InvalidArgument(
        fmt::format("model '{}' takes a depth from 1 to {}, not {}", o.name, entry->max_depth, depth));
  }
  if (!(o.width > 0)) return Status::InvalidArgument("the width must be > 0");
  if (entry->input_rank) MOTE_RETURN_IF_ERROR(NeedRank(input_shape, entry->input_rank, o.name, entry->input_what));
  if (o.name == "mlp") return Mlp(o, depth);
  if (o.name == "cnn") return Cnn(o, depth);
  if (o.name == "ds_cnn") return DsCnn(o, depth);
  if (o.name == "conv1d") return Conv1d(o, depth);
  if (o.name == "autoencoder") return Autoencoder(o, depth, input_shape);
  if (o.name == "mobilenet_v1") return MobileNetV1(o, depth);
  return ResNet8(o, depth);
}

}  // namespace mote::train
