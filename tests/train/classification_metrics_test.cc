// ComputeClassificationMetrics against figures worked out by hand.
#include <gtest/gtest.h>

#include "train/classification_metrics.h"

namespace mote::train {
namespace {

TEST(ClassificationMetricsTest, MatchesAHandWorkedExample) {
  // labels      a a a b b c
  // predictions a a b b a a   (c is never predicted; nothing is labelled d)
  const std::vector<int32_t> labels = {0, 0, 0, 1, 1, 2}, predictions = {0, 0, 1, 1, 0, 0};
  const ClassificationMetrics m = ComputeClassificationMetrics({"a", "b", "c", "d"}, labels, predictions);
  EXPECT_EQ(m.count, 6);
  EXPECT_DOUBLE_EQ(m.accuracy, 3.0 / 6);
  EXPECT_EQ(m.confusion, (std::vector<std::vector<int64_t>>{{2, 1, 0, 0}, {1, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}}));
  // a: precision 2/4, recall 2/3, f1 2pr/(p+r) = 4/7.
  EXPECT_EQ(m.per_class[0].support, 3);
  EXPECT_DOUBLE_EQ(m.per_class[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(m.per_class[0].recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.per_class[0].f1, 4.0 / 7);
  // b: precision 1/2, recall 1/2.
  EXPECT_DOUBLE_EQ(m.per_class[1].f1, 0.5);
  // c: never predicted, d: never present: zeros, not NaN.
  EXPECT_EQ(m.per_class[2].support, 1);
  EXPECT_DOUBLE_EQ(m.per_class[2].precision, 0);
  EXPECT_DOUBLE_EQ(m.per_class[3].recall, 0);
  EXPECT_DOUBLE_EQ(m.per_class[3].f1, 0);
  EXPECT_DOUBLE_EQ(m.macro_f1, (4.0 / 7 + 0.5) / 4);

  const nlohmann::json j = m.ToJson();
  EXPECT_EQ(j["per_class"][0]["class"], "a");
  EXPECT_DOUBLE_EQ(j["per_class"][1]["recall"].get<double>(), 0.5);
  const std::string text = m.ToText();
  EXPECT_NE(text.find("accuracy 50.00 % on 6 examples"), std::string::npos) << text;
}

}  // namespace
}  // namespace mote::train
