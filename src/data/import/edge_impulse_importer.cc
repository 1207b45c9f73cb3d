// Edge Impulse's data acquisition format, as JSON or CBOR:
//   {"protected": {"ver": "v1", "alg": "HS256" | "none", "iat": ...},
//    "signature": "<64 hex digits>",
//    "payload": {"device_name": ..., "device_type": ..., "interval_ms": 10,
//                "sensors": [{"name": "accX", "units": "m/s2"}, ...],
//                "values": [[x, y, z], ...]}}      (a flat list for one sensor)
// One file is one sample at 1000 / interval_ms Hz. Sensor data is f32
// {frames, sensors}; a single sensor in units "wav" is audio, stored as i16
// {frames, 1} and resampled to ImportOptions::audio_rate_hz like other audio.
// With ImportOptions::hmac_key the HS256 signature is verified. The files
// carry no label: it comes from --label or the file name (--label-from filename).
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "data/import/ascii_case.h"
#include "data/import/edge_impulse_signature.h"
#include "data/import/importer.h"
#include "data/import/pcm16.h"
#include "data/import/resampler.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// nlohmann's what() starts with "[json.exception.parse_error.101] parse error
// at ...: "; keep what follows, the part that describes the problem.
std::string ParseProblem(const json::parse_error& e) {
  std::string what = e.what();
  size_t colon = what.find(": ", what.find(']'));
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

class EdgeImpulseFile {
 public:
  EdgeImpulseFile(const fs::path& path, const ImportOptions& options) : name_(path.string()), options_(options) {
    cbor_ = LowerExtension(path) == ".cbor";
  }

  Result<ImportedSample> Read() {
    MOTE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(name_));
    MOTE_ASSIGN_OR_RETURN(json message, Parse(bytes));
    if (!message.is_object()) return FieldError("", "the message must be an object");
    MOTE_RETURN_IF_ERROR(CheckSignature(message, bytes));
    MOTE_ASSIGN_OR_RETURN(const json* payload, Member(message, "payload", "payload", json::value_t::object));
    MOTE_ASSIGN_OR_RETURN(const json* interval, Member(*payload, "interval_ms", "payload.interval_ms",
                                                       json::value_t::number_float));
    double interval_ms = interval->get<double>();
    if (!(interval_ms > 0)) return FieldError("payload.interval_ms", "must be > 0, got " + interval->dump());
    MOTE_ASSIGN_OR_RETURN(std::vector<Axis> axes, Sensors(*payload));
    MOTE_ASSIGN_OR_RETURN(std::vector<float> values, Values(*payload, axes.size()));
    ImportedSample s;
    s.sample_rate_hz = 1000.0 / interval_ms;
    s.axes = axes;
    s.source = name_;
    const auto n_axes = static_cast<uint32_t>(axes.size());
    if (axes.size() == 1 && AsciiLower(axes[0].units) == "wav") {
      // Edge Impulse audio: 16-bit sample values.
      for (float& v : values) v /= 32768.0f;
      if (options_.audio_rate_hz > 0 && options_.audio_rate_hz != s.sample_rate_hz) {
        MOTE_ASSIGN_OR_RETURN(values, Resample(values, 1, s.sample_rate_hz, options_.audio_rate_hz, name_));
        s.sample_rate_hz = options_.audio_rate_hz;
      }
      std::vector<int16_t> pcm = FloatToPcm16(values);
      s.data = SampleData::FromI16({static_cast<uint32_t>(pcm.size()), 1}, pcm);
    } else {
      s.data = SampleData::FromF32({static_cast<uint32_t>(values.size() / n_axes), n_axes}, values);
    }
    return s;
  }

 private:
  Status FieldError(const std::string& field, const std::string& message) const {
    if (field.empty()) return Status::InvalidArgument(name_ + ": " + message);
    return Status::InvalidArgument(name_ + ": field '" + field + "': " + message);
  }

  Result<json> Parse(const std::string& bytes) const {
    try {
      return cbor_ ? json::from_cbor(bytes) : json::parse(bytes);
    } catch (const json::parse_error& e) {
      return Status::InvalidArgument(name_ + ": byte " + std::to_string(e.byte) + ": not valid " +
                                     (cbor_ ? "CBOR" : "JSON") + " (" + ParseProblem(e) + ")");
    } catch (const json::exception& e) {
      return Status::InvalidArgument(name_ + ": not valid " + std::string(cbor_ ? "CBOR" : "JSON") + " (" + e.what() +
                                     ")");
    }
  }

  // object[key], required to hold `type` (any number for number_float).
  Result<const json*> Member(const json& object, const char* key, const std::string& field, json::value_t type) const {
    auto it = object.find(key);
    if (it == object.end()) return FieldError(field, "missing");
    bool ok = type == json::value_t::number_float ? it->is_number() : it->type() == type;
    if (!ok) {
      const char* expected = type == json::value_t::number_float ? "a number"
                             : type == json::value_t::object    ? "an object"
                             : type == json::value_t::array     ? "an array"
                                                                : "a string";
      return FieldError(field, std::string("must be ") + expected + ", got " + it->type_name());
    }
    return &*it;
  }

  Status CheckSignature(const json& message, const std::string& bytes) const {
    if (!options_.hmac_key) return Status::Ok();
    MOTE_ASSIGN_OR_RETURN(const json* prot, Member(message, "protected", "protected", json::value_t::object));
    MOTE_ASSIGN_OR_RETURN(const json* alg, Member(*prot, "alg", "protected.alg", json::value_t::string));
    const std::string algorithm = alg->get<std::string>();
    if (algorithm == "none")
      return FieldError("protected.alg", "'none' means the file is unsigned, but --hmac-key asks to verify it");
    if (algorithm != "HS256")
      return Status::Unsupported(name_ + ": field 'protected.alg': '" + algorithm +
                                 "' is not supported; mote verifies HS256 (HMAC-SHA256) signatures");
    MOTE_ASSIGN_OR_RETURN(const json* signature, Member(message, "signature", "signature", json::value_t::string));
    return VerifySignature(bytes, cbor_, signature->get<std::string>(), *options_.hmac_key, name_);
  }

  Result<std::vector<Axis>> Sensors(const json& payload) const {
    MOTE_ASSIGN_OR_RETURN(const json* sensors, Member(payload, "sensors", "payload.sensors", json::value_t::array));
    if (sensors->empty()) return FieldError("payload.sensors", "empty; name at least one sensor");
    std::vector<Axis> axes;
    for (size_t i = 0; i < sensors->size(); ++i) {
      const json& s = (*sensors)[i];
      std::string field = "payload.sensors[" + std::to_string(i) + "]";
      if (!s.is_object()) return FieldError(field, std::string("must be an object, got ") + s.type_name());
      MOTE_ASSIGN_OR_RETURN(const json* name, Member(s, "name", field + ".name", json::value_t::string));
      Axis axis{name->get<std::string>(), ""};
      if (s.contains("units")) {
        MOTE_ASSIGN_OR_RETURN(const json* units, Member(s, "units", field + ".units", json::value_t::string));
        axis.units = units->get<std::string>();
      }
      axes.push_back(std::move(axis));
    }
    return axes;
  }

  // The values, frame-interleaved. One sensor may have a flat list.
  Result<std::vector<float>> Values(const json& payload, size_t n_axes) const {
    MOTE_ASSIGN_OR_RETURN(const json* values, Member(payload, "values", "payload.values", json::value_t::array));
    if (values->empty()) return FieldError("payload.values", "empty; the file holds no data");
    std::vector<float> out;
    out.reserve(values->size() * n_axes);
    for (size_t i = 0; i < values->size(); ++i) {
      const json& row = (*values)[i];
      std::string field = "payload.values[" + std::to_string(i) + "]";
      if (row.is_number() && n_axes == 1) {
        out.push_back(row.get<float>());
        continue;
      }
      if (!row.is_array())
        return FieldError(field, std::string("must be an array of ") + std::to_string(n_axes) + " numbers, got " +
                                     row.type_name());
      if (row.size() != n_axes)
        return FieldError(field, "expected " + std::to_string(n_axes) + " values (one per sensor), got " +
                                     std::to_string(row.size()));
      for (size_t a = 0; a < n_axes; ++a) {
        if (!row[a].is_number())
          return FieldError(field + "[" + std::to_string(a) + "]", std::string("not a number: ") + row[a].dump());
        out.push_back(row[a].get<float>());
      }
    }
    return out;
  }

  std::string name_;
  const ImportOptions& options_;
  bool cbor_ = false;
};

class EdgeImpulseImporter : public Importer {
 public:
  std::string_view name() const override { return "edge-impulse"; }

  bool Accepts(const fs::path& path, std::span<const uint8_t>) const override {
    std::string ext = LowerExtension(path);
    return ext == ".json" || ext == ".cbor";
  }

  Status Read(std::span<const fs::path> files, const ImportOptions& options, const SampleSink& sink) const override {
    for (const fs::path& f : files) {
      MOTE_ASSIGN_OR_RETURN(ImportedSample s, EdgeImpulseFile(f, options).Read());
      MOTE_RETURN_IF_ERROR(sink(std::move(s)));
    }
    return Status::Ok();
  }
};

}  // namespace

MOTE_REGISTER_IMPORTER(EdgeImpulseImporter);

}  // namespace mote
