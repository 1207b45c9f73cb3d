#include "model/tflite_reader.h"

#include <bit>
#include <cstring>
#include <limits>
#include <set>

#include "core/file_util.h"
#include "model/float16.h"
#include "model/mote_metadata.h"
#include "model/tflite_ops.h"

namespace mote::model {
namespace {

// Limits beyond which a file is treated as corrupt rather than big: a
// microcontroller model has a few dimensions and tensors far below 2 GiB.
constexpr size_t kMaxRank = 8;
constexpr int64_t kMaxTensorBytes = int64_t{1} << 31;
constexpr uint32_t kSchemaVersion = 3;

std::string ShapeText(const flatbuffers::Vector<int32_t>* shape) {
  std::string s = "[";
  if (shape)
    for (uint32_t i = 0; i < shape->size(); ++i) s += (i ? "," : "") + std::to_string(shape->Get(i));
  return s + "]";
}

template <typename T, typename V>
std::vector<T> ToVector(const flatbuffers::Vector<V>* v) {
  std::vector<T> out;
  if (!v) return out;
  out.reserve(v->size());
  for (uint32_t i = 0; i < v->size(); ++i) out.push_back(static_cast<T>(v->Get(i)));
  return out;
}

// Vectors of 8-byte scalars: the Verifier checks only the 4-byte alignment
// of a vector's length, so their elements may sit at any multiple of 4 and
// are copied bytewise instead of loaded as int64 (the fuzzer found this).
std::vector<int64_t> ToInt64Vector(const flatbuffers::Vector<int64_t>* v) {
  static_assert(std::endian::native == std::endian::little, ".tflite scalars are little-endian");
  std::vector<int64_t> out;
  if (!v || v->size() == 0) return out;
  out.resize(v->size());
  std::memcpy(out.data(), v->Data(), out.size() * sizeof(int64_t));
  return out;
}

class Importer {
 public:
  Importer(std::string_view bytes, std::string_view name, const ReadOptions& options)
      : bytes_(bytes), name_(name), options_(options) {}

  Result<Model> Run() {
    MOTE_RETURN_IF_ERROR(Verify());
    file_ = tflite::GetModel(bytes_.data());
    if (file_->version() != kSchemaVersion)
      return Fail("model", "schema version " + std::to_string(file_->version()) + ", mote reads version 3");
    const auto* subgraphs = file_->subgraphs();
    if (!subgraphs || subgraphs->size() == 0) return Fail("model", "no subgraph");
    Model model;
    if (file_->description()) model.description = file_->description()->str();
    for (uint32_t g = 0; g < subgraphs->size(); ++g) {
      MOTE_ASSIGN_OR_RETURN(Graph graph, ImportGraph(g, *subgraphs->Get(g)));
      model.graphs.push_back(std::move(graph));
    }
    MOTE_RETURN_IF_ERROR(ImportMetadata(model));
    return model;
  }

 private:
  Status Fail(const std::string& where, const std::string& what) const {
    return Status::Corruption(name_ + ": " + where + ": " + what);
  }
  Status Unsupported(const std::string& where, const std::string& what) const {
    return Status::Unsupported(name_ + ": " + where + ": " + what);
  }

  Status Verify() const {
    if (bytes_.size() < 8)
      return Status::Corruption(name_ + ": " + std::to_string(bytes_.size()) +
                                " bytes: too short for a .tflite file");
    if (std::memcmp(bytes_.data() + 4, tflite::ModelIdentifier(), 4) != 0) {
      std::string id;
      for (char c : bytes_.substr(4, 4)) id += (c >= 0x20 && c < 0x7f) ? c : '?';
      return Status::Corruption(name_ + ": file identifier \"" + id + "\" at byte 4, expected \"TFL3\": not a .tflite file");
    }
    flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(bytes_.data()), bytes_.size(),
                                   /*max_depth=*/64, /*max_tables=*/10'000'000);
    if (!tflite::VerifyModelBuffer(verifier))
      return Status::Corruption(name_ + ": the flatbuffers verifier rejects the file (truncated, or an offset or "
                                "length points outside its " + std::to_string(bytes_.size()) + " bytes)");
    return Status::Ok();
  }

