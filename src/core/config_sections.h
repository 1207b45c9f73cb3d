// The top-level sections mote.yaml may hold. Each part of mote that reads a
// section registers its name, so that a misspelt section is an error with a
// suggestion rather than silently ignored.
#pragma once

#include <string>
#include <vector>

#include "core/registry.h"

namespace mote {

struct ConfigSectionTag;
using ConfigSectionRegistry = Registry<std::string, ConfigSectionTag>;

// Registered section names, sorted. Complete once main() has started.
std::vector<std::string> KnownConfigSections();

}  // namespace mote

#define MOTE_REGISTER_CONFIG_SECTION(id, name) \
  static ::mote::ConfigSectionRegistry::Registrar mote_config_section_##id(name)
