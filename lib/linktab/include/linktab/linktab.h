// SPDX-License-Identifier: MIT
// linktab: typed linker tables for C++20 on ELF (GCC and Clang), in a kernel or a hosted program.
//
// A table is a typed array whose entries are defined in any translation unit and collected by
// the linker, ordered by an explicit fixed-width level (10000..99999), then by link order.
// Link order means object order on the link line; within one object it is the compiler's
// emission order (GCC emits variables in reverse unless -fno-toplevel-reorder) and LTO may
// repartition objects. When two entries must come in a fixed order, give them distinct levels.
//
//   // in a header: the table, its entry type and the levels it accepts, declared once
//   LINKTAB_DECLARE(Command, commands, 10000, 20000);
//   // in exactly one .cc file
//   LINKTAB_DEFINE(commands);
//   // anywhere: an entry (the macro supplies `constinit const`)
//   LINKTAB_ENTRY(commands, 10000) Command kHelp{"help", RunHelp};
//   // iteration
//   for (const Command& command : linktab::Entries<LINKTAB_TABLE(commands)>()) ...
//
// LINKTAB_DECLARE, LINKTAB_DEFINE and LINKTAB_ENTRY are used at global scope: a table's
// implementation lives in namespace ::linktab_table_<name>. Levels are integer literals or
// macros that expand to them, because they become part of section names.
//
// Two layouts, one API. Which one a build gets depends only on its link:
//
// * Sorted (define LINKTAB_SORTED_BY_LINKER_SCRIPT): the build's linker script has the one
//   generic rule `KEEP(*(SORT_BY_NAME(.linktab.*)))`. Entries go to `.linktab.<table>.<level>`,
//   LINKTAB_DEFINE places zero-length start and end markers in `.linktab.<table>.` and
//   `.linktab.<table>.~`, which sort before and after every level, so every table is one
//   contiguous array in level order. The kernel uses this layout.
// * Hosted (the default): no linker script is needed. Each (table, level) pair is its own
//   section `linktab_<table>_<level>`, whose bounds the linker provides as the symbols
//   `__start_linktab_<table>_<level>` and `__stop_...` (GNU ld and lld do so for every
//   section whose name is a C identifier). Each level is one contiguous array; Entries()
//   walks the declared levels in order, and a single-level table is one contiguous array.
//   This is why a table declares its levels: the default linker script cannot sort sections
//   by name, so the level order has to be known to the header.
//
// Entries are [[gnu::used, gnu::retain]] and sections are referenced by their bounds, so they
// survive -flto and --gc-sections. Entries are aligned to exactly alignof(T): compilers may
// otherwise over-align large objects and leave holes between entries.
#pragma once

#include <cstddef>
#include <cstdint>

namespace linktab {

using Level = uint32_t;
inline constexpr Level kMinLevel = 10000;  // fixed width: five decimal digits, so name order
inline constexpr Level kMaxLevel = 99999;  // equals numeric order and no digit is a leading 0

/// Returns `pointer` with its provenance hidden from the optimiser. Table bounds are distinct
/// symbols (zero-length markers, linker-made __start_/__stop_), and a compiler may assume that
/// pointers to distinct objects never compare equal: it would then see an empty table as
/// non-empty and walk past its end. Linux's tables hide their bounds the same way.
template <typename T>
inline const T* HideProvenance(const T* pointer) {
  __asm__("" : "+r"(pointer));
  return pointer;
}

/// A contiguous run of entries: usable with range-for, std::span and std::ranges.
template <typename T>
class Range {
 public:
  constexpr Range() = default;
  constexpr Range(const T* first, const T* last) : begin_(first), end_(last) {}

  constexpr const T* begin() const { return begin_; }
  constexpr const T* end() const { return end_; }
  constexpr const T* data() const { return begin_; }
  constexpr size_t size() const { return static_cast<size_t>(end_ - begin_); }
  constexpr bool empty() const { return begin_ == end_; }
  constexpr const T& operator[](size_t index) const { return begin_[index]; }

 private:
  const T* begin_ = nullptr;
  const T* end_ = nullptr;
};

/// The entries of several levels in level order, for hosted multi-level tables.
template <typename T, size_t kLevelCount>
class LevelChain {
 public:
  class Iterator {
   public:
    using value_type = T;
    using difference_type = ptrdiff_t;
    using reference = const T&;
    using pointer = const T*;

