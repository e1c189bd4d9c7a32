// Fuzz target: the normalizer's offset map.
//
// For any valid UTF-8 input (invalid bytes are first replaced, as the readers would refuse
// them), Normalize must give valid UTF-8 and an offset map that:
//  - has one entry per normalized byte plus one, the last being the original's length;
//  - never decreases, and points at code-point boundaries of the original;
// and every token of the normalized text, mapped back with ToOriginal, must be an ordered range
// within the original on code-point boundaries. NormalizeKey must give valid UTF-8 without
// leading, trailing or doubled spaces.
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/normalizer.h"
#include "analyzer/tokenizer.h"
#include "analyzer/utf8.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using isnad::fuzz::AtBoundary;
  std::string original = isnad::fuzz::ValidUtf8(data, size);
  isnad::NormalizedText n = isnad::Normalize(original);

  ISNAD_FUZZ_CHECK(isnad::utf8::FindInvalid(n.text) == std::string_view::npos);
  ISNAD_FUZZ_CHECK(n.orig.size() == n.text.size() + 1);
  ISNAD_FUZZ_CHECK(n.orig.back() == original.size());
  for (size_t i = 0; i < n.orig.size(); ++i) {
    ISNAD_FUZZ_CHECK(n.orig[i] <= original.size());
    ISNAD_FUZZ_CHECK(AtBoundary(original, n.orig[i]));
    if (i > 0) ISNAD_FUZZ_CHECK(n.orig[i - 1] <= n.orig[i]);
  }
  // Every byte of one normalized code point maps to the same original offset.
  for (size_t i = 0; i < n.text.size(); ++i) {
    if (!AtBoundary(n.text, i)) ISNAD_FUZZ_CHECK(n.orig[i] == n.orig[i - 1]);
  }

  std::vector<isnad::Token> tokens = isnad::Tokenize(n.text);
  for (const isnad::Token& t : tokens) {
    ISNAD_FUZZ_CHECK(t.begin < t.end && t.end <= n.text.size());
    ISNAD_FUZZ_CHECK(AtBoundary(n.text, t.begin) && AtBoundary(n.text, t.end));
    isnad::Span o = n.ToOriginal(t.begin, t.end);
    ISNAD_FUZZ_CHECK(isnad::fuzz::ValidSpan(original, o));
  }
  // Any normalized range, not only token ranges, maps to a valid original range.
  if (!n.text.empty()) {
    uint32_t a = static_cast<uint32_t>(size > 0 ? data[0] % (n.text.size() + 1) : 0);
    uint32_t b = static_cast<uint32_t>(size > 1 ? data[size - 1] % (n.text.size() + 1) : 0);
    if (a > b) std::swap(a, b);
    while (a > 0 && !AtBoundary(n.text, a)) --a;
    while (b < n.text.size() && !AtBoundary(n.text, b)) ++b;
    ISNAD_FUZZ_CHECK(isnad::fuzz::ValidSpan(original, n.ToOriginal(a, b)));
  }

  std::string key = isnad::NormalizeKey(original);
  ISNAD_FUZZ_CHECK(isnad::utf8::FindInvalid(key) == std::string_view::npos);
  ISNAD_FUZZ_CHECK(key.empty() || (key.front() != ' ' && key.back() != ' '));
  ISNAD_FUZZ_CHECK(key.find("  ") == std::string::npos);
  ISNAD_FUZZ_CHECK(key.find('\n') == std::string::npos);
  return 0;
}
