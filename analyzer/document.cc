// Document readers: validation, layout recognition (plain text and the raw web-page layout of
// the seed), and the streaming reader over files, folders, JSONL (.gz) and stdin.
#include "analyzer/document.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>
#include <string_view>
#include <system_error>
#include <utility>

#include "analyzer/utf8.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kStdinName = "(stdin)";

// ---------------------------------------------------------------------------------------------
// Text helpers. Everything works on byte offsets into valid UTF-8.

// Byte length of a white-space or invisible code point at s[i] (ASCII white space, NBSP, the
// U+2000 spaces, zero-width and bidi marks and embeddings, U+205F, U+3000, BOM), or 0.
size_t SpaceAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (i + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xC2 && d == 0xA0) return 2;  // NBSP
    if (c == 0xD8 && d == 0x9C) return 2;  // U+061C ARABIC LETTER MARK
  }
  if (i + 2 >= s.size()) return 0;
  unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
  unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
  // U+2000..200F (spaces, zero-width and bidi marks), U+202A..202F (bidi embeddings, NNBSP).
  if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8F || (c2 >= 0xAA && c2 <= 0xAF))) return 3;
  if (c == 0xE2 && c1 == 0x81 && (c2 == 0x9F || (c2 >= 0xA6 && c2 <= 0xA9))) {
    return 3;  // U+205F, U+2066..2069 (bidi isolates)
  }
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
  if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;  // U+FEFF
  return 0;
}

// Byte length of a white-space code point ending at s[end), or 0.
size_t SpaceBefore(std::string_view s, size_t end) {
  for (size_t len = 1; len <= 3 && len <= end; ++len) {
    if (SpaceAt(s, end - len) == len) return len;
  }
  return 0;
}

Span MakeSpan(size_t begin, size_t end) {
  return Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

Span Trim(std::string_view text, Span sp) {
  size_t b = sp.begin, e = sp.end;
  while (b < e) {
    size_t n = SpaceAt(text.substr(0, e), b);
    if (n == 0) break;
    b += n;
  }
  while (e > b) {
    size_t n = SpaceBefore(text.substr(0, e), e);
    if (n == 0 || e - n < b) break;
    e -= n;
  }
  return MakeSpan(b, e);
}

std::string_view TrimView(std::string_view s) {
  Span sp = Trim(s, MakeSpan(0, s.size()));
  return s.substr(sp.begin, sp.size());
}

bool IsBlank(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SpaceAt(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// Collapses every run of white space into one ASCII space and lower-cases ASCII letters.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SpaceAt(s, i);
    if (n > 0) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      i += n;
      continue;
    }
    char c = s[i++];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Collapse(a) == Collapse(b), without building either: stops at the first difference (the
// title is compared with the first paragraph, often thousands of bytes long).
bool CollapsedEqual(std::string_view a, std::string_view b) {
  struct Cursor {
    std::string_view s;
    size_t i = 0;
    bool any = false;  // a character was produced (a space run before it then produces ' ')
    int pending = -1;  // the character after a produced space
    int Next() {
      if (pending >= 0) {
        int c = pending;
        pending = -1;
        return c;
      }
      bool space = false;
      while (size_t n = SpaceAt(s, i)) {
        i += n;
        space = true;
      }
      if (i >= s.size()) return -1;  // trailing spaces produce nothing
      char c = s[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (space && any) {
        pending = static_cast<unsigned char>(c);
        return ' ';
      }
      any = true;
      return static_cast<unsigned char>(c);
    }
  };
  Cursor x{a}, y{b};
  for (;;) {
    int c = x.Next();
    if (c != y.Next()) return false;
    if (c < 0) return true;
  }
}

// Splits s into words on white space.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SpaceAt(s, i);
    if (n > 0) {
      i += n;
      continue;
    }
    size_t b = i;
    while (i < s.size() && SpaceAt(s, i) == 0) ++i;
    words.push_back(s.substr(b, i - b));
  }
  return words;
}

// Byte length of a dash at s[i]: '-', en dash, em dash, tatweel (used as a dash), or 0.
size_t DashAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '-') return 1;
  std::string_view rest = s.substr(i);
  if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94")) return 3;
  if (rest.starts_with("\xD9\x80")) return 2;
  return 0;
}

bool HasDigit(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') return true;
    if (i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (c == 0xD9 && d >= 0xA0 && d <= 0xA9) return true;  // Arabic-Indic digits
      if (c == 0xDB && d >= 0xB0 && d <= 0xB9) return true;  // Extended Arabic-Indic digits
    }
  }
  return false;
}

bool ContainsAny(std::string_view s, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (s.find(n) != std::string_view::npos) return true;
  }
  return false;
}

std::string Hex(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}

// Cuts s to at most max bytes at a code-point boundary, adding "…" when it was cut.
std::string Shorten(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "\xE2\x80\xA6";
}

// ---------------------------------------------------------------------------------------------
// Layout recognition. The word lists are small and generic: the captured-page furniture of
// Arabic news sites, weekday and month names for datelines.

struct Line {
  size_t begin;
  size_t end;  // excludes "\n" and a trailing "\r"
};

std::vector<Line> SplitLines(std::string_view text, size_t start) {
  std::vector<Line> lines;
  size_t b = start;
  while (b <= text.size()) {
    size_t nl = text.find('\n', b);
    size_t e = nl == std::string_view::npos ? text.size() : nl;
    size_t content_end = (e > b && text[e - 1] == '\r') ? e - 1 : e;
    lines.push_back(Line{b, content_end});
    if (nl == std::string_view::npos) break;
    b = nl + 1;
  }
  return lines;
}

constexpr std::string_view kWeekdays[] = {
    "الأحد",    "الاحد",    "الاثنين",   "الإثنين",  "الأثنين", "الثلاثاء", "الأربعاء",
    "الاربعاء", "الإربعاء", "الخميس",    "الجمعة",   "الجمعه",  "السبت",    "sunday",
    "monday",   "tuesday",  "wednesday", "thursday", "friday",  "saturday", "sun",
    "mon",      "tue",      "wed",       "thu",      "fri",     "sat"};

