#include "data/sample_filter.h"

#include <charconv>
#include <sstream>

namespace mote {

namespace {
bool ParseId(std::string_view s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out > 0;
}
}  // namespace

Result<SampleFilter> ParseSampleQuery(std::string_view query) {
  SampleFilter f;
  std::istringstream in{std::string(query)};
  std::string term;
  while (in >> term) {
    size_t op = term.find_first_of("=~");
    if (op == std::string::npos || op == 0 || op + 1 == term.size())
      return Status::Usage("query term '" + term + "': expected FIELD=VALUE or source~GLOB");
    std::string key = term.substr(0, op), value = term.substr(op + 1);
    char kind = term[op];
    auto bad = [&](const std::string& why) { return Status::Usage("query term '" + term + "': " + why); };
    if (kind == '~') {
      if (key != "source") return bad("only source takes ~GLOB");
      f.source_glob = value;
    } else if (key == "id") {
      size_t dots = value.find("..");
      int64_t lo = 0, hi = 0;
      if (dots == std::string::npos) {
        if (!ParseId(value, &lo)) return bad("id must be a positive integer");
        f.ids.push_back(lo);
      } else {
        if (!ParseId(std::string_view(value).substr(0, dots), &lo) ||
            !ParseId(std::string_view(value).substr(dots + 2), &hi) || hi < lo || hi - lo > 10'000'000)
          return bad("id range must be LOW..HIGH");
        for (int64_t i = lo; i <= hi; ++i) f.ids.push_back(i);
      }
    } else if (key == "label") {
      f.labels.push_back(value);
    } else if (key == "split") {
      auto s = SplitFromName(value);
      if (!s) return bad("split must be train or test");
      f.split = s;
    } else if (key == "hash") {
      f.hash_prefix = value;
    } else if (key == "excluded") {
      if (value != "1" && value != "0") return bad("excluded must be 0 or 1");
      f.only_excluded = value == "1";
      f.with_excluded = f.only_excluded;
    } else {
      return bad("unknown field '" + key + "' (fields: id, label, split, source, hash, excluded)");
    }
  }
  return f;
}

}  // namespace mote
