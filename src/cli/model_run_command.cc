// mote model run FILE --input BIN... --output-dir DIR [--repeat N]: runs a
// .tflite model on the host through micro/nn's interpreter (the code that
// runs on the device), with the arena it asks for; writes output_K.bin and
// prints the RAM (arena bytes) it needed and the time per Invoke.
//
// Each --input is the raw bytes of input K, checked against the tensor's
// size before anything runs or is written. The outputs are those of the
// first Invoke after Prepare (a stateful model starts from its zeroed
// state, as on a freshly started device); further --repeat runs only time
// the model (its state carries through them, as it would on the device).
#include <chrono>
#include <cstring>
#include <vector>

#include "cli/cli.h"
#include "core/file_util.h"
#include "micro/nn/interpreter.h"

namespace mote {
namespace {

using json = nlohmann::json;
namespace nn = mote::nn;

// Bytes aligned as micro/nn wants a model blob and an arena (16).
class AlignedBuffer {
 public:
  explicit AlignedBuffer(size_t bytes) : chunks_((bytes + sizeof(Chunk) - 1) / sizeof(Chunk)) {}
  uint8_t* data() { return chunks_.empty() ? nullptr : chunks_.front().bytes; }

 private:
  struct alignas(nn::kArenaAlignment) Chunk {
    uint8_t bytes[nn::kArenaAlignment];
  };
  std::vector<Chunk> chunks_;
};

std::string TypeName(nn::tflite::TensorType type) {
  using nn::tflite::TensorType;
  switch (type) {
    case TensorType::kFloat32: return "float32";
    case TensorType::kInt8: return "int8";
    case TensorType::kInt16: return "int16";
    case TensorType::kInt32: return "int32";
    case TensorType::kUInt8: return "uint8";
    default: return "type " + std::to_string(static_cast<int>(type));
  }
}

std::string Describe(const nn::Tensor& t) {
  std::string s = TypeName(t.type) + "[";
  for (int32_t d = 0; d < t.rank; ++d) s += (d ? "," : "") + std::to_string(t.dims[d]);
  return s + "]";
}

Status NnFailure(const std::string& file, const nn::Interpreter& interpreter) {
  char line[256];
  nn::FormatNnError(interpreter.error(), line, sizeof line);
  return Status::InvalidArgument(file + ": " + line);
}

struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::string output_dir;
  int repeat = 1;
};

Status Run(Cli& cli, const RunOptions& o) {
  if (o.repeat < 1) return Status::Usage("--repeat: must be at least 1, got " + std::to_string(o.repeat));
  MOTE_ASSIGN_OR_RETURN(const std::string model_bytes, ReadFile(o.model));
  AlignedBuffer blob(model_bytes.size());
  std::memcpy(blob.data(), model_bytes.data(), model_bytes.size());
  nn::Interpreter interpreter;
  if (interpreter.Init(blob.data(), model_bytes.size()) != nn::NnStatus::kOk) return NnFailure(o.model, interpreter);
  // The first Prepare measures; a figure that was only a lower bound (the
  // arena could not even hold the planner) takes one more round.
  interpreter.Prepare(nullptr, 0);
  std::unique_ptr<AlignedBuffer> arena;
  nn::NnStatus prepared = nn::NnStatus::kArenaTooSmall;
  for (int round = 0; round < 3 && prepared == nn::NnStatus::kArenaTooSmall; ++round) {
    if (interpreter.error().status != nn::NnStatus::kArenaTooSmall) break;
    arena = std::make_unique<AlignedBuffer>(interpreter.arena_bytes_needed());
    prepared = interpreter.Prepare(arena->data(), interpreter.arena_bytes_needed());
  }
  if (prepared != nn::NnStatus::kOk) return NnFailure(o.model, interpreter);

  if (o.inputs.size() != interpreter.input_count()) {
    return Status::InvalidArgument(o.model + ": the model has " + std::to_string(interpreter.input_count()) +
                                   " input(s), got " + std::to_string(o.inputs.size()) + " --input");
  }
  std::vector<std::string> inputs;
  for (uint32_t k = 0; k < interpreter.input_count(); ++k) {
    MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(o.inputs[k]));
    const nn::Tensor t = interpreter.input(k);
    if (bytes.size() != t.bytes) {
      return Status::InvalidArgument(o.inputs[k] + ": input " + std::to_string(k) + " (" + Describe(t) + ") needs " +
                                     std::to_string(t.bytes) + " bytes, the file has " +
                                     std::to_string(bytes.size()));
    }
    inputs.push_back(std::move(bytes));
  }

