// The NAME.cc of an ahead-of-time cpp-lib (cpp_lib.h): constants, kernel
// calls in op order, and the C API over a static memory plan.
#pragma once

#include <string>

#include "core/status.h"
#include "deploy/prepared_model.h"

namespace mote::deploy {

struct AotSource {
  std::string text;
  uint64_t arena_bytes = 0;     // planned activations (and kernel scratch)
  uint64_t constant_bytes = 0;  // weights, biases, parameters, multipliers, shifts
};

// `model` must be prepared; `name` a C identifier; `header` the API header's
// file name. Fails (kUnsupported) for an op without an ahead-of-time form.
Result<AotSource> GenerateAotSource(const PreparedModel& model, const std::string& name, const std::string& header,
                                    const std::string& origin);

}  // namespace mote::deploy
