// A bounds-checked reader of FlatBuffers binary data, written from the
// published wire format (no FlatBuffers library on the device):
//
// - the buffer starts with a uint32 offset to the root table, optionally
//   followed by a 4-byte file identifier;
// - a table starts with an int32 soffset: its vtable is at table - soffset;
//   a vtable is uint16 vtable_bytes, uint16 table_bytes, then one uint16 per
//   field: the field's offset from the table start, 0 when absent (the
//   reader then uses the schema's default);
// - an offset field (table, vector, string) holds a uint32 relative to the
//   field's own position; a vector is a uint32 element count followed by the
//   elements; a string is a vector of char (plus a NUL not counted);
// - a union is two fields: a ubyte type (id n) and the offset (id n + 1);
// - everything is little-endian.
//
// Every read is checked against the blob's size before it is made, so a
// truncated or corrupted blob yields `false`, never a read outside it. Values
// are loaded with memcpy, so no alignment is assumed. The blob is only read
// (it may be in flash) and must outlive every Table and Vector taken from it.
#pragma once

#include <cstdint>
#include <cstring>

namespace mote::nn::fb {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "FlatBuffers are little-endian; so must the target be");

template <typename T>
inline T Load(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

// A vector of scalars inside the blob, its extent already checked.
template <typename T>
class Vector {
 public:
  Vector() = default;
  Vector(const uint8_t* data, uint32_t size) : data_(data), size_(size) {}
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Requires i < size().
  T operator[](uint32_t i) const { return Load<T>(data_ + static_cast<size_t>(i) * sizeof(T)); }
  // The first byte of element 0 (null when empty and absent).
  const uint8_t* data() const { return data_; }

 private:
  const uint8_t* data_ = nullptr;
  uint32_t size_ = 0;
};

class TableVector;

class Table {
 public:
  // An absent table: every field reads as its default.
  Table() = default;

  // The table at byte `pos` of blob[0, blob_size). False if its soffset,
  // vtable or extent leaves the blob or is malformed.
  static bool At(const uint8_t* blob, uint32_t blob_size, uint32_t pos, Table* out);

  // The root table (offset at byte 0). False if out of range.
  static bool Root(const uint8_t* blob, uint32_t blob_size, Table* out);

  bool present() const { return blob_ != nullptr; }

  // Scalar field number `id` (0-based, in schema order; a union counts two).
  // Absent: *out = default_value. False if the field leaves the table.
  template <typename T>
  bool Scalar(int id, T default_value, T* out) const {
    uint32_t pos = 0;
    if (!FieldPos(id, sizeof(T), &pos)) return false;
    *out = pos ? Load<T>(blob_ + pos) : default_value;
    return true;
  }

  // Table field `id`. Absent: *out is an absent Table (present() false).
  bool Child(int id, Table* out) const;

  // Vector-of-scalars (or string) field `id`. Absent: empty vector.
  template <typename T>
  bool VectorOf(int id, Vector<T>* out) const {
    uint32_t start = 0, count = 0;
    if (!VectorExtent(id, sizeof(T), &start, &count)) return false;
    *out = count ? Vector<T>(blob_ + start, count) : Vector<T>();
    return true;
  }

  // Vector-of-tables field `id`. Absent: empty.
  bool Tables(int id, TableVector* out) const;

  const uint8_t* blob() const { return blob_; }
  uint32_t blob_size() const { return blob_size_; }

 private:
  // Absolute position of field `id` holding `bytes` bytes; 0 when absent.
  bool FieldPos(int id, uint32_t bytes, uint32_t* pos) const;
  // Follows the uoffset field `id`; *target = 0 when absent.
  bool OffsetField(int id, uint32_t* target) const;
  // Vector field `id` of `element_bytes` elements: first element and count.
  bool VectorExtent(int id, uint32_t element_bytes, uint32_t* start, uint32_t* count) const;

  const uint8_t* blob_ = nullptr;
  uint32_t blob_size_ = 0;
  uint32_t pos_ = 0;
  uint32_t vtable_ = 0;
  uint16_t vtable_bytes_ = 0;
  uint16_t table_bytes_ = 0;
};

// A vector of offsets to tables.
class TableVector {
 public:
  TableVector() = default;
  TableVector(const uint8_t* blob, uint32_t blob_size, uint32_t start, uint32_t size)
      : blob_(blob), blob_size_(blob_size), start_(start), size_(size) {}
  uint32_t size() const { return size_; }
  // Element i (requires i < size()); false if it points outside the blob.
  bool Get(uint32_t i, Table* out) const;

 private:
  const uint8_t* blob_ = nullptr;
  uint32_t blob_size_ = 0;
  uint32_t start_ = 0;
  uint32_t size_ = 0;
};

}  // namespace mote::nn::fb
