#include "base/dates.h"

#include <array>
#include <cstdio>
#include <vector>

#include "analyzer/normalizer.h"

namespace isnad {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsDigit(c)) return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string FormatMonth(int year, int month) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// ISO 8601 at `i` of a normalized date: YYYY-MM[-DD] or YYYY/M[/D] (not inside a longer
// number). Sets year, month and (0 when absent) day.
bool IsoAt(const std::string& s, size_t i, int* year, int* month, int* day) {
  if (i > 0 && IsDigit(s[i - 1])) return false;
  if (i + 6 > s.size() || !AllDigits(std::string_view(s).substr(i, 4))) return false;
  char sep = s[i + 4];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  size_t k = i + 5, b = k;
  while (k < s.size() && k - b < 2 && IsDigit(s[k])) ++k;
  if (k == b || (k < s.size() && IsDigit(s[k]))) return false;
  *year = ToInt(std::string_view(s).substr(i, 4));
  *month = ToInt(std::string_view(s).substr(b, k - b));
  *day = 0;
  if (k + 1 < s.size() && s[k] == sep && IsDigit(s[k + 1])) {
    size_t d = k + 1, e = d;
    while (e < s.size() && e - d < 2 && IsDigit(s[e])) ++e;
    if (e == s.size() || !IsDigit(s[e])) *day = ToInt(std::string_view(s).substr(d, e - d));
  }
  return true;
}

}  // namespace

int MonthFromName(std::string_view w, std::string_view next) {
  if (!w.empty() && IsAsciiLetter(w[0])) {
    static const std::array<const char*, 12> kEnglish = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    std::string lw;
    for (char c : w) {
      if (!IsAsciiLetter(c)) break;  // "Sept." -> "sept"
      lw += static_cast<char>(c | 0x20);
    }
    for (size_t i = 0; i < kEnglish.size(); ++i) {
      std::string_view full = kEnglish[i];
      if (lw == full || lw == full.substr(0, 3)) return static_cast<int>(i) + 1;
    }
    return lw == "sept" ? 9 : 0;
  }
  struct Name {
    const char* word;
    int month;
  };
  // NormalizeKey forms: Egyptian/Gulf, Maghreb, Levantine.
  static const Name kArabic[] = {
      {"يناير", 1},   {"فبراير", 2}, {"مارس", 3},  {"ابريل", 4},  {"افريل", 4},   {"مايو", 5},
      {"ماي", 5},     {"يونيو", 6},  {"يونيه", 6}, {"جوان", 6},   {"يوليو", 7},   {"يوليه", 7},
      {"جويليه", 7},  {"اغسطس", 8},  {"اوت", 8},   {"سبتمبر", 9}, {"اكتوبر", 10}, {"نوفمبر", 11},
      {"ديسمبر", 12}, {"شباط", 2},   {"اذار", 3},  {"نيسان", 4},  {"ايار", 5},    {"حزيران", 6},
      {"تموز", 7},    {"اب", 8},     {"ايلول", 9}};
  for (const Name& n : kArabic)
    if (w == n.word) return n.month;
  // كانون الثاني = January, كانون الأول = December; تشرين الأول = October, تشرين الثاني = November.
  const bool first = next == "الاول", second = next == "الثاني";
  if (w == "كانون") return second ? 1 : first ? 12 : 0;
  if (w == "تشرين") return first ? 10 : second ? 11 : 0;
  return 0;
}

std::string YearMonth(std::string_view date) {
  const std::string s = NormalizeKey(date);
  int year = 0, month = 0, day = 0;
  // ISO 8601 anywhere ("2018-02-19", "نشر في 2018/7/4").
  for (size_t i = 0; i < s.size(); ++i)
    if (IsoAt(s, i, &year, &month, &day)) return FormatMonth(year, month);
  // Words: digit runs, ASCII letter runs, other (Arabic) letter runs, each with the
  // separator that followed it (' ' when only spaces, or nothing, did).
  std::vector<std::string> words;
  std::vector<char> seps;
  auto cls = [](unsigned char c) {
    if (IsDigit(static_cast<char>(c))) return 1;
    if (IsAsciiLetter(static_cast<char>(c))) return 2;
    if (c >= 0x80) return 3;
    return 0;
  };
  for (size_t k = 0; k < s.size();) {
    int c = cls(static_cast<unsigned char>(s[k]));
    if (c == 0) {
      if (!seps.empty() && seps.back() == ' ') seps.back() = s[k];
      ++k;
      continue;
    }
    size_t b = k;
    while (k < s.size() && cls(static_cast<unsigned char>(s[k])) == c) ++k;
    words.push_back(s.substr(b, k - b));
    seps.push_back(' ');
  }
  size_t year_at = words.size();
  for (size_t w = 0; w < words.size(); ++w) {
    if (words[w].size() == 4 && IsDigit(words[w][0])) {
      int y = ToInt(words[w]);
      if (y >= 1900 && y <= 2200) {
        year = y;
        year_at = w;
        break;
      }
    }
  }
  if (year == 0) return "";
  for (size_t w = 0; w < words.size() && month == 0; ++w)
    month = MonthFromName(words[w], w + 1 < words.size() ? words[w + 1] : std::string_view());
  // DD/MM/YYYY (day first, as Arabic outlets write it).
  if (month == 0 && year_at >= 2 && IsDigit(words[year_at - 1][0]) &&
      IsDigit(words[year_at - 2][0]) && words[year_at - 1].size() <= 2 &&
      seps[year_at - 1] != ' ' && seps[year_at - 2] != ' ') {
    month = ToInt(words[year_at - 1]);
  }
  return FormatMonth(year, month);
}

