#include "micro/nn/model.h"

#include <cstdint>

namespace mote::nn {

namespace ts = tflite::tensor;
namespace qs = tflite::quantization;
namespace os = tflite::op;

NnStatus Fail(NnError* error, NnStatus status, const char* field, int32_t tensor_index, int32_t op_index) {
  if (error) {
    NnError e;
    e.status = status;
    e.field = field;
    e.tensor_index = tensor_index;
    e.op_index = op_index;
    *error = e;
  }
  return status;
}

NnStatus Model::Init(const void* blob, size_t size, NnError* error) {
  *this = Model();
  if (!blob || size < 8) return Fail(error, NnStatus::kNotTflite, "file");
  if (size > 0xFFFFFFFFu) return Fail(error, NnStatus::kTooLarge, "file");
  const auto* bytes = static_cast<const uint8_t*>(blob);
  for (int i = 0; i < 4; ++i) {
    if (bytes[4 + i] != static_cast<uint8_t>(tflite::kFileIdentifier[i])) {
      return Fail(error, NnStatus::kNotTflite, "file identifier");
    }
  }
  blob_ = bytes;
  size_ = static_cast<uint32_t>(size);

  fb::Table model, subgraph;
  fb::TableVector subgraphs;
  if (!fb::Table::Root(blob_, size_, &model)) return Fail(error, NnStatus::kCorrupt, "Model");
  if (!model.Tables(tflite::model::kOperatorCodes, &opcodes_)) {
    return Fail(error, NnStatus::kCorrupt, "Model.operator_codes");
  }
  if (!model.Tables(tflite::model::kBuffers, &buffers_)) return Fail(error, NnStatus::kCorrupt, "Model.buffers");
  if (!model.Tables(tflite::model::kSubgraphs, &subgraphs)) {
    return Fail(error, NnStatus::kCorrupt, "Model.subgraphs");
  }
  if (subgraphs.size() == 0) return Fail(error, NnStatus::kBadModel, "Model.subgraphs");
  if (!subgraphs.Get(0, &subgraph)) return Fail(error, NnStatus::kCorrupt, "Model.subgraphs");
  if (!subgraph.Tables(tflite::subgraph::kTensors, &tensors_)) {
    return Fail(error, NnStatus::kCorrupt, "SubGraph.tensors");
  }
  if (!subgraph.Tables(tflite::subgraph::kOperators, &operators_)) {
    return Fail(error, NnStatus::kCorrupt, "SubGraph.operators");
  }
  if (!subgraph.VectorOf(tflite::subgraph::kInputs, &inputs_)) {
    return Fail(error, NnStatus::kCorrupt, "SubGraph.inputs");
  }
  if (!subgraph.VectorOf(tflite::subgraph::kOutputs, &outputs_)) {
    return Fail(error, NnStatus::kCorrupt, "SubGraph.outputs");
  }
  if (tensors_.size() > kMaxTensors) return Fail(error, NnStatus::kTooLarge, "SubGraph.tensors");
  if (operators_.size() > kMaxOps) return Fail(error, NnStatus::kTooLarge, "SubGraph.operators");

  // Check everything now, so that a model that passed Init cannot fail later
  // for being malformed.
  for (uint32_t i = 0; i < inputs_.size(); ++i) {
    if (inputs_[i] < 0 || static_cast<uint32_t>(inputs_[i]) >= tensors_.size()) {
      return Fail(error, NnStatus::kBadModel, "SubGraph.inputs");
    }
  }
  for (uint32_t i = 0; i < outputs_.size(); ++i) {
    if (outputs_[i] < 0 || static_cast<uint32_t>(outputs_[i]) >= tensors_.size()) {
      return Fail(error, NnStatus::kBadModel, "SubGraph.outputs");
    }
  }
  TensorView tensor;
  for (uint32_t i = 0; i < tensors_.size(); ++i) {
    if (NnStatus s = GetTensor(i, &tensor, error); s != NnStatus::kOk) {
      *this = Model();
      return s;
    }
  }
  OpView op;
  for (uint32_t i = 0; i < operators_.size(); ++i) {
    if (NnStatus s = GetOp(i, &op, error); s != NnStatus::kOk) {
      *this = Model();
      return s;
    }
  }
  return NnStatus::kOk;
}

NnStatus Model::GetTensor(uint32_t i, TensorView* out, NnError* error) const {
  const int32_t index = static_cast<int32_t>(i);
  fb::Table t;
  if (i >= tensors_.size() || !tensors_.Get(i, &t)) return Fail(error, NnStatus::kCorrupt, "Tensor", index);
  TensorView v;
  v.index = index;

  fb::Vector<int32_t> shape;
  if (!t.VectorOf(ts::kShape, &shape)) return Fail(error, NnStatus::kCorrupt, "Tensor.shape", index);
  if (shape.size() > kMaxRank) return Fail(error, NnStatus::kTooLarge, "Tensor.shape", index);
  int8_t type = 0;
  if (!t.Scalar<int8_t>(ts::kType, 0, &type)) return Fail(error, NnStatus::kCorrupt, "Tensor.type", index);
  v.type = static_cast<tflite::TensorType>(type);
  v.element_bytes = tflite::TensorTypeBytes(v.type);
  v.rank = static_cast<int32_t>(shape.size());
  uint64_t elements = 1;
  for (uint32_t d = 0; d < shape.size(); ++d) {
    v.dims[d] = shape[d];
    if (shape[d] < 0) return Fail(error, NnStatus::kBadModel, "Tensor.shape", index);
    elements *= static_cast<uint64_t>(shape[d]);
    if (elements > kMaxTensorBytes) return Fail(error, NnStatus::kTooLarge, "Tensor.shape", index);
  }
  v.elements = static_cast<uint32_t>(elements);
  if (elements * (v.element_bytes ? v.element_bytes : 1) > kMaxTensorBytes) {
    return Fail(error, NnStatus::kTooLarge, "Tensor.shape", index);
  }
  v.bytes = v.elements * v.element_bytes;
  uint8_t is_variable = 0;  // a byte: any value but 0 is true (a bool load of 24 would be undefined)
  if (!t.Scalar<uint8_t>(ts::kIsVariable, 0, &is_variable)) {
    return Fail(error, NnStatus::kCorrupt, "Tensor.is_variable", index);
  }
  v.is_variable = is_variable != 0;
  fb::Table sparsity;
  if (!t.Child(ts::kSparsity, &sparsity)) return Fail(error, NnStatus::kCorrupt, "Tensor.sparsity", index);
  if (sparsity.present()) return Fail(error, NnStatus::kUnsupportedType, "Tensor.sparsity", index);

  fb::Table q;
  if (!t.Child(ts::kQuantization, &q)) return Fail(error, NnStatus::kCorrupt, "Tensor.quantization", index);
  if (!q.VectorOf(qs::kScale, &v.scales)) {
    return Fail(error, NnStatus::kCorrupt, "QuantizationParameters.scale", index);
  }
  if (!q.VectorOf(qs::kZeroPoint, &v.zero_points)) {
    return Fail(error, NnStatus::kCorrupt, "QuantizationParameters.zero_point", index);
  }
  if (!q.Scalar<int32_t>(qs::kQuantizedDimension, 0, &v.quantized_dimension)) {
    return Fail(error, NnStatus::kCorrupt, "QuantizationParameters.quantized_dimension", index);
  }
  if (!v.zero_points.empty() && v.zero_points.size() != v.scales.size()) {
    return Fail(error, NnStatus::kBadQuantization, "QuantizationParameters.zero_point", index);
  }
  for (uint32_t k = 0; k < v.zero_points.size(); ++k) {
    const int64_t zp = v.zero_points[k];
    if (zp < INT32_MIN || zp > INT32_MAX) {
      return Fail(error, NnStatus::kBadQuantization, "QuantizationParameters.zero_point", index);
    }
  }
  // quantized_dimension is checked by the kernels that use per-channel
  // scales: converters leave it inconsistent on tensors that ignore it
  // (person_detect's biases say 3 on rank-1 tensors).
  if (NnStatus s = TensorData(t, &v, error); s != NnStatus::kOk) return s;
  *out = v;
  return NnStatus::kOk;
}

NnStatus Model::TensorData(const fb::Table& t, TensorView* v, NnError* error) const {
  uint32_t buffer_index = 0;
  if (!t.Scalar<uint32_t>(ts::kBuffer, 0, &buffer_index)) {
    return Fail(error, NnStatus::kCorrupt, "Tensor.buffer", v->index);
  }
  if (buffer_index == 0) return NnStatus::kOk;  // buffer 0 is the format's empty sentinel
  fb::Table buffer;
  if (buffer_index >= buffers_.size()) return Fail(error, NnStatus::kBadModel, "Tensor.buffer", v->index);
  if (!buffers_.Get(buffer_index, &buffer)) return Fail(error, NnStatus::kCorrupt, "Buffer", v->index);
  fb::Vector<uint8_t> data;
  uint64_t offset = 0, size = 0;
  if (!buffer.VectorOf(tflite::buffer::kData, &data) || !buffer.Scalar<uint64_t>(tflite::buffer::kOffset, 0, &offset) ||
      !buffer.Scalar<uint64_t>(tflite::buffer::kSize, 0, &size)) {
    return Fail(error, NnStatus::kCorrupt, "Buffer", v->index);
  }
  const uint8_t* bytes = data.data();
  uint64_t length = data.size();
  if (length == 0 && offset > 1) {  // data stored after the flatbuffer, addressed from the file's start
    if (offset > size_ || size > size_ - offset) return Fail(error, NnStatus::kCorrupt, "Buffer.offset", v->index);
    bytes = blob_ + offset;
    length = size;
  }
  if (length == 0) return NnStatus::kOk;  // an activation
  if (v->element_bytes == 0) return Fail(error, NnStatus::kUnsupportedType, "Tensor.type", v->index);
  if (length != v->bytes) return Fail(error, NnStatus::kBadModel, "Buffer.data", v->index);
  if (reinterpret_cast<uintptr_t>(bytes) % v->element_bytes != 0) {
    return Fail(error, NnStatus::kMisaligned, "Buffer.data", v->index);
  }
  v->const_data = bytes;
  return NnStatus::kOk;
}

NnStatus Model::GetOp(uint32_t i, OpView* out, NnError* error) const {
  const int32_t index = static_cast<int32_t>(i);
  fb::Table t;
  if (i >= operators_.size() || !operators_.Get(i, &t)) {
    return Fail(error, NnStatus::kCorrupt, "Operator", -1, index);
  }
  OpView v;
  v.index = index;
  uint32_t opcode_index = 0;
  if (!t.Scalar<uint32_t>(os::kOpcodeIndex, 0, &opcode_index)) {
    return Fail(error, NnStatus::kCorrupt, "Operator.opcode_index", -1, index);
  }
  fb::Table code;
  if (opcode_index >= opcodes_.size()) return Fail(error, NnStatus::kBadModel, "Operator.opcode_index", -1, index);
  if (!opcodes_.Get(opcode_index, &code)) return Fail(error, NnStatus::kCorrupt, "OperatorCode", -1, index);
  int8_t deprecated_code = 0;
  int32_t builtin_code = 0;
  namespace oc = tflite::operator_code;
  if (!code.Scalar<int8_t>(oc::kDeprecatedBuiltinCode, 0, &deprecated_code) ||
      !code.Scalar<int32_t>(oc::kBuiltinCode, 0, &builtin_code) ||
      !code.Scalar<int32_t>(oc::kVersion, 1, &v.version) || !code.VectorOf(oc::kCustomCode, &v.custom_code)) {
    return Fail(error, NnStatus::kCorrupt, "OperatorCode", -1, index);
  }
  // Files written before builtin_code existed hold the code only in the
  // deprecated byte; newer ones may hold 127 (a placeholder) there.
  v.builtin_code = builtin_code > deprecated_code ? builtin_code : deprecated_code;

  if (!t.VectorOf(os::kInputs, &v.inputs)) return Fail(error, NnStatus::kCorrupt, "Operator.inputs", -1, index);
  if (!t.VectorOf(os::kOutputs, &v.outputs)) return Fail(error, NnStatus::kCorrupt, "Operator.outputs", -1, index);
  if (!t.VectorOf(os::kIntermediates, &v.intermediates)) {
    return Fail(error, NnStatus::kCorrupt, "Operator.intermediates", -1, index);
  }
  const int32_t n = static_cast<int32_t>(tensors_.size());
  for (uint32_t k = 0; k < v.inputs.size(); ++k) {
    if (v.inputs[k] < -1 || v.inputs[k] >= n) return Fail(error, NnStatus::kBadModel, "Operator.inputs", -1, index);
  }
  for (uint32_t k = 0; k < v.outputs.size(); ++k) {
    if (v.outputs[k] < 0 || v.outputs[k] >= n) return Fail(error, NnStatus::kBadModel, "Operator.outputs", -1, index);
  }
  if (!t.Scalar<uint8_t>(os::kBuiltinOptionsType, 0, &v.options_type) || !t.Child(os::kBuiltinOptions, &v.options)) {
    return Fail(error, NnStatus::kCorrupt, "Operator.builtin_options", -1, index);
  }
  if (!t.VectorOf(os::kCustomOptions, &v.custom_options)) {
    return Fail(error, NnStatus::kCorrupt, "Operator.custom_options", -1, index);
  }
  *out = v;
  return NnStatus::kOk;
}

}  // namespace mote::nn
