#include "data/import/resampler.h"

#include <samplerate.h>

#include <cmath>

namespace mote {

Result<std::vector<float>> Resample(std::span<const float> interleaved, int channels, double from_hz, double to_hz,
                                    const std::string& name, ResampleQuality quality) {
  if (channels <= 0 || from_hz <= 0 || to_hz <= 0)
    return Status::InvalidArgument(name + ": cannot resample " + std::to_string(channels) + " channels from " +
                                   std::to_string(from_hz) + " Hz to " + std::to_string(to_hz) + " Hz");
  const double ratio = to_hz / from_hz;
  if (!src_is_valid_ratio(ratio))
    return Status::Unsupported(name + ": resampling from " + std::to_string(from_hz) + " Hz to " +
                               std::to_string(to_hz) + " Hz is beyond libsamplerate's 1:256 range");
  const size_t frames = interleaved.size() / static_cast<size_t>(channels);
  const size_t capacity = static_cast<size_t>(std::ceil(static_cast<double>(frames) * ratio)) + 16;
  std::vector<float> out(capacity * static_cast<size_t>(channels));
  SRC_DATA d{};
  d.data_in = interleaved.data();
  d.input_frames = static_cast<long>(frames);
  d.data_out = out.data();
  d.output_frames = static_cast<long>(capacity);
  d.src_ratio = ratio;
  const int converter = quality == ResampleQuality::kMedium ? SRC_SINC_MEDIUM_QUALITY : SRC_LINEAR;
  if (int err = src_simple(&d, converter, channels); err != 0)
    return Status::Internal(name + ": resampling failed (libsamplerate: " + src_strerror(err) + ")");
  out.resize(static_cast<size_t>(d.output_frames_gen) * static_cast<size_t>(channels));
  return out;
}

}  // namespace mote
