// .npy files for the PyTorch anchors to read (NumPy's format 1.0): what a
// benchmark hands to bench/torch_*.py. src/data/import/numpy_array.h reads
// them back.
#pragma once

#include <string>
#include <vector>

namespace mote::bench {

// A little-endian .npy of `bytes` raw values of `dtype` ("<f4", "<i8")
// shaped `shape`: the magic, the header dict padded with spaces to a
// multiple of 64 bytes, then the values.
inline std::string NpyBytes(const char* dtype, const std::vector<int64_t>& shape, const void* data, size_t bytes) {
  std::string dims;
  for (int64_t d : shape) dims += std::to_string(d) + ", ";
  if (shape.size() > 1) dims.resize(dims.size() - 1);
  std::string header = "{'descr': '" + std::string(dtype) + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(static_cast<const char*>(data), bytes);
  return out;
}

}  // namespace mote::bench
