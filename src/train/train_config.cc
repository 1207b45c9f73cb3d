#include "train/train_config.h"

#include <cmath>

#include "core/config_sections.h"

MOTE_REGISTER_CONFIG_SECTION(train, "train");

namespace mote::train {
namespace {

Status GetCount(const YamlSection& s, std::string_view key, int64_t lo, int64_t* out) {
  MOTE_RETURN_IF_ERROR(s.Get(key, out));
  if (*out < lo) return s.Error(key, "must be >= " + std::to_string(lo));
  return Status::Ok();
}

// task, and for task: anomaly its method, clusters, scale_by_spread and
// normal_label (which other tasks refuse rather than ignore).
Status ParseAnomaly(const YamlSection& s, TrainConfig* c) {
  std::string task = "classification";
  MOTE_RETURN_IF_ERROR(s.Get("task", &task));
  if (task == "anomaly") {
    c->task = TrainTask::kAnomaly;
  } else if (task != "classification") {
    return s.Error("task", "must be classification or anomaly");
  }
  if (c->task != TrainTask::kAnomaly) {
    for (std::string_view key : {"method", "clusters", "scale_by_spread", "normal_label"}) {
      if (s.Has(key)) return s.Error(key, "applies to task: anomaly only");
    }
    return Status::Ok();
  }
  AnomalyConfig& a = c->anomaly;
  std::string method = "kmeans";
  MOTE_RETURN_IF_ERROR(s.Get("method", &method));
  if (method == "autoencoder") {
    a.method = AnomalyMethod::kAutoencoder;
  } else if (method != "kmeans") {
    return s.Error("method", "must be kmeans or autoencoder");
  }
  if (a.method != AnomalyMethod::kKMeans) {
    for (std::string_view key : {"clusters", "scale_by_spread"}) {
      if (s.Has(key)) return s.Error(key, "applies to method: kmeans only");
    }
  }
  MOTE_RETURN_IF_ERROR(GetCount(s, "clusters", 1, &a.clusters));
  MOTE_RETURN_IF_ERROR(s.Get("scale_by_spread", &a.scale_by_spread));
  MOTE_RETURN_IF_ERROR(s.Get("normal_label", &a.normal_label));
  if (a.normal_label.empty()) return s.Error("normal_label", "must name a class");
  return Status::Ok();
}

}  // namespace

Result<TrainConfig> ParseTrainConfig(const YamlSection& s) {
  MOTE_RETURN_IF_ERROR(s.OnlyKeys({"epochs", "batch_size", "seed", "threads", "optimizer", "lr", "momentum",
                                   "nesterov", "weight_decay", "l2", "schedule", "step_epochs", "gamma", "min_lr",
                                   "warmup_epochs", "label_smoothing", "validation", "patience", "freeze", "task",
                                   "method", "clusters", "scale_by_spread", "normal_label", "augment"}));
  TrainConfig c;
  TrainOptions& o = c.options;
  MOTE_RETURN_IF_ERROR(GetCount(s, "epochs", 1, &o.epochs));
  MOTE_RETURN_IF_ERROR(GetCount(s, "batch_size", 1, &o.batch_size));
  int64_t seed = 1, threads = 2;
  MOTE_RETURN_IF_ERROR(GetCount(s, "seed", 0, &seed));
  MOTE_RETURN_IF_ERROR(GetCount(s, "threads", 1, &threads));
  o.seed = static_cast<uint64_t>(seed);
  o.threads = static_cast<int>(std::min<int64_t>(threads, 256));
  std::string optimizer = "adam";
  MOTE_RETURN_IF_ERROR(s.Get("optimizer", &optimizer));
  if (optimizer == "sgd") {
    o.optimizer.kind = OptimizerKind::kSgd;
  } else if (optimizer == "adamw") {
    o.optimizer.kind = OptimizerKind::kAdamW;
  } else if (optimizer != "adam") {
    return s.Error("optimizer", "must be sgd, adam or adamw");
  }
  MOTE_RETURN_IF_ERROR(s.GetInRange("lr", &o.schedule.lr, 0, 10));
  MOTE_RETURN_IF_ERROR(s.GetInRange("momentum", &o.optimizer.momentum, 0, 1, true));
  MOTE_RETURN_IF_ERROR(s.Get("nesterov", &o.optimizer.nesterov));
  if (o.optimizer.nesterov && o.optimizer.momentum <= 0) return s.Error("nesterov", "needs momentum > 0");
  MOTE_RETURN_IF_ERROR(s.GetInRange("weight_decay", &o.optimizer.weight_decay, 0, 1, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("l2", &o.optimizer.l2, 0, 1, true));
  std::string schedule = "constant";
  MOTE_RETURN_IF_ERROR(s.Get("schedule", &schedule));
  std::optional<ScheduleKind> kind = ScheduleKindFromName(schedule);
  if (!kind) return s.Error("schedule", "must be constant, step or cosine");
  o.schedule.kind = *kind;
  MOTE_RETURN_IF_ERROR(s.GetInRange("step_epochs", &c.step_epochs, 0, 1e6));
  MOTE_RETURN_IF_ERROR(s.GetInRange("gamma", &o.schedule.gamma, 0, 1, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("min_lr", &o.schedule.min_lr, 0, 10, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("warmup_epochs", &c.warmup_epochs, 0, 1e6, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("label_smoothing", &o.loss.label_smoothing, 0, 0.999, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("validation", &c.validation, 0, 0.9, true));
  MOTE_RETURN_IF_ERROR(GetCount(s, "patience", 0, &o.patience));
  MOTE_RETURN_IF_ERROR(GetCount(s, "freeze", 0, &c.freeze));
  MOTE_RETURN_IF_ERROR(ParseAnomaly(s, &c));
  MOTE_ASSIGN_OR_RETURN(c.augment, ParseAugmentConfig(s));
  if (c.task != TrainTask::kClassification && s.Has("augment")) {
    return s.Error("augment", "applies to task: classification only");
  }
  return c;
}

bool TrainsWithoutModel(const YamlSection& root) {
  Result<YamlSection> section = root.Section("train");
  if (!section.ok()) return false;
  Result<TrainConfig> config = ParseTrainConfig(*section);
  return config.ok() && config->KMeansAnomaly();
}

TrainOptions TrainConfig::ForBatches(int64_t batches_per_epoch) const {
  TrainOptions o = options;
  o.schedule.step_size = std::max<int64_t>(1, std::llround(step_epochs * batches_per_epoch));
  o.schedule.warmup_steps = std::llround(warmup_epochs * batches_per_epoch);
  return o;
}

}  // namespace mote::train
