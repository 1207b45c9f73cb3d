#include "features/feature_normalization.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "features/le_binary.h"

namespace mote {

namespace {

constexpr char kNormalizationMagic[4] = {'M', 'N', 'R', 'M'};
constexpr uint32_t kNormalizationVersion = 1;
constexpr size_t kNormalizationHeaderBytes = 12;

float InverseSpread(double spread, double offset) {
  if (spread <= 1e-6 * std::max(1.0, std::fabs(offset))) return 1.0f;
  return static_cast<float>(1.0 / spread);
}

}  // namespace

FeatureNormalization FeatureNormalization::FromTrain(NormalizeMode mode, const FeatureStatistics& train) {
  FeatureNormalization n;
  n.mode = mode;
  n.train_rows = train.count();
  n.offset.assign(train.features(), 0.0f);
  n.scale.assign(train.features(), 1.0f);
  for (uint32_t f = 0; f < train.features() && train.count() > 0; ++f) {
    switch (mode) {
      case NormalizeMode::kNone: break;
      case NormalizeMode::kStandard:
        n.offset[f] = static_cast<float>(train.mean(f));
        n.scale[f] = InverseSpread(train.stddev(f), train.mean(f));
        break;
      case NormalizeMode::kMinMax:
        n.offset[f] = train.min(f);
        n.scale[f] = InverseSpread(static_cast<double>(train.max(f)) - train.min(f), train.min(f));
        break;
    }
  }
  return n;
}

dsp::NormalizationArrays FeatureNormalization::View() const { return {features(), offset.data(), scale.data()}; }

dsp::Int8InputNormalization Int8InputTables::View() const {
  return {static_cast<uint32_t>(multiplier.size()), multiplier.data(), bias.data(), shift.data()};
}

Result<Int8InputTables> FeatureNormalization::FoldForInt8Input(double feature_step, double input_scale,
                                                               int32_t zero_point) const {
  if (!(input_scale > 0) || !std::isfinite(input_scale))
    return Status::InvalidArgument("int8 input scale must be a positive number, got " + std::to_string(input_scale));
  if (zero_point < -128 || zero_point > 127)
    return Status::InvalidArgument("int8 input zero point must be in [-128, 127], got " + std::to_string(zero_point));
  // The largest shift: with |multiplier| < 2^31 and |q| <= 2^15, the bias
  // bound below keeps |q * multiplier + bias| under 2^52.
  constexpr int kMaxShift = 40;
  Int8InputTables t;
  for (uint32_t f = 0; f < features(); ++f) {
    const double m = feature_step * scale[f] / input_scale;
    double b = zero_point - static_cast<double>(offset[f]) * scale[f] / input_scale + 0.5;
    if (!std::isfinite(m) || !std::isfinite(b) || std::fabs(m) >= 0x1p24)
      return Status::InvalidArgument("feature " + std::to_string(f) + ": step * scale / input scale is " +
                                     std::to_string(m) + ", outside what int8 input can represent");
    // |multiplier| in [2^29, 2^30): 30 significant bits.
    int exponent = 0;
    std::frexp(m, &exponent);
    const int shift = m == 0 ? kMaxShift : std::clamp(30 - exponent, 0, kMaxShift);
    // Beyond this the output saturates for every int16 input anyway.
    const double bound = 32768.0 * std::fabs(m) + 1024.0;
    b = std::clamp(b, -bound, bound);
    t.multiplier.push_back(static_cast<int32_t>(std::llround(std::ldexp(m, shift))));
    t.bias.push_back(std::llround(std::ldexp(b, shift)));
    t.shift.push_back(static_cast<uint8_t>(shift));
  }
  return t;
}

void FeatureNormalization::Apply(float* rows, uint32_t frames) const {
  dsp::ApplyNormalization(View(), rows, frames, rows);
}

Status FeatureNormalization::Write(const std::filesystem::path& dir) const {
  nlohmann::json j = {{"mode", NormalizeModeName(mode)},
                      {"computed_on", "train"},
                      {"train_rows", train_rows},
                      {"formula", "(x - offset) * scale"},
                      {"offset", offset},
                      {"scale", scale}};
  MOTE_RETURN_IF_ERROR(WriteFileAtomically(dir / "normalization.json", j.dump(2)));
  std::string bin(kNormalizationMagic, 4);
  AppendU32(&bin, kNormalizationVersion);
  AppendU32(&bin, features());
  AppendFloats(&bin, offset);
  AppendFloats(&bin, scale);
  return WriteFileAtomically(dir / "normalization.bin", bin);
}

Result<FeatureNormalization> FeatureNormalization::Read(const std::filesystem::path& dir) {
  const std::string bin_name = (dir / "normalization.bin").string();
  MOTE_ASSIGN_OR_RETURN(std::string bin, ReadFile(dir / "normalization.bin"));
  if (bin.size() < kNormalizationHeaderBytes || bin.compare(0, 4, kNormalizationMagic, 4) != 0)
    return Status::Corruption(bin_name + ": byte 0: not a normalization file (magic MNRM)");
  if (ReadU32(bin, 4) != kNormalizationVersion)
    return Status::Corruption(bin_name + ": byte 4: version " + std::to_string(ReadU32(bin, 4)) + ", expected 1");
  const uint32_t features = ReadU32(bin, 8);
  const size_t want = kNormalizationHeaderBytes + size_t{features} * 8;
  if (bin.size() != want)
    return Status::Corruption(bin_name + ": " + std::to_string(bin.size()) + " bytes, expected " +
                              std::to_string(want) + " for " + std::to_string(features) + " features");
  FeatureNormalization n;
  n.offset.resize(features);
  n.scale.resize(features);
  ReadFloats(bin, kNormalizationHeaderBytes, n.offset);
  ReadFloats(bin, kNormalizationHeaderBytes + size_t{features} * 4, n.scale);

  const std::string json_name = (dir / "normalization.json").string();
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(dir / "normalization.json"));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption(json_name + ": not JSON");
  const std::string mode = j.value("mode", "");
  std::optional<NormalizeMode> parsed = NormalizeModeFromName(mode);
  if (!parsed) return Status::Corruption(json_name + ": mode: unknown value '" + mode + "'");
  n.mode = *parsed;
  if (!j.contains("train_rows") || !j["train_rows"].is_number_integer())
    return Status::Corruption(json_name + ": train_rows: missing");
  n.train_rows = j["train_rows"].get<int64_t>();
  return n;
}

}  // namespace mote
