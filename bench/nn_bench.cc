// micro/nn on the host beside TensorFlow Lite Micro's figures in
// ../shared/models/golden/golden.json: arena bytes and instructions in one
// Invoke (reference kernels, x86-64, counted by valgrind's callgrind, as
// golden.json's tflm_invoke_instructions_x86 were).
//
//   build/bench/nn_bench                 runs itself under callgrind per model, prints the table,
//                                        then the memory plans of residual networks built through
//                                        mote's IR (greedy by size beside mote's planner)
//   build/bench/nn_bench --plans         those plans only
//   build/bench/nn_bench --model NAME    one Invoke of NAME on its golden input (what callgrind counts)
//
// Only mote::nn::Interpreter::Invoke() is counted (--toggle-collect), so
// loading, Prepare and the output check are not.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "micro/nn/interpreter.h"
#include "nn/residual_net_model.h"

namespace {

namespace fs = std::filesystem;
using mote::nn::Interpreter;
using mote::nn::NnStatus;

const char* const kModels[] = {"hello_world_float", "hello_world_int8", "micro_speech_quantized", "person_detect",
                               "simple_add_model",  "keyword_scrambled_8bit", "trained_lstm_int8",
                               "audio_preprocessor_int8"};

fs::path ModelsDir() {
  if (const char* env = std::getenv("MOTE_SHARED_MODELS"); env && *env) return env;
  return fs::path(MOTE_SOURCE_DIR) / ".." / "shared" / "models";
}

std::vector<uint8_t> Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct AlignedFree {
  void operator()(uint8_t* p) const { std::free(p); }
};
using Aligned = std::unique_ptr<uint8_t, AlignedFree>;
Aligned Allocate(size_t n) { return Aligned(static_cast<uint8_t*>(std::aligned_alloc(16, (n + 15) / 16 * 16 + 16))); }

// One Invoke of `name` on its golden input; checks the output; prints the
// arena it needed. Returns the process exit status.
int RunOne(const std::string& name) {
  const fs::path dir = ModelsDir();
  const std::vector<uint8_t> bytes = Read(dir / (name + ".tflite"));
  Aligned blob = Allocate(bytes.size());
  std::memcpy(blob.get(), bytes.data(), bytes.size());
  Interpreter interpreter;
  char message[160];
  auto fail = [&](const char* stage) {
    mote::nn::FormatNnError(interpreter.error(), message, sizeof message);
    std::fprintf(stderr, "nn_bench: %s: %s: %s\n", name.c_str(), stage, message);
    return 1;
  };
  if (interpreter.Init(blob.get(), bytes.size()) != NnStatus::kOk) return fail("init");
  interpreter.Prepare(nullptr, 0);
  Aligned arena;
  NnStatus status = NnStatus::kArenaTooSmall;
  for (int i = 0; i < 3 && status == NnStatus::kArenaTooSmall; ++i) {
    arena = Allocate(interpreter.arena_bytes_needed());
    status = interpreter.Prepare(arena.get(), interpreter.arena_bytes_needed());
  }
  if (status != NnStatus::kOk) return fail("prepare");
  for (uint32_t i = 0; i < interpreter.input_count(); ++i) {
    const std::vector<uint8_t> input = Read(dir / "golden" / name / ("input_" + std::to_string(i) + ".bin"));
    if (input.size() != interpreter.input(i).bytes) return fail("input size");
    std::memcpy(interpreter.input(i).data, input.data(), input.size());
  }
  if (interpreter.Invoke() != NnStatus::kOk) return fail("invoke");
  const std::vector<uint8_t> expected = Read(dir / "golden" / name / "output_0.bin");
  const mote::nn::Tensor out = interpreter.output(0);
  const bool same = out.bytes == expected.size() && std::memcmp(out.data, expected.data(), out.bytes) == 0;
  std::printf("%s arena %zu output %s\n", name.c_str(), interpreter.arena_bytes_needed(),
              same ? "identical" : "differs (float: see tests)");
  return 0;
}

// Activation bytes of greedy placement by size and of mote's planner, in
// the same run, on residual networks (tests/nn/residual_net_model.h).
int PrintResidualPlans() {
  std::printf("\n%-28s %10s %10s %12s %12s %s\n", "residual int8 network", "greedy", "mote", "best greedy",
              "lower bound", "planning time");
  const struct {
    const char* name;
    mote::testing::ResidualNetShape shape;
  } nets[] = {{"ResNet-8 (16-16-32-64)", mote::testing::ResNet8()},
              {"ResNet 8-12-64", mote::testing::WideningResNet()}};
  for (const auto& net : nets) {
    const std::string tflite = mote::testing::ResidualNetTflite(net.shape);
    Aligned blob = Allocate(tflite.size());
    std::memcpy(blob.get(), tflite.data(), tflite.size());
    Interpreter interpreter;
    if (interpreter.Init(blob.get(), tflite.size()) != NnStatus::kOk) return 1;
    interpreter.Prepare(nullptr, 0);
    Aligned arena;
    NnStatus status = NnStatus::kArenaTooSmall;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 3 && status == NnStatus::kArenaTooSmall; ++i) {
      arena = Allocate(interpreter.arena_bytes_needed());
      status = interpreter.Prepare(arena.get(), interpreter.arena_bytes_needed());
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (status != NnStatus::kOk) return 1;
    const mote::nn::PlanStats& p = interpreter.plan_stats();
    std::printf("%-28s %10u %10u %12u %12u %.1f ms (Prepare)%s\n", net.name, p.greedy_by_size, p.used,
                p.before_search, p.lower_bound, ms, p.proven_optimal ? ", optimal" : "");
  }
  return 0;
}

// Instructions callgrind counted in `out_file` (its "totals:" line).
long long CallgrindTotal(const fs::path& out_file) {
  std::ifstream in(out_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("totals:", 0) == 0) return std::atoll(line.c_str() + 7);
  }
  return -1;
}

