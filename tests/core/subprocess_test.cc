#include "core/subprocess.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace mote {
namespace {

TEST(Subprocess, FindsProgramsInPath) {
  EXPECT_FALSE(FindProgram("sh").empty());
  EXPECT_TRUE(FindProgram("no-such-program-mote").empty());
  EXPECT_EQ(FindProgram("/bin/sh"), std::filesystem::path("/bin/sh"));
}

TEST(Subprocess, PassesArgumentsWithoutAShell) {
  testing::TempDir dir;
  // A shell would split this argument and run the second command.
  auto target = dir / "a b; touch pwned";
  ASSERT_TRUE(RunProgram({"touch", target.string()}).ok());
  EXPECT_TRUE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(dir / "pwned"));
}

TEST(Subprocess, FailureNamesTheProgramAndItsLastLine) {
  Status s = RunProgram({"sh", "-c", "echo first; echo 'last words' >&2; exit 3"});
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(s.message(), "sh exited with status 3: last words");
  s = RunProgram({"sh", "-c", "kill -9 $$"});
  EXPECT_EQ(s.message(), "sh killed by signal 9");
  s = RunProgram({"no-such-program-mote"});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no-such-program-mote"), std::string::npos);
}

}  // namespace
}  // namespace mote
