#include "model/graph.h"

namespace mote::model {

int64_t Tensor::ElementCount() const {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

std::string Operator::Name() const {
  if (type == OpType::kCustom) return custom_code;
  if (type == OpType::kUnsupported) return builtin_name;
  return std::string(OpTypeName(type));
}

}  // namespace mote::model
