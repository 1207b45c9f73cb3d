// Runs micro/dsp's ImageBlock on the emulated board, so that the host can
// check that the device computes the same bytes (tests/dsp/image_device_test.cc)
// and count the instructions of one Compute.
//
// input.bin: an ImageParams, byte for byte as the host lays it out (the
// struct has the same layout under the Arm EABI and x86-64's SysV ABI: only
// 1- and 4-byte members), then the image (input_height x input_width x
// input_channels bytes).
//
// output.bin, little-endian: u32 sizeof(ImageParams) as compiled here (the
// host checks it against its own), u32 Init's DspStatus, u32 Compute's
// DspStatus, u32 arena bytes Init took, then the output values as they lie
// in memory (float, uint8 or int8 by params.output_type).
//
// Compute runs between the instruction-count markers; the exit status is 0
// once output.bin is written, 2 if the files cannot be read or written.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/count_markers.h"
#include "micro/dsp/arena.h"
#include "micro/dsp/image_block.h"
#include "semihosting/semihosting.h"

namespace {

using mote::dsp::Arena;
using mote::dsp::DspStatus;
using mote::dsp::ImageBlock;
using mote::dsp::ImageOutputType;
using mote::dsp::ImageParams;

constexpr size_t kMaxInput = 1u << 20;
constexpr size_t kMaxOutputValues = 1u << 18;

alignas(4) uint8_t g_input[kMaxInput];
float g_output[kMaxOutputValues];  // any output type, viewed as bytes when it is 8-bit
alignas(4) uint8_t g_arena[64 * 1024];

long ReadInput() {
  const int handle = semihost_open("input.bin", SEMIHOST_OPEN_READ);
  if (handle < 0) return -1;
  const long size = semihost_file_length(handle);
  const bool ok = size >= 0 && static_cast<size_t>(size) <= kMaxInput &&
                  semihost_read(handle, g_input, static_cast<size_t>(size)) == size;
  semihost_close(handle);
  return ok ? size : -1;
}

void StoreU32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

DspStatus Run(ImageBlock& block, const ImageParams& params, const uint8_t* image, size_t image_bytes,
              size_t* output_bytes) {
  uint8_t* bytes = reinterpret_cast<uint8_t*>(g_output);
  const size_t values = mote::dsp::ImageOutputShape(params).size();
  DspStatus status = DspStatus::kOk;
  mote_count_start();
  switch (params.output_type) {
    case ImageOutputType::kFloat32:
      status = block.Compute(image, image_bytes, g_output, kMaxOutputValues);
      *output_bytes = values * sizeof(float);
      break;
    case ImageOutputType::kUint8:
      status = block.Compute(image, image_bytes, bytes, kMaxOutputValues);
      *output_bytes = values;
      break;
    case ImageOutputType::kInt8:
      status = block.Compute(image, image_bytes, reinterpret_cast<int8_t*>(bytes), kMaxOutputValues);
      *output_bytes = values;
      break;
  }
  mote_count_stop();
  return status;
}

}  // namespace

int main() {
  const long size = ReadInput();
  if (size < static_cast<long>(sizeof(ImageParams))) {
    semihost_print("input.bin: missing, too large or shorter than ImageParams\n");
    return 2;
  }
  ImageParams params;
  memcpy(&params, g_input, sizeof params);
  const uint8_t* image = g_input + sizeof params;
  const size_t image_bytes = static_cast<size_t>(size) - sizeof params;

  Arena arena(g_arena, sizeof g_arena);
  ImageBlock block;
  const DspStatus init = block.Init(params, &arena);
  DspStatus compute = DspStatus::kOk;
  size_t output_bytes = 0;
  if (init == DspStatus::kOk) compute = Run(block, params, image, image_bytes, &output_bytes);
  if (compute != DspStatus::kOk) output_bytes = 0;

  uint8_t header[16];
  StoreU32(header, sizeof(ImageParams));
  StoreU32(header + 4, static_cast<uint32_t>(init));
  StoreU32(header + 8, static_cast<uint32_t>(compute));
  StoreU32(header + 12, static_cast<uint32_t>(sizeof g_arena - arena.bytes_left()));
  const int handle = semihost_open("output.bin", SEMIHOST_OPEN_WRITE);
  if (handle < 0) return 2;
  const bool written =
      semihost_write(handle, header, sizeof header) == 0 && semihost_write(handle, g_output, output_bytes) == 0;
  return semihost_close(handle) == 0 && written ? 0 : 2;
}
