// SPDX-License-Identifier: MIT
#include "matrix/text-file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace matrix {

std::string ReadTextFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error(fmt::format("{}: cannot open", path));
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace matrix
