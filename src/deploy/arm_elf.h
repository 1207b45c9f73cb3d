// What mote reads from a linked 32-bit little-endian ARM ELF file (firmware
// built by firmware/ or by the user): its symbols, so that the QEMU runner
// can find the instruction-count markers by name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace mote {

struct ElfSymbol {
  std::string name;
  // st_value with bit 0 cleared: for a Thumb function that bit only marks
  // the instruction set, so `address` is where its first instruction is.
  uint32_t address = 0;
  uint32_t size = 0;   // bytes; 0 when the object file did not say
  bool is_function = false;
};

struct ArmElf {
  std::vector<ElfSymbol> symbols;  // the named entries of .symtab, in file order

  // The first symbol called `name`, or nullptr. The pointer lives as long as
  // this object and is invalidated by changes to `symbols`.
  const ElfSymbol* FindSymbol(std::string_view name) const;
};

// Reads the symbol table of the ELF file at `path`. Errors name the file and
// the byte offset of the field that is wrong ("fw.elf: byte 18: machine 62,
// expected 40 (ARM)"); a file without .symtab (stripped) is an error.
Result<ArmElf> ReadArmElf(const std::filesystem::path& path);

}  // namespace mote
