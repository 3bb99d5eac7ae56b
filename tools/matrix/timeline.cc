// SPDX-License-Identifier: MIT
#include "matrix/timeline.h"

#include <algorithm>
#include <map>

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

constexpr const char* kColours[] = {"#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                                    "#9c755f", "#bab0ac", "#e15759", "#1f77b4", "#aec7e8", "#ffbb78", "#98df8a",
                                    "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79"};
constexpr size_t kColourCount = sizeof(kColours) / sizeof(kColours[0]);

}  // namespace

std::string TimelineSvg(const std::vector<TimelineRow>& rows) {
  constexpr int kLabel = 220, kWidth = 900, kRow = 28, kTop = 40, kLegendRow = 18;
  uint64_t longest = 1;
  // One colour per step name, in the order steps first appear, so a step looks the same in
  // every row (a row whose entry has no long-mode step is not shifted).
  std::map<std::string, size_t> colour_of;
  std::vector<std::string> steps;
  for (const auto& row : rows) {
    if (row.costs.size() >= 2) longest = std::max(longest, row.costs.back().second - row.costs.front().second);
    for (size_t s = 1; s < row.costs.size(); ++s) {
      if (colour_of.emplace(row.costs[s].first, steps.size()).second) steps.push_back(row.costs[s].first);
    }
  }
  const int legend_top = kTop + static_cast<int>(rows.size()) * kRow + 20;
  const int legend_rows = static_cast<int>((steps.size() + 3) / 4);
  const int height = legend_top + legend_rows * kLegendRow + 20;
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
          x, y + 2, w, kColours[colour_of[row.costs[s].first] % kColourCount], ok ? "none" : "#c00000",
          Escape(row.costs[s].first), to - from);
    }
  }
  // The legend: each segment is the instructions up to that cost line from the one before.
  for (size_t i = 0; i < steps.size(); ++i) {
    const int x = kLabel + static_cast<int>(i % 4) * 220;
    const int y = legend_top + static_cast<int>(i / 4) * kLegendRow;
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                       "<text x=\"{}\" y=\"{}\">up to {}</text>\n",
                       x, y, kColours[i % kColourCount], x + 16, y + 11, Escape(steps[i]));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace matrix
