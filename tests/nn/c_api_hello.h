/* The C side of c_api_test.cc: runs a one-input, one-output model through
 * micro/nn's C API. Returns the mote_nn_status (or -1 for a shape mismatch),
 * the arena bytes needed and the error line. */
#ifndef MOTE_TESTS_NN_C_API_HELLO_H_
#define MOTE_TESTS_NN_C_API_HELLO_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int mote_nn_c_run_once(const void* model, size_t model_bytes, void* arena, size_t arena_bytes, const void* input,
                       size_t input_bytes, void* output, size_t output_bytes, size_t* needed, char* error,
                       size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
