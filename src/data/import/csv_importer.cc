// CSV time series: one header line naming the columns, then one row per
// frame. An optional timestamp column (timestamp, time, t, ts, ms, ...; in
// milliseconds, seconds or microseconds) gives the sample rate from the
// median interval; without one, ImportOptions::frequency_hz must. Every other
// column is an axis, named by the header, with units in the header
// ("accX (m/s2)" or "accX[m/s2]"), except the label column when
// ImportOptions::label_column names one: then each run of rows with the same
// label becomes its own sample ("file#first-last", line numbers). Without a
// label column the file is one sample. Values are stored as f32 {frames, axes}.
#include <algorithm>
#include <cmath>
#include <optional>

#include "core/file_util.h"
#include "data/import/ascii_case.h"
#include "data/import/delimited_text.h"
#include "data/import/importer.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

// "accX (m/s2)" and "accX[m/s2]" -> {"accX", "m/s2"}; "accX" -> {"accX", ""}.
Axis ParseColumnName(std::string_view header) {
  for (auto [open, close] : {std::pair{'(', ')'}, std::pair{'[', ']'}}) {
    size_t a = header.rfind(open);
    if (a == std::string_view::npos || !header.ends_with(close) || a == 0) continue;
    std::string_view name = header.substr(0, a), units = header.substr(a + 1, header.size() - a - 2);
    while (name.ends_with(' ')) name.remove_suffix(1);
    while (units.starts_with(' ')) units.remove_prefix(1);
    while (units.ends_with(' ')) units.remove_suffix(1);
    return {std::string(name), std::string(units)};
  }
  return {std::string(header), ""};
}

enum class TimeUnit { kUnknown, kSeconds, kMilliseconds, kMicroseconds };

std::optional<TimeUnit> TimeUnitFromName(std::string_view u) {
  if (u.empty()) return TimeUnit::kUnknown;
  if (u == "s" || u == "sec" || u == "seconds") return TimeUnit::kSeconds;
  if (u == "ms" || u == "msec" || u == "millis" || u == "milliseconds") return TimeUnit::kMilliseconds;
  if (u == "us" || u == "usec" || u == "micros" || u == "microseconds") return TimeUnit::kMicroseconds;
  return std::nullopt;
}

// The unit of a timestamp column, or nullopt if `column` is not one. Names:
// timestamp, time, t, ts, optionally with a unit suffix (timestamp_ms,
// time_s) or units (time (s)); or a spelled-out unit (ms, millis, seconds).
std::optional<TimeUnit> TimestampColumn(const Axis& column) {
  std::string name = AsciiLower(column.name), units = AsciiLower(column.units);
  if (units.empty()) {
    if (name == "ms" || name == "millis" || name == "milliseconds") return TimeUnit::kMilliseconds;
    if (name == "seconds") return TimeUnit::kSeconds;
    if (name == "micros" || name == "microseconds") return TimeUnit::kMicroseconds;
  }
  std::string suffix;
  if (size_t underscore = name.rfind('_'); underscore != std::string::npos) {
    suffix = name.substr(underscore + 1);
    name.resize(underscore);
  }
  if (name != "timestamp" && name != "time" && name != "t" && name != "ts") return std::nullopt;
  if (!suffix.empty() && !units.empty()) return std::nullopt;
  return TimeUnitFromName(suffix.empty() ? units : suffix);
}

class CsvFile {
 public:
  CsvFile(fs::path path, const ImportOptions& options) : path_(std::move(path)), options_(options) {}

