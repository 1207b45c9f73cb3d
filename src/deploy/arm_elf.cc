#include "deploy/arm_elf.h"

#include <fmt/format.h>

#include "core/file_util.h"

namespace mote {

namespace {

// Field offsets and values from the ELF specification (32-bit).
constexpr size_t kHeaderSize = 52;
constexpr size_t kClassOffset = 4, kDataOffset = 5;
constexpr size_t kMachineOffset = 18;
constexpr size_t kSectionTableOffset = 32;
constexpr size_t kSectionEntrySizeOffset = 46, kSectionCountOffset = 48;
constexpr size_t kSectionEntrySize = 40;
constexpr size_t kSectionTypeField = 4, kSectionOffsetField = 16, kSectionSizeField = 20,
                 kSectionLinkField = 24;
constexpr size_t kSymbolEntrySize = 16;
constexpr uint8_t kClass32 = 1, kLittleEndian = 1;
constexpr uint16_t kMachineArm = 40;
constexpr uint32_t kSectionTypeSymtab = 2;
constexpr uint8_t kSymbolTypeFunction = 2;

// Bounds-checked little-endian reads from the file's bytes; every error names
// the file and the offset.
class Bytes {
 public:
  Bytes(const std::string& data, const std::filesystem::path& path) : data_(data), path_(path.string()) {}

  size_t size() const { return data_.size(); }
  uint8_t U8(size_t at) const { return static_cast<uint8_t>(data_[at]); }
  uint16_t U16(size_t at) const { return static_cast<uint16_t>(U8(at) | U8(at + 1) << 8); }
  uint32_t U32(size_t at) const {
    return static_cast<uint32_t>(U16(at)) | static_cast<uint32_t>(U16(at + 2)) << 16;
  }

  // Ok if [begin, begin + length) lies inside the file; `field` is the offset
  // of the header field that gave `begin`, which the message names.
  Status CheckRange(size_t field, uint64_t begin, uint64_t length, std::string_view what) const {
    if (begin + length <= data_.size()) return Status::Ok();
    return Error(field, fmt::format("{} at bytes {}..{} runs past the end of the file ({} bytes)", what, begin,
                                    begin + length, data_.size()));
  }

  Status Error(size_t at, const std::string& message) const {
    return Status::InvalidArgument(fmt::format("{}: byte {}: {}", path_, at, message));
  }

 private:
  const std::string& data_;
  std::string path_;
};

Status CheckHeader(const Bytes& bytes) {
  if (bytes.size() < kHeaderSize)
    return bytes.Error(0, fmt::format("{} bytes is too short for an ELF header", bytes.size()));
  if (bytes.U8(0) != 0x7F || bytes.U8(1) != 'E' || bytes.U8(2) != 'L' || bytes.U8(3) != 'F')
    return bytes.Error(0, fmt::format("bad magic {:02x} {:02x} {:02x} {:02x}, expected 7f 45 4c 46 (ELF)",
                                      bytes.U8(0), bytes.U8(1), bytes.U8(2), bytes.U8(3)));
  if (bytes.U8(kClassOffset) != kClass32)
    return bytes.Error(kClassOffset, fmt::format("ELF class {}, expected 1 (32-bit)", bytes.U8(kClassOffset)));
  if (bytes.U8(kDataOffset) != kLittleEndian)
    return bytes.Error(kDataOffset,
                       fmt::format("ELF data encoding {}, expected 1 (little-endian)", bytes.U8(kDataOffset)));
  if (bytes.U16(kMachineOffset) != kMachineArm)
    return bytes.Error(kMachineOffset, fmt::format("machine {}, expected 40 (ARM)", bytes.U16(kMachineOffset)));
  return Status::Ok();
}

}  // namespace

const ElfSymbol* ArmElf::FindSymbol(std::string_view name) const {
  for (const ElfSymbol& symbol : symbols)
    if (symbol.name == name) return &symbol;
  return nullptr;
}

Result<ArmElf> ReadArmElf(const std::filesystem::path& path) {
  MOTE_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  Bytes bytes(data, path);
  MOTE_RETURN_IF_ERROR(CheckHeader(bytes));

  const uint32_t table = bytes.U32(kSectionTableOffset);
  const uint16_t count = bytes.U16(kSectionCountOffset);
  if (count != 0 && bytes.U16(kSectionEntrySizeOffset) != kSectionEntrySize)
    return bytes.Error(kSectionEntrySizeOffset, fmt::format("section header size {}, expected {}",
                                                            bytes.U16(kSectionEntrySizeOffset), kSectionEntrySize));
  MOTE_RETURN_IF_ERROR(
      bytes.CheckRange(kSectionTableOffset, table, uint64_t{count} * kSectionEntrySize, "the section header table"));
  auto section = [&](uint32_t index) { return size_t{table} + size_t{index} * kSectionEntrySize; };

  for (uint32_t index = 0; index < count; ++index) {
    const size_t header = section(index);
    if (bytes.U32(header + kSectionTypeField) != kSectionTypeSymtab) continue;

    const uint32_t symbols_at = bytes.U32(header + kSectionOffsetField);
    const uint32_t symbols_size = bytes.U32(header + kSectionSizeField);
    MOTE_RETURN_IF_ERROR(bytes.CheckRange(header + kSectionOffsetField, symbols_at, symbols_size, "the symbol table"));
    const uint32_t strings_index = bytes.U32(header + kSectionLinkField);
    if (strings_index >= count)
      return bytes.Error(header + kSectionLinkField,
                         fmt::format("symbol table links to string section {} of {}", strings_index, count));
    const size_t strings_header = section(strings_index);
    const uint32_t strings_at = bytes.U32(strings_header + kSectionOffsetField);
    const uint32_t strings_size = bytes.U32(strings_header + kSectionSizeField);
    MOTE_RETURN_IF_ERROR(
        bytes.CheckRange(strings_header + kSectionOffsetField, strings_at, strings_size, "the string table"));

    ArmElf elf;
    for (size_t entry = symbols_at; entry + kSymbolEntrySize <= size_t{symbols_at} + symbols_size;
         entry += kSymbolEntrySize) {
      const uint32_t name_offset = bytes.U32(entry);
      if (name_offset >= strings_size)
        return bytes.Error(entry, fmt::format("symbol name offset {} is outside the string table ({} bytes)",
                                              name_offset, strings_size));
      std::string_view strings(data.data() + strings_at, strings_size);
      const size_t name_end = strings.find('\0', name_offset);
      if (name_end == std::string_view::npos)
        return bytes.Error(entry, fmt::format("symbol name at string offset {} has no terminating NUL", name_offset));
      if (name_end == name_offset) continue;
      ElfSymbol symbol;
      symbol.name = std::string(strings.substr(name_offset, name_end - name_offset));
      symbol.is_function = (bytes.U8(entry + 12) & 0xF) == kSymbolTypeFunction;
      symbol.address = bytes.U32(entry + 4) & (symbol.is_function ? ~uint32_t{1} : ~uint32_t{0});
      symbol.size = bytes.U32(entry + 8);
      elf.symbols.push_back(std::move(symbol));
    }
    return elf;
  }
  return Status::InvalidArgument(path.string() + ": no symbol table (.symtab); was the file stripped?");
}

}  // namespace mote
