#include "deploy/runtime_memory.h"

#include <cstring>
#include <memory>

#include "deploy/prepared_model.h"

namespace mote::deploy {

RuntimeMemory MeasureRuntimeMemory(std::string_view tflite) {
  RuntimeMemory m;
  Result<std::unique_ptr<PreparedModel>> prepared = PreparedModel::Prepare(tflite);
  if (!prepared.ok()) {
    m.reason = prepared.status().message();
    return m;
  }
  const nn::Interpreter& interpreter = (*prepared)->interpreter();
  m.supported = true;
  m.arena_bytes = interpreter.arena_bytes_needed();
  m.persistent_bytes = interpreter.persistent_bytes();
  m.activation_bytes = interpreter.plan_stats().used;
  m.lower_bound = interpreter.plan_stats().lower_bound;
  m.greedy_by_size = interpreter.plan_stats().greedy_by_size;
  for (uint32_t t = 0; t < interpreter.model().tensor_count(); ++t) {
    const uint32_t offset = interpreter.activation_offset(t);
    m.tensor_offset.push_back(offset == nn::Interpreter::kNoOffset ? -1 : static_cast<int64_t>(offset));
  }
  return m;
}

}  // namespace mote::deploy
