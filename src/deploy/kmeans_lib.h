// `mote export --format cpp-lib` of a K-means anomaly run: its kmeans.json
// (docs/formats.md, written by the train stage; src/train/kmeans.h) as a
// C/C++ library that gives the anomaly score of a window's raw DSP output
// on the device, with micro/anomaly's KMeansScore (the host's score in
// float arithmetic). The centroids, spreads and the features'
// normalization become float constants (flash). Files:
//   NAME.h          NAME_score(features, &cluster), the shape macros, and
//                   the network cpp-lib's C API (NAME_init, NAME_invoke,
//                   NAME_input(0) = the raw features, NAME_output(0) = the
//                   score), so firmware written for a network's library
//                   (and mote's aot runner, aot_device_runner.h) runs it
//   NAME.cc         the tables and those functions
//   CMakeLists.txt  the library target NAME, with micro/anomaly from MOTE_ROOT
//   README.md       what the files are, the flash and RAM, an example
// docs/deploy-anomaly.md says more. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "deploy/cpp_lib.h"

namespace mote::deploy {

// kmeans.json, checked, with its numbers as the device stores them (float).
struct KMeansFile {
  uint32_t dims = 0;      // values per row: frames * features
  uint32_t clusters = 0;
  uint32_t features = 0;  // per frame: the normalization's length
  bool scale_by_spread = true;
  std::vector<float> centroids;  // [clusters * dims], normalized units
  std::vector<float> spread;     // [clusters], each > 0
  std::vector<float> offset, scale;  // [features]: y = (x - offset) * scale
  uint32_t frames() const { return features ? dims / features : 0; }
};

// Parses `text` (a kmeans.json). InvalidArgument, one line naming `path`
// and the field, when it is not JSON, a field is missing or of the wrong
// type, a number is not finite (or a spread not positive), the centroids
// are not `clusters` (= spread's length, >= 1) rows of `dims`, or dims is
// not whole frames of the normalization's features.
Result<KMeansFile> ParseKMeansFile(std::string_view text, const std::string& path);

// The library's files for `model`; `name` is a C identifier (the files'
// base name and the API's prefix), `origin` one line for their header
// comments. arena_bytes is what NAME_init needs (the input row and the
// score); constant_bytes the tables' flash bytes.
CppLib GenerateKMeansLib(const KMeansFile& model, const std::string& name, const std::string& origin);

}  // namespace mote::deploy
