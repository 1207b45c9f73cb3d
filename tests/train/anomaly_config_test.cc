// The train: section's anomaly keys: parsed, defaulted, and refused at
// file:line:col where they do not apply.
#include <gtest/gtest.h>

#include "train/train_config.h"

namespace mote::train {
namespace {

Result<TrainConfig> Parse(const std::string& yaml) {
  Result<YamlSection> root = YamlSection::Parse(yaml, "mote.yaml");
  EXPECT_TRUE(root.ok()) << root.status().ToString();
  Result<YamlSection> train = root->Section("train");
  EXPECT_TRUE(train.ok());
  return ParseTrainConfig(*train);
}

TEST(AnomalyConfigTest, DefaultsAndKnobs) {
  Result<TrainConfig> plain = Parse("train:\n  epochs: 2\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->task, TrainTask::kClassification);

  Result<TrainConfig> c = Parse("train:\n  task: anomaly\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->task, TrainTask::kAnomaly);
  EXPECT_EQ(c->anomaly.method, AnomalyMethod::kKMeans);
  EXPECT_EQ(c->anomaly.clusters, 8);
  EXPECT_EQ(c->anomaly.normal_label, "normal");

  c = Parse("train:\n  task: anomaly\n  clusters: 3\n  scale_by_spread: false\n  normal_label: ok\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->anomaly.clusters, 3);
  EXPECT_FALSE(c->anomaly.scale_by_spread);
  EXPECT_EQ(c->anomaly.normal_label, "ok");
  c = Parse("train:\n  task: anomaly\n  method: autoencoder\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->anomaly.method, AnomalyMethod::kAutoencoder);
}

TEST(AnomalyConfigTest, ErrorsAtTheirPosition) {
  const std::pair<const char*, const char*> cases[] = {
      {"train:\n  task: regression\n", "mote.yaml:2:9: train.task must be classification or anomaly"},
      {"train:\n  task: anomaly\n  method: pca\n", "mote.yaml:3:11: train.method must be kmeans or autoencoder"},
      {"train:\n  task: anomaly\n  clusters: 0\n", "mote.yaml:3:13: train.clusters must be >= 1"},
      {"train:\n  normal_label: ok\n", "train.normal_label applies to task: anomaly only"},
      {"train:\n  task: anomaly\n  method: autoencoder\n  clusters: 2\n",
       "train.clusters applies to method: kmeans only"},
  };
  for (const auto& [yaml, message] : cases) {
    Result<TrainConfig> c = Parse(yaml);
    ASSERT_FALSE(c.ok()) << yaml;
    EXPECT_NE(c.status().message().find(message), std::string::npos) << c.status().message();
  }
}

}  // namespace
}  // namespace mote::train
