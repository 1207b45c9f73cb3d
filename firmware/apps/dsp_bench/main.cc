// The DSP bench firmware: runs one feature block (block.h) on audio the host
// provides and returns the features, so that the host can check them
// against its own build of the same block and count the instructions they
// took. See bench_files.h for the files, docs/dsp.md for the figures.
//
//   input.bin   the request and the audio (read by semihosting)
//   output.bin  the result and the features (written by semihosting)
//
// Exits with 0, kExitBadInput (with a line on the UART saying why, no
// output.bin) or kExitBlockError (output.bin holds the status).
#include <stddef.h>
#include <stdint.h>

#include "apps/dsp_bench/bench_files.h"
#include "apps/dsp_bench/block.h"
#include "common/board.h"
#include "common/stack_watermark.h"
#include "micro/dsp/arena.h"
#include "semihosting/semihosting.h"

namespace mote::dsp_bench {
namespace {

// Two seconds of 16 kHz audio; the figures use one.
constexpr uint32_t kMaxSamples = 32000;
// Enough for any block at fft_length 4096 (the float MFCC with 40 filters
// takes about 80 KB there; 15 KB at 512).
constexpr size_t kArenaBytes = 128 * 1024;
// Two seconds of a float spectrogram at fft_length 512: 99 x 257 x 4 bytes.
constexpr size_t kOutputBytes = 128 * 1024;

uint32_t g_request_words[kRequestWords];
int16_t g_audio[kMaxSamples];
alignas(4) uint8_t g_arena[kArenaBytes];
alignas(4) uint8_t g_output[kOutputBytes];

// Reads input.bin into g_request_words and g_audio; false (after a line on
// the UART) when it is missing, malformed or too long.
bool ReadInput(Request* request) {
  const int handle = semihost_open("input.bin", SEMIHOST_OPEN_READ);
  if (handle < 0) {
    board_uart_print("input.bin: cannot open\n");
    return false;
  }
  const long size = semihost_file_length(handle);
  const char* error = nullptr;
  constexpr long kHeaderBytes = sizeof(g_request_words);
  if (size < kHeaderBytes || semihost_read(handle, g_request_words, kHeaderBytes) != kHeaderBytes) {
    error = "input.bin: shorter than its request header\n";
  } else if (!ReadRequest(g_request_words, request)) {
    error = "input.bin: bad magic or field in the request header\n";
  } else if (request->block != kImageBlock) {
    error = "input.bin: requests another block than this image runs\n";
  } else if (request->num_samples > kMaxSamples) {
    error = "input.bin: more samples than the firmware holds\n";
  } else if (size != kHeaderBytes + 2 * static_cast<long>(request->num_samples)) {
    error = "input.bin: size does not match num_samples\n";
  } else if (semihost_read(handle, g_audio, 2 * request->num_samples) != 2 * static_cast<long>(request->num_samples)) {
    error = "input.bin: read failed\n";
  }
  semihost_close(handle);
  if (error) board_uart_print(error);
  return error == nullptr;
}

bool WriteOutput(const Result& result) {
  uint32_t words[kResultWords];
  WriteResult(result, words);
  const size_t values = size_t{result.frames} * result.features * result.value_bytes;
  const int handle = semihost_open("output.bin", SEMIHOST_OPEN_WRITE);
  if (handle < 0) return false;
  const bool ok = semihost_write(handle, words, sizeof(words)) == 0 && semihost_write(handle, g_output, values) == 0;
  return semihost_close(handle) == 0 && ok;
}

}  // namespace
}  // namespace mote::dsp_bench

int main() {
  using namespace mote::dsp_bench;
  Request request;
  if (!ReadInput(&request)) return kExitBadInput;

  mote::dsp::Arena arena(g_arena, sizeof(g_arena));
  const uintptr_t mark = mote_stack_paint();
  Result result = RunBlock(request, g_audio, &arena, g_output, sizeof(g_output));
  result.stack_bytes = mote_stack_bytes_used(mark);
  result.block = kImageBlock;

  if (!WriteOutput(result)) {
    board_uart_print("output.bin: cannot write\n");
    return kExitBadInput;
  }
  return result.status == 0 ? 0 : kExitBlockError;
}
