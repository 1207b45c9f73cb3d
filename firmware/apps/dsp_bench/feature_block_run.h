// RunBlock for the blocks of micro/dsp that share the Init / Compute
// interface (Mfcc, MfccQ15, Mfe, MfeQ15, Spectrogram, SpectrogramQ15).
#pragma once

#include "apps/dsp_bench/block.h"
#include "common/count_markers.h"
#include "micro/dsp/feature_shape.h"
#include "micro/dsp/signal.h"

namespace mote::dsp_bench {

// Value is the block's output type (float or int16_t); shape_of is its
// output-shape function (e.g. dsp::MfccOutputShape). `then(shape)` runs
// after a successful Compute, inside the counted interval (a step that
// consumes the features, e.g. a normalization).
struct NothingAfter {
  void operator()(dsp::FeatureShape) const {}
};
template <typename Block, typename Value, typename Params, typename Then = NothingAfter>
Result RunFeatureBlock(const Params& params, dsp::FeatureShape (*shape_of)(const Params&, uint32_t),
                       const Request& request, const int16_t* audio, dsp::Arena* arena, void* out,
                       size_t out_capacity, Then then = Then()) {
  // Static: the block object is part of the image's RAM, as it would be in
  // an application (and its size is reported).
  static Block block;
  Result result;
  result.value_bytes = sizeof(Value);
  result.state_bytes = sizeof(Block);

  const size_t free_before = arena->bytes_left();
  if (request.counted == Phase::kInit) mote_count_start();
  dsp::DspStatus status = block.Init(params, arena);
  if (request.counted == Phase::kInit) mote_count_stop();
  result.arena_bytes = static_cast<uint32_t>(free_before - arena->bytes_left());
  if (status != dsp::DspStatus::kOk) {
    result.status = static_cast<uint32_t>(status);
    return result;
  }

  const dsp::Signal signal(audio, request.num_samples);
  const dsp::FeatureShape shape = shape_of(params, request.num_samples);
  if (request.counted == Phase::kCompute) mote_count_start();
  status = block.Compute(signal, static_cast<Value*>(out), out_capacity / sizeof(Value));
  if (status == dsp::DspStatus::kOk) then(shape);
  if (request.counted == Phase::kCompute) mote_count_stop();
  result.status = static_cast<uint32_t>(status);
  if (status == dsp::DspStatus::kOk) {
    result.frames = shape.frames;
    result.features = shape.features;
  }
  return result;
}

}  // namespace mote::dsp_bench
