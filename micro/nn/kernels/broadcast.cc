#include "micro/nn/kernels/broadcast.h"

namespace mote::nn {

bool ComputeBroadcast(const TensorView& a, const TensorView& b, const TensorView& out, BroadcastShape* s) {
  const int32_t rank = out.rank > 0 ? out.rank : 1;
  if (a.rank > rank || b.rank > rank) return false;
  s->rank = rank;
  int32_t sa = 1, sb = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    const int32_t k = rank - 1 - d;  // from the end
    const int32_t da = k < a.rank ? a.dims[a.rank - 1 - k] : 1;
    const int32_t db = k < b.rank ? b.dims[b.rank - 1 - k] : 1;
    const int32_t dout = out.rank > 0 ? out.dims[d] : 1;
    if ((da != dout && da != 1) || (db != dout && db != 1)) return false;
    s->dims[d] = dout;
    s->strides1[d] = da == 1 ? 0 : sa;
    s->strides2[d] = db == 1 ? 0 : sb;
    sa *= da;
    sb *= db;
  }
  s->elements = static_cast<int32_t>(out.elements);
  s->broadcast = a.elements != out.elements || b.elements != out.elements;
  s->single = 0;
  if (s->broadcast && a.elements == out.elements && b.elements == 1) s->single = 2;
  if (s->broadcast && b.elements == out.elements && a.elements == 1) s->single = 1;
  return true;
}

}  // namespace mote::nn
