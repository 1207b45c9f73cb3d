// The CSV importer: timestamps (ms, s, guessed), units in the header,
// separators, BOM and CRLF, label-column runs; and the one-line errors for
// ragged rows, non-numbers, missing headers, unknown label columns and
// non-increasing timestamps, which leave the store unchanged.
#include <gtest/gtest.h>

#include "data/dataset_store.h"
#include "data/import_test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;

class CsvImporterTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& text) {
    fs::path p = tmp_ / "csv" / name;
    WriteText(p, text);
    return p;
  }
  Result<std::vector<ImportedSample>> Read(const fs::path& file, const ImportOptions& options = {}) {
    return ReadWith("csv", {file}, options);
  }
  TempDir tmp_;
};

std::vector<float> Values(const ImportedSample& s) {
  auto v = s.data.f32();
  return {v.begin(), v.end()};
}

TEST_F(CsvImporterTest, TimestampsInMillisecondsAndUnitsFromTheHeader) {
  auto samples = Read(Write("a.csv", "timestamp,accX (m/s2),accY[m/s2],gyrZ\n0,1,2,3\n10,4.5,-5,6e-1\n20,7,8,9\n"));
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 1u);
  const ImportedSample& s = (*samples)[0];
  EXPECT_EQ(s.data.dtype, DType::kF32);
  EXPECT_EQ(s.data.shape, (std::vector<uint32_t>{3, 3}));
  EXPECT_EQ(Values(s), (std::vector<float>{1, 2, 3, 4.5f, -5, 0.6f, 7, 8, 9}));
  EXPECT_DOUBLE_EQ(s.sample_rate_hz, 100);
  ASSERT_EQ(s.axes.size(), 3u);
  EXPECT_EQ(s.axes[0].name, "accX");
  EXPECT_EQ(s.axes[0].units, "m/s2");
  EXPECT_EQ(s.axes[1].name, "accY");
  EXPECT_EQ(s.axes[1].units, "m/s2");
  EXPECT_EQ(s.axes[2].name, "gyrZ");
  EXPECT_EQ(s.axes[2].units, "");
  EXPECT_EQ(s.label, "");
  EXPECT_EQ(s.source, (tmp_ / "csv" / "a.csv").string());
}

TEST_F(CsvImporterTest, SecondsSemicolonsDecimalCommasBomAndCrlf) {
  auto samples = Read(Write("b.csv", "\xEF\xBB\xBFtime_s;x;y\r\n0,000;1,5;2\r\n0,004;-2;3\r\n0,008;4;5\r\n"));
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 1u);
  EXPECT_NEAR((*samples)[0].sample_rate_hz, 250, 1e-6);
  EXPECT_EQ((*samples)[0].axes[0].name, "x");
  EXPECT_EQ(Values((*samples)[0]), (std::vector<float>{1.5f, 2, -2, 3, 4, 5}));
}

TEST_F(CsvImporterTest, UnitsGuessedFromMagnitudes) {
  // Whole numbers without a unit are milliseconds (40 Hz); fractions with
  // steps below one are seconds (200 Hz).
  auto ms = Read(Write("ms.csv", "t,x\n1000,1\n1025,2\n1050,3\n"));
  ASSERT_TRUE(ms.ok()) << ms.status().ToString();
  EXPECT_NEAR((*ms)[0].sample_rate_hz, 40, 1e-9);
  auto s = Read(Write("s.csv", "time,x\n0.000,1\n0.005,2\n0.010,3\n"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR((*s)[0].sample_rate_hz, 200, 1e-6);
  auto us = Read(Write("us.csv", "timestamp (us),x\n0,1\n500,2\n1000,3\n"));
  ASSERT_TRUE(us.ok()) << us.status().ToString();
  EXPECT_NEAR((*us)[0].sample_rate_hz, 2000, 1e-6);
}

TEST_F(CsvImporterTest, RateFromTheMedianIntervalDespiteJitterAndAGap) {
  auto samples = Read(Write("j.csv", "timestamp,x\n0,0\n10,0\n21,0\n30,0\n40,0\n95,0\n105,0\n"));
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  EXPECT_NEAR((*samples)[0].sample_rate_hz, 100, 1e-9);
}

TEST_F(CsvImporterTest, ValuesOnlyNeedAFrequency) {
  fs::path f = Write("v.csv", "x\ty\n1\t2\n3\t4\n");
  auto missing = Read(f);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("v.csv:1: no timestamp column"), std::string::npos)
      << missing.status().ToString();
  ImportOptions options;
  options.frequency_hz = 62.5;
  auto samples = Read(f, options);
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  EXPECT_EQ((*samples)[0].sample_rate_hz, 62.5);
  EXPECT_EQ(Values((*samples)[0]), (std::vector<float>{1, 2, 3, 4}));
}

TEST_F(CsvImporterTest, LabelColumnSplitsRunsIntoSamples) {
  fs::path f = Write("l.csv",
                     "timestamp,\"label\",x\n0,wave,1\n20,wave,2\n40,idle,3\n60,wave,4\n80,wave,5\n100,wave,6\n");
  ImportOptions options;
  options.label_column = "label";
  auto samples = Read(f, options);
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->size(), 3u);
  EXPECT_EQ((*samples)[0].label, "wave");
  EXPECT_EQ((*samples)[1].label, "idle");
  EXPECT_EQ((*samples)[2].label, "wave");
  EXPECT_EQ(Values((*samples)[0]), (std::vector<float>{1, 2}));
  EXPECT_EQ(Values((*samples)[1]), (std::vector<float>{3}));
  EXPECT_EQ(Values((*samples)[2]), (std::vector<float>{4, 5, 6}));
  EXPECT_EQ((*samples)[2].source, f.string() + "#5-7");
  for (const auto& s : *samples) {
    EXPECT_NEAR(s.sample_rate_hz, 50, 1e-9);
    ASSERT_EQ(s.axes.size(), 1u);  // the label column is not an axis
    EXPECT_EQ(s.axes[0].name, "x");
  }
}

