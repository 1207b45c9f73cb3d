#include "model/model_stats.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <variant>

namespace mote::model {
namespace {

// Products of dimensions that saturate instead of overflowing.
int64_t SatMul(std::initializer_list<int64_t> factors) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t p = 1;
  for (int64_t f : factors) {
    if (f <= 0) return 0;
    if (p > kMax / f) return kMax;
    p *= f;
  }
  return p;
}

int64_t SatAdd(int64_t a, int64_t b) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  return a > kMax - b ? kMax : a + b;
}

const std::vector<int32_t>& ShapeOf(const Graph& g, int32_t tensor) {
  static const std::vector<int32_t> kNone;
  return tensor >= 0 ? g.tensors[tensor].shape : kNone;
}

int64_t Dim(const std::vector<int32_t>& shape, size_t i) { return i < shape.size() ? shape[i] : 0; }

}  // namespace

int64_t OperatorMacs(const Graph& g, const Operator& op) {
  switch (op.type) {
    case OpType::kConv2D: {  // output [n,h,w,co], filter [co,kh,kw,ci]
      const auto& f = ShapeOf(g, op.inputs[1]);
      return SatMul({g.tensors[op.outputs[0]].ElementCount(), Dim(f, 1), Dim(f, 2), Dim(f, 3)});
    }
    case OpType::kDepthwiseConv2D: {  // output [n,h,w,c], filter [1,kh,kw,c]
      const auto& f = ShapeOf(g, op.inputs[1]);
      return SatMul({g.tensors[op.outputs[0]].ElementCount(), Dim(f, 1), Dim(f, 2)});
    }
    case OpType::kFullyConnected: {  // weights [units, depth]
      const auto& w = ShapeOf(g, op.inputs[1]);
      return SatMul({g.tensors[op.outputs[0]].ElementCount(), Dim(w, 1)});
    }
    case OpType::kSvdf: {  // input [batch, in], feature [filters, in], time [filters, memory]
      const auto& in = ShapeOf(g, op.inputs[0]);
      const auto& feature = ShapeOf(g, op.inputs[1]);
      const auto& time = ShapeOf(g, op.inputs[2]);
      const int64_t batch = Dim(in, 0);
      return SatAdd(SatMul({batch, Dim(feature, 0), Dim(feature, 1)}), SatMul({batch, Dim(time, 0), Dim(time, 1)}));
    }
    case OpType::kUnidirectionalSequenceLstm: {
      // input [batch, time, in] (or [time, batch, in]); per step and batch
      // row, each gate multiplies the input and the previous output by its
      // weights [cell, in] and [cell, out]; an optional projection [out, cell].
      const auto& in = ShapeOf(g, op.inputs[0]);
      const auto& input_weights = ShapeOf(g, op.inputs[2]);
      const auto& recurrent_weights = ShapeOf(g, op.inputs[6]);
      const int64_t steps = SatMul({Dim(in, 0), Dim(in, 1)});
      const int64_t gates = op.inputs[1] >= 0 ? 4 : 3;  // no input gate: CIFG
      const int64_t cell = Dim(input_weights, 0);
      int64_t per_step = SatAdd(SatMul({gates, cell, Dim(input_weights, 1)}),
                                SatMul({gates, cell, Dim(recurrent_weights, 1)}));
      if (op.inputs.size() > 16 && op.inputs[16] >= 0) {
        const auto& projection = ShapeOf(g, op.inputs[16]);
        per_step = SatAdd(per_step, SatMul({Dim(projection, 0), Dim(projection, 1)}));
      }
      return SatMul({steps, per_step});
    }
    case OpType::kAveragePool2D: case OpType::kMaxPool2D: {
      const auto* a = std::get_if<Pool2DAttributes>(&op.attributes);
      return SatMul({g.tensors[op.outputs[0]].ElementCount(), a ? a->filter_h : 1, a ? a->filter_w : 1});
    }
    case OpType::kMean: return g.tensors[op.inputs[0]].ElementCount();
    case OpType::kAdd: case OpType::kSub: case OpType::kMul: case OpType::kDiv: case OpType::kSoftmax:
    case OpType::kLogistic: case OpType::kTanh: case OpType::kQuantize: case OpType::kDequantize:
      return g.tensors[op.outputs[0]].ElementCount();
    default: return 0;
  }
}

int64_t WeightBytes(const Graph& g) {
  int64_t bytes = 0;
  for (const Tensor& t : g.tensors) bytes += static_cast<int64_t>(t.data.size());
  return bytes;
}

ActivationPlan PlanActivations(const Graph& g, int64_t alignment) {
  const int64_t n = static_cast<int64_t>(g.tensors.size());
  const int64_t last_op = std::max<int64_t>(0, static_cast<int64_t>(g.operators.size()) - 1);
  std::vector<int64_t> first(n, -1), last(n, -1);
  auto touch = [&](int32_t t, int64_t step) {
    if (t < 0 || g.tensors[t].is_constant()) return;
    first[t] = first[t] < 0 ? step : std::min(first[t], step);
    last[t] = std::max(last[t], step);
  };
  for (int32_t t : g.inputs) touch(t, 0);
  for (size_t i = 0; i < g.operators.size(); ++i) {
    for (int32_t t : g.operators[i].inputs) touch(t, static_cast<int64_t>(i));
    for (int32_t t : g.operators[i].outputs) touch(t, static_cast<int64_t>(i));
  }
  for (int32_t t : g.outputs) touch(t, last_op);
  for (int64_t t = 0; t < n; ++t)
    if (first[t] >= 0 && g.tensors[t].is_variable) first[t] = 0, last[t] = last_op;

  auto aligned = [&](int64_t bytes) { return (bytes + alignment - 1) / alignment * alignment; };
  std::vector<int32_t> order;
  for (int64_t t = 0; t < n; ++t)
    if (first[t] >= 0) order.push_back(static_cast<int32_t>(t));
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return g.tensors[a].ByteSize() > g.tensors[b].ByteSize(); });

  ActivationPlan plan;
  plan.offset.assign(n, -1);
  std::vector<int32_t> placed;
  for (int32_t t : order) {
    const int64_t size = aligned(g.tensors[t].ByteSize());
    // Blocks of tensors alive at the same time, by offset.
    std::vector<std::pair<int64_t, int64_t>> busy;
    for (int32_t p : placed)
      if (first[p] <= last[t] && first[t] <= last[p])
        busy.emplace_back(plan.offset[p], plan.offset[p] + aligned(g.tensors[p].ByteSize()));
    std::sort(busy.begin(), busy.end());
    int64_t offset = 0;
    for (const auto& [begin, end] : busy) {
      if (offset + size <= begin) break;
      offset = std::max(offset, end);
    }
    plan.offset[t] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + size);
    placed.push_back(t);
  }
  return plan;
}

}  // namespace mote::model
