// Element types of mote's model IR.
//
// The IR keeps the types that its operators compute with. A .tflite file may
// hold float16 weights; the importer widens them to float32 (see
// tflite_reader.h), so float16 is not an IR type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mote::model {

enum class DType : uint8_t {
  kFloat32,
  kInt8,
  kUInt8,
  kInt16,
  kUInt16,
  kInt32,
  kUInt32,
  kInt64,
  kUInt64,
  kBool,
};

// Bytes per element (bool takes one byte, as in .tflite).
size_t ElementSize(DType dtype);

// "float32", "int8", ...: the names used by `mote model inspect` and in errors.
std::string_view DTypeName(DType dtype);

}  // namespace mote::model
