// The emulated-board harness end to end: firmware/tests/hello, cross-built by
// the main build, run on QEMU's mps2-an386 through RunOnQemu, with the
// insn_count plugin. Skips when the cross compiler or QEMU is missing.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <random>

#include <fmt/format.h>

#include "core/file_util.h"
#include "deploy/nn_device_runner.h"
#include "deploy/qemu_runner.h"
#include "deploy/qemu_test_util.h"
#include "test_util.h"

namespace mote {
namespace {

using testing::QemuOnPath;
using testing::TempDir;

#define SKIP_WITHOUT_HARNESS()                                                                        \
  do {                                                                                                \
    if (std::string(MOTE_HELLO_FIRMWARE).empty())                                                     \
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to run";         \
    if (!QemuOnPath()) GTEST_SKIP() << "qemu-system-arm is not on PATH (Debian package qemu-system-arm)"; \
  } while (0)

// What firmware/tests/hello/main.cc reads from input.bin.
enum Action : uint32_t { kNone = 0, kEchoLine = 1, kFault = 2, kHang = 3 };
struct HelloInput {
  uint32_t exit_status = 0;
  uint32_t spin_n = 0;
  uint32_t intervals = 0;
  uint32_t action = kNone;
  std::string payload;
};

void AppendU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i));
}
uint32_t LoadU32(const std::string& in, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(in[at + i])) << (8 * i);
  return v;
}

void WriteInput(const TempDir& dir, const HelloInput& input) {
  std::string bytes;
  for (uint32_t v : {input.exit_status, input.spin_n, input.intervals, input.action}) AppendU32(bytes, v);
  testing::WriteText(dir / "input.bin", bytes + input.payload);
}

QemuRunOptions HelloOptions(const TempDir& dir) {
  QemuRunOptions options;
  options.firmware = MOTE_HELLO_FIRMWARE;
  options.working_dir = dir.path();
  options.timeout = std::chrono::seconds(30);
  return options;
}

Result<QemuRunResult> RunHello(const HelloInput& input, bool count = false) {
  TempDir dir;
  WriteInput(dir, input);
  QemuRunOptions options = HelloOptions(dir);
  if (count) options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
  return RunOnQemu(options);
}

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  return bytes;
}

// Checks what the hello firmware wrote to output.bin for `input`: the
// payload's CRC-32 (against zlib's) and size, its mean computed on the FPU
// (bit for bit the host's division) and the initialized global (.data copied
// from flash). Returns the CRC.
uint32_t ExpectHelloOutput(const TempDir& dir, const HelloInput& input) {
  const auto* data = reinterpret_cast<const Bytef*>(input.payload.data());
  const uint32_t crc = static_cast<uint32_t>(::crc32(0, data, static_cast<uInt>(input.payload.size())));
  Result<std::string> output = ReadFile(dir / "output.bin");
  EXPECT_TRUE(output.ok()) << output.status().ToString();
  if (!output.ok() || output->size() != 16u) {
    ADD_FAILURE() << "output.bin is not 16 bytes";
    return crc;
  }
  EXPECT_EQ(LoadU32(*output, 0), crc);
  EXPECT_EQ(LoadU32(*output, 4), input.payload.size());
  uint32_t sum = 0;
  for (char c : input.payload) sum += static_cast<uint8_t>(c);
  const float mean = static_cast<float>(sum) / static_cast<float>(input.payload.size());
  uint32_t mean_bits;
  std::memcpy(&mean_bits, &mean, sizeof(mean_bits));
  EXPECT_EQ(LoadU32(*output, 8), mean_bits) << "the FPU's division differs from the host's";
  EXPECT_EQ(LoadU32(*output, 12), 0x12345678u) << ".data was not copied from flash";
  return crc;
}

TEST(QemuHarnessTest, RunsFirmwareWithUartSemihostingFilesAndFpu) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;
  HelloInput input;
  input.payload = RandomBytes(4096, 42);  // the most the firmware takes
  WriteInput(dir, input);
  Result<QemuRunResult> run = RunOnQemu(HelloOptions(dir));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  const uint32_t crc = ExpectHelloOutput(dir, input);
  EXPECT_EQ(run->exit_status, 0) << run->qemu_log;
  EXPECT_EQ(run->uart_output,
            fmt::format("static constructor ran\nhello from mps2-an386\npayload crc 0x{:08x}\nbye\n", crc));
  EXPECT_FALSE(run->instructions.has_value());
}

TEST(QemuHarnessTest, ReturnsTheFirmwaresExitStatus) {
  SKIP_WITHOUT_HARNESS();
  for (uint32_t status : {1u, 200u}) {
    HelloInput input;
    input.exit_status = status;
    Result<QemuRunResult> run = RunHello(input);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ(run->exit_status, static_cast<int>(status));
    EXPECT_TRUE(run->uart_output.ends_with("bye\n")) << run->uart_output;
  }
}