    constexpr Iterator() = default;
    constexpr Iterator(const LevelChain* chain, size_t level, const T* at)
        : chain_(chain), level_(level), at_(at) {
      SkipEmpty();
    }
    constexpr const T& operator*() const { return *at_; }
    constexpr const T* operator->() const { return at_; }
    constexpr Iterator& operator++() {
      ++at_;
      SkipEmpty();
      return *this;
    }
    constexpr Iterator operator++(int) {
      Iterator old = *this;
      ++*this;
      return old;
    }
    constexpr bool operator==(const Iterator& other) const {
      return level_ == other.level_ && at_ == other.at_;
    }

   private:
    constexpr void SkipEmpty() {
      while (level_ < kLevelCount && at_ == chain_->levels_[level_].end()) {
        ++level_;
        at_ = level_ < kLevelCount ? chain_->levels_[level_].begin() : nullptr;
      }
    }
    const LevelChain* chain_ = nullptr;
    size_t level_ = kLevelCount;
    const T* at_ = nullptr;
  };

  constexpr explicit LevelChain(const Range<T> (&levels)[kLevelCount]) {
    for (size_t i = 0; i < kLevelCount; ++i) levels_[i] = levels[i];
  }
  constexpr Iterator begin() const { return Iterator(this, 0, levels_[0].begin()); }
  constexpr Iterator end() const { return Iterator(this, kLevelCount, nullptr); }
  constexpr size_t size() const {
    size_t total = 0;
    for (const Range<T>& level : levels_) total += level.size();
    return total;
  }
  constexpr bool empty() const { return size() == 0; }
  constexpr const Range<T>& level(size_t index) const { return levels_[index]; }

 private:
  Range<T> levels_[kLevelCount];
};

template <Level... kLevels>
constexpr bool LevelsAreValid() {
  constexpr Level levels[] = {kLevels...};
  for (size_t i = 0; i < sizeof...(kLevels); ++i) {
    if (levels[i] < kMinLevel || levels[i] > kMaxLevel) return false;
    if (i > 0 && levels[i - 1] >= levels[i]) return false;
  }
  return true;
}

template <Level... kLevels>
constexpr size_t CountLevels() {
  return sizeof...(kLevels);
}

template <Level... kLevels>
constexpr bool HasLevel(Level level) {
  return ((level == kLevels) || ...);
}

/// All entries of the table named by LINKTAB_TABLE(name), in level order.
template <typename Table>
constexpr auto Entries() {
  return Table::Entries();
}

}  // namespace linktab

// --- Implementation macros -----------------------------------------------------------------

#define LINKTAB_STRINGIFY_(x) #x
#define LINKTAB_STRINGIFY(x) LINKTAB_STRINGIFY_(x)
#define LINKTAB_CONCAT_(a, b) a##b
#define LINKTAB_CONCAT(a, b) LINKTAB_CONCAT_(a, b)

// LINKTAB_FOR_EACH(macro, arg, a, b, c) expands macro(arg, a) macro(arg, b) macro(arg, c);
// up to eight levels per table.
#define LINKTAB_FE_1(m, t, x) m(t, x)
#define LINKTAB_FE_2(m, t, x, ...) m(t, x) LINKTAB_FE_1(m, t, __VA_ARGS__)
#define LINKTAB_FE_3(m, t, x, ...) m(t, x) LINKTAB_FE_2(m, t, __VA_ARGS__)
#define LINKTAB_FE_4(m, t, x, ...) m(t, x) LINKTAB_FE_3(m, t, __VA_ARGS__)
#define LINKTAB_FE_5(m, t, x, ...) m(t, x) LINKTAB_FE_4(m, t, __VA_ARGS__)
#define LINKTAB_FE_6(m, t, x, ...) m(t, x) LINKTAB_FE_5(m, t, __VA_ARGS__)
#define LINKTAB_FE_7(m, t, x, ...) m(t, x) LINKTAB_FE_6(m, t, __VA_ARGS__)
#define LINKTAB_FE_8(m, t, x, ...) m(t, x) LINKTAB_FE_7(m, t, __VA_ARGS__)
#define LINKTAB_FE_PICK(_1, _2, _3, _4, _5, _6, _7, _8, name, ...) name
#define LINKTAB_FOR_EACH(m, t, ...)                                                          \
  LINKTAB_FE_PICK(__VA_ARGS__, LINKTAB_FE_8, LINKTAB_FE_7, LINKTAB_FE_6, LINKTAB_FE_5,       \
                  LINKTAB_FE_4, LINKTAB_FE_3, LINKTAB_FE_2, LINKTAB_FE_1, unused)(m, t, __VA_ARGS__)

/// The type that names a table in linktab::Entries<...>().
#define LINKTAB_TABLE(name) ::linktab_table_##name::Table

