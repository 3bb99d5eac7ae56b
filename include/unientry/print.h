// SPDX-License-Identifier: MIT
// Formatted output to the console for a kernel's own text: no "unientry: " prefix, no heap,
// fmt's placeholder syntax, and the format checked against the arguments at compile time.
//
//   unientry::Print("{} of {} pages free ({:#x} bytes)\n", free, total, free * 4096);
//
// Placeholders: {} or {:[<>][#][0][WIDTH][TYPE]}, WIDTH up to 255, TYPE d x X (integers,
// chars, bools), c (chars), s (strings, bools), p (pointers); text is left-aligned and numbers
// right-aligned unless < or > says otherwise; # writes 0x before x and X; 0 pads numbers with
// zeros. {{ and }} are braces. The full grammar is in base/format.h.
//
// A format that does not fit its arguments does not compile: the error names the problem, as
//   error: call to non-'constexpr' function 'void unientry::format_error::a_placeholder_without_an_argument()'
// The format must be a string literal (or constexpr); PrintArguments takes one at run time.
#pragma once

#include <cstddef>
#include <type_traits>

#include "base/format.h"

namespace unientry {

using base::FormatArgument;

/// Writes `format` with `arguments` to the console, unchecked: a mistake prints visibly
/// ({?} for a missing argument, {!} for a spec that does not fit, bad braces as text).
void PrintArguments(const char* format, const FormatArgument* arguments, size_t count);

// Each function's name is the compile error a bad format gives; they are never defined,
// because a format's check runs only at compile time.
namespace format_error {
void an_open_brace_without_its_close_brace__write_two_for_a_brace();
void a_close_brace_without_its_open_brace__write_two_for_a_brace();
void not_a_format_spec__expected_colon_align_hash_zero_width_type();
void a_width_above_255();
void a_type_that_does_not_fit_the_argument();
void a_hash_without_type_x_or_X();
void zero_padding_for_text();
void zero_padding_and_an_align_together();
void a_placeholder_without_an_argument();
void an_argument_without_a_placeholder();
}  // namespace format_error

namespace detail {
consteval void ReportFormatError(base::FormatError error) {
  using base::FormatError;
  switch (error) {
    case FormatError::kNone: return;
    case FormatError::kUnclosedPlaceholder: return format_error::an_open_brace_without_its_close_brace__write_two_for_a_brace();
    case FormatError::kUnmatchedCloseBrace: return format_error::a_close_brace_without_its_open_brace__write_two_for_a_brace();
    case FormatError::kBadSpec: return format_error::not_a_format_spec__expected_colon_align_hash_zero_width_type();
    case FormatError::kWidthTooLarge: return format_error::a_width_above_255();
    case FormatError::kTypeNotForArgument: return format_error::a_type_that_does_not_fit_the_argument();
    case FormatError::kAlternateNeedsHex: return format_error::a_hash_without_type_x_or_X();
    case FormatError::kZeroPadNeedsNumber: return format_error::zero_padding_for_text();
    case FormatError::kZeroPadWithAlign: return format_error::zero_padding_and_an_align_together();
    case FormatError::kMissingArgument: return format_error::a_placeholder_without_an_argument();
    case FormatError::kExtraArgument: return format_error::an_argument_without_a_placeholder();
  }
}
}  // namespace detail

/// A format string checked, at compile time, against the argument types.
template <typename... Arguments>
class FormatString {
 public:
  template <typename Text>
    requires std::is_convertible_v<const Text&, const char*>
  consteval FormatString(const Text& text) : text_(text) {  // NOLINT: implicit, as fmt's
    constexpr base::FormatArgument::Kind kinds[sizeof...(Arguments) + 1] = {base::FormatKindOf<Arguments>()...,
                                                                             base::FormatArgument::Kind::kBool};
    detail::ReportFormatError(base::CheckFormat(text_, kinds, sizeof...(Arguments)));
  }
  constexpr const char* text() const { return text_; }

 private:
  const char* text_;
};

template <typename... Arguments>
void Print(FormatString<std::type_identity_t<Arguments>...> format, const Arguments&... arguments) {
  if constexpr (sizeof...(Arguments) == 0) {
    PrintArguments(format.text(), nullptr, 0);
  } else {
    const FormatArgument list[] = {base::MakeFormatArgument(arguments)...};
    PrintArguments(format.text(), list, sizeof...(Arguments));
  }
}

}  // namespace unientry
