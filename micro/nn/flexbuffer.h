// A bounded reader of the FlexBuffers maps that custom ops carry in
// Operator.custom_options (TensorFlow Lite Micro's signal ops keep their
// parameters there), written from the published wire format:
//
// - the buffer ends with the root: its value (root_width bytes), a packed
//   type byte, then root_width itself (1, 2, 4 or 8);
// - a packed type is (type << 2) | log2(width): for a value that lives
//   elsewhere (map, vector, string, indirect scalar) the width is that of its
//   elements; the value stored in the parent is an unsigned offset back from
//   its own position to the data;
// - a vector of width w is preceded by its size (w bytes) and followed, when
//   untyped, by one packed type byte per element;
// - a map is an untyped vector of values preceded by three w-byte fields: an
//   offset back to the keys vector, the keys' width, the size; keys are
//   offsets back to NUL-terminated strings, sorted;
// - little-endian throughout.
//
// Only what the kernels need is read: a map's values by key, as integers or
// booleans. Every position is checked against the buffer before it is read
// (64-bit arithmetic, memcpy loads), so a corrupt buffer gives `false`,
// never a read outside it. Nothing is copied or allocated; the buffer must
// outlive the Map and Values taken from it.
#pragma once

#include <cstdint>

namespace mote::nn::flex {

// FlexBuffers value types (the ones this reader interprets, and the
// containers it must recognize).
enum class Type : uint8_t {
  kNull = 0, kInt = 1, kUInt = 2, kFloat = 3, kKey = 4, kString = 5, kIndirectInt = 6, kIndirectUInt = 7,
  kIndirectFloat = 8, kMap = 9, kVector = 10, kBool = 26,
};

class Value {
 public:
  Value() = default;
  Type type() const { return static_cast<Type>(packed_type_ >> 2); }
  // The value as a signed integer: Int, UInt (<= INT64_MAX), Bool, and their
  // indirect forms. False for other types or out-of-range data.
  bool AsInt(int64_t* out) const;

 private:
  friend class Map;
  Value(const uint8_t* data, uint32_t size, uint32_t pos, uint8_t parent_width, uint8_t packed_type)
      : data_(data), size_(size), pos_(pos), parent_width_(parent_width), packed_type_(packed_type) {}

  const uint8_t* data_ = nullptr;
  uint32_t size_ = 0;
  uint32_t pos_ = 0;           // where the parent stores it
  uint8_t parent_width_ = 0;   // bytes the parent stores it in
  uint8_t packed_type_ = 0;
};

class Map {
 public:
  // The map at the root of data[0, size). False when the buffer is too short,
  // the root is not a map, or any part of the map (its keys, values and type
  // bytes) lies outside the buffer.
  static bool Root(const uint8_t* data, uint32_t size, Map* out);

  uint32_t size() const { return count_; }
  // The value of `key` (NUL-terminated). False when the key is absent (or
  // its string is unterminated within the buffer).
  bool Find(const char* key, Value* out) const;

 private:
  // Whether key i equals `key`.
  bool KeyIs(uint32_t i, const char* key) const;

  const uint8_t* data_ = nullptr;
  uint32_t size_ = 0;
  uint32_t values_ = 0;     // first value
  uint32_t keys_ = 0;       // first key offset
  uint32_t count_ = 0;
  uint8_t width_ = 0;       // of values
  uint8_t key_width_ = 0;   // of key offsets
};

}  // namespace mote::nn::flex
