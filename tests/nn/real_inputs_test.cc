// Real inputs with known answers (../shared/models/README.md): the person
// images through person_detect and the four speech feature files through
// micro_speech give TensorFlow Lite Micro's documented scores; so do the
// four speech clips when mote's own front end (micro/dsp/micro_speech)
// computes their features from the WAV audio.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "dsp/dsp_test_util.h"
#include "micro/dsp/micro_speech/micro_speech_frontend.h"
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

// The documented micro_speech results per clip ([silence, unknown, yes, no]).
struct SpeechCase {
  const char* clip;
  std::vector<int8_t> scores;
  size_t label;  // index of the documented label
};
const SpeechCase kSpeechCases[] = {
    {"yes", {-128, -128, 127, -128}, 2},
    {"no", {-128, -114, -128, 114}, 3},
    {"silence", {-42, -68, -68, -78}, 0},
    {"noise", {120, -125, -126, -125}, 0},
};

TEST(NnRealInputsTest, SpeechFeaturesGiveDocumentedScores) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  std::unique_ptr<LoadedModel> model = LoadModel(dir / "micro_speech_quantized.tflite");
  ASSERT_TRUE(model);
  for (const SpeechCase& c : kSpeechCases) {
    EXPECT_EQ(Classify(*model, ReadBytes(dir / "speech" / (std::string(c.clip) + "_features.bin"))), c.scores) << c.clip;
  }
}

// Raw audio to label with mote alone: the WAV through mote's micro_speech
// front end (49 windows of 40 features, state carried), the features through
// mote's runtime. The documented label is the acceptance; the scores are
// checked too, since the front end is bit-exact and any change would show.
TEST(NnRealInputsTest, SpeechAudioThroughMoteFrontEndGivesDocumentedLabels) {
  const fs::path dir = SharedModelsDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)";
  std::unique_ptr<LoadedModel> model = LoadModel(dir / "micro_speech_quantized.tflite");
  ASSERT_TRUE(model);
  namespace ms = dsp::micro_speech;
  constexpr size_t kWindows = 49;
  ms::MicroSpeechFrontend frontend;
  for (const SpeechCase& c : kSpeechCases) {
    const std::vector<int16_t> audio =
        dsp::testing::ReadMonoWav(dir / "speech" / (std::string(c.clip) + "_1000ms.wav"), ms::kSampleRateHz);
    std::vector<uint8_t> features(kWindows * ms::kFeaturesPerWindow);
    ASSERT_EQ(frontend.ProcessClip(audio.data(), audio.size(), reinterpret_cast<int8_t*>(features.data()), kWindows),
              kWindows)
        << c.clip;
    const std::vector<int8_t> scores = Classify(*model, features);
    ASSERT_EQ(scores.size(), 4u) << c.clip;
    const auto label = static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    EXPECT_EQ(label, c.label) << c.clip;
    EXPECT_EQ(scores, c.scores) << c.clip;
  }
}

}  // namespace
}  // namespace mote::testing
