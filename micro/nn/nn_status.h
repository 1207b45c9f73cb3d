// NnStatus and NnError: what went wrong while reading, preparing or running a
// model on the device.
//
// The device has no room for prose, so a status is one byte; NnError adds
// where it happened (the operator or tensor index, the field of the .tflite
// being read, the op's name, the bytes involved) and FormatNnError() turns it
// into one line such as
//     op 3 (UNIDIRECTIONAL_SEQUENCE_LSTM): unsupported op
//     tensor 12: Tensor.shape: out of range
//     arena too small: needs 7312 bytes, got 4096
//     arena too small: needs at least 812 bytes, got 0
// for logs on the device and for the host, which prefixes the file name.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mote::nn {

enum class NnStatus : uint8_t {
  kOk = 0,
  kNotTflite,         // too small, or the file identifier is not "TFL3"
  kCorrupt,           // an offset, length or index points outside the blob or table
  kBadModel,          // well-formed flatbuffer, but a value makes no sense (shape, index, type)
  kUnsupportedOp,     // no kernel registered for this builtin code / custom name
  kUnsupportedType,   // the op's kernel does not handle these tensor types
  kBadQuantization,   // missing or unusable scale / zero point for a quantized tensor
  kBadOptions,        // the op's options are missing, of the wrong kind or out of range
  kShapeMismatch,     // the op's tensors' shapes do not agree with each other
  kMisaligned,        // constant data or the model blob is not aligned to its element size
  kArenaTooSmall,     // the caller's arena is smaller than arena_bytes_needed()
  kTooLarge,          // a count or size exceeds what the runtime can index (65535 tensors, 4 GB)
  kNotPrepared,       // Invoke/input/output before a successful Prepare
  kBadArgument,       // a null pointer or index out of range passed by the caller
};

// A static phrase, never null ("unsupported op").
const char* NnStatusMessage(NnStatus status);

// Where an error happened. -1 / null / 0 where it does not apply.
struct NnError {
  NnStatus status = NnStatus::kOk;
  int32_t op_index = -1;         // operator in subgraph 0
  int32_t tensor_index = -1;     // tensor in subgraph 0
  const char* field = nullptr;   // e.g. "Tensor.shape", static storage
  const char* op_name = nullptr; // e.g. "CONV_2D" or a custom op's code (may point into the blob)
  uint32_t op_name_length = 0;   // op_name is not NUL-terminated when it points into the blob
  uint64_t needed = 0;           // kArenaTooSmall: bytes needed
  uint64_t got = 0;              // kArenaTooSmall: bytes given
  bool needed_at_least = false;  // kArenaTooSmall: `needed` is a lower bound (the arena could not even be planned)
};

// Writes the one-line message (NUL-terminated, truncated to fit) into
// out[0..size); returns the length it would have had untruncated. `out` may
// be null when size is 0.
size_t FormatNnError(const NnError& error, char* out, size_t size);

}  // namespace mote::nn
