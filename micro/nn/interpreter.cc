#include "micro/nn/interpreter.h"

#include <cstring>

namespace mote::nn {

namespace {

constexpr uint32_t kNoLocation = 0xFFFFFFFFu;
constexpr uint32_t kInBlob = 0x80000000u;      // location bit: an offset into the model blob
constexpr uint32_t kScratchId = 0x80000000u;   // PlanBuffer id bit: an op's scratch, not a tensor
constexpr uint32_t kMaxArena = 0x7FFFFFF0u;

constexpr uint64_t AlignUp(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

template <typename T>
T* At(uint8_t* base, uint64_t offset) {
  return static_cast<T*>(static_cast<void*>(base + offset));
}

}  // namespace

struct Interpreter::OpRecord {
  NnStatus (*invoke)(void* op_data, const OpBuffers& buffers);
  void* data;         // its persistent op data
  uint32_t scratch;   // scratch bytes while planning, then its location in the activations
  uint32_t io_begin;  // its inputs' data, then its outputs', in op_io_
  uint8_t inputs;
  uint8_t outputs;
};

NnStatus Interpreter::Init(const void* model, size_t model_bytes, const OpResolver& ops) {
  prepared_ = false;
  arena_needed_ = 0;
  plan_stats_ = PlanStats();
  error_ = NnError();
  ops_ = nullptr;
  if (NnStatus s = model_.Init(model, model_bytes, &error_); s != NnStatus::kOk) return s;
  if (model_.blob_size() >= kInBlob) return Fail(&error_, NnStatus::kTooLarge, "file");
  OpView op;
  for (uint32_t i = 0; i < model_.op_count(); ++i) {
    if (NnStatus s = model_.GetOp(i, &op, &error_); s != NnStatus::kOk) return s;
    if (op.inputs.size() > kMaxOpIo || op.outputs.size() > kMaxOpIo) {
      return Fail(&error_, NnStatus::kTooLarge, "Operator.inputs", -1, op.index);
    }
    if (ops.Find(op)) continue;
    Fail(&error_, NnStatus::kUnsupportedOp, nullptr, -1, op.index);
    if (op.builtin_code == tflite::kCustom) {
      error_.op_name = reinterpret_cast<const char*>(op.custom_code.data());
      error_.op_name_length = op.custom_code.size();
    } else if (const char* name = tflite::BuiltinOpName(op.builtin_code)) {
      error_.op_name = name;
      error_.op_name_length = static_cast<uint32_t>(std::strlen(name));
    } else {
      error_.field = "OperatorCode.builtin_code (unknown)";
    }
    return NnStatus::kUnsupportedOp;
  }
  ops_ = &ops;
  return NnStatus::kOk;
}

NnStatus Interpreter::FailAtOp(NnStatus status, const char* field, int32_t tensor_index, const OpView& op) {
  Fail(&error_, status, field, tensor_index, op.index);
  if (const OpRegistration* reg = ops_ ? ops_->Find(op) : nullptr) {
    error_.op_name = reg->name;
    error_.op_name_length = static_cast<uint32_t>(std::strlen(reg->name));
  }
  return status;
}

NnStatus Interpreter::TooSmall(bool at_least, uint64_t needed, uint64_t got) {
  Fail(&error_, NnStatus::kArenaTooSmall, nullptr);
  error_.needed_at_least = at_least;
  error_.needed = needed;
  error_.got = got;
  arena_needed_ = static_cast<size_t>(needed);
  return NnStatus::kArenaTooSmall;
}

NnStatus Interpreter::Prepare(void* arena, size_t arena_bytes) {
  prepared_ = false;
  arena_needed_ = 0;
  error_ = NnError();
  if (!ops_) return Fail(&error_, NnStatus::kNotPrepared, "Init");
  if (!arena && arena_bytes) return Fail(&error_, NnStatus::kBadArgument, "arena");
  const size_t misalign = reinterpret_cast<uintptr_t>(arena) % kArenaAlignment;
  const size_t skip = misalign ? kArenaAlignment - misalign : 0;
  const size_t usable = arena_bytes > skip ? arena_bytes - skip : 0;
  arena_ = static_cast<uint8_t*>(arena) + (arena_bytes > skip ? skip : 0);

  uint32_t persistent = 0, max_buffers = 0;
  if (NnStatus s = Layout(usable, &persistent, &max_buffers); s != NnStatus::kOk) return s;
  const uint64_t planning = persistent + static_cast<uint64_t>(max_buffers) * sizeof(PlanBuffer);
  if (planning > kMaxArena) return Fail(&error_, NnStatus::kTooLarge, "arena");
  if (usable < planning) return TooSmall(true, planning, arena_bytes);

  if (NnStatus s = PrepareOps(); s != NnStatus::kOk) return s;
  auto* buffers = At<PlanBuffer>(arena_, persistent);
  uint32_t used = 0;
  if (NnStatus s = PlanActivations(buffers, max_buffers, &used); s != NnStatus::kOk) return s;
  const uint64_t needed = persistent + static_cast<uint64_t>(used);
  const uint64_t needed_with_planning = needed > planning ? needed : planning;
  if (needed_with_planning > kMaxArena) return Fail(&error_, NnStatus::kTooLarge, "arena");
  if (usable < needed_with_planning) return TooSmall(false, needed_with_planning, arena_bytes);
  arena_needed_ = static_cast<size_t>(needed_with_planning);
  activations_ = arena_ + persistent;
  ResolveOpBuffers();

  // Variable tensors start from zero (their zero point when quantized).
  TensorView t;
  for (uint32_t i = 0; i < model_.tensor_count(); ++i) {
    if (model_.GetTensor(i, &t, &error_) != NnStatus::kOk || !t.is_variable) continue;
    const int32_t zp = t.zero_point();
    const bool byte_zero = t.element_bytes == 1 && t.quantized();
    std::memset(activations_ + tensor_location_[i], byte_zero ? static_cast<uint8_t>(zp) : 0, t.bytes);
  }
  prepared_ = true;
  return NnStatus::kOk;
}

// Carves the persistent part: tensor locations, op records, op io lists
// and every op's data (measured by calling each kernel's prepare without
// data). *max_buffers bounds the buffers the planner will place.
NnStatus Interpreter::Layout(size_t arena_bytes, uint32_t* persistent, uint32_t* max_buffers) {
  const uint32_t tensors = model_.tensor_count(), ops = model_.op_count();
  uint64_t io = 0, data = 0;
  uint32_t buffers = 0;
  TensorView t;
  for (uint32_t i = 0; i < tensors; ++i) {
    if (NnStatus s = model_.GetTensor(i, &t, &error_); s != NnStatus::kOk) return s;
    if (!t.is_constant()) ++buffers;
  }
  OpView op;
  for (uint32_t i = 0; i < ops; ++i) {
    if (NnStatus s = model_.GetOp(i, &op, &error_); s != NnStatus::kOk) return s;
    const OpRegistration* reg = ops_->Find(op);
    OpContext ctx(model_, op, reg->name, &error_);
    OpMemory memory;
    if (NnStatus s = reg->kernel->prepare(ctx, nullptr, &memory); s != NnStatus::kOk) return s;
    io += op.inputs.size() + op.outputs.size();
    data += AlignUp(memory.persistent_bytes, 8);
    if (memory.scratch_bytes) ++buffers;
  }
  const uint64_t bytes = AlignUp(4ull * tensors, 8) + AlignUp(sizeof(OpRecord) * static_cast<uint64_t>(ops), 8) +
                         AlignUp(sizeof(void*) * io, 8) + data;
  if (bytes > kMaxArena) return Fail(&error_, NnStatus::kTooLarge, "arena");
  *persistent = static_cast<uint32_t>(AlignUp(bytes, kArenaAlignment));
  *max_buffers = buffers;
  if (arena_bytes < *persistent) return NnStatus::kOk;  // Prepare reports the shortfall
  const uint64_t records = AlignUp(4ull * tensors, 8);
  const uint64_t io_lists = records + AlignUp(sizeof(OpRecord) * static_cast<uint64_t>(ops), 8);
  tensor_location_ = At<uint32_t>(arena_, 0);
  op_records_ = At<OpRecord>(arena_, records);
  op_io_ = At<void*>(arena_, io_lists);
  op_data_ = At<uint8_t>(arena_, io_lists + AlignUp(sizeof(void*) * io, 8));
  return NnStatus::kOk;
}

NnStatus Interpreter::PrepareOps() {
  uint8_t* data = op_data_;
  uint32_t io = 0;
  OpView op;
  for (uint32_t i = 0; i < model_.op_count(); ++i) {
    if (NnStatus s = model_.GetOp(i, &op, &error_); s != NnStatus::kOk) return s;
    const OpRegistration* reg = ops_->Find(op);
    OpContext ctx(model_, op, reg->name, &error_);
    OpMemory memory;
    // The kernel reports the same memory as when Layout measured it.
    if (NnStatus s = reg->kernel->prepare(ctx, data, &memory); s != NnStatus::kOk) return s;
    OpRecord& r = op_records_[i];
    r.invoke = reg->kernel->invoke;
    r.data = data;
    r.scratch = memory.scratch_bytes;
    r.io_begin = io;
    r.inputs = static_cast<uint8_t>(op.inputs.size());
    r.outputs = static_cast<uint8_t>(op.outputs.size());
    io += r.inputs + r.outputs;  // their pointers are known once planned (ResolveOpBuffers)
    data += AlignUp(memory.persistent_bytes, 8);
  }
  return NnStatus::kOk;
}

// Lifetimes of every activation (and op scratch), then the plan. While
// planning, tensor_location_ holds each tensor's buffer index.
NnStatus Interpreter::PlanActivations(PlanBuffer* buffers, uint32_t max_buffers, uint32_t* used) {
  const uint32_t tensors = model_.tensor_count(), ops = model_.op_count();
  const uint16_t last_op = static_cast<uint16_t>(ops ? ops - 1 : 0);
  uint32_t count = 0;
  for (uint32_t i = 0; i < tensors; ++i) tensor_location_[i] = kNoLocation;
  TensorView t;
  // A new buffer for tensor `index`, alive from `first`.
  auto add = [&](int32_t index, uint16_t first, uint32_t op_index) -> NnStatus {
    if (NnStatus s = model_.GetTensor(static_cast<uint32_t>(index), &t, &error_); s != NnStatus::kOk) return s;
    if (t.element_bytes == 0) {
      return Fail(&error_, NnStatus::kUnsupportedType, "Tensor.type", index, static_cast<int32_t>(op_index));
    }
    if (count >= max_buffers) return Fail(&error_, NnStatus::kBadModel, "Tensor.buffer", index);
    PlanBuffer& b = buffers[count];
    b = PlanBuffer();
    b.size = static_cast<uint32_t>(AlignUp(t.bytes ? t.bytes : 1, kArenaAlignment));
    b.first = first;
    b.last = t.is_variable ? last_op : first;
    b.id = static_cast<uint32_t>(index);
    tensor_location_[index] = count++;
    return NnStatus::kOk;
  };
  const fb::Vector<int32_t>& inputs = model_.inputs();
  for (uint32_t k = 0; k < inputs.size(); ++k) {
    model_.GetTensor(static_cast<uint32_t>(inputs[k]), &t, &error_);
    if (t.is_constant()) return Fail(&error_, NnStatus::kBadModel, "SubGraph.inputs", inputs[k]);
    if (tensor_location_[inputs[k]] == kNoLocation) {
      if (NnStatus s = add(inputs[k], 0, 0); s != NnStatus::kOk) return s;
    }
  }
  OpView op;
  for (uint32_t i = 0; i < ops; ++i) {
    model_.GetOp(i, &op, &error_);
    const auto now = static_cast<uint16_t>(i);
    for (uint32_t k = 0; k < op.inputs.size(); ++k) {
      const int32_t index = op.inputs[k];
      if (index < 0) continue;
      model_.GetTensor(static_cast<uint32_t>(index), &t, &error_);
      if (t.is_constant()) continue;
      if (tensor_location_[index] == kNoLocation) {
        if (!t.is_variable) {
          return FailAtOp(NnStatus::kBadModel, "Operator.inputs (read before written)", index, op);
        }
        if (NnStatus s = add(index, 0, i); s != NnStatus::kOk) return s;
      }
      PlanBuffer& b = buffers[tensor_location_[index]];
      b.last = b.last > now ? b.last : now;
    }
    for (uint32_t k = 0; k < op.outputs.size(); ++k) {
      const int32_t index = op.outputs[k];
      model_.GetTensor(static_cast<uint32_t>(index), &t, &error_);
      if (t.is_constant()) return FailAtOp(NnStatus::kBadModel, "Operator.outputs (constant)", index, op);
      if (tensor_location_[index] == kNoLocation) {
        if (NnStatus s = add(index, now, i); s != NnStatus::kOk) return s;
      }
      PlanBuffer& b = buffers[tensor_location_[index]];
      b.last = b.last > now ? b.last : now;
    }
    if (op_records_[i].scratch) {
      if (count >= max_buffers) return FailAtOp(NnStatus::kBadModel, "scratch", -1, op);
      PlanBuffer& b = buffers[count++];
      b = PlanBuffer();
      b.size = static_cast<uint32_t>(AlignUp(op_records_[i].scratch, kArenaAlignment));
      b.first = b.last = now;
      b.id = kScratchId | i;
    }
  }
  const fb::Vector<int32_t>& outputs = model_.outputs();
  for (uint32_t k = 0; k < outputs.size(); ++k) {
    const uint32_t location = tensor_location_[outputs[k]];
    if (location == kNoLocation) return Fail(&error_, NnStatus::kBadModel, "SubGraph.outputs (never written)", outputs[k]);
    buffers[location].last = last_op;
  }

  *used = PlanMemory(buffers, count, kArenaAlignment, &plan_stats_);
  for (uint32_t i = 0; i < ops; ++i) {
    if (op_records_[i].scratch == 0) op_records_[i].scratch = kNoLocation;
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].id & kScratchId) {
      op_records_[buffers[i].id & ~kScratchId].scratch = buffers[i].offset;
    } else {
      tensor_location_[buffers[i].id] = buffers[i].offset;
    }
  }
  for (uint32_t i = 0; i < tensors; ++i) {
    model_.GetTensor(i, &t, &error_);
    if (t.is_constant()) tensor_location_[i] = kInBlob | static_cast<uint32_t>(t.const_data - model_.blob());
  }
  return NnStatus::kOk;
}