  // Inputs are copied before every Invoke: the plan may reuse an input's
  // bytes once its last reader has run.
  auto invoke = [&]() -> Status {
    for (uint32_t k = 0; k < interpreter.input_count(); ++k) {
      std::memcpy(interpreter.input(k).data, inputs[k].data(), inputs[k].size());
    }
    if (interpreter.Invoke() != nn::NnStatus::kOk) return NnFailure(o.model, interpreter);
    return Status::Ok();
  };
  using Clock = std::chrono::steady_clock;
  Clock::duration total{};
  Clock::time_point start = Clock::now();
  MOTE_RETURN_IF_ERROR(invoke());
  total += Clock::now() - start;
  std::vector<std::string> outputs;
  for (uint32_t k = 0; k < interpreter.output_count(); ++k) {
    const nn::Tensor t = interpreter.output(k);
    outputs.emplace_back(static_cast<const char*>(t.data), t.bytes);
  }
  for (int i = 1; i < o.repeat; ++i) {
    start = Clock::now();
    MOTE_RETURN_IF_ERROR(invoke());
    total += Clock::now() - start;
  }
  const double mean_us = std::chrono::duration<double, std::micro>(total).count() / o.repeat;

  json j_outputs = json::array();
  std::string text = "arena: " + std::to_string(interpreter.arena_bytes_needed()) + " bytes of RAM\n";
  char line[128];
  std::snprintf(line, sizeof line, "invoke: %.3f us (mean of %d)\n", mean_us, o.repeat);
  text += line;
  const std::filesystem::path dir(o.output_dir);
  for (uint32_t k = 0; k < interpreter.output_count(); ++k) {
    const std::filesystem::path path = dir / ("output_" + std::to_string(k) + ".bin");
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(path, outputs[k]));
    const nn::Tensor t = interpreter.output(k);
    j_outputs.push_back({{"index", k}, {"path", path.string()}, {"type", TypeName(t.type)},
                         {"shape", std::vector<int32_t>(t.dims, t.dims + t.rank)}, {"bytes", t.bytes}});
    text += "output " + std::to_string(k) + ": " + Describe(t) + " -> " + path.string() + "\n";
  }
  const json j = {{"file", o.model},
                  {"arena_bytes", interpreter.arena_bytes_needed()},
                  {"repeat", o.repeat},
                  {"invoke_us_mean", mean_us},
                  {"outputs", j_outputs}};
  cli.Print(j, text);
  return Status::Ok();
}

void SetupModelRun(Cli& cli) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* sub = cli.ModelGroup()->add_subcommand(
      "run", "Run a .tflite model on the host through mote's device runtime: write its outputs, print the RAM "
             "(arena) it needs and the time per invoke");
  sub->add_option("file", o->model, "The .tflite file")->required();
  sub->add_option("--input", o->inputs, "Raw bytes of input K, one file per input in order")->required();
  sub->add_option("--output-dir", o->output_dir, "Folder for output_K.bin (created if missing)")->required();
  sub->add_option("--repeat", o->repeat, "Invokes to time (the mean is printed); outputs are from the first");
  cli.OnRun(sub, [&cli, o]() { return Run(cli, *o); });
}

}  // namespace
MOTE_REGISTER_COMMAND(model_run, 61, SetupModelRun);
}  // namespace mote
