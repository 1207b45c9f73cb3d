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

double Variance(Initializer init, Fans fans) {
  switch (init) {
    case Initializer::kHeNormal:
    case Initializer::kHeUniform:
      return 2.0 / static_cast<double>(fans.in);
    case Initializer::kGlorotNormal:
    case Initializer::kGlorotUniform:
      return 2.0 / static_cast<double>(fans.in + fans.out);
    case Initializer::kFanInUniform:
      return 1.0 / (3.0 * static_cast<double>(fans.in));
  }
  return 0;
}

}  // namespace

std::string_view InitializerName(Initializer init) { return NameIn(kNames, init); }

std::optional<Initializer> InitializerFromName(std::string_view name) { return ValueIn(kNames, name); }

template <typename T>
void Initialize(Tensor<T>* weights, Initializer init, Fans fans, Rng* rng) {
  const double variance = Variance(init, fans);
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
