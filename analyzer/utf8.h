// Small UTF-8 helpers shared by the text layer. Offsets are byte offsets unless named
// otherwise; isnad reports code-point offsets in JSON (see CodePointIndex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isnad::utf8 {

// Decodes the code point at s[i]; stores its length in *len. Precondition: s is valid UTF-8
// and i < s.size() is at a code point boundary.
inline char32_t Decode(std::string_view s, size_t i, int* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if (p[0] < 0x80) {
    *len = 1;
    return p[0];
  }
  if ((p[0] & 0xE0) == 0xC0) {
    *len = 2;
    return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if ((p[0] & 0xF0) == 0xE0) {
    *len = 3;
    return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  *len = 4;
  return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

// Appends the UTF-8 encoding of c to out.
void Append(char32_t c, std::string* out);

// Returns the byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates,
// code points above U+10FFFF and truncated sequences are invalid), or npos when s is valid.
size_t FindInvalid(std::string_view s);

// Replaces every invalid sequence by U+FFFD.
std::string Sanitize(std::string_view s);

// Number of code points in s (valid UTF-8).
size_t CodePointCount(std::string_view s);

// Converts byte offsets into one text into code-point offsets, in O(1) per query after an
// O(n) build. Lifetime: independent of the text once built.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  // Precondition: byte_offset <= text.size(). An offset inside a code point maps to it.
  size_t ToCodePoint(size_t byte_offset) const;
  size_t ToByte(size_t code_point) const;  // inverse, clamped to the end

 private:
  std::vector<uint32_t> cp_of_byte_;  // size n+1
  std::vector<uint32_t> byte_of_cp_;  // size cps+1
};

}  // namespace isnad::utf8
