#include "analyzer/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "analyzer/utf8.h"

namespace isnad {

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> prototype;
  // Clones of the prototype not in use. Cloning (and destroying) a break iterator for every
  // article cost as much as splitting a short one, so Split takes a clone from here and gives
  // it back; each clone is used by one call at a time.
  std::mutex mu;
  std::vector<std::unique_ptr<icu::BreakIterator>> idle;
  static constexpr size_t kMaxIdle = 16;

  std::unique_ptr<icu::BreakIterator> Take() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!idle.empty()) {
        std::unique_ptr<icu::BreakIterator> bi = std::move(idle.back());
        idle.pop_back();
        return bi;
      }
    }
    return std::unique_ptr<icu::BreakIterator>(prototype->clone());
  }
  void Give(std::unique_ptr<icu::BreakIterator> bi) {
    std::lock_guard<std::mutex> lock(mu);
    if (idle.size() < kMaxIdle) idle.push_back(std::move(bi));
  }

  // Which code points of the Arabic block (U+0600..U+06FF) are letters of Sentence_Break
  // class OLetter, from ICU's own data.
  bool arabic_oletter[256] = {};

  std::vector<uint32_t> IcuBreaks(std::string_view norm);
};

namespace {

// Runs of characters that ICU's sentence rules cannot tell from one character of the run.
enum Run : uint8_t { kNoRun, kArabicLetters, kLower, kUpper, kDigits, kSpaces };

}  // namespace

// ICU's sentence boundaries in `norm`, as byte offsets.
//
// The rules of UAX #29 (which ICU implements) decide on the Sentence_Break classes of the
// characters around a terminator, and none counts letters: a run of Arabic letters (OLetter),
// of ASCII lower-case letters (Lower), upper-case letters (Upper), digits (Numeric) or spaces
// (Sp) breaks exactly as one character of the run would. So ICU is given the text with every
// such run shortened to its first character, in UTF-16 (which ICU iterates several times faster
// than UTF-8), about a third of the characters of an Arabic article; each UTF-16 unit keeps
// the byte offset of the run it stands for, and the boundaries are mapped back through it.
std::vector<uint32_t> SentenceSplitter::Impl::IcuBreaks(std::string_view norm) {
  std::vector<uint32_t> breaks;
  std::unique_ptr<icu::BreakIterator> bi = Take();
  if (!bi) return breaks;
  // At most one UTF-16 unit per byte of norm (a supplementary character: 4 bytes, 2 units).
  // at[k] is the byte offset in norm of what unit k stands for. Not zero-filled: only the
  // first n + 1 entries are written, then read.
  auto u16 = std::make_unique_for_overwrite<UChar[]>(norm.size() + 1);
  auto at = std::make_unique_for_overwrite<uint32_t[]>(norm.size() + 1);
  size_t n = 0;
  Run prev = kNoRun;
  for (size_t i = 0; i < norm.size();) {
    unsigned char b = static_cast<unsigned char>(norm[i]);
    char32_t c = b;
    int len = 1;
    Run run = kNoRun;
    if (b < 0x80) {
      if (b >= 'a' && b <= 'z')
        run = kLower;
      else if (b >= 'A' && b <= 'Z')
        run = kUpper;
      else if (b >= '0' && b <= '9')
        run = kDigits;
      else if (b == ' ')
        run = kSpaces;
    } else {
      c = utf8::Decode(norm, i, &len);
      if (c >= 0x0600 && c <= 0x06FF && arabic_oletter[c - 0x0600]) run = kArabicLetters;
    }
    if (run != kNoRun && run == prev) {
      i += len;
      continue;
    }
    prev = run;
    if (c < 0x10000) {
      u16[n] = static_cast<UChar>(c);
      at[n++] = static_cast<uint32_t>(i);
    } else {
      u16[n] = U16_LEAD(c);
      at[n++] = static_cast<uint32_t>(i);
      u16[n] = U16_TRAIL(c);
      at[n++] = static_cast<uint32_t>(i);
    }
    i += len;
  }
  at[n] = static_cast<uint32_t>(norm.size());
  UErrorCode st = U_ZERO_ERROR;
  UText* ut = utext_openUChars(nullptr, u16.get(), static_cast<int64_t>(n), &st);
  if (U_SUCCESS(st)) {
    bi->setText(ut, st);
    if (U_SUCCESS(st)) {
      for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next())
        if (p >= 0 && static_cast<size_t>(p) <= n) breaks.push_back(at[p]);
    }
    utext_close(ut);
  }
  Give(std::move(bi));
  return breaks;
}

SentenceSplitter::SentenceSplitter() : impl_(new Impl) {
  UErrorCode st = U_ZERO_ERROR;
  impl_->prototype.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("ar"), st));
  if (U_FAILURE(st)) impl_->prototype.reset();
  for (char32_t c = 0x0600; c <= 0x06FF; ++c)
    impl_->arabic_oletter[c - 0x0600] =
        u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK) == U_SB_OLETTER;
}

SentenceSplitter::~SentenceSplitter() { delete impl_; }

std::vector<SentenceRange> SentenceSplitter::Split(std::string_view norm,
                                                   const std::vector<Token>& tokens) const {
  // 1. Candidate boundaries (normalized byte offsets), from ICU.
  std::vector<uint32_t> breaks;
  if (impl_->prototype) breaks = impl_->IcuBreaks(norm);
  if (breaks.empty()) {
    for (const Token& t : tokens)
      if (t.kind == TokenKind::kPunct &&
          (norm[t.begin] == '.' || norm[t.begin] == '?' || norm[t.begin] == '!'))
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
      for (uint32_t i = raw[m].begin; i < raw[m].end; ++i)
        q2 += tokens[i].kind == TokenKind::kQuote;
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
