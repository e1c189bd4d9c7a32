#include "analyzer/normalizer.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "analyzer/utf8.h"

namespace isnad {
namespace {

constexpr char32_t kRemove = 0xFFFFFFFF;

// The matching map of one code point (after NFC). kRemove drops it.
inline char32_t MapChar(char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c == '\n' || c >= 0x20) return c == 0x7F ? ' ' : c;
    return ' ';  // tab, CR and other controls, NUL
  }
  if (c >= 0x0600 && c <= 0x06FF) {
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
        (c >= 0x06D6 && c <= 0x06ED && c != 0x06E5 && c != 0x06E6) || c == 0x0640)
      return kRemove;
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        return 0x0627;
      case 0x0649: case 0x06CC: return 0x064A;
      case 0x0629: return 0x0647;
      case 0x06A9: return 0x0643;
      case 0x060C: return ',';
      case 0x061B: return ';';
      case 0x061F: return '?';
      case 0x061C: return ' ';
      case 0x066B: return '.';  // Arabic decimal separator
      case 0x066C: return ',';
      case 0x06D4: return '.';
      default: break;
    }
    if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
    return c;
  }
  switch (c) {
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2018: case 0x2019: case 0x201A: case 0x2039: case 0x203A: case 0xFF02:
    case 0x2033:
      return '"';
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0x2028: case 0x2029:
    case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
    case 0x2066: case 0x2067: case 0x2068: case 0x2069: case 0x0085:
      return ' ';
    case 0x200B: case 0x200C: case 0x200D: case 0xFEFF: case 0x00AD: case 0x2060:
      return kRemove;
    default: break;
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

// End of the run of combining characters at s[j] that NFC may merge with the character before
// it, or j when there is none. In the Arabic block only madda and hamza above/below compose,
// so a run of Arabic marks counts only when it holds one of them (in any order: «ؤَ» written
// و + fatha + hamza is canonically ؤ + fatha); the other marks are removed for matching anyway.
size_t CombiningRunEnd(const icu::Normalizer2* nfc, std::string_view s, size_t j) {
  size_t end = j;
  bool composes = false;
  while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0xCC) {  // >= U+0300
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

class Builder {
 public:
  explicit Builder(NormalizedText* out) : out_(out) {}
  void Emit(char32_t c, uint32_t orig_begin) {
    char32_t m = MapChar(c);
    if (m == kRemove) return;
    size_t before = out_->text.size();
    utf8::Append(m, &out_->text);
    out_->orig.insert(out_->orig.end(), out_->text.size() - before, orig_begin);
  }

 private:
  NormalizedText* out_;
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

NormalizedText Normalize(std::string_view s) {
  NormalizedText out;
  out.text.reserve(s.size());
  out.orig.reserve(s.size() + 1);
  Builder b(&out);
  const icu::Normalizer2* nfc = Nfc();
  size_t i = 0;
  while (i < s.size()) {
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
  out.orig.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

std::string NormalizeKey(std::string_view s) {
  NormalizedText n = Normalize(s);
  // Collapse runs of spaces and trim, so keys written by hand compare equal to text.
  std::string out;
  out.reserve(n.text.size());
  for (char ch : n.text) {
    if (ch == ' ' || ch == '\n') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(ch);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace isnad
