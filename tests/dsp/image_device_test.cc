// The image block on the emulated Cortex-M4F (QEMU mps2-an386,
// firmware/tests/image_block, built -Os by arm-none-eabi-gcc) against the
// host build, byte for byte for every output type (float included: see
// micro/dsp/pixel_normalization.h), with the instructions of one Compute
// counted by the insn_count plugin. Skips when the cross compiler or QEMU is
// missing.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "deploy/qemu_runner.h"
#include "dsp/image_test_util.h"
#include "micro/dsp/image_block.h"
#include "test_util.h"

namespace mote::dsp {
namespace {

using testing::RandomImage;

struct DeviceRun {
  DspStatus init = DspStatus::kOk;
  DspStatus compute = DspStatus::kOk;
  uint32_t arena_bytes = 0;
  std::string output;  // the output values' bytes
  uint64_t instructions = 0;
};

uint32_t LoadU32(const std::string& in, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(in[at + i])) << (8 * i);
  return v;
}

// Runs the firmware on `params` and `image`; skips the test (returning
// nothing) if QEMU or the firmware is missing.
std::optional<DeviceRun> RunOnDevice(const ImageParams& params, const std::vector<uint8_t>& image) {
  if (std::string(MOTE_IMAGE_BLOCK_FIRMWARE).empty()) return std::nullopt;
  mote::testing::TempDir dir;
  std::vector<uint8_t> input(sizeof params + image.size());
  std::memcpy(input.data(), &params, sizeof params);
  std::copy(image.begin(), image.end(), input.begin() + sizeof params);
  mote::testing::WriteBytes(dir / "input.bin", input);
  QemuRunOptions options;
  options.firmware = MOTE_IMAGE_BLOCK_FIRMWARE;
  options.working_dir = dir.path();
  options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
  options.timeout = std::chrono::seconds(60);
  Result<QemuRunResult> run = RunOnQemu(options);
  if (!run.ok() && run.status().code() == Status::Code::kNotFound) return std::nullopt;
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  if (!run.ok()) return DeviceRun{};
  EXPECT_EQ(run->exit_status, 0) << run->qemu_log;
  Result<std::string> output = ReadFile(dir / "output.bin");
  EXPECT_TRUE(output.ok() && output->size() >= 16) << run->qemu_log;
  if (!output.ok() || output->size() < 16) return DeviceRun{};
  EXPECT_EQ(LoadU32(*output, 0), sizeof(ImageParams)) << "the device lays out ImageParams differently";
  DeviceRun result;
  result.init = static_cast<DspStatus>(LoadU32(*output, 4));
  result.compute = static_cast<DspStatus>(LoadU32(*output, 8));
  result.arena_bytes = LoadU32(*output, 12);
  result.output = output->substr(16);
  if (run->instructions) result.instructions = run->instructions->marked;
  return result;
}

template <typename T>
std::string HostBytes(const ImageParams& params, const std::vector<uint8_t>& image) {
  const std::vector<T> values = testing::RunImageBlock<T>(params, image);
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

struct DeviceCase {
  const char* name;
  ImageParams params;
};

ImageParams Params(uint32_t in_w, uint32_t in_h, uint32_t channels, uint32_t out_w, uint32_t out_h) {
  ImageParams params;
  params.input_width = in_w;
  params.input_height = in_h;
  params.input_channels = channels;
  params.output_width = out_w;
  params.output_height = out_h;
  return params;
}

std::vector<DeviceCase> DeviceCases() {
  std::vector<DeviceCase> cases;
  ImageParams p = Params(160, 120, 3, 96, 96);  // a QQVGA camera frame for a person detector
  p.crop = CropMode::kCenter;
  p.grayscale = true;
  p.output_type = ImageOutputType::kInt8;
  cases.push_back({"160x120 RGB, center crop, bilinear 96x96, gray, int8", p});
  p.resize = ResizeMethod::kArea;
  cases.push_back({"160x120 RGB, center crop, area 96x96, gray, int8", p});
  p = Params(320, 240, 3, 96, 96);
  p.resize = ResizeMethod::kArea;
  p.normalization = Normalization::kNone;
  p.output_type = ImageOutputType::kUint8;
  cases.push_back({"320x240 RGB, area 96x96, RGB, uint8", p});
  p = Params(32, 24, 1, 96, 72);
  p.normalization = Normalization::kNone;
  p.output_type = ImageOutputType::kUint8;
  cases.push_back({"32x24 gray, bilinear 96x72, uint8", p});
  p = Params(64, 48, 3, 48, 48);
  p.crop = CropMode::kRectangle;
  p.crop_rect = {5, 3, 50, 40};
  p.normalization = Normalization::kMeanStd;
  p.mean[0] = 0.485f;
  p.mean[1] = 0.456f;
  p.mean[2] = 0.406f;
  p.stddev[0] = 0.229f;
  p.stddev[1] = 0.224f;
  p.stddev[2] = 0.225f;
  cases.push_back({"64x48 RGB, rectangle, bilinear 48x48, mean/std, float", p});
  p.output_type = ImageOutputType::kInt8;
  p.quant_scale = 0.0187f;
  p.quant_zero_point = -14;
  cases.push_back({"64x48 RGB, rectangle, bilinear 48x48, mean/std, int8", p});
  // Coprime sizes: denominator 502 * 482, so luma takes the 64-bit path.
  p = Params(7, 5, 3, 251, 241);
  p.grayscale = true;
  p.normalization = Normalization::kMinusOneToOne;
  cases.push_back({"7x5 RGB, bilinear 251x241, gray (64-bit), float", p});
  p.normalization = Normalization::kNone;
  p.output_type = ImageOutputType::kUint8;
  cases.push_back({"7x5 RGB, bilinear 251x241, gray (64-bit), uint8", p});
  return cases;
}

TEST(ImageDeviceTest, EmulatedCortexM4ComputesTheHostsBytes) {
  uint32_t seed = 500;
  for (const DeviceCase& c : DeviceCases()) {
    ASSERT_EQ(c.params.Validate(), DspStatus::kOk) << c.name;
    const std::vector<uint8_t> image =
        RandomImage(c.params.input_width, c.params.input_height, c.params.input_channels, seed++);
    const std::optional<DeviceRun> device = RunOnDevice(c.params, image);
    if (!device) GTEST_SKIP() << "no firmware (arm-none-eabi-gcc missing when configuring) or no qemu-system-arm";
    ASSERT_EQ(device->init, DspStatus::kOk) << c.name;
    ASSERT_EQ(device->compute, DspStatus::kOk) << c.name;
    EXPECT_EQ(device->arena_bytes, ImageBlock::ArenaBytes(c.params)) << c.name;
    std::string host;
    switch (c.params.output_type) {
      case ImageOutputType::kFloat32: host = HostBytes<float>(c.params, image); break;
      case ImageOutputType::kUint8: host = HostBytes<uint8_t>(c.params, image); break;
      case ImageOutputType::kInt8: host = HostBytes<int8_t>(c.params, image); break;
    }
    ASSERT_EQ(device->output.size(), host.size()) << c.name;
    size_t differing = 0;
    for (size_t k = 0; k < host.size(); ++k) differing += device->output[k] != host[k];
    const ImageShape shape = ImageOutputShape(c.params);
    const double pixels = static_cast<double>(size_t{shape.height} * shape.width);
    std::printf("[ measure  ] %s: %llu instructions on the Cortex-M4F (%.0f per output pixel), arena %u bytes, "
                "%zu of %zu bytes differ from the host\n",
                c.name, static_cast<unsigned long long>(device->instructions),
                static_cast<double>(device->instructions) / pixels, device->arena_bytes, differing, host.size());
    EXPECT_EQ(differing, 0u) << c.name;
  }
}

}  // namespace
}  // namespace mote::dsp
