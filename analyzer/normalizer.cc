#include "analyzer/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>

#include "analyzer/utf8.h"

namespace isnad {
namespace {

constexpr char32_t kRemove = 0xFFFFFFFF;

// The matching map of one code point (after NFC). kRemove drops it.
inline char32_t MapChar(char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    // A hashtag reads as its words: «#كوريا_الشمالية» as «كوريا الشمالية», «ريكس #تيلرسون»
    // as «ريكس تيلرسون» (one Al Arabiya article in three tags its names and places).
    if (c == '#' || c == '_') return ' ';
    if (c == '\n' || c >= 0x20) return c == 0x7F ? ' ' : c;
    return ' ';  // tab, CR and other controls, NUL
  }
  if (c >= 0x0600 && c <= 0x06FF) {
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
        (c >= 0x06D6 && c <= 0x06ED && c != 0x06E5 && c != 0x06E6) || c == 0x0640)
      return kRemove;
    switch (c) {
      case 0x0622:
      case 0x0623:
      case 0x0625:
      case 0x0671:
      case 0x0672:
      case 0x0673:
        return 0x0627;
      case 0x0649:
      case 0x06CC:
        return 0x064A;
      case 0x0629:
        return 0x0647;
      case 0x06A9:
        return 0x0643;
      case 0x060C:
        return ',';
      case 0x061B:
        return ';';
      case 0x061F:
        return '?';
      case 0x061C:
        return ' ';
      case 0x066B:
        return '.';  // Arabic decimal separator
      case 0x066C:
        return ',';
      case 0x06D4:
        return '.';
      default:
        break;
    }
    if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
    return c;
  }
  switch (c) {
    case 0x00AB:
    case 0x00BB:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x2039:
    case 0x203A:
    case 0xFF02:
    case 0x2033:
      return '"';
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x2028:
    case 0x2029:
    case 0x200E:
    case 0x200F:
    case 0x202A:
    case 0x202B:
    case 0x202C:
    case 0x202D:
    case 0x202E:
    case 0x2066:
    case 0x2067:
    case 0x2068:
    case 0x2069:
    case 0x0085:
      return ' ';
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
    case 0x00AD:
    case 0x2060:
      return kRemove;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return ' ';
  if (c < 0xA0) return ' ';  // C1 controls
  return c;
}

const icu::Normalizer2* Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

// Arabic combining marks (canonical combining class > 0).
inline bool IsArabicMark(char32_t c) {
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
         c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
}

// The longest run of combining characters normalized as one stretch. As in Unicode's
// Stream-Safe Text Format (UAX #15), a longer run (never seen in real text: "Zalgo" text, a
// file of diacritics alone) is normalized in pieces of this many characters, which keeps
// Normalize linear: reordering one run and scanning it again from each of its marks would
// otherwise cost the square of its length.
constexpr int kMaxCombiningRun = 30;

// End of the run of combining characters at s[j] that NFC may merge with the character before
// it, or j when there is none. In the Arabic block only madda and hamza above/below compose,
// so a run of Arabic marks counts only when it holds one of them (in any order: «ؤَ» written
// و + fatha + hamza is canonically ؤ + fatha); the other marks are removed for matching anyway.
// At most kMaxCombiningRun characters are taken.
size_t CombiningRunEnd(const icu::Normalizer2* nfc, std::string_view s, size_t j) {
  size_t end = j;
  bool composes = false;
  for (int n = 0; n < kMaxCombiningRun && end < s.size() &&
                  static_cast<unsigned char>(s[end]) >= 0xCC;  // >= U+0300
       ++n) {
    int len;
    char32_t c = utf8::Decode(s, end, &len);
    if (c >= 0x0600 && c <= 0x06FF) {
      if (!IsArabicMark(c)) break;
      if (c >= 0x0653 && c <= 0x0655) composes = true;
    } else if (nfc != nullptr && !nfc->hasBoundaryBefore(static_cast<UChar32>(c))) {
      composes = true;
    } else {
      break;
    }
    end += len;
  }
  return composes ? end : j;
}

// True when NFC changes c even standing alone (singletons such as U+2000 -> U+2002 or
// U+0340 -> U+0300, composition exclusions).
inline bool ChangedByNfc(char32_t c) {
  if (c < 0x300 || (c >= 0x0600 && c <= 0x06FF)) return false;
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) == UNORM_NO;
}