constexpr std::string_view kMonths[] = {
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو",
    "يوليه", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر",
    // Levantine / Iraqi month names ("كانون الثاني", "تشرين الأول" ...).
    "كانون", "شباط", "آذار", "اذار", "نيسان", "أيار", "ايار", "حزيران", "تموز", "آب", "أيلول",
    "ايلول", "تشرين", "الأول", "الاول", "الثاني", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};

// Words that may accompany a date on a dateline («نُشر في», «آخر تحديث», "GMT" ...).
constexpr std::string_view kDateWords[] = {
    "نشر", "نُشر", "النشر",     "تاريخ",   "آخر", "اخر", "تحديث", "التحديث", "في",
    "ص",   "م",   "published", "updated", "am",  "pm",  "gmt",   "utc"};

template <size_t N>
bool InArray(std::string_view w, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// A number, a time or a numeric date: digits with ':' '.' '+' between them.
bool IsNumberToken(std::string_view w) {
  if (!HasDigit(w)) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if ((c >= '0' && c <= '9') || c == ':' || c == '.' || c == '+') continue;
    if ((c == 0xD9 || c == 0xDB) && i + 1 < w.size()) {
      unsigned char d = static_cast<unsigned char>(w[i + 1]);
      if ((c == 0xD9 && d >= 0xA0 && d <= 0xA9) || (c == 0xDB && d >= 0xB0 && d <= 0xB9)) {
        ++i;
        continue;
      }
    }
    return false;
  }
  return true;
}

// A line that is only a date: «الجمعة 20 Sep / September 2024», «20 سبتمبر 2024»,
// «2024-09-20 12:30», «نُشر في: الأحد، 3 مارس 2024». Needs a number and a weekday or month
// name, or at least three numbers.
bool IsDateline(std::string_view line) {
  if (line.empty() || line.size() > 160) return false;
  std::string s = Collapse(line);
  // Separators become spaces.
  std::string cleaned;
  for (size_t i = 0; i < s.size();) {
    std::string_view rest = std::string_view(s).substr(i);
    if (rest.starts_with("\xD8\x8C")) {  // Arabic comma
      cleaned.push_back(' ');
      i += 2;
    } else if (size_t d = DashAt(s, i); d > 0) {
      cleaned.push_back(' ');
      i += d;
    } else if (std::strchr(",/|()[]", s[i]) != nullptr) {
      cleaned.push_back(' ');
      ++i;
    } else if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) {
      cleaned.push_back(' ');  // «نُشر في:» (a colon inside a time stays)
      ++i;
    } else {
      cleaned.push_back(s[i++]);
    }
  }
  std::vector<std::string_view> words = Words(cleaned);
  if (words.empty() || words.size() > 14) return false;
  int numbers = 0, names = 0;
  for (std::string_view w : words) {
    if (w.ends_with(".") && !IsNumberToken(w)) w.remove_suffix(1);  // "Sep."
    if (IsNumberToken(w)) {
      ++numbers;
    } else if (InArray(w, kWeekdays) || InArray(w, kMonths)) {
      ++names;
    } else if (!InArray(w, kDateWords) && !(w.starts_with("+") && IsNumberToken(w.substr(1)))) {
      return false;
    }
  }
  return numbers > 0 && (names > 0 || numbers >= 3);
}

// Page furniture captured with the article text: share buttons, "read on", close buttons.
bool IsBoilerplate(std::string_view line) {
  static constexpr std::string_view kLines[] = {
      "شارك القصة",      "شارك الخبر",       "شارك المقال",  "شارك",      "مشاركة",
      "شارك على فيسبوك", "شارك على تويتر",   "تابع القراءة", "اقرأ أيضاً", "اقرأ أيضا",
      "اقرأ ايضا",       "اقرأ المزيد",      "إغلاق",        "اغلاق",     "close",
      "share",           "share this story", "read more"};
  if (line.empty() || line.size() > 60) return false;
  std::string s = Collapse(line);
  return InArray(s, kLines);
}

// Finds «(الصورة: …)», «(صورة: …)», «(تصوير: …)», «(Photo: …)» in the line.
bool HasPhotoCredit(std::string_view line) {
  static constexpr std::string_view kLabels[] = {"الصورة", "صورة",  "الصور", "تصوير",
                                                 "photo",  "Photo", "PHOTO"};
  for (size_t p = line.find('('); p != std::string_view::npos; p = line.find('(', p + 1)) {
    size_t i = p + 1;
    while (size_t n = SpaceAt(line, i)) i += n;
    for (std::string_view label : kLabels) {
      if (line.substr(i).starts_with(label)) {
        size_t j = i + label.size();
        while (size_t n = SpaceAt(line, j)) j += n;
        if (j < line.size() && line[j] == ':') return true;
      }
    }
  }
  return false;
}

// A short parenthesized name: «غيتي», «فرانس برس», «رويترز», «أ ف ب», "CNN".
bool IsShortCreditName(std::string_view name) {
  name = TrimView(name);
  if (name.empty() || name.size() > 60) return false;
  if (Words(name).size() > 5) return false;
  return !HasDigit(name) && !ContainsAny(name, {":", "\"", "\xC2\xAB", "\xC2\xBB", "(", ")"});
}

// A photo caption line: one with «(الصورة: …)», or (in the web layout) one that ends with a
// short parenthesized credit «… (غيتي)».
bool IsPhotoCaption(std::string_view line, bool web) {
  if (HasPhotoCredit(line)) return true;
  if (!web || !line.ends_with(")")) return false;
  size_t open = line.rfind('(');
  if (open == std::string_view::npos || open == 0) return false;
  return IsShortCreditName(line.substr(open + 1, line.size() - open - 2)) &&
         !IsBlank(line.substr(0, open));
}

// «المصادر: …», «المصدر: …», "Source: …": returns true and the text after the colon.
bool IsCreditsLabel(std::string_view line, std::string_view* rest) {
  static constexpr std::string_view kLabels[] = {"المصادر", "المصدر", "مصادر",   "مصدر",
                                                 "Sources", "Source", "sources", "source"};
  for (std::string_view label : kLabels) {
    if (!line.starts_with(label)) continue;
    size_t i = label.size();
    while (size_t n = SpaceAt(line, i)) i += n;
    if (i < line.size() && line[i] == ':') {
      *rest = TrimView(line.substr(i + 1));
      return true;
    }
  }
  return false;
}

