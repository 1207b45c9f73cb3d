// `mote export --format cpp-lib [--runtime aot|interpreter]`: the model as a
// C++ library folder (deploy/cpp_lib.h): ahead-of-time code by default, or
// the .tflite with micro/nn's interpreter, behind the same C API.
#include "cli/export_format.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/version.h"
#include "deploy/cpp_lib.h"

namespace mote {
namespace {

Result<nlohmann::json> ExportCppLib(const ExportRequest& r) {
  deploy::CppLibOptions options;
  if (r.runtime.empty() || r.runtime == "aot") {
    options.runtime = deploy::CppLibRuntime::kAot;
  } else if (r.runtime == "interpreter") {
    options.runtime = deploy::CppLibRuntime::kInterpreter;
  } else {
    return Status::Usage("--runtime " + r.runtime + ": expected aot or interpreter");
  }
  options.name = r.name;
  options.origin = r.model_path.filename().string() + " (sha256 " +
                   ToHex(Sha256Of(std::string_view(r.model_bytes))).substr(0, 16) + "..., mote " + kVersion + ")";
  Result<deploy::CppLib> lib = deploy::GenerateCppLib(r.model_bytes, options);
  if (!lib.ok()) return Status::Unsupported(r.model_path.string() + ": " + lib.status().message());
  nlohmann::json files = nlohmann::json::array();
  for (const deploy::GeneratedFile& f : lib->files) {
    const std::filesystem::path path = r.output / f.name;
    MOTE_RETURN_IF_ERROR(WriteFileAtomically(path, f.text));
    files.push_back(path.string());
  }
  return nlohmann::json{{"files", files},
                        {"runtime", deploy::CppLibRuntimeName(options.runtime)},
                        {"symbol", r.name},
                        {"arena_bytes", lib->arena_bytes},
                        {"constant_bytes", lib->constant_bytes}};
}

}  // namespace
MOTE_REGISTER_EXPORT_FORMAT(cpp_lib, "cpp-lib", "a C++ library folder (NAME.h C API, NAME.cc, CMakeLists.txt, "
                            "README.md) in -o: ahead-of-time code calling micro/nn's kernels (--runtime aot, the "
                            "default) or the .tflite run by micro/nn's interpreter (--runtime interpreter)",
                            ExportCppLib);
}  // namespace mote
