// SPDX-License-Identifier: MIT
#include "image/elf-image.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace image {
namespace {

struct ElfCloser {
  void operator()(Elf* elf) const { elf_end(elf); }
};
using ElfHandle = std::unique_ptr<Elf, ElfCloser>;

std::string Hex(uint64_t value) { return fmt::format("{:#x}", value); }

[[noreturn]] void Fail(const std::string& path, const std::string& message) {
  throw ImageError(fmt::format("{}: {}", path, message));
}

std::string LibelfError() { return elf_errmsg(-1) != nullptr ? elf_errmsg(-1) : "unknown"; }

}  // namespace

ElfImage ElfImage::Open(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) Fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
  return FromBytes(std::vector<uint8_t>(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()),
                   path);
}

ElfImage ElfImage::FromBytes(std::vector<uint8_t> bytes, const std::string& name) {
  ElfImage image;
  image.path_ = name;
  const std::string& path = image.path_;
  image.bytes_ = std::move(bytes);

  if (image.bytes_.size() < SELFMAG || std::memcmp(image.bytes_.data(), ELFMAG, SELFMAG) != 0) {
    Fail(path, fmt::format("not an ELF file: expected magic 7f 45 4c 46, file is {} bytes",
                           image.bytes_.size()));
  }
  if (image.bytes_.size() < sizeof(Elf64_Ehdr)) {
    Fail(path, fmt::format("truncated ELF header: expected at least {} bytes, got {}",
                           sizeof(Elf64_Ehdr), image.bytes_.size()));
  }
  if (elf_version(EV_CURRENT) == EV_NONE) Fail(path, "libelf is too old");
  ElfHandle elf(elf_memory(reinterpret_cast<char*>(image.bytes_.data()), image.bytes_.size()));
  if (!elf) Fail(path, fmt::format("libelf cannot read it: {}", LibelfError()));
  if (elf_kind(elf.get()) != ELF_K_ELF) {
    Fail(path, fmt::format("not an ELF file: expected magic 7f 45 4c 46, file is {} bytes",
                           image.bytes_.size()));
  }
  if (gelf_getclass(elf.get()) != ELFCLASS64) {
    Fail(path, fmt::format("ELF class: expected ELFCLASS64 ({}), got {}", ELFCLASS64,
                           gelf_getclass(elf.get())));
  }
  GElf_Ehdr header;
  if (gelf_getehdr(elf.get(), &header) == nullptr) {
    Fail(path, fmt::format("ELF header unreadable: {}", LibelfError()));
  }
  if (header.e_machine != EM_X86_64) {
    Fail(path, fmt::format("e_machine: expected EM_X86_64 ({}), got {}", EM_X86_64, header.e_machine));
  }
  if (header.e_type != ET_EXEC) {
    Fail(path, fmt::format("e_type: expected ET_EXEC ({}), got {}", ET_EXEC, header.e_type));
  }
  size_t string_section = 0;
  if (elf_getshdrstrndx(elf.get(), &string_section) != 0) {
    Fail(path, fmt::format("section name table index unreadable: {}", LibelfError()));
  }

  size_t program_headers = 0;
  if (elf_getphdrnum(elf.get(), &program_headers) != 0) {
    Fail(path, fmt::format("program header count unreadable: {}", LibelfError()));
  }
  for (size_t i = 0; i < program_headers; ++i) {
    GElf_Phdr phdr;
    if (gelf_getphdr(elf.get(), static_cast<int>(i), &phdr) == nullptr) {
      Fail(path, fmt::format("program header {} unreadable: {}", i, LibelfError()));
    }
    if (phdr.p_type != PT_LOAD) continue;
    if (phdr.p_offset > image.bytes_.size() || phdr.p_filesz > image.bytes_.size() - phdr.p_offset) {
      Fail(path, fmt::format("program header {} extends past the end of the file: offset {} + size {} > {}",
                             i, Hex(phdr.p_offset), Hex(phdr.p_filesz), Hex(image.bytes_.size())));
    }
    if (phdr.p_filesz > phdr.p_memsz) {
      Fail(path, fmt::format("program header {}: p_filesz {} exceeds p_memsz {}", i,
                             Hex(phdr.p_filesz), Hex(phdr.p_memsz)));
    }
    image.segments_.push_back(
        LoadSegment{phdr.p_paddr, phdr.p_offset, phdr.p_filesz, phdr.p_memsz, (phdr.p_flags & PF_X) != 0});
  }

  for (Elf_Scn* scn = elf_nextscn(elf.get(), nullptr); scn != nullptr;
       scn = elf_nextscn(elf.get(), scn)) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr) {
      Fail(path, fmt::format("section [{}] header unreadable: {}", elf_ndxscn(scn), LibelfError()));
    }
    // An SHT_NULL header describes nothing, whatever its other fields say.
    if (shdr.sh_type == SHT_NULL) continue;
    const char* name = elf_strptr(elf.get(), string_section, shdr.sh_name);
    const bool has_data = shdr.sh_type != SHT_NOBITS;
    if (has_data &&
        (shdr.sh_offset > image.bytes_.size() || shdr.sh_size > image.bytes_.size() - shdr.sh_offset)) {
      Fail(path, fmt::format("section [{}] {} extends past the end of the file: offset {} + size {} > {}",
                             elf_ndxscn(scn), name != nullptr ? name : "?", Hex(shdr.sh_offset),
                             Hex(shdr.sh_size), Hex(image.bytes_.size())));
    }
    if ((shdr.sh_flags & SHF_ALLOC) != 0) {
      image.sections_.push_back(Section{name != nullptr ? name : "", shdr.sh_addr, shdr.sh_size,
                                        shdr.sh_offset, has_data});
    }
    if (shdr.sh_type != SHT_SYMTAB) continue;
    if (shdr.sh_entsize != sizeof(Elf64_Sym)) {
      Fail(path, fmt::format("section [{}] .symtab has invalid sh_entsize: expected {}, got {}",
                             elf_ndxscn(scn), sizeof(Elf64_Sym), shdr.sh_entsize));
    }
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr) Fail(path, fmt::format(".symtab data unreadable: {}", LibelfError()));
    const size_t count = shdr.sh_size / sizeof(Elf64_Sym);
    for (size_t i = 0; i < count; ++i) {
      GElf_Sym symbol;
      if (gelf_getsym(data, static_cast<int>(i), &symbol) == nullptr) {
        Fail(path, fmt::format(".symtab entry {} unreadable: {}", i, LibelfError()));
      }
      const char* symbol_name = elf_strptr(elf.get(), shdr.sh_link, symbol.st_name);
      if (symbol_name == nullptr || symbol_name[0] == '\0') continue;
      image.symbols_.push_back(Symbol{symbol_name, symbol.st_value, symbol.st_size});
    }
  }
  if (image.symbols_.empty()) Fail(path, "no symbol table: the image was stripped");
  return image;
}

