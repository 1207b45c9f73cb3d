// mote model inspect FILE: what a .tflite file holds and needs - operators
// with their attributes and MACs, tensors with shapes, types and
// quantization, weight bytes, the RAM micro/nn needs (its own planner's
// exact figure; a simple lifetime plan, labelled so, for models micro/nn
// cannot run), operators mote does not support, and the metadata mote wrote.
#include <cstdio>

#include "cli/cli.h"
#include "core/file_util.h"
#include "deploy/runtime_memory.h"
#include "model/model_stats.h"
#include "model/tflite_reader.h"

namespace mote {
namespace {

using json = nlohmann::json;
using model::Graph;
using model::Operator;
using model::Tensor;

std::string ShapeText(const std::vector<int32_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string QuantText(const model::Quantization& q) {
  if (q.scale.empty()) return "-";
  char text[96];
  if (q.per_channel())
    std::snprintf(text, sizeof text, "per-channel x%zu (axis %d)", q.scale.size(), q.axis);
  else
    std::snprintf(text, sizeof text, "s=%.6g z=%lld", q.scale[0],
                  static_cast<long long>(q.zero_point.empty() ? 0 : q.zero_point[0]));
  return text;
}

std::string AttributesText(const json& attrs) {
  std::string s;
  for (const auto& [key, value] : attrs.items()) s += (s.empty() ? "" : " ") + key + "=" + value.dump();
  return s;
}

// "name int8[1,49,40]" for each tensor of `indices` (absent inputs: "-").
json TensorRefs(const Graph& g, const std::vector<int32_t>& indices, std::string* text) {
  json refs = json::array();
  for (int32_t t : indices) {
    if (!text->empty()) *text += " ";
    if (t < 0) {
      refs.push_back(nullptr);
      *text += "-";
      continue;
    }
    refs.push_back(t);
    *text += std::to_string(t) + ":" + std::string(model::DTypeName(g.tensors[t].dtype)) +
             ShapeText(g.tensors[t].shape);
  }
  return refs;
}

json TensorJson(const Tensor& t, int64_t index, int64_t arena_offset) {
  json q = nullptr;
  if (!t.quantization.scale.empty())
    q = {{"scale", t.quantization.scale}, {"zero_point", t.quantization.zero_point}, {"axis", t.quantization.axis}};
  return {{"index", index},
          {"name", t.name},
          {"dtype", std::string(model::DTypeName(t.dtype))},
          {"shape", t.shape},
          {"bytes", t.ByteSize()},
          {"kind", t.is_constant() ? "constant" : t.is_variable ? "variable" : "activation"},
          {"arena_offset", arena_offset >= 0 ? json(arena_offset) : json(nullptr)},
          {"quantization", q}};
}

void SetupModelInspect(Cli& cli) {
  auto path = std::make_shared<std::string>();
  CLI::App* sub = cli.ModelGroup()->add_subcommand(
      "inspect", "Operators, tensors, shapes, types, quantization, MACs, weight and activation memory of a .tflite "
                 "file, and the operators mote does not support");
  sub->add_option("file", *path, "The .tflite file")->required();
  cli.OnRun(sub, [&cli, path]() -> Status {
    model::ReadOptions options;
    options.allow_unsupported = true;
    MOTE_ASSIGN_OR_RETURN(const std::string bytes, ReadFile(*path));
    MOTE_ASSIGN_OR_RETURN(model::Model m, model::ReadTflite(bytes, *path, options));
    // micro/nn runs subgraph 0: its planner's figures replace the simple plan there.
    const deploy::RuntimeMemory runtime = deploy::MeasureRuntimeMemory(bytes);
    json graphs = json::array();
    json unsupported = json::array();
    int64_t total_macs = 0, weight_bytes = 0, arena_bytes = 0;
    std::string text;
    char line[512];
    for (size_t gi = 0; gi < m.graphs.size(); ++gi) {
      const Graph& g = m.graphs[gi];
      model::ActivationPlan plan = model::PlanActivations(g);
      if (gi == 0 && runtime.supported && runtime.tensor_offset.size() == g.tensors.size()) {
        plan.offset = runtime.tensor_offset;
        plan.arena_bytes = static_cast<int64_t>(runtime.activation_bytes);
      }
      const int64_t weights = model::WeightBytes(g);
      json ops = json::array();
      int64_t graph_macs = 0;
      text += "graph " + std::to_string(gi) + (g.name.empty() ? "" : " '" + g.name + "'") + ": " +
              std::to_string(g.operators.size()) + " operators, " + std::to_string(g.tensors.size()) +
              " tensors\n";
      std::snprintf(line, sizeof line, "  %4s  %-30s %12s  %s\n", "#", "operator", "MACs", "inputs -> outputs");
      text += line;
      for (size_t i = 0; i < g.operators.size(); ++i) {
        const Operator& op = g.operators[i];
        const int64_t macs = model::OperatorMacs(g, op);
        graph_macs += macs;
        std::string ins, outs;
        json in_refs = TensorRefs(g, op.inputs, &ins);
        json out_refs = TensorRefs(g, op.outputs, &outs);
        const json attrs = model::AttributesToJson(op.attributes);
        json j = {{"index", i},      {"op", op.Name()},       {"version", op.version}, {"macs", macs},
                  {"inputs", in_refs}, {"outputs", out_refs}, {"attributes", attrs}};
        if (op.type == model::OpType::kCustom) j["custom_options_bytes"] = op.custom_options.size();
        if (op.type == model::OpType::kUnsupported) {
          j["supported"] = false;
          unsupported.push_back({{"graph", gi}, {"operator", i}, {"op", op.Name()}});
        }
        ops.push_back(std::move(j));
        const std::string name = op.Name() + (op.type == model::OpType::kUnsupported ? " (unsupported)" : "");
        std::snprintf(line, sizeof line, "  %4zu  %-30s %12lld  %s -> %s\n", i, name.c_str(),
                      static_cast<long long>(macs), ins.c_str(), outs.c_str());
        text += line;
        if (!attrs.empty()) text += std::string(38, ' ') + AttributesText(attrs) + "\n";
      }
      json tensors = json::array();
      std::snprintf(line, sizeof line, "  %4s  %-36s %-8s %-16s %10s  %-10s %s\n", "#", "tensor", "dtype", "shape",
                    "bytes", "kind", "quantization");
      text += line;
      for (size_t t = 0; t < g.tensors.size(); ++t) {
        const Tensor& tensor = g.tensors[t];
        json tj = TensorJson(tensor, static_cast<int64_t>(t), plan.offset[t]);
        std::string name = tensor.name.size() > 36 ? "..." + tensor.name.substr(tensor.name.size() - 33) : tensor.name;
        std::snprintf(line, sizeof line, "  %4zu  %-36s %-8s %-16s %10lld  %-10s %s\n", t, name.c_str(),
                      std::string(model::DTypeName(tensor.dtype)).c_str(), ShapeText(tensor.shape).c_str(),
                      static_cast<long long>(tensor.ByteSize()), tj["kind"].get<std::string>().c_str(),
                      QuantText(tensor.quantization).c_str());
        text += line;
        tensors.push_back(std::move(tj));
      }
      graphs.push_back({{"index", gi},
                        {"name", g.name},
                        {"inputs", g.inputs},
                        {"outputs", g.outputs},
                        {"operators", ops},
                        {"tensors", tensors},
                        {"macs", graph_macs},
                        {"weight_bytes", weights},
                        {"activation_bytes", plan.arena_bytes}});
      total_macs += graph_macs;
      weight_bytes += weights;
      if (gi == 0) arena_bytes = plan.arena_bytes;
    }
    json mote_meta = nullptr;
    if (m.mote)
      mote_meta = {{"mote_version", m.mote->mote_version}, {"lineage", m.mote->lineage},
                   {"labels", m.mote->labels}, {"dsp", m.mote->dsp}};
    json other_meta = json::array();
    for (const model::NamedBlob& b : m.metadata) other_meta.push_back({{"name", b.name}, {"bytes", b.bytes.size()}});
    const std::string plan_source =
        runtime.supported ? "micro/nn's planner (graph 0)"
                          : "simple lifetime plan of graph 0, 16-byte aligned (" + runtime.reason + ")";
    json memory = {{"plan", plan_source}, {"activation_bytes", arena_bytes}};
    if (runtime.supported) {
      memory["interpreter_arena_bytes"] = runtime.arena_bytes;
      memory["interpreter_persistent_bytes"] = runtime.persistent_bytes;
      memory["generated_code_ram_bytes"] = runtime.activation_bytes;
      memory["lower_bound_bytes"] = runtime.lower_bound;
      memory["greedy_by_size_bytes"] = runtime.greedy_by_size;
    }
    json j = {{"file", *path},
              {"description", m.description},
              {"graphs", graphs},
              {"macs", total_macs},
              {"weight_bytes", weight_bytes},
              {"activation_bytes", arena_bytes},
              {"arena_bytes", runtime.supported ? json(runtime.arena_bytes) : json(nullptr)},
              {"activation_plan", plan_source},
              {"memory", memory},
              {"unsupported", unsupported},
              {"mote", mote_meta},
              {"metadata", other_meta}};
    text += "total: " + std::to_string(total_macs) + " MACs, " + std::to_string(weight_bytes) + " weight bytes\n";
    if (runtime.supported) {
      text += "RAM (micro/nn): " + std::to_string(runtime.arena_bytes) + " bytes of arena for the interpreter (" +
              std::to_string(runtime.persistent_bytes) + " persistent + activations), " +
              std::to_string(runtime.activation_bytes) + " bytes for generated code (activations: lower bound " +
              std::to_string(runtime.lower_bound) + ", greedy by size " + std::to_string(runtime.greedy_by_size) +
              ")\n";
    } else {
      text += "RAM: " + std::to_string(arena_bytes) + " activation bytes (simple lifetime plan, not micro/nn's: " +
              runtime.reason + ")\n";
    }
    if (m.mote) {
      std::string labels;
      for (const std::string& l : m.mote->labels) labels += (labels.empty() ? "" : ",") + l;
      text += "mote metadata: mote " + m.mote->mote_version + ", lineage " + m.mote->lineage + ", labels [" +
              labels + "], dsp " + m.mote->dsp.dump() + "\n";
    }
    for (const model::NamedBlob& b : m.metadata)
      text += "metadata '" + b.name + "': " + std::to_string(b.bytes.size()) + " bytes\n";
    if (unsupported.empty()) {
      text += "unsupported operators: none\n";
    } else {
      text += "unsupported operators:";
      for (const json& u : unsupported)
        text += " " + u["op"].get<std::string>() + " (graph " + u["graph"].dump() + " operator " +
                u["operator"].dump() + ")";
      text += "\n";
    }
    cli.Print(j, text);
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(model_inspect, 60, SetupModelInspect);
}  // namespace mote
