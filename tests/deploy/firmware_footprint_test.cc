// ReadFirmwareFootprint on the images the main build cross-builds, against
// the section symbols of the same images and the link's fixed choices.
// Skips without the cross compiler.
#include "deploy/firmware_footprint.h"

#include <gtest/gtest.h>

#include <string>

#include "deploy/arm_elf.h"
#include "deploy/dsp_bench_runner.h"

namespace mote {
namespace {

#define SKIP_WITHOUT_FIRMWARE()                                                                    \
  do {                                                                                             \
    if (std::string(MOTE_HELLO_FIRMWARE).empty())                                                  \
      GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to measure"; \
  } while (0)

uint32_t Symbol(const ArmElf& elf, const char* name) {
  const ElfSymbol* symbol = elf.FindSymbol(name);
  EXPECT_NE(symbol, nullptr) << name;
  return symbol ? symbol->address : 0;
}

TEST(FirmwareFootprintTest, FlashEndsWithDataInitialValuesAndRamWithBss) {
  SKIP_WITHOUT_FIRMWARE();
  Result<FirmwareFootprint> footprint = ReadFirmwareFootprint(MOTE_HELLO_FIRMWARE);
  ASSERT_TRUE(footprint.ok()) << footprint.status().ToString();
  Result<ArmElf> elf = ReadArmElf(MOTE_HELLO_FIRMWARE);
  ASSERT_TRUE(elf.ok()) << elf.status().ToString();
  // mps2-an386: FLASH at 0, RAM at 0x20000000 (firmware/boards/mps2-an386/memory.ld).
  const uint32_t data_bytes = Symbol(*elf, "__data_end__") - Symbol(*elf, "__data_start__");
  EXPECT_EQ(footprint->flash_bytes, Symbol(*elf, "__data_load__") + data_bytes);
  EXPECT_EQ(footprint->static_ram_bytes, Symbol(*elf, "__bss_end__") - 0x20000000u);
  EXPECT_GT(data_bytes, 0u);  // hello has an initialised global
  EXPECT_EQ(footprint->stack_bytes, 16384u);
  EXPECT_EQ(Symbol(*elf, "__stack_top__") - Symbol(*elf, "__stack_bottom__"), 16384u);
}

TEST(FirmwareFootprintTest, ABlockAddsFlash) {
  SKIP_WITHOUT_FIRMWARE();
  Result<FirmwareFootprint> none =
      ReadFirmwareFootprint(DspBenchImage(MOTE_DSP_BENCH_DIR_OS, dsp_bench::BlockId::kNone));
  Result<FirmwareFootprint> mfcc =
      ReadFirmwareFootprint(DspBenchImage(MOTE_DSP_BENCH_DIR_OS, dsp_bench::BlockId::kMfccF32));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  ASSERT_TRUE(mfcc.ok()) << mfcc.status().ToString();
  EXPECT_GT(mfcc->flash_bytes, none->flash_bytes + 2000u);
}

}  // namespace
}  // namespace mote
