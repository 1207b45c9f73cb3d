#include "core/config_sections.h"

#include <algorithm>

namespace mote {

namespace {
std::vector<std::string>& Registry() {
  static std::vector<std::string> names;
  return names;
}
}  // namespace

std::vector<std::string> KnownConfigSections() {
  std::vector<std::string> names = Registry();
  std::sort(names.begin(), names.end());
  return names;
}

internal::ConfigSectionRegistrar::ConfigSectionRegistrar(const char* name) { Registry().push_back(name); }

}  // namespace mote
