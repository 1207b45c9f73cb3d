#include "apps/nn_runner/runner_io.h"

#include "common/board.h"
#include "semihosting/semihosting.h"

namespace mote::nn_runner {

namespace {

bool WriteWholeFile(const char* name, const void* data, size_t size) {
  const int handle = semihost_open(name, SEMIHOST_OPEN_WRITE);
  if (handle < 0) return false;
  const bool ok = semihost_write(handle, data, size) == 0;
  return semihost_close(handle) == 0 && ok;
}

}  // namespace

long ReadWholeFile(const char* name, void* buffer, size_t capacity, long exact_size) {
  const int handle = semihost_open(name, SEMIHOST_OPEN_READ);
  if (handle < 0) {
    board_uart_print(name);
    board_uart_print(": cannot open\n");
    return -1;
  }
  const long size = semihost_file_length(handle);
  const char* error = nullptr;
  if (size < 0) {
    error = ": cannot read its length\n";
  } else if (exact_size >= 0 && size != exact_size) {
    error = ": size differs from the input tensor's\n";
  } else if (static_cast<size_t>(size) > capacity) {
    error = ": larger than the firmware's buffer\n";
  } else if (semihost_read(handle, buffer, static_cast<size_t>(size)) != size) {
    error = ": read failed\n";
  }
  semihost_close(handle);
  if (error) {
    board_uart_print(name);
    board_uart_print(error);
    return -1;
  }
  return size;
}

bool ReadInput(uint32_t k, void* data, size_t bytes) {
  char name[16];
  IndexedFileName("input_", k, name);
  return ReadWholeFile(name, data, bytes, static_cast<long>(bytes)) >= 0;
}

bool WriteOutput(uint32_t k, const void* data, size_t bytes) {
  char name[16];
  IndexedFileName("output_", k, name);
  if (WriteWholeFile(name, data, bytes)) return true;
  board_uart_print(name);
  board_uart_print(": cannot write\n");
  return false;
}

bool WriteResultFile(const Result& result, const char* message) {
  uint8_t bytes[kResultFileBytes] = {};
  uint32_t words[kResultWords];
  WriteResult(result, words);
  __builtin_memcpy(bytes, words, sizeof(words));
  for (size_t i = 0; message && message[i] != '\0' && i + 1 < kMessageBytes; ++i)
    bytes[sizeof(words) + i] = static_cast<uint8_t>(message[i]);
  if (WriteWholeFile("result.bin", bytes, sizeof(bytes))) return true;
  board_uart_print("result.bin: cannot write\n");
  return false;
}

int Fail(Result* result, Stage stage, uint32_t status, const char* message) {
  result->stage = stage;
  result->status = status;
  return WriteResultFile(*result, message) ? kExitModelError : kExitBadFiles;
}

}  // namespace mote::nn_runner
