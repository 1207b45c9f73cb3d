#include "micro/anomaly/kmeans_score.h"

#include "micro/anomaly/square_root.h"

namespace mote::anomaly {

KMeansResult KMeansScore(const KMeansTables& model, const float* row) {
  KMeansResult best;
  if (model.clusters == 0 || model.dims == 0) return best;
  const uint32_t features = model.norm.features;
  float best_sum = 0;
  for (uint32_t c = 0; c < model.clusters; ++c) {
    const float* centroid = model.centroids + c * model.dims;
    float sum = 0;
    uint32_t f = 0;  // the feature of value d: d % features, without a division
    for (uint32_t d = 0; d < model.dims; ++d) {
      float y = row[d];
      if (features != 0) {
        y = (y - model.norm.offset[f]) * model.norm.scale[f];
        if (++f == features) f = 0;
      }
      const float diff = y - centroid[d];
      sum += diff * diff;
    }
    if (c == 0 || sum < best_sum) {
      best_sum = sum;
      best.cluster = c;
    }
  }
  const float distance = SquareRoot(best_sum);
  best.score = model.scale_by_spread ? distance / model.spread[best.cluster] : distance;
  return best;
}

}  // namespace mote::anomaly
