#include "train/initializers.h"

#include <cmath>
#include <utility>

#include "train/name_table.h"

namespace mote::train {
namespace {

constexpr std::pair<std::string_view, Initializer> kNames[] = {
    {"he_normal", Initializer::kHeNormal},
    {"he_uniform", Initializer::kHeUniform},
    {"glorot_normal", Initializer::kGlorotNormal},
    {"glorot_uniform", Initializer::kGlorotUniform},
    {"fan_in_uniform", Initializer::kFanInUniform},
};

}  // namespace

std::string_view InitializerName(Initializer init) { return NameIn(kNames, init); }

std::optional<Initializer> InitializerFromName(std::string_view name) { return ValueIn(kNames, name); }

template <typename T>
void Initialize(Tensor<T>* weights, Initializer init, Fans fans, Rng* rng) {
  double variance = 2.0 / (fans.in + fans.out);
  if (init == Initializer::kHeNormal || init == Initializer::kHeUniform) variance = 2.0 / fans.in;
  if (init == Initializer::kFanInUniform) variance = 1.0 / (3.0 * fans.in);
  const bool normal = init == Initializer::kHeNormal || init == Initializer::kGlorotNormal;
  // A uniform in +-limit has variance limit^2 / 3.
  const double std_dev = std::sqrt(variance), limit = std::sqrt(3 * variance);
  for (int64_t i = 0; i < weights->size(); ++i) {
    (*weights)[i] = static_cast<T>(normal ? std_dev * rng->Normal() : rng->Uniform(-limit, limit));
  }
}

template void Initialize(Tensor<float>*, Initializer, Fans, Rng*);
template void Initialize(Tensor<double>*, Initializer, Fans, Rng*);

}  // namespace mote::train
