#include "micro/nn/flatbuffer.h"

namespace mote::nn::fb {

namespace {

// True if [pos, pos + bytes) lies within [0, size); 64-bit so nothing wraps.
bool Within(uint64_t pos, uint64_t bytes, uint32_t size) { return pos <= size && bytes <= size - pos; }

// The position a uoffset stored at `at` points to; false if outside.
bool Follow(const uint8_t* blob, uint32_t size, uint32_t at, uint32_t* target) {
  if (!Within(at, 4, size)) return false;
  const uint64_t t = static_cast<uint64_t>(at) + Load<uint32_t>(blob + at);
  if (t >= size) return false;
  *target = static_cast<uint32_t>(t);
  return true;
}

}  // namespace

bool Table::At(const uint8_t* blob, uint32_t blob_size, uint32_t pos, Table* out) {
  if (!blob || !Within(pos, 4, blob_size)) return false;
  const int64_t vtable = static_cast<int64_t>(pos) - Load<int32_t>(blob + pos);
  if (vtable < 0 || !Within(static_cast<uint64_t>(vtable), 4, blob_size)) return false;
  const uint32_t vt = static_cast<uint32_t>(vtable);
  const uint16_t vtable_bytes = Load<uint16_t>(blob + vt);
  const uint16_t table_bytes = Load<uint16_t>(blob + vt + 2);
  if (vtable_bytes < 4 || vtable_bytes % 2 != 0 || !Within(vt, vtable_bytes, blob_size)) return false;
  if (table_bytes < 4 || !Within(pos, table_bytes, blob_size)) return false;
  Table t;
  t.blob_ = blob;
  t.blob_size_ = blob_size;
  t.pos_ = pos;
  t.vtable_ = vt;
  t.vtable_bytes_ = vtable_bytes;
  t.table_bytes_ = table_bytes;
  *out = t;
  return true;
}

bool Table::Root(const uint8_t* blob, uint32_t blob_size, Table* out) {
  uint32_t root = 0;
  return Follow(blob, blob_size, 0, &root) && At(blob, blob_size, root, out);
}

bool Table::FieldPos(int id, uint32_t bytes, uint32_t* pos) const {
  *pos = 0;
  if (!blob_ || id < 0) return true;  // an absent table has only defaults
  const uint32_t slot = 4 + 2 * static_cast<uint32_t>(id);
  if (slot + 2 > vtable_bytes_) return true;  // written by an older schema: absent
  const uint16_t offset = Load<uint16_t>(blob_ + vtable_ + slot);
  if (offset == 0) return true;
  if (offset < 4 || static_cast<uint32_t>(offset) + bytes > table_bytes_) return false;
  *pos = pos_ + offset;
  return true;
}

bool Table::OffsetField(int id, uint32_t* target) const {
  uint32_t pos = 0;
  *target = 0;
  if (!FieldPos(id, 4, &pos)) return false;
  return pos == 0 || Follow(blob_, blob_size_, pos, target);
}

bool Table::Child(int id, Table* out) const {
  uint32_t target = 0;
  if (!OffsetField(id, &target)) return false;
  if (target == 0) {
    *out = Table();
    return true;
  }
  return At(blob_, blob_size_, target, out);
}

bool Table::VectorExtent(int id, uint32_t element_bytes, uint32_t* start, uint32_t* count) const {
  uint32_t target = 0;
  *start = *count = 0;
  if (!OffsetField(id, &target)) return false;
  if (target == 0) return true;
  if (!Within(target, 4, blob_size_)) return false;
  const uint32_t n = Load<uint32_t>(blob_ + target);
  if (!Within(static_cast<uint64_t>(target) + 4, static_cast<uint64_t>(n) * element_bytes, blob_size_)) return false;
  *start = target + 4;
  *count = n;
  return true;
}

bool Table::Tables(int id, TableVector* out) const {
  uint32_t start = 0, count = 0;
  if (!VectorExtent(id, 4, &start, &count)) return false;
  *out = TableVector(blob_, blob_size_, start, count);
  return true;
}

bool TableVector::Get(uint32_t i, Table* out) const {
  if (i >= size_) return false;
  uint32_t target = 0;
  return Follow(blob_, blob_size_, start_ + 4 * i, &target) && Table::At(blob_, blob_size_, target, out);
}

}  // namespace mote::nn::fb
