// The top-level sections mote.yaml may hold. Each part of mote that reads a
// section registers its name, so that a misspelt section is an error with a
// suggestion rather than silently ignored.
#pragma once

#include <string>
#include <vector>

namespace mote {

// Registered section names, sorted. Complete once main() has started.
std::vector<std::string> KnownConfigSections();

namespace internal {
struct ConfigSectionRegistrar {
  explicit ConfigSectionRegistrar(const char* name);
};
}  // namespace internal

}  // namespace mote

#define MOTE_REGISTER_CONFIG_SECTION(id, name) \
  static ::mote::internal::ConfigSectionRegistrar mote_config_section_##id(name)