std::optional<int64_t> ParseDate(std::string_view date) {
  std::string s = NormalizeKey(date);
  // ISO 8601: YYYY-MM-DD or YYYY/MM/DD at the start, optional time and zone.
  if (s.size() >= 10 && AllDigits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/') &&
      AllDigits(s.substr(5, 2)) && s[7] == s[4] && AllDigits(s.substr(8, 2))) {
    int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2)), d = ToInt(s.substr(8, 2));
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    int64_t t = DaysFromCivil(y, m, d) * 86400;
    size_t i = 10;
    if (i < s.size() && (s[i] == 't' || s[i] == ' ') && i + 6 <= s.size() &&
        AllDigits(s.substr(i + 1, 2)) && s[i + 3] == ':' && AllDigits(s.substr(i + 4, 2))) {
      t += ToInt(s.substr(i + 1, 2)) * 3600 + ToInt(s.substr(i + 4, 2)) * 60;
      i += 6;
      if (i + 3 <= s.size() && s[i] == ':' && AllDigits(s.substr(i + 1, 2))) {
        t += ToInt(s.substr(i + 1, 2));
        i += 3;
      }
      while (i < s.size() && (s[i] == '.' || IsDigit(s[i]))) ++i;
      if (i + 6 <= s.size() && (s[i] == '+' || s[i] == '-') && AllDigits(s.substr(i + 1, 2)) &&
          s[i + 3] == ':' && AllDigits(s.substr(i + 4, 2))) {
        int off = ToInt(s.substr(i + 1, 2)) * 3600 + ToInt(s.substr(i + 4, 2)) * 60;
        t += s[i] == '+' ? -off : off;
      }
    }
    return t;
  }
  // Free order: day, month name, 4-digit year, hh:mm[:ss], zone (+hhmm, gmt, utc, z).
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (char c : s) {
    // '-' splits inside a word ("Sep-2024") but starts a zone offset ("-0500").
    bool split = c == ' ' || c == ',' || c == '/' || c == '\n' || (c == '-' && !cur.empty());
    if (split)
      flush();
    else
      cur += c;
  }
  flush();
  int day = 0, month = 0, year = -1;
  int64_t secs = 0, offset = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    std::string_view next = i + 1 < words.size() ? std::string_view(words[i + 1]) : "";
    if (AllDigits(w) && w.size() == 4) {
      year = ToInt(w);
    } else if (AllDigits(w) && w.size() <= 2 && day == 0) {
      day = ToInt(w);
    } else if (w.size() >= 5 && w[2] == ':' && AllDigits(w.substr(0, 2)) &&
               AllDigits(w.substr(3, 2))) {
      secs = ToInt(w.substr(0, 2)) * 3600 + ToInt(w.substr(3, 2)) * 60;
      if (w.size() >= 8 && w[5] == ':' && AllDigits(w.substr(6, 2))) secs += ToInt(w.substr(6, 2));
    } else if (w.size() == 5 && (w[0] == '+' || w[0] == '-') && AllDigits(w.substr(1))) {
      int off = ToInt(w.substr(1, 2)) * 3600 + ToInt(w.substr(3, 2)) * 60;
      offset = w[0] == '+' ? off : -off;
    } else if (month == 0) {
      month = MonthFromName(w, next);
    }
  }
  if (year < 0 || month == 0 || day < 1 || day > 31) return std::nullopt;
  return DaysFromCivil(year, month, day) * 86400 + secs - offset;
}

}  // namespace isnad