  // The bytes of buffer `index` (empty for none). Data beyond the flatbuffer
  // (files over 2 GB) is addressed by offset from the start of the file.
  Result<std::vector<uint8_t>> BufferBytes(uint32_t index, const std::string& where) const {
    const auto* buffers = file_->buffers();
    const uint32_t count = buffers ? buffers->size() : 0;
    if (index >= count)
      return Fail(where, "buffer " + std::to_string(index) + " out of range (the model has " +
                             std::to_string(count) + " buffers)");
    const tflite::Buffer* b = buffers->Get(index);
    if (b->offset() > 1) {
      if (b->offset() > bytes_.size() || b->size() > bytes_.size() - b->offset())
        return Fail(where, "buffer " + std::to_string(index) + " spans bytes " + std::to_string(b->offset()) +
                               "+" + std::to_string(b->size()) + ", past the end of the file");
      const auto* p = reinterpret_cast<const uint8_t*>(bytes_.data()) + b->offset();
      return std::vector<uint8_t>(p, p + b->size());
    }
    if (!b->data()) return std::vector<uint8_t>();
    return std::vector<uint8_t>(b->data()->begin(), b->data()->end());
  }

  Result<Graph> ImportGraph(uint32_t g, const tflite::SubGraph& sub) {
    Graph graph;
    const std::string where = "subgraph " + std::to_string(g);
    if (sub.name()) graph.name = sub.name()->str();
    const uint32_t tensor_count = sub.tensors() ? sub.tensors()->size() : 0;
    std::set<int32_t> widened;  // float16 constants made float32
    for (uint32_t t = 0; t < tensor_count; ++t) {
      bool was_half = false;
      MOTE_ASSIGN_OR_RETURN(Tensor tensor, ImportTensor(where, t, *sub.tensors()->Get(t), &was_half));
      if (was_half) widened.insert(static_cast<int32_t>(t));
      graph.tensors.push_back(std::move(tensor));
    }
    MOTE_ASSIGN_OR_RETURN(graph.inputs, GraphEnds(where + " inputs", sub.inputs(), tensor_count));
    MOTE_ASSIGN_OR_RETURN(graph.outputs, GraphEnds(where + " outputs", sub.outputs(), tensor_count));
    const uint32_t op_count = sub.operators() ? sub.operators()->size() : 0;
    for (uint32_t i = 0; i < op_count; ++i) {
      MOTE_ASSIGN_OR_RETURN(Operator op, ImportOperator(where, i, *sub.operators()->Get(i), graph));
      graph.operators.push_back(std::move(op));
    }
    if (!widened.empty()) FoldDequantizedConstants(graph, widened);
    return graph;
  }

  Result<std::vector<int32_t>> GraphEnds(const std::string& where, const flatbuffers::Vector<int32_t>* v,
                                         uint32_t tensor_count) const {
    std::vector<int32_t> out = ToVector<int32_t>(v);
    for (size_t i = 0; i < out.size(); ++i)
      if (out[i] < 0 || static_cast<uint32_t>(out[i]) >= tensor_count)
        return Fail(where, "entry " + std::to_string(i) + " is tensor " + std::to_string(out[i]) +
                               ", but the subgraph has " + std::to_string(tensor_count) + " tensors");
    return out;
  }

