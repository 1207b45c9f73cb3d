#include "deploy/aot_kernel_calls.h"

#include <cfloat>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string_view>

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

std::string Int(int64_t v) { return std::to_string(v); }

// Each field of a parameter struct as a C++ initializer; a field of a type
// without an overload here does not compile.
std::string Literal(int32_t v) { return v == INT32_MIN ? "INT32_MIN" : Int(v); }
std::string Literal(uint32_t v) { return Int(v) + "u"; }
std::string Literal(int16_t v) { return Int(v); }
std::string Literal(int8_t v) { return Int(v); }
std::string Literal(uint8_t v) { return Int(v); }
std::string Literal(bool v) { return v ? "true" : "false"; }
std::string Literal(float v) { return FloatLiteral(v); }
std::string Literal(TensorType t) {
  return "static_cast<mote::nn::tflite::TensorType>(" + Int(static_cast<int>(t)) + ")";
}
std::string Literal(nn::ActivationKind k) {
  return "static_cast<mote::nn::ActivationKind>(" + Int(static_cast<int>(k)) + ")";
}
std::string Literal(nn::SigmoidKind k) {
  return "static_cast<mote::nn::SigmoidKind>(" + Int(static_cast<int>(k)) + ")";
}
// The structs nested in parameter structs.
std::string Literal(const nn::BroadcastShape& shape);
std::string Literal(const nn::LstmGateParams& gate);
std::string Literal(const dsp::micro_speech::SpectralSubtractionParams& p);
template <typename T, size_t N>
std::string Literal(const T (&values)[N]) {
  std::string s = "{";
  for (size_t i = 0; i < N; ++i) s += (i ? ", " : "") + Literal(values[i]);
  return s + "}";
}

// "{/* a */ 1, /* b */ 2}": `values` in order, each after its name from
// `names` ("a, b", the names as written in MOTE_AOT_FIELDS).
template <typename... T>
std::string BracedList(std::string_view names, const T&... values) {
  const std::string literals[] = {Literal(values)...};
  std::string s = "{";
  for (size_t i = 0; i < sizeof...(T); ++i) {
    const size_t comma = names.find(',');
    std::string_view name = names.substr(0, comma);
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    s += (i ? ", /* " : "/* ") + std::string(name) + " */ " + literals[i];
  }
  return s + "}";
}

