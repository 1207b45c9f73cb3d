#include "micro/nn/flexbuffer.h"

#include <cstring>

namespace mote::nn::flex {

namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "FlexBuffers are little-endian; so must the target be");

bool ValidWidth(uint64_t w) { return w == 1 || w == 2 || w == 4 || w == 8; }

// The unsigned `width`-byte integer at data[pos]; false if it leaves data[0, size).
bool ReadUInt(const uint8_t* data, uint32_t size, uint64_t pos, uint32_t width, uint64_t* out) {
  if (!ValidWidth(width) || pos + width > size) return false;
  uint64_t v = 0;
  std::memcpy(&v, data + pos, width);  // little-endian: the low bytes
  *out = v;
  return true;
}

// Follows the offset stored at data[pos] in `width` bytes: offsets point back.
bool Deref(const uint8_t* data, uint32_t size, uint64_t pos, uint32_t width, uint64_t* target) {
  uint64_t offset = 0;
  if (!ReadUInt(data, size, pos, width, &offset) || offset > pos) return false;
  *target = pos - offset;
  return true;
}

}  // namespace

bool Value::AsInt(int64_t* out) const {
  uint64_t pos = pos_, v = 0;
  uint32_t width = parent_width_;
  Type t = type();
  if (t == Type::kIndirectInt || t == Type::kIndirectUInt) {
    if (!Deref(data_, size_, pos_, parent_width_, &pos)) return false;
    width = 1u << (packed_type_ & 3);
    t = t == Type::kIndirectInt ? Type::kInt : Type::kUInt;
  }
  if (t != Type::kInt && t != Type::kUInt && t != Type::kBool) return false;
  if (!ReadUInt(data_, size_, pos, width, &v)) return false;
  if (t == Type::kInt) {
    // Sign-extend from `width` bytes.
    const uint64_t sign = uint64_t{1} << (8 * width - 1);
    *out = static_cast<int64_t>((v ^ sign) - sign);
    return true;
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return false;
  *out = static_cast<int64_t>(v);
  return true;
}

bool Map::Root(const uint8_t* data, uint32_t size, Map* out) {
  if (!data || size < 3) return false;
  const uint32_t root_width = data[size - 1];
  const uint8_t packed = data[size - 2];
  if (!ValidWidth(root_width) || size < 2 + root_width) return false;
  if (static_cast<Type>(packed >> 2) != Type::kMap) return false;
  uint64_t map = 0;
  if (!Deref(data, size, size - 2 - root_width, root_width, &map)) return false;
  const uint32_t w = 1u << (packed & 3);
  if (map < 3ull * w) return false;
  uint64_t count = 0, key_width = 0, keys = 0, key_count = 0;
  if (!ReadUInt(data, size, map - w, w, &count) || !ReadUInt(data, size, map - 2 * w, w, &key_width) ||
      !Deref(data, size, map - 3 * w, w, &keys) || !ValidWidth(key_width)) {
    return false;
  }
  // Values, then one type byte per value; keys vector preceded by its size.
  if (count > size || map + count * w + count > size) return false;
  if (keys < key_width || keys + count * key_width > size) return false;
  if (!ReadUInt(data, size, keys - key_width, static_cast<uint32_t>(key_width), &key_count) || key_count != count) {
    return false;
  }
  out->data_ = data;
  out->size_ = size;
  out->values_ = static_cast<uint32_t>(map);
  out->keys_ = static_cast<uint32_t>(keys);
  out->count_ = static_cast<uint32_t>(count);
  out->width_ = static_cast<uint8_t>(w);
  out->key_width_ = static_cast<uint8_t>(key_width);
  return true;
}

bool Map::KeyIs(uint32_t i, const char* key) const {
  uint64_t s = 0;
  if (!Deref(data_, size_, keys_ + static_cast<uint64_t>(i) * key_width_, key_width_, &s)) return false;
  for (;; ++s, ++key) {
    if (s >= size_ || data_[s] != static_cast<uint8_t>(*key)) return false;
    if (*key == '\0') return true;
  }
}

bool Map::Find(const char* key, Value* out) const {
  for (uint32_t i = 0; i < count_; ++i) {
    if (!KeyIs(i, key)) continue;
    const uint64_t pos = values_ + static_cast<uint64_t>(i) * width_;
    const uint8_t packed = data_[values_ + static_cast<uint64_t>(count_) * width_ + i];
    *out = Value(data_, size_, static_cast<uint32_t>(pos), width_, packed);
    return true;
  }
  return false;
}

}  // namespace mote::nn::flex
