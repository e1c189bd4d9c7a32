#include "store/search_query.h"

#include <algorithm>
#include <set>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"

namespace isnad {

namespace {

constexpr char32_t kAlef = 0x0627, kWaw = 0x0648, kYa = 0x064A, kWawHamza = 0x0624,
                   kYaHamza = 0x0626, kLam = 0x0644;

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    out.push_back(utf8::Decode(s, i, &len));
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) utf8::Append(c, &out);
  return out;
}

bool IsLongVowel(char32_t c) { return c == kAlef || c == kWaw || c == kYa; }

// Quotes a term for FTS5: inside "...", a '"' is written twice.
std::string Quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// Splits normalized text into words (runs of IsWordChar code points).
std::vector<std::string> Words(std::string_view norm) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < norm.size();) {
    int len = 1;
    char32_t c = utf8::Decode(norm, i, &len);
    if (IsWordChar(c)) {
      cur.append(norm.substr(i, static_cast<size_t>(len)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    i += static_cast<size_t>(len);
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool WordAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  int len = 1;
  return IsWordChar(utf8::Decode(s, i, &len));
}

bool WordBefore(std::string_view s, size_t i) {
  if (i == 0) return false;
  size_t b = i - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  return WordAt(s, b);
}

}  // namespace

std::string SearchForm(std::string_view text) {
  std::string n = Normalize(text).text;
  // Every code point that is not a word character becomes one space per byte, so that FTS5's
  // ascii tokenizer (which splits on ASCII non-alphanumerics only) sees the same words as
  // Words() and MakeSnippet.
  for (size_t i = 0; i < n.size();) {
    int len = 1;
    char32_t c = utf8::Decode(n, i, &len);
    if (!IsWordChar(c)) {
      for (int k = 0; k < len; ++k) n[i + static_cast<size_t>(k)] = ' ';
    }
    i += static_cast<size_t>(len);
  }
  return n;
}

std::vector<std::string> SpellingVariants(std::string_view normalized_word) {
  const std::u32string w = Decode(normalized_word);
  // Letters that may vary: those after the first letter of the stem (a leading ال is kept).
  size_t stem = (w.size() > 2 && w[0] == kAlef && w[1] == kLam) ? 2 : 0;
  if (w.size() - stem < 4) return {};
  std::set<std::u32string> out;
  const size_t first = stem + 1;  // the stem's first letter never changes
  // A long vowel moved by one place: مري <-> مير.
  for (size_t i = first; i + 1 < w.size(); ++i) {
    if (IsLongVowel(w[i]) != IsLongVowel(w[i + 1])) {
      std::u32string v = w;
      std::swap(v[i], v[i + 1]);
      out.insert(v);
    }
  }
  // A long vowel dropped inside the word (not the last letter).
  for (size_t i = first; i + 1 < w.size(); ++i) {
    if (IsLongVowel(w[i])) out.insert(w.substr(0, i) + w.substr(i + 1));
  }
  // A long vowel added inside the word, not next to another long vowel.
  for (size_t i = first; i < w.size(); ++i) {
    if (IsLongVowel(w[i - 1]) || IsLongVowel(w[i])) continue;
    for (char32_t c : {kAlef, kWaw, kYa}) {
      out.insert(w.substr(0, i) + c + w.substr(i));
    }
  }
  // Hamza seats.
  for (size_t i = first; i < w.size(); ++i) {
    std::vector<char32_t> alts;
    if (w[i] == kWawHamza) alts = {kWaw, kYaHamza};
    if (w[i] == kYaHamza) alts = {kYa, kWawHamza};
    if (w[i] == kWaw) alts = {kWawHamza};
    if (w[i] == kYa && i + 1 < w.size()) alts = {kYaHamza};
    for (char32_t alt : alts) {
      std::u32string v = w;
      v[i] = alt;
      out.insert(v);
    }
  }
  out.erase(w);
  std::vector<std::string> result;
  for (const std::u32string& v : out) result.push_back(Encode(v));
  return result;
}

Result<FtsQuery> BuildFtsQuery(std::string_view query, const FtsQueryOptions& opt) {
  // Split the raw query into phrases ("..."), OR, prefix words and words; then normalize.
  struct Item {
    enum Kind { kWord, kPrefix, kPhrase, kOr } kind;
    std::vector<std::string> words;
  };
  std::vector<Item> items;
  size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < query.size()) {
    if (is_space(query[i])) {
      ++i;
      continue;
    }
    if (query[i] == '"') {
      size_t e = query.find('"', i + 1);
      if (e == std::string_view::npos) e = query.size();
      std::vector<std::string> ws = Words(NormalizeKey(query.substr(i + 1, e - i - 1)));
      if (!ws.empty()) items.push_back({Item::kPhrase, std::move(ws)});
      i = e + 1;
      continue;
    }
    size_t e = i;
    while (e < query.size() && !is_space(query[e]) && query[e] != '"') ++e;
    std::string_view tok = query.substr(i, e - i);
    i = e;
    if (tok == "OR") {
      items.push_back({Item::kOr, {}});
      continue;
    }
    bool prefix = tok.size() > 1 && tok.back() == '*';
    std::vector<std::string> ws = Words(NormalizeKey(prefix ? tok.substr(0, tok.size() - 1) : tok));
    for (size_t k = 0; k < ws.size(); ++k) {
      bool p = prefix && k + 1 == ws.size();
      items.push_back({p ? Item::kPrefix : Item::kWord, {std::move(ws[k])}});
    }
  }
  FtsQuery q;
  std::vector<std::string> groups;  // ANDed
  bool pending_or = false;
  for (Item& it : items) {
    if (it.kind == Item::kOr) {
      pending_or = !groups.empty();
      continue;
    }
    std::string expr;
    if (it.kind == Item::kPhrase) {
      std::string phrase;
      for (const std::string& w : it.words) phrase += (phrase.empty() ? "" : " ") + w;
      expr = Quote(phrase);
      q.terms.push_back(phrase);
    } else if (it.kind == Item::kPrefix) {
      const std::string& w = it.words[0];
      std::vector<std::string> alts = {w};
      if (!opt.exact) {
        std::vector<std::string> v = SpellingVariants(w);
        alts.insert(alts.end(), v.begin(), v.end());
      }
      for (const std::string& a : alts) {
        expr += (expr.empty() ? "" : " OR ") + Quote(a) + "*";
        q.terms.push_back(a + "*");
      }
      if (alts.size() > 1) expr = "(" + expr + ")";
    } else {
      const std::string& w = it.words[0];
      std::vector<std::string> alts = {w};
      if (!opt.exact) {
        std::vector<std::string> v = SpellingVariants(w);
        alts.insert(alts.end(), v.begin(), v.end());
      }
      for (const std::string& a : alts) {
        expr += (expr.empty() ? "" : " OR ") + Quote(a);
        q.terms.push_back(a);
      }
      if (alts.size() > 1) expr = "(" + expr + ")";
    }
    if (pending_or) {
      groups.back() = "(" + groups.back() + " OR " + expr + ")";
      pending_or = false;
    } else {
      groups.push_back(std::move(expr));
    }
  }
  if (groups.empty()) {
    return Status(ErrorCode::kInvalidArgument,
                  "the search query has no word to look for: \"" + std::string(query) + "\"");
  }
  for (const std::string& g : groups) q.match += (q.match.empty() ? "" : " AND ") + g;
  return q;
}

Snippet MakeSnippet(std::string_view text, const std::vector<std::string>& terms, size_t width) {
  NormalizedText n = Normalize(text);
  const std::string& s = n.text;
  size_t best_b = std::string::npos, best_e = 0;
  for (const std::string& t : terms) {
    bool prefix = !t.empty() && t.back() == '*';
    std::string_view term = prefix ? std::string_view(t).substr(0, t.size() - 1) : t;
    if (term.empty()) continue;
    for (size_t p = s.find(term); p != std::string::npos && p < best_b; p = s.find(term, p + 1)) {
      size_t e = p + term.size();
      if (WordBefore(s, p) || (!prefix && WordAt(s, e))) continue;
      if (prefix) {
        while (WordAt(s, e)) {
          int len = 1;
          utf8::Decode(s, e, &len);
          e += static_cast<size_t>(len);
        }
      }
      best_b = p;
      best_e = e;
      break;
    }
  }
  auto fold = [](std::string_view v) {
    std::string out(v);
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    std::replace(out.begin(), out.end(), '\t', ' ');
    return out;
  };
  utf8::CodePointIndex cp(text);
  Snippet sn;
  if (best_b == std::string::npos) {
    size_t end = cp.ToByte(2 * width);
    sn.before = fold(text.substr(0, end));
    if (end < text.size()) sn.before += "…";
    return sn;
  }
  Span orig = n.ToOriginal(static_cast<uint32_t>(best_b), static_cast<uint32_t>(best_e));
  size_t cb = cp.ToCodePoint(orig.begin), ce = cp.ToCodePoint(orig.end);
  size_t from = cp.ToByte(cb > width ? cb - width : 0);
  size_t to = cp.ToByte(ce + width);
  sn.found = true;
  sn.before = (from > 0 ? "…" : "") + fold(text.substr(from, orig.begin - from));
  sn.match = fold(text.substr(orig.begin, orig.end - orig.begin));
  sn.after = fold(text.substr(orig.end, to - orig.end)) + (to < text.size() ? "…" : "");
  return sn;
}

}  // namespace isnad
