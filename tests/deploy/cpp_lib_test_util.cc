#include "deploy/cpp_lib_test_util.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace mote::testing {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int Shell(const std::string& command, const fs::path& log_file, std::string* log) {
  const int status = std::system((command + " > '" + log_file.string() + "' 2>&1").c_str());
  *log = ReadText(log_file);
  return status;
}

std::vector<uint8_t> ExportBuildRun(const fs::path& model, const std::string& runtime,
                                    const std::vector<fs::path>& inputs, const fs::path& dir, json* exported,
                                    std::vector<uint8_t>* second) {
  const RunResult e = RunMote({"export", "--model", model.string(), "--format", "cpp-lib", "--runtime", runtime,
                               "--name", "model", "-o", "lib", "--json"},
                              dir);
  EXPECT_EQ(e.exit_code, 0) << e.err;
  if (e.exit_code != 0) return {};
  *exported = json::parse(e.out);
  const fs::path lib = dir / "lib";
  fs::copy_file(fs::path(MOTE_SOURCE_DIR) / "tests" / "deploy" / "cpp_lib_harness.c.in", dir / "harness.c",
                fs::copy_options::overwrite_existing);
  const std::string includes = " -I'" + lib.string() + "' -I'" + std::string(MOTE_SOURCE_DIR) + "'";
  const std::string build =
      std::string(MOTE_HOST_CXX) + " -std=c++17 -O1 -ffp-contract=off -fno-exceptions -fno-rtti -Wall -Werror" +
      includes + " -c '" + (lib / "model.cc").string() + "' -o '" + (dir / "model.o").string() + "' && " +
      MOTE_HOST_CC + " -std=c11 -O1 -Wall -Werror" + includes + " -c '" + (dir / "harness.c").string() + "' -o '" +
      (dir / "harness.o").string() + "' && " + MOTE_HOST_CXX + " '" + (dir / "harness.o").string() + "' '" +
      (dir / "model.o").string() + "' '" + MOTE_MICRO_LIBRARY + "' -o '" + (dir / "run").string() + "'";
  std::string log;
  EXPECT_EQ(Shell(build, dir / "build.log", &log), 0) << log;
  std::string run = "'" + (dir / "run").string() + "' '" + dir.string() + "'";
  for (const fs::path& in : inputs) run += " '" + in.string() + "'";
  EXPECT_EQ(Shell(run, dir / "run.log", &log), 0) << log;
  EXPECT_NE(log.find("arena " + std::to_string((*exported)["arena_bytes"].get<uint64_t>())), std::string::npos)
      << log;
  if (!fs::exists(dir / "output_0.bin")) return {};
  const std::vector<uint8_t> first = ReadBytes(dir / "output_0.bin");
  EXPECT_EQ(ReadBytes(dir / "reinit_0.bin"), first) << "init did not reset the state";
  if (second) *second = ReadBytes(dir / "second_0.bin");
  return first;
}

}  // namespace mote::testing
