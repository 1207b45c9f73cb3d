// Enum <-> name lookups over a constant table of {name, value} pairs, for
// the enums that mote.yaml spells out (layer types, initialisers, ...).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mote::train {

template <typename E, size_t N>
std::string_view NameIn(const std::pair<std::string_view, E> (&table)[N], E value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, size_t N>
std::optional<E> ValueIn(const std::pair<std::string_view, E> (&table)[N], std::string_view name) {
  for (const auto& [n, v] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace mote::train
