// The files that the DSP bench firmware (firmware/apps/dsp_bench) exchanges
// with the host by semihosting: the request it reads from input.bin and the
// features it writes to output.bin. Shared by the firmware and by the host
// programs that drive it (tests/deploy/dsp_on_device_test.cc,
// bench/dsp_device_bench.cc), so both sides agree on one layout. C++17,
// header-only, no heap.
//
// Both files are sequences of 32-bit words in the byte order of the two
// ends, which is little-endian on every host and core mote supports,
// followed by the payload:
//
//   input.bin   kRequestWords words (WriteRequest), then num_samples int16
//               samples: the audio, 16 kHz mono for the parameters
//   output.bin  kResultWords words (WriteResult), then frames x features
//               values of value_bytes each, row-major: float (4), int16 Q15
//               features (2) or int8 (1)
//
// The mfcc_q15_int8 image also reads
//
//   normalization.bin  kInt8NormalizationMagic, features, then per feature
//                      multiplier (int32), bias (int64 as low, high words)
//                      and shift: dsp::Int8InputNormalization's tables
//                      (WriteInt8Normalization / ReadInt8Normalization)
//
// One firmware image runs one block, fixed when it is built (so that the
// image holds only that block's code and its size is the block's flash
// cost); the request names the block too, and the firmware refuses a
// request for another.
#pragma once

#include <cstdint>
#include <cstring>

#include "micro/dsp/mfcc.h"
#include "micro/dsp/mfe.h"
#include "micro/dsp/normalize.h"
#include "micro/dsp/spectrogram.h"

namespace mote::dsp_bench {

enum class BlockId : uint32_t {
  kNone = 0,  // reads and writes, computes nothing: the baseline for sizes
  kMfccF32 = 1,
  kMfccQ15 = 2,
  kMfeF32 = 3,
  kMfeQ15 = 4,
  kSpectrogramF32 = 5,
  kSpectrogramQ15 = 6,
  kMicroSpeech = 7,  // the micro_speech front end (micro/dsp/micro_speech)
  kMfccQ15Int8 = 8,  // MfccQ15, then NormalizeQ15ToInt8 with normalization.bin's tables
};
inline constexpr uint32_t kBlockCount = 9;

// The firmware image of block b is dsp_bench_<BlockName(b)>.elf. Returns
// nullptr for a value that is not a BlockId.
constexpr const char* BlockName(BlockId block) {
  switch (block) {
    case BlockId::kNone: return "none";
    case BlockId::kMfccF32: return "mfcc_f32";
    case BlockId::kMfccQ15: return "mfcc_q15";
    case BlockId::kMfeF32: return "mfe_f32";
    case BlockId::kMfeQ15: return "mfe_q15";
    case BlockId::kSpectrogramF32: return "spectrogram_f32";
    case BlockId::kSpectrogramQ15: return "spectrogram_q15";
    case BlockId::kMicroSpeech: return "micro_speech";
    case BlockId::kMfccQ15Int8: return "mfcc_q15_int8";
  }
  return nullptr;
}

// What the instruction-count markers wrap.
enum class Phase : uint32_t {
  kCompute = 0,  // computing the features of the whole input
  kInit = 1,     // building the block's tables (Init, or the front end's constructor)
};

// Exit statuses of the firmware besides 0 (254 is a fault, see
// firmware/common/startup.h).
inline constexpr int kExitBadInput = 2;    // input.bin missing, malformed or too long; output.bin not written
inline constexpr int kExitBlockError = 3;  // the block refused its parameters or output space; see Result::status

struct Request {
  BlockId block = BlockId::kNone;
  Phase counted = Phase::kCompute;
  uint32_t num_samples = 0;
  // The MFCC block reads all of these; the MFE and spectrogram blocks read
  // the parts that MfeParamsOf and SpectrogramParamsOf take; the
  // micro_speech front end has fixed parameters and reads none.
  dsp::MfccParams params;
};

inline dsp::MfeParams MfeParamsOf(const dsp::MfccParams& params) {
  dsp::MfeParams mfe;
  mfe.frame = params.frame;
  mfe.mel = params.mel;
  mfe.noise_floor_db = params.noise_floor_db;
  return mfe;
}

inline dsp::SpectrogramParams SpectrogramParamsOf(const dsp::MfccParams& params) {
  dsp::SpectrogramParams spectrogram;
  spectrogram.frame = params.frame;
  spectrogram.noise_floor_db = params.noise_floor_db;
  return spectrogram;
}

struct Result {
  BlockId block = BlockId::kNone;
  uint32_t status = 0;       // dsp::DspStatus of Init, then of Compute; 0 when both succeeded
  uint32_t frames = 0;       // output shape
  uint32_t features = 0;
  uint32_t value_bytes = 0;  // 4 float, 2 int16, 1 int8
  uint32_t arena_bytes = 0;  // what Init took from the arena (tables and scratch)
  uint32_t state_bytes = 0;  // sizeof the block object
  uint32_t stack_bytes = 0;  // deepest stack use of Init and Compute together
};

inline constexpr uint32_t kRequestMagic = 0x5144424Du;  // "MBDQ" in file order
inline constexpr uint32_t kResultMagic = 0x5244424Du;   // "MBDR"
inline constexpr uint32_t kRequestWords = 20;
inline constexpr uint32_t kResultWords = 9;

namespace internal {
inline uint32_t FloatBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}
inline float BitsFloat(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}
}  // namespace internal