// Writes the normalized text and its offset map straight into their buffers (sized for the
// input up front, grown only when NFC makes the text longer); Finish() trims them.
class Builder {
 public:
  Builder(NormalizedText* out, size_t expected) : out_(out) { Grow(expected + 8); }
  void Emit(char32_t c, uint32_t orig_begin) { EmitMapped(MapChar(c), orig_begin); }
  // Emits the n (0 to 3) bytes of an already encoded mapping, all with offset orig_begin: the
  // fast path of Normalize (inlined; EmitMapped re-encoded every character through a call).
  // Writes all 3 slots without branches (the buffers always have 4 spare ones past n_; what is
  // past the n emitted bytes is overwritten next, or trimmed by Finish).
  [[gnu::always_inline]] void EmitBytes(const char* bytes, int n, uint32_t orig_begin) {
    if (n_ + 4 > cap_) Grow(2 * cap_);
    char* t = out_->text.data() + n_;
    uint32_t* o = out_->orig.data() + n_;
    const char b0 = bytes[0], b1 = bytes[1], b2 = bytes[2];
    o[0] = orig_begin;
    o[1] = orig_begin;
    o[2] = orig_begin;
    t[0] = b0;
    t[1] = b1;
    t[2] = b2;
    n_ += static_cast<size_t>(n);
  }
  // Emits a character already mapped by MapChar (kRemove: nothing).
  void EmitMapped(char32_t m, uint32_t orig_begin) {
    if (m == kRemove) return;
    if (n_ + 4 > cap_) Grow(2 * cap_);
    char* t = out_->text.data() + n_;
    uint32_t* o = out_->orig.data() + n_;
    if (m < 0x80) {
      t[0] = static_cast<char>(m);
      o[0] = orig_begin;
      n_ += 1;
    } else if (m < 0x800) {
      t[0] = static_cast<char>(0xC0 | (m >> 6));
      t[1] = static_cast<char>(0x80 | (m & 0x3F));
      o[0] = o[1] = orig_begin;
      n_ += 2;
    } else if (m < 0x10000) {
      t[0] = static_cast<char>(0xE0 | (m >> 12));
      t[1] = static_cast<char>(0x80 | ((m >> 6) & 0x3F));
      t[2] = static_cast<char>(0x80 | (m & 0x3F));
      o[0] = o[1] = o[2] = orig_begin;
      n_ += 3;
    } else {
      t[0] = static_cast<char>(0xF0 | (m >> 18));
      t[1] = static_cast<char>(0x80 | ((m >> 12) & 0x3F));
      t[2] = static_cast<char>(0x80 | ((m >> 6) & 0x3F));
      t[3] = static_cast<char>(0x80 | (m & 0x3F));
      o[0] = o[1] = o[2] = o[3] = orig_begin;
      n_ += 4;
    }
  }
  // Sizes the buffers to what was written and appends the final offset.
  void Finish(uint32_t end) {
    out_->text.resize(n_);
    out_->orig.resize(n_ + 1);
    out_->orig[n_] = end;
  }

 private:
  void Grow(size_t cap) {
    cap_ = cap;
    out_->text.resize(cap_);
    out_->orig.resize(cap_ + 1);
  }

  NormalizedText* out_;
  size_t n_ = 0;
  size_t cap_ = 0;
};

}  // namespace

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  if (c >= 0x0621 && c <= 0x064A) return c != 0x0640;
  if (c >= 0x0671 && c <= 0x06D3) return true;
  if (c >= 0x06FA && c <= 0x06FF) return true;
  return u_isalnum(static_cast<UChar32>(c));
}

