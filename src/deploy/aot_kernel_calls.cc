#include "deploy/aot_kernel_calls.h"

#include <cfloat>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "micro/nn/kernels/activations.h"
#include "micro/nn/kernels/add.h"
#include "micro/nn/kernels/cast.h"
#include "micro/nn/kernels/concatenation.h"
#include "micro/nn/kernels/conv.h"
#include "micro/nn/kernels/elementwise.h"
#include "micro/nn/kernels/fully_connected.h"
#include "micro/nn/kernels/kernel_util.h"
#include "micro/nn/kernels/logistic_tanh.h"
#include "micro/nn/kernels/lstm.h"
#include "micro/nn/kernels/mean.h"
#include "micro/nn/kernels/pad.h"
#include "micro/nn/kernels/pooling.h"
#include "micro/nn/kernels/quantize.h"
#include "micro/nn/kernels/signal_ops.h"
#include "micro/nn/kernels/softmax.h"
#include "micro/nn/kernels/strided_slice.h"
#include "micro/nn/kernels/svdf.h"
#include "micro/nn/kernels/transpose.h"

namespace mote::deploy {

namespace {

using nn::tflite::TensorType;

// The emitters below list every field of each parameter struct; a field
// added to one must be added here too, or the generated code would leave it 0.
static_assert(sizeof(nn::ConvParams) == 24 * 4, "ConvParams changed: update EmitConvParams");
static_assert(sizeof(nn::FullyConnectedParams) == 11 * 4, "FullyConnectedParams changed: update its emitter");
static_assert(sizeof(nn::PoolParams) == 17 * 4, "PoolParams changed: update EmitPoolParams");
static_assert(sizeof(nn::SoftmaxParams) == 7 * 4, "SoftmaxParams changed: update its emitter");
static_assert(sizeof(nn::AddParams) == 36 * 4, "AddParams changed: update EmitAddParams");
static_assert(sizeof(nn::QuantizeParams) == 7 * 4, "QuantizeParams changed: update its emitter");
static_assert(sizeof(nn::ActivationParams) == 13 * 4, "ActivationParams changed: update its emitter");
static_assert(sizeof(nn::BroadcastShape) == (2 + 3 * nn::kMaxRank) * 4 + 4, "BroadcastShape changed: update ShapeFields");
static_assert(sizeof(nn::MulParams) == 10 * 4 + sizeof(nn::BroadcastShape), "MulParams changed: update MulParamsText");
static_assert(sizeof(nn::MinMaxParams) == 4 + sizeof(nn::BroadcastShape), "MinMaxParams changed: update its emitter");
static_assert(sizeof(nn::CastParams) == 3 * 4, "CastParams (two 1-byte types, two uint32) changed: update CastParamsText");
static_assert(sizeof(nn::StridedSliceParams) == (3 + 4 * nn::kMaxRank) * 4, "StridedSliceParams changed: update its emitter");
static_assert(sizeof(nn::ConcatenationParams) == 2 * 4, "ConcatenationParams changed: update its emitter");
static_assert(sizeof(nn::SignalWindowParams) == 3 * 4 && sizeof(nn::SignalRfftParams) == 2 * 4 &&
                  sizeof(nn::SignalEnergyParams) == 4 * 4 && sizeof(nn::SignalPcanParams) == 2 * 4 &&
                  sizeof(nn::SignalLogParams) == 3 * 4,
              "a signal op's parameters changed: update its emitter");
static_assert(sizeof(nn::SignalSpectralSubtractionParams) == 8 * 4 + 4,
              "SignalSpectralSubtractionParams changed: update its emitter");
static_assert(sizeof(nn::SvdfParams) == 14 * 4, "SvdfParams changed: update SvdfParamsText");
static_assert(sizeof(nn::LstmGateParams) == 6 * 4, "LstmGateParams changed: update LstmParamsText");
static_assert(sizeof(nn::LstmParams) == 17 * 4 + 4 * sizeof(nn::LstmGateParams), "LstmParams changed: update LstmParamsText");
static_assert(sizeof(nn::PadParams) == (4 + 3 * nn::kMaxRank) * 4, "PadParams changed: update PadParamsText");
static_assert(sizeof(nn::TransposeParams) == (3 + 2 * nn::kMaxRank) * 4, "TransposeParams changed: update its emitter");
static_assert(sizeof(nn::SigmoidParams) == 6 * 4, "SigmoidParams changed: update SigmoidParamsText");
static_assert(sizeof(nn::MeanParams) == (9 + 2 * nn::kMaxRank) * 4, "MeanParams changed: update MeanParamsText");

std::string Int(int64_t v) { return std::to_string(v); }

std::string TypeLiteral(TensorType t) {
  return "static_cast<mote::nn::tflite::TensorType>(" + Int(static_cast<int>(t)) + ")";
}

// `constexpr Type kOpN = [] { Type p{}; p.field = value; ...; return p; }();`
class StructWriter {
 public:
  StructWriter(const std::string& type, const std::string& name)
      : text_("constexpr mote::nn::" + type + " " + name + " = [] {\n  mote::nn::" + type + " p{};\n") {}
  void Field(const std::string& field, const std::string& value) { text_ += "  p." + field + " = " + value + ";\n"; }
  void Field(const std::string& field, int64_t value) { Field(field, Int(value)); }
  void Float(const std::string& field, float value) { Field(field, FloatLiteral(value)); }
  void Array(const std::string& field, const int32_t* values, int n) {
    for (int i = 0; i < n; ++i) Field(field + "[" + Int(i) + "]", values[i]);
  }
  std::string Done() { return text_ + "  return p;\n}();\n"; }