TEST_F(CsvImporterTest, ImportsThroughTheCli) {
  fs::path project = MakeProject(tmp_);
  fs::path f = Write("g.csv", "timestamp,x,y,gesture\n0,1,2,up\n10,3,4,up\n20,5,6,down\n");
  RunResult r = RunImport(project, {f.string(), "--label-column", "gesture"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = DatasetStore::Open(project / ".mote" / "store.db");
  ASSERT_TRUE(store.ok());
  auto list = (*store)->List(SampleFilter{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].label, "up");
  EXPECT_EQ((*list)[0].shape, (std::vector<uint32_t>{2, 2}));
  EXPECT_EQ((*list)[1].label, "down");
  EXPECT_DOUBLE_EQ((*list)[1].sample_rate_hz, 100);
  auto data = (*store)->Load((*list)[1].hash);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(std::vector<float>(data->f32().begin(), data->f32().end()), (std::vector<float>{5, 6}));
}

class CsvErrorTest : public CsvImporterTest {
 protected:
  void SetUp() override {
    project_ = MakeProject(tmp_);
    good_ = Write("good.csv", "timestamp,x,y,z\n0,1,2,3\n10,4,5,6\n");
  }
  // Imports a good file and then `bad`: the good one must not be stored either.
  void ExpectFails(const fs::path& bad, const std::vector<std::string>& expected,
                   const std::vector<std::string>& flags = {"--label", "x"}) {
    std::vector<std::string> args = {good_.string(), bad.string()};
    args.insert(args.end(), flags.begin(), flags.end());
    ExpectImportFails(project_, args, expected);
  }
  fs::path project_, good_;
};

TEST_F(CsvErrorTest, RaggedRow) {
  std::string text = "timestamp,x,y,z\n";
  for (int i = 0; i < 10; ++i) text += std::to_string(i * 10) + ",1,2,3\n";
  text += "100,1,2\n";  // line 12
  ExpectFails(Write("a.csv", text), {"a.csv:12: expected 4 values, got 3"});
}

TEST_F(CsvErrorTest, NotANumber) {
  ExpectFails(Write("a.csv", "timestamp,accX,accY\n0,1,2\n10,1,2\n20,1,2\n30,1,2\n40,1,2\n50,1,abc\n"),
              {"a.csv:7: column 'accY': 'abc' is not a number"});
}

TEST_F(CsvErrorTest, MissingHeader) {
  ExpectFails(Write("a.csv", "0,1,2\n10,3,4\n"), {"a.csv:1: no header line"});
}

TEST_F(CsvErrorTest, EmptyFile) { ExpectFails(Write("a.csv", "\n\n"), {"a.csv: empty file"}); }

TEST_F(CsvErrorTest, UnknownLabelColumnListsTheHeader) {
  fs::path labelled = Write("labelled.csv", "timestamp,x,gesture\n0,1,up\n10,2,up\n");
  ExpectImportFails(project_,
                    {labelled.string(), Write("a.csv", "timestamp,x,y,z\n0,1,2,3\n").string(), "--label-column",
                     "gesture"},
                    {"a.csv:1: no column 'gesture'", "(columns: timestamp, x, y, z)"});
}

TEST_F(CsvErrorTest, TimestampsThatGoBack) {
  ExpectFails(Write("a.csv", "timestamp,x\n0,1\n10,2\n5,3\n"),
              {"a.csv:4: timestamp 5 is not after the previous one (10)"});
}

TEST_F(CsvErrorTest, NoTimestampAndNoFrequency) {
  ExpectFails(Write("a.csv", "x,y\n1,2\n"), {"a.csv:1: no timestamp column", "--frequency"});
}

TEST_F(CsvErrorTest, UnterminatedQuote) {
  ExpectFails(Write("a.csv", "timestamp,x\n0,1\n10,\"2\n"), {"a.csv:3: unterminated quote"});
}

}  // namespace
}  // namespace mote::testing
