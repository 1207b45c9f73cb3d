#include "deploy/aot_source.h"

#include <cstring>
#include <map>
#include <set>

#include "deploy/aot_kernel_calls.h"

namespace mote::deploy {

namespace {

using nn::tflite::TensorType;

std::string Int(int64_t v) { return std::to_string(v); }

template <typename T>
T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// `alignas(16) constexpr T kTensorN[] = {...};` from the tensor's bytes.
std::string ConstantArray(const nn::TensorView& t) {
  const std::string type = ElementType(t.type);
  const bool as_bytes = type == "uint8_t" && t.type != TensorType::kUInt8;
  const uint32_t size = as_bytes ? 1 : nn::tflite::TensorTypeBytes(t.type);
  const uint32_t n = t.bytes / size;
  std::string s = "alignas(16) constexpr " + type + " kTensor" + Int(t.index) + "[" + Int(n ? n : 1) + "] = {";
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t* p = t.const_data + static_cast<size_t>(i) * size;
    std::string v;
    if (as_bytes) {
      v = Int(p[0]);
    } else {
      switch (t.type) {
        case TensorType::kInt8: v = Int(Load<int8_t>(p)); break;
        case TensorType::kUInt8: v = Int(p[0]); break;
        case TensorType::kInt16: v = Int(Load<int16_t>(p)); break;
        case TensorType::kInt32: {
          const int32_t x = Load<int32_t>(p);
          v = x == INT32_MIN ? "INT32_MIN" : Int(x);
          break;
        }
        default: v = FloatLiteral(Load<float>(p)); break;
      }
    }
    s += (i % 16 ? " " : "\n    ") + v + ",";
  }
  return s + (n ? "\n};\n" : "0};\n");
}

// `mote_nn_tensor{...}` describing graph tensor `index` at arena `offset`.
std::string TensorInfo(const nn::TensorView& t, uint32_t offset) {
  std::string dims;
  for (int d = 0; d < nn::kMaxRank; ++d) dims += (d ? ", " : "") + Int(d < t.rank ? t.dims[d] : 0);
  return "mote_nn_tensor{At(" + Int(offset) + "), " + Int(static_cast<int>(t.type)) + ", " + Int(t.rank) + ", {" +
         dims + "}, " + Int(t.bytes) + "u, " + FloatLiteral(t.scale()) + ", " + Int(t.zero_point()) + "}";
}

// NAME_input / NAME_output: a switch over the graph's inputs or outputs.
std::string TensorGetter(const nn::Interpreter& nn, const std::string& function, const nn::fb::Vector<int32_t>& list) {
  std::string s = "mote_nn_tensor " + function + "(uint32_t index) {\n  if (!g_arena) return mote_nn_tensor{};\n"
                  "  switch (index) {\n";
  for (uint32_t i = 0; i < list.size(); ++i) {
    nn::TensorView t;
    nn.model().GetTensor(static_cast<uint32_t>(list[i]), &t, nullptr);
    s += "    case " + Int(i) + ": return " + TensorInfo(t, nn.activation_offset(static_cast<uint32_t>(list[i]))) +
         ";\n";
  }
  return s + "    default: return mote_nn_tensor{};\n  }\n}\n\n";
}

}  // namespace