int RunAll(const char* self) {
  const fs::path dir = ModelsDir();
  std::ifstream json_file(dir / "golden" / "golden.json");
  if (!json_file) {
    std::fprintf(stderr, "nn_bench: %s: not found (set MOTE_SHARED_MODELS)\n", (dir / "golden" / "golden.json").c_str());
    return 1;
  }
  const nlohmann::json golden = nlohmann::json::parse(json_file);
  const fs::path tmp = fs::temp_directory_path() / ("mote_nn_bench_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::printf("%-24s %12s %12s %14s %14s %7s\n", "model", "arena mote", "arena TFLM", "insns mote", "insns TFLM",
              "ratio");
  int status = 0;
  for (const char* name : kModels) {
    const fs::path out = tmp / (std::string(name) + ".callgrind");
    const fs::path log = tmp / (std::string(name) + ".log");
    const std::string command = "valgrind --tool=callgrind --toggle-collect='mote::nn::Interpreter::Invoke()' "
                                "--callgrind-out-file=" + out.string() + " '" + self + "' --model " + name + " > " +
                                log.string() + " 2>&1";
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "nn_bench: %s failed; see %s\n", name, log.c_str());
      status = 1;
      continue;
    }
    std::ifstream log_in(log);
    std::string word, model;
    size_t arena = 0;
    while (log_in >> word) {
      if (word == "arena") log_in >> arena;
    }
    const long long insns = CallgrindTotal(out);
    const auto& g = golden.at(name);
    const long long tflm_insns = g.at("tflm_invoke_instructions_x86").get<long long>();
    std::printf("%-24s %12zu %12zu %14lld %14lld %7.3f\n", name, arena, g.at("tflm_arena_used_bytes").get<size_t>(),
                insns, tflm_insns, static_cast<double>(insns) / static_cast<double>(tflm_insns));
  }
  fs::remove_all(tmp);
  return PrintResidualPlans() != 0 ? 1 : status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--model") == 0) return RunOne(argv[2]);
  if (argc == 2 && std::strcmp(argv[1], "--plans") == 0) return PrintResidualPlans();
  if (argc != 1) {
    std::fprintf(stderr, "usage: nn_bench [--model NAME | --plans]\n");
    return 2;
  }
  return RunAll(argv[0]);
}
