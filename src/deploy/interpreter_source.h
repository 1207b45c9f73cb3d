// The NAME.cc of an interpreter cpp-lib (cpp_lib.h): the .tflite as a
// 16-byte aligned const array and the C API over micro/nn's interpreter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mote::deploy {

// `tflite` is the model's file, `arena_bytes` what the interpreter's
// Prepare needs for it; `name` a C identifier; `header` the API header's
// file name. Never fails (the model was prepared before).
std::string GenerateInterpreterSource(std::string_view tflite, uint64_t arena_bytes, const std::string& name,
                                      const std::string& header, const std::string& origin);

}  // namespace mote::deploy
