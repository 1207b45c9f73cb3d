// Constant tables in generated C++ (cpp-lib's normalization and K-means
// files): an array definition, eight values a line.
#pragma once

#include <string>
#include <vector>

namespace mote::deploy {

// `declaration[N] = {v0, v1, ...};` with each value as `format(v)` gives it
// (declaration: e.g. "constexpr float kScale").
template <typename T, typename Format>
std::string ArrayDefinition(const std::string& declaration, const std::vector<T>& values, Format format) {
  std::string s = declaration + "[" + std::to_string(values.size()) + "] = {";
  for (size_t i = 0; i < values.size(); ++i) s += (i % 8 ? " " : "\n    ") + format(values[i]) + ",";
  return s + "\n};\n";
}

}  // namespace mote::deploy
