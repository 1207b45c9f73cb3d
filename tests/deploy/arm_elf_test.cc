#include "deploy/arm_elf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <map>
#include <sstream>

#include "test_util.h"

namespace mote {
namespace {

using testing::TempDir;

void Put16(std::vector<uint8_t>& out, size_t at, uint16_t v) {
  out[at] = static_cast<uint8_t>(v);
  out[at + 1] = static_cast<uint8_t>(v >> 8);
}
void Put32(std::vector<uint8_t>& out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
}

struct TestSymbol {
  std::string name;
  uint32_t value;
  uint32_t size;
  uint8_t type;  // 1 object, 2 function
};

// Byte positions of the synthetic file, for the tests that corrupt it.
constexpr size_t kStringsAt = 52;
constexpr size_t kStringsSize = 64;
constexpr size_t kSymbolsAt = kStringsAt + kStringsSize;

// A minimal ELF32 ARM file written from the specification: header, string
// table, symbol table (a null entry first, as in real files), then three
// section headers (null, .symtab linked to section 2, .strtab).
std::vector<uint8_t> MakeElf(const std::vector<TestSymbol>& symbols) {
  const size_t symbols_size = 16 * (symbols.size() + 1);
  const size_t sections_at = kSymbolsAt + symbols_size;
  std::vector<uint8_t> out(sections_at + 3 * 40, 0);
  out[0] = 0x7F, out[1] = 'E', out[2] = 'L', out[3] = 'F', out[4] = 1, out[5] = 1, out[6] = 1;
  Put16(out, 16, 2);   // ET_EXEC
  Put16(out, 18, 40);  // EM_ARM
  Put32(out, 20, 1);
  Put32(out, 32, static_cast<uint32_t>(sections_at));
  Put16(out, 40, 52);
  Put16(out, 46, 40);
  Put16(out, 48, 3);
  size_t string_end = 1;  // offset 0 is the empty name
  for (size_t i = 0; i < symbols.size(); ++i) {
    const size_t entry = kSymbolsAt + 16 * (i + 1);
    Put32(out, entry, static_cast<uint32_t>(string_end));
    Put32(out, entry + 4, symbols[i].value);
    Put32(out, entry + 8, symbols[i].size);
    out[entry + 12] = static_cast<uint8_t>(0x10 | symbols[i].type);  // STB_GLOBAL
    for (char c : symbols[i].name) out[kStringsAt + string_end++] = static_cast<uint8_t>(c);
    ++string_end;
  }
  EXPECT_LE(string_end, kStringsSize);
  const size_t symtab = sections_at + 40, strtab = sections_at + 80;
  Put32(out, symtab + 4, 2);  // SHT_SYMTAB
  Put32(out, symtab + 16, static_cast<uint32_t>(kSymbolsAt));
  Put32(out, symtab + 20, static_cast<uint32_t>(symbols_size));
  Put32(out, symtab + 24, 2);
  Put32(out, symtab + 36, 16);
  Put32(out, strtab + 4, 3);  // SHT_STRTAB
  Put32(out, strtab + 16, static_cast<uint32_t>(kStringsAt));
  Put32(out, strtab + 20, static_cast<uint32_t>(kStringsSize));
  return out;
}

const std::vector<TestSymbol> kSymbols = {
    {"reset", 0x101, 40, 2}, {"table", 0x2001, 64, 1}, {"mote_count_stop", 0x1d7, 2, 2}};

TEST(ArmElfTest, ReadsSymbolsAndClearsTheThumbBitOfFunctions) {
  TempDir dir;
  testing::WriteBytes(dir / "a.elf", MakeElf(kSymbols));
  Result<ArmElf> elf = ReadArmElf(dir / "a.elf");
  ASSERT_TRUE(elf.ok()) << elf.status().ToString();
  ASSERT_EQ(elf->symbols.size(), 3u);
  const ElfSymbol* reset = elf->FindSymbol("reset");
  ASSERT_NE(reset, nullptr);
  EXPECT_EQ(reset->address, 0x100u);
  EXPECT_EQ(reset->size, 40u);
  EXPECT_TRUE(reset->is_function);
  const ElfSymbol* table = elf->FindSymbol("table");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->address, 0x2001u);  // data keeps its odd address
  EXPECT_FALSE(table->is_function);
  EXPECT_EQ(elf->FindSymbol("mote_count_stop")->address, 0x1d6u);
  EXPECT_EQ(elf->FindSymbol("missing"), nullptr);
}

// Corrupts one field of a valid file and expects the one-line error naming
// the file and that field's byte offset.
void ExpectError(const std::function<void(std::vector<uint8_t>&)>& corrupt, const std::string& expected) {
  TempDir dir;
  std::vector<uint8_t> bytes = MakeElf(kSymbols);
  corrupt(bytes);
  testing::WriteBytes(dir / "bad.elf", bytes);
  Result<ArmElf> elf = ReadArmElf(dir / "bad.elf");
  ASSERT_FALSE(elf.ok());
  EXPECT_EQ(elf.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(elf.status().message(), (dir / "bad.elf").string() + ": " + expected);
  EXPECT_EQ(elf.status().message().find('\n'), std::string::npos);
}

TEST(ArmElfTest, RejectsBadHeadersNamingTheByte) {
  ExpectError([](auto& b) { b.resize(20); }, "byte 0: 20 bytes is too short for an ELF header");
  ExpectError([](auto& b) { b[1] = 'X'; }, "byte 0: bad magic 7f 58 4c 46, expected 7f 45 4c 46 (ELF)");
  ExpectError([](auto& b) { b[4] = 2; }, "byte 4: ELF class 2, expected 1 (32-bit)");
  ExpectError([](auto& b) { b[5] = 2; }, "byte 5: ELF data encoding 2, expected 1 (little-endian)");
  ExpectError([](auto& b) { Put16(b, 18, 62); }, "byte 18: machine 62, expected 40 (ARM)");
  ExpectError([](auto& b) { Put16(b, 46, 64); }, "byte 46: section header size 64, expected 40");
}

TEST(ArmElfTest, RejectsTablesOutsideTheFile) {
  ExpectError([](auto& b) { Put32(b, 32, 100000); },
              "byte 32: the section header table at bytes 100000..100120 runs past the end of the file (300 bytes)");
  const size_t symtab = kSymbolsAt + 16 * 4 + 40;
  ExpectError([&](auto& b) { Put32(b, symtab + 20, 4096); },
              "byte " + std::to_string(symtab + 20 - 4) +
                  ": the symbol table at bytes 116..4212 runs past the end of the file (300 bytes)");
  ExpectError([&](auto& b) { Put32(b, symtab + 24, 9); },
              "byte " + std::to_string(symtab + 24) + ": symbol table links to string section 9 of 3");
  ExpectError([&](auto& b) { Put32(b, kSymbolsAt + 16, 500); },
              "byte " + std::to_string(kSymbolsAt + 16) +
                  ": symbol name offset 500 is outside the string table (64 bytes)");
}

TEST(ArmElfTest, StrippedFileIsAnError) {
  TempDir dir;
  std::vector<uint8_t> bytes = MakeElf(kSymbols);
  Put32(bytes, kSymbolsAt + 16 * 4 + 40 + 4, 1);  // .symtab becomes PROGBITS
  testing::WriteBytes(dir / "stripped.elf", bytes);
  Result<ArmElf> elf = ReadArmElf(dir / "stripped.elf");
  ASSERT_FALSE(elf.ok());
  EXPECT_EQ(elf.status().message(),
            (dir / "stripped.elf").string() + ": no symbol table (.symtab); was the file stripped?");
}

TEST(ArmElfTest, MissingFileIsNotFound) {
  TempDir dir;
  Result<ArmElf> elf = ReadArmElf(dir / "none.elf");
  ASSERT_FALSE(elf.ok());
  EXPECT_EQ(elf.status().code(), Status::Code::kNotFound);
}

// The oracle: binutils' nm, on the firmware the build made.
TEST(ArmElfTest, AgreesWithNmOnRealFirmware) {
  const std::string firmware = MOTE_HELLO_FIRMWARE;
  if (firmware.empty()) GTEST_SKIP() << "arm-none-eabi-gcc was not found when configuring: no firmware to read";
  FILE* pipe = ::popen(("arm-none-eabi-nm --defined-only " + firmware + " 2>/dev/null").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string text;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) text.append(buffer, n);
  if (::pclose(pipe) != 0 || text.empty()) GTEST_SKIP() << "arm-none-eabi-nm is not available";

  Result<ArmElf> elf = ReadArmElf(firmware);
  ASSERT_TRUE(elf.ok()) << elf.status().ToString();
  std::istringstream lines(text);
  std::string address, type, name;
  int functions = 0;
  while (lines >> address >> type >> name) {
    if (type != "T" && type != "t") continue;
    const ElfSymbol* symbol = elf->FindSymbol(name);
    ASSERT_NE(symbol, nullptr) << name;
    if (!symbol->is_function) continue;  // local labels nm also lists as code
    EXPECT_EQ(symbol->address, std::stoul(address, nullptr, 16)) << name;
    ++functions;
  }
  EXPECT_GT(functions, 10);
  EXPECT_NE(elf->FindSymbol("mote_count_start"), nullptr);
}

}  // namespace
}  // namespace mote
