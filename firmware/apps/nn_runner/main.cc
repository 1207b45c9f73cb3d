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
#include "apps/nn_runner/runner_io.h"
#include "common/count_markers.h"
#include "common/stack_watermark.h"
#include "micro/nn/interpreter.h"

namespace mote::nn_runner {
namespace {

alignas(16) uint8_t g_model[kMaxModelBytes];
alignas(16) uint8_t g_arena[kArenaBytes];
nn::Interpreter g_interpreter;

// Records the failure of `stage` with the interpreter's message.
int FailWithError(Result* result, Stage stage, nn::NnStatus status) {
  char message[kMessageBytes];
  nn::FormatNnError(g_interpreter.error(), message, sizeof message);
  return Fail(result, stage, static_cast<uint32_t>(status), message);
}

int Run() {
  Result result;
  const long model_size = ReadWholeFile("model.tflite", g_model, sizeof(g_model), -1);
  if (model_size < 0) return kExitBadFiles;
  result.model_bytes = static_cast<uint32_t>(model_size);

  const uintptr_t mark = mote_stack_paint();
  nn::NnStatus status = g_interpreter.Init(g_model, static_cast<size_t>(model_size));
  if (status != nn::NnStatus::kOk) return FailWithError(&result, Stage::kInit, status);
  status = g_interpreter.Prepare(g_arena, sizeof(g_arena));
  result.arena_bytes = static_cast<uint32_t>(g_interpreter.arena_bytes_needed());
  if (status != nn::NnStatus::kOk) return FailWithError(&result, Stage::kPrepare, status);

  for (uint32_t k = 0; k < g_interpreter.input_count(); ++k) {
    const nn::Tensor input = g_interpreter.input(k);
    if (!ReadInput(k, input.data, input.bytes)) return kExitBadFiles;
    result.inputs = k + 1;
  }

  mote_count_start();
  status = g_interpreter.Invoke();
  mote_count_stop();
  result.stack_bytes = mote_stack_bytes_used(mark);
  if (status != nn::NnStatus::kOk) return FailWithError(&result, Stage::kInvoke, status);

  for (uint32_t k = 0; k < g_interpreter.output_count(); ++k) {
    const nn::Tensor output = g_interpreter.output(k);
    if (!WriteOutput(k, output.data, output.bytes)) return kExitBadFiles;
    result.outputs = k + 1;
  }
  return WriteResultFile(result, nullptr) ? 0 : kExitBadFiles;
}

}  // namespace
}  // namespace mote::nn_runner

int main() { return mote::nn_runner::Run(); }