  Status Read(const SampleSink& sink) {
    MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(path_));
    std::vector<TextLine> lines = SplitLines(text);
    auto header = std::find_if(lines.begin(), lines.end(), [](const TextLine& l) { return !IsBlank(l.text); });
    if (header == lines.end())
      return Status::InvalidArgument(path_.string() + ": empty file (expected a header line such as "
                                     "timestamp,accX,accY,accZ)");
    separator_ = DetectSeparator(header->text);
    MOTE_RETURN_IF_ERROR(ReadHeader(*header));
    for (auto it = header + 1; it != lines.end(); ++it)
      if (!IsBlank(it->text)) MOTE_RETURN_IF_ERROR(ReadRow(*it));
    if (rows_.empty()) return Error(header->number, "a header but no data rows");
    MOTE_ASSIGN_OR_RETURN(double rate_hz, SampleRate());
    return Emit(rate_hz, sink);
  }

 private:
  struct Row {
    size_t line;
    double time;          // in the column's unit; 0 without a timestamp column
    std::string label;    // empty without a label column
  };

  Status Error(size_t line, const std::string& message) const {
    return Status::InvalidArgument(path_.string() + ":" + std::to_string(line) + ": " + message);
  }

  std::string ColumnList() const {
    std::string list;
    for (const std::string& h : header_) list += (list.empty() ? "" : ", ") + h;
    return list;
  }

  Status ReadHeader(const TextLine& line) {
    Status split = SplitFields(line.text, separator_, &header_);
    if (!split.ok()) return split.WithPrefix(path_.string() + ":" + std::to_string(line.number));
    if (std::all_of(header_.begin(), header_.end(),
                    [&](const std::string& f) { return ParseNumber(f, decimal_comma()).has_value(); }))
      return Error(line.number, "no header line: the first line holds numbers (name the columns first, e.g. "
                                "timestamp,accX,accY,accZ)");
    for (size_t c = 0; c < header_.size(); ++c) {
      Axis column = ParseColumnName(header_[c]);
      if (column.name.empty()) return Error(line.number, "column " + std::to_string(c + 1) + " has no name");
      for (size_t d = 0; d < c; ++d)
        if (header_[d] == header_[c]) return Error(line.number, "column '" + header_[c] + "' appears twice");
      if (!options_.label_column.empty() &&
          (header_[c] == options_.label_column || column.name == options_.label_column)) {
        label_column_ = c;
        continue;
      }
      if (!time_column_) {
        if (std::optional<TimeUnit> unit = TimestampColumn(column)) {
          time_column_ = c;
          time_unit_ = *unit;
          continue;
        }
      }
      axis_columns_.push_back(c);
      axes_.push_back(std::move(column));
    }
    if (!options_.label_column.empty() && !label_column_)
      return Error(line.number, "no column '" + options_.label_column + "' for the labels (columns: " +
                                    ColumnList() + ")");
    if (axes_.empty()) return Error(line.number, "no value columns (columns: " + ColumnList() + ")");
    if (!time_column_ && options_.frequency_hz <= 0)
      return Error(line.number, "no timestamp column (timestamp, time, t or ms) and no sampling rate; add one, "
                                "or give --frequency HZ");
    return Status::Ok();
  }

  Status ReadRow(const TextLine& line) {
    Status split = SplitFields(line.text, separator_, &fields_);
    if (!split.ok()) return split.WithPrefix(path_.string() + ":" + std::to_string(line.number));
    if (fields_.size() != header_.size())
      return Error(line.number, "expected " + std::to_string(header_.size()) + " values, got " +
                                    std::to_string(fields_.size()));
    Row row{line.number, 0, ""};
    if (time_column_) {
      MOTE_ASSIGN_OR_RETURN(row.time, Number(line.number, *time_column_));
      if (!rows_.empty() && !(row.time > rows_.back().time))
        return Error(line.number, "timestamp " + fields_[*time_column_] + " is not after the previous one (" +
                                      previous_time_ + "); timestamps must increase");
      previous_time_ = fields_[*time_column_];
    }
    if (label_column_) {
      row.label = fields_[*label_column_];
      if (row.label.empty()) return Error(line.number, "column '" + header_[*label_column_] + "': empty label");
    }
    for (size_t c : axis_columns_) {
      MOTE_ASSIGN_OR_RETURN(double v, Number(line.number, c));
      values_.push_back(static_cast<float>(v));
    }
    rows_.push_back(std::move(row));
    return Status::Ok();
  }

  Result<double> Number(size_t line, size_t column) const {
    std::optional<double> v = ParseNumber(fields_[column], decimal_comma());
    if (!v) {
      if (fields_[column].empty()) return Error(line, "column '" + header_[column] + "': empty value");
      return Error(line, "column '" + header_[column] + "': '" + fields_[column] + "' is not a number");
    }
    return *v;
  }

  // Semicolon-separated files come from locales that write 1,5 for 1.5.
  bool decimal_comma() const { return separator_ == ';'; }

  Result<double> SampleRate() const {
    if (!time_column_) return options_.frequency_hz;
    if (rows_.size() < 2) {
      if (options_.frequency_hz > 0) return options_.frequency_hz;
      return Error(rows_.front().line, "one row is not enough to derive a sampling rate from timestamps; "
                                       "give --frequency HZ");
    }
    std::vector<double> intervals;
    bool integral = std::floor(rows_.front().time) == rows_.front().time;
    for (size_t i = 1; i < rows_.size(); ++i) {
      intervals.push_back(rows_[i].time - rows_[i - 1].time);
      integral = integral && std::floor(rows_[i].time) == rows_[i].time;
    }
    auto mid = intervals.begin() + static_cast<std::ptrdiff_t>(intervals.size() / 2);
    std::nth_element(intervals.begin(), mid, intervals.end());
    double median = *mid;
    TimeUnit unit = time_unit_;
    // Without a unit in the header: whole numbers are milliseconds (what
    // millis() loggers and Edge Impulse's CSV format write); fractions with
    // sub-unit steps are seconds (what Python's time.time() writes).
    if (unit == TimeUnit::kUnknown) unit = integral || median >= 1 ? TimeUnit::kMilliseconds : TimeUnit::kSeconds;
    double median_s = unit == TimeUnit::kSeconds        ? median
                      : unit == TimeUnit::kMilliseconds ? median / 1e3
                                                        : median / 1e6;
    return 1.0 / median_s;
  }

  Status Emit(double rate_hz, const SampleSink& sink) {
    const size_t n_axes = axes_.size();
    size_t begin = 0;
    while (begin < rows_.size()) {
      size_t end = begin + 1;
      while (end < rows_.size() && rows_[end].label == rows_[begin].label) ++end;
      ImportedSample s;
      std::span<const float> values(values_.data() + begin * n_axes, (end - begin) * n_axes);
      s.data = SampleData::FromF32({static_cast<uint32_t>(end - begin), static_cast<uint32_t>(n_axes)}, values);
      s.label = rows_[begin].label;
      s.sample_rate_hz = rate_hz;
      s.axes = axes_;
      s.source = path_.string();
      if (label_column_)
        s.source += "#" + std::to_string(rows_[begin].line) + "-" + std::to_string(rows_[end - 1].line);
      MOTE_RETURN_IF_ERROR(sink(std::move(s)));
      begin = end;
    }
    return Status::Ok();
  }

  fs::path path_;
  const ImportOptions& options_;
  char separator_ = ',';
  std::vector<std::string> header_, fields_;
  std::optional<size_t> time_column_, label_column_;
  TimeUnit time_unit_ = TimeUnit::kUnknown;
  std::string previous_time_;  // as written, for messages
  std::vector<size_t> axis_columns_;
  std::vector<Axis> axes_;
  std::vector<Row> rows_;
  std::vector<float> values_;  // rows x axes, row-major
};

class CsvImporter : public Importer {
 public:
  std::string_view name() const override { return "csv"; }

  bool Accepts(const fs::path& path, std::span<const uint8_t>) const override {
    std::string ext = LowerExtension(path);
    return ext == ".csv" || ext == ".tsv";
  }

  Status Read(std::span<const fs::path> files, const ImportOptions& options, const SampleSink& sink) const override {
    for (const fs::path& f : files) MOTE_RETURN_IF_ERROR(CsvFile(f, options).Read(sink));
    return Status::Ok();
  }
};

}  // namespace

MOTE_REGISTER_IMPORTER(CsvImporter);

}  // namespace mote
