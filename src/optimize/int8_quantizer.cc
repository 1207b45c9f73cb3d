#include "optimize/int8_quantizer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "micro/nn/interpreter.h"
#include "model/tflite_writer.h"

namespace mote::optimize {

namespace {

using model::DType;
using model::Graph;
using model::OpType;
using model::Quantization;
using model::Tensor;

struct Range {
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();
  bool seen() const { return min <= max; }
  void Add(std::span<const float> values) {
    for (float v : values) min = std::min(min, v), max = std::max(max, v);
  }
};

// micro/nn wants its model and arena 16-byte aligned.
struct alignas(16) Block {
  uint8_t bytes[16];
};
std::vector<Block> AlignedCopy(const void* data, size_t bytes) {
  std::vector<Block> out((bytes + sizeof(Block) - 1) / sizeof(Block));
  if (bytes) std::memcpy(out.data(), data, bytes);
  return out;
}

std::vector<float> FloatValues(const Tensor& t) {
  std::vector<float> v(t.data.size() / sizeof(float));
  std::memcpy(v.data(), t.data.data(), v.size() * sizeof(float));
  return v;
}

template <typename T>
std::vector<uint8_t> RawBytes(const std::vector<T>& v) {
  std::vector<uint8_t> out(v.size() * sizeof(T));
  std::memcpy(out.data(), v.data(), out.size());
  return out;
}

// A SOFTMAX whose output is a graph output and read by no other op.
bool IsFinalSoftmax(const Graph& g, const model::Operator& op) {
  if (op.type != OpType::kSoftmax) return false;
  const int32_t out = op.outputs[0];
  if (std::find(g.outputs.begin(), g.outputs.end(), out) == g.outputs.end()) return false;
  for (const model::Operator& other : g.operators) {
    if (std::find(other.inputs.begin(), other.inputs.end(), out) != other.inputs.end()) return false;
  }
  return true;
}

Status NnFailure(const nn::Interpreter& interpreter) {
  char line[200];
  nn::FormatNnError(interpreter.error(), line, sizeof line);
  return Status::InvalidArgument(std::string("calibration run: ") + line);
}

// The float range of every activation of `g` over `calibration`, indexed
// by tensor (unseen for constants and final SOFTMAX outputs).
Result<std::vector<Range>> Calibrate(const Graph& g, std::span<const CalibrationInput> calibration) {
  Graph run = g;
  run.operators.clear();
  run.outputs.clear();
  std::set<int32_t> produced;
  for (const model::Operator& op : g.operators) {
    if (IsFinalSoftmax(g, op)) continue;
    run.operators.push_back(op);
    for (int32_t t : op.outputs) {
      if (produced.insert(t).second) run.outputs.push_back(t);
    }
  }
  model::Model m;
  m.graphs.push_back(std::move(run));
  MOTE_ASSIGN_OR_RETURN(std::string file, model::WriteTflite(m));
  const std::vector<Block> blob = AlignedCopy(file.data(), file.size());
  std::vector<Block> arena;
  nn::Interpreter interpreter;
  if (interpreter.Init(blob.data(), file.size()) != nn::NnStatus::kOk) return NnFailure(interpreter);
  nn::NnStatus status = interpreter.Prepare(nullptr, 0);
  for (int attempt = 0; attempt < 3 && status == nn::NnStatus::kArenaTooSmall; ++attempt) {
    arena.assign(interpreter.arena_bytes_needed() / sizeof(Block) + 1, Block{});
    status = interpreter.Prepare(arena.data(), arena.size() * sizeof(Block));
  }
  if (status != nn::NnStatus::kOk) return NnFailure(interpreter);

  std::vector<Range> ranges(g.tensors.size());
  const Graph& prepared = m.graphs[0];
  for (const CalibrationInput& input : calibration) {
    std::memcpy(interpreter.input(0).data, input.data(), input.size() * sizeof(float));
    ranges[g.inputs[0]].Add(input);
    if (interpreter.Invoke() != nn::NnStatus::kOk) return NnFailure(interpreter);
    for (uint32_t k = 0; k < interpreter.output_count(); ++k) {
      const nn::Tensor out = interpreter.output(k);
      ranges[prepared.outputs[k]].Add({static_cast<const float*>(out.data), out.bytes / sizeof(float)});
    }
  }
  return ranges;
}

// Asymmetric int8 for `r` widened to contain 0.
Quantization ActivationQuantization(const Range& r) {
  const double lo = std::min(0.0f, r.min), hi = std::max(0.0f, r.max);
  double scale = (hi - lo) / 255.0;
  if (scale <= 0) scale = 1.0;  // always zero: any scale represents it
  const int64_t zero = std::clamp<int64_t>(std::llround(-128.0 - lo / scale), -128, 127);
  Quantization q;
  q.scale = {static_cast<float>(scale)};
  q.zero_point = {zero};
  return q;
}

// Symmetric int8 weights, one scale per index of `axis`, or one for the
// tensor when `axis` is -1.
Status QuantizeWeights(Tensor& w, int32_t axis) {
  if (!w.is_constant() || w.dtype != DType::kFloat32) {
    return Status::InvalidArgument(fmt::format("weights '{}' are not a float32 constant", w.name));
  }
  const std::vector<float> values = FloatValues(w);
  const int32_t channels = axis < 0 ? 1 : w.shape[axis];
  int64_t inner = 1;
  for (size_t d = axis < 0 ? w.shape.size() : axis + 1; d < w.shape.size(); ++d) inner *= w.shape[d];
  if (axis < 0) inner = static_cast<int64_t>(values.size());
  auto channel = [&](size_t i) { return static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels); };
  std::vector<float> max_abs(channels, 0.0f);
  for (size_t i = 0; i < values.size(); ++i) max_abs[channel(i)] = std::max(max_abs[channel(i)], std::fabs(values[i]));
  Quantization q;
  q.axis = std::max(axis, 0);
  for (float m : max_abs) {
    q.scale.push_back(m > 0 ? m / 127.0f : 1.0f);
    q.zero_point.push_back(0);
  }
  std::vector<int8_t> quantized(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    quantized[i] = static_cast<int8_t>(std::clamp<long>(std::lround(values[i] / q.scale[channel(i)]), -127, 127));
  }
  w.dtype = DType::kInt8;
  w.data = RawBytes(quantized);
  w.quantization = std::move(q);
  return Status::Ok();
}

// int32 bias at input_scale * weight_scale (per channel when the weights are).
Status QuantizeBias(Tensor& b, float input_scale, const Quantization& weights) {
  if (!b.is_constant() || b.dtype != DType::kFloat32) {
    return Status::InvalidArgument(fmt::format("bias '{}' is not a float32 constant", b.name));
  }
  const std::vector<float> values = FloatValues(b);
  Quantization q;
  for (float s : weights.scale) {
    q.scale.push_back(input_scale * s);
    q.zero_point.push_back(0);
  }
  std::vector<int32_t> quantized(values.size());
  for (size_t c = 0; c < values.size(); ++c) {
    const double scale = q.scale[q.scale.size() == 1 ? 0 : c];
    quantized[c] = static_cast<int32_t>(std::clamp<double>(std::round(values[c] / scale), INT32_MIN, INT32_MAX));
  }
  b.dtype = DType::kInt32;
  b.data = RawBytes(quantized);
  b.quantization = std::move(q);
  return Status::Ok();
}

std::string OpAt(const model::Operator& op, size_t index) {
  return fmt::format("operator {} ({})", index, op.Name());
}

}  // namespace