#define LINKTAB_ENTRY_ATTRIBUTES(name, section_name)                                         \
  [[gnu::used, gnu::retain, gnu::section(section_name),                                      \
    gnu::aligned(alignof(::linktab_table_##name::Table::Entry))]]

// --- Nothing lost at link time ----------------------------------------------------------------
//
// Each LINKTAB_DEFINE defines one symbol that says which layout it was compiled with, and each
// entry refers to the symbol of *its* layout from a 4-byte record in the retained section
// .linktab_check. An entry compiled with the other layout than its table's definition (a file
// built without LINKTAB_SORTED_BY_LINKER_SCRIPT in a kernel, or a hosted program that mixes
// the two), or an entry of a table that no file defines, is then an undefined reference, and
// the linker's message names the entry: the record sits under a local symbol typed as a
// function, which GNU ld ("in function `...'") and lld ("referenced by ...") both print:
//
//   foo.o: in function `linktab entry 'my-entry' of table init level 50000 (foo.cc:12, #0)':
//   undefined reference to `linktab_init_is_not_defined_for_entries_compiled_without_LINKTAB_SORTED_BY_LINKER_SCRIPT'
//
// The records also survive in the linked image as a census: unientry-inspect counts the
// entries the object files declared (these symbols) against those the tables hold, so an
// entry that a linker script did not collect is a build error too. The symbols are hidden and
// the references PC-relative, so position-independent executables and shared objects need no
// run-time relocation for them.
#define LINKTAB_LAYOUT_SYMBOL_SORTED(name) \
  "linktab_" #name "_is_not_defined_for_entries_compiled_with_LINKTAB_SORTED_BY_LINKER_SCRIPT"
#define LINKTAB_LAYOUT_SYMBOL_HOSTED(name) \
  "linktab_" #name "_is_not_defined_for_entries_compiled_without_LINKTAB_SORTED_BY_LINKER_SCRIPT"

#define LINKTAB_DEFINE_LAYOUT_SYMBOL(symbol)                                                  \
  __asm__(".globl \"" symbol "\"\n.hidden \"" symbol "\"\n"                                  \
          ".pushsection .rodata.linktab_layout,\"a\",@progbits\n\"" symbol "\": .byte 0\n.popsection")

// "linktab entry 'NAME' of table TABLE level LEVEL (FILE:LINE, #N)"; N tells apart entries that
// one macro expansion puts on the same line. `tag` is "" or "'NAME' ".
#define LINKTAB_CHECK_LABEL(name, level, tag, counter)                                        \
  "linktab entry " tag "of table " #name " level " LINKTAB_STRINGIFY(level) " (" __FILE_NAME__ \
  ":" LINKTAB_STRINGIFY(__LINE__) ", #" LINKTAB_STRINGIFY(counter) ")"
#define LINKTAB_CHECK_RECORD(name, level, tag, counter, layout_symbol)                        \
  __asm__(".pushsection .linktab_check,\"aR\",@progbits\n.balign 4\n"                          \
          ".type \"" LINKTAB_CHECK_LABEL(name, level, tag, counter) "\", @function\n"              \
          "\"" LINKTAB_CHECK_LABEL(name, level, tag, counter) "\":\n"                               \
          ".long \"" layout_symbol "\" - .\n"                                                    \
          ".size \"" LINKTAB_CHECK_LABEL(name, level, tag, counter) "\", 4\n.popsection");

#if defined(LINKTAB_SORTED_BY_LINKER_SCRIPT)

#define LINKTAB_DECLARE(Type, name, ...)                                                     \
  namespace linktab_table_##name {                                                            \
  extern const Type start[] __asm__("linktab_" #name "_start");                               \
  extern const Type end[] __asm__("linktab_" #name "_end");                                   \
  struct Table {                                                                              \
    using Entry = Type;                                                                       \
    static_assert(::linktab::LevelsAreValid<__VA_ARGS__>(),                                   \
                  "levels must be ascending and within 10000..99999");                        \
    static constexpr bool HasLevel(::linktab::Level level) {                                  \
      return ::linktab::HasLevel<__VA_ARGS__>(level);                                         \
    }                                                                                         \
    static ::linktab::Range<Type> Entries() {                                                  \
      return {::linktab::HideProvenance(start), ::linktab::HideProvenance(end)};              \
    }                          \
  };                                                                                          \
  }

// Besides the markers, the entry size under the symbol linktab_<name>_entry_size, so tools
// reading a linked image can list its tables (start, end and size of an entry).
#define LINKTAB_DEFINE(name)                                                                 \
  namespace linktab_table_##name {                                                            \
  [[gnu::used, gnu::retain, gnu::section(".linktab." #name ".")]]                           \
  constinit const Table::Entry start[0] = {};                                                 \
  [[gnu::used, gnu::retain, gnu::section(".linktab." #name ".~")]]                          \
  constinit const Table::Entry end[0] = {};                                                   \
  [[gnu::used, gnu::retain, gnu::section(".rodata.linktab_sizes")]]                          \
  constinit const uint32_t entry_size __asm__("linktab_" #name "_entry_size") =               \
      sizeof(Table::Entry);                                                                   \
  }                                                                                           \
  LINKTAB_DEFINE_LAYOUT_SYMBOL(LINKTAB_LAYOUT_SYMBOL_SORTED(name))

#define LINKTAB_ENTRY_TAGGED(name, level, tag, counter)                                      \
  static_assert(::linktab_table_##name::Table::HasLevel(level),                              \
                "level " #level " is not declared for table " #name);                        \
  LINKTAB_CHECK_RECORD(name, level, tag, counter, LINKTAB_LAYOUT_SYMBOL_SORTED(name))         \
  LINKTAB_ENTRY_ATTRIBUTES(name, ".linktab." #name "." LINKTAB_STRINGIFY(level)) constinit const

#else  // hosted: the default linker script

#define LINKTAB_DECLARE_LEVEL_BOUNDS(name, level)                                             \
  [[gnu::weak]] extern const Table::Entry LINKTAB_CONCAT(start_, level)[] __asm__(            \
      "__start_linktab_" #name "_" LINKTAB_STRINGIFY(level));                                 \
  [[gnu::weak]] extern const Table::Entry LINKTAB_CONCAT(stop_, level)[] __asm__(             \
      "__stop_linktab_" #name "_" LINKTAB_STRINGIFY(level));
#define LINKTAB_LEVEL_RANGE(name, level) \
  ::linktab::Range<Entry>{::linktab::HideProvenance(LINKTAB_CONCAT(start_, level)), \
                          ::linktab::HideProvenance(LINKTAB_CONCAT(stop_, level))},

#define LINKTAB_DECLARE(Type, name, ...)                                                     \
  namespace linktab_table_##name {                                                            \
  struct Table {                                                                              \
    using Entry = Type;                                                                       \
    static constexpr size_t kLevelCount = ::linktab::CountLevels<__VA_ARGS__>();              \
    static_assert(::linktab::LevelsAreValid<__VA_ARGS__>(),                                   \
                  "levels must be ascending and within 10000..99999");                        \
    static constexpr bool HasLevel(::linktab::Level level) {                                  \
      return ::linktab::HasLevel<__VA_ARGS__>(level);                                         \
    }                                                                                         \
    static auto Entries();                                                                    \
  };                                                                                          \
  LINKTAB_FOR_EACH(LINKTAB_DECLARE_LEVEL_BOUNDS, name, __VA_ARGS__)                           \
  inline auto Table::Entries() {                                                              \
    const ::linktab::Range<Entry> levels[] = {                                                \
        LINKTAB_FOR_EACH(LINKTAB_LEVEL_RANGE, name, __VA_ARGS__)};                            \
    if constexpr (kLevelCount == 1) {                                                         \
      return levels[0];                                                                       \
    } else {                                                                                  \
      return ::linktab::LevelChain<Entry, kLevelCount>(levels);                               \
    }                                                                                         \
  }                                                                                           \
  }

// The linker provides the bounds; the definition only says which layout the table has.
#define LINKTAB_DEFINE(name)                                                                  \
  static_assert(sizeof(::linktab_table_##name::Table::Entry) > 0, "table " #name " is declared"); \
  LINKTAB_DEFINE_LAYOUT_SYMBOL(LINKTAB_LAYOUT_SYMBOL_HOSTED(name))

#define LINKTAB_ENTRY_TAGGED(name, level, tag, counter)                                      \
  static_assert(::linktab_table_##name::Table::HasLevel(level),                              \
                "level " #level " is not declared for table " #name);                        \
  LINKTAB_CHECK_RECORD(name, level, tag, counter, LINKTAB_LAYOUT_SYMBOL_HOSTED(name))         \
  LINKTAB_ENTRY_ATTRIBUTES(name, "linktab_" #name "_" LINKTAB_STRINGIFY(level)) constinit const

#endif

/// An entry of table `name` at `level`: LINKTAB_ENTRY(commands, 10000) Command kHelp{...};
#define LINKTAB_ENTRY(name, level) LINKTAB_ENTRY_TAGGED(name, level, "", __COUNTER__)

/// The same, naming the entry in link errors and in the census: `entry_name` is a string
/// literal (INIT_ENTRY passes the init entry's name).
#define LINKTAB_NAMED_ENTRY(name, level, entry_name) \
  LINKTAB_ENTRY_TAGGED(name, level, "'" entry_name "' ", __COUNTER__)
