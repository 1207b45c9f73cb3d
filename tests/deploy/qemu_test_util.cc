#include "deploy/qemu_test_util.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace mote::testing {

bool QemuOnPath() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((dir + "/qemu-system-arm").c_str(), X_OK) == 0) return true;
  return false;
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
