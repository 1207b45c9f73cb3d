// Fine-tuning's pieces: the weights files round-trip; a warm start copies
// every tensor and maps the head's rows by class name (a new class keeps its
// initialised row); a different architecture is an error naming the layer
// and both shapes; frozen layers do not move in training (batch norm's
// statistics included); the comparison with a scratch run on known curves.
#include <gtest/gtest.h>

#include <set>

#include "train/model_zoo.h"
#include "train/scratch_comparison.h"
#include "train/train_test_util.h"
#include "train/trainer.h"
#include "train/warm_start.h"
#include "train/weights_file.h"

namespace mote::train {
namespace {

// An MLP over 6 features: flatten, dense (`units`), relu, dense (classes).
Model<float> Mlp(int64_t units, int64_t classes, uint64_t seed) {
  ModelSpec spec;
  spec.layers = {{.type = LayerType::kDense, .name = "hidden", .units = units},
                 {.type = LayerType::kRelu, .name = "relu"},
                 {.type = LayerType::kDense, .name = "head", .units = classes}};
  Result<Model<float>> m = Model<float>::Build(spec, {6}, seed);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return std::move(*m);
}

WarmStartSource SourceOf(const Model<float>& model, const std::vector<std::string>& classes) {
  const WeightsFiles files = SerializeWeights(model, classes);
  Result<StoredWeights> w = ParseWeights(files.bin, files.json, "w");
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return {.name = "run 1", .run_id = 1, .digest = "", .weights = *w};
}

const Tensor<float>& Param(const Model<float>& m, const std::string& name) {
  for (const auto& p : m.parameters()) {
    if (p.name == name) return p.var->value;
  }
  ADD_FAILURE() << "no " << name;
  return m.parameters().front().var->value;
}

TEST(WeightsFileTest, RoundTripsAndRefusesATruncatedFile) {
  const Model<float> m = Mlp(5, 3, 1);
  const WeightsFiles files = SerializeWeights(m, {"a", "b", "c"});
  Result<StoredWeights> w = ParseWeights(files.bin, files.json, "weights.json");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_EQ(w->tensors.size(), m.parameters().size());  // no batch norm: no statistics
  for (size_t i = 0; i < w->tensors.size(); ++i) {
    EXPECT_EQ(w->tensors[i].name, m.parameters()[i].name);
    EXPECT_EQ(w->tensors[i].value.values(), m.parameters()[i].var->value.values());
  }
  EXPECT_EQ(w->classes, (std::vector<std::string>{"a", "b", "c"}));
  Result<StoredWeights> bad = ParseWeights(files.bin.substr(4), files.json, "weights.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("weights.json: weights.bin holds"), std::string::npos)
      << bad.status().message();
}

TEST(WarmStartTest, CopiesWeightsAndMapsTheHeadByClassName) {
  const Model<float> old = Mlp(5, 3, 1);
  const std::vector<std::string> old_classes = {"idle", "shake", "wave"};
  const std::vector<std::string> classes = {"circle", "idle", "wave"};  // shake gone, circle new
  Model<float> m = Mlp(5, 3, 2);
  const Tensor<float> initial_head = Param(m, "head/kernel");
  Result<WarmStart> start = ApplyWarmStart(SourceOf(old, old_classes), classes, true, &m);
  ASSERT_TRUE(start.ok()) << start.status().ToString();
  EXPECT_EQ(start->new_classes, std::vector<std::string>{"circle"});
  EXPECT_EQ(start->dropped_classes, std::vector<std::string>{"shake"});
  EXPECT_EQ(Param(m, "hidden/kernel").values(), Param(old, "hidden/kernel").values());
  EXPECT_EQ(Param(m, "hidden/bias").values(), Param(old, "hidden/bias").values());
  const Tensor<float>&k = Param(m, "head/kernel"), &ok = Param(old, "head/kernel");
  for (int64_t j = 0; j < 5; ++j) {
    EXPECT_EQ(k.data()[0 * 5 + j], initial_head.data()[0 * 5 + j]);  // circle: as initialised
    EXPECT_EQ(k.data()[1 * 5 + j], ok.data()[0 * 5 + j]);            // idle: old row 0
    EXPECT_EQ(k.data()[2 * 5 + j], ok.data()[2 * 5 + j]);            // wave: old row 2
  }

  // A class added to three: the head grows by one row.
  Model<float> grown = Mlp(5, 4, 3);
  const std::vector<std::string> four = {"circle", "idle", "shake", "wave"};
  ASSERT_TRUE(ApplyWarmStart(SourceOf(old, old_classes), four, true, &grown).ok());
  const Tensor<float>& b = Param(grown, "head/bias");
  EXPECT_EQ(b.values()[0], 0.0f);
  EXPECT_EQ(b.values()[2], Param(old, "head/bias").values()[1]);  // shake
}

TEST(WarmStartTest, AnotherArchitectureNamesTheLayerAndShapes) {
  const Model<float> old = Mlp(5, 3, 1);
  Model<float> wider = Mlp(8, 3, 1);
  Result<WarmStart> r = ApplyWarmStart(SourceOf(old, {"a", "b", "c"}), {"a", "b", "c"}, true, &wider);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "run 1: layer 'hidden': kernel is [5, 6] there, [8, 6] in this network");

  // Without the source's classes a head of another size cannot be mapped.
  WarmStartSource unnamed = SourceOf(old, {});
  Model<float> four = Mlp(5, 4, 1);
  r = ApplyWarmStart(unnamed, {"a", "b", "c", "d"}, true, &four);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("layer 'head': kernel is [3, 5] there, [4, 5] in this network (run 1 does not "
                                      "name its classes"),
            std::string::npos)
      << r.status().message();
}

TEST(FreezeTest, FrozenLayersKeepTheirWeightsAndStatistics) {
  Result<Model<float>> model = Model<float>::Build(mote::testing::SmallNet(), {10, 10, 1}, 4);
  ASSERT_TRUE(model.ok());
  const std::vector<Tensor<float>> before = model->SaveState();
  Result<int64_t> frozen = model->FreezeLayers(3);  // conv, batch norm, relu
  ASSERT_TRUE(frozen.ok()) << frozen.status().ToString();
  EXPECT_GT(*frozen, 0);
  Trainer trainer(&*model, {.epochs = 2, .batch_size = 16, .schedule = {.lr = 1e-2}});
  ASSERT_TRUE(trainer.Fit(mote::testing::Bars(64, 1), {}).ok());
  const std::vector<Tensor<float>> after = model->SaveState();
  const std::vector<std::string> names = model->StateNames();
  std::set<std::string> frozen_layers;
  for (int i = 0; i < 3; ++i) frozen_layers.insert(model->layers()[i].spec.name);
  int changed = 0;
  for (size_t i = 0; i < after.size(); ++i) {
    const bool is_frozen = frozen_layers.count(names[i].substr(0, names[i].find('/'))) > 0;
    if (is_frozen) {
      EXPECT_EQ(after[i].values(), before[i].values()) << names[i];
    } else {
      changed += after[i].values() != before[i].values();
    }
  }
  EXPECT_GT(changed, 3);
  EXPECT_FALSE(model->FreezeLayers(1000).ok());
  Model<float> mlp = Mlp(5, 3, 1);
  Result<int64_t> all = mlp.FreezeLayers(3);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().message(), "freezing 3 of 3 layers leaves no parameter to train");
}