// Every op's input and output data pointers, in the order OpBuffers passes
// them, so that Invoke looks nothing up (the blob and the arena do not move
// until the next Prepare).
void Interpreter::ResolveOpBuffers() {
  OpView op;
  for (uint32_t i = 0; i < model_.op_count(); ++i) {
    model_.GetOp(i, &op, nullptr);  // read without error in PrepareOps
    void** io = op_io_ + op_records_[i].io_begin;
    for (uint32_t k = 0; k < op.inputs.size(); ++k) {
      *io++ = Data(op.inputs[k] < 0 ? kNoLocation : static_cast<uint32_t>(op.inputs[k]));
    }
    for (uint32_t k = 0; k < op.outputs.size(); ++k) *io++ = Data(static_cast<uint32_t>(op.outputs[k]));
  }
}

NnStatus Interpreter::Invoke() {
  if (!prepared_) return Fail(&error_, NnStatus::kNotPrepared, nullptr);
  const OpRecord* records = op_records_;
  const uint32_t ops = model_.op_count();
  for (uint32_t i = 0; i < ops; ++i) {
    const OpRecord& r = records[i];
    void* const* io = op_io_ + r.io_begin;
    const OpBuffers buffers{io, io + r.inputs, r.scratch == kNoLocation ? nullptr : activations_ + r.scratch};
    if (NnStatus s = r.invoke(r.data, buffers); s != NnStatus::kOk) {
      OpView op;
      model_.GetOp(i, &op, nullptr);
      return FailAtOp(s, nullptr, -1, op);
    }
  }
  return NnStatus::kOk;
}

