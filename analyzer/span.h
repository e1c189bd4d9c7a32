#pragma once

#include <cstdint>
#include <string_view>

namespace isnad {

// A half-open byte range [begin, end) into a document's original text. JSON output converts
// spans to Unicode code-point offsets (utf8::CodePointIndex).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  bool empty() const { return end <= begin; }
  uint32_t size() const { return end > begin ? end - begin : 0; }
  std::string_view In(std::string_view text) const { return text.substr(begin, size()); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace isnad