// The aggregate initializer of `value`, a parameter struct, from its fields
// named in declaration order (the names only label the generated code).
// The structured binding does not compile unless it names every field, so a
// field added to a struct, even into padding, cannot be left out here; and
// the initializer is positional, so the values follow the declaration order.
#define MOTE_AOT_FIELDS(value, ...)         \
  [&] {                                     \
    const auto& [__VA_ARGS__] = (value);    \
    return BracedList(#__VA_ARGS__, __VA_ARGS__); \
  }()

std::string Literal(const nn::BroadcastShape& shape) {
  return MOTE_AOT_FIELDS(shape, rank, dims, strides1, strides2, elements, broadcast, single);
}

std::string Literal(const nn::LstmGateParams& gate) {
  return MOTE_AOT_FIELDS(gate, input_multiplier, input_shift, recurrent_multiplier, recurrent_shift,
                         input_weight_offset, recurrent_weight_offset);
}

std::string Literal(const dsp::micro_speech::SpectralSubtractionParams& p) {
  return MOTE_AOT_FIELDS(p, smoothing, one_minus_smoothing, alternate_smoothing, alternate_one_minus_smoothing,
                         min_signal_remaining, smoothing_bits, spectral_subtraction_bits, clamping);
}

// `constexpr mote::nn::TYPE NAME = {...};` for a parameter struct.
std::string Definition(const std::string& type, const std::string& name, const std::string& initializer) {
  return "constexpr mote::nn::" + type + " " + name + " = " + initializer + ";\n";
}

std::string ParamsText(const nn::ConvParams& p, const std::string& name) {
  return Definition("ConvParams", name,
                    MOTE_AOT_FIELDS(p, type, batches, input_h, input_w, input_c, output_h, output_w, output_c,
                                    filter_h, filter_w, filter_c, stride_h, stride_w, dilation_h, dilation_w, pad_h,
                                    pad_w, depth_multiplier, input_offset, output_offset, act_min, act_max,
                                    float_act_min, float_act_max));
}

std::string ParamsText(const nn::FullyConnectedParams& p, const std::string& name) {
  return Definition("FullyConnectedParams", name,
                    MOTE_AOT_FIELDS(p, type, batches, depth, output_depth, channels, input_offset, output_offset,
                                    act_min, act_max, float_act_min, float_act_max, short_form));
}

std::string ParamsText(const nn::PoolParams& p, const std::string& name) {
  return Definition("PoolParams", name,
                    MOTE_AOT_FIELDS(p, type, batches, input_h, input_w, channels, output_h, output_w, filter_h,
                                    filter_w, stride_h, stride_w, pad_h, pad_w, act_min, act_max, float_act_min,
                                    float_act_max));
}

std::string ParamsText(const nn::SoftmaxParams& p, const std::string& name) {
  return Definition("SoftmaxParams", name,
                    MOTE_AOT_FIELDS(p, output_type, rows, depth, input_multiplier, input_left_shift, diff_min, beta));
}

std::string ParamsText(const nn::AddParams& p, const std::string& name) {
  return Definition("AddParams", name,
                    MOTE_AOT_FIELDS(p, type, shape, input1_offset, input2_offset, output_offset, left_shift,
                                    input1_multiplier, input1_shift, input2_multiplier, input2_shift,
                                    output_multiplier, output_shift, act_min, act_max, float_act_min, float_act_max));
}

std::string ParamsText(const nn::QuantizeParams& p, const std::string& name) {
  return Definition("QuantizeParams", name,
                    MOTE_AOT_FIELDS(p, input_type, output_type, elements, scale, input_zero_point, output_zero_point,
                                    multiplier, shift));
}

std::string ParamsText(const nn::ActivationParams& p, const std::string& name) {
  return Definition("ActivationParams", name,
                    MOTE_AOT_FIELDS(p, kind, type, elements, min, max, alpha, input_offset, output_offset, multiplier,
                                    shift, alpha_multiplier, alpha_shift, act_min, act_max));
}

std::string ParamsText(const nn::SvdfParams& p, const std::string& name) {
  return Definition("SvdfParams", name,
                    MOTE_AOT_FIELDS(p, state_type, batches, input_size, filters, rank, units, memory,
                                    input_zero_point, state_zero_point, output_zero_point, feature_multiplier,
                                    feature_shift, time_multiplier, time_shift, feature_short_form, time_short_form));
}

std::string ParamsText(const nn::LstmParams& p, const std::string& name) {
  return Definition("LstmParams", name,
                    MOTE_AOT_FIELDS(p, batches, time_steps, input_size, state_size, time_major, input_offset,
                                    hidden_offset, hidden_zero_point, gates, forget_multiplier, forget_shift,
                                    update_multiplier, update_shift, hidden_multiplier, hidden_shift,
                                    cell_tanh_multiplier, cell_tanh_shift, cell_clip));
}

std::string ParamsText(const nn::MulParams& p, const std::string& name) {
  return Definition("MulParams", name,
                    MOTE_AOT_FIELDS(p, type, shape, input1_offset, input2_offset, output_offset, output_multiplier,
                                    output_shift, act_min, act_max, float_act_min, float_act_max));
}

std::string ParamsText(const nn::MinMaxParams& p, const std::string& name) {
  return Definition("MinMaxParams", name, MOTE_AOT_FIELDS(p, type, shape));
}

std::string ParamsText(const nn::CastParams& p, const std::string& name) {
  return Definition("CastParams", name, MOTE_AOT_FIELDS(p, from, to, elements, copy_bytes));
}

std::string ParamsText(const nn::StridedSliceParams& p, const std::string& name) {
  return Definition("StridedSliceParams", name,
                    MOTE_AOT_FIELDS(p, rank, start, stride, count, in_stride, element_bytes, elements));
}

std::string ParamsText(const nn::ConcatenationParams& p, const std::string& name) {
  return Definition("ConcatenationParams", name, MOTE_AOT_FIELDS(p, inputs, outer));
}

std::string ParamsText(const nn::SignalWindowParams& p, const std::string& name) {
  return Definition("SignalWindowParams", name, MOTE_AOT_FIELDS(p, frames, length, shift));
}

std::string ParamsText(const nn::SignalRfftParams& p, const std::string& name) {
  return Definition("SignalRfftParams", name, MOTE_AOT_FIELDS(p, frames, input_length));
}

std::string ParamsText(const nn::SignalEnergyParams& p, const std::string& name) {
  return Definition("SignalEnergyParams", name, MOTE_AOT_FIELDS(p, frames, bins, start, end));
}

std::string ParamsText(const nn::SignalSpectralSubtractionParams& p, const std::string& name) {
  return Definition("SignalSpectralSubtractionParams", name, MOTE_AOT_FIELDS(p, params, channels));
}

std::string ParamsText(const nn::SignalPcanParams& p, const std::string& name) {
  return Definition("SignalPcanParams", name, MOTE_AOT_FIELDS(p, channels, snr_shift));
}

std::string ParamsText(const nn::SignalLogParams& p, const std::string& name) {
  return Definition("SignalLogParams", name, MOTE_AOT_FIELDS(p, channels, output_scale, correction_bits));
}

std::string ParamsText(const nn::PadParams& p, const std::string& name) {
  return Definition("PadParams", name,
                    MOTE_AOT_FIELDS(p, rank, in_dims, before, out_dims, element_bytes, elements, pad_value));
}

std::string ParamsText(const nn::TransposeParams& p, const std::string& name) {
  return Definition("TransposeParams", name,
                    MOTE_AOT_FIELDS(p, rank, out_dims, in_stride, element_bytes, elements));
}

std::string ParamsText(const nn::SigmoidParams& p, const std::string& name) {
  return Definition("SigmoidParams", name,
                    MOTE_AOT_FIELDS(p, kind, type, elements, input_offset, input_multiplier, input_left_shift,
                                    input_radius));
}

std::string ParamsText(const nn::MeanParams& p, const std::string& name) {
  return Definition("MeanParams", name,
                    MOTE_AOT_FIELDS(p, type, rank, in_dims, out_stride, input_elements, output_elements, count,
                                    input_offset, output_offset, multiplier, shift));
}

#undef MOTE_AOT_FIELDS

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

// The op's parameter struct as a constant of the generated code, counted.
template <typename Params>
void EmitParams(const Params& p, const std::string& name, KernelCall* k) {
  k->constants += ParamsText(p, name);
  k->constant_bytes += sizeof p;
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
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
      k.call = CallText("SignalRfft", {name, in(0, "int16_t"), out("int16_t")});
      return k;
    }
    if (custom == "SignalEnergy") {
      const auto& p = *static_cast<const nn::SignalEnergyParams*>(data);
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
      const std::string noise = "g_op" + Int(index) + "_noise";
      k.state = "uint32_t " + noise + "[" + Int(p.channels ? p.channels : 1) + "];\n";
      k.init = "  std::memset(" + noise + ", 0, sizeof " + noise + ");\n";
      k.call = CallText("SignalSpectralSubtraction",
                        {name, in(0, "uint32_t"), noise, out("uint32_t"), out_at(1, "uint32_t")});
      return k;
    }
    if (custom == "SignalPCAN") {
      const auto& p = *static_cast<const nn::SignalPcanParams*>(data);
      EmitParams(p, name, &k);
      k.call = CallText("SignalPcan", {name, in(0, "uint32_t"), in(1, "uint32_t"), in(2, "int16_t"), out("uint32_t")});
      return k;
    }
    if (custom == "SignalFilterBankLog") {
      const auto& p = *static_cast<const nn::SignalLogParams*>(data);
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
      k.call = CallText(std::string(average ? "AveragePool" : "MaxPool") + (int8 ? "Int8" : "Float"),
                        {name, in(0, type), out(type)});
      return k;
    }
    case nn::tflite::kSoftmax: {
      k.header = "micro/nn/kernels/softmax.h";
      const auto& p = *static_cast<const nn::SoftmaxParams*>(data);
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
      k.call = CallText((op.builtin_code == nn::tflite::kAdd ? "Add" : "Sub") + suffix,
                        {name, in(0, type), in(1, type), out(type)});
      return k;
    }
    case nn::tflite::kQuantize:
    case nn::tflite::kDequantize: {
      const auto& p = *static_cast<const nn::QuantizeParams*>(data);
      k.header = "micro/nn/kernels/quantize.h";
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
      k.call = CallText(int8 ? "ActivateInt8" : "ActivateFloat", {name, in(0, type), out(type)});
      return k;
    }
    case nn::tflite::kSvdf: {
      // The state (a variable tensor) lives in the arena; NAME_init zeroes it as Prepare does.
      const auto& p = *static_cast<const nn::SvdfParams*>(data);
      const std::string state = ElementType(p.state_type);
      k.header = "micro/nn/kernels/svdf.h";
      EmitParams(p, name, &k);
      k.call = CallText("SvdfInt8", {name, in(0, "int8_t"), in(1, "int8_t"), in(2, state), in(3, "int32_t"),
                                     in(4, state), out("int8_t"), "static_cast<int32_t*>(" + scratch + ")"});
      return k;
    }
    case nn::tflite::kUnidirectionalSequenceLstm: {
      // The hidden and cell states (inputs 18, 19) live in the arena; NAME_init zeroes them as Prepare does.
      const auto& p = *static_cast<const nn::LstmParams*>(data);
      k.header = "micro/nn/kernels/lstm.h";
      EmitParams(p, name, &k);
      std::string weights = "const mote::nn::LstmWeights " + name + "Weights = {{";
      for (uint32_t g = 0; g < 4; ++g) weights += (g ? ", " : "") + in(1 + g, "int8_t");
      weights += "}, {";
      for (uint32_t g = 0; g < 4; ++g) weights += (g ? ", " : "") + in(5 + g, "int8_t");
      weights += "}, {";
      for (uint32_t g = 0; g < 4; ++g) weights += (g ? ", " : "") + in(12 + g, "int32_t");
      weights += "}};\n";
      k.constants += weights;
      // Twelve pointers, 4 bytes each on the 32-bit cores the code is for (not the host's sizeof).
      static_assert(sizeof(nn::LstmWeights) == 12 * sizeof(const void*), "LstmWeights is not 12 pointers");
      k.constant_bytes += 12 * 4;
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
      EmitParams(p, name, &k);
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
      EmitParams(p, name, &k);
      k.call = CallText(op.builtin_code == nn::tflite::kMinimum ? "Minimum" : "Maximum",
                        {name, in(0, "void"), in(1, "void"), out("void")});
      return k;
    }
    case nn::tflite::kCast: {
      const auto& p = *static_cast<const nn::CastParams*>(data);
      k.header = "micro/nn/kernels/cast.h";
      EmitParams(p, name, &k);
      k.call = CallText("Cast", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kStridedSlice: {
      const auto& p = *static_cast<const nn::StridedSliceParams*>(data);
      k.header = "micro/nn/kernels/strided_slice.h";
      EmitParams(p, name, &k);
      k.call = CallText("StridedSlice", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kConcatenation: {
      // The op data: the params, then one uint32 block size per input (concatenation.cc's layout).
      const auto& p = *static_cast<const nn::ConcatenationParams*>(data);
      const auto* blocks = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(data) +
                                                             nn::kConcatenationBlocksAt);
      k.header = "micro/nn/kernels/concatenation.h";
      EmitParams(p, name, &k);
      k.constants += ArrayOf("uint32_t", name + "Blocks", blocks, static_cast<int32_t>(p.inputs));
      k.constant_bytes += 4u * p.inputs;
      std::string inputs;
      for (uint32_t i = 0; i < p.inputs; ++i) inputs += (i ? ", " : "") + in(i, "void");
      k.call = "  {\n    const void* const inputs[] = {" + inputs + "};\n  " +
               CallText("Concatenate", {name, name + "Blocks", "inputs", out("void")}) + "  }\n";
      return k;
    }
    case nn::tflite::kPad: {
      const auto& p = *static_cast<const nn::PadParams*>(data);
      k.header = "micro/nn/kernels/pad.h";
      EmitParams(p, name, &k);
      k.call = CallText("Pad", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kTranspose: {
      const auto& p = *static_cast<const nn::TransposeParams*>(data);
      k.header = "micro/nn/kernels/transpose.h";
      EmitParams(p, name, &k);
      k.call = CallText("Transpose", {name, in(0, "void"), out("void")});
      return k;
    }
    case nn::tflite::kLogistic:
    case nn::tflite::kTanh: {
      const auto& p = *static_cast<const nn::SigmoidParams*>(data);
      k.header = "micro/nn/kernels/logistic_tanh.h";
      EmitParams(p, name, &k);
      k.call = p.type == TensorType::kInt8 ? CallText("SigmoidInt8", {name, in(0, "int8_t"), out("int8_t")})
                                           : CallText("SigmoidFloat", {name, in(0, "float"), out("float")});
      return k;
    }
    case nn::tflite::kMean: {
      const auto& p = *static_cast<const nn::MeanParams*>(data);
      k.header = "micro/nn/kernels/mean.h";
      EmitParams(p, name, &k);
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
