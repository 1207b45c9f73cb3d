// The DSP bench image of a Q15 MFCC feeding an int8 model: dsp::MfccQ15,
// then dsp::NormalizeQ15ToInt8 with the tables the host folded from the
// train split's statistics and the model input's quantization
// (normalization.bin, bench_files.h). The counted Compute phase covers both;
// the arena figure is the MFCC's (the tables and features are static).
#include "apps/dsp_bench/feature_block_run.h"
#include "common/board.h"
#include "micro/dsp/mfcc_q15.h"
#include "micro/dsp/normalize.h"
#include "semihosting/semihosting.h"

namespace mote::dsp_bench {

const BlockId kImageBlock = BlockId::kMfccQ15Int8;

namespace {

constexpr uint32_t kTableWords = 2 + kInt8NormalizationWordsPerFeature * kMaxNormalizedFeatures;
uint32_t g_table_words[kTableWords];
int32_t g_multiplier[kMaxNormalizedFeatures];
int64_t g_bias[kMaxNormalizedFeatures];
uint8_t g_shift[kMaxNormalizedFeatures];
// Two seconds of 13 MFCCs at the default framing, and room to spare.
int16_t g_features[16 * 1024];

// Exits with kExitBadInput (after a line on the UART) when the file is
// missing or malformed.
dsp::Int8InputNormalization ReadTables() {
  const int handle = semihost_open("normalization.bin", SEMIHOST_OPEN_READ);
  const long size = handle < 0 ? -1 : semihost_file_length(handle);
  dsp::Int8InputNormalization norm;
  const bool ok = size > 0 && size % 4 == 0 && size <= static_cast<long>(sizeof(g_table_words)) &&
                  semihost_read(handle, g_table_words, static_cast<size_t>(size)) == size &&
                  ReadInt8Normalization(g_table_words, static_cast<uint32_t>(size / 4), g_multiplier, g_bias, g_shift,
                                        &norm);
  if (handle >= 0) semihost_close(handle);
  if (!ok) {
    board_uart_print("normalization.bin: missing or malformed\n");
    semihost_exit(kExitBadInput);
  }
  return norm;
}

}  // namespace

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena* arena, void* out, size_t out_capacity) {
  const dsp::Int8InputNormalization norm = ReadTables();
  const dsp::FeatureShape shape = dsp::MfccOutputShape(request.params, request.num_samples);
  if (norm.features != request.params.num_cepstral || shape.size() > out_capacity) {
    Result refused;
    refused.status = static_cast<uint32_t>(dsp::DspStatus::kBufferTooSmall);
    return refused;
  }
  Result result = RunFeatureBlock<dsp::MfccQ15, int16_t>(
      request.params, dsp::MfccOutputShape, request, audio, arena, g_features, sizeof(g_features),
      [&](dsp::FeatureShape computed) {
        dsp::NormalizeQ15ToInt8(norm, g_features, computed.frames, static_cast<int8_t*>(out));
      });
  result.value_bytes = 1;
  return result;
}

}  // namespace mote::dsp_bench