// Splits a credits value on " - ", "،" and ",": «العربي - وكالات» -> {"العربي", "وكالات"}.
std::vector<std::string> SplitCredits(std::string_view value) {
  std::vector<std::string> out;
  auto add = [&](std::string_view item) {
    item = TrimView(item);
    while (!item.empty() && (item.back() == '.' || item.back() == ';')) {
      item.remove_suffix(1);
      item = TrimView(item);
    }
    if (item.empty()) return;
    if (std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
  };
  size_t b = 0, i = 0;
  while (i < value.size()) {
    size_t sep = 0;
    if (value[i] == ',') {
      sep = 1;
    } else if (value.substr(i).starts_with("\xD8\x8C")) {
      sep = 2;
    } else if (size_t d = DashAt(value, i); d > 0 && value[i] != '\xD9') {
      // A dash separates only with a space on one side ("العربي - وكالات"), not inside a name.
      if ((i > 0 && SpaceBefore(value, i) > 0) || SpaceAt(value, i + d) > 0) sep = d;
    }
    if (sep > 0) {
      add(value.substr(b, i - b));
      i += sep;
      b = i;
    } else {
      ++i;
    }
  }
  add(value.substr(b));
  return out;
}

// A credits value is a short list of names, not a sentence.
bool IsCreditsValue(std::string_view value) {
  value = TrimView(value);
  if (value.empty() || value.size() > 200) return false;
  if (ContainsAny(value, {"\"", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", ":"}))
    return false;
  if (Words(value).size() > 16) return false;
  std::vector<std::string> items = SplitCredits(value);
  if (items.empty()) return false;
  for (const std::string& item : items) {
    if (Words(item).size() > 6) return false;
  }
  return true;
}

// The credit of a dateline at the start of the body: «(رويترز) - …», «القاهرة - (رويترز): …»,
// «دبي، الإمارات العربية المتحدة (CNN)-- …», «(أ ف ب) -». Returns the names in the parentheses.
std::vector<std::string> DatelineCredits(std::string_view line) {
  size_t open = line.find('(');
  if (open == std::string_view::npos || open > 200) return {};
  size_t close = line.find(')', open);
  if (close == std::string_view::npos || close - open > 64) return {};
  std::string_view prefix = TrimView(line.substr(0, open));
  if (!prefix.empty()) {
    if (Words(prefix).size() > 7) return {};
    if (ContainsAny(prefix, {".", ":", "\"", "\xC2\xAB", "\xC2\xBB", "\xD8\x9F", "?", "!", ";"}))
      return {};
  }
  std::string_view name = line.substr(open + 1, close - open - 1);
  if (!IsShortCreditName(name)) return {};
  // After the parenthesis: a dash or a colon (or the end of the line); or else a dash before
  // it («دبي --(CNN) أعلن») or a place «City، Country» before it («أتلانتا، الولايات المتحدة
  // الأمريكية (CNN) نفى»).
  size_t i = close + 1;
  while (size_t n = SpaceAt(line, i)) i += n;
  if (i < line.size() && DashAt(line, i) == 0 && line[i] != ':') {
    bool dash_before = prefix.ends_with("-") || prefix.ends_with("\xE2\x80\x93") ||
                       prefix.ends_with("\xE2\x80\x94");
    bool place = false;
    size_t comma = prefix.find("\xD8\x8C");
    size_t comma_len = 2;
    if (comma == std::string_view::npos) {
      comma = prefix.find(',');
      comma_len = 1;
    }
    if (comma != std::string_view::npos) {
      std::string_view city = prefix.substr(0, comma), country = prefix.substr(comma + comma_len);
      size_t city_words = Words(city).size(), country_words = Words(country).size();
      place = city_words >= 1 && city_words <= 2 && country_words >= 1 && country_words <= 4 &&
              country.find(',') == std::string_view::npos &&
              country.find("\xD8\x8C") == std::string_view::npos;
    }
    if (!dash_before && !place) return {};
  }
  return SplitCredits(name);
}

// ---------------------------------------------------------------------------------------------
// Validation.

std::string TooLargeMessage(const char* what, uint64_t size, size_t limit) {
  return std::string(what) + " is " + std::to_string(size) + " bytes, larger than the limit of " +
         std::to_string(limit) + " bytes";
}

// Validates a text. For a file, byte offsets go into `where` ("FILE: byte N"); for a JSONL
// record (`record` true) `where` stays "FILE:LINE" and the offset goes into the message.
Status ValidateText(std::string_view text, const std::string& where, bool record,
                    const ReadOptions& opt) {
  const char* what = record ? "the record's text" : "the text";
  if (text.size() > opt.max_bytes || text.size() > std::numeric_limits<uint32_t>::max()) {
    return Status(ErrorCode::kTooLarge, TooLargeMessage(what, text.size(), opt.max_bytes), where);
  }
  auto at = [&](size_t pos, std::string message) {
    if (record)
      return std::pair(message + " at byte " + std::to_string(pos) + " of the text", where);
    return std::pair(std::move(message), where + ": byte " + std::to_string(pos));
  };
  if (size_t p = text.find('\0'); p != std::string_view::npos) {
    auto [message, w] = at(p, "contains NUL bytes (binary file?)");
    return Status(ErrorCode::kBinary, message, w);
  }
  // A record's text was decoded by the JSON parser from a line already checked to be valid
  // UTF-8 (the parser refuses invalid bytes and lone surrogate escapes): it is valid, and
  // checking it again cost a pass over every article.
  if (size_t p = record ? std::string_view::npos : utf8::FindInvalid(text);
      p != std::string_view::npos) {
    auto [message, w] = at(p, "invalid UTF-8 byte " + Hex(static_cast<unsigned char>(text[p])));
    return Status(ErrorCode::kInvalidUtf8, message, w);
  }
  if (IsBlank(text)) {
    return Status(ErrorCode::kEmpty, std::string("no text: ") + what + " is empty or white space",
                  where);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Byte sources and a bounded line reader.

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes: the count, 0 at the end, -1 on an error (see error()).
  virtual long Read(char* buf, size_t n) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

class FileSource : public ByteSource {
 public:
  // Takes ownership of f unless it is stdin. `prefix` is returned before the file's bytes.
  FileSource(FILE* f, std::string prefix) : f_(f), prefix_(std::move(prefix)) {}
  ~FileSource() override {
    if (f_ != nullptr && f_ != stdin) std::fclose(f_);
  }
  long Read(char* buf, size_t n) override {
    if (prefix_pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(buf, prefix_.data() + prefix_pos_, k);
      prefix_pos_ += k;
      return static_cast<long>(k);
    }
    size_t k = std::fread(buf, 1, n, f_);
    if (k == 0 && std::ferror(f_)) {
      error_ = std::string("read error: ") + std::strerror(errno);
      return -1;
    }
    return static_cast<long>(k);
  }

 private:
  FILE* f_;
  std::string prefix_;
  size_t prefix_pos_ = 0;
};

class GzSource : public ByteSource {
 public:
  explicit GzSource(gzFile f) : f_(f) {}
  ~GzSource() override { gzclose(f_); }
  long Read(char* buf, size_t n) override {
    int k = gzread(f_, buf, static_cast<unsigned>(std::min<size_t>(n, 1u << 30)));
    int errnum = Z_OK;
    const char* msg = gzerror(f_, &errnum);
    if (k < 0 || (k == 0 && errnum != Z_OK && errnum != Z_STREAM_END)) {
      error_ = std::string("corrupt or truncated gzip data: ") +
               (errnum == Z_ERRNO ? std::strerror(errno) : (msg ? msg : "unknown error"));
      return -1;
    }
    return k;
  }

 private:
  gzFile f_;
};

// Splits a byte stream into lines without ever holding more than max_line bytes of one line.
class LineReader {
 public:
  enum class Got { kLine, kTooLong, kEnd, kError };

  LineReader(std::unique_ptr<ByteSource> src, size_t max_line)
      : src_(std::move(src)), max_line_(max_line), buf_(1u << 16) {}

  // Reads the next line (without "\n") into *line. kTooLong: the line was longer than max_line
  // and was read and discarded; *line is empty.
  Got Next(std::string* line) {
    line->clear();
    bool too_long = false, any = false;
    uint64_t total = 0;
    line_offset_ = offset_;
    for (;;) {
      if (pos_ == len_) {
        if (eof_) break;
        long n = src_->Read(buf_.data(), buf_.size());
        if (n < 0) return Got::kError;
        if (n == 0) {
          eof_ = true;
          break;
        }
        pos_ = 0;
        len_ = static_cast<size_t>(n);
      }
      const char* b = buf_.data() + pos_;
      size_t avail = len_ - pos_;
      const char* nl = static_cast<const char*>(std::memchr(b, '\n', avail));
      size_t take = nl != nullptr ? static_cast<size_t>(nl - b) : avail;
      any = true;
      total += take;
      if (!too_long) {
        if (line->size() + take > max_line_) {
          too_long = true;
          std::string().swap(*line);
        } else {
          line->append(b, take);
        }
      }
      size_t used = take + (nl != nullptr ? 1 : 0);
      pos_ += used;
      offset_ += used;
      if (nl != nullptr) break;
    }
    if (!any) return Got::kEnd;
    ++line_number_;
    line_length_ = total;
    return too_long ? Got::kTooLong : Got::kLine;
  }

  uint64_t line_number() const { return line_number_; }  // of the line last returned
  uint64_t line_offset() const { return line_offset_; }  // its byte offset in the stream
  uint64_t line_length() const { return line_length_; }
  const std::string& error() const { return src_->error(); }

 private:
  std::unique_ptr<ByteSource> src_;
  size_t max_line_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  uint64_t offset_ = 0, line_number_ = 0, line_offset_ = 0, line_length_ = 0;
};

enum class FileKind { kPlain, kJsonl, kJsonlGz, kOther };

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

FileKind KindOf(const std::string& path) {
  std::string p = Lower(path);
  if (p.ends_with(".jsonl")) return FileKind::kJsonl;
  if (p.ends_with(".gz")) return FileKind::kJsonlGz;  // .jsonl.gz and any other .gz
  if (p.ends_with(".txt")) return FileKind::kPlain;
  return FileKind::kOther;
}

// The message of a nlohmann::json exception without its "[json.exception…] parse error at line
// 1, column 7: " prefix.
std::string JsonMessage(const std::exception& e) {
  std::string_view m = e.what();
  if (m.starts_with("[json.exception")) {
    size_t p = m.find("] ");
    if (p != std::string_view::npos) m.remove_prefix(p + 2);
  }
  if (m.starts_with("parse error")) {
    size_t p = m.find(": ");
    if (p != std::string_view::npos) m.remove_prefix(p + 2);
  }
  return Shorten(m, 200);
}

// The fast path for the common JSONL record: one flat object whose members are strings or
// null, with keys written without escapes. It decodes the record's fields straight into
// strings (nlohmann builds a DOM character by character, which was most of the reading time).
// Anything else — numbers, booleans, arrays, nested objects, a repeated field, escaped keys,
// lone surrogates, malformed JSON of any kind — makes it return false, and the record goes
// through nlohmann::json, whose results and error messages stay the reference. Precondition:
// the line is valid UTF-8 (checked before).
struct FlatRecord {
  enum Field { kId, kOutlet, kDate, kUrl, kTitle, kBody, kText, kCount };
  std::string value[kCount];
  bool present[kCount] = {};  // a string (not null, not absent)
};

inline bool JsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads \uXXXX at s[p] (s[p] == '\\'); false if malformed.
bool Hex4(std::string_view s, size_t p, char32_t* out) {
  if (p + 6 > s.size() || s[p] != '\\' || s[p + 1] != 'u') return false;
  char32_t v = 0;
  for (size_t k = p + 2; k < p + 6; ++k) {
    int h = HexDigit(s[k]);
    if (h < 0) return false;
    v = v * 16 + static_cast<char32_t>(h);
  }
  *out = v;
  return true;
}

// Decodes the JSON string starting at s[*i] == '"' into *out (appended; nullptr: validated
// only) and moves *i past its closing quote.
bool FlatString(std::string_view s, size_t* i, std::string* out) {
  const char* d = s.data();
  const size_t n = s.size();
  size_t p = *i + 1;
  for (;;) {
    size_t start = p;
    while (p < n) {
      unsigned char c = static_cast<unsigned char>(d[p]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++p;
    }
    if (out != nullptr) out->append(d + start, p - start);
    if (p >= n || static_cast<unsigned char>(d[p]) < 0x20) return false;
    if (d[p] == '"') {
      *i = p + 1;
      return true;
    }
    if (p + 1 >= n) return false;
    char e = d[p + 1], c;
    switch (e) {
      case '"':
        c = '"';
        break;
      case '\\':
        c = '\\';
        break;
      case '/':
        c = '/';
        break;
      case 'b':
        c = '\b';
        break;
      case 'f':
        c = '\f';
        break;
      case 'n':
        c = '\n';
        break;
      case 'r':
        c = '\r';
        break;
      case 't':
        c = '\t';
        break;
      case 'u': {
        char32_t cp;
        if (!Hex4(s, p, &cp)) return false;
        p += 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t lo;
          if (!Hex4(s, p, &lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
          p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (out != nullptr) utf8::Append(cp, out);
        continue;
      }
      default:
        return false;
    }
    if (out != nullptr) out->push_back(c);
    p += 2;
  }
}

bool ParseFlatRecord(std::string_view s, FlatRecord* r) {
  static constexpr std::string_view kNames[FlatRecord::kCount] = {"id",    "outlet", "date", "url",
                                                                  "title", "body",   "text"};
  bool seen[FlatRecord::kCount] = {};
  size_t i = 0;
  const size_t n = s.size();
  auto skip = [&] {
    while (i < n && JsonSpace(s[i])) ++i;
  };
  skip();
  if (i >= n || s[i] != '{') return false;
  ++i;
  skip();
  if (i < n && s[i] == '}') {
    ++i;
  } else {
    for (;;) {
      if (i >= n || s[i] != '"') return false;
      size_t kb = i + 1;
      size_t ke = kb;
      while (ke < n && s[ke] != '"' && s[ke] != '\\' && static_cast<unsigned char>(s[ke]) >= 0x20)
        ++ke;
      if (ke >= n || s[ke] != '"') return false;  // an escaped key, or malformed
      std::string_view key = s.substr(kb, ke - kb);
      i = ke + 1;
      skip();
      if (i >= n || s[i] != ':') return false;
      ++i;
      skip();
      int f = -1;
      for (int k = 0; k < FlatRecord::kCount; ++k) {
        if (key == kNames[k]) f = k;
      }
      if (f >= 0) {
        if (seen[f]) return false;  // a repeated field: nlohmann decides
        seen[f] = true;
      }
      if (i < n && s[i] == '"') {
        if (!FlatString(s, &i, f >= 0 ? &r->value[f] : nullptr)) return false;
        if (f >= 0) r->present[f] = true;
      } else if (s.substr(i).starts_with("null")) {
        i += 4;
      } else {
        return false;  // a number, a boolean, an array, an object or an error
      }
      skip();
      if (i < n && s[i] == ',') {
        ++i;
        skip();
        continue;
      }
      if (i < n && s[i] == '}') {
        ++i;
        break;
      }
      return false;
    }
  }
  skip();
  return i == n;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Layout.

void RecognizeLayout(Document* doc) {
  if (doc == nullptr) return;
  const std::string_view text = doc->text;
  doc->title.clear();
  doc->title_span = Span{};
  doc->body = MakeSpan(0, text.size());
  doc->credits.clear();
  doc->credits_span = Span{};
  doc->web_layout = false;
  if (text.size() > std::numeric_limits<uint32_t>::max()) return;
  try {
    size_t start = text.starts_with(kBom) ? kBom.size() : 0;
    doc->body = MakeSpan(start, text.size());
    std::vector<Line> lines = SplitLines(text, start);
    // Non-blank lines, trimmed.
    std::vector<Span> nb;
    for (const Line& l : lines) {
      Span t = Trim(text, MakeSpan(l.begin, l.end));
      if (!t.empty()) nb.push_back(t);
    }
    if (nb.empty()) return;
    auto view = [&](Span s) { return s.In(text); };

    size_t k = 0;
    // A dateline above the title.
    if (nb.size() >= 2 && IsDateline(view(nb[0]))) {
      if (doc->date.empty()) doc->date = std::string(view(nb[0]));
      k = 1;
    }
    // The title, and its repetition in a captured page.
    doc->title_span = nb[k];
    doc->title = std::string(view(nb[k]));
    ++k;
    bool web = false;
    if (k < nb.size() && CollapsedEqual(view(nb[k]), doc->title)) {
      web = true;
      ++k;
    }
    // Furniture between the title and the article: share buttons, a photo caption.
    while (k < nb.size()) {
      std::string_view l = view(nb[k]);
      if (IsBoilerplate(l)) {
        web = true;
      } else if (!IsPhotoCaption(l, web)) {
        break;
      }
      ++k;
    }
    size_t first = k, last = nb.size();
    // Furniture after the article: «تابع القراءة», the credits line, «Close».
    bool have_credits = false;
    while (last > first) {
      std::string_view l = view(nb[last - 1]);
      if (IsBoilerplate(l)) {
        web = true;
        --last;
        continue;
      }
      if (!have_credits) {
        std::string_view rest;
        if (IsCreditsLabel(l, &rest)) {
          if (!rest.empty() && IsCreditsValue(rest)) {
            doc->credits = SplitCredits(rest);
            doc->credits_span = nb[last - 1];
            have_credits = true;
            --last;
            continue;
          }
        } else if (last - 1 > first && IsCreditsLabel(view(nb[last - 2]), &rest) && rest.empty() &&
                   IsCreditsValue(l)) {
          // «المصادر:» on its own line, the names on the next.
          doc->credits = SplitCredits(l);
          doc->credits_span = MakeSpan(nb[last - 2].begin, nb[last - 1].end);
          have_credits = true;
          last -= 2;
          continue;
        }
      }
      break;
    }
    if (first < last) {
      doc->body = MakeSpan(nb[first].begin, nb[last - 1].end);
    } else {
      doc->body = doc->title_span;  // nothing but the title: it is the text to analyze
    }
    // A dateline credit at the start of the body: «(رويترز) -», «القاهرة - (رويترز):».
    std::string_view body = view(doc->body);
    std::string_view first_line = body.substr(0, body.find('\n'));
    for (std::string& name : DatelineCredits(first_line)) {
      if (std::find(doc->credits.begin(), doc->credits.end(), name) == doc->credits.end()) {
        doc->credits.push_back(std::move(name));
      }
    }
    doc->web_layout = web;
    if (web && doc->outlet.empty() && !doc->credits.empty()) doc->outlet = doc->credits.front();
  } catch (...) {
    // Out of memory: leave the plain defaults (the whole text is the body).
    doc->title.clear();
    doc->title_span = Span{};
    doc->body = MakeSpan(0, text.size());
    doc->credits.clear();
    doc->credits_span = Span{};
    doc->web_layout = false;
  }
}

Result<Document> MakeDocument(std::string text, std::string name, const ReadOptions& opt) {
  try {
    Status st = ValidateText(text, name, /*record=*/false, opt);
    if (!st.ok()) return st;
    Document doc;
    doc.text = std::move(text);
    doc.id = name;
    doc.source = std::move(name);
    RecognizeLayout(&doc);
    return doc;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kIo, std::string("cannot build the document: ") + e.what(), name);
  } catch (...) {
    return Status(ErrorCode::kIo, "cannot build the document", name);
  }
}

// ---------------------------------------------------------------------------------------------
// The reader.

struct DocumentReader::Impl {
  ReadOptions opt;
  // Paths given to Add(), read in order from `next_added`.
  std::vector<std::string> added;
  size_t next_added = 0;
  // Files found in a folder and not read yet, the next one LAST.
  std::vector<std::string> folder_files;
  std::vector<Diagnostic> diags;
  // The JSONL stream being read, if any.
  std::unique_ptr<LineReader> jsonl;
  std::string jsonl_name;
  uint64_t jsonl_records = 0;

  explicit Impl(ReadOptions o) : opt(o) {}

  void Report(Diagnostic::Severity sev, ErrorCode code, std::string message, std::string where) {
    Diagnostic d;
    d.severity = sev;
    d.status = Status(code, std::move(message), std::move(where));
    diags.push_back(std::move(d));
  }
  void Error(ErrorCode code, std::string message, std::string where) {
    Report(Diagnostic::Severity::kError, code, std::move(message), std::move(where));
  }
  void Warn(ErrorCode code, std::string message, std::string where) {
    Report(Diagnostic::Severity::kWarning, code, std::move(message), std::move(where));
  }

  bool Next(Document* doc);
  bool Step(Document* doc, bool* produced);
  bool NextRecord(Document* doc);
  bool Record(std::string* line, uint64_t number, Document* doc);
  void FailRecord(Document* doc, const std::string& id, const std::string& where, Status st);
  void OpenJsonl(const std::string& path, bool gz);
  bool ReadPlain(const std::string& path, Document* doc);
  bool ReadStdin(Document* doc);
  void ExpandFolder(const std::string& path);
};

void DocumentReader::Impl::FailRecord(Document* doc, const std::string& id,
                                      const std::string& where, Status st) {
  Error(st.code(), st.message(), st.where());
  *doc = Document{};
  doc->id = id.empty() ? where : id;
  doc->source = where;
  doc->error = std::move(st);
}

// Turns one JSONL line into *doc. Returns false for a blank line (no record).
bool DocumentReader::Impl::Record(std::string* line, uint64_t number, Document* doc) {
  const std::string where = jsonl_name + ":" + std::to_string(number);
  size_t shift = 0;  // bytes removed at the start of the line (a BOM)
  std::string_view l = *line;
  if (number == 1 && l.starts_with(kBom)) {
    l.remove_prefix(kBom.size());
    shift = kBom.size();
  }
  if (l.ends_with("\r")) l.remove_suffix(1);
  if (IsBlank(l)) return false;
  ++jsonl_records;
  auto at = [&](size_t pos) { return where + ", byte " + std::to_string(pos + shift); };

  if (size_t p = utf8::FindInvalid(l); p != std::string_view::npos) {
    FailRecord(doc, "", where,
               Status(ErrorCode::kInvalidUtf8,
                      "invalid UTF-8 byte " + Hex(static_cast<unsigned char>(l[p])) + " (byte " +
                          std::to_string(jsonl->line_offset() + shift + p) + " of the file)",
                      at(p)));
    return true;
  }
  FlatRecord flat;
  const bool is_flat = ParseFlatRecord(l, &flat);
  Json j;
  if (!is_flat) try {
      // Keep the record's top-level members only: nested values are parsed and dropped, so a
      // pathological line cannot build a deep tree.
      j = Json::parse(l, [](int depth, Json::parse_event_t, Json&) { return depth <= 1; });
    } catch (const Json::parse_error& e) {
      std::string w = e.byte > 0 ? at(static_cast<size_t>(e.byte - 1)) : where;
      FailRecord(doc, "", where,
                 Status(ErrorCode::kBadJson, "malformed JSON: " + JsonMessage(e), w));
      return true;
    } catch (const std::exception& e) {
      FailRecord(doc, "", where,
                 Status(ErrorCode::kBadJson, "malformed JSON: " + JsonMessage(e), where));
      return true;
    }
  if (!is_flat && !j.is_object()) {
    FailRecord(doc, "", where,
               Status(ErrorCode::kBadRecord,
                      std::string("a record must be a JSON object, not ") + j.type_name(), where));
    return true;
  }
  // The id.
  std::string id;
  if (is_flat) {
    id = std::move(flat.value[FlatRecord::kId]);
  } else if (auto it = j.find("id"); it != j.end() && !it->is_null()) {
    if (it->is_string()) {
      id = it->get<std::string>();
    } else if (it->is_number_integer() || it->is_number_unsigned()) {
      id = it->dump();
    } else if (it->is_number_float()) {
      id = it->dump();
    } else {
      FailRecord(doc, "", where,
                 Status(ErrorCode::kBadRecord,
                        std::string("\"id\" must be a string or a number, not ") + it->type_name(),
                        where));
      return true;
    }
  }
  // Optional string fields: a string, null or absent (numbers are accepted as written).
  std::string bad_field;  // the first field of a wrong type, as an error message
  auto field = [&](const char* name, bool* present, FlatRecord::Field f) -> std::string {
    if (present != nullptr) *present = false;
    if (is_flat) {
      if (present != nullptr) *present = flat.present[f];
      return std::move(flat.value[f]);
    }
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return {};
    if (present != nullptr) *present = true;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    if (bad_field.empty()) {
      bad_field = "\"" + std::string(name) + "\" must be a string, not " + it->type_name();
    }
    return {};
  };
  std::string outlet = field("outlet", nullptr, FlatRecord::kOutlet);
  std::string date = field("date", nullptr, FlatRecord::kDate);
  std::string url = field("url", nullptr, FlatRecord::kUrl);
  bool has_title = false, has_body = false, has_text = false;
  std::string title = field("title", &has_title, FlatRecord::kTitle);
  std::string body = field("body", &has_body, FlatRecord::kBody);
  std::string text = field("text", &has_text, FlatRecord::kText);
  auto fail = [&](Status st) {
    FailRecord(doc, id, where, std::move(st));
    doc->outlet = outlet;
    doc->date = date;
    doc->url = url;
    return true;
  };
  if (!bad_field.empty()) {
    return fail(Status(ErrorCode::kBadRecord, bad_field, where));
  }
  if (!has_body && !has_text) {
    return fail(
        Status(ErrorCode::kBadRecord, "record has no \"text\" (or \"body\") string", where));
  }
  if (has_body) text = std::move(body);
  if (has_title && !TrimView(title).empty() && !text.starts_with(title)) {
    std::string joined;
    joined.reserve(title.size() + 2 + text.size());
    joined.append(title).append("\n\n").append(text);
    text = std::move(joined);
  }
  Status st = ValidateText(text, where, /*record=*/true, opt);
  if (!st.ok()) return fail(std::move(st));

  *doc = Document{};
  doc->id = id.empty() ? where : id;
  doc->text = std::move(text);
  doc->source = where;
  doc->outlet = std::move(outlet);
  doc->date = std::move(date);
  doc->url = std::move(url);
  RecognizeLayout(doc);
  return true;
}

// Reads records from the open JSONL stream until one is produced or the stream ends.
bool DocumentReader::Impl::NextRecord(Document* doc) {
  std::string line;
  for (;;) {
    LineReader::Got got = jsonl->Next(&line);
    if (got == LineReader::Got::kEnd || got == LineReader::Got::kError) {
      if (got == LineReader::Got::kError) {
        Error(ErrorCode::kIo, jsonl->error(),
              jsonl_name + ":" + std::to_string(jsonl->line_number() + 1));
      } else if (jsonl_records == 0) {
        Warn(ErrorCode::kEmpty, "no records (the file is empty or blank)", jsonl_name);
      }
      jsonl.reset();
      return false;
    }
    uint64_t number = jsonl->line_number();
    if (got == LineReader::Got::kTooLong) {
      ++jsonl_records;
      std::string where = jsonl_name + ":" + std::to_string(number);
      FailRecord(
          doc, "", where,
          Status(ErrorCode::kTooLarge,
                 TooLargeMessage("the record", jsonl->line_length(), opt.max_bytes) + "; skipped",
                 where));
      return true;
    }
    if (Record(&line, number, doc)) return true;
  }
}

void DocumentReader::Impl::OpenJsonl(const std::string& path, bool gz) {
  std::unique_ptr<ByteSource> src;
  if (gz) {
    errno = 0;
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr) {
      int err = errno;
      Error(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
            std::string("cannot open: ") + (err != 0 ? std::strerror(err) : "out of memory"), path);
      return;
    }
    gzbuffer(f, 1u << 17);
    src = std::make_unique<GzSource>(f);
  } else {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      int err = errno;
      Error(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
            std::string("cannot open: ") + std::strerror(err), path);
      return;
    }
    src = std::make_unique<FileSource>(f, std::string());
  }
  jsonl = std::make_unique<LineReader>(std::move(src), opt.max_bytes);
  jsonl_name = path;
  jsonl_records = 0;
}

bool DocumentReader::Impl::ReadPlain(const std::string& path, Document* doc) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > opt.max_bytes) {
    Error(ErrorCode::kTooLarge, TooLargeMessage("the file", size, opt.max_bytes), path);
    return false;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    int err = errno;
    Error(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
          std::string("cannot open: ") + std::strerror(err), path);
    return false;
  }
  std::string text;
  if (!ec) text.reserve(static_cast<size_t>(size));
  char buf[1 << 16];
  bool too_large = false, failed = false;
  for (;;) {
    size_t n = std::fread(buf, 1, sizeof buf, f);
    if (n == 0) {
      failed = std::ferror(f) != 0;
      break;
    }
    if (text.size() + n > opt.max_bytes) {
      too_large = true;
      break;
    }
    text.append(buf, n);
  }
  int err = errno;
  std::fclose(f);
  if (failed) {
    Error(ErrorCode::kIo, std::string("read error: ") + std::strerror(err), path);
    return false;
  }
  if (too_large) {
    Error(ErrorCode::kTooLarge,
          "the file is larger than the limit of " + std::to_string(opt.max_bytes) + " bytes", path);
    return false;
  }
  Result<Document> r = MakeDocument(std::move(text), path, opt);
  if (!r.ok()) {
    Status st = r.error();
    Error(st.code(), st.message(), st.where());
    return false;
  }
  *doc = std::move(r).value();
  return true;
}

bool DocumentReader::Impl::ReadStdin(Document* doc) {
  const std::string name(kStdinName);
  // Peek at the first byte that is not white space (after a BOM): '{' means JSONL.
  std::string head;
  char buf[1 << 16];
  bool at_end = false;
  char first = 0;
  for (;;) {
    size_t i = head.starts_with(kBom) ? kBom.size() : 0;
    while (i < head.size() && std::strchr(" \t\r\n\f\v", head[i]) != nullptr) ++i;
    if (i < head.size()) {
      first = head[i];
      break;
    }
    if (head.size() > opt.max_bytes) break;
    size_t n = std::fread(buf, 1, sizeof buf, stdin);
    if (n == 0) {
      at_end = true;
      break;
    }
    head.append(buf, n);
  }
  if (std::ferror(stdin)) {
    Error(ErrorCode::kIo, std::string("read error: ") + std::strerror(errno), name);
    return false;
  }
  if (first == '{') {
    jsonl = std::make_unique<LineReader>(std::make_unique<FileSource>(stdin, std::move(head)),
                                         opt.max_bytes);
    jsonl_name = name;
    jsonl_records = 0;
    return false;  // records come from the stream
  }
  std::string text = std::move(head);
  bool too_large = text.size() > opt.max_bytes;
  while (!at_end && !too_large) {
    size_t n = std::fread(buf, 1, sizeof buf, stdin);
    if (n == 0) break;
    if (text.size() + n > opt.max_bytes) {
      too_large = true;
      break;
    }
    text.append(buf, n);
  }
  if (std::ferror(stdin)) {
    Error(ErrorCode::kIo, std::string("read error: ") + std::strerror(errno), name);
    return false;
  }
  if (too_large) {
    Error(ErrorCode::kTooLarge,
          "standard input is larger than the limit of " + std::to_string(opt.max_bytes) + " bytes",
          name);
    return false;
  }
  Result<Document> r = MakeDocument(std::move(text), name, opt);
  if (!r.ok()) {
    Status st = r.error();
    Error(st.code(), st.message(), st.where());
    return false;
  }
  *doc = std::move(r).value();
  doc->id = "-";
  return true;
}

void DocumentReader::Impl::ExpandFolder(const std::string& path) {
  std::vector<std::string> files;
  std::error_code ec;
  auto consider = [&](const fs::directory_entry& e, bool* descend) {
    *descend = false;
    std::string p = e.path().string();
    std::string filename = e.path().filename().string();
    if (filename.starts_with(".")) return;  // hidden files and folders (.git, .DS_Store)
    std::error_code sec;
    fs::file_status st = e.status(sec);
    if (sec) {
      Warn(ErrorCode::kIo, "skipped: " + sec.message(), p);
      return;
    }
    if (fs::is_directory(st)) {
      if (!opt.recurse) {
        Warn(ErrorCode::kInvalidArgument, "sub-folder skipped (not recursing)", p);
      } else if (e.is_symlink(sec)) {
        Warn(ErrorCode::kInvalidArgument, "symbolic link to a folder not followed", p);
      } else {
        *descend = true;
      }
      return;
    }
    if (!fs::is_regular_file(st)) {
      Warn(ErrorCode::kInvalidArgument, "skipped: not a regular file", p);
      return;
    }
    if (KindOf(p) == FileKind::kOther) {
      Warn(ErrorCode::kInvalidArgument, "skipped: not a .txt, .jsonl or .jsonl.gz file", p);
      return;
    }
    files.push_back(std::move(p));
  };
  if (opt.recurse) {
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      Error(ErrorCode::kIo, "cannot read the folder: " + ec.message(), path);
      return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      bool descend = false;
      consider(*it, &descend);
      if (!descend) it.disable_recursion_pending();
    }
    if (ec) Error(ErrorCode::kIo, "cannot read the folder: " + ec.message(), path);
  } else {
    fs::directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      Error(ErrorCode::kIo, "cannot read the folder: " + ec.message(), path);
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      bool descend = false;
      consider(*it, &descend);
    }
    if (ec) Error(ErrorCode::kIo, "cannot read the folder: " + ec.message(), path);
  }
  std::sort(files.begin(), files.end());
  folder_files.insert(folder_files.end(), std::make_move_iterator(files.rbegin()),
                      std::make_move_iterator(files.rend()));
}

// One step: reads from the open stream or takes the next input. Returns false when everything
// has been read; *produced tells whether *doc was filled.
bool DocumentReader::Impl::Step(Document* doc, bool* produced) {
  *produced = false;
  if (jsonl) {
    *produced = NextRecord(doc);
    return true;
  }
  std::string path;
  bool from_folder = !folder_files.empty();
  if (from_folder) {
    path = std::move(folder_files.back());
    folder_files.pop_back();
  } else if (next_added < added.size()) {
    path = std::move(added[next_added++]);
  } else {
    return false;
  }
  if (path == "-" && !from_folder) {
    *produced = ReadStdin(doc);
    return true;
  }
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    if (!ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
      Error(ErrorCode::kNotFound, "no such file or directory", path);
    } else {
      Error(ErrorCode::kIo, "cannot access: " + ec.message(), path);
    }
    return true;
  }
  if (fs::is_directory(st)) {
    ExpandFolder(path);
    return true;
  }
  FileKind kind = KindOf(path);
  if (kind == FileKind::kJsonl || kind == FileKind::kJsonlGz) {
    OpenJsonl(path, kind == FileKind::kJsonlGz);
    return true;
  }
  *produced = ReadPlain(path, doc);
  return true;
}

bool DocumentReader::Impl::Next(Document* doc) {
  for (;;) {
    try {
      bool produced = false;
      if (!Step(doc, &produced)) return false;
      if (produced) return true;
    } catch (const std::exception& e) {
      // Out of memory or a filesystem failure: report it, drop the current stream, go on.
      std::string where = jsonl ? jsonl_name : std::string();
      jsonl.reset();
      try {
        Error(ErrorCode::kIo, std::string("cannot read: ") + e.what(), where);
      } catch (...) {
      }
    } catch (...) {
      jsonl.reset();
    }
  }
}

DocumentReader::DocumentReader(ReadOptions opt) : impl_(new (std::nothrow) Impl(opt)) {}

DocumentReader::~DocumentReader() = default;

void DocumentReader::Add(std::string path) {
  if (!impl_) return;
  try {
    impl_->added.push_back(std::move(path));
  } catch (...) {
    impl_->Error(ErrorCode::kIo, "out of memory", {});
  }
}

bool DocumentReader::Next(Document* doc) {
  if (!impl_ || doc == nullptr) return false;
  return impl_->Next(doc);
}

const std::vector<Diagnostic>& DocumentReader::diagnostics() const {
  static const std::vector<Diagnostic> kNone;
  return impl_ ? impl_->diags : kNone;
}

}  // namespace isnad