  Result<Tensor> ImportTensor(const std::string& graph_where, uint32_t index, const tflite::Tensor& ft,
                              bool* was_half) const {
    Tensor t;
    if (ft.name()) t.name = ft.name()->str();
    const std::string where = graph_where + " tensor " + std::to_string(index) + " '" + t.name + "'";
    const bool half = ft.type() == tflite::TensorType_FLOAT16;
    switch (ft.type()) {
      case tflite::TensorType_FLOAT32: t.dtype = DType::kFloat32; break;
      case tflite::TensorType_FLOAT16: t.dtype = DType::kFloat32; break;
      case tflite::TensorType_INT8: t.dtype = DType::kInt8; break;
      case tflite::TensorType_UINT8: t.dtype = DType::kUInt8; break;
      case tflite::TensorType_INT16: t.dtype = DType::kInt16; break;
      case tflite::TensorType_INT32: t.dtype = DType::kInt32; break;
      case tflite::TensorType_INT64: t.dtype = DType::kInt64; break;
      case tflite::TensorType_BOOL: t.dtype = DType::kBool; break;
      case tflite::TensorType_UINT16: t.dtype = DType::kUInt16; break;
      case tflite::TensorType_UINT32: t.dtype = DType::kUInt32; break;
      case tflite::TensorType_UINT64: t.dtype = DType::kUInt64; break;
      default: {
        const char* type_name = tflite::EnumNameTensorType(ft.type());
        return Unsupported(where, std::string("type ") + (*type_name ? type_name : std::to_string(ft.type())) +
                                      " is not supported (float32, float16 constants, int8, uint8, int16, uint16, "
                                      "int32, uint32, int64, uint64, bool)");
      }
    }
    if (ft.sparsity()) return Unsupported(where, "sparse tensors are not supported");
    if (ft.shape() && ft.shape()->size() > kMaxRank)
      return Fail(where, "rank " + std::to_string(ft.shape()->size()) + " exceeds " + std::to_string(kMaxRank));
    t.shape = ToVector<int32_t>(ft.shape());
    t.shape_signature = ToVector<int32_t>(ft.shape_signature());
    t.is_variable = ft.is_variable();
    const int64_t stored_size = half ? 2 : static_cast<int64_t>(ElementSize(t.dtype));
    int64_t bytes = stored_size;
    for (size_t d = 0; d < t.shape.size(); ++d) {
      if (t.shape[d] < 0)
        return Fail(where, "dimension " + std::to_string(d) + " of shape " + ShapeText(ft.shape()) +
                               " is negative; mote needs static shapes");
      if (t.shape[d] > 0 && bytes > kMaxTensorBytes / t.shape[d])
        return Fail(where, "shape " + ShapeText(ft.shape()) + " needs more than 2 GiB");
      bytes *= t.shape[d];
    }
    MOTE_ASSIGN_OR_RETURN(std::vector<uint8_t> data, BufferBytes(ft.buffer(), where));
    if (!data.empty() && static_cast<int64_t>(data.size()) != bytes)
      return Fail(where, "buffer " + std::to_string(ft.buffer()) + " holds " + std::to_string(data.size()) +
                             " bytes, but shape " + ShapeText(ft.shape()) + " of " +
                             tflite::EnumNameTensorType(ft.type()) + " needs " + std::to_string(bytes));
    if (half) {
      if (data.empty()) return Unsupported(where, "float16 is supported for constant weights only");
      t.data = WidenFloat16(data);
      *was_half = true;
    } else {
      t.data = std::move(data);
    }
    MOTE_RETURN_IF_ERROR(ImportQuantization(where, ft.quantization(), t));
    return t;
  }

  Status ImportQuantization(const std::string& where, const tflite::QuantizationParameters* q, Tensor& t) const {
    if (!q) return Status::Ok();
    if (q->details_type() != tflite::QuantizationDetails_NONE)
      return Unsupported(where, "custom quantization is not supported");
    Quantization& out = t.quantization;
    out.scale = ToVector<float>(q->scale());
    out.zero_point = ToInt64Vector(q->zero_point());
    out.min = ToVector<float>(q->min());
    out.max = ToVector<float>(q->max());
    out.axis = q->quantized_dimension();
    if (!out.zero_point.empty() && out.zero_point.size() != out.scale.size())
      return Fail(where, std::to_string(out.scale.size()) + " quantization scales but " +
                             std::to_string(out.zero_point.size()) + " zero points");
    if (out.scale.size() > 1) {
      // Old converters (TOCO) wrote the filter's quantized_dimension (3) into
      // 1-D per-channel biases; their channels are dimension 0.
      if (t.shape.size() == 1 && out.axis != 0 && static_cast<size_t>(t.shape[0]) == out.scale.size()) out.axis = 0;
      if (out.axis < 0 || static_cast<size_t>(out.axis) >= t.shape.size())
        return Fail(where, "quantized_dimension " + std::to_string(out.axis) + " outside rank " +
                               std::to_string(t.shape.size()));
      if (static_cast<size_t>(t.shape[out.axis]) != out.scale.size())
        return Fail(where, std::to_string(out.scale.size()) + " per-channel scales for dimension " +
                               std::to_string(out.axis) + " of size " + std::to_string(t.shape[out.axis]));
    }
    return Status::Ok();
  }

