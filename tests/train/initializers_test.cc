// Initialisers: each draws with the variance and support its formula gives
// (initializers.h), and the names mote.yaml uses round-trip.
#include "train/initializers.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "train/layer_spec.h"

namespace mote::train {
namespace {

struct Expected {
  Initializer init;
  double variance;  // for fans in = 50, out = 30
  bool uniform;
};

class InitializerTest : public ::testing::TestWithParam<Expected> {};

TEST_P(InitializerTest, DrawsWithTheFormulasVarianceAndSupport) {
  const Expected e = GetParam();
  Tensor<double> w({200000});
  Rng rng(7);
  Initialize(&w, e.init, {.in = 50, .out = 30}, &rng);
  double sum = 0, squares = 0, largest = 0;
  for (int64_t i = 0; i < w.size(); ++i) {
    sum += w[i];
    squares += w[i] * w[i];
    largest = std::max(largest, std::fabs(w[i]));
  }
  const double mean = sum / w.size(), variance = squares / w.size() - mean * mean;
  EXPECT_NEAR(mean, 0, 0.01 * std::sqrt(e.variance));
  EXPECT_NEAR(variance / e.variance, 1, 0.01) << InitializerName(e.init);
  const double limit = std::sqrt(3 * e.variance);
  if (e.uniform) {
    EXPECT_LE(largest, limit);
    EXPECT_GT(largest, 0.999 * limit);
  } else {
    EXPECT_GT(largest, 1.5 * limit);  // a normal's tail reaches past the uniform's edge
  }
}

INSTANTIATE_TEST_SUITE_P(All, InitializerTest,
                         ::testing::Values(Expected{Initializer::kHeNormal, 2.0 / 50, false},
                                           Expected{Initializer::kHeUniform, 2.0 / 50, true},
                                           Expected{Initializer::kGlorotNormal, 2.0 / 80, false},
                                           Expected{Initializer::kGlorotUniform, 2.0 / 80, true},
                                           // +-1/sqrt(50): variance (1/50) / 3
                                           Expected{Initializer::kFanInUniform, 1.0 / 150, true}),
                         [](const ::testing::TestParamInfo<Expected>& param) {
                           return std::string(InitializerName(param.param.init));
                         });

TEST(InitializerNamesTest, RoundTripAndRejectUnknown) {
  for (Initializer init : {Initializer::kHeNormal, Initializer::kHeUniform, Initializer::kGlorotNormal,
                           Initializer::kGlorotUniform, Initializer::kFanInUniform}) {
    EXPECT_EQ(InitializerFromName(InitializerName(init)), init);
  }
  EXPECT_EQ(InitializerFromName("xavier"), std::nullopt);
}

TEST(InitializerDefaultTest, LayersDefaultToFanInUniform) {
  EXPECT_EQ(LayerSpec{}.init, Initializer::kFanInUniform);
}

}  // namespace
}  // namespace mote::train
