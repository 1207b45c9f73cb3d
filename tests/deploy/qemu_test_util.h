// What the emulated-board tests share: whether QEMU is there to run them,
// and names for tests parameterized by board.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "deploy/nn_device_runner.h"

namespace mote::testing {

// True if qemu-system-arm is an executable file on $PATH.
bool QemuOnPath();

// "mps2_an386" for the parameter qemu-mps2-an386: a test name for
// INSTANTIATE_TEST_SUITE_P(..., ::testing::ValuesIn(DeviceTargets()...), BoardTestName).
std::string BoardTestName(const ::testing::TestParamInfo<DeviceTarget>& info);

}  // namespace mote::testing

namespace mote {
// gtest prints a board parameter by its target name (found by ADL).
void PrintTo(const DeviceTarget& target, std::ostream* out);
}  // namespace mote
