// NumPy arrays (numpy_array.h) as time series: a .npy file, or each .npy
// member of a .npz archive (recognised by content, so SciPy's
// scipy/misc/ecg.dat, an .npz under another name, is one), becomes one
// sample. A 1-D array of n values is {n frames, 1 axis} named after the
// member ("ecg") or the file; a 2-D array {frames, axes} with axes
// "<name>_0", "<name>_1", ... Values are stored as f32 as they are (an ADC's
// counts stay counts). An array has no sample rate: ImportOptions::
// frequency_hz (--frequency) must give it. Source "file" or "file#member".
#include <cstring>

#include "core/file_util.h"
#include "data/import/ascii_case.h"
#include "data/import/importer.h"
#include "data/import/numpy_array.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

Result<ImportedSample> ToSample(const NumpyArray& a, const fs::path& file, const ImportOptions& options) {
  const std::string source = a.name.empty() ? file.string() : file.string() + "#" + a.name + ".npy";
  if (options.frequency_hz <= 0) {
    return Status::InvalidArgument(source + ": a NumPy array has no sample rate: give --frequency HZ");
  }
  if (a.shape.empty() || a.shape[0] == 0 || (a.shape.size() == 2 && a.shape[1] == 0)) {
    return Status::InvalidArgument(source + ": an empty or scalar array is not a time series");
  }
  if (a.shape[0] > UINT32_MAX || (a.shape.size() == 2 && a.shape[1] > UINT32_MAX)) {
    return Status::InvalidArgument(source + ": array too large for a sample");
  }
  const uint32_t frames = static_cast<uint32_t>(a.shape[0]);
  const uint32_t axes = a.shape.size() == 2 ? static_cast<uint32_t>(a.shape[1]) : 1;
  const std::string name = a.name.empty() ? file.stem().string() : a.name;
  ImportedSample s;
  for (uint32_t i = 0; i < axes; ++i) s.axes.push_back({axes == 1 ? name : name + "_" + std::to_string(i), ""});
  std::vector<float> values(a.values.begin(), a.values.end());
  s.data = SampleData::FromF32({frames, axes}, values);
  s.sample_rate_hz = options.frequency_hz;
  s.source = source;
  return s;
}

class NumpyImporter : public Importer {
 public:
  std::string_view name() const override { return "numpy"; }

  bool Accepts(const fs::path& path, std::span<const uint8_t> head) const override {
    const std::string ext = LowerExtension(path);
    if (ext == ".npy" || ext == ".npz") return true;
    if (head.size() >= 6 && std::memcmp(head.data(), "\x93NUMPY", 6) == 0) return true;
    // A zip whose first member is an .npy array: the name starts at byte 30.
    if (!LooksLikeZip(head) || head.size() < 30) return false;
    const size_t name_len = head[26] | head[27] << 8;
    const std::string_view first(reinterpret_cast<const char*>(head.data()) + 30,
                                 std::min(name_len, head.size() - 30));
    return name_len == first.size() && first.ends_with(".npy");
  }

  Status Read(std::span<const fs::path> files, const ImportOptions& options, const SampleSink& sink) const override {
    for (const fs::path& f : files) {
      MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(f));
      const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
      std::vector<NumpyArray> arrays;
      if (LooksLikeZip(bytes)) {
        MOTE_ASSIGN_OR_RETURN(arrays, ParseNpz(bytes, f.string()));
        if (arrays.empty()) return Status::InvalidArgument(f.string() + ": the archive holds no .npy array");
      } else {
        MOTE_ASSIGN_OR_RETURN(NumpyArray a, ParseNpy(bytes, f.string()));
        arrays.push_back(std::move(a));
      }
      for (const NumpyArray& a : arrays) {
        MOTE_ASSIGN_OR_RETURN(ImportedSample s, ToSample(a, f, options));
        MOTE_RETURN_IF_ERROR(sink(std::move(s)));
      }
    }
    return Status::Ok();
  }
};

}  // namespace
MOTE_REGISTER_IMPORTER(NumpyImporter);
}  // namespace mote
