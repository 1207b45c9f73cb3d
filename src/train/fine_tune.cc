#include "train/fine_tune.h"

#include <fmt/format.h>

#include "train/run_store.h"
#include "train/warm_start.h"

namespace mote::train {

using json = nlohmann::json;

Result<json> StartFineTune(Project& project, const std::string& from, int64_t freeze,
                           const std::function<Status(const std::string&)>& freeze_error,
                           const std::vector<std::string>& classes, bool classifier, Model<float>* model) {
  MOTE_ASSIGN_OR_RETURN(WarmStartSource source, LoadWarmStartSource(project, from));
  MOTE_ASSIGN_OR_RETURN(WarmStart start, ApplyWarmStart(source, classes, classifier, model));
  Result<int64_t> frozen = model->FreezeLayers(freeze);
  if (!frozen.ok()) return freeze_error(frozen.status().message());
  return json{{"from", {{"name", source.name},
                        {"run", source.run_id ? json(*source.run_id) : json()},
                        {"weights_sha256", source.digest}}},
              {"freeze", freeze},
              {"frozen_parameters", *frozen},
              {"new_classes", start.new_classes},
              {"dropped_classes", start.dropped_classes},
              {"comparison", nullptr}};
}

Status AddScratchComparison(Project& project, const std::string& features_digest, const json& parameters,
                            const TrainingCurve& fine_tuned, bool reconstruction, json* block) {
  MOTE_ASSIGN_OR_RETURN(DatasetStore * store, project.store());
  RunStore runs(store->db());
  MOTE_ASSIGN_OR_RETURN(std::vector<RunRecord> all, runs.List());
  const std::optional<int64_t> id =
      FindScratchRun(all, features_digest, parameters.value("model", json()), parameters.value("train", json()));
  if (!id) return Status::Ok();
  MOTE_ASSIGN_OR_RETURN(RunRecord scratch, runs.Get(*id));
  const TrainingCurve curve{
      .epochs = scratch.epochs,
      .test_score = reconstruction ? scratch.test_loss : scratch.test_accuracy,
      .has_validation = scratch.metrics.value("examples", json::object()).value("validation", int64_t{0}) > 0};
  (*block)["comparison"] = CompareWithScratch(fine_tuned, *id, curve, reconstruction);
  return Status::Ok();
}

}  // namespace mote::train
