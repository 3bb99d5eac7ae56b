// SPDX-License-Identifier: MIT
#include "image/symbolizer.h"

#include <cxxabi.h>
#include <elfutils/libdwfl.h>

#include <cstdlib>
#include <regex>

#include <fmt/format.h>

namespace image {
namespace {

std::string Demangle(const char* name) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> text(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && text != nullptr ? std::string(text.get()) : std::string(name);
}

const Dwfl_Callbacks kCallbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = nullptr,
};

}  // namespace

struct Symbolizer::State {
  Dwfl* dwfl = nullptr;
};

Symbolizer::Symbolizer(const std::string& path) : state_(std::make_unique<State>()) {
  state_->dwfl = dwfl_begin(&kCallbacks);
  if (state_->dwfl == nullptr) return;
  if (dwfl_report_offline(state_->dwfl, "kernel", path.c_str(), -1) == nullptr) {
    dwfl_end(state_->dwfl);
    state_->dwfl = nullptr;
    return;
  }
  dwfl_report_end(state_->dwfl, nullptr, nullptr);
}

Symbolizer::~Symbolizer() {
  if (state_->dwfl != nullptr) dwfl_end(state_->dwfl);
}

std::string Symbolizer::Describe(uint64_t address) const {
  if (state_->dwfl == nullptr) return "";
  Dwfl_Module* module = dwfl_addrmodule(state_->dwfl, address);
  if (module == nullptr) return "";
  GElf_Off offset = 0;
  GElf_Sym symbol;
  const char* name = dwfl_module_addrinfo(module, address, &offset, &symbol, nullptr, nullptr, nullptr);
  if (name == nullptr) return "";
  std::string text = fmt::format("{}+{:#x}", Demangle(name), offset);
  if (Dwfl_Line* line = dwfl_module_getsrc(module, address)) {
    int number = 0;
    const char* file = dwfl_lineinfo(line, nullptr, &number, nullptr, nullptr, nullptr);
    if (file != nullptr) text += fmt::format(" ({}:{})", file, number);
  }
  return text;
}

std::string SymbolizeCrashLine(const Symbolizer& symbolizer, const std::string& line) {
  static const std::regex kRip("rip=0x([0-9a-f]+)");
  std::smatch match;
  if (!std::regex_search(line, match, kRip)) return "";
  const std::string where = symbolizer.Describe(std::stoull(match[1].str(), nullptr, 16));
  return where.empty() ? "" : "rip " + match[0].str().substr(4) + " is " + where;
}

}  // namespace image
