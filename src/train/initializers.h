// Weight initialisation. Fan-in and fan-out follow the layouts of the ops:
//   dense [out, in]:                 fan_in = in, fan_out = out
//   conv [OC, KH, KW, C] / [OC, K, C]: fan_in = KH*KW*C, fan_out = OC*KH*KW
//   depthwise [1, KH, KW, C*M]:      fan_in = KH*KW, fan_out = KH*KW*M
// He (Kaiming) suits relu networks, Glorot (Xavier) sigmoid/tanh/linear.
// fan_in_uniform is PyTorch's default for Linear and Conv layers
// (kaiming_uniform with a = sqrt(5)): a third of He's variance over two.
// Followed by batch norm, a layer's output does not depend on its weights'
// scale, but Adam's steps are a fixed size, so smaller weights turn by
// more per step: on the DS-CNN keyword spotter it trains to higher accuracy
// than He in the same budget (docs/training.md), hence the default.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "train/rng.h"
#include "train/tensor.h"

namespace mote::train {

enum class Initializer {
  kHeNormal,       // normal, std sqrt(2 / fan_in)
  kHeUniform,      // uniform in +-sqrt(6 / fan_in)
  kGlorotNormal,   // normal, std sqrt(2 / (fan_in + fan_out))
  kGlorotUniform,  // uniform in +-sqrt(6 / (fan_in + fan_out))
  kFanInUniform,   // uniform in +-sqrt(1 / fan_in)
};
std::string_view InitializerName(Initializer init);  // "he_normal", ...
std::optional<Initializer> InitializerFromName(std::string_view name);

struct Fans {
  int64_t in = 1, out = 1;
};

// Fills `weights` with draws from `rng` for the given fans. Normal draws
// are not truncated.
template <typename T>
void Initialize(Tensor<T>* weights, Initializer init, Fans fans, Rng* rng);

}  // namespace mote::train