TEST(ScratchComparisonTest, EpochsAndSecondsToTheCommonLevel) {
  auto curve = [](std::vector<double> val_accuracy, double test) {
    TrainingCurve c{.test_score = test, .has_validation = true};
    for (size_t i = 0; i < val_accuracy.size(); ++i) {
      c.epochs.push_back({.epoch = static_cast<int64_t>(i + 1), .val_accuracy = val_accuracy[i], .seconds = 2});
    }
    return c;
  };
  // Fine-tuned best 0.9 at epoch 2; scratch best 0.8, first at epoch 4.
  const nlohmann::json c = CompareWithScratch(curve({0.7, 0.9, 0.85}, 0.88), 5, curve({0.2, 0.5, 0.7, 0.8, 0.8}, 0.79),
                                              false);
  EXPECT_EQ(c["metric"], "val_accuracy");
  EXPECT_DOUBLE_EQ(c["target"].get<double>(), 0.8);
  EXPECT_EQ(c["scratch_run"], 5);
  EXPECT_EQ(c["fine_tuned"]["epochs_to_target"], 2);
  EXPECT_DOUBLE_EQ(c["fine_tuned"]["seconds_to_target"].get<double>(), 4);
  EXPECT_EQ(c["scratch"]["epochs_to_target"], 4);
  EXPECT_DOUBLE_EQ(c["scratch"]["seconds"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(c["scratch"]["test_accuracy"].get<double>(), 0.79);
}

}  // namespace
}  // namespace mote::train
