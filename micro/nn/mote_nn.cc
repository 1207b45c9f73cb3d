#include "micro/nn/mote_nn.h"

#include <new>

#include "micro/nn/interpreter.h"

namespace {

using mote::nn::Interpreter;
using mote::nn::NnStatus;

static_assert(sizeof(Interpreter) <= sizeof(mote_nn_interpreter), "raise MOTE_NN_INTERPRETER_WORDS");
static_assert(alignof(Interpreter) <= alignof(mote_nn_interpreter), "mote_nn_interpreter under-aligned");
static_assert(static_cast<int>(NnStatus::kBadArgument) == MOTE_NN_BAD_ARGUMENT, "status values drifted");

Interpreter* Get(mote_nn_interpreter* nn) { return std::launder(static_cast<Interpreter*>(static_cast<void*>(nn))); }
const Interpreter* Get(const mote_nn_interpreter* nn) {
  return std::launder(static_cast<const Interpreter*>(static_cast<const void*>(nn)));
}
mote_nn_status C(NnStatus s) { return static_cast<mote_nn_status>(s); }

mote_nn_tensor ToC(const mote::nn::Tensor& t) {
  mote_nn_tensor out{};
  out.data = t.data;
  out.type = static_cast<int32_t>(t.type);
  out.rank = t.rank;
  for (int i = 0; i < t.rank && i < 6; ++i) out.dims[i] = t.dims[i];
  out.bytes = t.bytes;
  out.scale = t.scale;
  out.zero_point = t.zero_point;
  return out;
}

}  // namespace

extern "C" {

mote_nn_status mote_nn_init(mote_nn_interpreter* nn, const void* model, size_t model_bytes) {
  if (!nn) return MOTE_NN_BAD_ARGUMENT;
  Interpreter* interpreter = new (nn) Interpreter();  // placement: no heap
  return C(interpreter->Init(model, model_bytes));
}

mote_nn_status mote_nn_prepare(mote_nn_interpreter* nn, void* arena, size_t arena_bytes) {
  return nn ? C(Get(nn)->Prepare(arena, arena_bytes)) : MOTE_NN_BAD_ARGUMENT;
}

mote_nn_status mote_nn_invoke(mote_nn_interpreter* nn) { return nn ? C(Get(nn)->Invoke()) : MOTE_NN_BAD_ARGUMENT; }

size_t mote_nn_arena_bytes_needed(const mote_nn_interpreter* nn) { return nn ? Get(nn)->arena_bytes_needed() : 0; }

uint32_t mote_nn_input_count(const mote_nn_interpreter* nn) { return nn ? Get(nn)->input_count() : 0; }
uint32_t mote_nn_output_count(const mote_nn_interpreter* nn) { return nn ? Get(nn)->output_count() : 0; }

mote_nn_tensor mote_nn_input(const mote_nn_interpreter* nn, uint32_t index) {
  return nn ? ToC(Get(nn)->input(index)) : mote_nn_tensor{};
}

mote_nn_tensor mote_nn_output(const mote_nn_interpreter* nn, uint32_t index) {
  return nn ? ToC(Get(nn)->output(index)) : mote_nn_tensor{};
}

size_t mote_nn_error_message(const mote_nn_interpreter* nn, char* out, size_t size) {
  return nn ? mote::nn::FormatNnError(Get(nn)->error(), out, size) : 0;
}

}  // extern "C"