  Result<Operator> ImportOperator(const std::string& graph_where, uint32_t index, const tflite::Operator& fo,
                                  const Graph& graph) const {
    std::string where = graph_where + " operator " + std::to_string(index);
    const auto* codes = file_->operator_codes();
    const uint32_t code_count = codes ? codes->size() : 0;
    if (fo.opcode_index() >= code_count)
      return Fail(where, "opcode_index " + std::to_string(fo.opcode_index()) + " out of range (the model has " +
                             std::to_string(code_count) + " operator codes)");
    const tflite::OperatorCode* code = codes->Get(fo.opcode_index());
    // Old files fill only the int8 field, new ones saturate it at 127.
    const int32_t builtin = std::max<int32_t>(code->deprecated_builtin_code(), code->builtin_code());
    Operator op;
    op.version = code->version();
    const TfliteOpInfo* info = nullptr;
    if (builtin == tflite::BuiltinOperator_CUSTOM) {
      op.type = OpType::kCustom;
      if (!code->custom_code() || code->custom_code()->size() == 0)
        return Fail(where, "custom operator without a name");
      op.custom_code = code->custom_code()->str();
      MOTE_ASSIGN_OR_RETURN(op.custom_options, CustomOptions(where, fo));
    } else if ((info = FindTfliteOp(builtin)) != nullptr) {
      op.type = info->type;
    } else if (options_.allow_unsupported) {
      op.type = OpType::kUnsupported;
      op.builtin_code = builtin;
      op.builtin_name = TfliteBuiltinName(builtin);
    } else {
      return Unsupported(where, TfliteBuiltinName(builtin) + " is not supported; supported: " +
                                    SupportedTfliteOpList());
    }
    where += " (" + op.Name() + ")";
    const int32_t tensor_count = static_cast<int32_t>(graph.tensors.size());
    op.inputs = ToVector<int32_t>(fo.inputs());
    op.outputs = ToVector<int32_t>(fo.outputs());
    op.intermediates = ToVector<int32_t>(fo.intermediates());
    MOTE_RETURN_IF_ERROR(CheckIndices(where, "input", op.inputs, tensor_count, /*allow_absent=*/true));
    MOTE_RETURN_IF_ERROR(CheckIndices(where, "output", op.outputs, tensor_count, /*allow_absent=*/false));
    MOTE_RETURN_IF_ERROR(CheckIndices(where, "intermediate", op.intermediates, tensor_count, false));
    if (info) {
      MOTE_RETURN_IF_ERROR(CheckArity(where, *info, op));
      MOTE_RETURN_IF_ERROR(ImportAttributes(where, *info, fo, op.attributes));
      MOTE_RETURN_IF_ERROR(CheckShapes(where, op, graph));
    }
    return op;
  }

  Result<std::vector<uint8_t>> CustomOptions(const std::string& where, const tflite::Operator& fo) const {
    if (fo.large_custom_options_offset() > 1) {
      const uint64_t off = fo.large_custom_options_offset(), size = fo.large_custom_options_size();
      if (off > bytes_.size() || size > bytes_.size() - off)
        return Fail(where, "custom options span bytes " + std::to_string(off) + "+" + std::to_string(size) +
                               ", past the end of the file");
      const auto* p = reinterpret_cast<const uint8_t*>(bytes_.data()) + off;
      return std::vector<uint8_t>(p, p + size);
    }
    return ToVector<uint8_t>(fo.custom_options());
  }

