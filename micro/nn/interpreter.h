// Interpreter: runs a .tflite model in place from its blob, in one arena the
// caller provides. No heap, no copies of the model, no global state.
//
//   mote::nn::Interpreter interpreter;
//   if (interpreter.Init(model_data, model_size) != NnStatus::kOk) ...  // parse, check, resolve ops
//   if (interpreter.Prepare(arena, sizeof arena) != NnStatus::kOk) ... // plan, per-channel multipliers
//   memcpy(interpreter.input(0).data, features, n);
//   interpreter.Invoke();
//   const int8_t* scores = static_cast<const int8_t*>(interpreter.output(0).data);
//
// The blob must stay valid and unchanged (it may be in flash) for as long as
// the interpreter is used, and be 16-byte aligned so that its weights are
// aligned to their types. The arena must outlive the interpreter's use and
// should be 16-byte aligned (kArenaAlignment); an unaligned arena loses up to
// 15 bytes to alignment.
//
// The arena holds, from its start: per-tensor locations, per-op records,
// each op's input and output data pointers (resolved once in Prepare, so
// Invoke only calls the kernels) and kernel data (shapes, offsets, per-channel multipliers and shifts: computed
// once in Prepare), then the activations as placed by the memory planner
// (memory_planner.h). arena_bytes_needed() is known after Prepare; given too
// little, Prepare returns kArenaTooSmall (error().needed says how much) and
// writes nothing outside the arena. When the arena cannot even hold the
// planner's working set (20 bytes per activation), the figure is a lower
// bound (error().needed_at_least): a second Prepare with that many bytes
// reports the exact figure.
//
// Errors name where they happened (error(), FormatNnError). Not thread-safe;
// one Invoke at a time. Input and output data pointers stay valid until the
// next Prepare.
#pragma once

#include <cstddef>
#include <cstdint>

#include "micro/nn/kernel.h"
#include "micro/nn/memory_planner.h"
#include "micro/nn/model.h"
#include "micro/nn/nn_status.h"

namespace mote::nn {

inline constexpr size_t kArenaAlignment = 16;
// Inputs (or outputs) one op may have.
inline constexpr uint32_t kMaxOpIo = 32;

// A graph input or output after Prepare.
struct Tensor {
  void* data = nullptr;  // null when the index is out of range or not prepared
  tflite::TensorType type = tflite::TensorType::kFloat32;
  int32_t rank = 0;
  int32_t dims[kMaxRank] = {};
  uint32_t bytes = 0;
  float scale = 0.0f;      // per-tensor quantization; 0 when not quantized
  int32_t zero_point = 0;
};

class Interpreter {
 public:
  Interpreter() = default;
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Reads and checks the model (model.h) and finds a kernel for every op in
  // `ops` (which must outlive the interpreter): an op without one is
  // kUnsupportedOp naming the op's index and name.
  NnStatus Init(const void* model, size_t model_bytes, const OpResolver& ops = AllOps());

  // Prepares every op and plans memory in arena[0, arena_bytes).
  NnStatus Prepare(void* arena, size_t arena_bytes);

  // Runs the ops in order. Requires a successful Prepare.
  NnStatus Invoke();

  // The arena bytes this model needs (for a 16-byte aligned arena), known
  // after Prepare (also after a kArenaTooSmall one); 0 before.
  size_t arena_bytes_needed() const { return arena_needed_; }
  // How the activations were planned (lower bound, greedy by size, used).
  const PlanStats& plan_stats() const { return plan_stats_; }

  uint32_t input_count() const { return model_.inputs().size(); }
  uint32_t output_count() const { return model_.outputs().size(); }
  Tensor input(uint32_t i) const;
  Tensor output(uint32_t i) const;

  const NnError& error() const { return error_; }
  const Model& model() const { return model_; }

  // What Prepare decided, for tools that turn a prepared model into
  // generated code or report its memory (valid after a successful Prepare):
  // bytes of the arena before the activations (tensor locations, op records
  // and op data);
  size_t persistent_bytes() const { return prepared_ ? static_cast<size_t>(activations_ - arena_) : 0; }
  // tensor `i`'s offset in the activations, or kNoOffset (a constant, a
  // tensor no op uses, an index out of range);
  static constexpr uint32_t kNoOffset = 0xFFFFFFFFu;
  uint32_t activation_offset(uint32_t tensor) const;
  // op `i`'s scratch offset in the activations, or kNoOffset (none);
  uint32_t scratch_offset(uint32_t op) const;
  // the op data op `i`'s kernel prepared (its parameter struct, laid out as
  // that kernel's prepare wrote it), or null.
  const void* op_data(uint32_t op) const;

 private:
  struct OpRecord;
  NnStatus Layout(size_t arena_bytes, uint32_t* persistent, uint32_t* plan_buffers);
  NnStatus PrepareOps();
  NnStatus PlanActivations(PlanBuffer* buffers, uint32_t count, uint32_t* used);
  void ResolveOpBuffers();
  Tensor Graph(int32_t tensor) const;
  void* Data(uint32_t tensor) const;  // null for kNoLocation (an omitted input)
  NnStatus TooSmall(bool at_least, uint64_t needed, uint64_t got);
  // Records an error at `op`, named by its registration.
  NnStatus FailAtOp(NnStatus status, const char* field, int32_t tensor_index, const OpView& op);

  Model model_;
  const OpResolver* ops_ = nullptr;
  uint8_t* arena_ = nullptr;        // aligned start
  uint32_t* tensor_location_ = nullptr;
  OpRecord* op_records_ = nullptr;
  void** op_io_ = nullptr;  // each op's input and output data pointers
  uint8_t* op_data_ = nullptr;
  uint8_t* activations_ = nullptr;
  size_t arena_needed_ = 0;
  PlanStats plan_stats_;
  bool prepared_ = false;
  NnError error_;
};

}  // namespace mote::nn
