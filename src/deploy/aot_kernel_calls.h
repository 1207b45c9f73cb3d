// Ahead-of-time code for one op: the parameter struct its kernel's prepare
// computed (read from the prepared interpreter's op data: shapes, offsets,
// clamps, per-channel multipliers and shifts), written as C++ constants,
// and the direct call of micro/nn's kernel function with it (ConvInt8,
// FullyConnectedInt8, ...). The same prepare and the same kernel function
// run in the interpreter, so the generated code computes the same bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "micro/nn/interpreter.h"

namespace mote::deploy {

// Where the generated code finds a tensor: given a tensor index and the C++
// element type the kernel takes ("int8_t", "float", ...), returns a pointer
// expression (an arena offset or a constant array); "nullptr" for -1.
using TensorPointer = std::function<std::string(int32_t tensor, const std::string& type)>;

struct KernelCall {
  std::string constants;  // namespace-scope definitions (kOpN params, multipliers, shifts)
  std::string call;       // statements for the invoke function
  std::string state;      // namespace-scope variables the op keeps across invokes (zeroed by `init`)
  std::string init;       // statements for NAME_init: the state as the kernel's Prepare sets it
  std::string header;     // the micro/nn header the call needs ("micro/nn/kernels/conv.h")
  uint64_t constant_bytes = 0;  // of the constants: the struct, multipliers and shifts
};

// The code for op `index` of `interpreter` (prepared). `scratch` is the
// pointer expression of the op's scratch ("nullptr" when none). Fails
// (kUnsupported, naming the op) for ops without an ahead-of-time form.
Result<KernelCall> EmitKernelCall(const nn::Interpreter& interpreter, uint32_t index, const TensorPointer& tensor,
                                  const std::string& scratch);

// The C++ element type of a tensor type ("int8_t", "float", ...); types
// with no C++ counterpart here are written as their bytes ("uint8_t").
std::string ElementType(nn::tflite::TensorType type);

// A float as an exact C++ literal (hexadecimal; ±FLT_MAX and infinities by name).
std::string FloatLiteral(float value);

}  // namespace mote::deploy
