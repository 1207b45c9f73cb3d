// The nn runner firmware: reads a .tflite model and its inputs by
// semihosting, runs one inference with micro/nn's interpreter in a static
// arena, and writes the outputs and a result record (runner_files.h). The
// Invoke, and only it, sits between the instruction-count markers, so the
// QEMU plugin counts the instructions of one inference.
//
// The model lies in a RAM buffer here because semihosting loads it at run
// time; the interpreter runs it in place as it would from flash.
//
// Exits with 0, kExitBadFiles (a line on the UART says why) or
// kExitModelError (result.bin says why).
#include <stddef.h>
#include <stdint.h>

#include "apps/nn_runner/runner_files.h"
#include "common/board.h"
#include "common/count_markers.h"
#include "common/stack_watermark.h"
#include "micro/nn/interpreter.h"
#include "semihosting/semihosting.h"

namespace mote::nn_runner {
namespace {

alignas(16) uint8_t g_model[kMaxModelBytes];
alignas(16) uint8_t g_arena[kArenaBytes];
nn::Interpreter g_interpreter;

// Reads the whole file `name` into buffer[0, capacity): its size, or -1
// after a line on the UART. With `exact_size` >= 0, the file must have
// exactly that many bytes.
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

bool WriteWholeFile(const char* name, const void* data, size_t size) {
  const int handle = semihost_open(name, SEMIHOST_OPEN_WRITE);
  if (handle < 0) return false;
  const bool ok = semihost_write(handle, data, size) == 0;
  return semihost_close(handle) == 0 && ok;
}

bool WriteResultFile(const Result& result) {
  uint8_t bytes[kResultFileBytes] = {};
  uint32_t words[kResultWords];
  WriteResult(result, words);
  __builtin_memcpy(bytes, words, sizeof(words));
  if (result.status != 0)
    nn::FormatNnError(g_interpreter.error(), reinterpret_cast<char*>(bytes + sizeof(words)), kMessageBytes);
  return WriteWholeFile("result.bin", bytes, sizeof(bytes));
}

// Records the failure of `stage` and writes result.bin.
int Fail(Result* result, Stage stage, nn::NnStatus status) {
  result->stage = stage;
  result->status = static_cast<uint32_t>(status);
  if (!WriteResultFile(*result)) board_uart_print("result.bin: cannot write\n");
  return kExitModelError;
}

int Run() {
  Result result;
  const long model_size = ReadWholeFile("model.tflite", g_model, sizeof(g_model), -1);
  if (model_size < 0) return kExitBadFiles;
  result.model_bytes = static_cast<uint32_t>(model_size);

  const uintptr_t mark = mote_stack_paint();
  nn::NnStatus status = g_interpreter.Init(g_model, static_cast<size_t>(model_size));
  if (status != nn::NnStatus::kOk) return Fail(&result, Stage::kInit, status);
  status = g_interpreter.Prepare(g_arena, sizeof(g_arena));
  result.arena_bytes = static_cast<uint32_t>(g_interpreter.arena_bytes_needed());
  if (status != nn::NnStatus::kOk) return Fail(&result, Stage::kPrepare, status);

  char name[16];
  for (uint32_t k = 0; k < g_interpreter.input_count(); ++k) {
    const nn::Tensor input = g_interpreter.input(k);
    IndexedFileName("input_", k, name);
    if (ReadWholeFile(name, input.data, input.bytes, input.bytes) < 0) return kExitBadFiles;
    result.inputs = k + 1;
  }

  mote_count_start();
  status = g_interpreter.Invoke();
  mote_count_stop();
  result.stack_bytes = mote_stack_bytes_used(mark);
  if (status != nn::NnStatus::kOk) return Fail(&result, Stage::kInvoke, status);

  for (uint32_t k = 0; k < g_interpreter.output_count(); ++k) {
    const nn::Tensor output = g_interpreter.output(k);
    IndexedFileName("output_", k, name);
    if (!WriteWholeFile(name, output.data, output.bytes)) {
      board_uart_print(name);
      board_uart_print(": cannot write\n");
      return kExitBadFiles;
    }
    result.outputs = k + 1;
  }
  if (!WriteResultFile(result)) {
    board_uart_print("result.bin: cannot write\n");
    return kExitBadFiles;
  }
  return 0;
}

}  // namespace
}  // namespace mote::nn_runner

int main() { return mote::nn_runner::Run(); }