  Status CheckIndices(const std::string& where, const char* what, const std::vector<int32_t>& indices,
                      int32_t tensor_count, bool allow_absent) const {
    for (size_t i = 0; i < indices.size(); ++i) {
      const int32_t t = indices[i];
      if ((t == -1 && allow_absent) || (t >= 0 && t < tensor_count)) continue;
      return Fail(where, std::string(what) + " " + std::to_string(i) + " is tensor " + std::to_string(t) +
                             ", but the subgraph has " + std::to_string(tensor_count) + " tensors");
    }
    return Status::Ok();
  }

  Status CheckArity(const std::string& where, const TfliteOpInfo& info, const Operator& op) const {
    const int n = static_cast<int>(op.inputs.size());
    if (n < info.min_inputs || n > info.max_inputs) {
      const std::string expected = info.min_inputs == info.max_inputs
                                       ? std::to_string(info.min_inputs)
                                       : std::to_string(info.min_inputs) + " to " +
                                             (info.max_inputs == std::numeric_limits<int>::max()
                                                  ? std::string("any")
                                                  : std::to_string(info.max_inputs));
      return Fail(where, std::to_string(n) + " inputs, expected " + expected);
    }
    if (op.outputs.size() != 1) return Fail(where, std::to_string(op.outputs.size()) + " outputs, expected 1");
    auto require = [&](int slot) -> Status {
      if (op.inputs[slot] == -1) return Fail(where, "required input " + std::to_string(slot) + " is absent (-1)");
      return Status::Ok();
    };
    if (info.required_inputs.empty()) {
      for (int slot = 0; slot < n; ++slot) MOTE_RETURN_IF_ERROR(require(slot));
    } else {
      for (int slot : info.required_inputs) MOTE_RETURN_IF_ERROR(require(slot));
    }
    return Status::Ok();
  }

  // The ranks that the inspector's MAC count and the runtime rely on.
  Status CheckShapes(const std::string& where, const Operator& op, const Graph& graph) const {
    auto rank_is = [&](const char* what, int32_t tensor, size_t rank) -> Status {
      if (tensor < 0) return Status::Ok();
      const Tensor& t = graph.tensors[tensor];
      if (t.shape.size() != rank)
        return Fail(where, std::string(what) + " (tensor " + std::to_string(tensor) + ") has rank " +
                               std::to_string(t.shape.size()) + ", expected " + std::to_string(rank));
      return Status::Ok();
    };
    switch (op.type) {
      case OpType::kConv2D:
      case OpType::kDepthwiseConv2D:
        MOTE_RETURN_IF_ERROR(rank_is("input", op.inputs[0], 4));
        MOTE_RETURN_IF_ERROR(rank_is("filter", op.inputs[1], 4));
        MOTE_RETURN_IF_ERROR(rank_is("output", op.outputs[0], 4));
        break;
      case OpType::kAveragePool2D:
      case OpType::kMaxPool2D:
        MOTE_RETURN_IF_ERROR(rank_is("input", op.inputs[0], 4));
        MOTE_RETURN_IF_ERROR(rank_is("output", op.outputs[0], 4));
        break;
      case OpType::kFullyConnected: MOTE_RETURN_IF_ERROR(rank_is("weights", op.inputs[1], 2)); break;
      case OpType::kSvdf:
        MOTE_RETURN_IF_ERROR(rank_is("weights_feature", op.inputs[1], 2));
        MOTE_RETURN_IF_ERROR(rank_is("weights_time", op.inputs[2], 2));
        break;
      case OpType::kUnidirectionalSequenceLstm:
        MOTE_RETURN_IF_ERROR(rank_is("input", op.inputs[0], 3));
        MOTE_RETURN_IF_ERROR(rank_is("input_to_forget_weights", op.inputs[2], 2));
        MOTE_RETURN_IF_ERROR(rank_is("recurrent_to_forget_weights", op.inputs[6], 2));
        break;
      default: break;
    }
    return Status::Ok();
  }

