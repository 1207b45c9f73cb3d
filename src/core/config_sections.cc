#include "core/config_sections.h"

#include <algorithm>

namespace mote {

std::vector<std::string> KnownConfigSections() {
  std::vector<std::string> names = ConfigSectionRegistry::Items();
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace mote