TEST(QemuHarnessTest, BadInputFilesAreReportedByTheFirmware) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;  // no input.bin: the semihosting open fails on the device
  Result<QemuRunResult> run = RunOnQemu(HelloOptions(dir));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->exit_status, 2);
  EXPECT_TRUE(run->uart_output.ends_with("input.bin: cannot open\n")) << run->uart_output;
  EXPECT_FALSE(std::filesystem::exists(dir / "output.bin"));

  HelloInput too_large;
  too_large.payload = std::string(4097, 'x');  // the firmware's buffer holds 4096
  run = RunHello(too_large);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->exit_status, 2);
  EXPECT_TRUE(run->uart_output.ends_with("input.bin: payload larger than 4096 bytes\n")) << run->uart_output;
}

TEST(QemuHarnessTest, FeedsUartInputToTheFirmware) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;
  HelloInput input;
  input.action = kEchoLine;
  WriteInput(dir, input);
  QemuRunOptions options = HelloOptions(dir);
  options.uart_input = "ping over the serial port\n";
  Result<QemuRunResult> run = RunOnQemu(options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->exit_status, 0);
  EXPECT_TRUE(run->uart_output.ends_with("echo: ping over the serial port\nbye\n")) << run->uart_output;
}

TEST(QemuHarnessTest, FaultExitsWith254AndNamesTheException) {
  SKIP_WITHOUT_HARNESS();
  HelloInput input;
  input.action = kFault;  // udf: UsageFault, escalated to HardFault (exception 3)
  Result<QemuRunResult> run = RunHello(input);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->exit_status, 254);
  EXPECT_NE(run->qemu_log.find("mote: fault: exception 3, pc 0x"), std::string::npos) << run->qemu_log;
  EXPECT_FALSE(run->uart_output.ends_with("bye\n"));
}

TEST(QemuHarnessTest, StopsFirmwareThatRunsPastTheTimeout) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;
  HelloInput input;
  input.action = kHang;
  WriteInput(dir, input);
  QemuRunOptions options = HelloOptions(dir);
  options.timeout = std::chrono::milliseconds(1500);
  const auto begin = std::chrono::steady_clock::now();
  Result<QemuRunResult> run = RunOnQemu(options);
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(run.status().message(),
            std::string(MOTE_HELLO_FIRMWARE) + ": still running on mps2-an386 after 1500 ms; QEMU stopped");
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

// spin_loop.S executes exactly 2 instructions per iteration plus a fixed 3,
// whatever the compiler emits around it, so the marked count must grow by
// exactly 2 per iteration and be identical from run to run.
TEST(QemuHarnessTest, CountsInstructionsBetweenMarkersExactly) {
  SKIP_WITHOUT_HARNESS();
  std::map<uint32_t, InstructionCounts> counts;
  for (uint32_t n : {1000u, 2000u, 4000u}) {
    HelloInput input;
    input.spin_n = n;
    input.intervals = 1;
    Result<QemuRunResult> run = RunHello(input, /*count=*/true);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_TRUE(run->instructions.has_value());
    EXPECT_EQ(run->instructions->intervals, 1u);
    counts[n] = *run->instructions;
  }
  EXPECT_EQ(counts[2000].marked - counts[1000].marked, 2u * 1000u);
  EXPECT_EQ(counts[4000].marked - counts[2000].marked, 2u * 2000u);
  // The rest of an interval is spin_loop's fixed 3 plus the markers' own few.
  const uint64_t overhead = counts[1000].marked - 2u * 1000u;
  EXPECT_GE(overhead, 3u + 2u);
  EXPECT_LE(overhead, 20u);
  // Startup, I/O and exit are outside the interval but in the total, and the
  // same in every run: only the loop differs.
  EXPECT_GT(counts[1000].total, counts[1000].marked + 500u);
  EXPECT_EQ(counts[2000].total - counts[1000].total, 2u * 1000u);

  HelloInput again;
  again.spin_n = 2000;
  again.intervals = 1;
  Result<QemuRunResult> repeat = RunHello(again, /*count=*/true);
  ASSERT_TRUE(repeat.ok()) << repeat.status().ToString();
  EXPECT_EQ(repeat->instructions->marked, counts[2000].marked);
  EXPECT_EQ(repeat->instructions->total, counts[2000].total);
}

TEST(QemuHarnessTest, AddsUpEveryCountedInterval) {
  SKIP_WITHOUT_HARNESS();
  HelloInput one;
  one.spin_n = 500;
  one.intervals = 1;
  HelloInput three = one;
  three.intervals = 3;
  Result<QemuRunResult> single = RunHello(one, /*count=*/true);
  Result<QemuRunResult> triple = RunHello(three, /*count=*/true);
  ASSERT_TRUE(single.ok()) << single.status().ToString();
  ASSERT_TRUE(triple.ok()) << triple.status().ToString();
  EXPECT_EQ(triple->instructions->intervals, 3u);
  EXPECT_EQ(triple->instructions->marked, 3u * single->instructions->marked);
}

