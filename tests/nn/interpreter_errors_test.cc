// The interpreter's failure modes: too small an arena (a clear error, no
// byte written outside it), unsupported ops (named, with their index),
// and corrupted or truncated blobs (an error status, never a crash; run this
// file under AddressSanitizer to check the "never reads outside" part).
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "nn/nn_test_util.h"
#include "test_util.h"

namespace mote::testing {
namespace {

namespace fs = std::filesystem;
using nn::NnStatus;

fs::path ModelPath(const std::string& name) { return SharedModelsDir() / (name + ".tflite"); }

#define SKIP_WITHOUT_SHARED_MODELS() \
  if (SharedModelsDir().empty()) GTEST_SKIP() << "../shared/models not found (set MOTE_SHARED_MODELS)"

TEST(NnInterpreterErrorsTest, TooSmallArenaIsAnErrorAndWritesNothingOutside) {
  SKIP_WITHOUT_SHARED_MODELS();
  for (const char* name : {"micro_speech_quantized", "hello_world_int8", "simple_add_model"}) {
    AlignedBytes blob(ReadBytes(ModelPath(name)));
    nn::Interpreter interpreter;
    ASSERT_EQ(interpreter.Init(blob.data(), blob.size()), NnStatus::kOk) << ErrorText(interpreter);
    AlignedBytes sized;
    ASSERT_EQ(PrepareWithNeededArena(interpreter, &sized), NnStatus::kOk) << ErrorText(interpreter);
    const size_t needed = interpreter.arena_bytes_needed();
    // Every size short of the need, from nothing to one byte short (sampled
    // for the larger models), inside a guarded buffer.
    const size_t step = needed > 2000 ? needed / 97 : 1;
    for (size_t size = 0; size < needed; size += (size + step >= needed && size + 1 < needed) ? needed - 1 - size : step) {
      constexpr size_t kGuard = 64;
      AlignedBytes guarded(size + 2 * kGuard);
      std::memset(guarded.data(), 0xA5, guarded.size());
      const NnStatus status = interpreter.Prepare(guarded.data() + kGuard, size);
      ASSERT_EQ(status, NnStatus::kArenaTooSmall) << name << " with " << size << " bytes";
      EXPECT_GE(interpreter.error().needed, size + 1);
      EXPECT_EQ(interpreter.Invoke(), NnStatus::kNotPrepared);
      for (size_t i = 0; i < kGuard; ++i) {
        ASSERT_EQ(guarded.data()[i], 0xA5) << name << ": wrote before the arena";
        ASSERT_EQ(guarded.data()[kGuard + size + i], 0xA5) << name << ": wrote after the arena of " << size;
      }
    }
    // The error says how much is needed: exactly, once the arena holds
    // the planner's working set (it does for micro_speech at needed - 1).
    AlignedBytes small(needed - 1);
    ASSERT_EQ(interpreter.Prepare(small.data(), small.size()), NnStatus::kArenaTooSmall);
    if (std::string(name) == "micro_speech_quantized") {
      EXPECT_EQ(ErrorText(interpreter),
                "arena too small: needs " + std::to_string(needed) + " bytes, got " + std::to_string(needed - 1));
    }
  }
  AlignedBytes blob(ReadBytes(ModelPath("micro_speech_quantized")));
  nn::Interpreter interpreter;
  ASSERT_EQ(interpreter.Init(blob.data(), blob.size()), NnStatus::kOk);
  EXPECT_EQ(interpreter.Prepare(nullptr, 0), NnStatus::kArenaTooSmall);
  EXPECT_TRUE(interpreter.error().needed_at_least);
  EXPECT_EQ(ErrorText(interpreter), "arena too small: needs at least " + std::to_string(interpreter.error().needed) +
                                        " bytes, got 0");
}

TEST(NnInterpreterErrorsTest, UnsupportedOpsAreNamedWithTheirIndex) {
  SKIP_WITHOUT_SHARED_MODELS();
  // A firmware that links only these kernels (AllOps() has the recurrent
  // and signal ones).
  static const nn::OpKernel kUnused = {nullptr, nullptr};
  static const nn::OpRegistration kFew[] = {
      {nn::tflite::kFullyConnected, nullptr, "FULLY_CONNECTED", &kUnused},
      {nn::tflite::kQuantize, nullptr, "QUANTIZE", &kUnused},
  };
  const nn::OpResolver few(kFew, 2);
  const struct {
    const char* model;
    const char* message;
  } cases[] = {
      {"trained_lstm_int8", "op 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): unsupported op"},
      {"keyword_scrambled_8bit", "op 1 (SVDF): unsupported op"},
      {"audio_preprocessor_int8", "op 0 (SignalWindow): unsupported op"},
  };
  for (const auto& c : cases) {
    AlignedBytes blob(ReadBytes(ModelPath(c.model)));
    nn::Interpreter interpreter;
    EXPECT_EQ(interpreter.Init(blob.data(), blob.size(), few), NnStatus::kUnsupportedOp) << c.model;
    EXPECT_EQ(ErrorText(interpreter), c.message);
    EXPECT_EQ(interpreter.Prepare(nullptr, 0), NnStatus::kNotPrepared);
  }
}

TEST(NnInterpreterErrorsTest, WrongIdentifierIsNotTflite) {
  SKIP_WITHOUT_SHARED_MODELS();
  std::vector<uint8_t> bytes = ReadBytes(ModelPath("hello_world_int8"));
  bytes[4] = 'X';
  AlignedBytes blob(bytes);
  nn::Interpreter interpreter;
  EXPECT_EQ(interpreter.Init(blob.data(), blob.size()), NnStatus::kNotTflite);
  EXPECT_EQ(ErrorText(interpreter), "file identifier: not a .tflite model (no \"TFL3\" identifier)");
}

// Init, Prepare and Invoke on a damaged blob: any status is fine, a crash
// or a read outside the blob or arena is not.
void RunDamaged(const std::vector<uint8_t>& bytes) {
  AlignedBytes blob(bytes);
  nn::Interpreter interpreter;
  if (interpreter.Init(blob.data(), blob.size()) != NnStatus::kOk) return;
  AlignedBytes arena;
  if (PrepareWithNeededArena(interpreter, &arena) != NnStatus::kOk) return;
  if (interpreter.arena_bytes_needed() > (1u << 22)) return;
  interpreter.Invoke();
}

TEST(NnInterpreterErrorsTest, TruncatedBlobsNeverCrash) {
  SKIP_WITHOUT_SHARED_MODELS();
  for (const char* name : {"hello_world_int8", "hello_world_float", "simple_add_model"}) {
    const std::vector<uint8_t> bytes = ReadBytes(ModelPath(name));
    for (size_t n = 0; n < bytes.size(); ++n) {
      std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
      AlignedBytes blob(truncated);
      nn::Interpreter interpreter;
      EXPECT_NE(interpreter.Init(blob.data(), blob.size()), NnStatus::kOk) << name << " cut at " << n;
    }
  }
}

TEST(NnInterpreterErrorsTest, FlippedBytesNeverCrash) {
  SKIP_WITHOUT_SHARED_MODELS();
  std::mt19937 rng(20261125);
  for (const char* name : {"hello_world_int8", "hello_world_float", "micro_speech_quantized", "simple_add_model",
                           "keyword_scrambled_8bit", "trained_lstm_int8", "audio_preprocessor_int8"}) {
    const std::vector<uint8_t> bytes = ReadBytes(ModelPath(name));
    // The flatbuffer's tables sit after the weights; flip there more often.
    std::uniform_int_distribution<size_t> anywhere(0, bytes.size() - 1);
    for (int trial = 0; trial < 400; ++trial) {
      std::vector<uint8_t> damaged = bytes;
      const int flips = 1 + trial % 4;
      for (int f = 0; f < flips; ++f) damaged[anywhere(rng)] ^= static_cast<uint8_t>(1u << (rng() % 8));
      RunDamaged(damaged);
    }
  }
}

}  // namespace
}  // namespace mote::testing
