#include "deploy/qemu_test_util.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "core/file_util.h"
#include "test_util.h"

namespace mote::testing {

bool QemuOnPath() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((dir + "/qemu-system-arm").c_str(), X_OK) == 0) return true;
  return false;
}

std::string ReadOrFail(const std::filesystem::path& path) {
  Result<std::string> bytes = ReadFile(path);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

std::vector<std::string> GoldenInputs(const std::string& model) {
  std::vector<std::string> inputs;
  const std::filesystem::path dir = SharedModelsDir() / "golden" / model;
  for (int k = 0; std::filesystem::exists(dir / ("input_" + std::to_string(k) + ".bin")); ++k)
    inputs.push_back(ReadOrFail(dir / ("input_" + std::to_string(k) + ".bin")));
  return inputs;
}

void ExpectSameAsGolden(const std::string& got, const std::string& expected, bool is_float) {
  ASSERT_EQ(got.size(), expected.size());
  if (!is_float) {
    EXPECT_EQ(got, expected) << "not TensorFlow Lite Micro's bytes";
    return;
  }
  for (size_t i = 0; i < got.size() / 4; ++i) {
    float g, e;
    std::memcpy(&g, got.data() + 4 * i, 4);
    std::memcpy(&e, expected.data() + 4 * i, 4);
    EXPECT_LE(std::fabs(g - e), 1e-5 * std::fabs(e) + 1e-6) << "element " << i << ": " << g << " vs " << e;
  }
}

std::string BoardTestName(const ::testing::TestParamInfo<DeviceTarget>& info) {
  std::string name(info.param.board);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

}  // namespace mote::testing

namespace mote {
void PrintTo(const DeviceTarget& target, std::ostream* out) { *out << target.name; }
}  // namespace mote
