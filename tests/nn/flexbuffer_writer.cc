#include "nn/flexbuffer_writer.h"

namespace mote::testing {
namespace {

uint8_t Log2(uint32_t width) { return width == 1 ? 0 : width == 2 ? 1 : width == 4 ? 2 : 3; }

class Writer {
 public:
  std::vector<uint8_t> bytes;

  void Align(uint32_t width) {
    while (bytes.size() % width) bytes.push_back(0);
  }
  void Put(uint64_t v, uint32_t width) {
    for (uint32_t i = 0; i < width; ++i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  size_t pos() const { return bytes.size(); }
};

}  // namespace

std::vector<uint8_t> BuildMap(const std::vector<Entry>& entries, uint32_t width, uint32_t key_width,
                              uint32_t root_width) {
  Writer w;
  std::vector<size_t> key_pos, target_pos(entries.size());
  for (const Entry& e : entries) {
    key_pos.push_back(w.pos());
    for (char c : e.key) w.bytes.push_back(static_cast<uint8_t>(c));
    w.bytes.push_back(0);
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].form == Form::kIndirectInt) {
      w.Align(8);
      target_pos[i] = w.pos();
      w.Put(static_cast<uint64_t>(entries[i].value), 8);
    } else if (entries[i].form == Form::kString) {
      w.Put(4, 1);  // size, then the characters and a NUL
      target_pos[i] = w.pos();
      for (char c : std::string("text")) w.bytes.push_back(static_cast<uint8_t>(c));
      w.bytes.push_back(0);
    }
  }
  w.Align(key_width);
  w.Put(entries.size(), key_width);
  const size_t keys = w.pos();
  for (size_t i = 0; i < entries.size(); ++i) w.Put(w.pos() - key_pos[i], key_width);
  w.Align(width);
  w.Put(w.pos() - keys, width);  // offset back to the keys
  w.Put(key_width, width);
  w.Put(entries.size(), width);
  const size_t map = w.pos();
  std::vector<uint8_t> types;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    switch (e.form) {
      case Form::kInt: w.Put(static_cast<uint64_t>(e.value), width); types.push_back(1 << 2 | Log2(width)); break;
      case Form::kUInt: w.Put(static_cast<uint64_t>(e.value), width); types.push_back(2 << 2 | Log2(width)); break;
      case Form::kBool: w.Put(static_cast<uint64_t>(e.value), width); types.push_back(26 << 2 | Log2(width)); break;
      case Form::kIndirectInt: w.Put(w.pos() - target_pos[i], width); types.push_back(6 << 2 | 3); break;
      case Form::kString: w.Put(w.pos() - target_pos[i], width); types.push_back(5 << 2 | 0); break;
    }
  }
  w.bytes.insert(w.bytes.end(), types.begin(), types.end());
  w.Align(root_width);
  w.Put(w.pos() - map, root_width);
  w.bytes.push_back(static_cast<uint8_t>(9 << 2 | Log2(width)));
  w.bytes.push_back(static_cast<uint8_t>(root_width));
  return w.bytes;
}

}  // namespace mote::testing
