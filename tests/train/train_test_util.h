// Small problems and networks shared by the trainer tests.
#pragma once

#include <cstdint>

#include "train/layer_spec.h"
#include "train/trainer.h"

namespace mote::testing {

// Two classes of 10x10 images: a bright bar across (class 0) or down
// (class 1) at a random position, with noise.
train::Examples Bars(int64_t count, uint64_t seed);

// A small network with every kind of layer that has state or randomness:
// convolutions, depthwise, batch norm, dropout, pooling, a residual add.
train::ModelSpec SmallNet();

}  // namespace mote::testing