std::optional<Symbol> ElfImage::FindSymbol(const std::string& name) const {
  for (const Symbol& symbol : symbols_) {
    if (symbol.name == name) return symbol;
  }
  return std::nullopt;
}

uint64_t ElfImage::SymbolValue(const std::string& name) const {
  const auto symbol = FindSymbol(name);
  if (!symbol) Fail(path_, fmt::format("symbol {} not found", name));
  return symbol->value;
}

std::vector<uint8_t> ElfImage::Flatten(uint64_t base, uint64_t* memory_end) const {
  if (segments_.empty()) Fail(path_, "no PT_LOAD segments");
  uint64_t file_end = base;
  uint64_t end = base;
  for (const LoadSegment& segment : segments_) {
    if (segment.physical_address < base) {
      Fail(path_, fmt::format("PT_LOAD at {} lies below the load address {}",
                              Hex(segment.physical_address), Hex(base)));
    }
    if (segment.physical_address + segment.memory_size < segment.physical_address) {
      Fail(path_, fmt::format("PT_LOAD at {} wraps past 2^64", Hex(segment.physical_address)));
    }
    file_end = std::max(file_end, segment.physical_address + segment.file_size);
    end = std::max(end, segment.physical_address + segment.memory_size);
  }
  std::vector<uint8_t> flat(file_end - base, 0);
  for (const LoadSegment& segment : segments_) {
    std::copy_n(bytes_.begin() + static_cast<ptrdiff_t>(segment.file_offset), segment.file_size,
                flat.begin() + static_cast<ptrdiff_t>(segment.physical_address - base));
  }
  if (memory_end != nullptr) *memory_end = end;
  return flat;
}

const Section* ElfImage::SectionFor(uint64_t address, uint64_t size) const {
  for (const Section& section : sections_) {
    if (address >= section.address && address - section.address <= section.size &&
        size <= section.size - (address - section.address)) {
      return &section;
    }
  }
  return nullptr;
}

std::vector<uint8_t> ElfImage::Read(uint64_t address, uint64_t size, const std::string& what) const {
  const uint64_t offset = FileOffset(address, size, what);
  return {bytes_.begin() + static_cast<ptrdiff_t>(offset),
          bytes_.begin() + static_cast<ptrdiff_t>(offset + size)};
}

uint64_t ElfImage::FileOffset(uint64_t address, uint64_t size, const std::string& what) const {
  const Section* section = SectionFor(address, size);
  if (section == nullptr) {
    Fail(path_, fmt::format("{}: [{}, {}+{}) is not inside any allocated section", what,
                            Hex(address), Hex(address), size));
  }
  if (!section->has_file_data) {
    Fail(path_, fmt::format("{}: {} lies in {}, which has no file data", what, Hex(address),
                            section->name));
  }
  return section->file_offset + (address - section->address);
}

uint64_t ElfImage::ReadU64(uint64_t address, const std::string& what) const {
  const std::vector<uint8_t> bytes = Read(address, 8, what);
  uint64_t value;
  std::memcpy(&value, bytes.data(), sizeof(value));
  return value;
}

uint32_t ElfImage::ReadU32(uint64_t address, const std::string& what) const {
  const std::vector<uint8_t> bytes = Read(address, 4, what);
  uint32_t value;
  std::memcpy(&value, bytes.data(), sizeof(value));
  return value;
}

std::string ElfImage::ReadString(uint64_t address, size_t max_length, const std::string& what) const {
  const Section* section = SectionFor(address, 1);
  if (section == nullptr || !section->has_file_data) {
    Fail(path_, fmt::format("{}: string address {} is not inside a section with file data", what,
                            Hex(address)));
  }
  const uint64_t available = section->size - (address - section->address);
  const uint64_t offset = section->file_offset + (address - section->address);
  std::string text;
  for (uint64_t i = 0; i < available && i <= max_length; ++i) {
    const char c = static_cast<char>(bytes_[offset + i]);
    if (c == '\0') return text;
    text.push_back(c);
  }
  Fail(path_, fmt::format("{}: string at {} has no NUL within {} bytes", what, Hex(address),
                          std::min<uint64_t>(available, max_length + 1)));
}

}  // namespace image
