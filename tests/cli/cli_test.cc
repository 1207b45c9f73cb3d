// The `mote` command as a user meets it: exit codes, one-line errors, --json.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace mote {
namespace {

using testing::RunMote;
using testing::TempDir;

TEST(Cli, VersionHelpAndUsageErrors) {
  TempDir d;
  auto v = RunMote({"--version"}, d.path());
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_TRUE(v.out.starts_with("mote 0.")) << v.out;
  auto h = RunMote({"data", "import", "--help"}, d.path());
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--label-from"), std::string::npos);
  EXPECT_EQ(RunMote({"frobnicate"}, d.path()).exit_code, 2);
  EXPECT_EQ(RunMote({}, d.path()).exit_code, 2);
  EXPECT_EQ(RunMote({"init", d.path() / "p", "--template", "toaster"}, d.path()).exit_code, 2);
}

TEST(Cli, InitWritesAProjectOnceAndEveryTemplateValidates) {
  TempDir d;
  for (const char* t : {"image", "kws", "motion", "anomaly"}) {
    auto r = RunMote({"init", t, "--template", t}, d.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(d / t / "mote.yaml"));
    EXPECT_TRUE(std::filesystem::is_directory(d / t / "data"));
    auto s = RunMote({"-C", (d / t).string(), "data", "stats", "--json"}, d.path());
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_EQ(nlohmann::json::parse(s.out)["total"], 0);
  }
  auto again = RunMote({"init", "image"}, d.path());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
}

TEST(Cli, ErrorsAreOneLineWithPosition) {
  TempDir d;
  ASSERT_EQ(RunMote({"init", "p"}, d.path()).exit_code, 0);
  testing::WriteText(d / "p/mote.yaml", "project:\n  name: p\nwindow:\n  size_ms: 0\n");
  auto r = RunMote({"data", "stats"}, d / "p");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mote: error: mote.yaml:4:12: window.size_ms must be > 0\n");
  auto outside = RunMote({"data", "stats"}, d.path());
  EXPECT_EQ(outside.exit_code, 1);
  EXPECT_NE(outside.err.find("no mote.yaml"), std::string::npos);
}

TEST(Cli, EditsNeedASelection) {
  TempDir d;
  ASSERT_EQ(RunMote({"init", "p"}, d.path()).exit_code, 0);
  auto r = RunMote({"data", "exclude"}, d / "p");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(RunMote({"data", "relabel", "--query", "colour=red", "--to", "x"}, d / "p").exit_code, 2);
  auto diff = RunMote({"data", "diff", "nope"}, d / "p");
  EXPECT_EQ(diff.exit_code, 1);
  EXPECT_NE(diff.err.find("no snapshot named 'nope'"), std::string::npos);
}

}  // namespace
}  // namespace mote
