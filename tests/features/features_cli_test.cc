// Issue 3's acceptance through the real binary: with a dsp: section, `mote
// run` twice runs nothing the second time; changing one DSP parameter
// re-runs features and not import or dataset; `mote features` reports and
// draws; a bad dsp: section is one line with its position and changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "dsp/image_test_util.h"
#include "features/feature_set.h"
#include "test_util.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::RunMote;

// "stage:status" for each enabled stage of `mote run --json`'s output (the
// later stages, disabled without their sections, are left out).
std::string Statuses(const testing::RunResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return "error";
  const json out = json::parse(r.out);
  std::string s;
  for (const auto& st : out["stages"]) {
    if (st["status"] == "disabled") continue;
    s += (s.empty() ? "" : " ") + st["stage"].get<std::string>() + ":" + st["status"].get<std::string>();
  }
  return s;
}

void Replace(const fs::path& file, const std::string& from, const std::string& to) {
  auto text = ReadFile(file);
  ASSERT_TRUE(text.ok());
  size_t at = text->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  std::string changed = *text;
  changed.replace(at, from.size(), to);
  ASSERT_TRUE(WriteFileAtomically(file, changed).ok());
}

class FeaturesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunMote({"init", "p", "--template", "motion"}, dir_.path()).exit_code, 0);
    auto r = RunMote({"data", "synth", "motion", "--count", "3", "-q"}, p());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path p() const { return dir_ / "p"; }
  testing::TempDir dir_;
};

TEST_F(FeaturesCliTest, RunSkipsWhatDidNotChangeAndRedoesFeaturesOnly) {
  EXPECT_EQ(Statuses(RunMote({"run", "--json", "-q"}, p())), "import:ran dataset:ran features:ran");
  EXPECT_EQ(Statuses(RunMote({"run", "--json", "-q"}, p())), "import:skipped dataset:skipped features:skipped");
  // A comment and spelling change that means the same: still nothing to do.
  Replace(p() / "mote.yaml", "  num_peaks: 3\n", "  num_peaks: 3     # unchanged\n");
  EXPECT_EQ(Statuses(RunMote({"run", "--json", "-q"}, p())), "import:skipped dataset:skipped features:skipped");
  // One DSP parameter: features again, not import or dataset.
  Replace(p() / "mote.yaml", "  num_peaks: 3", "  num_peaks: 2");
  EXPECT_EQ(Statuses(RunMote({"run", "--json", "-q"}, p())), "import:skipped dataset:skipped features:ran");
  EXPECT_EQ(Statuses(RunMote({"run", "--json", "-q"}, p())), "import:skipped dataset:skipped features:skipped");
  // The status lines say the same to a person.
  Replace(p() / "mote.yaml", "  fft_length: 64", "  fft_length: 32");
  auto r = RunMote({"run"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("  import: skipped, unchanged since"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  dataset: skipped, unchanged since"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  features: running (inputs or parameters changed)"), std::string::npos) << r.err;
}

TEST_F(FeaturesCliTest, FeaturesCommandReportsAndDraws) {
  auto r = RunMote({"features", "--json", "-q"}, p());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["block"], "spectral");
  EXPECT_EQ(j["cached"], false);
  // 3 axes x (rms, skewness, kurtosis, 3 peaks x 2, 4 bands); 2 s at 62.5 Hz is one window.
  EXPECT_EQ(j["shape"]["frames"], 1);
  EXPECT_EQ(j["shape"]["features"], 3 * (3 + 6 + 4));
  EXPECT_EQ(j["samples"], 15);
  EXPECT_EQ(j["rows"], 15);
  EXPECT_EQ(j["labels"].size(), 5u);
  EXPECT_EQ(j["features"][0]["name"], "accX rms");
  EXPECT_GT(j["features"][0]["mean"].get<double>(), 0);
  EXPECT_EQ(j["pictures"].size(), 10u);  // 2 per label
  for (const auto& pic : j["pictures"]) {
    auto svg = ReadFile(p() / pic.get<std::string>());
    ASSERT_TRUE(svg.ok()) << pic;
    EXPECT_TRUE(svg->starts_with("<svg ")) << pic;
  }
  auto index = ReadFile(p() / "reports/features/index.html");
  ASSERT_TRUE(index.ok());
  EXPECT_NE(index->find("<h2>shake</h2>"), std::string::npos);
  // Again: served from the cache, same numbers.
  auto again = RunMote({"features", "--json", "-q", "--no-pictures"}, p());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  json k = json::parse(again.out);
  EXPECT_EQ(k["cached"], true);
  EXPECT_EQ(k["features"], j["features"]);
  // The text form: shape, labels, a condensed feature list.
  auto text = RunMote({"features", "-q", "--no-pictures"}, p());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("features: spectral (float), 1 frames x 39 features per window, normalize standard"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("... 27 more (--json lists all)"), std::string::npos) << text.out;
}

