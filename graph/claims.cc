#include "graph/claims.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"

namespace isnad {
namespace {

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return SplitMix64(h);
}

}  // namespace

std::vector<std::string_view> ContentWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    int len = 1;
    char32_t c = utf8::Decode(s, i, &len);
    if (IsWordChar(c)) {
      if (start == std::string_view::npos) start = i;
    } else if (start != std::string_view::npos) {
      out.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

std::vector<uint64_t> Shingles(std::string_view normalized, int k) {
  std::vector<uint64_t> out;
  if (k < 1) k = 1;
  std::string joined;
  for (std::string_view w : ContentWords(normalized)) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  if (joined.empty()) return out;
  std::vector<uint32_t> starts;  // code point boundaries, plus the end
  for (size_t i = 0; i < joined.size(); ++i)
    if ((static_cast<unsigned char>(joined[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(joined.size());
  size_t n = starts.size() - 1;
  if (n <= static_cast<size_t>(k)) {
    out.push_back(HashBytes(joined));
    return out;
  }
  out.reserve(n - k + 1);
  for (size_t i = 0; i + k <= n; ++i)
    out.push_back(HashBytes(std::string_view(joined).substr(starts[i], starts[i + k] - starts[i])));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

MinHasher::MinHasher(int num_hashes, uint64_t seed) {
  if (num_hashes < 1) num_hashes = 1;
  uint64_t s = seed;
  for (int i = 0; i < num_hashes; ++i) {
    s = SplitMix64(s);
    mul_.push_back(s | 1);  // odd multipliers: multiply-shift hashing
    s = SplitMix64(s);
    add_.push_back(s);
  }
}

std::vector<uint32_t> MinHasher::Signature(const std::vector<uint64_t>& shingles) const {
  std::vector<uint32_t> sig(mul_.size(), 0xffffffffu);
  for (uint64_t x : shingles) {
    for (size_t i = 0; i < mul_.size(); ++i) {
      uint32_t h = static_cast<uint32_t>((mul_[i] * x + add_[i]) >> 32);
      sig[i] = std::min(sig[i], h);
    }
  }
  return sig;
}

double MinHasher::Similarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0;
  size_t eq = 0;
  for (size_t i = 0; i < n; ++i) eq += a[i] == b[i];
  return static_cast<double>(eq) / static_cast<double>(n);
}

LshIndex::LshIndex(int hashes, int bands)
    : hashes_(hashes), bands_(std::max(1, bands)), rows_(std::max(1, hashes / std::max(1, bands))) {
  band_keys_.resize(bands_);
}

uint32_t LshIndex::Add(const std::vector<uint32_t>& sig) {
  for (int b = 0; b < bands_; ++b) {
    uint64_t h = static_cast<uint64_t>(b) * 0x9e3779b97f4a7c15ULL;
    for (int r = 0; r < rows_; ++r) {
      size_t i = static_cast<size_t>(b) * rows_ + r;
      h = SplitMix64(h ^ (i < sig.size() ? sig[i] : 0));
    }
    band_keys_[b].push_back(h);
  }
  return static_cast<uint32_t>(n_++);
}

std::vector<std::pair<uint32_t, uint32_t>> LshIndex::Candidates(size_t max_bucket) const {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<std::pair<uint64_t, uint32_t>> keyed(n_);
  for (int b = 0; b < bands_; ++b) {
    for (size_t i = 0; i < n_; ++i) keyed[i] = {band_keys_[b][i], static_cast<uint32_t>(i)};
    std::sort(keyed.begin(), keyed.end());
    for (size_t s = 0; s < keyed.size();) {
      size_t e = s + 1;
      while (e < keyed.size() && keyed[e].first == keyed[s].first) ++e;
      if (e - s > 1 && (max_bucket == 0 || e - s <= max_bucket)) {
        for (size_t i = s; i < e; ++i)
          for (size_t j = i + 1; j < e; ++j) pairs.emplace_back(keyed[i].second, keyed[j].second);
      }
      s = e;
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// --- Dates ----------------------------------------------------------------------------------
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Month from an English or Arabic (normalized) name; `next` is the following word, for the
// two-word Levantine names. 0 when not a month.
int MonthOf(std::string_view w, std::string_view next) {
  static const std::array<const char*, 12> en = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string lw;
  for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lw.size() >= 3 && lw[0] >= 'a' && lw[0] <= 'z') {
    for (int i = 0; i < 12; ++i)
      if (lw.compare(0, 3, en[i]) == 0) return i + 1;
    return 0;
  }
  struct Name {
    const char* w;
    int m;
  };
  // Normalized (NormalizeKey) forms.
  static const Name ar[] = {
      {"يناير", 1},   {"فبراير", 2},  {"مارس", 3},  {"ابريل", 4}, {"مايو", 5},   {"يونيو", 6},
      {"يونيه", 6},   {"يوليو", 7},   {"يوليه", 7}, {"اغسطس", 8}, {"سبتمبر", 9}, {"اكتوبر", 10},
      {"نوفمبر", 11}, {"ديسمبر", 12}, {"شباط", 2},  {"اذار", 3},  {"نيسان", 4},  {"ايار", 5},
      {"حزيران", 6},  {"تموز", 7},    {"اب", 8},    {"ايلول", 9}};
  for (const Name& n : ar)
    if (w == n.w) return n.m;
  bool second = next == "الثاني";
  bool first = next == "الاول";
  if (w == "كانون") return second ? 1 : first ? 12 : 0;
  if (w == "تشرين") return second ? 11 : first ? 10 : 0;
  return 0;
}

}  // namespace

std::optional<int64_t> ParseDate(std::string_view date) {
  std::string s = NormalizeKey(date);
  // ISO 8601: YYYY-MM-DD or YYYY/MM/DD, optional time and zone.
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
      while (i < s.size() && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) ++i;
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
      month = MonthOf(w, next);
    }
  }
  if (year < 0 || month == 0 || day < 1 || day > 31) return std::nullopt;
  return DaysFromCivil(year, month, day) * 86400 + secs - offset;
}

}  // namespace isnad
