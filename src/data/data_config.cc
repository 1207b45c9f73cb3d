#include "data/data_config.h"

namespace mote {

std::optional<LabelFrom> LabelFromName(std::string_view name) {
  if (name == "file") return LabelFrom::kFile;
  if (name == "folder") return LabelFrom::kFolder;
  if (name == "filename") return LabelFrom::kFilename;
  return std::nullopt;
}

Result<DataConfig> ParseDataConfig(const YamlSection& s) {
  DataConfig c;
  MOTE_RETURN_IF_ERROR(s.OnlyKeys({"test_ratio", "audio_rate_hz", "sources"}));
  MOTE_RETURN_IF_ERROR(s.GetInRange("test_ratio", &c.test_ratio, 0, 0.95, true));
  MOTE_RETURN_IF_ERROR(s.GetInRange("audio_rate_hz", &c.audio_rate_hz, 0, 384000, true));
  MOTE_ASSIGN_OR_RETURN(auto sources, s.List("sources"));
  for (const YamlSection& src : sources) {
    DataSource d;
    MOTE_RETURN_IF_ERROR(src.OnlyKeys({"files", "label", "label_from", "label_column", "split",
                                       "frequency_hz", "class_names"}));
    MOTE_RETURN_IF_ERROR(src.Get("files", &d.files));
    if (d.files.empty()) return src.Error("files", "is required (a path or glob relative to the project)");
    if (src.Has("label")) {
      std::string label;
      MOTE_RETURN_IF_ERROR(src.Get("label", &label));
      if (label.empty()) return src.Error("label", "must not be empty");
      d.label = label;
    }
    std::string from = "file";
    MOTE_RETURN_IF_ERROR(src.Get("label_from", &from));
    auto lf = LabelFromName(from);
    if (!lf) return src.Error("label_from", "must be file, folder or filename, got '" + from + "'");
    d.label_from = *lf;
    MOTE_RETURN_IF_ERROR(src.Get("label_column", &d.label_column));
    std::string split;
    MOTE_RETURN_IF_ERROR(src.Get("split", &split));
    if (!split.empty() && split != "auto") {
      d.split = SplitFromName(split);
      if (!d.split) return src.Error("split", "must be train, test or auto, got '" + split + "'");
    }
    MOTE_RETURN_IF_ERROR(src.GetInRange("frequency_hz", &d.frequency_hz, 0, 1e6, true));
    MOTE_RETURN_IF_ERROR(src.Get("class_names", &d.class_names));
    c.sources.push_back(std::move(d));
  }
  return c;
}

Result<WindowConfig> ParseWindowConfig(const YamlSection& s) {
  WindowConfig w;
  MOTE_RETURN_IF_ERROR(s.OnlyKeys({"size_ms", "stride_ms"}));
  if (s.Has("size_ms")) MOTE_RETURN_IF_ERROR(s.GetInRange("size_ms", &w.size_ms, 0, 3.6e6));
  if (s.Has("stride_ms")) MOTE_RETURN_IF_ERROR(s.GetInRange("stride_ms", &w.stride_ms, 0, 3.6e6));
  if (w.stride_ms == 0) w.stride_ms = w.size_ms;
  return w;
}

}  // namespace mote