// The per-function profile: spin_loop's exact count, inside and outside the
// interval, and a profile that accounts for every instruction but the
// markers' own (counted by their callbacks, not per address).
TEST(QemuHarnessTest, ProfilesInstructionsPerFunction) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;
  HelloInput input;
  input.spin_n = 1000;
  input.intervals = 2;
  WriteInput(dir, input);
  QemuRunOptions options = HelloOptions(dir);
  options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
  options.profile = true;
  Result<QemuRunResult> run = RunOnQemu(options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_FALSE(run->profile.empty());
  EXPECT_EQ(run->profile[0].function, "spin_loop");  // the most marked instructions
  EXPECT_EQ(run->profile[0].marked, 2u * (2u * 1000u + 3u));
  EXPECT_EQ(run->profile[0].total, run->profile[0].marked);
  uint64_t total = 0, marked = 0;
  for (const FunctionCount& count : run->profile) {
    total += count.total;
    marked += count.marked;
    EXPECT_LE(count.marked, count.total) << count.function;
  }
  EXPECT_EQ(total, run->instructions->total - 2u * run->instructions->intervals);
  EXPECT_EQ(marked, run->instructions->marked - run->instructions->intervals);  // the start markers' own
  const auto main_count = std::find_if(run->profile.begin(), run->profile.end(),
                                       [](const FunctionCount& c) { return c.function == "main"; });
  ASSERT_NE(main_count, run->profile.end());
  EXPECT_GT(main_count->total, 0u);
}

TEST(QemuHarnessTest, IntervalLeftOpenAtExitIsAnError) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;
  HelloInput input;
  input.intervals = 1;
  WriteInput(dir, input);
  QemuRunOptions options = HelloOptions(dir);
  options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
  // Swapped: the interval opens at the stop marker and nothing closes it.
  options.count_start_symbol = "mote_count_stop";
  options.count_stop_symbol = "mote_count_start";
  Result<QemuRunResult> run = RunOnQemu(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), std::string(MOTE_HELLO_FIRMWARE) +
                                        ": exited between mote_count_stop and mote_count_start: the last counted "
                                        "interval never closed");
}

TEST(QemuHarnessTest, ReportsWhatKeepsARunFromStarting) {
  SKIP_WITHOUT_HARNESS();
  TempDir dir;
  QemuRunOptions options = HelloOptions(dir);

  options.firmware = dir / "absent.elf";
  Result<QemuRunResult> run = RunOnQemu(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(run.status().message(), (dir / "absent.elf").string() + ": no such file");

  options = HelloOptions(dir);
  options.qemu_program = (dir / "no-qemu").string();
  run = RunOnQemu(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kNotFound);

  options = HelloOptions(dir);
  options.machine = "no-such-board";
  run = RunOnQemu(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kIoError);
  EXPECT_NE(run.status().message().find(": qemu-system-arm: "), std::string::npos) << run.status().message();

  options = HelloOptions(dir);
  options.insn_count_plugin = dir / "absent.so";
  run = RunOnQemu(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kNotFound);

  options = HelloOptions(dir);
  options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
  options.count_stop_symbol = "no_such_function";
  run = RunOnQemu(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            std::string(MOTE_HELLO_FIRMWARE) + ": no symbol no_such_function (needed to count instructions)");
}

// The hello firmware on every board mote runs models on (cmake/firmware.cmake
// builds it at -O2 for each): the board's name on its UART, semihosting
// files, .data, the FPU, the exit status and exact instruction counts.
class QemuBoardsTest : public ::testing::TestWithParam<DeviceTarget> {};

TEST_P(QemuBoardsTest, RunsTheHarnessFirmware) {
  SKIP_WITHOUT_HARNESS();
  const DeviceTarget& target = GetParam();
  const std::filesystem::path hello =
      DefaultFirmwareDir() / (std::string(target.board) + "-o2") / "tests" / "hello" / "hello.elf";
  std::map<uint32_t, InstructionCounts> counts;
  for (uint32_t n : {1000u, 3000u}) {
    TempDir dir;
    HelloInput input;
    input.exit_status = 7;
    input.spin_n = n;
    input.intervals = 1;
    input.payload = RandomBytes(1000, n);
    WriteInput(dir, input);
    QemuRunOptions options = HelloOptions(dir);
    options.machine = std::string(target.machine);
    options.firmware = hello;
    options.insn_count_plugin = MOTE_INSN_COUNT_PLUGIN;
    Result<QemuRunResult> run = RunOnQemu(options);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ(run->exit_status, 7) << run->qemu_log;
    const uint32_t crc = ExpectHelloOutput(dir, input);
    EXPECT_EQ(run->uart_output, fmt::format("static constructor ran\nhello from {}\npayload crc 0x{:08x}\nbye\n",
                                            target.board, crc));
    ASSERT_TRUE(run->instructions.has_value());
    counts[n] = *run->instructions;
  }
  EXPECT_EQ(counts[3000].marked - counts[1000].marked, 2u * 2000u);
}

INSTANTIATE_TEST_SUITE_P(Boards, QemuBoardsTest, ::testing::ValuesIn(DeviceTargets().begin(), DeviceTargets().end()),
                         testing::BoardTestName);

}  // namespace
}  // namespace mote
