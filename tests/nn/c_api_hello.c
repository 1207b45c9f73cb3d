/* Drives micro/nn's C API from C (compiled as C17), as firmware would. */
#include "nn/c_api_hello.h"

#include <string.h>

#include "micro/nn/mote_nn.h"

int mote_nn_c_run_once(const void* model, size_t model_bytes, void* arena, size_t arena_bytes, const void* input,
                       size_t input_bytes, void* output, size_t output_bytes, size_t* needed, char* error,
                       size_t error_size) {
  static mote_nn_interpreter nn;
  mote_nn_status status = mote_nn_init(&nn, model, model_bytes);
  if (status == MOTE_NN_OK) status = mote_nn_prepare(&nn, arena, arena_bytes);
  *needed = mote_nn_arena_bytes_needed(&nn);
  if (status == MOTE_NN_OK) {
    mote_nn_tensor in = mote_nn_input(&nn, 0);
    if (mote_nn_input_count(&nn) != 1 || in.bytes != input_bytes || in.data == NULL) return -1;
    memcpy(in.data, input, input_bytes);
    status = mote_nn_invoke(&nn);
  }
  if (status == MOTE_NN_OK) {
    mote_nn_tensor out = mote_nn_output(&nn, 0);
    if (mote_nn_output_count(&nn) != 1 || out.bytes != output_bytes || out.data == NULL) return -1;
    memcpy(output, out.data, output_bytes);
  }
  mote_nn_error_message(&nn, error, error_size);
  return (int)status;
}
