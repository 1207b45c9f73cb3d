/* mote_nn.h: the C API of micro/nn's interpreter, for C firmware.
 *
 *   static mote_nn_interpreter nn;
 *   static uint8_t arena[8192] __attribute__((aligned(16)));
 *   if (mote_nn_init(&nn, model, model_size) != MOTE_NN_OK) ...
 *   if (mote_nn_prepare(&nn, arena, sizeof arena) != MOTE_NN_OK) ...  // too small: see mote_nn_arena_bytes_needed
 *   mote_nn_tensor in = mote_nn_input(&nn, 0);  memcpy(in.data, features, in.bytes);
 *   mote_nn_invoke(&nn);
 *   mote_nn_tensor out = mote_nn_output(&nn, 0);
 *
 * The same contract as mote::nn::Interpreter (interpreter.h): the model blob
 * (16-byte aligned, may be in flash) and the arena stay valid while `nn` is
 * used; nothing is allocated; not thread-safe. Status values equal
 * mote::nn::NnStatus. */
#ifndef MOTE_MICRO_NN_MOTE_NN_H_
#define MOTE_MICRO_NN_MOTE_NN_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mote_nn_status {
  MOTE_NN_OK = 0,
  MOTE_NN_NOT_TFLITE,
  MOTE_NN_CORRUPT,
  MOTE_NN_BAD_MODEL,
  MOTE_NN_UNSUPPORTED_OP,
  MOTE_NN_UNSUPPORTED_TYPE,
  MOTE_NN_BAD_QUANTIZATION,
  MOTE_NN_BAD_OPTIONS,
  MOTE_NN_SHAPE_MISMATCH,
  MOTE_NN_MISALIGNED,
  MOTE_NN_ARENA_TOO_SMALL,
  MOTE_NN_TOO_LARGE,
  MOTE_NN_NOT_PREPARED,
  MOTE_NN_BAD_ARGUMENT
} mote_nn_status;

/* Storage for one interpreter (opaque; the C++ object lives inside). */
#define MOTE_NN_INTERPRETER_WORDS 96
typedef struct mote_nn_interpreter {
  union {
    void* pointer;
    uint64_t word;
    double real;
  } storage[MOTE_NN_INTERPRETER_WORDS];
} mote_nn_interpreter;

/* A graph input or output; `type` is the .tflite TensorType (0 float32, 9 int8, ...). */
typedef struct mote_nn_tensor {
  void* data; /* NULL when the index is out of range or the interpreter is not prepared */
  int32_t type;
  int32_t rank;
  int32_t dims[6];
  uint32_t bytes;
  float scale;
  int32_t zero_point;
} mote_nn_tensor;

/* Reads and checks the model and finds a kernel for every op. */
mote_nn_status mote_nn_init(mote_nn_interpreter* nn, const void* model, size_t model_bytes);
/* Prepares the ops and plans memory in arena[0, arena_bytes). */
mote_nn_status mote_nn_prepare(mote_nn_interpreter* nn, void* arena, size_t arena_bytes);
mote_nn_status mote_nn_invoke(mote_nn_interpreter* nn);
/* The arena bytes the model needs, after mote_nn_prepare (also after
 * MOTE_NN_ARENA_TOO_SMALL); 0 before. */
size_t mote_nn_arena_bytes_needed(const mote_nn_interpreter* nn);
uint32_t mote_nn_input_count(const mote_nn_interpreter* nn);
uint32_t mote_nn_output_count(const mote_nn_interpreter* nn);
mote_nn_tensor mote_nn_input(const mote_nn_interpreter* nn, uint32_t index);
mote_nn_tensor mote_nn_output(const mote_nn_interpreter* nn, uint32_t index);
/* The last error as one line ("op 3 (SVDF): unsupported op"), NUL-terminated
 * and truncated to `size`; returns its untruncated length. */
size_t mote_nn_error_message(const mote_nn_interpreter* nn, char* out, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_MICRO_NN_MOTE_NN_H_ */
