// SPDX-License-Identifier: MIT
#include "image/seal.h"

#include <cstring>

#include <fmt/format.h>

#include "inittab/plan-seal.h"

namespace image {
namespace {

Symbol SealSymbol(const ElfImage& image) {
  const auto symbol = image.FindSymbol(UNIENTRY_PLAN_SEAL_SYMBOL);
  if (!symbol) {
    throw ImageError(fmt::format("{}: no plan seal ({} not found): not a unientry kernel of this version",
                                 image.path(), UNIENTRY_PLAN_SEAL_SYMBOL));
  }
  if (symbol->size != sizeof(inittab::PlanSeal)) {
    throw ImageError(fmt::format("{}: {}: expected {} bytes, got {}", image.path(), UNIENTRY_PLAN_SEAL_SYMBOL,
                                 sizeof(inittab::PlanSeal), symbol->size));
  }
  return *symbol;
}

}  // namespace

std::vector<uint8_t> SealedImage(const ElfImage& image, const std::vector<uint32_t>& order) {
  const Symbol symbol = SealSymbol(image);
  if (order.size() > inittab::kPlanSealMaxEntries) {
    throw ImageError(fmt::format("{}: {} init entries, a plan seal holds at most {}", image.path(), order.size(),
                                 inittab::kPlanSealMaxEntries));
  }
  inittab::PlanSeal seal{};
  seal.magic = inittab::kPlanSealMagic;
  seal.count = static_cast<uint32_t>(order.size());
  for (size_t i = 0; i < order.size(); ++i) seal.order[i] = order[i];
  std::vector<uint8_t> bytes = image.bytes();
  const uint64_t offset = image.FileOffset(symbol.value, sizeof(seal), "plan seal");
  std::memcpy(bytes.data() + offset, &seal, sizeof(seal));
  return bytes;
}

std::vector<uint32_t> ReadSealedOrder(const ElfImage& image, bool& sealed) {
  const Symbol symbol = SealSymbol(image);
  inittab::PlanSeal seal{};
  const std::vector<uint8_t> bytes = image.Read(symbol.value, sizeof(seal), "plan seal");
  std::memcpy(&seal, bytes.data(), sizeof(seal));
  sealed = seal.magic == inittab::kPlanSealMagic;
  if (!sealed) return {};
  if (seal.count > inittab::kPlanSealMaxEntries) {
    throw ImageError(fmt::format("{}: plan seal count: expected at most {}, got {}", image.path(),
                                 inittab::kPlanSealMaxEntries, seal.count));
  }
  return std::vector<uint32_t>(seal.order, seal.order + seal.count);
}

}  // namespace image