Result<AotSource> GenerateAotSource(const PreparedModel& model, const std::string& name, const std::string& header,
                                    const std::string& origin) {
  const nn::Interpreter& nn = model.interpreter();
  const nn::Model& m = nn.model();
  AotSource out;
  out.arena_bytes = nn.plan_stats().used;
  std::map<int32_t, std::string> constants;  // by tensor index
  std::set<std::string> headers;
  std::string params, state, init, body;
  const TensorPointer pointer = [&](int32_t index, const std::string& type) -> std::string {
    if (index < 0) return "nullptr";
    const uint32_t offset = nn.activation_offset(static_cast<uint32_t>(index));
    if (offset != nn::Interpreter::kNoOffset) return "static_cast<" + type + "*>(At(" + Int(offset) + "))";
    nn::TensorView t;
    m.GetTensor(static_cast<uint32_t>(index), &t, nullptr);
    if (!constants.count(index)) {
      constants[index] = ConstantArray(t);
      out.constant_bytes += t.bytes;
    }
    const std::string array = "kTensor" + Int(index);
    return ElementType(t.type) == type ? array : "reinterpret_cast<const " + type + "*>(" + array + ")";
  };
  for (uint32_t i = 0; i < m.op_count(); ++i) {
    const uint32_t scratch = nn.scratch_offset(i);
    MOTE_ASSIGN_OR_RETURN(KernelCall call,
                          EmitKernelCall(nn, i, pointer, scratch == nn::Interpreter::kNoOffset
                                                             ? std::string("nullptr")
                                                             : "At(" + Int(scratch) + ")"));
    nn::OpView op;
    m.GetOp(i, &op, nullptr);
    const char* op_name = nn::tflite::BuiltinOpName(op.builtin_code);
    headers.insert(call.header);
    params += call.constants;
    state += call.state;
    init += call.init;
    out.constant_bytes += call.constant_bytes;
    body += "  // op " + Int(i) + ": " + (op_name ? op_name : "?") + "\n" +
            (call.call.empty() ? "  // (planned in place: nothing to copy)\n" : call.call);
  }
  std::string variables;
  for (uint32_t i = 0; i < m.tensor_count(); ++i) {
    nn::TensorView t;
    m.GetTensor(i, &t, nullptr);
    if (!t.is_variable) continue;
    const bool byte_zero = t.element_bytes == 1 && t.quantized();
    variables += "  std::memset(At(" + Int(nn.activation_offset(i)) + "), " +
                 Int(byte_zero ? static_cast<uint8_t>(t.zero_point()) : 0) + ", " + Int(t.bytes) + ");\n";
  }

  std::string s = "// " + name + ".cc: generated by mote from " + origin + ". Do not edit.\n" +
                  "// Ahead-of-time code: micro/nn's kernels called in op order with parameters computed at\n"
                  "// export (const, in flash) on tensors at offsets of a static memory plan.\n"
                  "#include \"" + header + "\"\n\n#include <cfloat>\n#include <cmath>\n#include <cstdint>\n"
                  "#include <cstring>\n\n";
  for (const std::string& h : headers) {
    if (h != "cstring") s += "#include \"" + h + "\"\n";
  }
  s += "\nnamespace {\n\n// Constant tensors (weights, biases).\n";
  for (const auto& [index, text] : constants) s += text;
  s += "\n// Op parameters, per-channel multipliers and shifts, computed at export.\n" + params;
  s += "\nconstexpr size_t kArenaBytes = " + Int(out.arena_bytes) + ";\n"
       "uint8_t* g_arena = nullptr;  // 16-byte aligned, set by " + name + "_init\n" +
       (state.empty() ? "" : "\n// State the ops keep from one invoke to the next, reset by " + name + "_init.\n" + state) +
       "\n"
       "inline void* At(uint32_t offset) { return g_arena + offset; }\n\n}  // namespace\n\n"
       "extern \"C\" {\n\n"
       "mote_nn_status " + name + "_init(void* arena, size_t arena_bytes) {\n"
       "  g_arena = nullptr;\n"
       "  if (!arena) return MOTE_NN_BAD_ARGUMENT;\n"
       "  const size_t misalign = reinterpret_cast<uintptr_t>(arena) % 16;\n"
       "  const size_t skip = misalign ? 16 - misalign : 0;\n"
       "  if (arena_bytes < skip || arena_bytes - skip < kArenaBytes) return MOTE_NN_ARENA_TOO_SMALL;\n"
       "  g_arena = static_cast<uint8_t*>(arena) + skip;\n" + variables + init +
       "  return MOTE_NN_OK;\n}\n\n"
       "mote_nn_status " + name + "_invoke(void) {\n"
       "  if (!g_arena) return MOTE_NN_NOT_PREPARED;\n" + body +
       "  return MOTE_NN_OK;\n}\n\n"
       "size_t " + name + "_arena_bytes(void) { return kArenaBytes; }\n"
       "uint32_t " + name + "_input_count(void) { return " + Int(m.inputs().size()) + "; }\n"
       "uint32_t " + name + "_output_count(void) { return " + Int(m.outputs().size()) + "; }\n\n";
  s += TensorGetter(nn, name + "_input", m.inputs()) + TensorGetter(nn, name + "_output", m.outputs());
  s += "}  // extern \"C\"\n";
  out.text = std::move(s);
  return out;
}

}  // namespace mote::deploy
