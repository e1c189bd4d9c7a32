#include "analyzer/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>

namespace isnad {

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> prototype;
};

SentenceSplitter::SentenceSplitter() : impl_(new Impl) {
  UErrorCode st = U_ZERO_ERROR;
  impl_->prototype.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("ar"), st));
  if (U_FAILURE(st)) impl_->prototype.reset();
}

SentenceSplitter::~SentenceSplitter() { delete impl_; }

std::vector<SentenceRange> SentenceSplitter::Split(std::string_view norm,
                                                   const std::vector<Token>& tokens) const {
  // 1. Candidate boundaries (normalized byte offsets), from ICU.
  std::vector<uint32_t> breaks;
  if (impl_->prototype) {
    std::unique_ptr<icu::BreakIterator> bi(impl_->prototype->clone());
    UErrorCode st = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, norm.data(), static_cast<int64_t>(norm.size()), &st);
    if (U_SUCCESS(st)) {
      bi->setText(ut, st);
      if (U_SUCCESS(st)) {
        for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next())
          breaks.push_back(static_cast<uint32_t>(p));
      }
      utext_close(ut);
    }
  }
  if (breaks.empty()) {
    for (const Token& t : tokens)
      if (t.kind == TokenKind::kPunct && (norm[t.begin] == '.' || norm[t.begin] == '?' ||
                                          norm[t.begin] == '!'))
        breaks.push_back(t.end);
  }
  // 2. Walk the tokens: a sentence ends at a line break, or before the first token that starts
  //    at or after an ICU boundary.
  std::vector<SentenceRange> raw;
  size_t bi = 0;
  SentenceRange cur{0, 0, true};
  bool para = true;
  auto flush = [&](uint32_t end, bool next_para) {
    if (end > cur.begin) {
      cur.end = end;
      raw.push_back(cur);
    }
    cur = SentenceRange{end, end, next_para};
  };
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kNewline) {
      flush(i, true);
      cur.begin = i + 1;
      para = true;
      continue;
    }
    while (bi < breaks.size() && breaks[bi] <= t.begin) {
      if (i > cur.begin) flush(i, false);
      ++bi;
    }
    if (para) {
      cur.paragraph_start = true;
      para = false;
    }
  }
  flush(static_cast<uint32_t>(tokens.size()), false);
  // 3. Keep a quotation that is open at a boundary together with what follows.
  std::vector<SentenceRange> out;
  out.reserve(raw.size());
  for (size_t k = 0; k < raw.size();) {
    SentenceRange s = raw[k];
    int quotes = 0;
    for (uint32_t i = s.begin; i < s.end; ++i) quotes += tokens[i].kind == TokenKind::kQuote;
    size_t m = k + 1;
    int joined = 0;
    while ((quotes & 1) && m < raw.size() && joined < kMaxQuoteJoin) {
      int q2 = 0;
      for (uint32_t i = raw[m].begin; i < raw[m].end; ++i) q2 += tokens[i].kind == TokenKind::kQuote;
      // Only join when the continuation closes (or continues) the quote.
      if (q2 == 0 && raw[m].paragraph_start) break;
      s.end = raw[m].end;
      quotes += q2;
      ++m;
      ++joined;
    }
    if (quotes & 1) m = k + 1, s = raw[k];  // never closed: give the quote up
    out.push_back(s);
    k = m;
  }
  return out;
}

}  // namespace isnad