namespace {

// Emits NFC(s[i, end)), where s[i] is a starter and what follows it combines with it.
// Offsets: when the stretch's NFC begins with the NFC of the starter alone (the starter did not
// compose), that prefix keeps offset i, otherwise the first output character does (the starter
// composed). After it, a character of combining class 0 (a Hangul jamo, a vowel sign) gets the
// offset of the same character in the input when there is one, and a mark (class > 0, which
// NFC may reorder or decompose) the offset of the class-0 character it follows, or of the
// first character after the starter (i when the starter composed or the stretch begins with a
// mark).
// So a token boundary inside a stretch (marks after a space, a jamo after a mark) maps to a
// non-empty original range, and offsets never decrease.
void EmitNfcStretch(const icu::Normalizer2* nfc, std::string_view s, size_t i, size_t end,
                    Builder* b) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString seg =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data() + i, static_cast<int32_t>(end - i)));
  icu::UnicodeString norm = nfc->normalize(seg, status);
  int starter_len;
  char32_t starter = utf8::Decode(s, i, &starter_len);
  // A stretch may begin with a mark (at the start of the text, or after marks that did not
  // combine): then there is no starter, and every character is placed by the rules below.
  const bool no_starter = u_getCombiningClass(static_cast<UChar32>(starter)) != 0;
  if (no_starter) starter_len = 0;
  icu::UnicodeString first;
  if (!no_starter)
    first = nfc->normalize(icu::UnicodeString(static_cast<UChar32>(starter)), status);
  if (U_FAILURE(status)) {
    for (size_t k = i; k < end;) {
      int len;
      char32_t u = utf8::Decode(s, k, &len);
      b->Emit(u, static_cast<uint32_t>(k));
      k += len;
    }
    return;
  }
  const bool split = !no_starter && norm.startsWith(first);
  size_t next_in = i + starter_len;  // where the search for the next class-0 character starts
  uint32_t anchor = static_cast<uint32_t>(split ? next_in : i);
  uint32_t last = static_cast<uint32_t>(i);
  for (int32_t k = 0; k < norm.length();) {
    UChar32 u = norm.char32At(k);
    uint32_t at = static_cast<uint32_t>(i);
    bool head = !no_starter && (split ? k < first.length() : k == 0);
    if (!head) {
      at = std::max(last, anchor);
      if (u_getCombiningClass(u) == 0) {
        for (size_t q = next_in; q < end;) {
          int len;
          char32_t c = utf8::Decode(s, q, &len);
          if (c == static_cast<char32_t>(u)) {
            anchor = std::max(last, static_cast<uint32_t>(q));
            at = anchor;
            next_in = q + len;
            break;
          }
          q += len;
        }
      }
    }
    b->Emit(static_cast<char32_t>(u), at);
    last = at;
    k += U16_LENGTH(u);
  }
}

}  // namespace

namespace {

// MapChar of every ASCII character and of every character of the Arabic block, looked up
// instead of computed on the fast path of Normalize, already encoded in UTF-8 (len 0: removed).
struct Encoded {
  char bytes[3];
  uint8_t len;
};
struct MapTables {
  Encoded ascii[0x80];
  Encoded arabic[0x100];  // U+0600..U+06FF
};

Encoded Encode(char32_t m) {
  Encoded e{};
  if (m == kRemove) return e;
  std::string u;
  utf8::Append(m, &u);
  // MapChar maps ASCII and the Arabic block to ASCII or the Arabic block: at most 2 bytes.
  for (size_t k = 0; k < u.size() && k < 3; ++k) e.bytes[k] = u[k];
  e.len = static_cast<uint8_t>(u.size());
  return e;
}

const MapTables& Tables() {
  static const MapTables tables = [] {
    MapTables t;
    for (char32_t c = 0; c < 0x80; ++c) t.ascii[c] = Encode(MapChar(c));
    for (char32_t c = 0; c < 0x100; ++c) t.arabic[c] = Encode(MapChar(0x0600 + c));
    return t;
  }();
  return tables;
}

// True when the character at s[j] cannot combine with the one before it: it is ASCII, or a
// character of the Arabic block that is not a mark. (Valid UTF-8; j < s.size().)
inline bool PlainNext(std::string_view s, size_t j) {
  unsigned char b = static_cast<unsigned char>(s[j]);
  if (b < 0xCC) return true;
  if (b < 0xD8 || b > 0xDB) return false;
  char32_t c = ((b & 0x1F) << 6) | (static_cast<unsigned char>(s[j + 1]) & 0x3F);
  return !IsArabicMark(c);
}

}  // namespace

