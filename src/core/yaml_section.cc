#include "core/yaml_section.h"

#include <algorithm>
#include <cmath>

namespace mote {

namespace {
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

Result<YamlSection> YamlSection::Parse(const std::string& text, const std::string& file_name) {
  auto file = std::make_shared<const std::string>(file_name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument(file_name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  YamlSection s(root, "", file);
  if (!root.IsMap()) return s.ErrorAt(root.Mark(), "the top level must be a mapping of sections");
  return s;
}

std::string YamlSection::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Status YamlSection::ErrorAt(const YAML::Mark& mark, const std::string& message) const {
  if (mark.is_null()) return Status::InvalidArgument(*file_ + ": " + message);
  return Status::InvalidArgument(*file_ + ":" + std::to_string(mark.line + 1) + ":" +
                                 std::to_string(mark.column + 1) + ": " + message);
}

YAML::Node YamlSection::Find(std::string_view key) const {
  for (auto it = node_.begin(); it != node_.end(); ++it)
    if (it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

bool YamlSection::Has(std::string_view key) const { return Find(key).IsDefined(); }

Status YamlSection::Error(std::string_view key, const std::string& message) const {
  YAML::Node n = Find(key);
  return ErrorAt(n.IsDefined() ? n.Mark() : node_.Mark(), PathOf(key) + " " + message);
}

Status YamlSection::Get(std::string_view key, double* out) const {
  YAML::Node n = Find(key);
  if (!n.IsDefined() || n.IsNull()) return Status::Ok();
  double v;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
    return Error(key, "must be a number, got '" + (n.IsScalar() ? n.Scalar() : std::string("a collection")) + "'");
  *out = v;
  return Status::Ok();
}

Status YamlSection::Get(std::string_view key, int64_t* out) const {
  YAML::Node n = Find(key);
  if (!n.IsDefined() || n.IsNull()) return Status::Ok();
  long long v;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v))
    return Error(key, "must be an integer, got '" + (n.IsScalar() ? n.Scalar() : std::string("a collection")) + "'");
  *out = v;
  return Status::Ok();
}

Status YamlSection::Get(std::string_view key, bool* out) const {
  YAML::Node n = Find(key);
  if (!n.IsDefined() || n.IsNull()) return Status::Ok();
  bool v;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
    return Error(key, "must be true or false");
  *out = v;
  return Status::Ok();
}

Status YamlSection::Get(std::string_view key, std::string* out) const {
  YAML::Node n = Find(key);
  if (!n.IsDefined() || n.IsNull()) return Status::Ok();
  if (!n.IsScalar()) return Error(key, "must be a string");
  *out = n.Scalar();
  return Status::Ok();
}

Status YamlSection::Get(std::string_view key, std::vector<std::string>* out) const {
  YAML::Node n = Find(key);
  if (!n.IsDefined() || n.IsNull()) return Status::Ok();
  if (!n.IsSequence()) return Error(key, "must be a list");
  std::vector<std::string> v;
  for (const auto& item : n) {
    if (!item.IsScalar()) return ErrorAt(item.Mark(), PathOf(key) + " items must be strings");
    v.push_back(item.Scalar());
  }
  *out = std::move(v);
  return Status::Ok();
}

Status YamlSection::GetInRange(std::string_view key, double* out, double lo, double hi, bool inclusive) const {
  MOTE_RETURN_IF_ERROR(Get(key, out));
  if (!Has(key)) return Status::Ok();
  auto num = [](double x) {
    std::string s = std::to_string(x);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  };
  bool low_ok = inclusive ? *out >= lo : *out > lo;
  if (!low_ok) return Error(key, std::string("must be ") + (inclusive ? ">= " : "> ") + num(lo));
  if (*out > hi) return Error(key, "must be <= " + num(hi));
  return Status::Ok();
}

Result<YamlSection> YamlSection::Section(std::string_view key) const {
  YAML::Node n = Find(key);
  if (!n.IsDefined() || n.IsNull()) {
    YAML::Node empty(YAML::NodeType::Map);
    return YamlSection(empty, PathOf(key), file_);
  }
  if (!n.IsMap()) return Error(key, "must be a mapping of keys to values");
  return YamlSection(n, PathOf(key), file_);
}

Result<std::vector<YamlSection>> YamlSection::List(std::string_view key) const {
  YAML::Node n = Find(key);
  std::vector<YamlSection> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) return Error(key, "must be a list");
  for (size_t i = 0; i < n.size(); ++i) {
    std::string path = PathOf(key) + "[" + std::to_string(i) + "]";
    if (!n[i].IsMap()) return ErrorAt(n[i].Mark(), path + " must be a mapping");
    out.push_back(YamlSection(n[i], path, file_));
  }
  return out;
}

Status YamlSection::OnlyKeys(std::initializer_list<std::string_view> allowed) const {
  return OnlyKeys(std::vector<std::string>(allowed.begin(), allowed.end()));
}

Status YamlSection::OnlyKeys(const std::vector<std::string>& allowed) const {
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string& key = it->first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string best;
    size_t best_d = 3;  // suggest only close misspellings
    for (const auto& a : allowed) {
      size_t d = EditDistance(key, a);
      if (d < best_d) best_d = d, best = a;
    }
    std::string msg = "unknown key '" + PathOf(key) + "'";
    if (!best.empty()) msg += " (did you mean '" + best + "'?)";
    return ErrorAt(it->first.Mark(), msg);
  }
  return Status::Ok();
}

}  // namespace mote
