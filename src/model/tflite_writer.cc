#include "model/tflite_writer.h"

#include <map>
#include <tuple>

#include "model/mote_metadata.h"
#include "model/tflite_ops.h"

namespace mote::model {
namespace {

namespace fb = flatbuffers;

tflite::TensorType ToTensorType(DType d) {
  switch (d) {
    case DType::kFloat32: return tflite::TensorType_FLOAT32;
    case DType::kInt8: return tflite::TensorType_INT8;
    case DType::kUInt8: return tflite::TensorType_UINT8;
    case DType::kInt16: return tflite::TensorType_INT16;
    case DType::kInt32: return tflite::TensorType_INT32;
    case DType::kInt64: return tflite::TensorType_INT64;
    case DType::kBool: return tflite::TensorType_BOOL;
    case DType::kUInt16: return tflite::TensorType_UINT16;
    case DType::kUInt32: return tflite::TensorType_UINT32;
    case DType::kUInt64: return tflite::TensorType_UINT64;
  }
  return tflite::TensorType_FLOAT32;
}

tflite::ActivationFunctionType Act(Activation a) { return static_cast<tflite::ActivationFunctionType>(a); }
tflite::Padding Pad(Padding p) { return p == Padding::kSame ? tflite::Padding_SAME : tflite::Padding_VALID; }

class Writer {
 public:
  explicit Writer(const Model& model) : model_(model) {}

  Result<std::string> Run() {
    // Buffer 0: the empty sentinel every runtime expects.
    buffers_.push_back(tflite::CreateBuffer(fbb_));
    std::vector<fb::Offset<tflite::SubGraph>> graphs;
    for (size_t g = 0; g < model_.graphs.size(); ++g) {
      MOTE_ASSIGN_OR_RETURN(auto graph, WriteGraph(g, model_.graphs[g]));
      graphs.push_back(graph);
    }
    std::vector<fb::Offset<tflite::Metadata>> metadata;
    if (model_.mote) {
      const std::string json = SerializeMoteMetadata(*model_.mote);
      metadata.push_back(MetadataEntry(kMoteMetadataName, reinterpret_cast<const uint8_t*>(json.data()), json.size()));
    }
    for (const NamedBlob& blob : model_.metadata)
      metadata.push_back(MetadataEntry(blob.name, blob.bytes.data(), blob.bytes.size()));
    const auto codes = fbb_.CreateVector(codes_);
    const auto subgraphs = fbb_.CreateVector(graphs);
    const auto description = fbb_.CreateString(model_.description);
    const auto buffers = fbb_.CreateVector(buffers_);
    const auto meta = fbb_.CreateVector(metadata);
    tflite::ModelBuilder mb(fbb_);
    mb.add_version(3);
    mb.add_operator_codes(codes);
    mb.add_subgraphs(subgraphs);
    mb.add_description(description);
    mb.add_buffers(buffers);
    mb.add_metadata(meta);
    tflite::FinishModelBuffer(fbb_, mb.Finish());
    return std::string(reinterpret_cast<const char*>(fbb_.GetBufferPointer()), fbb_.GetSize());
  }

 private:
  Status Fail(const std::string& where, const std::string& what) const {
    return Status::InvalidArgument("cannot write .tflite: " + where + ": " + what);
  }

  uint32_t AddBuffer(const uint8_t* data, size_t size) {
    // Constant data is read in place by runtimes: align it for any element
    // type and for SIMD loads.
    fbb_.ForceVectorAlignment(size, 1, 16);
    const auto vec = fbb_.CreateVector(data, size);
    buffers_.push_back(tflite::CreateBuffer(fbb_, vec));
    return static_cast<uint32_t>(buffers_.size() - 1);
  }

  fb::Offset<tflite::Metadata> MetadataEntry(const std::string& name, const uint8_t* data, size_t size) {
    const uint32_t buffer = AddBuffer(data, size);
    return tflite::CreateMetadata(fbb_, fbb_.CreateString(name), buffer);
  }

