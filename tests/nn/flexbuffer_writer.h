// A small FlexBuffers writer for tests: maps of integer (and string) values
// in the published wire format, at chosen widths, written independently of
// the reader in micro/nn/flexbuffer.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mote::testing {

// What a value is written as.
enum class Form { kInt, kUInt, kBool, kIndirectInt, kString };

struct Entry {
  std::string key;
  Form form;
  int64_t value;  // kString: unused (the string is "text")
};

// A map of `entries` (given in sorted key order), values `width` bytes wide,
// key offsets `key_width` wide, root offset `root_width` wide.
std::vector<uint8_t> BuildMap(const std::vector<Entry>& entries, uint32_t width, uint32_t key_width,
                              uint32_t root_width = 1);

}  // namespace mote::testing
