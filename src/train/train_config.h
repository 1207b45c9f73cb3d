// The `train:` section of mote.yaml: how the `model:` network is trained.
//
//   train:
//     epochs: 10           # >= 1
//     batch_size: 32       # >= 1
//     seed: 1              # weights, shuffle, dropout, validation split
//     threads: 2           # >= 1; results are identical for equal seed and threads
//     optimizer: adam      # sgd | adam | adamw
//     lr: 0.001            # > 0
//     momentum: 0.9        # sgd; nesterov: true for Nesterov momentum
//     weight_decay: 0.0001 # adamw's decoupled decay
//     l2: 0                # L2 regularisation of the weights, any optimizer
//     schedule: cosine     # constant | step | cosine
//     step_epochs: 10      # step: epochs between decays; gamma: 0.1
//     min_lr: 0            # cosine's floor
//     warmup_epochs: 0     # linear warm-up
//     label_smoothing: 0   # [0, 1)
//     validation: 0.2      # [0, 0.9]: share of the train split's samples held out
//     patience: 0          # early stopping on the validation loss (0: off)
//     task: classification # classification | anomaly (docs/training.md)
//     method: kmeans       # anomaly: kmeans (no model: section needed) |
//                          #   autoencoder (the model: network, MSE)
//     clusters: 8          # kmeans: k (seeded by `seed`)
//     scale_by_spread: true  # kmeans: distance in units of the cluster's spread
//     normal_label: normal # anomaly: the class trained on; the rest are anomalies
//     augment: {...}       # classification: random changes to the raw training
//                          #   windows (augmentation.h)
//     freeze: 0            # with `mote train --from`: the first N layers keep
//                          #   the source's weights (--freeze N overrides)
// Every key is optional. The section is optional: a `model:` section alone
// trains with these defaults.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "core/yaml_section.h"
#include "train/augmentation.h"
#include "train/trainer.h"

namespace mote::train {

enum class TrainTask { kClassification, kAnomaly };
enum class AnomalyMethod { kKMeans, kAutoencoder };

// Anomaly detection without labels: fit on the `normal_label` class only,
// score every test row, report ROC AUC of normal against the rest.
struct AnomalyConfig {
  AnomalyMethod method = AnomalyMethod::kKMeans;
  int64_t clusters = 8;
  bool scale_by_spread = true;
  std::string normal_label = "normal";
};

struct TrainConfig {
  TrainTask task = TrainTask::kClassification;
  AnomalyConfig anomaly;  // task kAnomaly only
  AugmentConfig augment;  // task kClassification only

  TrainOptions options;  // schedule steps not yet known: see ForBatches
  double step_epochs = 10, warmup_epochs = 0;
  double validation = 0.2;
  int64_t freeze = 0;  // fine-tuning only (StartFrom)

  // task: anomaly with method: kmeans, which trains no network.
  bool KMeansAnomaly() const { return task == TrainTask::kAnomaly && anomaly.method == AnomalyMethod::kKMeans; }

  // `options` with the schedule's epoch counts turned into steps for
  // `batches_per_epoch` batches.
  TrainOptions ForBatches(int64_t batches_per_epoch) const;
};

// Parses the `train:` mapping (may be empty); InvalidArgument at
// file:line:col for unknown keys, wrong types or out-of-range values.
Result<TrainConfig> ParseTrainConfig(const YamlSection& section);

// Whether mote.yaml (`root`) has a valid train: section that asks for
// K-means anomaly detection: training that needs no model: section.
bool TrainsWithoutModel(const YamlSection& root);

}  // namespace mote::train
