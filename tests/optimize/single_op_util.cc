#include "optimize/single_op_util.h"

#include <gtest/gtest.h>

#include <map>

#include "model/tflite_writer.h"
#include "train/export_test_util.h"

namespace mote::testing {
namespace {

// micro/nn's values of tensor `t` of graph 0 for each of `rows`: the graph
// cut after the operator that produces `t`, with `t` as its output.
std::vector<uint8_t> TensorValues(const model::Model& m, int32_t t, const std::vector<uint8_t>& rows) {
  const model::Graph& g = m.graphs[0];
  if (t == g.inputs[0]) return rows;
  model::Model prefix;
  prefix.graphs.push_back(g);
  model::Graph& p = prefix.graphs[0];
  p.operators.clear();
  for (const model::Operator& op : g.operators) {
    p.operators.push_back(op);
    if (op.outputs[0] == t) break;
  }
  p.outputs = {t};
  auto file = model::WriteTflite(prefix);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? RunInMoteNn(*file, rows) : std::vector<uint8_t>();
}

// Operator `op` of `g` alone in a graph of its own.
model::Model SingleOpModel(const model::Graph& g, const model::Operator& op) {
  model::Graph one;
  one.name = g.name;
  std::map<int32_t, int32_t> index;
  auto copy = [&](int32_t t) {
    if (t < 0) return t;
    auto [it, added] = index.emplace(t, static_cast<int32_t>(one.tensors.size()));
    if (added) one.tensors.push_back(g.tensors[t]);
    return it->second;
  };
  model::Operator alone = op;
  for (int32_t& t : alone.inputs) t = copy(t);
  for (int32_t& t : alone.outputs) t = copy(t);
  one.inputs = {alone.inputs[0]};
  one.outputs = {alone.outputs[0]};
  one.operators = {std::move(alone)};
  model::Model m;
  m.graphs.push_back(std::move(one));
  return m;
}

}  // namespace

std::vector<SingleOpCase> SingleOpCases(const std::string& network, const model::Model& m,
                                        const std::vector<uint8_t>& rows) {
  std::vector<SingleOpCase> cases;
  const model::Graph& g = m.graphs[0];
  for (size_t k = 0; k < g.operators.size(); ++k) {
    const model::Operator& op = g.operators[k];
    SingleOpCase c;
    c.name = network + " operator " + std::to_string(k) + " (" + op.Name() + ")";
    for (size_t i = 1; i < op.inputs.size(); ++i) {
      const int32_t t = op.inputs[i];
      EXPECT_TRUE(t < 0 || g.tensors[t].is_constant()) << c.name << ": input " << i << " is not a constant";
    }
    c.model = SingleOpModel(g, op);
    c.inputs = TensorValues(m, op.inputs[0], rows);
    c.want = TensorValues(m, op.outputs[0], rows);
    if (c.inputs.empty() || c.want.empty()) return cases;
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<SingleOpCase> SingleOpCasesOf(const std::vector<QuantizedCase>& cases) {
  std::vector<SingleOpCase> all;
  for (const QuantizedCase& q : cases) {
    if (q.model.graphs[0].operators.back().type != model::OpType::kSoftmax) continue;
    for (SingleOpCase& c : SingleOpCases(q.name, q.model, q.inputs)) all.push_back(std::move(c));
  }
  return all;
}

void ExpectOperatorWithinOneLsb(const SingleOpCase& c, const std::vector<uint8_t>& got, const std::string& runtime) {
  auto file = model::WriteTflite(c.model);
  ASSERT_TRUE(file.ok()) << c.name << ": " << file.status().ToString();
  ASSERT_EQ(RunInMoteNn(*file, c.inputs), c.want) << c.name << ": micro/nn computes the operator alone as in the whole model";
  ExpectWithinLsb(got, c.want, 1, c.name + ", " + runtime + " vs micro/nn");
}

}  // namespace mote::testing
