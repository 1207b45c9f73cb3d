#include "features/feature_normalization.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "features/le_binary.h"

namespace mote {

namespace {

constexpr char kMagic[4] = {'M', 'N', 'R', 'M'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 12;

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

dsp::Normalization FeatureNormalization::View() const { return {features(), offset.data(), scale.data()}; }

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
  std::string bin(kMagic, 4);
  AppendU32(&bin, kVersion);
  AppendU32(&bin, features());
  AppendFloats(&bin, offset);
  AppendFloats(&bin, scale);
  return WriteFileAtomically(dir / "normalization.bin", bin);
}

Result<FeatureNormalization> FeatureNormalization::Read(const std::filesystem::path& dir) {
  const std::string bin_name = (dir / "normalization.bin").string();
  MOTE_ASSIGN_OR_RETURN(std::string bin, ReadFile(dir / "normalization.bin"));
  if (bin.size() < kHeaderBytes || bin.compare(0, 4, kMagic, 4) != 0)
    return Status::Corruption(bin_name + ": byte 0: not a normalization file (magic MNRM)");
  if (ReadU32(bin, 4) != kVersion)
    return Status::Corruption(bin_name + ": byte 4: version " + std::to_string(ReadU32(bin, 4)) + ", expected 1");
  const uint32_t features = ReadU32(bin, 8);
  const size_t want = kHeaderBytes + size_t{features} * 8;
  if (bin.size() != want)
    return Status::Corruption(bin_name + ": " + std::to_string(bin.size()) + " bytes, expected " +
                              std::to_string(want) + " for " + std::to_string(features) + " features");
  FeatureNormalization n;
  n.offset.resize(features);
  n.scale.resize(features);
  ReadFloats(bin, kHeaderBytes, n.offset);
  ReadFloats(bin, kHeaderBytes + size_t{features} * 4, n.scale);

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
