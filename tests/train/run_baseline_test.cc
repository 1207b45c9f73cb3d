// The training baseline of a recorded run, through the real binary: stored
// in the project store and as .mote/runs/<id>/baseline.json, its
// confidence histogram holding every validation example, its class mix the
// run's example counts, its features the DSP output's shape, shown in the
// report; an autoencoder's holds reconstruction errors and the normal
// class only; a K-means run's the anomaly scores of its held-out normal
// rows, KMeansModel::Scores's own. And the store's migration from schema 2
// (no run_baselines).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "data/dataset_store.h"
#include "features/feature_set.h"
#include "test_util.h"
#include "train/anomaly_evaluation.h"
#include "train/feature_examples.h"
#include "train/kmeans.h"
#include "train/run_store.h"
#include "train/train_cli_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

std::unique_ptr<DatasetStore> OpenStore(const fs::path& db) {
  auto store = DatasetStore::Open(db);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

int64_t Sum(const json& counts) {
  int64_t n = 0;
  for (const json& c : counts) n += c.get<int64_t>();
  return n;
}

// `mote train --json` in project `p`: its output in `metrics` and run 1
// as the store holds it in `run`.
void TrainFirstRun(const fs::path& p, json* metrics, train::RunRecord* run) {
  auto r = RunMote({"train", "--json", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  *metrics = json::parse(r.out);
  auto store = OpenStore(p / ".mote" / "store.db");
  ASSERT_TRUE(store);
  auto recorded = train::RunStore(store->db()).Get(1);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  *run = std::move(*recorded);
}

TEST(RunBaselineTest, TrainingRecordsTheBaselineInTheStoreTheRunFolderAndTheReport) {
  testing::TempDir dir;
  const fs::path p = testing::MakeMotionProject(dir.path(), 4);
  testing::AppendToMoteYaml(p, "model:\n  zoo: mlp\n  width: 0.25\n  depth: 1\n"
                               "train:\n  epochs: 2\n  batch_size: 8\n  validation: 0.25\n");
  json m;
  train::RunRecord run;
  ASSERT_NO_FATAL_FAILURE(TrainFirstRun(p, &m, &run));
  const json& b = run.baseline;
  ASSERT_TRUE(b.is_object()) << b.dump();
  EXPECT_EQ(b["format"], "mote-training-baseline");

  // The same JSON beside the run's model.
  auto file = ReadFile(p / ".mote" / "runs" / "1" / "baseline.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(json::parse(*file), b);

  const int64_t validation = m["examples"]["validation"].get<int64_t>();
  ASSERT_GT(validation, 0);
  const json& confidence = b["confidence"];
  EXPECT_EQ(confidence["split"], "validation");
  EXPECT_EQ(Sum(confidence["counts"]) + confidence["below"].get<int64_t>() + confidence["above"].get<int64_t>(),
            validation);
  EXPECT_EQ(Sum(confidence["counts"]), validation);  // probabilities lie in [0, 1]
  EXPECT_EQ(b["classes"]["names"], m["classes"]);
  EXPECT_EQ(Sum(b["classes"]["train"]), m["examples"]["train"].get<int64_t>());
  EXPECT_EQ(Sum(b["classes"]["validation"]), validation);
  EXPECT_EQ(Sum(b["classes"]["test"]), m["examples"]["test"].get<int64_t>());

  // Features: the features stage's shape and names; every value binned.
  const fs::path features_dir = p / ".mote" / "stages" / "features" / run.features_key;
  auto features_meta = ReadFile(features_dir / "features.json");
  ASSERT_TRUE(features_meta.ok());
  const json fm = json::parse(*features_meta);
  const json& f = b["features"];
  EXPECT_EQ(f["names"], fm["feature_names"]);
  EXPECT_EQ(f["examples"], m["examples"]["train"]);
  EXPECT_EQ(f["values_per_feature"].get<int64_t>(), f["examples"].get<int64_t>() * f["frames"].get<int64_t>());
  for (const json& c : f["histograms"]["channels"]) {
    EXPECT_EQ(Sum(c["counts"]) + c["below"].get<int64_t>() + c["above"].get<int64_t>(), f["values_per_feature"]);
  }
  for (size_t i = 0; i < f["names"].size(); ++i) {
    EXPECT_LE(f["per_feature"]["min"][i].get<double>(), f["per_feature"]["mean"][i].get<double>());
    EXPECT_LE(f["per_feature"]["mean"][i].get<double>(), f["per_feature"]["max"][i].get<double>());
  }

  for (const char* name : {"confidence.svg", "index.html"}) {
    EXPECT_TRUE(fs::exists(p / run.report_path / name)) << name;
  }
  auto html = ReadFile(p / run.report_path / "index.html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("Training baseline"), std::string::npos);
  EXPECT_NE(html->find("id=\"class-mix\""), std::string::npos);
}

TEST(RunBaselineTest, AnAutoencodersBaselineHoldsReconstructionErrorsOfTheNormalClass) {
  testing::TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "--template", "anomaly"}, dir.path()).exit_code, 0);
  const fs::path p = dir.path() / "p";
  ASSERT_EQ(RunMote({"data", "synth", "vibration", "--count", "6", "-q"}, p).exit_code, 0);
  testing::AppendToMoteYaml(p, "model:\n  zoo: autoencoder\n  width: 0.25\n  depth: 1\n"
                               "train:\n  task: anomaly\n  method: autoencoder\n  epochs: 2\n  batch_size: 4\n"
                               "  validation: 0.3\n");
  json m;
  train::RunRecord run;
  ASSERT_NO_FATAL_FAILURE(TrainFirstRun(p, &m, &run));
  const json& b = run.baseline;
  EXPECT_FALSE(b.contains("confidence"));
  const json& e = b["reconstruction_error"];
  EXPECT_EQ(Sum(e["counts"]) + e["below"].get<int64_t>() + e["above"].get<int64_t>(),
            m["examples"]["validation"].get<int64_t>());
  // Trained on the normal class only: every other class has no train rows.
  const json& classes = b["classes"];
  for (size_t c = 0; c < classes["names"].size(); ++c) {
    if (classes["names"][c] != "normal") {
      EXPECT_EQ(classes["train"][c], 0) << classes["names"][c];
    }
  }
  EXPECT_TRUE(fs::exists(p / run.report_path / "reconstruction_error.svg"));
}

TEST(RunBaselineTest, AKMeansRunsBaselineHoldsTheAnomalyScoresOfItsHeldOutNormalRows) {
  testing::TempDir dir;
  ASSERT_EQ(RunMote({"init", "p", "--template", "anomaly"}, dir.path()).exit_code, 0);
  const fs::path p = dir.path() / "p";
  ASSERT_EQ(RunMote({"data", "synth", "vibration", "--count", "8", "-q"}, p).exit_code, 0);
  testing::AppendToMoteYaml(p, "train:\n  task: anomaly\n  method: kmeans\n  clusters: 3\n  seed: 4\n"
                               "  validation: 0.3\n");
  json m;
  train::RunRecord run;
  ASSERT_NO_FATAL_FAILURE(TrainFirstRun(p, &m, &run));
  const json& b = run.baseline;
  ASSERT_TRUE(b.is_object()) << "a K-means run has no baseline";
  EXPECT_EQ(b["version"], 2);
  for (const char* other : {"confidence", "reconstruction_error"}) EXPECT_FALSE(b.contains(other)) << other;
  auto file = ReadFile(p / ".mote" / "runs" / "1" / "baseline.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(json::parse(*file), b);

  // Every held-out (validation, normal) row scored once; the features are
  // the normal train rows it was fitted on.
  const int64_t validation = m["examples"]["validation"].get<int64_t>();
  ASSERT_GT(validation, 0);
  const json& s = b["anomaly_score"];
  EXPECT_EQ(s["split"], "validation");
  EXPECT_EQ(s["count"], validation);
  EXPECT_EQ(Sum(s["counts"]) + s["below"].get<int64_t>() + s["above"].get<int64_t>(), validation);
  EXPECT_EQ(b["features"]["examples"], m["examples"]["train"]);
  EXPECT_EQ(Sum(b["classes"]["validation"]), validation);
  for (size_t c = 0; c < b["classes"]["names"].size(); ++c) {
    if (b["classes"]["names"][c] != "normal") {
      EXPECT_EQ(b["classes"]["train"][c], 0) << b["classes"]["names"][c];
      EXPECT_EQ(b["classes"]["validation"][c], 0) << b["classes"]["names"][c];
    }
  }

  // The scores are the recorded model's: rebuild it from kmeans.json and
  // score the same validation rows (the split the train stage draws).
  const train::KMeansModel model = testing::ReadRecordedKMeans(p, 1);
  ASSERT_GT(model.dims, 0);
  auto features = FeatureSet::Open(p / ".mote" / "stages" / "features" / run.features_key);
  ASSERT_TRUE(features.ok()) << features.status().ToString();
  auto ex = train::LoadFeatureExamples(**features, train::FeatureInputShape(**features, 1), 0.3, 4);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  const auto normal = std::find(ex->classes.begin(), ex->classes.end(), "normal");
  ASSERT_NE(normal, ex->classes.end());
  const train::Examples held_out =
      train::NormalRows(ex->validation, static_cast<int32_t>(normal - ex->classes.begin()));
  const std::vector<double> scores = model.Scores(held_out.features);
  ASSERT_EQ(static_cast<int64_t>(scores.size()), validation);
  double sum = 0;
  for (double v : scores) sum += v;
  EXPECT_DOUBLE_EQ(s["mean"].get<double>(), sum / static_cast<double>(scores.size()));
  std::vector<double> sorted = scores;
  std::sort(sorted.begin(), sorted.end());
  const double lo = s["edges"][0].get<double>(), hi = s["edges"].back().get<double>();
  EXPECT_EQ(s["below"], std::lower_bound(sorted.begin(), sorted.end(), lo) - sorted.begin());
  EXPECT_EQ(s["above"], sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), hi));

  EXPECT_TRUE(fs::exists(p / run.report_path / "anomaly_score.svg"));
  auto html = ReadFile(p / run.report_path / "index.html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("Anomaly score (distance to the nearest centroid) on the validation split"), std::string::npos);
}

TEST(RunBaselineTest, AStoreOfSchema2MigratesAndKeepsItsRuns) {
  testing::TempDir dir;
  const fs::path db = dir.path() / "store.db";
  {
    // A schema 2 store: today's schema less run_baselines, with a run.
    auto store = OpenStore(db);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->db().Exec("DROP TABLE run_baselines; PRAGMA user_version = 2").ok());
    train::RunRecord old;
    old.started_at = "2026-01-01T00:00:00Z";
    old.parameters = json::object();
    old.metrics = json::object();
    old.epochs = {{.epoch = 1, .train_loss = 0.5}};
    auto pending = train::RunStore(store->db()).Begin(old);
    ASSERT_TRUE(pending.ok()) << pending.status().ToString();
    ASSERT_TRUE((*pending)->Commit().ok());
  }
  auto store = OpenStore(db);
  ASSERT_TRUE(store);
  auto version = store->db().Prepare("PRAGMA user_version");
  ASSERT_TRUE(version.ok());
  ASSERT_TRUE(*version->Step());
  EXPECT_EQ(version->Int(0), 3);
  train::RunStore runs(store->db());
  auto old = runs.Get(1);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_TRUE(old->baseline.is_null());
  EXPECT_EQ(old->started_at, "2026-01-01T00:00:00Z");
  ASSERT_EQ(old->epochs.size(), 1u);

  train::RunRecord next;
  next.parameters = json::object();
  next.metrics = json::object();
  next.baseline = {{"format", "mote-training-baseline"}, {"version", 1}};
  auto pending = runs.Begin(next);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_TRUE((*pending)->Commit().ok());
  auto stored = runs.Get(2);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->baseline, next.baseline);
  auto listed = runs.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_TRUE((*listed)[0].baseline.is_null());
}

}  // namespace
}  // namespace mote