TEST_F(FeaturesCliTest, BadDspSectionIsOneLineAndChangesNothing) {
  auto before = RunMote({"data", "stats", "--json"}, p());
  ASSERT_EQ(before.exit_code, 0);
  Replace(p() / "mote.yaml", "  high_cutoff_hz: 20", "  high_cutoff_hz: 40");  // above 31.25 Hz
  auto r = RunMote({"features", "-q"}, p());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "mote: error: features: mote.yaml:26:19: dsp.high_cutoff_hz is invalid: low_cutoff/high_cutoff: need 0 < "
            "cutoff < sample_rate / 2 (and low < high for band-pass) (data at 62.5 Hz)\n");
  Replace(p() / "mote.yaml", "  high_cutoff_hz: 40", "  high_cutof_hz: 20");
  r = RunMote({"run", "-q"}, p());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: features: mote.yaml:26:3: unknown key 'dsp.high_cutof_hz' (did you mean "
                   "'high_cutoff_hz'?)\n");
  EXPECT_FALSE(fs::exists(p() / ".mote/stages/features") &&
               std::any_of(fs::directory_iterator(p() / ".mote/stages/features"), fs::directory_iterator(),
                           [](const fs::directory_entry& e) { return fs::exists(e.path() / "stage.json"); }));
  EXPECT_EQ(RunMote({"data", "stats", "--json"}, p()).out, before.out);
}

// The image template: the features stage runs micro/dsp's image block on
// every imported image, and `mote features` draws them as PNGs.
TEST(FeaturesCli, ImageProjectComputesTheImageBlockAndDrawsPictures) {
  testing::TempDir dir;
  const fs::path p = dir / "p";
  ASSERT_EQ(RunMote({"init", "p", "--template", "image"}, dir.path()).exit_code, 0);
  Replace(p / "mote.yaml", "  output_width: 96\n  output_height: 96\n", "  output_width: 24\n  output_height: 20\n");
  // Six 40 x 30 RGB images in two labels, as binary PPM files.
  std::vector<std::vector<uint8_t>> images;
  for (uint32_t i = 0; i < 6; ++i) {
    images.push_back(dsp::testing::RandomImage(40, 30, 3, 100 + i));
    const fs::path file = p / "data/images" / (i % 2 ? "cat" : "dog") / (std::to_string(i) + ".ppm");
    fs::create_directories(file.parent_path());
    testing::WriteText(file, "P6\n40 30\n255\n" + std::string(images.back().begin(), images.back().end()));
  }
  auto r = RunMote({"features", "--json", "-q"}, p);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["block"], "image");
  EXPECT_EQ(j["normalize"]["mode"], "none");
  EXPECT_EQ(j["shape"]["frames"], 20);
  EXPECT_EQ(j["shape"]["features"], 24 * 3);
  EXPECT_EQ(j["rows"], 6);

  // Every row is the block's output for one of the images (row order follows the store).
  dsp::ImageParams params = dsp::testing::CenterCropAreaParams(40, 30, 24, 20);
  std::vector<std::vector<float>> want;
  for (const auto& image : images) want.push_back(dsp::testing::RunImageBlock<float>(params, image));
  auto set = FeatureSet::Open(p / j["output"].get<std::string>());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  std::vector<std::vector<float>> got;
  for (uint32_t row = 0; row < (*set)->rows(); ++row) {
    auto values = (*set)->ReadRows(row, 1, /*normalized=*/false);
    ASSERT_TRUE(values.ok());
    got.push_back(*values);
  }
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  EXPECT_TRUE(got == want);

  ASSERT_EQ(j["pictures"].size(), 4u);  // 2 per label
  for (const auto& pic : j["pictures"]) {
    EXPECT_TRUE(pic.get<std::string>().ends_with(".png")) << pic;
    auto png = ReadFile(p / pic.get<std::string>());
    ASSERT_TRUE(png.ok()) << pic;
    EXPECT_TRUE(png->starts_with("\x89PNG\r\n")) << pic;
    // IHDR: width 24, height 20, 8 bits, colour type 2 (RGB).
    EXPECT_EQ(png->substr(16, 10), std::string("\0\0\0\x18\0\0\0\x14\x08\x02", 10)) << pic;
  }
  auto index = ReadFile(p / "reports/features/index.html");
  ASSERT_TRUE(index.ok());
  EXPECT_NE(index->find("<h2>cat</h2>"), std::string::npos);
}

TEST(FeaturesCli, NoDspSectionIsAnError) {
  testing::TempDir dir;
  testing::WriteText(dir / "mote.yaml", "project:\n  name: t\n");
  auto r = RunMote({"features"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: mote.yaml: no dsp: section; add one to choose a feature block (docs/mote-yaml.md)\n");
}

}  // namespace
}  // namespace mote
