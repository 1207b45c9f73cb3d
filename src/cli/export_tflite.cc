// `mote export --format tflite`: the model written again by mote's own
// writer, with mote's metadata (mote version, lineage, labels, DSP block)
// so that the file describes itself. The lineage of a file that has none is
// the SHA-256 of the file it was exported from.
#include "cli/export_format.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/version.h"
#include "model/tflite_writer.h"

namespace mote {
namespace {

Result<nlohmann::json> ExportTflite(const ExportRequest& r) {
  model::Model m = r.model;
  model::MoteMetadata meta = m.mote.value_or(model::MoteMetadata{});
  meta.mote_version = kVersion;
  if (meta.lineage.empty()) meta.lineage = ToHex(Sha256Of(std::string_view(r.model_bytes)));
  if (!r.labels.empty()) meta.labels = r.labels;
  m.mote = meta;
  MOTE_ASSIGN_OR_RETURN(std::string bytes, model::WriteTflite(m));
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(r.output, bytes));
  return nlohmann::json{{"files", {r.output.string()}}, {"bytes", bytes.size()}, {"lineage", meta.lineage}};
}

}  // namespace
MOTE_REGISTER_EXPORT_FORMAT(tflite, "tflite", "-o FILE: the model rewritten by mote with its metadata (mote version, "
                            "lineage, --labels)", ExportTflite);
}  // namespace mote
