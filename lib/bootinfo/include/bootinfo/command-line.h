// SPDX-License-Identifier: MIT
// A read-only key/value view of a kernel command line: words separated by spaces; a word is
// `key` or `key=value`; double quotes group spaces into a value (key="a b").
#pragma once

#include <cstddef>

#include "base/string-view.h"

namespace bootinfo {

struct CommandLineWord {
  base::StringView key;
  base::StringView value;  // empty when the word has no '='
  bool has_value = false;
};

class CommandLine {
 public:
  constexpr explicit CommandLine(base::StringView text) : text_(text) {}

  class Iterator {
   public:
    constexpr Iterator(base::StringView text, size_t at) : text_(text), at_(at) { Parse(); }
    constexpr const CommandLineWord& operator*() const { return word_; }
    constexpr const CommandLineWord* operator->() const { return &word_; }
    constexpr Iterator& operator++() {
      at_ = next_;
      Parse();
      return *this;
    }
    constexpr bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    constexpr void Parse() {
      while (at_ < text_.size() && text_[at_] == ' ') ++at_;
      if (at_ >= text_.size()) {
        at_ = next_ = text_.size();
        return;
      }
      size_t end = at_;
      bool quoted = false;
      while (end < text_.size() && (quoted || text_[end] != ' ')) {
        if (text_[end] == '"') quoted = !quoted;
        ++end;
      }
      next_ = end;
      size_t equals = at_;
      while (equals < end && text_[equals] != '=') ++equals;
      word_ = CommandLineWord{base::StringView(text_.data() + at_, equals - at_), {}, false};
      if (equals == end) return;
      size_t value_start = equals + 1;
      size_t value_end = end;
      if (value_end - value_start >= 2 && text_[value_start] == '"' && text_[value_end - 1] == '"') {
        ++value_start;
        --value_end;
      }
      word_.value = base::StringView(text_.data() + value_start, value_end - value_start);
      word_.has_value = true;
    }

    base::StringView text_;
    size_t at_;
    size_t next_ = 0;
    CommandLineWord word_;
  };

  constexpr Iterator begin() const { return Iterator(text_, 0); }
  constexpr Iterator end() const { return Iterator(text_, text_.size()); }

  /// The last word with this key (later words override earlier ones, as in Linux), or null.
  constexpr const CommandLineWord* Find(base::StringView key, CommandLineWord& out) const {
    bool found = false;
    for (const CommandLineWord& word : *this) {
      if (word.key == key) {
        out = word;
        found = true;
      }
    }
    return found ? &out : nullptr;
  }

  constexpr size_t WordCount() const {
    size_t count = 0;
    for ([[maybe_unused]] const CommandLineWord& word : *this) ++count;
    return count;
  }

 private:
  base::StringView text_;
};

}  // namespace bootinfo
