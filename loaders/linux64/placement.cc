// SPDX-License-Identifier: MIT
#include "placement.h"

namespace loader {
namespace {

constexpr char kWord[] = "linux64-loader.load=";
constexpr uint32_t kRam = static_cast<uint32_t>(bootabi::E820Type::kRam);

bool ParseHex(const char* text, uint64_t length, uint64_t& value) {
  if (length < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return false;
  value = 0;
  for (uint64_t i = 2; i < length; ++i) {
    const char c = text[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0 || value >> 60 != 0) return false;
    value = value << 4 | static_cast<uint64_t>(digit);
  }
  return true;
}

bool Overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size) {
  return a < b + b_size && b < a + a_size;
}

}  // namespace

base::Result<bool> TakeLoaderWord(char* line, const char* prefix, char* value, uint64_t capacity) {
  uint64_t prefix_length = 0;
  while (prefix[prefix_length] != '\0') ++prefix_length;
  bool found = false;
  for (char* word = line; *word != '\0';) {
    while (*word == ' ') ++word;
    char* end = word;
    while (*end != '\0' && *end != ' ') ++end;
    bool match = static_cast<uint64_t>(end - word) >= prefix_length;
    for (uint64_t i = 0; match && i < prefix_length; ++i) match = word[i] == prefix[i];
    if (!match) {
      word = end;
      continue;
    }
    const uint64_t length = static_cast<uint64_t>(end - word) - prefix_length;
    if (length + 1 > capacity) return base::MakeError("value too long", prefix, capacity - 1, length);
    __builtin_memcpy(value, word + prefix_length, length);
    value[length] = '\0';
    found = true;
    // Remove the word and one space that separated it from the rest.
    const char* rest = end;
    if (*rest == ' ') {
      ++rest;
    } else if (word > line && word[-1] == ' ') {
      --word;
    }
    char* to = word;
    while ((*to++ = *rest++) != '\0') {
    }
  }
  return found;
}

base::Result<PlacementRequest> TakePlacementRequest(char* line) {
  PlacementRequest request;
  char value[24];
  if (!TRY(TakeLoaderWord(line, kWord, value, sizeof(value)))) return request;
  uint64_t length = 0;
  while (value[length] != '\0') ++length;
  if (length == 3 && value[0] == 't' && value[1] == 'o' && value[2] == 'p') {
    request.kind = PlacementRequest::Kind::kTop;
  } else if (ParseHex(value, length, request.address)) {
    request.kind = PlacementRequest::Kind::kAddress;
  } else {
    return base::MakeError("expected top or a 0x hexadecimal address", "linux64-loader.load");
  }
  return request;
}

bool FreeRam(uint64_t address, uint64_t size, const bootabi::boot_e820_entry* map, uint32_t map_count,
             const Busy* busy, uint32_t busy_count, uint64_t limit) {
  if (address > limit || size > limit - address) return false;
  bool in_ram = false;
  for (uint32_t i = 0; i < map_count; ++i) {
    if (map[i].type == kRam && address >= map[i].addr && address - map[i].addr <= map[i].size &&
        size <= map[i].size - (address - map[i].addr)) {
      in_ram = true;
    }
  }
  for (uint32_t i = 0; in_ram && i < busy_count; ++i) {
    if (Overlaps(address, size, busy[i].base, busy[i].size)) return false;
  }
  return in_ram;
}

base::Result<uint64_t> PlaceKernel(const bootabi::setup_header& header, const PlacementRequest& request,
                                   const bootabi::boot_e820_entry* map, uint32_t map_count, const Busy* busy,
                                   uint32_t busy_count, uint64_t limit) {
  const uint64_t size = header.init_size;
  const uint64_t alignment = uint64_t{1} << header.min_alignment;
  auto fits = [&](uint64_t address) {
    return address % alignment == 0 && FreeRam(address, size, map, map_count, busy, busy_count, limit);
  };
  if (request.kind == PlacementRequest::Kind::kPreferred) {
    if (!fits(header.pref_address)) {
      return base::MakeError("pref_address is not free RAM", "setup_header.pref_address", 0, header.pref_address);
    }
    return uint64_t{header.pref_address};
  }
  if (header.relocatable_kernel == 0) {
    return base::MakeError("the kernel is not relocatable", "setup_header.relocatable_kernel", 1, 0);
  }
  if (request.kind == PlacementRequest::Kind::kAddress) {
    if (request.address % alignment != 0) {
      return base::MakeError("address not aligned as min_alignment asks", "linux64-loader.load", alignment, request.address);
    }
    if (!fits(request.address)) {
      return base::MakeError("address is not free RAM for init_size bytes", "linux64-loader.load", size, request.address);
    }
    return request.address;
  }
  // Top-down: the highest kernel_alignment-aligned address that fits.
  const uint64_t step = header.kernel_alignment != 0 ? header.kernel_alignment : alignment;
  uint64_t best = 0;
  for (uint32_t i = 0; i < map_count; ++i) {
    if (map[i].type != kRam || map[i].size < size) continue;
    uint64_t end = map[i].addr + map[i].size;
    if (end > limit) end = limit;
    if (end < map[i].addr + size) continue;
    for (uint64_t address = (end - size) / step * step; address >= map[i].addr; address -= step) {
      if (fits(address)) {
        if (address > best) best = address;
        break;
      }
      if (address < step) break;
    }
  }
  if (best == 0) return base::MakeError("no free RAM below the limit holds init_size bytes", "init_size", limit, size);
  return best;
}

}  // namespace loader