 private:
  std::string text_;
};

template <typename T>
std::string ArrayOf(const std::string& type, const std::string& name, const T* values, int32_t n) {
  std::string s = "constexpr " + type + " " + name + "[" + Int(n) + "] = {";
  for (int32_t i = 0; i < n; ++i) s += (i % 16 ? " " : "\n    ") + Int(values[i]) + ",";
  return s + "\n};\n";
}

// Per-channel multipliers and shifts that prepare put after `Params`.
template <typename Params>
std::string ChannelArrays(const void* op_data, int32_t channels, const std::string& op) {
  using Layout = nn::ChannelLayout<Params>;
  const auto* multipliers = static_cast<const int32_t*>(
      static_cast<const void*>(static_cast<const uint8_t*>(op_data) + Layout::kMultipliers));
  const auto* shifts = static_cast<const int8_t*>(op_data) + Layout::shifts(channels);
  return ArrayOf("int32_t", op + "Multipliers", multipliers, channels) +
         ArrayOf("int8_t", op + "Shifts", shifts, channels);
}

std::string ConvParamsText(const nn::ConvParams& p, const std::string& name) {
  StructWriter w("ConvParams", name);
  w.Field("type", TypeLiteral(p.type));
  w.Field("batches", p.batches);
  w.Field("input_h", p.input_h);
  w.Field("input_w", p.input_w);
  w.Field("input_c", p.input_c);
  w.Field("output_h", p.output_h);
  w.Field("output_w", p.output_w);
  w.Field("output_c", p.output_c);
  w.Field("filter_h", p.filter_h);
  w.Field("filter_w", p.filter_w);
  w.Field("filter_c", p.filter_c);
  w.Field("stride_h", p.stride_h);
  w.Field("stride_w", p.stride_w);
  w.Field("dilation_h", p.dilation_h);
  w.Field("dilation_w", p.dilation_w);
  w.Field("pad_h", p.pad_h);
  w.Field("pad_w", p.pad_w);
  w.Field("depth_multiplier", p.depth_multiplier);
  w.Field("input_offset", p.input_offset);
  w.Field("output_offset", p.output_offset);
  w.Field("act_min", p.act_min);
  w.Field("act_max", p.act_max);
  w.Float("float_act_min", p.float_act_min);
  w.Float("float_act_max", p.float_act_max);
  return w.Done();
}

std::string FullyConnectedParamsText(const nn::FullyConnectedParams& p, const std::string& name) {
  StructWriter w("FullyConnectedParams", name);
  w.Field("type", TypeLiteral(p.type));
  w.Field("batches", p.batches);
  w.Field("depth", p.depth);
  w.Field("output_depth", p.output_depth);
  w.Field("channels", p.channels);
  w.Field("input_offset", p.input_offset);
  w.Field("output_offset", p.output_offset);
  w.Field("act_min", p.act_min);
  w.Field("act_max", p.act_max);
  w.Float("float_act_min", p.float_act_min);
  w.Float("float_act_max", p.float_act_max);
  return w.Done();
}

std::string PoolParamsText(const nn::PoolParams& p, const std::string& name) {
  StructWriter w("PoolParams", name);
  w.Field("type", TypeLiteral(p.type));
  w.Field("batches", p.batches);
  w.Field("input_h", p.input_h);
  w.Field("input_w", p.input_w);
  w.Field("channels", p.channels);
  w.Field("output_h", p.output_h);
  w.Field("output_w", p.output_w);
  w.Field("filter_h", p.filter_h);
  w.Field("filter_w", p.filter_w);
  w.Field("stride_h", p.stride_h);
  w.Field("stride_w", p.stride_w);
  w.Field("pad_h", p.pad_h);
  w.Field("pad_w", p.pad_w);
  w.Field("act_min", p.act_min);
  w.Field("act_max", p.act_max);
  w.Float("float_act_min", p.float_act_min);
  w.Float("float_act_max", p.float_act_max);
  return w.Done();
}

std::string SoftmaxParamsText(const nn::SoftmaxParams& p, const std::string& name) {
  StructWriter w("SoftmaxParams", name);
  w.Field("output_type", TypeLiteral(p.output_type));
  w.Field("rows", p.rows);
  w.Field("depth", p.depth);
  w.Field("input_multiplier", p.input_multiplier);
  w.Field("input_left_shift", p.input_left_shift);
  w.Field("diff_min", p.diff_min);
  w.Float("beta", p.beta);
  return w.Done();
}

void ShapeFields(StructWriter& w, const nn::BroadcastShape& shape) {
  w.Field("shape.rank", shape.rank);
  w.Array("shape.dims", shape.dims, nn::kMaxRank);
  w.Array("shape.strides1", shape.strides1, nn::kMaxRank);
  w.Array("shape.strides2", shape.strides2, nn::kMaxRank);
  w.Field("shape.elements", shape.elements);
  w.Field("shape.broadcast", shape.broadcast ? "true" : "false");
  w.Field("shape.single", shape.single);
}

std::string AddParamsText(const nn::AddParams& p, const std::string& name) {
  StructWriter w("AddParams", name);
  w.Field("type", TypeLiteral(p.type));
  ShapeFields(w, p.shape);
  w.Field("input1_offset", p.input1_offset);
  w.Field("input2_offset", p.input2_offset);
  w.Field("output_offset", p.output_offset);
  w.Field("left_shift", p.left_shift);
  w.Field("input1_multiplier", p.input1_multiplier);
  w.Field("input1_shift", p.input1_shift);
  w.Field("input2_multiplier", p.input2_multiplier);
  w.Field("input2_shift", p.input2_shift);
  w.Field("output_multiplier", p.output_multiplier);
  w.Field("output_shift", p.output_shift);
  w.Field("act_min", p.act_min);
  w.Field("act_max", p.act_max);
  w.Float("float_act_min", p.float_act_min);
  w.Float("float_act_max", p.float_act_max);
  return w.Done();
}

std::string QuantizeParamsText(const nn::QuantizeParams& p, const std::string& name) {
  StructWriter w("QuantizeParams", name);
  w.Field("input_type", TypeLiteral(p.input_type));
  w.Field("output_type", TypeLiteral(p.output_type));
  w.Field("elements", Int(p.elements) + "u");
  w.Float("scale", p.scale);
  w.Field("input_zero_point", p.input_zero_point);
  w.Field("output_zero_point", p.output_zero_point);
  w.Field("multiplier", p.multiplier);
  w.Field("shift", p.shift);
  return w.Done();
}

std::string ActivationParamsText(const nn::ActivationParams& p, const std::string& name) {
  StructWriter w("ActivationParams", name);
  w.Field("kind", "static_cast<mote::nn::ActivationKind>(" + Int(static_cast<int>(p.kind)) + ")");
  w.Field("type", TypeLiteral(p.type));
  w.Field("elements", Int(p.elements) + "u");
  w.Float("min", p.min);
  w.Float("max", p.max);
  w.Float("alpha", p.alpha);
  w.Field("input_offset", p.input_offset);
  w.Field("output_offset", p.output_offset);
  w.Field("multiplier", p.multiplier);
  w.Field("shift", p.shift);
  w.Field("alpha_multiplier", p.alpha_multiplier);
  w.Field("alpha_shift", p.alpha_shift);
  w.Field("act_min", p.act_min);
  w.Field("act_max", p.act_max);
  return w.Done();
}

std::string SvdfParamsText(const nn::SvdfParams& p, const std::string& name) {
  StructWriter w("SvdfParams", name);
  w.Field("state_type", TypeLiteral(p.state_type));
  w.Field("batches", p.batches);
  w.Field("input_size", p.input_size);
  w.Field("filters", p.filters);
  w.Field("rank", p.rank);
  w.Field("units", p.units);
  w.Field("memory", p.memory);
  w.Field("input_zero_point", p.input_zero_point);
  w.Field("state_zero_point", p.state_zero_point);
  w.Field("output_zero_point", p.output_zero_point);
  w.Field("feature_multiplier", p.feature_multiplier);
  w.Field("feature_shift", p.feature_shift);
  w.Field("time_multiplier", p.time_multiplier);
  w.Field("time_shift", p.time_shift);
  return w.Done();
}

std::string LstmParamsText(const nn::LstmParams& p, const std::string& name) {
  StructWriter w("LstmParams", name);
  w.Field("batches", p.batches);
  w.Field("time_steps", p.time_steps);
  w.Field("input_size", p.input_size);
  w.Field("state_size", p.state_size);
  w.Field("time_major", p.time_major ? "true" : "false");
  w.Field("input_offset", p.input_offset);
  w.Field("hidden_offset", p.hidden_offset);
  w.Field("hidden_zero_point", p.hidden_zero_point);
  for (int g = 0; g < 4; ++g) {
    const nn::LstmGateParams& gate = p.gates[g];
    const std::string at = "gates[" + Int(g) + "].";
    w.Field(at + "input_multiplier", gate.input_multiplier);
    w.Field(at + "input_shift", gate.input_shift);
    w.Field(at + "recurrent_multiplier", gate.recurrent_multiplier);
    w.Field(at + "recurrent_shift", gate.recurrent_shift);
    w.Field(at + "input_weight_offset", gate.input_weight_offset);
    w.Field(at + "recurrent_weight_offset", gate.recurrent_weight_offset);
  }
  w.Field("forget_multiplier", p.forget_multiplier);
  w.Field("forget_shift", p.forget_shift);
  w.Field("update_multiplier", p.update_multiplier);
  w.Field("update_shift", p.update_shift);
  w.Field("hidden_multiplier", p.hidden_multiplier);
  w.Field("hidden_shift", p.hidden_shift);
  w.Field("cell_tanh_multiplier", p.cell_tanh_multiplier);
  w.Field("cell_tanh_shift", p.cell_tanh_shift);
  w.Field("cell_clip", p.cell_clip);
  return w.Done();
}

std::string MulParamsText(const nn::MulParams& p, const std::string& name) {
  StructWriter w("MulParams", name);
  w.Field("type", TypeLiteral(p.type));
  ShapeFields(w, p.shape);
  w.Field("input1_offset", p.input1_offset);
  w.Field("input2_offset", p.input2_offset);
  w.Field("output_offset", p.output_offset);
  w.Field("output_multiplier", p.output_multiplier);
  w.Field("output_shift", p.output_shift);
  w.Field("act_min", p.act_min);
  w.Field("act_max", p.act_max);
  w.Float("float_act_min", p.float_act_min);
  w.Float("float_act_max", p.float_act_max);
  return w.Done();
}

std::string MinMaxParamsText(const nn::MinMaxParams& p, const std::string& name) {
  StructWriter w("MinMaxParams", name);
  w.Field("type", TypeLiteral(p.type));
  ShapeFields(w, p.shape);
  return w.Done();
}

std::string CastParamsText(const nn::CastParams& p, const std::string& name) {
  StructWriter w("CastParams", name);
  w.Field("from", TypeLiteral(p.from));
  w.Field("to", TypeLiteral(p.to));
  w.Field("elements", Int(p.elements) + "u");
  w.Field("copy_bytes", Int(p.copy_bytes) + "u");
  return w.Done();
}

std::string StridedSliceParamsText(const nn::StridedSliceParams& p, const std::string& name) {
  StructWriter w("StridedSliceParams", name);
  w.Field("rank", p.rank);
  w.Array("start", p.start, nn::kMaxRank);
  w.Array("stride", p.stride, nn::kMaxRank);
  w.Array("count", p.count, nn::kMaxRank);
  w.Array("in_stride", p.in_stride, nn::kMaxRank);
  w.Field("element_bytes", Int(p.element_bytes) + "u");
  w.Field("elements", Int(p.elements) + "u");
  return w.Done();
}

std::string ConcatenationParamsText(const nn::ConcatenationParams& p, const std::string& name) {
  StructWriter w("ConcatenationParams", name);
  w.Field("inputs", Int(p.inputs) + "u");
  w.Field("outer", Int(p.outer) + "u");
  return w.Done();
}

std::string SpectralSubtractionParamsText(const nn::SignalSpectralSubtractionParams& p, const std::string& name) {
  StructWriter w("SignalSpectralSubtractionParams", name);
  w.Field("params.smoothing", Int(p.params.smoothing) + "u");
  w.Field("params.one_minus_smoothing", Int(p.params.one_minus_smoothing) + "u");
  w.Field("params.alternate_smoothing", Int(p.params.alternate_smoothing) + "u");
  w.Field("params.alternate_one_minus_smoothing", Int(p.params.alternate_one_minus_smoothing) + "u");
  w.Field("params.min_signal_remaining", Int(p.params.min_signal_remaining) + "u");
  w.Field("params.smoothing_bits", p.params.smoothing_bits);
  w.Field("params.spectral_subtraction_bits", p.params.spectral_subtraction_bits);
  w.Field("params.clamping", p.params.clamping ? "true" : "false");
  w.Field("channels", Int(p.channels) + "u");
  return w.Done();
}

std::string PadParamsText(const nn::PadParams& p, const std::string& name) {
  StructWriter w("PadParams", name);
  w.Field("rank", p.rank);
  w.Array("in_dims", p.in_dims, nn::kMaxRank);
  w.Array("before", p.before, nn::kMaxRank);
  w.Array("out_dims", p.out_dims, nn::kMaxRank);
  w.Field("element_bytes", Int(p.element_bytes) + "u");
  w.Field("elements", Int(p.elements) + "u");
  for (int i = 0; i < 4; ++i) w.Field("pad_value[" + Int(i) + "]", p.pad_value[i]);
  return w.Done();
}

std::string TransposeParamsText(const nn::TransposeParams& p, const std::string& name) {
  StructWriter w("TransposeParams", name);
  w.Field("rank", p.rank);
  w.Array("out_dims", p.out_dims, nn::kMaxRank);
  w.Array("in_stride", p.in_stride, nn::kMaxRank);
  w.Field("element_bytes", Int(p.element_bytes) + "u");
  w.Field("elements", Int(p.elements) + "u");
  return w.Done();
}

std::string SigmoidParamsText(const nn::SigmoidParams& p, const std::string& name) {
  StructWriter w("SigmoidParams", name);
  w.Field("kind", "static_cast<mote::nn::SigmoidKind>(" + Int(static_cast<int>(p.kind)) + ")");
  w.Field("type", TypeLiteral(p.type));
  w.Field("elements", Int(p.elements) + "u");
  w.Field("input_offset", p.input_offset);
  w.Field("input_multiplier", p.input_multiplier);
  w.Field("input_left_shift", p.input_left_shift);
  w.Field("input_radius", p.input_radius);
  return w.Done();
}

std::string MeanParamsText(const nn::MeanParams& p, const std::string& name) {
  StructWriter w("MeanParams", name);
  w.Field("type", TypeLiteral(p.type));
  w.Field("rank", p.rank);
  w.Array("in_dims", p.in_dims, nn::kMaxRank);
  w.Array("out_stride", p.out_stride, nn::kMaxRank);
  w.Field("input_elements", Int(p.input_elements) + "u");
  w.Field("output_elements", Int(p.output_elements) + "u");
  w.Field("count", Int(p.count) + "u");
  w.Field("input_offset", p.input_offset);
  w.Field("output_offset", p.output_offset);
  w.Field("multiplier", p.multiplier);
  w.Field("shift", p.shift);
  return w.Done();
}

// A struct of integer fields, all listed in `fields` (name, value).
std::string IntegerStructText(const std::string& type, const std::string& name,
                               std::initializer_list<std::pair<const char*, int64_t>> fields) {
  StructWriter w(type, name);
  for (const auto& [field, value] : fields) w.Field(field, value);
  return w.Done();
}

// "f(args...);" with the argument list joined by ", ".
std::string CallText(const std::string& function, std::initializer_list<std::string> args) {
  std::string s = "  mote::nn::" + function + "(";
  bool first = true;
  for (const std::string& a : args) {
    s += (first ? "" : ", ") + a;
    first = false;
  }
  return s + ");\n";
}

}  // namespace

std::string ElementType(TensorType t) {
  switch (t) {
    case TensorType::kInt8: return "int8_t";
    case TensorType::kUInt8: return "uint8_t";
    case TensorType::kInt16: return "int16_t";
    case TensorType::kInt32: return "int32_t";
    case TensorType::kFloat32: return "float";
    default: return "uint8_t";
  }
}

std::string FloatLiteral(float value) {
  if (value == FLT_MAX) return "FLT_MAX";
  if (value == -FLT_MAX) return "-FLT_MAX";
  if (std::isinf(value)) return value > 0 ? "HUGE_VALF" : "-HUGE_VALF";
  if (std::isnan(value)) return "NAN";
  char text[48];
  std::snprintf(text, sizeof text, "%af", static_cast<double>(value));
  return text;
}

Result<KernelCall> EmitKernelCall(const nn::Interpreter& interpreter, uint32_t index, const TensorPointer& tensor,
                                  const std::string& scratch) {
  nn::OpView op;
  if (interpreter.model().GetOp(index, &op, nullptr) != nn::NnStatus::kOk) {
    return Status::Internal("op " + Int(index) + ": not readable after Prepare");
  }
  const void* data = interpreter.op_data(index);
  const std::string name = "kOp" + Int(index);
  auto in = [&](uint32_t i, const std::string& type) {
    return tensor(i < op.inputs.size() ? op.inputs[i] : -1, type);
  };
  auto out = [&](const std::string& type) { return tensor(op.outputs[0], type); };
  auto out_at = [&](uint32_t i, const std::string& type) { return tensor(op.outputs[i], type); };
  KernelCall k;
  if (op.builtin_code == nn::tflite::kCustom) {
    const std::string custom(reinterpret_cast<const char*>(op.custom_code.data()), op.custom_code.size());
    k.header = "micro/nn/kernels/signal_ops.h";
    if (custom == "SignalWindow") {
      const auto& p = *static_cast<const nn::SignalWindowParams*>(data);
      k.constants = IntegerStructText("SignalWindowParams", name,
                                       {{"frames", p.frames}, {"length", p.length}, {"shift", p.shift}});
      k.constant_bytes = sizeof p;
      k.call = CallText("SignalWindow", {name, in(0, "int16_t"), in(1, "int16_t"), out("int16_t")});
      return k;
    }
    if (custom == "SignalFftAutoScale") {
      k.call = CallText("SignalFftAutoScale", {Int(*static_cast<const uint32_t*>(data)) + "u", in(0, "int16_t"),
                                               out("int16_t"), out_at(1, "int32_t")});
      return k;
    }
    if (custom == "SignalRfft") {
      const auto& p = *static_cast<const nn::SignalRfftParams*>(data);
      k.constants =
          IntegerStructText("SignalRfftParams", name, {{"frames", p.frames}, {"input_length", p.input_length}});
      k.constant_bytes = sizeof p;
      k.call = CallText("SignalRfft", {name, in(0, "int16_t"), out("int16_t")});
      return k;
    }
    if (custom == "SignalEnergy") {
      const auto& p = *static_cast<const nn::SignalEnergyParams*>(data);
      k.constants = IntegerStructText("SignalEnergyParams", name,
                                       {{"frames", p.frames}, {"bins", p.bins}, {"start", p.start}, {"end", p.end}});
      k.constant_bytes = sizeof p;
      k.call = CallText("SignalEnergy", {name, in(0, "int16_t"), out("uint32_t")});
      return k;
    }
    if (custom == "SignalFilterBank") {
      // The five tables are constant tensors (Prepare requires it): const arrays in flash.
      k.call = CallText("SignalFilterBank",
                        {Int(*static_cast<const uint32_t*>(data)) + "u", in(0, "uint32_t"), in(1, "int16_t"),
                         in(2, "int16_t"), in(3, "int16_t"), in(4, "int16_t"), in(5, "int16_t"), out("uint64_t")});
      return k;
    }
    if (custom == "SignalFilterBankSquareRoot") {
      k.call = "  if (!mote::nn::SignalFilterBankSquareRoot(" + Int(*static_cast<const uint32_t*>(data)) + "u, " +
               in(0, "uint64_t") + ", " + in(1, "int32_t") + ", " + out("uint32_t") + ")) return MOTE_NN_BAD_MODEL;\n";
      return k;
    }
    if (custom == "SignalFilterBankSpectralSubtraction") {
      // The noise estimate is the op's state: a variable of the library, zeroed by init as Prepare zeroes it.
      const auto& p = *static_cast<const nn::SignalSpectralSubtractionParams*>(data);
      k.constants = SpectralSubtractionParamsText(p, name);
      k.constant_bytes = sizeof p;
      const std::string noise = "g_op" + Int(index) + "_noise";
      k.state = "uint32_t " + noise + "[" + Int(p.channels ? p.channels : 1) + "];\n";
      k.init = "  std::memset(" + noise + ", 0, sizeof " + noise + ");\n";
      k.call = CallText("SignalSpectralSubtraction",
                        {name, in(0, "uint32_t"), noise, out("uint32_t"), out_at(1, "uint32_t")});
      return k;
    }
    if (custom == "SignalPCAN") {
      const auto& p = *static_cast<const nn::SignalPcanParams*>(data);
      k.constants =
          IntegerStructText("SignalPcanParams", name, {{"channels", p.channels}, {"snr_shift", p.snr_shift}});
      k.constant_bytes = sizeof p;
      k.call = CallText("SignalPcan", {name, in(0, "uint32_t"), in(1, "uint32_t"), in(2, "int16_t"), out("uint32_t")});
      return k;
    }
    if (custom == "SignalFilterBankLog") {
      const auto& p = *static_cast<const nn::SignalLogParams*>(data);
      k.constants = IntegerStructText(
          "SignalLogParams", name,
          {{"channels", p.channels}, {"output_scale", p.output_scale}, {"correction_bits", p.correction_bits}});
      k.constant_bytes = sizeof p;
      k.call = CallText("SignalFilterBankLog", {name, in(0, "uint32_t"), out("int16_t")});
      return k;
    }
    return Status::Unsupported("op " + Int(index) + " (" + custom +
                               "): no ahead-of-time form yet; export it with --runtime interpreter");
  }
  switch (op.builtin_code) {
    case nn::tflite::kConv2d:
    case nn::tflite::kDepthwiseConv2d: {
      const auto& p = *static_cast<const nn::ConvParams*>(data);
      const bool depthwise = op.builtin_code == nn::tflite::kDepthwiseConv2d;
      k.header = "micro/nn/kernels/conv.h";
      k.constants = ConvParamsText(p, name);
      k.constant_bytes = sizeof p;
      if (p.type == TensorType::kInt8) {
        k.constants += ChannelArrays<nn::ConvParams>(data, p.output_c, name);
        k.constant_bytes += 5u * static_cast<uint32_t>(p.output_c);
        k.call = CallText(depthwise ? "DepthwiseConvInt8" : "ConvInt8",
                          {name, name + "Multipliers", name + "Shifts", in(0, "int8_t"), in(1, "int8_t"),
                           in(2, "int32_t"), out("int8_t"),
                           "static_cast<" + std::string(depthwise ? "int32_t" : "int16_t") + "*>(" + scratch + ")"});
      } else {
        k.call = CallText(depthwise ? "DepthwiseConvFloat" : "ConvFloat",
                          {name, in(0, "float"), in(1, "float"), in(2, "float"), out("float")});
      }
      return k;
    }
    case nn::tflite::kFullyConnected: {
      const auto& p = *static_cast<const nn::FullyConnectedParams*>(data);
      k.header = "micro/nn/kernels/fully_connected.h";
      k.constants = FullyConnectedParamsText(p, name);
      k.constant_bytes = sizeof p;
      if (p.type == TensorType::kInt8) {
        k.constants += ChannelArrays<nn::FullyConnectedParams>(data, p.channels, name);
        k.constant_bytes += 5u * static_cast<uint32_t>(p.channels);
        k.call = CallText("FullyConnectedInt8", {name, name + "Multipliers", name + "Shifts", in(0, "int8_t"),
                                                 in(1, "int8_t"), in(2, "int32_t"), out("int8_t")});
      } else {
        k.call = CallText("FullyConnectedFloat", {name, in(0, "float"), in(1, "float"), in(2, "float"), out("float")});
      }
      return k;
    }
    case nn::tflite::kAveragePool2d:
    case nn::tflite::kMaxPool2d: {
      const auto& p = *static_cast<const nn::PoolParams*>(data);
      const bool average = op.builtin_code == nn::tflite::kAveragePool2d;
      const bool int8 = p.type == TensorType::kInt8;
      const std::string type = int8 ? "int8_t" : "float";
      k.header = "micro/nn/kernels/pooling.h";
      k.constants = PoolParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText(std::string(average ? "AveragePool" : "MaxPool") + (int8 ? "Int8" : "Float"),
                        {name, in(0, type), out(type)});
      return k;
    }
    case nn::tflite::kSoftmax: {
      k.header = "micro/nn/kernels/softmax.h";
      const auto& p = *static_cast<const nn::SoftmaxParams*>(data);
      k.constants = SoftmaxParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = p.output_type == TensorType::kInt16     ? CallText("SoftmaxInt8ToInt16", {name, in(0, "int8_t"), out("int16_t")})
               : p.output_type == TensorType::kFloat32 ? CallText("SoftmaxFloat", {name, in(0, "float"), out("float")})
                                                       : CallText("SoftmaxInt8", {name, in(0, "int8_t"), out("int8_t")});
      return k;
    }
    case nn::tflite::kAdd:
    case nn::tflite::kSub: {
      const auto& p = *static_cast<const nn::AddParams*>(data);
      const std::string type = ElementType(p.type);
      const std::string suffix = p.type == TensorType::kInt8 ? "Int8" : p.type == TensorType::kInt32 ? "Int32" : "Float";
      k.header = "micro/nn/kernels/add.h";
      k.constants = AddParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText((op.builtin_code == nn::tflite::kAdd ? "Add" : "Sub") + suffix,
                        {name, in(0, type), in(1, type), out(type)});
      return k;
    }
    case nn::tflite::kQuantize:
    case nn::tflite::kDequantize: {
      const auto& p = *static_cast<const nn::QuantizeParams*>(data);
      k.header = "micro/nn/kernels/quantize.h";
      k.constants = QuantizeParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = op.builtin_code == nn::tflite::kQuantize
                   ? CallText("Quantize", {name, in(0, ElementType(p.input_type)), out(ElementType(p.output_type))})
                   : CallText("DequantizeInt8", {name, in(0, "int8_t"), out("float")});
      return k;
    }
    case nn::tflite::kRelu:
    case nn::tflite::kRelu6:
    case nn::tflite::kLeakyRelu: {
      const auto& p = *static_cast<const nn::ActivationParams*>(data);
      const bool int8 = p.type == TensorType::kInt8;
      const std::string type = int8 ? "int8_t" : "float";
      k.header = "micro/nn/kernels/activations.h";
      k.constants = ActivationParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText(int8 ? "ActivateInt8" : "ActivateFloat", {name, in(0, type), out(type)});
      return k;
    }
    case nn::tflite::kSvdf: {
      // The state (a variable tensor) lives in the arena; NAME_init zeroes it as Prepare does.
      const auto& p = *static_cast<const nn::SvdfParams*>(data);
      const std::string state = ElementType(p.state_type);
      k.header = "micro/nn/kernels/svdf.h";
      k.constants = SvdfParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText("SvdfInt8", {name, in(0, "int8_t"), in(1, "int8_t"), in(2, state), in(3, "int32_t"),
                                     in(4, state), out("int8_t"), "static_cast<int32_t*>(" + scratch + ")"});
      return k;
    }
    case nn::tflite::kUnidirectionalSequenceLstm: {
      // The hidden and cell states (inputs 18, 19) live in the arena; NAME_init zeroes them as Prepare does.
      const auto& p = *static_cast<const nn::LstmParams*>(data);
      k.header = "micro/nn/kernels/lstm.h";
      k.constants = LstmParamsText(p, name);
      k.constant_bytes = sizeof p;
      std::string weights = "const mote::nn::LstmWeights " + name + "Weights = {{";
      for (uint32_t g = 0; g < 4; ++g) weights += (g ? ", " : "") + in(1 + g, "int8_t");
      weights += "}, {";
      for (uint32_t g = 0; g < 4; ++g) weights += (g ? ", " : "") + in(5 + g, "int8_t");
      weights += "}, {";
      for (uint32_t g = 0; g < 4; ++g) weights += (g ? ", " : "") + in(12 + g, "int32_t");
      weights += "}};\n";
      k.constants += weights;
      k.constant_bytes += sizeof(nn::LstmWeights);
      k.call = CallText("LstmInt8", {name, name + "Weights", in(0, "int8_t"), in(18, "int8_t"), in(19, "int16_t"),
                                     out("int8_t"), "static_cast<int16_t*>(" + scratch + ")"});
      return k;
    }
    case nn::tflite::kMul:
    case nn::tflite::kDiv: {
      const auto& p = *static_cast<const nn::MulParams*>(data);
      const std::string type = ElementType(p.type);
      const std::string suffix = p.type == TensorType::kInt8    ? "Int8"
                                 : p.type == TensorType::kInt16 ? "Int16"
                                 : p.type == TensorType::kInt32 ? "Int32"
                                                                : "Float";
      k.header = "micro/nn/kernels/elementwise.h";
      k.constants = MulParamsText(p, name);
      k.constant_bytes = sizeof p;
      if (op.builtin_code == nn::tflite::kMul) {
        k.call = CallText("Mul" + suffix, {name, in(0, type), in(1, type), out(type)});
      } else if (p.type == TensorType::kInt32) {  // a zero divisor fails, as the interpreter's DIV does
        k.call = "  if (!mote::nn::DivInt32(" + name + ", " + in(0, type) + ", " + in(1, type) + ", " + out(type) +
                 ")) return MOTE_NN_BAD_MODEL;\n";
      } else {
        k.call = CallText("DivFloat", {name, in(0, type), in(1, type), out(type)});
      }
      return k;
    }
    case nn::tflite::kMinimum:
    case nn::tflite::kMaximum: {
      const auto& p = *static_cast<const nn::MinMaxParams*>(data);
      k.header = "micro/nn/kernels/elementwise.h";
      k.constants = MinMaxParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText(op.builtin_code == nn::tflite::kMinimum ? "Minimum" : "Maximum",
                        {name, in(0, "void"), in(1, "void"), out("void")});
      return k;
    }
    case nn::tflite::kCast: {
      const auto& p = *static_cast<const nn::CastParams*>(data);
      k.header = "micro/nn/kernels/cast.h";
      k.constants = CastParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText("Cast", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kStridedSlice: {
      const auto& p = *static_cast<const nn::StridedSliceParams*>(data);
      k.header = "micro/nn/kernels/strided_slice.h";
      k.constants = StridedSliceParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText("StridedSlice", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kConcatenation: {
      // The op data: the params, then one uint32 block size per input (concatenation.cc's layout).
      const auto& p = *static_cast<const nn::ConcatenationParams*>(data);
      const auto* blocks = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(data) +
                                                             nn::kConcatenationBlocksAt);
      k.header = "micro/nn/kernels/concatenation.h";
      k.constants = ConcatenationParamsText(p, name) + ArrayOf("uint32_t", name + "Blocks", blocks,
                                                               static_cast<int32_t>(p.inputs));
      k.constant_bytes = sizeof p + 4u * p.inputs;
      std::string inputs;
      for (uint32_t i = 0; i < p.inputs; ++i) inputs += (i ? ", " : "") + in(i, "void");
      k.call = "  {\n    const void* const inputs[] = {" + inputs + "};\n  " +
               CallText("Concatenate", {name, name + "Blocks", "inputs", out("void")}) + "  }\n";
      return k;
    }
    case nn::tflite::kPad: {
      const auto& p = *static_cast<const nn::PadParams*>(data);
      k.header = "micro/nn/kernels/pad.h";
      k.constants = PadParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText("Pad", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kTranspose: {
      const auto& p = *static_cast<const nn::TransposeParams*>(data);
      k.header = "micro/nn/kernels/transpose.h";
      k.constants = TransposeParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = CallText("Transpose", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kLogistic:
    case nn::tflite::kTanh: {
      const auto& p = *static_cast<const nn::SigmoidParams*>(data);
      k.header = "micro/nn/kernels/logistic_tanh.h";
      k.constants = SigmoidParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = p.type == TensorType::kInt8 ? CallText("SigmoidInt8", {name, in(0, "int8_t"), out("int8_t")})
                                           : CallText("SigmoidFloat", {name, in(0, "float"), out("float")});
      return k;
    }
    case nn::tflite::kMean: {
      const auto& p = *static_cast<const nn::MeanParams*>(data);
      k.header = "micro/nn/kernels/mean.h";
      k.constants = MeanParamsText(p, name);
      k.constant_bytes = sizeof p;
      k.call = p.type == TensorType::kInt8
                   ? CallText("MeanInt8", {name, in(0, "int8_t"), out("int8_t"), "static_cast<int32_t*>(" + scratch + ")"})
                   : CallText("MeanFloat", {name, in(0, "float"), out("float")});
      return k;
    }
    case nn::tflite::kReshape: {
      // The same bytes under another shape: a copy unless planned in place.
      const std::string from = in(0, "uint8_t"), to = out("uint8_t");
      nn::TensorView t;
      interpreter.model().GetTensor(static_cast<uint32_t>(op.outputs[0]), &t, nullptr);
      k.header = "cstring";
      if (from != to) k.call = "  std::memcpy(" + to + ", " + from + ", " + Int(t.bytes) + ");\n";
      return k;
    }
    default: break;
  }
  const char* op_name = nn::tflite::BuiltinOpName(op.builtin_code);
  return Status::Unsupported("op " + Int(index) + " (" + (op_name ? op_name : "code " + Int(op.builtin_code)) +
                             "): no ahead-of-time form yet; export it with --runtime interpreter");
}

}  // namespace mote::deploy
