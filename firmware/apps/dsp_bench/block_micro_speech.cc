// The DSP bench image of the micro_speech front end: 49 windows of 30 ms
// every 20 ms for one second, int8 features. Its parameters are fixed (TFLM's
// audio_preprocessor_int8); the request's parameters are not read.
#include <new>

#include "apps/dsp_bench/block.h"
#include "common/count_markers.h"
#include "micro/dsp/micro_speech/micro_speech_frontend.h"

namespace mote::dsp_bench {

namespace ms = dsp::micro_speech;

const BlockId kImageBlock = BlockId::kMicroSpeech;

Result RunBlock(const Request& request, const int16_t* audio, dsp::Arena*, void* out, size_t out_capacity) {
  // Constructed here, not at start-up, so that the Init phase can count the
  // constructor.
  alignas(ms::MicroSpeechFrontend) static unsigned char storage[sizeof(ms::MicroSpeechFrontend)];
  Result result;
  result.value_bytes = 1;
  result.state_bytes = sizeof(ms::MicroSpeechFrontend);

  if (request.counted == Phase::kInit) mote_count_start();
  ms::MicroSpeechFrontend* frontend = new (storage) ms::MicroSpeechFrontend();
  if (request.counted == Phase::kInit) mote_count_stop();

  const size_t windows = ms::MicroSpeechWindowCount(frontend->params(), request.num_samples);
  if (out_capacity < windows * ms::kFeaturesPerWindow) {
    result.status = static_cast<uint32_t>(dsp::DspStatus::kBufferTooSmall);
    return result;
  }
  if (request.counted == Phase::kCompute) mote_count_start();
  frontend->ProcessClip(audio, request.num_samples, static_cast<int8_t*>(out), windows);
  if (request.counted == Phase::kCompute) mote_count_stop();
  result.frames = static_cast<uint32_t>(windows);
  result.features = static_cast<uint32_t>(ms::kFeaturesPerWindow);
  return result;
}

}  // namespace mote::dsp_bench
