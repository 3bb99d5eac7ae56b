// SPDX-License-Identifier: MIT
// A minimal non-owning character range for freestanding code (std::string_view pulls in
// exception paths that the kernel does not link).
#pragma once

#include <cstddef>

namespace base {

class StringView {
 public:
  constexpr StringView() = default;
  constexpr StringView(const char* data, size_t size) : data_(data), size_(size) {}
  constexpr StringView(const char* text) : data_(text), size_(0) {  // NOLINT: implicit
    while (text[size_] != '\0') ++size_;
  }

  constexpr const char* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr char operator[](size_t i) const { return data_[i]; }
  constexpr const char* begin() const { return data_; }
  constexpr const char* end() const { return data_ + size_; }

  constexpr bool operator==(StringView other) const {
    if (size_ != other.size_) return false;
    for (size_t i = 0; i < size_; ++i) {
      if (data_[i] != other.data_[i]) return false;
    }
    return true;
  }
  constexpr bool StartsWith(StringView prefix) const {
    return prefix.size_ <= size_ && StringView(data_, prefix.size_) == prefix;
  }

 private:
  const char* data_ = "";
  size_t size_ = 0;
};

}  // namespace base