  uint32_t OperatorCode(const Operator& op) {
    const int32_t builtin = op.type == OpType::kCustom ? static_cast<int32_t>(tflite::BuiltinOperator_CUSTOM)
                                                       : static_cast<int32_t>(TfliteOpFor(op.type).code);
    const auto key = std::make_tuple(builtin, op.custom_code, op.version);
    auto it = code_index_.find(key);
    if (it != code_index_.end()) return it->second;
    const auto custom = op.type == OpType::kCustom ? fbb_.CreateString(op.custom_code) : fb::Offset<fb::String>();
    const int8_t deprecated = static_cast<int8_t>(
        std::min<int32_t>(builtin, tflite::BuiltinOperator_PLACEHOLDER_FOR_GREATER_OP_CODES));
    codes_.push_back(tflite::CreateOperatorCode(fbb_, deprecated, custom, op.version,
                                                static_cast<tflite::BuiltinOperator>(builtin)));
    const uint32_t index = static_cast<uint32_t>(codes_.size() - 1);
    code_index_.emplace(key, index);
    return index;
  }

  Result<fb::Offset<tflite::SubGraph>> WriteGraph(size_t g, const Graph& graph) {
    const std::string where = "graph " + std::to_string(g);
    const int32_t count = static_cast<int32_t>(graph.tensors.size());
    std::vector<fb::Offset<tflite::Tensor>> tensors;
    for (int32_t t = 0; t < count; ++t) {
      MOTE_ASSIGN_OR_RETURN(auto tensor, WriteTensor(where + " tensor " + std::to_string(t), graph.tensors[t]));
      tensors.push_back(tensor);
    }
    auto in_range = [&](const std::string& what, const std::vector<int32_t>& v, bool allow_absent) -> Status {
      for (int32_t t : v)
        if (!((t == -1 && allow_absent) || (t >= 0 && t < count)))
          return Fail(where, what + " refers to tensor " + std::to_string(t) + " of " + std::to_string(count));
      return Status::Ok();
    };
    MOTE_RETURN_IF_ERROR(in_range("inputs", graph.inputs, false));
    MOTE_RETURN_IF_ERROR(in_range("outputs", graph.outputs, false));
    std::vector<fb::Offset<tflite::Operator>> ops;
    for (size_t i = 0; i < graph.operators.size(); ++i) {
      const Operator& op = graph.operators[i];
      const std::string op_where = where + " operator " + std::to_string(i) + " (" + op.Name() + ")";
      if (op.type == OpType::kUnsupported)
        return Fail(op_where, "imported as unsupported; mote cannot write it");
      if (op.attributes.index() != DefaultAttributes(op.type).index())
        return Fail(op_where, "its attributes are not the ones of its type");
      MOTE_RETURN_IF_ERROR(in_range(op_where + " input", op.inputs, true));
      MOTE_RETURN_IF_ERROR(in_range(op_where + " output", op.outputs, false));
      MOTE_RETURN_IF_ERROR(in_range(op_where + " intermediate", op.intermediates, false));
      ops.push_back(WriteOperator(op));
    }
    const auto tensors_vec = fbb_.CreateVector(tensors);
    const auto inputs = fbb_.CreateVector(graph.inputs);
    const auto outputs = fbb_.CreateVector(graph.outputs);
    const auto ops_vec = fbb_.CreateVector(ops);
    const auto name = fbb_.CreateString(graph.name);
    return tflite::CreateSubGraph(fbb_, tensors_vec, inputs, outputs, ops_vec, name);
  }

