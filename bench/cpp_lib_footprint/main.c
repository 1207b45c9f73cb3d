/* Uses the whole API so that nothing the application would call is dropped. */
#include <string.h>

#include "model.h"

static uint8_t arena[MODEL_ARENA_BYTES] __attribute__((aligned(16)));

int main(void) {
  if (model_init(arena, sizeof arena) != MOTE_NN_OK) return 1;
  mote_nn_tensor in = model_input(0);
  memset(in.data, 0, in.bytes);
  if (model_invoke() != MOTE_NN_OK) return 2;
  mote_nn_tensor out = model_output(0);
  return ((const int8_t*)out.data)[0];
}
