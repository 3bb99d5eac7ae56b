// SPDX-License-Identifier: MIT
// The matrix's input files (rows, declared differences), read whole.
#pragma once

#include <string>

namespace matrix {

/// The file's bytes; throws std::runtime_error "PATH: cannot open" when it cannot be read.
std::string ReadTextFile(const std::string& path);

}  // namespace matrix
