// SPDX-License-Identifier: MIT
// A built kernel image, read with elfutils libelf. The file is untrusted: every read checks
// that the requested range lies inside one allocated section of the file, and every problem
// is an ImageError that names what, where, what was expected and what was found.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace image {

class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Section {
  std::string name;
  uint64_t address;
  uint64_t size;
  uint64_t file_offset;
  bool has_file_data;  // false for SHT_NOBITS
};

struct LoadSegment {
  uint64_t physical_address;
  uint64_t file_offset;
  uint64_t file_size;
  uint64_t memory_size;
  bool executable;  // PF_X
};

struct Symbol {
  std::string name;
  uint64_t value;
  uint64_t size;
};

class ElfImage {
 public:
  /// Opens and validates an x86-64 ELF64 executable; throws ImageError otherwise.
  static ElfImage Open(const std::string& path);
  /// The same for bytes already in memory; `name` stands for the path in messages.
  static ElfImage FromBytes(std::vector<uint8_t> bytes, const std::string& name);

  const std::string& path() const { return path_; }
  const std::vector<Section>& sections() const { return sections_; }
  const std::vector<LoadSegment>& load_segments() const { return segments_; }
  const std::vector<Symbol>& symbols() const { return symbols_; }
  /// The symbol's value, or an ImageError naming it.
  uint64_t SymbolValue(const std::string& name) const;

  std::optional<Symbol> FindSymbol(const std::string& name) const;

  /// The bytes of [address, address + size), which must lie in one section with file data.
  std::vector<uint8_t> Read(uint64_t address, uint64_t size, const std::string& what) const;
  /// Where [address, address + size) lies in the file (the same rule as Read).
  uint64_t FileOffset(uint64_t address, uint64_t size, const std::string& what) const;
  /// The whole file.
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  uint64_t ReadU64(uint64_t address, const std::string& what) const;
  uint32_t ReadU32(uint64_t address, const std::string& what) const;
  /// The image as the loader would place it: PT_LOAD file bytes at their physical addresses
  /// from `base`, gaps zero-filled, up to the end of the last file-backed byte. `memory_end`
  /// receives the end of the last segment in memory (including .bss-like parts).
  std::vector<uint8_t> Flatten(uint64_t base, uint64_t* memory_end) const;
  /// A NUL-terminated string of at most max_length characters.
  std::string ReadString(uint64_t address, size_t max_length, const std::string& what) const;

 private:
  ElfImage() = default;
  const Section* SectionFor(uint64_t address, uint64_t size) const;

  std::string path_;
  std::vector<uint8_t> bytes_;
  std::vector<Section> sections_;
  std::vector<LoadSegment> segments_;
  std::vector<Symbol> symbols_;
};

}  // namespace image
