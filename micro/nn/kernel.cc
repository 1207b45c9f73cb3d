#include "micro/nn/kernel.h"

#include <cstring>

namespace mote::nn {

NnStatus OpContext::Fail(NnStatus status, const char* field, int32_t tensor_index) const {
  nn::Fail(error_, status, field, tensor_index, op_.index);
  if (error_) {
    error_->op_name = name_;
    error_->op_name_length = name_ ? static_cast<uint32_t>(std::strlen(name_)) : 0;
  }
  return status;
}

NnStatus OpContext::Input(uint32_t i, TensorView* out) const {
  if (!has_input(i)) return Fail(NnStatus::kBadModel, "Operator.inputs");
  NnStatus s = model_.GetTensor(static_cast<uint32_t>(op_.inputs[i]), out, error_);
  return s == NnStatus::kOk ? s : Fail(s, "Operator.inputs", op_.inputs[i]);
}

NnStatus OpContext::Output(uint32_t i, TensorView* out) const {
  if (i >= op_.outputs.size()) return Fail(NnStatus::kBadModel, "Operator.outputs");
  NnStatus s = model_.GetTensor(static_cast<uint32_t>(op_.outputs[i]), out, error_);
  return s == NnStatus::kOk ? s : Fail(s, "Operator.outputs", op_.outputs[i]);
}

NnStatus OpContext::Options(uint8_t type, fb::Table* out) const {
  if (op_.options_type == tflite::kNoOptions || !op_.options.present()) {
    *out = fb::Table();
    return NnStatus::kOk;
  }
  if (op_.options_type != type) return Fail(NnStatus::kBadOptions, "Operator.builtin_options_type");
  *out = op_.options;
  return NnStatus::kOk;
}

NnStatus OpContext::ExpectCounts(uint32_t min_inputs, uint32_t max_inputs, uint32_t outputs) const {
  if (input_count() < min_inputs || input_count() > max_inputs) return Fail(NnStatus::kBadModel, "Operator.inputs");
  for (uint32_t i = 0; i < min_inputs; ++i) {
    if (!has_input(i)) return Fail(NnStatus::kBadModel, "Operator.inputs");
  }
  if (output_count() != outputs) return Fail(NnStatus::kBadModel, "Operator.outputs");
  return NnStatus::kOk;
}

const OpRegistration* OpResolver::Find(const OpView& op) const {
  for (size_t i = 0; i < count_; ++i) {
    const OpRegistration& r = ops_[i];
    if (r.builtin_code != op.builtin_code) continue;
    if (r.builtin_code != tflite::kCustom) return &r;
    const size_t n = std::strlen(r.custom_code);
    if (n == op.custom_code.size() && (n == 0 || std::memcmp(r.custom_code, op.custom_code.data(), n) == 0)) return &r;
  }
  return nullptr;
}

}  // namespace mote::nn
