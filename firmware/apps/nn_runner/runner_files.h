// The files that the nn runner firmware (firmware/apps/nn_runner) exchanges
// with the host by semihosting, in QEMU's working directory. Fixed names, so
// the firmware needs no command line: the host puts the files in a fresh
// folder and starts QEMU there (src/deploy/nn_runner.h does).
//
//   model.tflite   read: the model, at most kMaxModelBytes
//   input_K.bin    read: the bytes of graph input K (K = 0, 1, ...), exactly
//                  the input tensor's size
//   output_K.bin   written: the bytes of graph output K after one Invoke
//   result.bin     written: kResultWords little-endian words (WriteResult),
//                  then kMessageBytes of the interpreter's error message
//                  (NUL-padded; empty when status is 0)
//
// Shared by the firmware and the host; C++17, header-only, no heap. Both
// ends are little-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mote::nn_runner {

// What the firmware's static buffers hold (the boards' RAM is 4 MiB).
inline constexpr size_t kMaxModelBytes = 2u << 20;
inline constexpr size_t kArenaBytes = 1u << 20;

// Exit statuses besides 0 (254 is a fault, see firmware/common/startup.h).
inline constexpr int kExitBadFiles = 2;    // model.tflite or an input_K.bin missing or of the wrong size; a line on the UART says which; no result.bin
inline constexpr int kExitModelError = 3;  // the interpreter refused the model: result.bin says where and why

// The step that failed (Result::stage); kDone when none did.
enum class Stage : uint32_t { kDone = 0, kInit = 1, kPrepare = 2, kInvoke = 3 };

struct Result {
  Stage stage = Stage::kDone;
  uint32_t status = 0;        // mote::nn::NnStatus of that stage; 0 when all succeeded
  uint32_t arena_bytes = 0;   // Interpreter::arena_bytes_needed() after Prepare
  uint32_t stack_bytes = 0;   // deepest main-stack use from Init to the end of Invoke (painted)
  uint32_t model_bytes = 0;   // model.tflite's size
  uint32_t inputs = 0;        // graph inputs read, outputs written
  uint32_t outputs = 0;
};

inline constexpr uint32_t kResultMagic = 0x524E4E4Du;  // "MNNR" in file order
inline constexpr uint32_t kResultWords = 8;
inline constexpr size_t kMessageBytes = 160;
inline constexpr size_t kResultFileBytes = kResultWords * 4 + kMessageBytes;

inline void WriteResult(const Result& result, uint32_t words[kResultWords]) {
  const uint32_t values[kResultWords] = {kResultMagic,        static_cast<uint32_t>(result.stage),
                                         result.status,       result.arena_bytes,
                                         result.stack_bytes,  result.model_bytes,
                                         result.inputs,       result.outputs};
  std::memcpy(words, values, sizeof(values));
}

// False when the magic or the stage is wrong.
inline bool ReadResult(const uint32_t words[kResultWords], Result* result) {
  if (words[0] != kResultMagic || words[1] > static_cast<uint32_t>(Stage::kInvoke)) return false;
  result->stage = static_cast<Stage>(words[1]);
  result->status = words[2];
  result->arena_bytes = words[3];
  result->stack_bytes = words[4];
  result->model_bytes = words[5];
  result->inputs = words[6];
  result->outputs = words[7];
  return true;
}

// "input_3.bin" / "output_3.bin" into `out` (at least 16 bytes) for k < 100000.
inline void IndexedFileName(const char* prefix, uint32_t k, char* out) {
  while (*prefix) *out++ = *prefix++;
  char digits[6];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + k % 10);
    k /= 10;
  } while (k != 0 && n < 5);
  while (n > 0) *out++ = digits[--n];
  std::memcpy(out, ".bin", 5);
}

}  // namespace mote::nn_runner
