#include "deploy/firmware_footprint.h"

#include "deploy/arm_elf.h"

namespace mote {

Result<FirmwareFootprint> ReadFirmwareFootprint(const std::filesystem::path& path) {
  MOTE_ASSIGN_OR_RETURN(ArmElf elf, ReadArmElf(path));
  // Absolute symbols: their value is the figure.
  auto value = [&](const char* name) -> Result<uint32_t> {
    const ElfSymbol* symbol = elf.FindSymbol(name);
    if (!symbol)
      return Status::InvalidArgument(path.string() + ": no symbol " + name +
                                     " (not linked with firmware/common/cortex_m.ld?)");
    return symbol->address;
  };
  FirmwareFootprint footprint;
  MOTE_ASSIGN_OR_RETURN(footprint.flash_bytes, value("__flash_used__"));
  MOTE_ASSIGN_OR_RETURN(footprint.static_ram_bytes, value("__static_ram_used__"));
  MOTE_ASSIGN_OR_RETURN(footprint.stack_bytes, value("__stack_size__"));
  return footprint;
}

}  // namespace mote