  Result<Activation> ToActivation(const std::string& where, int8_t a) const {
    if (a < 0 || a > static_cast<int8_t>(Activation::kSignBit))
      return Fail(where, "unknown fused activation " + std::to_string(a));
    return static_cast<Activation>(a);
  }
  Result<Padding> ToPadding(const std::string& where, int8_t p) const {
    if (p != tflite::Padding_SAME && p != tflite::Padding_VALID)
      return Fail(where, "unknown padding " + std::to_string(p));
    return p == tflite::Padding_SAME ? Padding::kSame : Padding::kValid;
  }

  // Fills `out` with the operator's attributes (defaults where the file has no
  // options table).
  Status ImportAttributes(const std::string& where, const TfliteOpInfo& info, const tflite::Operator& fo,
                          OpAttributes& out) const {
    const tflite::BuiltinOptions type = fo.builtin_options_type();
    if (type != tflite::BuiltinOptions_NONE && type != info.options) {
      // Runtimes ignore options on ops that take none (CAST, LOGISTIC, ...);
      // only a mismatched table for an op that reads one is an error.
      if (info.options != tflite::BuiltinOptions_NONE)
        return Fail(where, std::string("options are ") + tflite::EnumNameBuiltinOptions(type) + ", expected " +
                               tflite::EnumNameBuiltinOptions(info.options));
    }
    out = DefaultAttributes(info.type);
    if (type != info.options || type == tflite::BuiltinOptions_NONE) return Status::Ok();  // defaults
    // The verifier accepts a union whose type is set but whose table is absent.
    if (!fo.builtin_options())
      return Fail(where, std::string("options type ") + tflite::EnumNameBuiltinOptions(type) + " without a table");
    switch (info.type) {
      case OpType::kConv2D: {
        const auto* o = fo.builtin_options_as_Conv2DOptions();
        Conv2DAttributes a;
        MOTE_ASSIGN_OR_RETURN(a.padding, ToPadding(where, o->padding()));
        MOTE_ASSIGN_OR_RETURN(a.activation, ToActivation(where, o->fused_activation_function()));
        a.stride_w = o->stride_w(), a.stride_h = o->stride_h();
        a.dilation_w = o->dilation_w_factor(), a.dilation_h = o->dilation_h_factor();
        MOTE_RETURN_IF_ERROR(CheckPositive(where, {a.stride_w, a.stride_h, a.dilation_w, a.dilation_h}));
        out = a;
        return Status::Ok();
      }
      case OpType::kDepthwiseConv2D: {
        const auto* o = fo.builtin_options_as_DepthwiseConv2DOptions();
        DepthwiseConv2DAttributes a;
        MOTE_ASSIGN_OR_RETURN(a.padding, ToPadding(where, o->padding()));
        MOTE_ASSIGN_OR_RETURN(a.activation, ToActivation(where, o->fused_activation_function()));
        a.stride_w = o->stride_w(), a.stride_h = o->stride_h();
        a.dilation_w = o->dilation_w_factor(), a.dilation_h = o->dilation_h_factor();
        a.depth_multiplier = o->depth_multiplier();
        MOTE_RETURN_IF_ERROR(CheckPositive(where, {a.stride_w, a.stride_h, a.dilation_w, a.dilation_h}));
        out = a;
        return Status::Ok();
      }
      case OpType::kAveragePool2D:
      case OpType::kMaxPool2D: {
        const auto* o = fo.builtin_options_as_Pool2DOptions();
        Pool2DAttributes a;
        MOTE_ASSIGN_OR_RETURN(a.padding, ToPadding(where, o->padding()));
        MOTE_ASSIGN_OR_RETURN(a.activation, ToActivation(where, o->fused_activation_function()));
        a.stride_w = o->stride_w(), a.stride_h = o->stride_h();
        a.filter_w = o->filter_width(), a.filter_h = o->filter_height();
        MOTE_RETURN_IF_ERROR(CheckPositive(where, {a.stride_w, a.stride_h, a.filter_w, a.filter_h}));
        out = a;
        return Status::Ok();
      }
      case OpType::kFullyConnected: {
        const auto* o = fo.builtin_options_as_FullyConnectedOptions();
        if (o->weights_format() != tflite::FullyConnectedOptionsWeightsFormat_DEFAULT)
          return Unsupported(where, "shuffled FULLY_CONNECTED weights are not supported");
        FullyConnectedAttributes a;
        MOTE_ASSIGN_OR_RETURN(a.activation, ToActivation(where, o->fused_activation_function()));
        a.keep_num_dims = o->keep_num_dims();
        a.asymmetric_quantize_inputs = o->asymmetric_quantize_inputs();
        out = a;
        return Status::Ok();
      }
      case OpType::kReshape: {
        ReshapeAttributes a;
        a.new_shape = ToVector<int32_t>(fo.builtin_options_as_ReshapeOptions()->new_shape());
        out = a;
        return Status::Ok();
      }
      case OpType::kSoftmax: out = SoftmaxAttributes{fo.builtin_options_as_SoftmaxOptions()->beta()};
        return Status::Ok();
      case OpType::kAdd: {
        const auto* o = fo.builtin_options_as_AddOptions();
        MOTE_ASSIGN_OR_RETURN(Activation act, ToActivation(where, o->fused_activation_function()));
        out = ElementwiseAttributes{act, o->pot_scale_int16()};
        return Status::Ok();
      }
      case OpType::kSub: {
        const auto* o = fo.builtin_options_as_SubOptions();
        MOTE_ASSIGN_OR_RETURN(Activation act, ToActivation(where, o->fused_activation_function()));
        out = ElementwiseAttributes{act, o->pot_scale_int16()};
        return Status::Ok();
      }
      case OpType::kMul: {
        MOTE_ASSIGN_OR_RETURN(Activation act,
                              ToActivation(where, fo.builtin_options_as_MulOptions()->fused_activation_function()));
        out = ElementwiseAttributes{act, true};
        return Status::Ok();
      }
      case OpType::kDiv: {
        MOTE_ASSIGN_OR_RETURN(Activation act,
                              ToActivation(where, fo.builtin_options_as_DivOptions()->fused_activation_function()));
        out = ElementwiseAttributes{act, true};
        return Status::Ok();
      }
      case OpType::kConcatenation: {
        const auto* o = fo.builtin_options_as_ConcatenationOptions();
        MOTE_ASSIGN_OR_RETURN(Activation act, ToActivation(where, o->fused_activation_function()));
        out = ConcatenationAttributes{o->axis(), act};
        return Status::Ok();
      }
      case OpType::kMean: out = ReducerAttributes{fo.builtin_options_as_ReducerOptions()->keep_dims()};
        return Status::Ok();
      case OpType::kStridedSlice: {
        const auto* o = fo.builtin_options_as_StridedSliceOptions();
        out = StridedSliceAttributes{o->begin_mask(),       o->end_mask(),         o->ellipsis_mask(),
                                      o->new_axis_mask(),    o->shrink_axis_mask(), o->offset()};
        return Status::Ok();
      }
      case OpType::kLeakyRelu: out = LeakyReluAttributes{fo.builtin_options_as_LeakyReluOptions()->alpha()};
        return Status::Ok();
      case OpType::kUnidirectionalSequenceLstm: {
        const auto* o = fo.builtin_options_as_UnidirectionalSequenceLSTMOptions();
        SequenceLstmAttributes a;
        MOTE_ASSIGN_OR_RETURN(a.activation, ToActivation(where, o->fused_activation_function()));
        a.cell_clip = o->cell_clip(), a.proj_clip = o->proj_clip();
        a.time_major = o->time_major();
        a.asymmetric_quantize_inputs = o->asymmetric_quantize_inputs();
        a.diagonal_recurrent_tensors = o->diagonal_recurrent_tensors();
        out = a;
        return Status::Ok();
      }
      case OpType::kSvdf: {
        const auto* o = fo.builtin_options_as_SVDFOptions();
        SvdfAttributes a;
        MOTE_ASSIGN_OR_RETURN(a.activation, ToActivation(where, o->fused_activation_function()));
        a.rank = o->rank();
        a.asymmetric_quantize_inputs = o->asymmetric_quantize_inputs();
        MOTE_RETURN_IF_ERROR(CheckPositive(where, {a.rank}));
        out = a;
        return Status::Ok();
      }
      default: return Status::Ok();
    }
  }

