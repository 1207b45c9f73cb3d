#include "core/yaml_section.h"

#include <gtest/gtest.h>

#include "data/data_config.h"

namespace mote {
namespace {

YamlSection Parse(const std::string& text) {
  auto s = YamlSection::Parse(text, "mote.yaml");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

TEST(YamlSection, ErrorsCarryFileLineColumnAndPath) {
  YamlSection root = Parse("project:\n  name: x\nwindow:\n  size_ms: -3\n");
  auto w = ParseWindowConfig(*root.Section("window"));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(), "mote.yaml:4:12: window.size_ms must be > 0");
}

TEST(YamlSection, UnknownKeysSuggestTheClosest) {
  YamlSection root = Parse("data:\n  test_ratoi: 0.3\n");
  auto d = ParseDataConfig(*root.Section("data"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "mote.yaml:2:3: unknown key 'data.test_ratoi' (did you mean 'test_ratio'?)");
}

TEST(YamlSection, TypeErrorsNameTheValue) {
  YamlSection root = Parse("data:\n  test_ratio: lots\n");
  auto d = ParseDataConfig(*root.Section("data"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "mote.yaml:2:15: data.test_ratio must be a number, got 'lots'");
}

TEST(YamlSection, ListItemsHaveIndexedPaths) {
  YamlSection root = Parse("data:\n  sources:\n    - files: a\n    - label_from: nowhere\n      files: b\n");
  auto d = ParseDataConfig(*root.Section("data"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "mote.yaml:4:19: data.sources[1].label_from must be file, folder or filename, got 'nowhere'");
}

TEST(YamlSection, SyntaxErrorsHavePositions) {
  auto s = YamlSection::Parse("data:\n  sources: [a, b\n", "mote.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.status().message().starts_with("mote.yaml:")) << s.status().message();
  EXPECT_EQ(YamlSection::Parse("- a\n- b\n", "m.yaml").status().message(),
            "m.yaml:1:1: the top level must be a mapping of sections");
}

TEST(YamlSection, DefaultsStayWhenAbsent) {
  YamlSection root = Parse("data:\n  sources:\n    - files: data/x\n      split: test\n");
  auto d = ParseDataConfig(*root.Section("data"));
  ASSERT_TRUE(d.ok());
  EXPECT_DOUBLE_EQ(d->test_ratio, 0.2);
  ASSERT_EQ(d->sources.size(), 1u);
  EXPECT_EQ(d->sources[0].split, Split::kTest);
}

}  // namespace
}  // namespace mote
