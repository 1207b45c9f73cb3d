// micro/nn's C API, called from a C file, gives what the C++ API gives.
#include <gtest/gtest.h>

#include <cstring>

#include "nn/c_api_hello.h"
#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

TEST(NnCApiTest, RunsAModelFromCAndReportsErrors) {
  const std::filesystem::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  AlignedBytes blob(ReadBytes(dir / "micro_speech_quantized.tflite"));
  const std::vector<uint8_t> input = ReadBytes(dir / "speech" / "yes_features.bin");
  int8_t scores[4] = {};
  size_t needed = 0;
  char error[128] = {};
  // Too small first: the C API reports the figure.
  AlignedBytes small(100);
  EXPECT_EQ(mote_nn_c_run_once(blob.data(), blob.size(), small.data(), small.size(), input.data(), input.size(),
                               scores, sizeof scores, &needed, error, sizeof error),
            10 /* MOTE_NN_ARENA_TOO_SMALL */);
  EXPECT_GT(needed, 100u);
  EXPECT_NE(std::strstr(error, "arena too small"), nullptr) << error;
  AlignedBytes arena(64 * 1024);
  ASSERT_EQ(mote_nn_c_run_once(blob.data(), blob.size(), arena.data(), arena.size(), input.data(), input.size(), scores,
                               sizeof scores, &needed, error, sizeof error),
            0)
      << error;
  EXPECT_EQ(std::vector<int8_t>(scores, scores + 4), (std::vector<int8_t>{-128, -128, 127, -128}));

  std::unique_ptr<LoadedModel> cpp = LoadModel(dir / "micro_speech_quantized.tflite");
  ASSERT_TRUE(cpp);
  EXPECT_EQ(needed, cpp->interpreter.arena_bytes_needed());
}

}  // namespace
}  // namespace mote::testing