  Status CheckPositive(const std::string& where, std::initializer_list<int32_t> values) const {
    for (int32_t v : values)
      if (v <= 0) return Fail(where, "stride, filter, dilation or rank " + std::to_string(v) + " must be > 0");
    return Status::Ok();
  }

  // DEQUANTIZE of a float16 constant, now float32, is a copy: its output
  // becomes the constant and the operator goes. Tensors nothing refers to
  // any more are dropped and the indices renumbered.
  static void FoldDequantizedConstants(Graph& graph, const std::set<int32_t>& widened) {
    std::vector<Operator> kept;
    for (Operator& op : graph.operators) {
      if (op.type == OpType::kDequantize && widened.count(op.inputs[0])) {
        const Tensor& in = graph.tensors[op.inputs[0]];
        Tensor& out = graph.tensors[op.outputs[0]];
        if (out.dtype == DType::kFloat32 && !out.is_constant() && out.ElementCount() == in.ElementCount()) {
          out.data = in.data;
          continue;
        }
      }
      kept.push_back(std::move(op));
    }
    graph.operators = std::move(kept);
    std::vector<bool> used(graph.tensors.size(), false);
    auto mark = [&](const std::vector<int32_t>& v) {
      for (int32_t t : v)
        if (t >= 0) used[t] = true;
    };
    mark(graph.inputs), mark(graph.outputs);
    for (const Operator& op : graph.operators) mark(op.inputs), mark(op.outputs), mark(op.intermediates);
    std::vector<int32_t> renumber(graph.tensors.size(), -1);
    std::vector<Tensor> tensors;
    for (size_t t = 0; t < graph.tensors.size(); ++t) {
      if (!used[t]) continue;
      renumber[t] = static_cast<int32_t>(tensors.size());
      tensors.push_back(std::move(graph.tensors[t]));
    }
    graph.tensors = std::move(tensors);
    auto apply = [&](std::vector<int32_t>& v) {
      for (int32_t& t : v)
        if (t >= 0) t = renumber[t];
    };
    apply(graph.inputs), apply(graph.outputs);
    for (Operator& op : graph.operators) apply(op.inputs), apply(op.outputs), apply(op.intermediates);
  }

