// The aot runner firmware: runs a model through the ahead-of-time code that
// `mote export --format cpp-lib --runtime aot --name model` generated (its
// model.h and model.cc are compiled in; CMakeLists.txt says from where). It
// speaks the nn runner's file protocol (apps/nn_runner/runner_files.h)
// without model.tflite: reads input_K.bin by semihosting, initializes the
// model in a static arena of exactly MODEL_ARENA_BYTES, invokes it once
// between the instruction-count markers and writes output_K.bin and
// result.bin (stage kInit or kInvoke on failure; no kPrepare: the plan was
// made at export).
//
// Exits with 0, kExitBadFiles (a line on the UART says why) or
// kExitModelError (result.bin says why).
#include <stddef.h>
#include <stdint.h>

#include "apps/nn_runner/runner_files.h"
#include "apps/nn_runner/runner_io.h"
#include "common/count_markers.h"
#include "common/stack_watermark.h"
#include "micro/nn/nn_status.h"
#include "model.h"

namespace mote::aot_runner {
namespace {

using nn_runner::Result;
using nn_runner::Stage;

// The exact arena the generated code asks for (one byte when it needs none).
alignas(16) uint8_t g_arena[MODEL_ARENA_BYTES > 0 ? MODEL_ARENA_BYTES : 1];

int FailWithStatus(Result* result, Stage stage, mote_nn_status status) {
  return nn_runner::Fail(result, stage, static_cast<uint32_t>(status),
                         nn::NnStatusMessage(static_cast<nn::NnStatus>(status)));
}

int Run() {
  Result result;
  const uintptr_t mark = mote_stack_paint();
  mote_nn_status status = model_init(g_arena, MODEL_ARENA_BYTES);
  result.arena_bytes = static_cast<uint32_t>(model_arena_bytes());
  if (status != MOTE_NN_OK) return FailWithStatus(&result, Stage::kInit, status);

  for (uint32_t k = 0; k < model_input_count(); ++k) {
    const mote_nn_tensor input = model_input(k);
    if (!nn_runner::ReadInput(k, input.data, input.bytes)) return nn_runner::kExitBadFiles;
    result.inputs = k + 1;
  }

  mote_count_start();
  status = model_invoke();
  mote_count_stop();
  result.stack_bytes = mote_stack_bytes_used(mark);
  if (status != MOTE_NN_OK) return FailWithStatus(&result, Stage::kInvoke, status);

  for (uint32_t k = 0; k < model_output_count(); ++k) {
    const mote_nn_tensor output = model_output(k);
    if (!nn_runner::WriteOutput(k, output.data, output.bytes)) return nn_runner::kExitBadFiles;
    result.outputs = k + 1;
  }
  return nn_runner::WriteResultFile(result, nullptr) ? 0 : nn_runner::kExitBadFiles;
}

}  // namespace
}  // namespace mote::aot_runner

int main() { return mote::aot_runner::Run(); }
