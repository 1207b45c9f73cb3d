// Real inputs with known answers (../shared/models/README.md): the person
// images through person_detect and the four speech feature files through
// micro_speech give TensorFlow Lite Micro's documented scores.
#include <gtest/gtest.h>

#include <cstring>

#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using nn::NnStatus;

std::vector<int8_t> Classify(LoadedModel& model, const std::vector<uint8_t>& input) {
  nn::Interpreter& interpreter = model.interpreter;
  const nn::Tensor in = interpreter.input(0);
  EXPECT_EQ(in.bytes, input.size());
  if (in.bytes != input.size()) return {};
  std::memcpy(in.data, input.data(), input.size());
  EXPECT_EQ(interpreter.Invoke(), NnStatus::kOk) << ErrorText(interpreter);
  const nn::Tensor out = interpreter.output(0);
  const auto* scores = static_cast<const int8_t*>(out.data);
  return std::vector<int8_t>(scores, scores + out.bytes);
}

// The pixels of an 8-bit 96x96 BMP, top row first (BMP stores rows bottom-up
// when its height is positive, each padded to 4 bytes).
std::vector<uint8_t> BmpPixelsTopDown(const fs::path& path) {
  const std::vector<uint8_t> file = ReadBytes(path);
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    std::memcpy(&v, file.data() + at, 4);
    return v;
  };
  EXPECT_GE(file.size(), 54u);
  if (file.size() < 54) return {};
  const uint32_t offset = u32(10);
  const int32_t width = static_cast<int32_t>(u32(18)), height = static_cast<int32_t>(u32(22));
  const bool bottom_up = height > 0;
  const int32_t rows = bottom_up ? height : -height;
  const size_t stride = (static_cast<size_t>(width) + 3) / 4 * 4;
  EXPECT_LE(offset + stride * rows, file.size());
  std::vector<uint8_t> pixels;
  for (int32_t r = 0; r < rows; ++r) {
    const size_t row = static_cast<size_t>(bottom_up ? rows - 1 - r : r);
    const uint8_t* p = file.data() + offset + row * stride;
    pixels.insert(pixels.end(), p, p + width);
  }
  return pixels;
}

TEST(NnRealInputsTest, PersonImagesGiveDocumentedScores) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  std::unique_ptr<LoadedModel> model = LoadModel(dir / "person_detect.tflite");
  ASSERT_TRUE(model);
  EXPECT_EQ(Classify(*model, BmpPixelsTopDown(dir / "person" / "person.bmp")), (std::vector<int8_t>{-113, 113}));
  EXPECT_EQ(Classify(*model, BmpPixelsTopDown(dir / "person" / "no_person.bmp")), (std::vector<int8_t>{57, -57}));
}

TEST(NnRealInputsTest, SpeechFeaturesGiveDocumentedScores) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  std::unique_ptr<LoadedModel> model = LoadModel(dir / "micro_speech_quantized.tflite");
  ASSERT_TRUE(model);
  const struct {
    const char* clip;
    std::vector<int8_t> scores;
  } cases[] = {
      {"yes", {-128, -128, 127, -128}},
      {"no", {-128, -114, -128, 114}},
      {"silence", {-42, -68, -68, -78}},
      {"noise", {120, -125, -126, -125}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Classify(*model, ReadBytes(dir / "speech" / (std::string(c.clip) + "_features.bin"))), c.scores) << c.clip;
  }
}

}  // namespace
}  // namespace mote::testing