Result<model::Model> QuantizeInt8(const model::Model& float_model, std::span<const CalibrationInput> calibration,
                                  const QuantizeOptions& options) {
  if (float_model.graphs.empty()) return Status::InvalidArgument("quantize: the model has no graph");
  const Graph& g = float_model.graphs[0];
  if (g.inputs.size() != 1 || g.outputs.empty()) {
    return Status::InvalidArgument(fmt::format("quantize: the model has {} inputs; one is supported", g.inputs.size()));
  }
  const Tensor& input = g.tensors[g.inputs[0]];
  if (input.dtype != DType::kFloat32) {
    return Status::InvalidArgument(fmt::format("quantize: input '{}' is {}, not float32", input.name,
                                               model::DTypeName(input.dtype)));
  }
  if (calibration.empty()) return Status::InvalidArgument("quantize: no calibration inputs (at least one is needed)");
  for (size_t i = 0; i < calibration.size(); ++i) {
    if (static_cast<int64_t>(calibration[i].size()) != input.ElementCount()) {
      return Status::InvalidArgument(fmt::format("quantize: calibration input {} has {} values; input '{}' takes {}", i,
                                                 calibration[i].size(), input.name, input.ElementCount()));
    }
  }
  for (size_t i = 0; i < g.operators.size(); ++i) {
    switch (g.operators[i].type) {
      case OpType::kConv2D: case OpType::kDepthwiseConv2D: case OpType::kFullyConnected: case OpType::kMaxPool2D:
      case OpType::kAveragePool2D: case OpType::kReshape: case OpType::kAdd: case OpType::kRelu:
      case OpType::kRelu6: case OpType::kSoftmax:
        break;
      default:
        return Status::InvalidArgument(fmt::format(
            "quantize: {} has no int8 quantization (supported: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, "
            "MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, ADD, RELU, RELU6, SOFTMAX)",
            OpAt(g.operators[i], i)));
    }
  }
  MOTE_ASSIGN_OR_RETURN(std::vector<Range> ranges, Calibrate(g, calibration));

  model::Model out = float_model;
  Graph& q = out.graphs[0];
  q.tensors[g.inputs[0]].quantization = ActivationQuantization(ranges[g.inputs[0]]);
  for (size_t i = 0; i < q.operators.size(); ++i) {
    const model::Operator& op = q.operators[i];
    Tensor& y = q.tensors[op.outputs[0]];
    const Quantization& x = q.tensors[op.inputs[0]].quantization;
    switch (op.type) {
      case OpType::kMaxPool2D: case OpType::kAveragePool2D: case OpType::kReshape: case OpType::kRelu6:
        y.quantization = x;  // the int8 kernels keep the stored values' meaning
        break;
      case OpType::kSoftmax:
        y.quantization.scale = {1.0f / 256};
        y.quantization.zero_point = {-128};
        break;
      default:
        if (!ranges[op.outputs[0]].seen()) {
          return Status::Internal(fmt::format("quantize: {} output '{}' was not calibrated", OpAt(op, i), y.name));
        }
        y.quantization = ActivationQuantization(ranges[op.outputs[0]]);
    }
    const bool conv = op.type == OpType::kConv2D || op.type == OpType::kDepthwiseConv2D;
    if (conv || op.type == OpType::kFullyConnected) {
      const int32_t axis = op.type == OpType::kDepthwiseConv2D ? 3
                           : conv || options.per_channel_fully_connected ? 0
                                                                        : -1;
      Tensor& w = q.tensors[op.inputs[1]];
      if (Status s = QuantizeWeights(w, axis); !s.ok()) return Status::InvalidArgument(OpAt(op, i) + ": " + s.message());
      if (op.inputs.size() > 2 && op.inputs[2] >= 0) {
        if (Status s = QuantizeBias(q.tensors[op.inputs[2]], x.scale[0], w.quantization); !s.ok()) {
          return Status::InvalidArgument(OpAt(op, i) + ": " + s.message());
        }
      }
    }
  }
  for (Tensor& t : q.tensors) {
    if (t.dtype != DType::kFloat32) continue;
    if (t.is_constant() || t.quantization.scale.empty()) {
      return Status::InvalidArgument(fmt::format("quantize: float tensor '{}' is read by no quantized operator", t.name));
    }
    t.dtype = DType::kInt8;
  }
  return out;
}

}  // namespace mote::optimize
