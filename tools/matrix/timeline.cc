// SPDX-License-Identifier: MIT
#include "matrix/timeline.h"

#include <algorithm>

#include <fmt/format.h>

namespace matrix {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

constexpr const char* kColours[] = {"#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948",
                                    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#e15759"};

}  // namespace

std::string TimelineSvg(const std::vector<TimelineRow>& rows) {
  constexpr int kLabel = 220, kWidth = 900, kRow = 28, kTop = 40;
  uint64_t longest = 1;
  for (const auto& row : rows) {
    if (row.costs.size() >= 2) longest = std::max(longest, row.costs.back().second - row.costs.front().second);
  }
  const int height = kTop + static_cast<int>(rows.size()) * kRow + 20;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
      "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"10\" y=\"20\" font-size=\"14\">unientry boot timeline: guest instructions from the entry stub "
      "(longest {} instructions)</text>\n",
      kLabel + kWidth + 20, height, longest);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const int y = kTop + static_cast<int>(i) * kRow;
    const bool ok = row.result == "pass";
    svg += fmt::format("<text x=\"10\" y=\"{}\" fill=\"{}\">{}{}</text>\n", y + 16, ok ? "black" : "#c00000",
                       Escape(row.name), ok ? "" : " (" + Escape(row.result) + ")");
    if (row.costs.size() < 2) {
      svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#888\">no cost lines</text>\n", kLabel, y + 16);
      continue;
    }
    for (size_t s = 1; s < row.costs.size(); ++s) {
      const uint64_t from = row.costs[s - 1].second - row.costs.front().second;
      const uint64_t to = row.costs[s].second - row.costs.front().second;
      const double x = kLabel + static_cast<double>(from) * kWidth / static_cast<double>(longest);
      const double w = std::max(1.0, static_cast<double>(to - from) * kWidth / static_cast<double>(longest));
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\" stroke=\"{}\"><title>{}: {} "
          "instructions</title></rect>\n",
          x, y + 2, w, kColours[s % 10], ok ? "none" : "#c00000", Escape(row.costs[s].first), to - from);
    }
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace matrix
