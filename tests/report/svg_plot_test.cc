// The SVG plots: one cell per value, colours ordered by value, text escaped.
#include "report/svg_plot.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <stb_image.h>

#include <vector>

namespace mote {
namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SvgPlot, HeatmapDrawsEveryCellWithTheMapsEnds) {
  HeatmapSpec spec{"a <title> & more", "frame", "feature", 2, 3, {0, 1, 2, 3, 4, 5}, {"top", "bottom"},
                   ColorMap::kGray};
  const std::string svg = SvgHeatmap(spec);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg.ends_with("</svg>\n"));
  // 64 colour-bar steps + the background; the cells are one embedded PNG.
  EXPECT_EQ(Count(svg, "<rect"), 64u + 1u);
  const std::string prefix = "href=\"data:image/png;base64,";
  const size_t at = svg.find(prefix);
  ASSERT_NE(at, std::string::npos);
  const std::string b64 = svg.substr(at + prefix.size(), svg.find('"', at + prefix.size()) - at - prefix.size());
  std::vector<unsigned char> png(b64.size());
  size_t png_size = 0;
  ASSERT_EQ(sodium_base642bin(png.data(), png.size(), b64.c_str(), b64.size(), nullptr, &png_size, nullptr,
                              sodium_base64_VARIANT_ORIGINAL),
            0);
  int w = 0, h = 0, comp = 0;
  unsigned char* pixels = stbi_load_from_memory(png.data(), static_cast<int>(png_size), &w, &h, &comp, 3);
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(w, 3);
  EXPECT_EQ(h, 2);
  // Row-major from the top: cell 0 (the smallest) black, cell 5 (the largest) white, 2 in between.
  EXPECT_EQ(pixels[0], 0);
  EXPECT_EQ(pixels[5 * 3], 255);
  EXPECT_EQ(pixels[2 * 3], 102);  // 2/5 of 255
  stbi_image_free(pixels);
  EXPECT_NE(svg.find("a &lt;title&gt; &amp; more"), std::string::npos);
  EXPECT_EQ(svg.find("<title>"), std::string::npos);
  EXPECT_NE(svg.find(">top</text>"), std::string::npos);
}

TEST(SvgPlot, BarsAndLines) {
  const std::string bars = SvgBarChart({"t", "z", {"a", "b", "c"}, {1, -2, 0.5f}});
  EXPECT_EQ(Count(bars, "<rect"), 3u + 1u);
  EXPECT_EQ(Count(bars, "#d2582a"), 1u);  // one negative bar
  const std::string lines = SvgLinePlot({"t", "ms", "v", {"x", "y"}, {{0, 1, 2}, {2, 1, 0}}, 10});
  EXPECT_EQ(Count(lines, "<polyline"), 2u);
  EXPECT_NE(lines.find(">20</text>"), std::string::npos);  // the last x: 2 points * 10 ms
  EXPECT_EQ(XmlEscape("\"it's\""), "&quot;it&#39;s&quot;");
}

}  // namespace
}  // namespace mote
