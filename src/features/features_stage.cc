// The `features` stage of `mote run`: the `dsp:` block of mote.yaml over
// every sample of the dataset stage's manifest (feature_set_builder.h). It
// is enabled by a `dsp:` section. Its fingerprint is the parsed dsp and
// window sections and data.audio_rate_hz, so reformatting mote.yaml or
// editing a comment re-runs nothing, while any parameter change does; the
// samples themselves reach the key through the dataset stage's digest.
#include <nlohmann/json.hpp>

#include "data/dataset_manifest.h"
#include "features/dsp_config.h"
#include "features/feature_set_builder.h"
#include "pipeline/stage.h"

namespace mote {
namespace {

class FeaturesStage : public Stage {
 public:
  std::string_view name() const override { return "features"; }
  std::string_view description() const override { return "compute the dsp: block's features of every sample"; }
  std::vector<std::string> inputs() const override { return {"dataset"}; }
  bool Enabled(const Project& project) const override { return project.yaml().Has("dsp"); }

  Result<std::string> Fingerprint(const StageContext& ctx) const override {
    MOTE_ASSIGN_OR_RETURN(DspConfig dsp, ParseProjectDspConfig(ctx.project));
    const WindowConfig& w = ctx.project.window();
    nlohmann::json j = {{"dsp", dsp.Canonical()},
                        {"window", {{"size_ms", w.size_ms}, {"stride_ms", w.stride_ms}}},
                        {"audio_rate_hz", ctx.project.data().audio_rate_hz}};
    return j.dump();
  }

  Result<std::string> Run(StageContext& ctx) const override {
    MOTE_ASSIGN_OR_RETURN(DatasetManifest manifest,
                          ReadDatasetManifest(ctx.input_dirs.at("dataset") / "manifest.json"));
    FeatureBuildOptions options;
    options.show_progress = ctx.show_progress;
    return BuildFeatureSet(ctx.project, manifest, ctx.out_dir, options);
  }
};

}  // namespace
MOTE_REGISTER_STAGE(FeaturesStage);
}  // namespace mote
