// The memory a linked firmware image takes on its board, read from the
// symbols that firmware/common/cortex_m.ld defines: flash (code, constants,
// initial values of .data), static RAM (.data and .bss) and the main stack
// reserved after them. Every mote firmware image has them; other ELF files
// do not.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/status.h"

namespace mote {

struct FirmwareFootprint {
  uint32_t flash_bytes = 0;       // __flash_used__
  uint32_t static_ram_bytes = 0;  // __static_ram_used__
  uint32_t stack_bytes = 0;       // __stack_size__, reserved (not the high-water mark)
};

// Errors: those of ReadArmElf; an image without the symbols (not linked with
// cortex_m.ld) is InvalidArgument naming the missing symbol.
Result<FirmwareFootprint> ReadFirmwareFootprint(const std::filesystem::path& elf);

}  // namespace mote
