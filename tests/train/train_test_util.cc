#include "train/train_test_util.h"

#include "train/rng.h"

namespace mote::testing {

using namespace mote::train;

Examples Bars(int64_t count, uint64_t seed) {
  Rng rng(seed);
  Examples e;
  e.shape = {10, 10, 1};
  for (int64_t i = 0; i < count; ++i) {
    const int32_t label = static_cast<int32_t>(rng.Below(2));
    const int64_t at = 1 + static_cast<int64_t>(rng.Below(8));
    for (int64_t y = 0; y < 10; ++y) {
      for (int64_t x = 0; x < 10; ++x) {
        const bool on = label == 0 ? y == at : x == at;
        e.features.push_back(static_cast<float>((on ? 1.0 : 0.0) + 0.3 * rng.Normal()));
      }
    }
    e.labels.push_back(label);
  }
  return e;
}

ModelSpec SmallNet() {
  const Window2D same3{.kernel_h = 3, .kernel_w = 3, .padding = Padding::kSame};
  ModelSpec s;
  s.layers = {
      {.type = LayerType::kConv2D, .units = 8, .window = same3},
      {.type = LayerType::kBatchNorm},
      {.type = LayerType::kRelu, .name = "a"},
      {.type = LayerType::kDepthwiseConv2D, .window = same3},
      {.type = LayerType::kBatchNorm},
      {.type = LayerType::kAdd, .inputs = {"a", "batch_norm_4"}},
      {.type = LayerType::kMaxPool, .window = {.kernel_h = 2, .kernel_w = 2, .stride_h = 2, .stride_w = 2}},
      {.type = LayerType::kDropout, .rate = 0.25},
      {.type = LayerType::kFlatten},
      {.type = LayerType::kDense, .units = 2},
  };
  return s;
}

}  // namespace mote::testing
