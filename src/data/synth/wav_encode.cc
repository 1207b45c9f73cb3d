#include "data/synth/wav_encode.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mote {

namespace {

// A growable in-memory file for libsndfile's virtual I/O.
struct MemoryFile {
  std::string bytes;
  sf_count_t pos = 0;
};

sf_count_t MemLength(void* user) { return static_cast<sf_count_t>(static_cast<MemoryFile*>(user)->bytes.size()); }

sf_count_t MemSeek(sf_count_t offset, int whence, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->pos : static_cast<sf_count_t>(f->bytes.size());
  if (base + offset < 0) return -1;
  f->pos = base + offset;
  return f->pos;
}

sf_count_t MemRead(void* ptr, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  sf_count_t size = static_cast<sf_count_t>(f->bytes.size());
  sf_count_t n = std::clamp<sf_count_t>(size - f->pos, 0, count);
  std::memcpy(ptr, f->bytes.data() + f->pos, static_cast<size_t>(n));
  f->pos += n;
  return n;
}

sf_count_t MemWrite(const void* ptr, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  size_t end = static_cast<size_t>(f->pos + count);
  if (end > f->bytes.size()) f->bytes.resize(end);
  std::memcpy(f->bytes.data() + f->pos, ptr, static_cast<size_t>(count));
  f->pos += count;
  return count;
}

sf_count_t MemTell(void* user) { return static_cast<MemoryFile*>(user)->pos; }

}  // namespace

Result<std::string> EncodeWavPcm16(std::span<const int16_t> samples, int rate_hz, std::string_view comment) {
  SF_VIRTUAL_IO io = {MemLength, MemSeek, MemRead, MemWrite, MemTell};
  MemoryFile file;
  SF_INFO info = {};
  info.samplerate = rate_hz;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* snd = sf_open_virtual(&io, SFM_WRITE, &info, &file);
  if (!snd) return Status::Internal(std::string("WAV encoder: ") + sf_strerror(nullptr));
  if (!comment.empty() && sf_set_string(snd, SF_STR_COMMENT, std::string(comment).c_str()) != 0) {
    std::string error = sf_strerror(snd);
    sf_close(snd);
    return Status::Internal("WAV encoder: comment: " + error);
  }
  sf_count_t written = sf_write_short(snd, samples.data(), static_cast<sf_count_t>(samples.size()));
  int rc = sf_close(snd);
  if (written != static_cast<sf_count_t>(samples.size()) || rc != 0)
    return Status::Internal("WAV encoder: wrote " + std::to_string(written) + " of " +
                            std::to_string(samples.size()) + " samples");
  return std::move(file.bytes);
}

std::vector<int16_t> ToPcm16(std::span<const float> samples) {
  std::vector<int16_t> pcm(samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    double v = std::nearbyint(static_cast<double>(samples[i]) * 32767.0);
    pcm[i] = static_cast<int16_t>(std::clamp(v, -32768.0, 32767.0));
  }
  return pcm;
}

}  // namespace mote