  Result<fb::Offset<tflite::Tensor>> WriteTensor(const std::string& where, const Tensor& t) {
    for (int32_t d : t.shape)
      if (d < 0) return Fail(where, "negative dimension " + std::to_string(d));
    uint32_t buffer = 0;
    if (t.is_constant()) {
      if (static_cast<int64_t>(t.data.size()) != t.ByteSize())
        return Fail(where, std::to_string(t.data.size()) + " bytes of data for " + std::to_string(t.ByteSize()));
      buffer = AddBuffer(t.data.data(), t.data.size());
    }
    fb::Offset<tflite::QuantizationParameters> quant;
    if (!t.quantization.empty()) {
      const Quantization& q = t.quantization;
      quant = tflite::CreateQuantizationParameters(
          fbb_, q.min.empty() ? 0 : fbb_.CreateVector(q.min), q.max.empty() ? 0 : fbb_.CreateVector(q.max),
          fbb_.CreateVector(q.scale), fbb_.CreateVector(q.zero_point), tflite::QuantizationDetails_NONE, 0, q.axis);
    }
    const auto shape = fbb_.CreateVector(t.shape);
    const auto name = fbb_.CreateString(t.name);
    const auto signature = t.shape_signature.empty() ? 0 : fbb_.CreateVector(t.shape_signature);
    return tflite::CreateTensor(fbb_, shape, ToTensorType(t.dtype), buffer, name, quant, t.is_variable,
                                /*sparsity=*/0, signature);
  }

  fb::Offset<tflite::Operator> WriteOperator(const Operator& op) {
    const uint32_t code = OperatorCode(op);
    const auto inputs = fbb_.CreateVector(op.inputs);
    const auto outputs = fbb_.CreateVector(op.outputs);
    const auto intermediates = op.intermediates.empty() ? 0 : fbb_.CreateVector(op.intermediates);
    auto [options_type, options] = WriteOptions(op);
    const auto custom = op.type == OpType::kCustom ? fbb_.CreateVector(op.custom_options) : 0;
    return tflite::CreateOperator(fbb_, code, inputs, outputs, options_type, options, custom,
                                  tflite::CustomOptionsFormat_FLEXBUFFERS, /*mutating_variable_inputs=*/0,
                                  intermediates);
  }

