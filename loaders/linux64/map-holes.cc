// SPDX-License-Identifier: MIT
#include "map-holes.h"

namespace loader {
namespace {

constexpr uint64_t kPage = 4096;
constexpr uint32_t kRam = static_cast<uint32_t>(bootabi::E820Type::kRam);
constexpr uint32_t kReserved = static_cast<uint32_t>(bootabi::E820Type::kReserved);

}  // namespace

base::Result<uint32_t> TakeMapHoles(char* command_line) {
  char value[8] = "0";
  TRY(TakeLoaderWord(command_line, "linux64-loader.e820-holes=", value, sizeof(value)));
  uint32_t holes = 0;
  for (const char* c = value; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9' || holes > kMaxMapHoles) {
      return base::MakeError("expected a decimal count up to the most", "linux64-loader.e820-holes", kMaxMapHoles, holes);
    }
    holes = holes * 10 + static_cast<uint32_t>(*c - '0');
  }
  if (holes > kMaxMapHoles) return base::MakeError("more holes than the most", "linux64-loader.e820-holes", kMaxMapHoles, holes);
  return holes;
}

base::Result<uint32_t> PunchMapHoles(const bootabi::boot_e820_entry* in, uint32_t count, uint32_t holes,
                                     const Busy* busy, uint32_t busy_count, bootabi::boot_e820_entry* out,
                                     uint32_t capacity) {
  uint32_t top = count;
  for (uint32_t i = 0; i < count; ++i) {
    if (in[i].type == kRam && (top == count || in[i].addr > in[top].addr)) top = i;
  }
  if (holes == 0 || top == count) {
    if (count > capacity) return base::MakeError("map does not fit", "linux64-loader.e820-holes", capacity, count);
    for (uint32_t i = 0; i < count; ++i) out[i] = in[i];
    return count;
  }
  const bootabi::boot_e820_entry range = in[top];
  const uint64_t punched = uint64_t{2} * holes * kPage;
  const uint64_t end = (range.addr + range.size) & ~(kPage - 1);
  if (end < range.addr || end - range.addr <= punched) {
    return base::MakeError("the highest RAM range is too small for the holes", "linux64-loader.e820-holes",
                           punched + kPage, range.size);
  }
  const uint64_t first_hole = end - punched;
  for (uint32_t i = 0; i < busy_count; ++i) {
    if (busy[i].base < end && first_hole < busy[i].base + busy[i].size) {
      return base::AtIndex(base::MakeError("the holes would cover loaded memory: give the machine more RAM",
                                           "linux64-loader.e820-holes", first_hole, busy[i].base), i);
    }
  }
  if (count + 2 * holes > capacity) {
    return base::MakeError("map with holes does not fit", "linux64-loader.e820-holes", capacity, count + 2 * holes);
  }
  uint32_t written = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (i != top) out[written++] = in[i];
  }
  out[written++] = {range.addr, first_hole - range.addr, kRam};
  for (uint32_t i = 0; i < holes; ++i) {
    const uint64_t hole = first_hole + uint64_t{2} * i * kPage;
    out[written++] = {hole, kPage, kReserved};
    // The last RAM page also keeps what lay past the range's last whole page.
    const uint64_t ram_end = i + 1 == holes ? range.addr + range.size : hole + 2 * kPage;
    if (ram_end > hole + kPage) out[written++] = {hole + kPage, ram_end - hole - kPage, kRam};
  }
  return written;
}

}  // namespace loader
