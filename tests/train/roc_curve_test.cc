// ROC curves (roc_curve.h): vertices on separable and tied scores, linear
// reading between them, and the area under the vertices equal to the
// Mann-Whitney AUC of roc_auc.h on seeded random scores with ties.
#include "train/roc_curve.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "train/roc_auc.h"

namespace mote::train {
namespace {

TEST(RocCurveTest, SeparableScoresRiseToTheTopBeforeAnyFalsePositive) {
  const std::vector<double> scores = {0.9, 0.1, 0.8, 0.2};
  const std::vector<uint8_t> positive = {1, 0, 1, 0};
  auto curve = RocCurve(scores, positive);
  ASSERT_TRUE(curve.ok()) << curve.status().ToString();
  ASSERT_EQ(curve->size(), 5u);
  const double expected[][2] = {{0, 0}, {0, 0.5}, {0, 1}, {0.5, 1}, {1, 1}};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_DOUBLE_EQ((*curve)[i].fpr, expected[i][0]) << i;
    EXPECT_DOUBLE_EQ((*curve)[i].tpr, expected[i][1]) << i;
  }
  EXPECT_DOUBLE_EQ(TprAt(*curve, 0.0), 1.0);  // the vertical rise at 0 counts whole
  EXPECT_DOUBLE_EQ(TprAt(*curve, 0.7), 1.0);
}

TEST(RocCurveTest, TiesAreOneDiagonalStep) {
  auto curve = RocCurve(std::vector<double>{0.5, 0.5, 0.5, 0.5}, std::vector<uint8_t>{1, 0, 0, 1});
  ASSERT_TRUE(curve.ok());
  ASSERT_EQ(curve->size(), 2u);
  EXPECT_DOUBLE_EQ(TprAt(*curve, 0.3), 0.3);
  EXPECT_FALSE(RocCurve(std::vector<double>{0.1, 0.2}, std::vector<uint8_t>{1, 1}).ok());  // no negatives
}

TEST(RocCurveTest, AreaUnderTheVerticesIsTheMannWhitneyAuc) {
  std::mt19937 gen(11);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> scores;
  std::vector<uint8_t> positive;
  for (int i = 0; i < 500; ++i) {
    positive.push_back(i % 3 == 0);
    scores.push_back(std::round((noise(gen) + (positive.back() ? 0.8 : 0.0)) * 10) / 10);  // many ties
  }
  auto curve = RocCurve(scores, positive);
  auto auc = RocAuc(scores, positive);
  ASSERT_TRUE(curve.ok() && auc.ok());
  double area = 0;
  for (size_t i = 1; i < curve->size(); ++i) {
    area += ((*curve)[i].fpr - (*curve)[i - 1].fpr) * ((*curve)[i].tpr + (*curve)[i - 1].tpr) / 2;
  }
  EXPECT_NEAR(area, *auc, 1e-12);
  EXPECT_GT(*auc, 0.6);
  EXPECT_DOUBLE_EQ(curve->back().fpr, 1.0);
  EXPECT_DOUBLE_EQ(curve->back().tpr, 1.0);
}

}  // namespace
}  // namespace mote::train
