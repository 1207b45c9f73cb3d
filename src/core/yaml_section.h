// Typed, validated reads from a YAML mapping (mote.yaml), where every error
// carries file:line:column and the dotted path of the field:
//   mote.yaml:12:5: window.size_ms must be > 0
// Each lifecycle stage reads its own section through this class, so the
// messages look the same everywhere. Copies share the parsed document.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/status.h"

namespace mote {

class YamlSection {
 public:
  // Parses `text` (the contents of `file_name`); InvalidArgument with the
  // position on a syntax error or when the top level is not a mapping.
  static Result<YamlSection> Parse(const std::string& text, const std::string& file_name);

  // True if the key is present (even when its value is null).
  bool Has(std::string_view key) const;
  // The getters leave *out untouched when the key is absent or null, so a
  // default is set by initialising *out. A value of the wrong type is an error.
  Status Get(std::string_view key, double* out) const;
  Status Get(std::string_view key, int64_t* out) const;
  Status Get(std::string_view key, bool* out) const;
  Status Get(std::string_view key, std::string* out) const;
  Status Get(std::string_view key, std::vector<std::string>* out) const;
  // Like Get(double), then requires lo < value (or lo <= value when
  // `inclusive`) and value <= hi.
  Status GetInRange(std::string_view key, double* out, double lo, double hi, bool inclusive = false) const;

  // A nested mapping; an absent key gives an empty section. A present value
  // that is not a mapping is an error.
  Result<YamlSection> Section(std::string_view key) const;
  // A sequence of mappings; absent gives an empty list.
  Result<std::vector<YamlSection>> List(std::string_view key) const;

  // Error at the key's value (or at this section when the key is absent).
  Status Error(std::string_view key, const std::string& message) const;
  // Rejects keys not in `allowed`, suggesting the closest allowed key.
  Status OnlyKeys(std::initializer_list<std::string_view> allowed) const;
  Status OnlyKeys(const std::vector<std::string>& allowed) const;

  // Dotted path of a key in this section ("data.sources[2].label").
  std::string PathOf(std::string_view key) const;
  const std::string& file_name() const { return *file_; }
  const YAML::Node& node() const { return node_; }

 private:
  YamlSection(YAML::Node node, std::string path, std::shared_ptr<const std::string> file)
      : node_(std::move(node)), path_(std::move(path)), file_(std::move(file)) {}
  Status ErrorAt(const YAML::Mark& mark, const std::string& message) const;
  YAML::Node Find(std::string_view key) const;

  YAML::Node node_;
  std::string path_;
  std::shared_ptr<const std::string> file_;
};

}  // namespace mote
