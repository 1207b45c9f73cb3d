#include <gtest/gtest.h>

#include "data/serial/forwarder_line.h"

namespace mote {
namespace {

std::vector<float> Values(std::string_view line) {
  ForwarderLine parsed = ParseForwarderLine(line);
  EXPECT_TRUE(parsed.ok()) << line << ": " << parsed.error;
  return parsed.values;
}

std::string Error(std::string_view line) {
  ForwarderLine parsed = ParseForwarderLine(line);
  EXPECT_FALSE(parsed.ok()) << line;
  EXPECT_TRUE(parsed.values.empty()) << line;
  return parsed.error;
}

TEST(CollectForwarderLine, ReadsCommaAndTabSeparatedNumbers) {
  EXPECT_EQ(Values("0.5,-9.81,3"), (std::vector<float>{0.5f, -9.81f, 3.f}));
  EXPECT_EQ(Values("12\t40\t7"), (std::vector<float>{12, 40, 7}));
  EXPECT_EQ(Values("1, 2\t 3 ,4"), (std::vector<float>{1, 2, 3, 4}));  // mixed separators, spaces around
  EXPECT_EQ(Values("42"), (std::vector<float>{42}));
}

TEST(CollectForwarderLine, AcceptsCrlfSignsAndExponents) {
  EXPECT_EQ(Values("1,2,3\r"), (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(Values("  +2.5 , -1e-2 ,3E2  \r"), (std::vector<float>{2.5f, -0.01f, 300.f}));
}

TEST(CollectForwarderLine, RefusesEmptyValues) {
  EXPECT_EQ(Error("1,,3"), "value 2 is empty");
  EXPECT_EQ(Error("1,2,3,"), "value 4 is empty");
  EXPECT_EQ(Error(",1"), "value 1 is empty");
  EXPECT_EQ(Error("1, \t3"), "value 2 is empty");
}

TEST(CollectForwarderLine, RefusesNonNumbers) {
  EXPECT_EQ(Error("1,abc,3"), "value 2 'abc' is not a finite number");
  EXPECT_EQ(Error("1.2.3"), "value 1 '1.2.3' is not a finite number");
  EXPECT_EQ(Error("1 2 3"), "value 1 '1 2 3' is not a finite number");  // spaces do not separate
  EXPECT_EQ(Error("nan,1"), "value 1 'nan' is not a finite number");
  EXPECT_EQ(Error("1,inf"), "value 2 'inf' is not a finite number");
  EXPECT_EQ(Error("1e50"), "value 1 '1e50' is not a finite number");  // beyond float
  EXPECT_EQ(Error("+-1"), "value 1 '+-1' is not a finite number");
  EXPECT_EQ(Error("+"), "value 1 '+' is not a finite number");
  EXPECT_EQ(Error("accX,accY"), "value 1 'accX' is not a finite number");
}

TEST(CollectForwarderLine, QuotesBinaryNoiseShortAndPrintable) {
  std::string noise = "\x01\xff\x80zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
  EXPECT_EQ(Error(noise), "value 1 '???zzzzzzzzzzzzz...' is not a finite number");
}

TEST(CollectForwarderLine, BlankLinesAreNeitherDataNorGarbage) {
  EXPECT_TRUE(IsBlankForwarderLine(""));
  EXPECT_TRUE(IsBlankForwarderLine("\r"));
  EXPECT_TRUE(IsBlankForwarderLine(" \t \r"));
  EXPECT_FALSE(IsBlankForwarderLine(" 1"));
  EXPECT_FALSE(IsBlankForwarderLine(","));
}

}  // namespace
}  // namespace mote
