// A mote project: a folder holding mote.yaml, the data folders, reports/ and
// the state mote keeps in .mote/ (the dataset store, stage outputs). Commands
// find the project by walking up from the working directory (or -C DIR).
//
// A Project is used from one thread; it opens the store on first use.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"
#include "core/yaml_section.h"
#include "data/data_config.h"
#include "data/dataset_store.h"

namespace mote {

class Project {
 public:
  // Finds mote.yaml in `start` or the nearest parent, parses and validates
  // it. NotFound when there is none; InvalidArgument (file:line:col) when it
  // does not validate.
  static Result<std::unique_ptr<Project>> Open(const std::filesystem::path& start);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path config_path() const { return root_ / "mote.yaml"; }
  std::filesystem::path state_dir() const { return root_ / ".mote"; }
  std::filesystem::path reports_dir() const { return root_ / "reports"; }
  const std::string& name() const { return name_; }

  // The whole parsed mote.yaml, for stages that read their own section.
  const YamlSection& yaml() const { return yaml_; }
  const DataConfig& data() const { return data_; }
  const WindowConfig& window() const { return window_; }

  // The dataset store, opened (and created) on first call; owned by Project.
  Result<DatasetStore*> store();

 private:
  Project(std::filesystem::path root, YamlSection yaml) : root_(std::move(root)), yaml_(std::move(yaml)) {}
  Status Validate();

  std::filesystem::path root_;
  YamlSection yaml_;
  std::string name_;
  DataConfig data_;
  WindowConfig window_;
  std::unique_ptr<DatasetStore> store_;
};

}  // namespace mote