  Status ImportMetadata(Model& model) const {
    const auto* entries = file_->metadata();
    if (!entries) return Status::Ok();
    for (uint32_t i = 0; i < entries->size(); ++i) {
      const tflite::Metadata* m = entries->Get(i);
      NamedBlob blob;
      if (m->name()) blob.name = m->name()->str();
      const std::string where = "metadata " + std::to_string(i) + " '" + blob.name + "'";
      MOTE_ASSIGN_OR_RETURN(blob.bytes, BufferBytes(m->buffer(), where));
      if (blob.name == kMoteMetadataName) {
        auto parsed = ParseMoteMetadata(blob.bytes);
        if (!parsed.ok()) return Fail(where, parsed.status().message());
        model.mote = std::move(parsed).value();
      } else {
        model.metadata.push_back(std::move(blob));
      }
    }
    return Status::Ok();
  }

  std::string_view bytes_;
  std::string name_;
  ReadOptions options_;
  const tflite::Model* file_ = nullptr;
};

}  // namespace

Result<Model> ReadTflite(std::string_view bytes, std::string_view name, const ReadOptions& options) {
  return Importer(bytes, name, options).Run();
}

Result<Model> ReadTfliteFile(const std::filesystem::path& path, const ReadOptions& options) {
  MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  return ReadTflite(bytes, path.string(), options);
}

}  // namespace mote::model
