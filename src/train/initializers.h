// Weight initialisation. Fan-in and fan-out follow the layouts of the ops:
//   dense [out, in]:                 fan_in = in, fan_out = out
//   conv [OC, KH, KW, C] / [OC, K, C]: fan_in = KH*KW*C, fan_out = OC*KH*KW
//   depthwise [1, KH, KW, C*M]:      fan_in = KH*KW, fan_out = KH*KW*M
// He (Kaiming) suits relu networks, Glorot (Xavier) sigmoid/tanh/linear.
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
