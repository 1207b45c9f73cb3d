// TensorFlow Lite's broadcasting for elementwise binary ops (ADD, MUL, DIV,
// MINIMUM, MAXIMUM, ...): shapes aligned at their last dimension, a size-1
// dimension repeats; up to kMaxRank dimensions.
#pragma once

#include <cstdint>

#include "micro/nn/model.h"

namespace mote::nn {

struct BroadcastShape {
  int32_t rank;                 // of the output (at least 1)
  int32_t dims[kMaxRank];       // output shape, left-padded with 1s
  int32_t strides1[kMaxRank];   // element strides of input 1 (0 where it broadcasts)
  int32_t strides2[kMaxRank];
  int32_t elements;             // of the output
  bool broadcast;               // false: both inputs have the output's shape
  int8_t single;                // 1 or 2: that input has one element, the other the output's shape; else 0
};

// The broadcast of `a` and `b` onto `out`; false when they do not broadcast
// to out's shape.
bool ComputeBroadcast(const TensorView& a, const TensorView& b, const TensorView& out, BroadcastShape* s);

// out[i] = op(a[..], b[..]) over the output in order, each input read at its
// broadcast position, by the index walk alone: one loop for every shape
// (for a path that is rarely taken, where code size matters more).
template <typename In, typename Out, typename F>
void BroadcastWalk(const BroadcastShape& s, const In* a, const In* b, Out* out, F op) {
  int32_t index[kMaxRank] = {};
  int32_t ia = 0, ib = 0;
  const int32_t last = s.rank - 1;
  for (int32_t i = 0; i < s.elements; ++i) {
    out[i] = op(a[ia], b[ib]);
    // Next index, innermost dimension first.
    for (int32_t d = last; d >= 0; --d) {
      ia += s.strides1[d];
      ib += s.strides2[d];
      if (++index[d] < s.dims[d]) break;
      ia -= s.strides1[d] * s.dims[d];
      ib -= s.strides2[d] * s.dims[d];
      index[d] = 0;
    }
  }
}

// The same, with the common shapes (equal, one input a single value)
// without the index walk.
template <typename In, typename Out, typename F>
void BroadcastBinary(const BroadcastShape& s, const In* a, const In* b, Out* out, F op) {
  if (!s.broadcast) {
    for (int32_t i = 0; i < s.elements; ++i) out[i] = op(a[i], b[i]);
    return;
  }
  if (s.single == 2) {  // x op constant: the common case, without the index walk
    for (int32_t i = 0; i < s.elements; ++i) out[i] = op(a[i], b[0]);
    return;
  }
  if (s.single == 1) {
    for (int32_t i = 0; i < s.elements; ++i) out[i] = op(a[0], b[i]);
    return;
  }
  BroadcastWalk(s, a, b, out, op);
}

}  // namespace mote::nn
