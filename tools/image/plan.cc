// SPDX-License-Identifier: MIT
#include "image/plan.h"

#include <memory>

#include <fmt/format.h>

namespace image {

void StringSink::AppendHex(uint64_t value) { text += fmt::format("{:#x}", value); }

PlanResult CheckAndOrder(const InitTable& table) {
  PlanResult result;
  const auto& nodes = table.nodes();
  const auto count = static_cast<uint32_t>(nodes.size());
  std::vector<inittab::PlanError> errors(64);
  const uint32_t problems =
      inittab::CheckNodes(nodes.data(), count, errors.data(), static_cast<uint32_t>(errors.size()));
  for (uint32_t i = 0; i < problems && i < errors.size(); ++i) {
    StringSink sink;
    inittab::DescribePlanError(errors[i], nodes.data(), sink);
    result.errors.push_back(sink.text);
  }
  if (problems > errors.size()) {
    result.errors.push_back(fmt::format("... and {} more problems", problems - errors.size()));
  }
  if (problems != 0) return result;

  std::vector<uint32_t> remaining(count);
  std::unique_ptr<bool[]> placed(new bool[count == 0 ? 1 : count]);
  result.order.resize(count);
  inittab::PlanError cycle;
  if (!inittab::SortNodes(nodes.data(), count, result.order.data(), {remaining.data(), placed.get()},
                          &cycle)) {
    StringSink sink;
    inittab::DescribePlanError(cycle, nodes.data(), sink);
    result.errors.push_back(sink.text);
    result.order.clear();
  }
  return result;
}

}  // namespace image
