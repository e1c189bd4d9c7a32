#include "analyzer/tokenizer.h"

#include <unicode/uchar.h>

#include <cstring>
#include <iterator>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"

namespace isnad {
namespace {

// Arabic letters in normalized UTF-8 (two bytes each).
constexpr char kWaw[] = "\xD9\x88";
constexpr char kFa[] = "\xD9\x81";
constexpr char kBa[] = "\xD8\xA8";
constexpr char kLam[] = "\xD9\x84";
constexpr char kKaf[] = "\xD9\x83";
constexpr char kAl[] = "\xD8\xA7\xD9\x84";  // ال

struct Affix {
  const char* bytes;
  uint8_t len;
  uint8_t mask;
};

constexpr Affix kSuffixes[] = {
    {"", 0, 0},
    {"\xD9\x87", 2, kCliticPron},                  // ه
    {"\xD9\x87\xD8\xA7", 4, kCliticPron},          // ها
    {"\xD9\x87\xD9\x85", 4, kCliticPron},          // هم
    {"\xD9\x87\xD9\x85\xD8\xA7", 6, kCliticPron},  // هما
    {"\xD9\x87\xD9\x86", 4, kCliticPron},          // هن
    {"\xD9\x83\xD9\x85", 4, kCliticPron},          // كم
    {"\xD9\x86\xD8\xA7", 4, kCliticPron},          // نا
};

// A combining mark (Mn, Mc, Me) belongs to the character before it, as in Unicode's word
// and grapheme rules: Hebrew points and Devanagari vowel signs stay inside their word, and
// marks NFC left after punctuation stay with it.
inline bool IsMark(char32_t c) {
  return c >= 0x300 && (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

// IsWordChar with the common cases inline (ASCII, the Arabic letters); the rest asks ICU.
inline bool WordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  if (c >= 0x0621 && c <= 0x064A) return c != 0x0640;
  return IsWordChar(c);
}

// w ends with the n bytes at p (n is 2, 4 or 6: compared with fixed-size memcmp, inlined).
inline bool EndsWith(std::string_view w, const char* p, size_t n) {
  const char* e = w.data() + w.size() - n;
  switch (n) {
    case 2:
      return std::memcmp(e, p, 2) == 0;
    case 4:
      return std::memcmp(e, p, 4) == 0;
    case 6:
      return std::memcmp(e, p, 6) == 0;
    default:
      return std::memcmp(e, p, n) == 0;
  }
}

inline bool StartsWith(std::string_view s, size_t at, const char* p, size_t n) {
  return s.size() >= at + n && std::memcmp(s.data() + at, p, n) == 0;
}

void AddCandidates(std::string_view w, Token* t) {
  t->ncand = 0;
  t->cand[t->ncand++] = Candidate{0, 0, 0};
  if (w.size() < 4 || static_cast<unsigned char>(w[0]) < 0xD8 ||
      static_cast<unsigned char>(w[0]) > 0xD9)
    return;  // not Arabic, or too short to carry clitics
  // Prefix splits: [conj][prep][article].
  uint8_t prefixes[16];
  uint8_t pmask[16];
  int np = 0;
  static constexpr const char* conj[] = {"", kWaw, kFa};
  static constexpr const char* preps[] = {"", kBa, kLam, kKaf};
  // Every prefix starts with و ف ب ل ك or the alef of ال: other words skip the comparisons.
  const unsigned char f0 = static_cast<unsigned char>(w[0]);
  const unsigned char f1 = static_cast<unsigned char>(w[1]);
  const bool may_prefix = (f0 == 0xD9 && (f1 == 0x88 || f1 == 0x81 || f1 == 0x84 || f1 == 0x83)) ||
                          (f0 == 0xD8 && (f1 == 0xA8 || f1 == 0xA7));
  for (int c = 0; may_prefix && c < 3; ++c) {
    size_t at = 0;
    uint8_t m = 0;
    if (c) {
      if (!StartsWith(w, 0, conj[c], 2)) continue;
      at = 2;
      m |= kCliticConj;
    }
    for (int p = 0; p < 4; ++p) {
      size_t at2 = at;
      uint8_t m2 = m;
      if (p) {
        if (!StartsWith(w, at2, preps[p], 2)) continue;
        // ل + ال is written لل: the article's alef is dropped.
        if (p == 2 && StartsWith(w, at2 + 2, kLam, 2)) {
          if (np < 16) {
            prefixes[np] = static_cast<uint8_t>(at2 + 4);
            pmask[np++] = m2 | kCliticPrep | kCliticArticle;
          }
        }
        at2 += 2;
        m2 |= kCliticPrep;
      }
      if (at2 > 0 && np < 16) {
        prefixes[np] = static_cast<uint8_t>(at2);
        pmask[np++] = m2;
      }
      if (StartsWith(w, at2, kAl, 4) && np < 16) {
        prefixes[np] = static_cast<uint8_t>(at2 + 4);
        pmask[np++] = m2 | kCliticArticle;
      }
    }
  }
  // The suffixes the word ends with (compared once, not once per prefix). Every pronoun
  // suffix ends in ه, ا, م or ن: other words skip the comparisons.
  uint8_t ends[std::size(kSuffixes)] = {0};  // indexes into kSuffixes; the empty one first
  int nends = 1;
  const unsigned char last = static_cast<unsigned char>(w.back());
  const unsigned char lead = static_cast<unsigned char>(w[w.size() - 2]);
  if ((lead == 0xD9 && (last == 0x87 || last == 0x85 || last == 0x86)) ||
      (lead == 0xD8 && last == 0xA7)) {
    for (size_t k = 1; k < std::size(kSuffixes); ++k) {
      const Affix& s = kSuffixes[k];
      if (w.size() >= s.len && EndsWith(w, s.bytes, s.len)) ends[nends++] = static_cast<uint8_t>(k);
    }
  }
  // Readings: each prefix (including none) with each suffix, stem >= 2 letters (4 bytes for
  // Arabic; 2 for a Latin stem after a clitic, «لـCNN» -> لcnn -> ل + cnn).
  for (int pi = -1; pi < np; ++pi) {
    uint8_t pre = pi < 0 ? 0 : prefixes[pi];
    uint8_t pm = pi < 0 ? 0 : pmask[pi];
    size_t min_stem = pre < w.size() && static_cast<unsigned char>(w[pre]) < 0x80 ? 2 : 4;
    for (int q = pi < 0 ? 1 : 0; q < nends; ++q) {  // without a prefix, not the whole word again
      const Affix& s = kSuffixes[ends[q]];
      if (w.size() < static_cast<size_t>(pre) + s.len + min_stem) continue;
      if (t->ncand >= Token::kMaxCandidates) return;
      t->cand[t->ncand++] = Candidate{pre, s.len, static_cast<uint8_t>(pm | s.mask)};
    }
  }
}

}  // namespace

void Tokenize(std::string_view s, std::vector<Token>* out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b == ' ') {
      ++i;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    if (b == '\n') {
      t.kind = TokenKind::kNewline;
      t.ncand = 1;
      while (i < s.size() && (s[i] == '\n' || s[i] == ' ')) ++i;
      // Trim trailing spaces back so the token ends at the last newline.
      size_t e = i;
      while (e > t.begin && s[e - 1] == ' ') --e;
      t.end = static_cast<uint32_t>(e);
      out->push_back(t);
      continue;
    }
    int len;
    char32_t c = utf8::Decode(s, i, &len);
    if (WordChar(c)) {
      bool digits = true;
      size_t j = i;
      while (j < s.size()) {
        // The common case first: an Arabic letter (U+0621..U+064A but tatweel), a word character.
        const unsigned char lb = static_cast<unsigned char>(s[j]);
        if (lb == 0xD8 || lb == 0xD9) {
          char32_t a = ((lb & 0x1F) << 6) | (static_cast<unsigned char>(s[j + 1]) & 0x3F);
          if (a >= 0x0621 && a <= 0x064A && a != 0x0640) {
            digits = false;
            j += 2;
            continue;
          }
        }
        int l2;
        char32_t c2 = utf8::Decode(s, j, &l2);
        if (!WordChar(c2) && !IsMark(c2)) break;
        if (!(c2 >= '0' && c2 <= '9')) digits = false;
        j += l2;
      }
      t.end = static_cast<uint32_t>(j);
      t.kind = digits ? TokenKind::kNumber : TokenKind::kWord;
      if (t.kind == TokenKind::kWord) {
        AddCandidates(s.substr(i, j - i), &t);
      } else {
        t.ncand = 1;
      }
      out->push_back(t);
      i = j;
      continue;
    }
    // One character, with the combining marks that follow it (a run of marks at the start of
    // a token is one token).
    size_t j = i + len;
    while (j < s.size()) {
      int l2;
      if (!IsMark(utf8::Decode(s, j, &l2))) break;
      j += l2;
    }
    t.end = static_cast<uint32_t>(j);
    t.kind = c == '"' ? TokenKind::kQuote : TokenKind::kPunct;
    t.ncand = 1;
    out->push_back(t);
    i = j;
  }
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 5 + 4);
  Tokenize(s, &out);
  return out;
}

}  // namespace isnad
