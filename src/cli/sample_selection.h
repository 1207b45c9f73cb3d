// The options that select samples (--id, --label, --split, --query), shared
// by `mote data ls|relabel|exclude|include|check`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "data/sample_filter.h"

namespace mote {

struct SampleSelection {
  std::vector<int64_t> ids;
  std::vector<std::string> labels;
  std::string split, query;

  // Adds --id, --label, --split and --query to `sub`.
  void AddOptions(CLI::App* sub);
  // The filter the options describe (Usage error for a bad query).
  Result<SampleFilter> Filter() const;
};

}  // namespace mote
