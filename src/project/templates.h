// Project templates for `mote init`: a commented mote.yaml per kind of
// project, and the folders it expects.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace mote {

// "image", "kws", "motion", "anomaly".
std::vector<std::string> TemplateNames();

// Creates DIR (which must not hold a mote.yaml yet) with mote.yaml for
// `template_name`, data/, reports/ and a .gitignore for mote's state.
// AlreadyExists if DIR already is a project; Usage for an unknown template.
Status InitProject(const std::filesystem::path& dir, std::string_view template_name);

}  // namespace mote
