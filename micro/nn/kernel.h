// The kernel interface: how an op's implementation plugs into the
// interpreter (as TensorFlow Lite Micro's TfLiteRegistration does).
//
// A kernel is three plain functions in an OpKernel:
//   prepare(ctx, nullptr, &memory)  checks the op's tensors and options and
//                                   says how much memory it needs;
//   prepare(ctx, op_data, &memory)  fills op_data (memory.persistent_bytes,
//                                   8-aligned, in the arena): shapes, offsets,
//                                   per-channel multipliers and shifts —
//                                   everything Invoke needs, so Invoke reads
//                                   no flatbuffer;
//   invoke(op_data, buffers)        computes, from raw tensor pointers.
// `scratch_bytes` is planned by the memory planner like an activation alive
// during that op only; `persistent_bytes` lives as long as the interpreter.
// Stateful ops (LSTM, SVDF) keep their state in variable tensors, which the
// planner keeps alive across Invokes, or in persistent memory; custom ops
// (TensorFlow Lite Micro's signal ops) register by custom_code.
//
// An optimized kernel (Cortex-M DSP, MVE) is another OpKernel for the same
// builtin code, put in the OpResolver instead of the reference one; it must
// produce the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/nn/model.h"
#include "micro/nn/nn_status.h"

namespace mote::nn {

struct OpMemory {
  uint32_t persistent_bytes = 0;
  uint32_t scratch_bytes = 0;
};

// What prepare sees: the op, its tensors and options, read from the model.
class OpContext {
 public:
  OpContext(const Model& model, const OpView& op, const char* name, NnError* error)
      : model_(model), op_(op), name_(name), error_(error) {}

  const OpView& op() const { return op_; }
  uint32_t input_count() const { return op_.inputs.size(); }
  uint32_t output_count() const { return op_.outputs.size(); }
  // True when input i exists and is not omitted (-1).
  bool has_input(uint32_t i) const { return i < op_.inputs.size() && op_.inputs[i] >= 0; }

  // Input / output i; kBadModel (naming the op) when it does not exist.
  NnStatus Input(uint32_t i, TensorView* out) const;
  NnStatus Output(uint32_t i, TensorView* out) const;
  // The op's builtin options when they are of union member `type`; an
  // absent table (all defaults) when the op has none; kBadOptions when they
  // are of another kind.
  NnStatus Options(uint8_t type, fb::Table* out) const;

  // Records an error about this op (and a tensor, if >= 0); returns status.
  NnStatus Fail(NnStatus status, const char* field, int32_t tensor_index = -1) const;
  // Requires the op to have `inputs` (at least `min_inputs`) and `outputs`.
  NnStatus ExpectCounts(uint32_t min_inputs, uint32_t max_inputs, uint32_t outputs) const;

 private:
  const Model& model_;
  const OpView& op_;
  const char* name_;
  NnError* error_;
};

// Tensor data for one Invoke: inputs[i] is null for an omitted optional input.
// An input may be the same buffer as an output (a model may name one tensor
// as both), so kernels copy input to output with memmove, not memcpy.
struct OpBuffers {
  const void* const* inputs;
  void* const* outputs;
  void* scratch;
};

struct OpKernel {
  NnStatus (*prepare)(const OpContext& ctx, void* op_data, OpMemory* memory);
  NnStatus (*invoke)(void* op_data, const OpBuffers& buffers);
};

struct OpRegistration {
  int32_t builtin_code;     // tflite::BuiltinOp (tflite::kCustom for custom ops)
  const char* custom_code;  // custom ops: their OperatorCode.custom_code; else null
  const char* name;         // for errors: "CONV_2D"
  const OpKernel* kernel;
};

// The ops a firmware links: a table the caller owns (static, in flash).
// Listing fewer ops links fewer kernels.
class OpResolver {
 public:
  constexpr OpResolver(const OpRegistration* ops, size_t count) : ops_(ops), count_(count) {}
  // The registration for `op`, or null.
  const OpRegistration* Find(const OpView& op) const;

 private:
  const OpRegistration* ops_;
  size_t count_;
};

// Every kernel in micro/nn, the reference (portable) ones.
const OpResolver& AllOps();

// Typed views of raw buffers without casts at every use.
template <typename T>
inline const T* In(const OpBuffers& b, int i) {
  return static_cast<const T*>(b.inputs[i]);
}
template <typename T>
inline T* Out(const OpBuffers& b, int i) {
  return static_cast<T*>(b.outputs[i]);
}
// The T array at `offset` bytes into op data.
template <typename T>
inline T* DataAt(void* op_data, size_t offset) {
  return static_cast<T*>(static_cast<void*>(static_cast<uint8_t*>(op_data) + offset));
}

}  // namespace mote::nn
