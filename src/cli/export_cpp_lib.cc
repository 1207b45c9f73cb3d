// `mote export --format cpp-lib [--runtime aot|interpreter]`: the model as a
// C++ library folder (deploy/cpp_lib.h): ahead-of-time code by default, or
// the .tflite with micro/nn's interpreter, behind the same C API; a K-means
// run's kmeans.json as a scoring library (deploy/kmeans_lib.h).
#include "cli/export_format.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/version.h"
#include "deploy/cpp_lib.h"
#include "deploy/kmeans_lib.h"
#include "features/feature_set.h"
#include "project/project.h"

namespace mote {
namespace {

// The feature front end of the project around the working directory: its
// features stage's latest normalization and whether the block is q15.
// Null outside a project; *note says why there is none inside one.
std::unique_ptr<deploy::FeatureFrontEnd> ProjectFrontEnd(std::string* note) {
  Result<std::unique_ptr<Project>> project = Project::Open(std::filesystem::current_path());
  if (!project.ok()) {
    if (project.status().code() != Status::Code::kNotFound) *note = "not emitted: " + project.status().message();
    return nullptr;
  }
  const std::filesystem::path stage = (*project)->state_dir() / "stages" / "features";
  Result<std::string> key = ReadFile(stage / "latest");
  if (!key.ok()) {
    *note = "not emitted: the project has no features stage output yet (mote run)";
    return nullptr;
  }
  while (!key->empty() && (key->back() == '\n' || key->back() == '\r')) key->pop_back();
  Result<std::unique_ptr<FeatureSet>> set = FeatureSet::Open(stage / *key);
  if (!set.ok()) {
    *note = "not emitted: " + set.status().message();
    return nullptr;
  }
  auto front_end = std::make_unique<deploy::FeatureFrontEnd>();
  front_end->normalization = (*set)->normalization();
  front_end->q15 = (*set)->dsp().value("numeric", "") == "q15";
  return front_end;
}

// Writes `lib`'s files into r.output; their paths as JSON.
Result<nlohmann::json> WriteLib(const ExportRequest& r, const deploy::CppLib& lib) {
  nlohmann::json files = nlohmann::json::array();
  for (const deploy::GeneratedFile& f : lib.files) {
    const std::filesystem::path path = r.output / f.name;
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(path, f.text));
    files.push_back(path.string());
  }
  return files;
}

std::string Origin(const ExportRequest& r) {
  return r.model_path.filename().string() + " (sha256 " + ToHex(Sha256Of(std::string_view(r.model_bytes))).substr(0, 16) +
         "..., mote " + kVersion + ")";
}

// A K-means run's kmeans.json: generated code around micro/anomaly's scorer
// (deploy/kmeans_lib.h); its normalization is the file's own.
Result<nlohmann::json> ExportKMeansLib(const ExportRequest& r) {
  if (!r.runtime.empty() && r.runtime != "aot") {
    return Status::Usage("--runtime " + r.runtime + ": a K-means model has generated code only (aot)");
  }
  MOTE_ASSIGN_OR_RETURN(deploy::KMeansFile model, deploy::ParseKMeansFile(r.model_bytes, r.model_path.string()));
  const deploy::CppLib lib = deploy::GenerateKMeansLib(model, r.name, Origin(r));
  MOTE_ASSIGN_OR_RETURN(nlohmann::json files, WriteLib(r, lib));
  return nlohmann::json{{"files", files},
                        {"normalization", lib.normalization},
                        {"runtime", "aot"},
                        {"symbol", r.name},
                        {"kmeans", {{"clusters", model.clusters}, {"dims", model.dims}, {"frames", model.frames()},
                                    {"features", model.features}}},
                        {"arena_bytes", lib.arena_bytes},
                        {"constant_bytes", lib.constant_bytes}};
}

Result<nlohmann::json> ExportCppLib(const ExportRequest& r) {
  if (r.kmeans) return ExportKMeansLib(r);
  deploy::CppLibOptions options;
  if (r.runtime.empty() || r.runtime == "aot") {
    options.runtime = deploy::CppLibRuntime::kAot;
  } else if (r.runtime == "interpreter") {
    options.runtime = deploy::CppLibRuntime::kInterpreter;
  } else {
    return Status::Usage("--runtime " + r.runtime + ": expected aot or interpreter");
  }
  options.name = r.name;
  options.origin = Origin(r);
  std::string normalization;
  const std::unique_ptr<deploy::FeatureFrontEnd> front_end = ProjectFrontEnd(&normalization);
  options.front_end = front_end.get();
  Result<deploy::CppLib> lib = deploy::GenerateCppLib(r.model_bytes, options);
  if (!lib.ok()) return Status::Unsupported(r.model_path.string() + ": " + lib.status().message());
  MOTE_ASSIGN_OR_RETURN(nlohmann::json files, WriteLib(r, *lib));
  if (front_end) normalization = lib->normalization;
  return nlohmann::json{{"files", files},
                        {"normalization", normalization.empty() ? nlohmann::json(nullptr) : nlohmann::json(normalization)},
                        {"runtime", deploy::CppLibRuntimeName(options.runtime)},
                        {"symbol", r.name},
                        {"arena_bytes", lib->arena_bytes},
                        {"constant_bytes", lib->constant_bytes}};
}

}  // namespace
MOTE_REGISTER_EXPORT_FORMAT(cpp_lib, "cpp-lib", "a C++ library folder (NAME.h C API, NAME.cc, CMakeLists.txt, "
                            "README.md) in -o: ahead-of-time code calling micro/nn's kernels (--runtime aot, the "
                            "default) or the .tflite run by micro/nn's interpreter (--runtime interpreter); "
                            "a K-means run's kmeans.json: a library that scores raw DSP output",
                            ExportCppLib);
}  // namespace mote
