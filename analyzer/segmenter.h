// Sentence segmentation over normalized text.
//
//   isnad::SentenceSplitter splitter;   // builds ICU's rules once; immutable afterwards
//   std::vector<isnad::SentenceRange> s = splitter.Split(norm.text, tokens);  // const, thread-safe
//
// Boundaries come from ICU's sentence BreakIterator (which knows '.', '!', '?' and the Arabic
// question mark, normalized to '?'), plus every line break, which also ends a paragraph.
// A quotation that is still open at a boundary keeps the sentences together, so a quote that
// runs over several sentences (or, when its closing mark is on a later line, paragraphs) stays
// one unit; an unmatched quote mark is given up after kMaxQuoteJoin sentences.
// Sentences are token ranges; they cover every token except line breaks.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyzer/tokenizer.h"

namespace isnad {

struct SentenceRange {
  uint32_t begin = 0;  // token indexes [begin, end)
  uint32_t end = 0;
  bool paragraph_start = false;
};

constexpr int kMaxQuoteJoin = 6;

class SentenceSplitter {
 public:
  SentenceSplitter();
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;

  // Splits normalized text whose tokens are `tokens`. Falls back to punctuation and line
  // breaks alone if ICU's break iterator is unavailable.
  std::vector<SentenceRange> Split(std::string_view norm, const std::vector<Token>& tokens) const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace isnad
