// `mote export --format c-array`: the .tflite file as NAME.h/NAME.cc, a
// 16-byte aligned const array (in flash) and its length, to link into
// firmware that runs the model through an interpreter.
#include "cli/export_format.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/version.h"
#include "model/c_array.h"

namespace mote {
namespace {

Result<nlohmann::json> ExportCArray(const ExportRequest& r) {
  const std::string origin = r.model_path.filename().string() + " (sha256 " +
                             ToHex(Sha256Of(std::string_view(r.model_bytes))).substr(0, 16) + "..., mote " +
                             kVersion + ")";
  const std::string header_name = r.name + ".h";
  const model::CArraySource src = model::MakeCArray(r.model_bytes, r.name, header_name, origin);
  const std::filesystem::path header = r.output / header_name, source = r.output / (r.name + ".cc");
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(header, src.header));
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(source, src.source));
  return nlohmann::json{{"files", {header.string(), source.string()}},
                        {"symbol", r.name},
                        {"bytes", r.model_bytes.size()},
                        {"alignment", 16}};
}

}  // namespace
MOTE_REGISTER_EXPORT_FORMAT(c_array, "c-array", "NAME.h/NAME.cc in the -o folder: the .tflite as a 16-byte aligned "
                            "const array and its length", ExportCArray);
}  // namespace mote
