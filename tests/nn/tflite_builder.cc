#include "nn/tflite_builder.h"

#include <string>

namespace mote::testing {

std::vector<uint8_t> BuildTflite(const std::vector<TfliteTensor>& tensors, const std::vector<TfliteOp>& ops,
                                 const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs) {
  using flatbuffers::Offset;
  flatbuffers::FlatBufferBuilder fbb;
  std::vector<Offset<void>> buffers;
  buffers.push_back(Offset<void>(fbb.EndTable(fbb.StartTable())));  // buffer 0: the empty sentinel
  std::vector<Offset<void>> tensor_tables;
  for (const TfliteTensor& t : tensors) {
    uint32_t buffer = 0;
    if (!t.data.empty()) {
      fbb.ForceVectorAlignment(t.data.size(), 1, 16);
      const auto data = fbb.CreateVector(t.data);
      const auto start = fbb.StartTable();
      fbb.AddOffset(Field(0), data);
      buffers.push_back(Offset<void>(fbb.EndTable(start)));
      buffer = static_cast<uint32_t>(buffers.size() - 1);
    }
    Offset<void> quantization;
    if (!t.scales.empty()) {
      const auto scales = fbb.CreateVector(t.scales);
      const auto zero_points = fbb.CreateVector(t.zero_points);
      const auto start = fbb.StartTable();
      fbb.AddOffset(Field(2), scales);
      fbb.AddOffset(Field(3), zero_points);
      quantization = Offset<void>(fbb.EndTable(start));
    }
    const auto shape = fbb.CreateVector(t.shape);
    const auto name = fbb.CreateString("t" + std::to_string(tensor_tables.size()));
    const auto start = fbb.StartTable();
    fbb.AddOffset(Field(0), shape);
    fbb.AddElement<int8_t>(Field(1), t.type, -1);  // -1: always written
    fbb.AddElement<uint32_t>(Field(2), buffer, 0);
    fbb.AddOffset(Field(3), name);
    if (!quantization.IsNull()) fbb.AddOffset(Field(4), quantization);
    tensor_tables.push_back(Offset<void>(fbb.EndTable(start)));
  }
  std::vector<Offset<void>> codes, op_tables;
  for (const TfliteOp& op : ops) {
    const auto start = fbb.StartTable();
    fbb.AddElement<int8_t>(Field(0), static_cast<int8_t>(op.builtin_code < 127 ? op.builtin_code : 127), -1);
    fbb.AddElement<int32_t>(Field(2), 1, 0);
    fbb.AddElement<int32_t>(Field(3), op.builtin_code, -1);
    codes.push_back(Offset<void>(fbb.EndTable(start)));
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    const TfliteOp& op = ops[i];
    const auto in = fbb.CreateVector(op.inputs);
    const auto out = fbb.CreateVector(op.outputs);
    Offset<void> options;
    if (op.options) options = op.options(fbb);
    const auto start = fbb.StartTable();
    fbb.AddElement<uint32_t>(Field(0), static_cast<uint32_t>(i), 0xFFFFFFFF);
    fbb.AddOffset(Field(1), in);
    fbb.AddOffset(Field(2), out);
    if (!options.IsNull()) {
      fbb.AddElement<uint8_t>(Field(3), op.options_type, 0);
      fbb.AddOffset(Field(4), options);
    }
    op_tables.push_back(Offset<void>(fbb.EndTable(start)));
  }
  const auto tensors_vector = fbb.CreateVector(tensor_tables);
  const auto inputs_vector = fbb.CreateVector(inputs);
  const auto outputs_vector = fbb.CreateVector(outputs);
  const auto ops_vector = fbb.CreateVector(op_tables);
  auto start = fbb.StartTable();
  fbb.AddOffset(Field(0), tensors_vector);
  fbb.AddOffset(Field(1), inputs_vector);
  fbb.AddOffset(Field(2), outputs_vector);
  fbb.AddOffset(Field(3), ops_vector);
  const auto subgraph = Offset<void>(fbb.EndTable(start));
  const auto subgraphs = fbb.CreateVector(std::vector<Offset<void>>{subgraph});
  const auto codes_vector = fbb.CreateVector(codes);
  const auto buffers_vector = fbb.CreateVector(buffers);
  start = fbb.StartTable();
  fbb.AddElement<uint32_t>(Field(0), 3, 0);
  fbb.AddOffset(Field(1), codes_vector);
  fbb.AddOffset(Field(2), subgraphs);
  fbb.AddOffset(Field(4), buffers_vector);
  fbb.Finish(flatbuffers::Offset<void>(fbb.EndTable(start)), "TFL3");
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace mote::testing
