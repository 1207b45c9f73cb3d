#include "nn/built_model_util.h"

#include <gtest/gtest.h>

#include "model/tflite_writer.h"

namespace mote::testing {

model::Tensor MakeTensor(std::vector<int32_t> shape, model::DType dtype, std::vector<uint8_t> data,
                         std::vector<float> scale, std::vector<int64_t> zero_point) {
  model::Tensor t;
  t.shape = std::move(shape);
  t.dtype = dtype;
  t.data = std::move(data);
  t.quantization.scale = std::move(scale);
  t.quantization.zero_point = std::move(zero_point);
  return t;
}

model::Operator MakeOp(model::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                       model::OpAttributes attributes) {
  model::Operator op;
  op.type = type;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.attributes = std::move(attributes);
  return op;
}

model::Operator MakeOp(model::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs) {
  return MakeOp(type, std::move(inputs), std::move(outputs), model::DefaultAttributes(type));
}

std::vector<uint8_t> WriteGraph(std::vector<model::Tensor> tensors, std::vector<model::Operator> ops,
                                std::vector<int32_t> inputs, std::vector<int32_t> outputs) {
  model::Model m;
  m.graphs.push_back({"main", std::move(tensors), std::move(inputs), std::move(outputs), std::move(ops)});
  const Result<std::string> file = model::WriteTflite(m);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  if (!file.ok()) return {};
  return std::vector<uint8_t>(file->begin(), file->end());
}

std::vector<uint8_t> UnsupportedOpModel() {
  model::Operator op = MakeOp(model::OpType::kCustom, {0}, {1});
  op.custom_code = "MoteNoSuchOp";
  return WriteGraph({MakeTensor({1, 4}, model::DType::kFloat32), MakeTensor({1, 4}, model::DType::kFloat32)},
                    {std::move(op)}, {0}, {1});
}

std::unique_ptr<LoadedModel> LoadBuilt(const std::vector<uint8_t>& file, nn::NnStatus expected) {
  auto b = std::make_unique<LoadedModel>();
  b->blob = AlignedBytes(file);
  nn::NnStatus status = b->interpreter.Init(b->blob.data(), b->blob.size());
  if (status == nn::NnStatus::kOk) status = PrepareWithNeededArena(b->interpreter, &b->arena);
  EXPECT_EQ(status, expected) << ErrorText(b->interpreter);
  return b;
}

}  // namespace mote::testing
