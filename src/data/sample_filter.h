// Which samples a command acts on: `mote data ls|exclude|include|relabel`
// select by id, label, split, source or hash, or by a query string that
// combines them ("label=wave split=test source~*session2*").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "data/sample.h"

namespace mote {

struct SampleFilter {
  std::vector<int64_t> ids;            // empty: any id
  std::vector<std::string> labels;     // empty: any label
  std::optional<Split> split;
  std::string source_glob;             // shell glob on the source ("*/wave/*")
  std::string hash_prefix;             // hex prefix of the content hash
  // Excluded samples are left out unless this is set (ls --all, include).
  bool with_excluded = false;
  bool only_excluded = false;

  bool empty() const {
    return ids.empty() && labels.empty() && !split && source_glob.empty() && hash_prefix.empty() &&
           !only_excluded;
  }
};

// Parses space-separated terms: id=3, id=3..10, label=L, split=train|test,
// source~GLOB, hash=PREFIX, excluded=1. Terms combine with AND; repeating
// label= or id= gives alternatives. Usage error naming the bad term otherwise.
Result<SampleFilter> ParseSampleQuery(std::string_view query);

}  // namespace mote