  std::pair<tflite::BuiltinOptions, fb::Offset<void>> WriteOptions(const Operator& op) {
    if (op.type == OpType::kCustom) return {tflite::BuiltinOptions_NONE, 0};
    const tflite::BuiltinOptions type = TfliteOpFor(op.type).options;
    const OpAttributes& attrs = op.attributes;
    fb::Offset<void> o;
    switch (type) {
      case tflite::BuiltinOptions_Conv2DOptions: {
        const auto& a = std::get<Conv2DAttributes>(attrs);
        o = tflite::CreateConv2DOptions(fbb_, Pad(a.padding), a.stride_w, a.stride_h, Act(a.activation), a.dilation_w,
                                        a.dilation_h).Union();
        break;
      }
      case tflite::BuiltinOptions_DepthwiseConv2DOptions: {
        const auto& a = std::get<DepthwiseConv2DAttributes>(attrs);
        o = tflite::CreateDepthwiseConv2DOptions(fbb_, Pad(a.padding), a.stride_w, a.stride_h, a.depth_multiplier,
                                                 Act(a.activation), a.dilation_w, a.dilation_h).Union();
        break;
      }
      case tflite::BuiltinOptions_Pool2DOptions: {
        const auto& a = std::get<Pool2DAttributes>(attrs);
        o = tflite::CreatePool2DOptions(fbb_, Pad(a.padding), a.stride_w, a.stride_h, a.filter_w, a.filter_h,
                                        Act(a.activation)).Union();
        break;
      }
      case tflite::BuiltinOptions_FullyConnectedOptions: {
        const auto& a = std::get<FullyConnectedAttributes>(attrs);
        o = tflite::CreateFullyConnectedOptions(fbb_, Act(a.activation), tflite::FullyConnectedOptionsWeightsFormat_DEFAULT,
                                                a.keep_num_dims, a.asymmetric_quantize_inputs).Union();
        break;
      }
      case tflite::BuiltinOptions_ReshapeOptions: {
        const auto& a = std::get<ReshapeAttributes>(attrs);
        o = tflite::CreateReshapeOptions(fbb_, a.new_shape.empty() ? 0 : fbb_.CreateVector(a.new_shape)).Union();
        break;
      }
      case tflite::BuiltinOptions_SoftmaxOptions:
        o = tflite::CreateSoftmaxOptions(fbb_, std::get<SoftmaxAttributes>(attrs).beta).Union();
        break;
      case tflite::BuiltinOptions_AddOptions: {
        const auto& a = std::get<ElementwiseAttributes>(attrs);
        o = tflite::CreateAddOptions(fbb_, Act(a.activation), a.pot_scale_int16).Union();
        break;
      }
      case tflite::BuiltinOptions_SubOptions: {
        const auto& a = std::get<ElementwiseAttributes>(attrs);
        o = tflite::CreateSubOptions(fbb_, Act(a.activation), a.pot_scale_int16).Union();
        break;
      }
      case tflite::BuiltinOptions_MulOptions:
        o = tflite::CreateMulOptions(fbb_, Act(std::get<ElementwiseAttributes>(attrs).activation)).Union();
        break;
      case tflite::BuiltinOptions_DivOptions:
        o = tflite::CreateDivOptions(fbb_, Act(std::get<ElementwiseAttributes>(attrs).activation)).Union();
        break;
      case tflite::BuiltinOptions_ConcatenationOptions: {
        const auto& a = std::get<ConcatenationAttributes>(attrs);
        o = tflite::CreateConcatenationOptions(fbb_, a.axis, Act(a.activation)).Union();
        break;
      }
      case tflite::BuiltinOptions_ReducerOptions:
        o = tflite::CreateReducerOptions(fbb_, std::get<ReducerAttributes>(attrs).keep_dims).Union();
        break;
      case tflite::BuiltinOptions_StridedSliceOptions: {
        const auto& a = std::get<StridedSliceAttributes>(attrs);
        o = tflite::CreateStridedSliceOptions(fbb_, a.begin_mask, a.end_mask, a.ellipsis_mask, a.new_axis_mask,
                                              a.shrink_axis_mask, a.offset).Union();
        break;
      }
      case tflite::BuiltinOptions_LeakyReluOptions:
        o = tflite::CreateLeakyReluOptions(fbb_, std::get<LeakyReluAttributes>(attrs).alpha).Union();
        break;
      case tflite::BuiltinOptions_UnidirectionalSequenceLSTMOptions: {
        const auto& a = std::get<SequenceLstmAttributes>(attrs);
        o = tflite::CreateUnidirectionalSequenceLSTMOptions(fbb_, Act(a.activation), a.cell_clip, a.proj_clip,
                                                            a.time_major, a.asymmetric_quantize_inputs,
                                                            a.diagonal_recurrent_tensors).Union();
        break;
      }
      case tflite::BuiltinOptions_SVDFOptions: {
        const auto& a = std::get<SvdfAttributes>(attrs);
        o = tflite::CreateSVDFOptions(fbb_, a.rank, Act(a.activation), a.asymmetric_quantize_inputs).Union();
        break;
      }
      case tflite::BuiltinOptions_PadOptions: o = tflite::CreatePadOptions(fbb_).Union(); break;
      case tflite::BuiltinOptions_TransposeOptions: o = tflite::CreateTransposeOptions(fbb_).Union(); break;
      case tflite::BuiltinOptions_MaximumMinimumOptions: o = tflite::CreateMaximumMinimumOptions(fbb_).Union(); break;
      default: return {tflite::BuiltinOptions_NONE, 0};
    }
    return {type, o};
  }

  const Model& model_;
  fb::FlatBufferBuilder fbb_{1 << 16};
  std::vector<fb::Offset<tflite::Buffer>> buffers_;
  std::vector<fb::Offset<tflite::OperatorCode>> codes_;
  std::map<std::tuple<int32_t, std::string, int32_t>, uint32_t> code_index_;
};

}  // namespace

Result<std::string> WriteTflite(const Model& model) {
  if (model.graphs.empty()) return Status::InvalidArgument("cannot write .tflite: the model has no graph");
  return Writer(model).Run();
}

}  // namespace mote::model
