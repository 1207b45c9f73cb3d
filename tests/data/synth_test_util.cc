#include "data/synth_test_util.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

namespace mote::testing {

namespace fs = std::filesystem;

std::vector<double> AccelCsv::Axis(int axis) const {
  std::vector<double> out;
  for (const auto& f : frames) out.push_back(f[static_cast<size_t>(axis)]);
  return out;
}

AccelCsv ParseAccelCsv(const std::string& text) {
  AccelCsv csv;
  std::istringstream in(text);
  std::getline(in, csv.header);
  int line_no = 1;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    std::istringstream row(line);
    std::array<double, 4> v{};
    char comma = 0;
    row >> v[0];
    for (int i = 1; i < 4; ++i) row >> comma >> v[i];
    if (!row || comma != ',' || row.peek() != EOF) {
      ADD_FAILURE() << "line " << line_no << ": malformed row '" << line << "'";
      break;
    }
    csv.timestamp_ms.push_back(v[0]);
    csv.frames.push_back({v[1], v[2], v[3]});
  }
  return csv;
}

Wav ReadWav(const fs::path& path) {
  Wav wav;
  SF_INFO info = {};
  SNDFILE* snd = sf_open(path.c_str(), SFM_READ, &info);
  if (!snd) {
    ADD_FAILURE() << path << ": " << sf_strerror(nullptr);
    return wav;
  }
  wav.rate = info.samplerate;
  wav.channels = info.channels;
  wav.format = info.format;
  if (const char* comment = sf_get_string(snd, SF_STR_COMMENT)) wav.comment = comment;
  wav.samples.resize(static_cast<size_t>(info.frames * info.channels));
  sf_read_double(snd, wav.samples.data(), static_cast<sf_count_t>(wav.samples.size()));
  sf_close(snd);
  return wav;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double PowerAt(const std::vector<double>& x, double rate_hz, double hz) {
  using std::numbers::pi;
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double re = 0, im = 0;
  size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    double w = 0.5 - 0.5 * std::cos(2 * pi * static_cast<double>(i) / static_cast<double>(n - 1));
    double angle = 2 * pi * hz * static_cast<double>(i) / rate_hz;
    re += w * (x[i] - mean) * std::cos(angle);
    im -= w * (x[i] - mean) * std::sin(angle);
  }
  return re * re + im * im;
}

double DominantHz(const std::vector<std::vector<double>>& series, double rate_hz, double lo_hz, double hi_hz,
                  double step_hz) {
  double best_hz = lo_hz, best = -1;
  for (double hz = lo_hz; hz <= hi_hz; hz += step_hz) {
    double p = 0;
    for (const auto& s : series) p += PowerAt(s, rate_hz, hz);
    if (p > best) best = p, best_hz = hz;
  }
  return best_hz;
}

std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace mote::testing
