// Figures about a graph that `mote model inspect` reports and the estimator
// will use: multiply-accumulates per operator, weight bytes, and the
// activation memory of a simple lifetime plan.
//
// All functions take a graph as ReadTflite produces it (indices in range,
// ranks checked); they never fail. Thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "model/graph.h"

namespace mote::model {

// Multiply-accumulates of one invocation of `op`, a measure of its
// arithmetic: for the operators with weights, one per weight use (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED, SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM's
// gates and projection); for the rest, one per accumulation or per
// arithmetic output element:
//   AVERAGE_POOL_2D, MAX_POOL_2D: output elements x filter taps (padded
//     taps included: an upper bound at the edges);
//   MEAN: input elements (each is added once);
//   ADD, SUB, MUL, DIV, SOFTMAX, LOGISTIC, TANH, QUANTIZE, DEQUANTIZE:
//     output elements (one multiply, or one exponential, each);
// 0 for operators that only move or clamp values (RESHAPE, PAD, RELU,
// CONCATENATION, ...). Saturates at INT64_MAX.
int64_t OperatorMacs(const Graph& graph, const Operator& op);

// Bytes of constant data (weights, biases, tables).
int64_t WeightBytes(const Graph& graph);

// Where each tensor computed at run time lives in one arena.
struct ActivationPlan {
  int64_t arena_bytes = 0;      // the arena's size: max(offset + size)
  std::vector<int64_t> offset;  // per tensor; -1 for constants and unused tensors
};

// A tensor lives from the operator that writes it (graph inputs and
// variables: from the start) to the last operator that reads it (graph
// outputs and variables: to the end). Tensors are placed largest first at
// the lowest `alignment`-aligned offset that overlaps no tensor alive at the
// same time. A simple plan: the runtime's planner replaces this figure with
// its own exact one.
ActivationPlan PlanActivations(const Graph& graph, int64_t alignment = 16);

}  // namespace mote::model
