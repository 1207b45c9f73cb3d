// RocAuc against a hand-counted example with ties, and its extremes.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "train/roc_auc.h"

namespace mote::train {
namespace {

TEST(RocAucTest, MatchesPairCountingWithTies) {
  // Positives score 0.4 and 0.8; negatives 0.1, 0.35, 0.4. Pairs where the
  // positive is higher: 0.4 beats 0.1 and 0.35 and ties 0.4 (one half);
  // 0.8 beats all three. (2.5 + 3) / (2 * 3).
  const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8, 0.4};
  const std::vector<uint8_t> positive = {0, 1, 0, 1, 0};
  Result<double> auc = RocAuc(scores, positive);
  ASSERT_TRUE(auc.ok()) << auc.status().ToString();
  EXPECT_DOUBLE_EQ(*auc, 5.5 / 6);
}

TEST(RocAucTest, PerfectInvertedAndUninformativeScores) {
  const std::vector<uint8_t> positive = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(*RocAuc(std::vector<double>{1, 2, 3, 4}, positive), 1.0);
  EXPECT_DOUBLE_EQ(*RocAuc(std::vector<double>{4, 3, 2, 1}, positive), 0.0);
  EXPECT_DOUBLE_EQ(*RocAuc(std::vector<double>{7, 7, 7, 7}, positive), 0.5);  // all tied
  EXPECT_DOUBLE_EQ(*RocAuc(std::vector<double>{1, 2, 1, 2}, positive), 0.5);
}

TEST(RocAucTest, RejectsMissingClassMismatchAndNaN) {
  EXPECT_FALSE(RocAuc(std::vector<double>{1, 2}, std::vector<uint8_t>{1, 1}).ok());
  EXPECT_FALSE(RocAuc(std::vector<double>{1, 2}, std::vector<uint8_t>{1}).ok());
  EXPECT_FALSE(RocAuc(std::vector<double>{1, std::nan("")}, std::vector<uint8_t>{0, 1}).ok());
}

}  // namespace
}  // namespace mote::train
