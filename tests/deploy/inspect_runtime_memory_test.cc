// `mote model inspect` prints the RAM micro/nn's interpreter asks for: the
// figure equals arena_bytes_needed() of an interpreter prepared in the test,
// on every shared model micro/nn runs; models it cannot run fall back to the
// simple plan, labelled with the reason.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "nn/built_model_util.h"
#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

using json = nlohmann::json;

TEST(InspectRuntimeMemory, EqualsTheInterpretersArenaOnEverySupportedSharedModel) {
  const std::filesystem::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  TempDir tmp;
  for (const char* name :
       {"hello_world_float", "hello_world_int8", "micro_speech_quantized", "person_detect", "simple_add_model"}) {
    const std::filesystem::path file = dir / (std::string(name) + ".tflite");
    std::unique_ptr<LoadedModel> model = LoadModel(file);
    ASSERT_TRUE(model) << name;
    const RunResult r = RunMote({"model", "inspect", file.string(), "--json"}, tmp.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    const nn::Interpreter& nn = model->interpreter;
    EXPECT_EQ(j["arena_bytes"].get<size_t>(), nn.arena_bytes_needed()) << name;
    EXPECT_EQ(j["memory"]["generated_code_ram_bytes"].get<uint32_t>(), nn.plan_stats().used) << name;
    EXPECT_EQ(j["activation_bytes"].get<uint32_t>(), nn.plan_stats().used) << name;
    EXPECT_EQ(j["activation_plan"], "micro/nn's planner (graph 0)") << name;
    // Each activation's offset is where the interpreter put it.
    for (const json& t : j["graphs"][0]["tensors"]) {
      const uint32_t offset = nn.activation_offset(t["index"].get<uint32_t>());
      if (offset == nn::Interpreter::kNoOffset) {
        EXPECT_TRUE(t["arena_offset"].is_null()) << name << " tensor " << t["index"];
      } else {
        EXPECT_EQ(t["arena_offset"].get<uint32_t>(), offset) << name << " tensor " << t["index"];
      }
    }
    const RunResult text = RunMote({"model", "inspect", file.string()}, tmp.path());
    EXPECT_NE(text.out.find("RAM (micro/nn): " + std::to_string(nn.arena_bytes_needed()) + " bytes of arena"),
              std::string::npos)
        << text.out;
  }
}

TEST(InspectRuntimeMemory, ModelsTheRuntimeCannotRunFallBackLabelled) {
  TempDir tmp;
  const std::filesystem::path file = tmp.path() / "unsupported.tflite";
  WriteBytes(file, UnsupportedOpModel());
  const RunResult r = RunMote({"model", "inspect", file.string(), "--json"}, tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_TRUE(j["arena_bytes"].is_null());
  EXPECT_GT(j["activation_bytes"].get<int64_t>(), 0);
  const std::string plan = j["activation_plan"];
  EXPECT_NE(plan.find("simple lifetime plan"), std::string::npos) << plan;
  EXPECT_NE(plan.find("op 0 (MoteNoSuchOp): unsupported op"), std::string::npos) << plan;
  const RunResult text = RunMote({"model", "inspect", file.string()}, tmp.path());
  EXPECT_NE(text.out.find("activation bytes (simple lifetime plan, not micro/nn's: micro/nn cannot run the model"),
            std::string::npos)
      << text.out;
}

}  // namespace
}  // namespace mote::testing
