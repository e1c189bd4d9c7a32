// Invariant checks shared by the fuzz targets. A failed check prints what failed and where,
// then aborts, which libFuzzer (and the replay main) reports as a crash with the input saved.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "analyzer/span.h"
#include "analyzer/utf8.h"

#define ISNAD_FUZZ_CHECK(cond)                                                          \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

namespace isnad::fuzz {

// The fuzzer's bytes as valid UTF-8: the text layer's precondition (documents are validated
// when read; utf8::Sanitize replaces every invalid sequence by U+FFFD).
inline std::string ValidUtf8(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (utf8::FindInvalid(in) == std::string_view::npos) return std::string(in);
  return utf8::Sanitize(in);
}

// True when `offset` is at a code-point boundary of `text` (0 and text.size() included).
inline bool AtBoundary(std::string_view text, size_t offset) {
  if (offset > text.size()) return false;
  if (offset == text.size()) return true;
  return (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// A span lies within `text`, is ordered, and starts and ends on code-point boundaries.
inline bool ValidSpan(std::string_view text, Span s) {
  return s.begin <= s.end && s.end <= text.size() && AtBoundary(text, s.begin) &&
         AtBoundary(text, s.end);
}

// An empty Span{} means "none" in the data model; any other span must be valid.
inline bool ValidOptionalSpan(std::string_view text, Span s) {
  return (s.begin == 0 && s.end == 0) || ValidSpan(text, s);
}

}  // namespace isnad::fuzz
