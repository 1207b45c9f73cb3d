// The `dataset` stage of `mote run`: the working set as later stages see it.
// Its fingerprint is the working set's digest, so an import, a relabel or an
// exclusion made outside `mote run` still re-runs everything downstream. Its
// output, manifest.json, lists the samples (id, hash, label, split) in id order.
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "pipeline/stage.h"

namespace mote {
namespace {

class DatasetStage : public Stage {
 public:
  std::string_view name() const override { return "dataset"; }
  std::string_view description() const override { return "freeze the working set for the stages that follow"; }
  // Runs after import when there is one; a project that imports by hand
  // (`mote data import`) has no import stage but still has a dataset.
  std::vector<std::string> after() const override { return {"import"}; }
  bool Enabled(const Project&) const override { return true; }

  Result<std::string> Fingerprint(const StageContext& ctx) const override {
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, ctx.project.store());
    return store->WorkingSetDigest();
  }

  Result<std::string> Run(StageContext& ctx) const override {
    MOTE_ASSIGN_OR_RETURN(DatasetStore * store, ctx.project.store());
    MOTE_ASSIGN_OR_RETURN(auto samples, store->List(SampleFilter{}));
    if (samples.empty()) return Status::InvalidArgument("the dataset is empty; import data first (mote data import)");
    nlohmann::json list = nlohmann::json::array();
    for (const SampleInfo& s : samples)
      list.push_back({{"id", s.id}, {"hash", s.hash}, {"label", s.label}, {"split", SplitName(s.split)}});
    MOTE_ASSIGN_OR_RETURN(std::string digest, store->WorkingSetDigest());
    nlohmann::json manifest = {{"digest", digest}, {"samples", list}};
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(ctx.out_dir / "manifest.json", manifest.dump()));
    return digest;
  }
};

}  // namespace
MOTE_REGISTER_STAGE(DatasetStage);
}  // namespace mote
