// mote bench FILE --target T [--runtime interpreter|aot] [--input BIN...]:
// runs a .tflite model on an emulated board, through micro/nn's interpreter
// (src/deploy/nn_device_runner.h) or through the ahead-of-time code that
// `mote export --format cpp-lib` generates (src/deploy/aot_device_runner.h),
// and prints the instructions of one inference, the RAM the model needed
// and the flash that the runtime and the model take. A K-means run's
// kmeans.json runs as its generated scoring library (deploy/kmeans_lib.h).
#include <fmt/format.h>

#include "cli/cli.h"
#include "core/file_util.h"
#include "deploy/aot_device_runner.h"
#include "deploy/kmeans_lib.h"
#include "deploy/nn_device_runner.h"

namespace mote {
namespace {

struct BenchOptions {
  std::string model;
  std::string target;
  std::string runtime;  // empty: interpreter for a .tflite, aot for a kmeans.json
  std::vector<std::string> inputs;
};

// The bytes for each graph input: the --input files, checked against the
// model's input sizes, or zeros when none are given.
Result<std::vector<std::string>> ReadInputs(const BenchOptions& o, const std::vector<uint32_t>& sizes) {
  std::vector<std::string> inputs;
  if (o.inputs.empty()) {
    for (uint32_t size : sizes) inputs.emplace_back(size, '\0');
    return inputs;
  }
  if (o.inputs.size() != sizes.size())
    return Status::InvalidArgument(
        fmt::format("{}: the model has {} inputs, --input gave {}", o.model, sizes.size(), o.inputs.size()));
  for (size_t k = 0; k < sizes.size(); ++k) {
    MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(o.inputs[k]));
    if (bytes.size() != sizes[k])
      return Status::InvalidArgument(
          fmt::format("{}: {} bytes, but input {} of the model takes {}", o.inputs[k], bytes.size(), k, sizes[k]));
    inputs.push_back(std::move(bytes));
  }
  return inputs;
}

void SetupBench(Cli& cli) {
  auto o = std::make_shared<BenchOptions>();
  std::string targets;
  for (const DeviceTarget& t : DeviceTargets()) targets += (targets.empty() ? "" : ", ") + std::string(t.name);
  CLI::App* sub = cli.app().add_subcommand(
      "bench", "Run a .tflite model on an emulated board: instructions per inference, RAM and flash bytes");
  sub->add_option("file", o->model, "The .tflite file, or a K-means run's kmeans.json")->required();
  sub->add_option("--target", o->target, "Where to run it: " + targets)->required();
  sub->add_option("--runtime", o->runtime,
                  "interpreter (the .tflite run by micro/nn's interpreter, the default) or aot (the generated code "
                  "of `mote export --format cpp-lib`, built for the board with cmake and arm-none-eabi-gcc; the "
                  "only form of a kmeans.json)")
      ->check(CLI::IsMember({"interpreter", "aot"}));
  sub->add_option("--input", o->inputs,
                  "The bytes of each graph input, in order (default: zeros; instruction counts can depend on the "
                  "data)");
  sub->footer(
      "Instructions are counted by QEMU's TCG plugin between the start and the end of one Invoke: a repeatable "
      "proxy for latency on one core, not cycles. RAM is the interpreter's arena (aot: the planned arena); flash is "
      "micro/nn's code in the -O2 image plus the model (aot: the kernels, the generated functions and the generated "
      "constants as linked). See docs/emulated-boards.md and docs/runtime.md.");
  cli.OnRun(sub, [&cli, o]() -> Status {
    MOTE_ASSIGN_OR_RETURN(const DeviceTarget* target, FindDeviceTarget(o->target));
    MOTE_ASSIGN_OR_RETURN(std::string model, ReadFile(o->model));
    const bool kmeans = std::filesystem::path(o->model).extension() == ".json";
    if (kmeans && o->runtime == "interpreter") {
      return Status::Usage("--runtime interpreter: a K-means model (kmeans.json) has generated code only (aot)");
    }
    const std::string runtime = !o->runtime.empty() ? o->runtime : kmeans ? "aot" : "interpreter";
    std::vector<uint32_t> sizes;
    if (kmeans) {
      MOTE_ASSIGN_OR_RETURN(deploy::KMeansFile file, deploy::ParseKMeansFile(model, o->model));
      sizes = {file.dims * 4u};  // one window of float features
    } else {
      MOTE_ASSIGN_OR_RETURN(sizes, ModelInputBytes(model, o->model));
    }
    MOTE_ASSIGN_OR_RETURN(std::vector<std::string> inputs, ReadInputs(*o, sizes));
    NnDeviceOptions options;
    options.target = target;
    options.label = o->model;
    const bool aot = runtime == "aot";
    MOTE_ASSIGN_OR_RETURN(NnDeviceRun run, kmeans ? RunKMeansOnDevice(options, model, inputs)
                                           : aot  ? RunAotModelOnDevice(options, model, inputs)
                                                  : RunModelOnDevice(options, model, inputs));

    nlohmann::json j = {{"model", o->model},
                        {"target", std::string(target->name)},
                        {"core", std::string(target->core)},
                        {"runtime", runtime},
                        {"instructions", run.instructions},
                        {"ram_bytes", run.arena_bytes},
                        {"stack_bytes", run.stack_bytes},
                        {"flash_bytes", run.flash_bytes()},
                        {"runtime_code_bytes", run.runtime_code_bytes},
                        {"generated_code_bytes", run.generated_code_bytes},
                        {"model_bytes", run.model_bytes},
                        {"image_flash_bytes", run.image_flash_bytes},
                        {"inputs", o->inputs.empty() ? "zeros" : "files"}};
    const std::string flash =
        aot ? fmt::format("  flash ({} + generated code + constants) {} bytes ({} + {} + {}; whole -O2 image {})",
                          kmeans ? "scorer" : "kernels", run.flash_bytes(), run.runtime_code_bytes,
                          run.generated_code_bytes, run.model_bytes, run.image_flash_bytes)
            : fmt::format("  flash (runtime + model)     {} bytes ({} + {}; whole -O2 image {})", run.flash_bytes(),
                          run.runtime_code_bytes, run.model_bytes, run.image_flash_bytes);
    std::string text = fmt::format(
        "{} on {} ({}, QEMU {}){}{}\n"
        "  instructions per inference  {}\n"
        "  {:<28}{} bytes (stack {} bytes)\n{}",
        o->model, target->name, target->core, target->machine, aot ? ", generated code" : "",
        o->inputs.empty() ? ", zero inputs" : "", run.instructions,
        aot ? "RAM (planned arena)" : "RAM (interpreter arena)", run.arena_bytes, run.stack_bytes, flash);
    cli.Print(j, text);
    return Status::Ok();
  });
}

}  // namespace
MOTE_REGISTER_COMMAND(bench, 85, SetupBench);
}  // namespace mote