inline void WriteRequest(const Request& request, uint32_t words[kRequestWords]) {
  using internal::FloatBits;
  const dsp::MfccParams& p = request.params;
  const uint32_t values[kRequestWords] = {
      kRequestMagic,
      static_cast<uint32_t>(request.block),
      static_cast<uint32_t>(request.counted),
      request.num_samples,
      p.frame.frame_length,
      p.frame.frame_stride,
      p.frame.fft_length,
      static_cast<uint32_t>(p.frame.padding),
      static_cast<uint32_t>(p.frame.window),
      FloatBits(p.frame.pre_emphasis),
      FloatBits(p.mel.sample_rate),
      p.mel.num_filters,
      FloatBits(p.mel.low_freq),
      FloatBits(p.mel.high_freq),
      static_cast<uint32_t>(p.mel.mel_scale),
      static_cast<uint32_t>(p.mel.mel_norm),
      p.num_cepstral,
      FloatBits(p.lifter),
      FloatBits(p.noise_floor_db),
      static_cast<uint32_t>(p.subtract_mean),
  };
  std::memcpy(words, values, sizeof(values));
}

// False, leaving *request partly set, when the magic is wrong or a field
// does not fit its type (an enum or count out of range); the blocks' own
// Validate checks the values.
inline bool ReadRequest(const uint32_t words[kRequestWords], Request* request) {
  using internal::BitsFloat;
  if (words[0] != kRequestMagic || words[1] >= kBlockCount || words[2] > 1 || words[19] > 1) return false;
  // padding, window, mel_scale, mel_norm are bytes; num_filters, num_cepstral 16 bits.
  if ((words[7] | words[8] | words[14] | words[15]) > 0xFF || (words[11] | words[16]) > 0xFFFF) return false;
  request->block = static_cast<BlockId>(words[1]);
  request->counted = static_cast<Phase>(words[2]);
  request->num_samples = words[3];
  dsp::MfccParams& p = request->params;
  p.frame.frame_length = words[4];
  p.frame.frame_stride = words[5];
  p.frame.fft_length = words[6];
  p.frame.padding = static_cast<dsp::Padding>(words[7]);
  p.frame.window = static_cast<dsp::WindowType>(words[8]);
  p.frame.pre_emphasis = BitsFloat(words[9]);
  p.mel.sample_rate = BitsFloat(words[10]);
  p.mel.num_filters = static_cast<uint16_t>(words[11]);
  p.mel.low_freq = BitsFloat(words[12]);
  p.mel.high_freq = BitsFloat(words[13]);
  p.mel.mel_scale = static_cast<dsp::MelScale>(words[14]);
  p.mel.mel_norm = static_cast<dsp::MelNorm>(words[15]);
  p.num_cepstral = static_cast<uint16_t>(words[16]);
  p.lifter = BitsFloat(words[17]);
  p.noise_floor_db = BitsFloat(words[18]);
  p.subtract_mean = words[19] != 0;
  return true;
}

inline void WriteResult(const Result& result, uint32_t words[kResultWords]) {
  const uint32_t values[kResultWords] = {
      kResultMagic,       static_cast<uint32_t>(result.block), result.status,
      result.frames,      result.features,                     result.value_bytes,
      result.arena_bytes, result.state_bytes,                  result.stack_bytes,
  };
  std::memcpy(words, values, sizeof(values));
}

// False when the magic or the block is wrong.
inline bool ReadResult(const uint32_t words[kResultWords], Result* result) {
  if (words[0] != kResultMagic || words[1] >= kBlockCount) return false;
  result->block = static_cast<BlockId>(words[1]);
  result->status = words[2];
  result->frames = words[3];
  result->features = words[4];
  result->value_bytes = words[5];
  result->arena_bytes = words[6];
  result->state_bytes = words[7];
  result->stack_bytes = words[8];
  return true;
}

inline constexpr uint32_t kInt8NormalizationMagic = 0x4E38424Du;  // "MB8N"
inline constexpr uint32_t kMaxNormalizedFeatures = 64;
inline constexpr uint32_t kInt8NormalizationWordsPerFeature = 4;

// normalization.bin's words for `norm` (norm.features <= kMaxNormalizedFeatures):
// 2 + 4 * norm.features words into `words`.
inline void WriteInt8Normalization(const dsp::Int8InputNormalization& norm, uint32_t* words) {
  words[0] = kInt8NormalizationMagic;
  words[1] = norm.features;
  for (uint32_t f = 0; f < norm.features; ++f) {
    uint32_t* w = words + 2 + kInt8NormalizationWordsPerFeature * f;
    const uint64_t bias = static_cast<uint64_t>(norm.bias[f]);
    w[0] = static_cast<uint32_t>(norm.multiplier[f]);
    w[1] = static_cast<uint32_t>(bias);
    w[2] = static_cast<uint32_t>(bias >> 32);
    w[3] = norm.shift[f];
  }
}

// The tables of `words` (`count` words) into the caller's arrays of
// kMaxNormalizedFeatures entries; false when the magic, the length or a
// shift is wrong.
inline bool ReadInt8Normalization(const uint32_t* words, uint32_t count, int32_t* multiplier, int64_t* bias,
                                  uint8_t* shift, dsp::Int8InputNormalization* norm) {
  if (count < 2 || words[0] != kInt8NormalizationMagic || words[1] > kMaxNormalizedFeatures ||
      count != 2 + kInt8NormalizationWordsPerFeature * words[1])
    return false;
  for (uint32_t f = 0; f < words[1]; ++f) {
    const uint32_t* w = words + 2 + kInt8NormalizationWordsPerFeature * f;
    if (w[3] > 62) return false;
    multiplier[f] = static_cast<int32_t>(w[0]);
    bias[f] = static_cast<int64_t>((static_cast<uint64_t>(w[2]) << 32) | w[1]);
    shift[f] = static_cast<uint8_t>(w[3]);
  }
  *norm = {words[1], multiplier, bias, shift};
  return true;
}

}  // namespace mote::dsp_bench
