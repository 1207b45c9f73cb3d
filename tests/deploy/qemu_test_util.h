// What the emulated-board tests share: whether QEMU is there to run them,
// and names for tests parameterized by board.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <filesystem>
#include <string>
#include <vector>

#include "deploy/nn_device_runner.h"

namespace mote::testing {

// True if qemu-system-arm is an executable file on $PATH.
bool QemuOnPath();

// The bytes of `path`; a test failure and "" when it cannot be read.
std::string ReadOrFail(const std::filesystem::path& path);

// The golden inputs of shared model `model` (golden/MODEL/input_0.bin, ...).
std::vector<std::string> GoldenInputs(const std::string& model);

// A test failure unless `got` is the golden `expected` output: byte for
// byte, or for float32 within 1e-5 relative plus 1e-6 absolute.
void ExpectSameAsGolden(const std::string& got, const std::string& expected, bool is_float);

// "mps2_an386" for the parameter qemu-mps2-an386: a test name for
// INSTANTIATE_TEST_SUITE_P(..., ::testing::ValuesIn(DeviceTargets()...), BoardTestName).
std::string BoardTestName(const ::testing::TestParamInfo<DeviceTarget>& info);

}  // namespace mote::testing

namespace mote {
// gtest prints a board parameter by its target name (found by ADL).
void PrintTo(const DeviceTarget& target, std::ostream* out);
}  // namespace mote