void* Interpreter::Data(uint32_t tensor) const {
  const uint32_t location = tensor == kNoLocation ? kNoLocation : tensor_location_[tensor];
  if (location == kNoLocation) return nullptr;
  if (location & kInBlob) return const_cast<uint8_t*>(model_.blob() + (location & ~kInBlob));
  return activations_ + location;
}

Tensor Interpreter::Graph(int32_t index) const {
  Tensor out;
  TensorView t;
  if (!prepared_ || model_.GetTensor(static_cast<uint32_t>(index), &t, nullptr) != NnStatus::kOk) return out;
  out.data = Data(static_cast<uint32_t>(index));
  out.type = t.type;
  out.rank = t.rank;
  for (int32_t d = 0; d < t.rank; ++d) out.dims[d] = t.dims[d];
  out.bytes = t.bytes;
  out.scale = t.scale();
  out.zero_point = t.zero_point();
  return out;
}

uint32_t Interpreter::activation_offset(uint32_t tensor) const {
  if (!prepared_ || tensor >= model_.tensor_count()) return kNoOffset;
  const uint32_t location = tensor_location_[tensor];
  return location == kNoLocation || (location & kInBlob) ? kNoOffset : location;
}

uint32_t Interpreter::scratch_offset(uint32_t op) const {
  return prepared_ && op < model_.op_count() ? op_records_[op].scratch : kNoOffset;
}

const void* Interpreter::op_data(uint32_t op) const {
  return prepared_ && op < model_.op_count() ? op_records_[op].data : nullptr;
}

Tensor Interpreter::input(uint32_t i) const {
  return i < model_.inputs().size() ? Graph(model_.inputs()[i]) : Tensor();
}

Tensor Interpreter::output(uint32_t i) const {
  return i < model_.outputs().size() ? Graph(model_.outputs()[i]) : Tensor();
}

}  // namespace mote::nn
