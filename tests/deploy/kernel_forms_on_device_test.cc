// The kernels' core-specific forms (DSP on the M4/M7/M33, MVE on the M55;
// micro/nn/kernels/int8_mac.h and dot_rows.h) against the host's portable
// form, on shapes the golden models do not reach: CONV_2D depths of an odd
// number of groups of four plus a tail (3x3x5 = 45, 3x3x7 = 63, 3x3x12 =
// 108, 1x1x5 = 5; the MVE form's predicated last group), FULLY_CONNECTED
// rows of 7 and 12 (shorter than sixteen) with 10 outputs (two past the
// blocks of four). The device's output must be the host's byte for byte.
// Skips without the cross compiler or QEMU.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "deploy/nn_device_runner.h"
#include "deploy/qemu_test_util.h"
#include "nn/nn_test_util.h"
#include "nn/residual_net_model.h"

namespace mote {
namespace {

using testing::AlignedBytes;
using testing::ErrorText;
using testing::ResidualNetShape;

// `tflite` run once by micro/nn on the host: output 0's bytes.
std::string HostOutput(const std::string& tflite, const std::vector<uint8_t>& input) {
  const AlignedBytes blob(std::vector<uint8_t>(tflite.begin(), tflite.end()));
  nn::Interpreter interpreter;
  EXPECT_EQ(interpreter.Init(blob.data(), blob.size()), nn::NnStatus::kOk) << ErrorText(interpreter);
  AlignedBytes arena;
  EXPECT_EQ(testing::PrepareWithNeededArena(interpreter, &arena), nn::NnStatus::kOk) << ErrorText(interpreter);
  EXPECT_EQ(interpreter.input(0).bytes, input.size());
  std::memcpy(interpreter.input(0).data, input.data(), input.size());
  EXPECT_EQ(interpreter.Invoke(), nn::NnStatus::kOk) << ErrorText(interpreter);
  const auto* out = static_cast<const char*>(interpreter.output(0).data);
  return std::string(out, interpreter.output(0).bytes);
}

class KernelFormsOnDeviceTest : public ::testing::TestWithParam<DeviceTarget> {};

TEST_P(KernelFormsOnDeviceTest, OddDepthsGiveTheHostsBytes) {
  if (std::string(MOTE_HELLO_FIRMWARE).empty())
    GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to run";
  if (!testing::QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH (Debian package qemu-system-arm)";
  const std::vector<uint8_t> input = testing::ResidualNetInput();
  for (const ResidualNetShape& shape : {ResidualNetShape{5, {7}}, ResidualNetShape{8, {12}}}) {
    SCOPED_TRACE(shape.stem);
    const std::string tflite = testing::ResidualNetTflite(shape);
    const std::string expected = HostOutput(tflite, input);
    NnDeviceOptions options;
    options.target = &GetParam();
    options.label = "residual";
    Result<NnDeviceRun> run = RunModelOnDevice(options, tflite, {std::string(input.begin(), input.end())});
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_EQ(run->outputs.size(), 1u);
    EXPECT_EQ(run->outputs[0], expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Boards, KernelFormsOnDeviceTest,
                         ::testing::ValuesIn(DeviceTargets().begin(), DeviceTargets().end()), testing::BoardTestName);

}  // namespace
}  // namespace mote