NormalizedText Normalize(std::string_view s) {
  NormalizedText out;
  Builder b(&out, s.size());
  const icu::Normalizer2* nfc = Nfc();
  const MapTables& map = Tables();
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: an ASCII character, or one of the Arabic block, that nothing after it can
    // combine with (NFC leaves both alone): map it through the tables.
    unsigned char b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      if (i + 1 == n || PlainNext(s, i + 1)) {
        const Encoded& e = map.ascii[b0];
        b.EmitBytes(e.bytes, e.len, static_cast<uint32_t>(i));
        i += 1;
        continue;
      }
    } else if (b0 >= 0xD8 && b0 <= 0xDB) {
      if (i + 2 == n || PlainNext(s, i + 2)) {
        char32_t c = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
        const Encoded& e = map.arabic[c - 0x0600];
        b.EmitBytes(e.bytes, e.len, static_cast<uint32_t>(i));
        i += 2;
        continue;
      }
    }
    int len;
    char32_t c = utf8::Decode(s, i, &len);
    // A starter followed by characters that may combine with it (or one NFC changes alone):
    // normalize that stretch with ICU, then give each output character an original offset.
    size_t j = i + len;
    size_t end = j < s.size() ? CombiningRunEnd(nfc, s, j) : j;
    if (nfc != nullptr && (end > j || ChangedByNfc(c))) {
      EmitNfcStretch(nfc, s, i, end, &b);
      i = end;
      continue;
    }
    b.Emit(c, static_cast<uint32_t>(i));
    i = j;
  }
  b.Finish(static_cast<uint32_t>(s.size()));
  return out;
}

std::string NormalizeKey(std::string_view s) {
  // A key of characters that NFC leaves alone (nearly every phrase of the rules, which the
  // rules load normalizes one by one) is mapped through the tables of Normalize's fast path,
  // with the same tests, without offsets; any other key goes through Normalize.
  std::string out(s.size() + 3, '\0');
  const MapTables& map = Tables();
  const size_t n = s.size();
  size_t len = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char b0 = static_cast<unsigned char>(s[i]);
    const Encoded* e = nullptr;
    if (b0 < 0x80) {
      if (i + 1 == n || PlainNext(s, i + 1)) e = &map.ascii[b0], i += 1;
    } else if (b0 >= 0xD8 && b0 <= 0xDB) {
      if (i + 2 == n || PlainNext(s, i + 2)) {
        char32_t c = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
        e = &map.arabic[c - 0x0600], i += 2;
      }
    }
    if (e == nullptr) {
      out = std::move(Normalize(s).text);
      len = out.size();
      break;
    }
    // The tables map ASCII to ASCII and the Arabic block to it or ASCII: a mapping is never
    // longer than its character, so `out` is large enough.
    std::memcpy(out.data() + len, e->bytes, e->len);
    len += e->len;
  }
  out.resize(len);
  // Collapse runs of spaces and trim, so keys written by hand compare equal to text (in place).
  size_t w = 0;
  for (char ch : out) {
    if (ch == ' ' || ch == '\n') {
      if (w > 0 && out[w - 1] != ' ') out[w++] = ' ';
    } else {
      out[w++] = ch;
    }
  }
  while (w > 0 && out[w - 1] == ' ') --w;
  out.resize(w);
  return out;
}

}  // namespace isnad
