// Models built in a test through mote's IR and .tflite writer (src/model),
// then loaded into micro/nn: for ops and failures the shared models do not
// reach.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "model/graph.h"
#include "nn/nn_test_util.h"

namespace mote::testing {

// A tensor; `data` non-empty makes it a constant.
model::Tensor MakeTensor(std::vector<int32_t> shape, model::DType dtype, std::vector<uint8_t> data = {},
                         std::vector<float> scale = {}, std::vector<int64_t> zero_point = {});

model::Operator MakeOp(model::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                       model::OpAttributes attributes);
// With the op type's default attributes.
model::Operator MakeOp(model::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs);

// The .tflite bytes of a one-graph model (a test failure and no bytes when
// the writer refuses it).
std::vector<uint8_t> WriteGraph(std::vector<model::Tensor> tensors, std::vector<model::Operator> ops,
                                std::vector<int32_t> inputs, std::vector<int32_t> outputs);

// A float model with one custom op "MoteNoSuchOp" (1x4 -> 1x4, no options):
// an op the IR and the .tflite writer carry and micro/nn has no kernel for,
// so tests of how an unsupported op is reported do not depend on which op
// the runtime lacks. micro/nn's error: "op 0 (MoteNoSuchOp): unsupported op".
std::vector<uint8_t> UnsupportedOpModel();

// `file` Init()ed and Prepare()d with the arena it needs; a test failure
// unless the status is `expected` (the interpreter's error says where).
std::unique_ptr<LoadedModel> LoadBuilt(const std::vector<uint8_t>& file, nn::NnStatus expected = nn::NnStatus::kOk);

// Copies `values` into input i of a prepared model (a test failure when the
// sizes differ).
template <typename T>
void SetInput(LoadedModel& m, uint32_t i, const std::vector<T>& values) {
  const nn::Tensor t = m.interpreter.input(i);
  ASSERT_EQ(t.bytes, values.size() * sizeof(T)) << "input " << i;
  std::memcpy(t.data, values.data(), t.bytes);
}

// Output 0 of a model as T values.
template <typename T>
std::vector<T> Output(const LoadedModel& m) {
  const nn::Tensor t = m.interpreter.output(0);
  std::vector<T> out(t.bytes / sizeof(T));
  if (t.data && !out.empty()) std::memcpy(out.data(), t.data, t.bytes);
  return out;
}

}  // namespace mote::testing
