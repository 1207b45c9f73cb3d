// A stage of the `mote run` pipeline (import, dataset, features, train, ...).
//
// Each stage declares the stages whose outputs it reads and fingerprints
// everything else it reads (its mote.yaml section, source files). Its key is
// the hash of (name, version, fingerprint, its inputs' output digests); its
// output lives in .mote/stages/<name>/<key>/. When that folder exists, the
// stage is skipped. So changing one DSP parameter changes the features key,
// which changes the features output digest, which changes train's key, and so
// on down; stages before features keep their keys and are skipped.
//
// Stages register themselves with MOTE_REGISTER_STAGE; nothing else wires
// them into the CLI.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/status.h"
#include "project/project.h"

namespace mote {

// Where a stage that trains starts from instead of random weights (`mote
// train --from SOURCE --freeze N`, train/warm_start.h).
struct StartFrom {
  std::string source;  // a run id or a folder holding weights.json
  // The first N layers keep the source's weights; empty: the stage's own
  // setting (the train: section's freeze).
  std::optional<int64_t> freeze_layers;
};

struct StageContext {
  Project& project;
  // Output digest and output folder of each input stage, by stage name.
  std::map<std::string, std::string> input_digests;
  std::map<std::string, std::filesystem::path> input_dirs;
  // Where Run() writes its outputs: an empty folder that becomes the cached
  // output only if Run() succeeds.
  std::filesystem::path out_dir;
  bool show_progress = true;
  // The stage's cache key (hex), known when Run() is called; a stage that
  // records what it did (a training run) files it under this key.
  std::string key{};
  // The user asked to continue an interrupted run of this stage from its
  // checkpoint (`mote train --resume`) rather than start over.
  bool resume = false;
  // Set when the user asked to start from another training's weights; the
  // stage puts it in its fingerprint.
  std::optional<StartFrom> start_from{};
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  // Stages whose outputs this one reads.
  virtual std::vector<std::string> inputs() const { return {}; }
  // Stages that must run first when they are enabled, without this stage
  // reading their output (a disabled one does not disable this stage).
  virtual std::vector<std::string> after() const { return {}; }
  // Bump when the stage's code changes what it produces, to invalidate caches.
  virtual int version() const { return 1; }
  // False when mote.yaml does not configure this stage; the pipeline then
  // skips it and, with it, every stage that reads it.
  virtual bool Enabled(const Project& project) const = 0;
  // Digest of everything the stage reads other than its inputs' outputs.
  // Called after the inputs are up to date.
  virtual Result<std::string> Fingerprint(const StageContext& ctx) const = 0;
  // Does the work; returns the digest of what it produced.
  virtual Result<std::string> Run(StageContext& ctx) const = 0;
};

// Registered stages in dependency order (ties by name). InvalidArgument if
// a stage names an unknown input or the inputs form a cycle.
Result<std::vector<const Stage*>> StagesInOrder();

using StageRegistry = Registry<std::unique_ptr<Stage>>;

}  // namespace mote

#define MOTE_REGISTER_STAGE(Type) \
  static ::mote::StageRegistry::Registrar mote_stage_registrar_##Type(std::make_unique<Type>())
