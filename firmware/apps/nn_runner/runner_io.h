// The semihosting side of runner_files.h, shared by the runners that speak
// it (apps/nn_runner, apps/aot_runner): reading an input_K.bin, writing an
// output_K.bin and result.bin. Failures print one line on the UART.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "apps/nn_runner/runner_files.h"

namespace mote::nn_runner {

// Reads the whole file `name` into buffer[0, capacity): its size, or -1
// after a line on the UART. With `exact_size` >= 0, the file must have
// exactly that many bytes.
long ReadWholeFile(const char* name, void* buffer, size_t capacity, long exact_size);

// input_K.bin into data[0, bytes): exactly that many bytes, else false after
// a line on the UART.
bool ReadInput(uint32_t k, void* data, size_t bytes);

// data[0, bytes) as output_K.bin; false after a line on the UART.
bool WriteOutput(uint32_t k, const void* data, size_t bytes);

// result.bin: `result`, then `message` (NUL-terminated, truncated to
// kMessageBytes - 1; may be null). False after a line on the UART.
bool WriteResultFile(const Result& result, const char* message);

// Records the failure of `stage` with `status` and `message`, writes
// result.bin and returns kExitModelError (kExitBadFiles when result.bin
// cannot be written).
int Fail(Result* result, Stage stage, uint32_t status, const char* message);

}  // namespace mote::nn_runner
