#include "reports/corpus_report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"
#include "base/csv.h"
#include "base/dates.h"
#include "reports/html_report.h"

namespace isnad {

// ---- Aggregation -----------------------------------------------------------------------

namespace {

struct Cited {
  std::string name, name_en;
  SourceKind kind = SourceKind::kUnspecified;
  int64_t citations = 0, articles = 0, last_article = -1;
  std::set<std::string> outlets;
};

void Cite(std::unordered_map<std::string, Cited>* m, const std::string& key,
          const std::string& name, const std::string& name_en, SourceKind kind, int64_t article,
          const std::string& outlet) {
  Cited& c = (*m)[key];
  // The names shown do not depend on the order of the articles (a store reads them in
  // another order than the files): the first in byte order among those written.
  if (c.citations == 0 || (!name.empty() && (c.name.empty() || name < c.name))) {
    c.name = name;
    c.kind = kind;
  }
  if (!name_en.empty() && (c.name_en.empty() || name_en < c.name_en)) c.name_en = name_en;
  ++c.citations;
  if (c.last_article != article) {
    ++c.articles;
    c.last_article = article;
  }
  c.outlets.insert(outlet);
}

std::vector<CitedStats> Top(const std::unordered_map<std::string, Cited>& m, size_t top) {
  std::vector<CitedStats> v;
  v.reserve(m.size());
  for (const auto& [k, c] : m)
    v.push_back({k, c.name, c.name_en, c.kind, c.citations, c.articles,
                 static_cast<int64_t>(c.outlets.size())});
  std::sort(v.begin(), v.end(), [](const CitedStats& a, const CitedStats& b) {
    if (a.citations != b.citations) return a.citations > b.citations;
    if (a.articles != b.articles) return a.articles > b.articles;
    return a.key < b.key;
  });
  if (v.size() > top) v.resize(top);
  return v;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

struct CorpusAggregator::Impl {
  CorpusOptions opt;
  std::map<std::string, std::pair<std::string, std::string>> country_names;  // ISO2 -> ar, en
  int64_t articles = 0, with_attr = 0, attributions = 0, anonymous = 0, via = 0, disputes = 0,
          undated = 0, with_country = 0;
  std::map<std::string, OutletStats> outlets;
  std::map<std::pair<std::string, std::string>, MonthStats> months;
  std::unordered_map<std::string, Cited> sources, states, cited_outlets;
  std::vector<int64_t> chains;
  struct Pair {
    std::string a, b;
    int64_t ab = 0, ba = 0, articles = 0, last = -1;
  };
  std::map<std::pair<std::string, std::string>, Pair> pairs;
  struct Contested {
    int64_t time;    // ParseDate, undated last
    std::string id;  // article id
    uint64_t seq;    // disputes added before it: orders those of one article
    ContestedClaim claim;
    bool operator<(const Contested& o) const {
      return std::tie(time, id, seq) < std::tie(o.time, o.id, o.seq);
    }
  };
  std::vector<Contested> contested;  // sorted, at most opt.top
  uint64_t contested_dropped = 0;
};

CorpusAggregator::CorpusAggregator(CorpusOptions opt) : impl_(std::make_unique<Impl>()) {
  impl_->opt = opt;
  if (impl_->opt.max_chain < 1) impl_->opt.max_chain = 1;
  impl_->chains.assign(impl_->opt.max_chain + 1, 0);
  if (opt.rules)
    for (const EntityInfo& e : opt.rules->entities())
      if (e.kind == SourceKind::kState && !e.country.empty())
        impl_->country_names.emplace(Upper(e.country), std::make_pair(e.name_ar, e.name_en));
}

CorpusAggregator::~CorpusAggregator() = default;

void CorpusAggregator::Add(const Analysis& a) {
  Impl& m = *impl_;
  const Document& d = a.doc;
  const int64_t art = m.articles++;
  const std::string& outlet = d.outlet;
  OutletStats& os = m.outlets[outlet];
  os.outlet = outlet;
  ++os.articles;
  std::string month = YearMonth(d.date);
  const int64_t time = ParseDate(d.date).value_or(INT64_MAX);
  // Month figures for all outlets together, and for the article's outlet when it is known.
  MonthStats* ms[2] = {nullptr, nullptr};
  if (month.empty()) {
    ++m.undated;
  } else {
    for (int k = 0; k < 2; ++k) {
      if (k == 1 && outlet.empty()) break;
      MonthStats& x = m.months[{k == 0 ? std::string("\x01") : outlet, month}];
      x.outlet = k == 0 ? std::string() : outlet;
      x.month = month;
      ++x.articles;
      ms[k] = &x;
    }
  }
  if (!a.attributions.empty()) ++m.with_attr;
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& t = a.attributions[i];
    const Source& s = t.source;
    ++m.attributions;
    ++os.attributions;
    size_t kind = std::min<size_t>(static_cast<size_t>(s.kind), kSourceKindCount - 1);
    ++os.kinds[kind];
    if (s.anonymous) {
      ++m.anonymous;
      ++os.anonymous;
    }
    if (!t.via.empty()) {
      ++m.via;
      ++os.via;
    }
    for (MonthStats* x : ms)
      if (x) {
        ++x->attributions;
        x->anonymous += s.anonymous;
      }
    ++m.chains[std::min(t.via.size(), m.opt.max_chain)];

    // Sources: by entity id, else by resolved name; agentless cues have no source. An
    // anonymous source's entity is its affiliation (a White House official: the United
    // States), so it is counted by its own wording instead.
    const std::string& written = !s.resolved.empty() ? s.resolved : s.text;
    bool by_entity = !s.entity.id.empty() && !(s.anonymous && s.entity.kind != s.kind);
    std::string name = by_entity && !s.entity.name_ar.empty() ? s.entity.name_ar : written;
    std::string key =
        by_entity      ? s.entity.id
        : name.empty() ? std::string()
                       : std::string("name:") + SourceKindName(s.kind) + ":" + NormalizeKey(name);
    if (!key.empty()) Cite(&m.sources, key, OneLine(name), s.entity.name_en, s.kind, art, outlet);

    // States: the source's country (a state speaking, or its people and institutions).
    std::string country = Upper(!s.country.empty() ? s.country : s.entity.country);
    if (!country.empty()) {
      ++m.with_country;
      std::string cname = country, cname_en;
      if (auto it = m.country_names.find(country); it != m.country_names.end()) {
        cname = it->second.first;
        cname_en = it->second.second;
      } else if (s.entity.kind == SourceKind::kState && !s.entity.name_ar.empty()) {
        cname = s.entity.name_ar;
        cname_en = s.entity.name_en;
      }
      Cite(&m.states, country, cname, cname_en, SourceKind::kState, art, outlet);
    }

    // Outlets cited: named outlets as sources, and every named intermediary.
    std::set<std::string> seen;
    if (s.kind == SourceKind::kOutlet && !s.anonymous && by_entity) {
      seen.insert(key);
      Cite(&m.cited_outlets, key, OneLine(name), s.entity.name_en, SourceKind::kOutlet, art,
           outlet);
    }
    for (const std::string& v : t.via) {
      std::string vk = "name:" + NormalizeKey(v), vname = OneLine(v), ven;
      bool anonymous = false;
      for (const Attribution& u : a.attributions) {
        const Source& us = u.source;
        std::string nv = NormalizeKey(v);
        if (nv.empty() || (nv != NormalizeKey(us.resolved) && nv != NormalizeKey(us.text)))
          continue;
        anonymous = us.anonymous;
        if (!us.entity.id.empty()) {
          vk = us.entity.id;
          vname = OneLine(us.entity.name_ar.empty() ? v : us.entity.name_ar);
          ven = us.entity.name_en;
        }
        break;
      }
      if (anonymous || NormalizeKey(v).empty() || !seen.insert(vk).second) continue;
      Cite(&m.cited_outlets, vk, vname, ven, SourceKind::kOutlet, art, outlet);
    }
  }
  // Disputes.
  for (const Dispute& ds : a.disputes) {
    ++m.disputes;
    ++os.disputes;
    std::string by = ds.by.empty() ? "(غير مسمّى)" : OneLine(ds.by);
    std::string against = ds.against.empty() ? "(غير مسمّى)" : OneLine(ds.against);
    std::string kb = !ds.by_entity.empty() ? ds.by_entity : "name:" + NormalizeKey(by);
    std::string ka =
        !ds.against_entity.empty() ? ds.against_entity : "name:" + NormalizeKey(against);
    bool forward = kb <= ka;
    auto& p = m.pairs[forward ? std::make_pair(kb, ka) : std::make_pair(ka, kb)];
    const std::string& na = forward ? by : against;
    const std::string& nb = forward ? against : by;
    if (p.a.empty() || na < p.a) p.a = na;  // order-independent, as Cite's names
    if (p.b.empty() || nb < p.b) p.b = nb;
    (forward ? p.ab : p.ba) += 1;
    if (p.last != art) {
      ++p.articles;
      p.last = art;
    }
    // The earliest `top` disputes (by date, article id, position), whatever the order in
    // which the articles come.
    Impl::Contested k{time, d.id, m.contested.size() + m.contested_dropped, {}};
    if (m.contested.size() < m.opt.top || k < m.contested.back()) {
      k.claim = ContestedClaim{d.id, d.outlet, d.date, ds.by, ds.against, ds.about, ""};
      for (int t : ds.targets)
        if (t >= 0 && static_cast<size_t>(t) < a.attributions.size()) {
          k.claim.claim = a.attributions[t].content_text;
          break;
        }
      m.contested.insert(std::upper_bound(m.contested.begin(), m.contested.end(), k), std::move(k));
      if (m.contested.size() > m.opt.top) {
        m.contested.pop_back();
        ++m.contested_dropped;
      }
    } else {
      ++m.contested_dropped;
    }
  }
}

CorpusStats CorpusAggregator::Finish() const {
  const Impl& m = *impl_;
  CorpusStats s;
  s.articles = m.articles;
  s.unreadable = unreadable_;
  s.articles_with_attributions = m.with_attr;
  s.attributions = m.attributions;
  s.anonymous = m.anonymous;
  s.via = m.via;
  s.disputes = m.disputes;
  s.undated = m.undated;
  for (const auto& [k, o] : m.outlets) s.outlets.push_back(o);
  std::stable_sort(
      s.outlets.begin(), s.outlets.end(),
      [](const OutletStats& a, const OutletStats& b) { return a.articles > b.articles; });
  for (const auto& [k, x] : m.months) s.months.push_back(x);  // "\x01" (all) sorts first
  s.sources = Top(m.sources, m.opt.top);
  s.distinct_sources = static_cast<int64_t>(m.sources.size());
  s.states = Top(m.states, m.opt.top);
  s.distinct_states = static_cast<int64_t>(m.states.size());
  s.attributions_with_country = m.with_country;
  s.cited_outlets = Top(m.cited_outlets, m.opt.top);
  s.distinct_cited_outlets = static_cast<int64_t>(m.cited_outlets.size());
  s.chain_lengths = m.chains;
  for (const auto& [k, p] : m.pairs) s.dispute_pairs.push_back({p.a, p.b, p.ab, p.ba, p.articles});
  std::stable_sort(
      s.dispute_pairs.begin(), s.dispute_pairs.end(),
      [](const DisputePairStats& a, const DisputePairStats& b) { return a.total() > b.total(); });
  s.distinct_dispute_pairs = static_cast<int64_t>(s.dispute_pairs.size());
  if (s.dispute_pairs.size() > m.opt.top) s.dispute_pairs.resize(m.opt.top);
  for (const Impl::Contested& c : m.contested) s.contested.push_back(c.claim);
  return s;
}

// ---- Rendering helpers -----------------------------------------------------------------

namespace {

constexpr SourceKind kKinds[] = {SourceKind::kPerson,      SourceKind::kOfficial,
                                 SourceKind::kAnonymous,   SourceKind::kState,
                                 SourceKind::kInstitution, SourceKind::kOutlet,
                                 SourceKind::kDocument,    SourceKind::kUnspecified};

// Okabe-Ito, for series that are not source kinds.
constexpr const char* kSeries[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                   "#E69F00", "#56B4E9", "#7f5f00", "#5a5a5a"};

std::string Esc(std::string_view s) { return HtmlEscape(s); }

std::string PctNum(int64_t n, int64_t d, int digits = 1) {
  if (d <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f%%", digits,
                100.0 * static_cast<double>(n) / static_cast<double>(d));
  return buf;
}

// "n / d (p%)": every share with its denominator.
std::string Share(int64_t n, int64_t d) {
  return std::to_string(n) + " / " + std::to_string(d) + " (" + PctNum(n, d) + ")";
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string OutletLabel(const std::string& o) { return o.empty() ? "(غير معروف)" : o; }

const char* ChainLabel(size_t k, size_t last) {
  if (k == 0) return "بلا وسيط";
  if (k == last) return nullptr;
  if (k == 1) return "وسيط واحد";
  if (k == 2) return "وسيطان";
  return nullptr;
}

std::string ChainName(size_t k, size_t last) {
  const char* l = ChainLabel(k, last);
  if (l) return l;
  return std::to_string(k) + (k == last ? " وسطاء أو أكثر" : " وسطاء");
}

// A horizontal bar chart, bars growing leftwards from the labels on the right.
struct Bar {
  std::string label;  // shown on the right
  double value = 0;
  std::string text;  // shown at the bar's end ("23 / 140 (16.4%)")
  std::string color;
  std::string tip;
};

std::string HBarChart(const std::string& id, const std::string& title, const std::vector<Bar>& bars,
                      double max_value) {
  const int w = 720, label_w = 200, text_w = 170, row = 26, top = 8;
  const int h = top * 2 + row * static_cast<int>(bars.size());
  const int x0 = w - label_w - 8, span = x0 - text_w;
  std::ostringstream o;
  o << "<svg class=\"chart\" id=\"" << id << "\" role=\"img\" aria-labelledby=\"" << id
    << "-t\" viewBox=\"0 0 " << w << " " << h << "\" width=\"" << w << "\" height=\"" << h
    << "\" xmlns=\"http://www.w3.org/2000/svg\" style=\"direction:ltr\"><title id=\"" << id
    << "-t\">" << Esc(title) << "</title>";
  o << "<line x1=\"" << x0 << "\" y1=\"" << top - 4 << "\" x2=\"" << x0 << "\" y2=\"" << h - top + 4
    << "\" stroke=\"#111827\" stroke-width=\"1\"/>";
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    int y = top + row * static_cast<int>(i);
    double len = max_value > 0 ? span * b.value / max_value : 0;
    if (b.value > 0 && len < 2) len = 2;
    o << "<g class=\"bar\"><title>" << Esc(b.tip.empty() ? b.label + ": " + b.text : b.tip)
      << "</title><rect x=\"" << Num(x0 - len) << "\" y=\"" << y + 4 << "\" width=\"" << Num(len)
      << "\" height=\"" << row - 8 << "\" fill=\"" << b.color << "\"/>"
      << "<text x=\"" << w - 4 << "\" y=\"" << y + row / 2 + 5
      << "\" direction=\"rtl\" text-anchor=\"start\" font-size=\"13\" fill=\"#111827\">"
      << Esc(OneLine(b.label, 30)) << "</text>"
      << "<text x=\"" << Num(x0 - len - 6) << "\" y=\"" << y + row / 2 + 5
      << "\" direction=\"ltr\" text-anchor=\"end\" font-size=\"12\" fill=\"#374151\">"
      << Esc(b.text) << "</text></g>";
  }
  o << "</svg>";
  return o.str();
}

// 100% stacked horizontal bars: one row per outlet, one segment per source kind.
std::string StackedKinds(const std::vector<OutletStats>& outlets) {
  const int w = 720, label_w = 200, row = 28, top = 8;
  const int h = top * 2 + row * static_cast<int>(outlets.size());
  const int x0 = w - label_w - 8, span = x0 - 10;
  std::ostringstream o;
  o << "<svg class=\"chart\" id=\"chart-kinds\" role=\"img\" aria-labelledby=\"chart-kinds-t\" "
       "viewBox=\"0 0 "
    << w << " " << h << "\" width=\"" << w << "\" height=\"" << h
    << "\" xmlns=\"http://www.w3.org/2000/svg\" style=\"direction:ltr\"><title "
       "id=\"chart-kinds-t\">أنواع المصادر لكل وسيلة (نسبة من إسناداتها)</title>";
  for (size_t i = 0; i < outlets.size(); ++i) {
    const OutletStats& os = outlets[i];
    int y = top + row * static_cast<int>(i);
    o << "<text x=\"" << w - 4 << "\" y=\"" << y + row / 2 + 5
      << "\" direction=\"rtl\" text-anchor=\"start\" font-size=\"13\" fill=\"#111827\">"
      << Esc(OneLine(OutletLabel(os.outlet), 30)) << "</text>";
    double x = x0;
    for (SourceKind k : kKinds) {
      int64_t n = os.kinds[static_cast<size_t>(k)];
      if (n <= 0 || os.attributions <= 0) continue;
      double len = span * static_cast<double>(n) / static_cast<double>(os.attributions);
      x -= len;
      o << "<rect class=\"seg k-" << SourceKindName(k) << "\" x=\"" << Num(x) << "\" y=\"" << y + 4
        << "\" width=\"" << Num(len) << "\" height=\"" << row - 8 << "\" fill=\""
        << SourceKindColor(k) << "\" stroke=\"#fff\" stroke-width=\"1\"><title>"
        << Esc(OutletLabel(os.outlet)) << " — " << SourceKindLabelAr(k) << ": "
        << Share(n, os.attributions) << "</title></rect>";
    }
    if (os.attributions <= 0)
      o << "<text x=\"" << x0 - 6 << "\" y=\"" << y + row / 2 + 5
        << "\" direction=\"rtl\" text-anchor=\"start\" font-size=\"12\" fill=\"#4b5563\">لا "
           "إسنادات</text>";
  }
  o << "</svg>";
  return o.str();
}

// Anonymous share per month: one line per series, time running right to left.
struct Series {
  std::string name;
  std::string color;
  bool total = false;
  std::map<std::string, std::pair<int64_t, int64_t>> points;  // month -> anonymous, attributions
};

std::string LineChart(const std::vector<std::string>& months, const std::vector<Series>& series) {
  const int w = 760, h = 320, left = 56, right = 140, top = 16, bottom = 48;
  const int pw = w - left - right, ph = h - top - bottom;
  std::ostringstream o;
  o << "<svg class=\"chart\" id=\"chart-months\" role=\"img\" aria-labelledby=\"chart-months-t\" "
       "viewBox=\"0 0 "
    << w << " " << h << "\" width=\"" << w << "\" height=\"" << h
    << "\" xmlns=\"http://www.w3.org/2000/svg\" style=\"direction:ltr\"><title "
       "id=\"chart-months-t\">نسبة الإسنادات إلى مصادر مجهولة شهريًا</title>";
  // The plot sits between x = right (oldest month on the right edge of the plot) and left.
  const int px0 = right, py0 = top;
  auto xpos = [&](size_t i) {
    if (months.size() <= 1) return static_cast<double>(px0 + pw / 2);
    return static_cast<double>(px0 + pw) - pw * static_cast<double>(i) / (months.size() - 1);
  };
  auto ypos = [&](double share) { return py0 + ph - ph * share; };
  for (int g = 0; g <= 4; ++g) {
    double y = ypos(g / 4.0);
    o << "<line x1=\"" << px0 << "\" y1=\"" << Num(y) << "\" x2=\"" << px0 + pw << "\" y2=\""
      << Num(y) << "\" stroke=\"" << (g == 0 ? "#111827" : "#e5e7eb") << "\"/>"
      << "<text x=\"" << px0 + pw + 6 << "\" y=\"" << Num(y + 4)
      << "\" direction=\"ltr\" text-anchor=\"start\" font-size=\"11\" fill=\"#374151\">" << g * 25
      << "%</text>";
  }
  size_t step = std::max<size_t>(1, (months.size() + 11) / 12);
  for (size_t i = 0; i < months.size(); i += step)
    o << "<text x=\"" << Num(xpos(i)) << "\" y=\"" << py0 + ph + 18
      << "\" direction=\"ltr\" text-anchor=\"middle\" font-size=\"11\" fill=\"#374151\">"
      << Esc(months[i]) << "</text>";
  for (const Series& s : series) {
    std::string d;
    std::ostringstream dots;
    double lx = -1, ly = -1;
    for (size_t i = 0; i < months.size(); ++i) {
      auto it = s.points.find(months[i]);
      if (it == s.points.end() || it->second.second <= 0) continue;
      double share = static_cast<double>(it->second.first) / static_cast<double>(it->second.second);
      double x = xpos(i), y = ypos(share);
      d += (d.empty() ? "M" : " L") + Num(x) + " " + Num(y);
      dots << "<circle cx=\"" << Num(x) << "\" cy=\"" << Num(y) << "\" r=\"" << (s.total ? 4 : 3)
           << "\" fill=\"" << s.color << "\"><title>" << Esc(s.name) << " " << Esc(months[i])
           << ": " << Share(it->second.first, it->second.second) << "</title></circle>";
      lx = x;
      ly = y;
    }
    if (d.empty()) continue;
    o << "<g class=\"series\" data-series=\"" << Esc(s.name) << "\"><path d=\"" << d
      << "\" fill=\"none\" stroke=\"" << s.color << "\" stroke-width=\"" << (s.total ? 3 : 2)
      << "\"" << (s.total ? " stroke-dasharray=\"6 4\"" : "") << "/>" << dots.str();
    // Direct label at the newest point.
    o << "<text x=\"" << Num(lx - 6) << "\" y=\"" << Num(ly + 4)
      << "\" direction=\"rtl\" text-anchor=\"end\" font-size=\"11\" fill=\"" << s.color << "\">"
      << Esc(OneLine(s.name, 20)) << "</text></g>";
  }
  o << "</svg>";
  return o.str();
}

constexpr char kCss[] = R"css(
:root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--soft:#f9fafb;--accent:#1e3a8a;--focus:#f59e0b}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;line-height:1.6;
font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Segoe UI","Tahoma","DejaVu Sans",sans-serif}
a{color:var(--accent)}
a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;inset-inline-start:-9999px}.skip:focus{inset-inline-start:1rem;background:#fff;padding:.5rem}
header.top{padding:1.25rem 2rem 1rem;border-bottom:4px solid var(--ink);background:var(--soft)}
.kicker{margin:0;color:var(--muted);font-size:.85rem}
h1{margin:.25rem 0 .5rem;font-size:1.7rem}
h2{font-size:1.2rem;margin:1.5rem 0 .6rem;padding-bottom:.3rem;border-bottom:2px solid var(--ink)}
h3{font-size:1rem;margin:1.1rem 0 .4rem}
small,.en{font-weight:400;color:var(--muted);font-size:.8em}
.figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:.5rem 0;padding:0;list-style:none}
.figures li{border:1px solid var(--line);background:#fff;border-radius:6px;padding:.35rem .75rem;min-width:10rem}
.figures b{display:block;font-size:1.2rem}
.figures span{font-size:.8rem;color:var(--muted)}
nav.toc ol{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.75rem 0 0;list-style:none;font-size:.9rem}
main{padding:0 2rem 2rem;max-width:1200px}
figure{margin:.5rem 0 1rem}
figcaption{font-size:.85rem;color:var(--muted)}
svg.chart{max-width:100%;height:auto;display:block;font-family:inherit}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;margin:.3rem 0;list-style:none;font-size:.85rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:-.1rem;margin-inline-end:.3rem}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
thead th{background:var(--ink);color:#fff;font-weight:600}
thead th small{color:#d1d5db}
tbody tr:nth-child(even){background:var(--soft)}
td.n{font-variant-numeric:tabular-nums;white-space:nowrap;direction:ltr;text-align:end;unicode-bidi:isolate}
.muted{color:var(--muted)}
.mono{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem;direction:ltr;unicode-bidi:isolate}
.chip{display:inline-block;padding:0 .35em;border-radius:3px;color:#fff;font-size:.8rem;white-space:nowrap}
footer{padding:1rem 2rem 2rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line)}
@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}.skip,nav.toc{display:none}
header.top{background:none}main{padding:0}figure,tr{break-inside:avoid}h2,h3{break-after:avoid}
.table-wrap{overflow:visible;border:0}a{color:inherit;text-decoration:none}}
)css";

// The months of the report: every month between the first and the last (so gaps show),
// unless they span more than three years; then only the months that have articles.
std::vector<std::string> AllMonths(const CorpusStats& s) {
  std::set<std::string> m;
  for (const MonthStats& x : s.months) m.insert(x.month);
  if (m.size() < 2) return {m.begin(), m.end()};
  auto index = [](const std::string& ym) {
    return std::stoi(ym.substr(0, 4)) * 12 + std::stoi(ym.substr(5, 2)) - 1;
  };
  int first = index(*m.begin()), last = index(*m.rbegin());
  if (last - first > 36) return {m.begin(), m.end()};
  std::vector<std::string> all;
  for (int i = first; i <= last; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", i / 12, i % 12 + 1);
    all.push_back(buf);
  }
  return all;
}

std::string KindChip(SourceKind k) {
  return std::string("<span class=\"chip\" style=\"background:") + SourceKindColor(k) + "\">" +
         SourceKindLabelAr(k) + "</span>";
}

// The outlets drawn in the monthly chart: the most attributions first.
std::vector<const OutletStats*> SeriesOutlets(const CorpusStats& s, size_t max) {
  std::vector<const OutletStats*> v;
  for (const OutletStats& o : s.outlets) v.push_back(&o);
  std::stable_sort(v.begin(), v.end(), [](const OutletStats* a, const OutletStats* b) {
    return a->attributions > b->attributions;
  });
  if (v.size() > max) v.resize(max);
  return v;
}

void CitedTable(std::ostream& o, const std::vector<CitedStats>& list, int64_t denom,
                const char* denom_label, bool show_kind) {
  o << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">#</th><th "
       "scope=\"col\">الاسم <small>name</small></th>";
  if (show_kind) o << "<th scope=\"col\">النوع <small>kind</small></th>";
  o << "<th scope=\"col\">استشهادات / " << denom_label << " <small>citations</small></th>"
    << "<th scope=\"col\">مقالات <small>articles</small></th><th scope=\"col\">وسائل "
       "<small>outlets</small></th></tr></thead><tbody>\n";
  for (size_t i = 0; i < list.size(); ++i) {
    const CitedStats& c = list[i];
    o << "<tr><td class=\"n\">" << i + 1 << "</td><td>" << Esc(OneLine(c.name, 80));
    if (!c.name_en.empty())
      o << " <span class=\"en\" lang=\"en\" dir=\"ltr\">" << Esc(OneLine(c.name_en, 60))
        << "</span>";
    o << "</td>";
    if (show_kind) o << "<td>" << KindChip(c.kind) << "</td>";
    o << "<td class=\"n\">" << Share(c.citations, denom) << "</td><td class=\"n\">" << c.articles
      << "</td><td class=\"n\">" << c.outlets << "</td></tr>\n";
  }
  if (list.empty()) o << "<tr><td colspan=\"6\" class=\"muted\">لا شيء.</td></tr>\n";
  o << "</tbody></table></div>\n";
}

std::vector<Bar> CitedBars(const std::vector<CitedStats>& list, int64_t denom, bool by_kind,
                           const char* color) {
  std::vector<Bar> bars;
  for (const CitedStats& c : list)
    bars.push_back({c.name, static_cast<double>(c.citations), Share(c.citations, denom),
                    by_kind ? SourceKindColor(c.kind) : color,
                    OneLine(c.name) + ": " + Share(c.citations, denom)});
  return bars;
}

double MaxValue(const std::vector<Bar>& bars) {
  double m = 0;
  for (const Bar& b : bars) m = std::max(m, b.value);
  return m;
}

}  // namespace

// ---- HTML --------------------------------------------------------------------------------

void WriteCorpusHtml(const CorpusStats& s, const CorpusReportOptions& opt, std::ostream& o) {
  std::string title = s.title.empty() ? "تقرير المدوّنة: من يُسنَد إليه الكلام" : s.title;
  o << "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
       "'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
    << "<meta name=\"generator\" content=\"isnad\">\n<title>" << Esc(OneLine(title, 120))
    << " — إسناد</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n"
    << "<a class=\"skip\" href=\"#outlets\">انتقل إلى المحتوى</a>\n"
    << "<header class=\"top\">\n<p class=\"kicker\">إسناد · تقرير المدوّنة <span class=\"en\" "
       "lang=\"en\" dir=\"ltr\">isnad · corpus report</span></p>\n<h1>"
    << Esc(OneLine(title)) << "</h1>\n<ul class=\"figures\" aria-label=\"أرقام المدوّنة\">\n";
  auto fig = [&](const std::string& value, const char* ar, const char* en) {
    o << "<li><b>" << value << "</b><span>" << ar << " <span class=\"en\" lang=\"en\">" << en
      << "</span></span></li>\n";
  };
  fig(std::to_string(s.articles), "مقالًا مقروءًا", "articles");
  if (s.unreadable) fig(std::to_string(s.unreadable), "مدخلًا تعذّرت قراءته", "unreadable inputs");
  fig(std::to_string(s.outlets.size()), "وسيلة إعلام", "outlets");
  fig(std::to_string(s.attributions), "إسنادًا", "attributions");
  fig(Share(s.articles_with_attributions, s.articles), "مقالات فيها إسناد",
      "articles with attributions");
  fig(Share(s.anonymous, s.attributions), "إسنادات إلى مصادر مجهولة", "anonymous");
  fig(Share(s.via, s.attributions), "منقولة عبر وسيط", "through an intermediary");
  fig(std::to_string(s.disputes), "خلافًا صريحًا", "disputes");
  o << "</ul>\n<nav class=\"toc\" aria-label=\"المحتويات\"><ol>"
    << "<li><a href=\"#outlets\">الوسائل</a></li><li><a href=\"#kinds\">أنواع المصادر</a></li>"
    << "<li><a href=\"#months\">المجهول شهريًا</a></li><li><a href=\"#cited\">الأكثر "
       "استشهادًا</a></li><li><a href=\"#chains\">سلاسل النقل</a></li><li><a "
       "href=\"#disputes\">الخلافات</a></li><li><a href=\"#method\">المنهج</a></li></ol></nav>\n"
    << "</header>\n<main>\n";

  // Outlets.
  o << "<section id=\"outlets\" aria-labelledby=\"h-outlets\"><h2 id=\"h-outlets\">المقالات "
       "والإسنادات لكل وسيلة <small>articles and attributions per outlet</small></h2>\n";
  {
    std::vector<Bar> bars;
    double max_share = 0;
    for (const OutletStats& os : s.outlets) {
      double share = os.attributions ? static_cast<double>(os.anonymous) / os.attributions : 0;
      max_share = std::max(max_share, share);
      bars.push_back(
          {OutletLabel(os.outlet), share, Share(os.anonymous, os.attributions), "#b91c1c", ""});
    }
    o << "<figure>"
      << HBarChart("chart-anon-outlet", "نسبة الإسنادات إلى مصادر مجهولة لكل وسيلة", bars,
                   std::max(max_share, 0.25))
      << "<figcaption>نسبة الإسنادات إلى مصادر مجهولة من مجموع إسنادات كل وسيلة (العدد / "
         "المقام).</figcaption></figure>\n";
    o << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">الوسيلة "
         "<small>outlet</small></th><th scope=\"col\">المقالات <small>articles</small></th><th "
         "scope=\"col\">الإسنادات <small>attributions</small></th><th scope=\"col\">لكل مقال "
         "<small>per article</small></th><th scope=\"col\">مجهولة / الإسنادات "
         "<small>anonymous</small></th><th scope=\"col\">عبر وسيط / الإسنادات "
         "<small>via</small></th><th scope=\"col\">خلافات <small>disputes</small></th></tr>"
         "</thead><tbody>\n";
    for (const OutletStats& os : s.outlets)
      o << "<tr><th scope=\"row\">" << Esc(OneLine(OutletLabel(os.outlet), 60))
        << "</th><td class=\"n\">" << os.articles << "</td><td class=\"n\">" << os.attributions
        << "</td><td class=\"n\">"
        << (os.articles ? Num(static_cast<double>(os.attributions) / os.articles) : "—")
        << "</td><td class=\"n\">" << Share(os.anonymous, os.attributions)
        << "</td><td class=\"n\">" << Share(os.via, os.attributions) << "</td><td class=\"n\">"
        << os.disputes << "</td></tr>\n";
    o << "<tr><th scope=\"row\">المجموع</th><td class=\"n\">" << s.articles
      << "</td><td class=\"n\">" << s.attributions << "</td><td class=\"n\">"
      << (s.articles ? Num(static_cast<double>(s.attributions) / s.articles) : "—")
      << "</td><td class=\"n\">" << Share(s.anonymous, s.attributions) << "</td><td class=\"n\">"
      << Share(s.via, s.attributions) << "</td><td class=\"n\">" << s.disputes << "</td></tr>\n";
    o << "</tbody></table></div>\n</section>\n";
  }

  // Kinds per outlet.
  o << "<section id=\"kinds\" aria-labelledby=\"h-kinds\"><h2 id=\"h-kinds\">أنواع المصادر لكل "
       "وسيلة <small>source kinds per outlet</small></h2>\n<figure>"
    << StackedKinds(s.outlets) << "<figcaption><ul class=\"legend\">";
  for (SourceKind k : kKinds)
    o << "<li><i style=\"background:" << SourceKindColor(k) << "\"></i>" << SourceKindLabelAr(k)
      << " <span class=\"en\" lang=\"en\">" << SourceKindName(k) << "</span></li>";
  o << "</ul>حصة كل نوع من إسنادات الوسيلة.</figcaption></figure>\n"
    << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">الوسيلة</th>";
  for (SourceKind k : kKinds)
    o << "<th scope=\"col\">" << SourceKindLabelAr(k) << " <small>" << SourceKindName(k)
      << "</small></th>";
  o << "</tr></thead><tbody>\n";
  for (const OutletStats& os : s.outlets) {
    o << "<tr><th scope=\"row\">" << Esc(OneLine(OutletLabel(os.outlet), 60)) << "</th>";
    for (SourceKind k : kKinds)
      o << "<td class=\"n\">" << Share(os.kinds[static_cast<size_t>(k)], os.attributions)
        << "</td>";
    o << "</tr>\n";
  }
  o << "</tbody></table></div>\n</section>\n";

  // Months.
  std::vector<std::string> months = AllMonths(s);
  o << "<section id=\"months\" aria-labelledby=\"h-months\"><h2 id=\"h-months\">نسبة المصادر "
       "المجهولة شهريًا <small>anonymous share per month</small></h2>\n";
  if (months.empty()) {
    o << "<p class=\"muted\">لا تواريخ مقروءة في المقالات.</p>\n";
  } else {
    std::vector<Series> series;
    Series all{"كل الوسائل", "#111827", true, {}};
    for (const MonthStats& x : s.months)
      if (x.outlet.empty()) all.points[x.month] = {x.anonymous, x.attributions};
    std::vector<const OutletStats*> drawn = SeriesOutlets(s, opt.max_series);
    for (size_t i = 0; i < drawn.size(); ++i) {
      Series se{OutletLabel(drawn[i]->outlet), kSeries[i % std::size(kSeries)], false, {}};
      for (const MonthStats& x : s.months)
        if (!x.outlet.empty() && x.outlet == drawn[i]->outlet)
          se.points[x.month] = {x.anonymous, x.attributions};
      series.push_back(std::move(se));
    }
    series.push_back(all);
    o << "<figure>" << LineChart(months, series) << "<figcaption><ul class=\"legend\">";
    for (const Series& se : series)
      o << "<li><i style=\"background:" << se.color << "\"></i>" << Esc(OneLine(se.name, 40))
        << "</li>";
    o << "</ul>الزمن من اليمين (الأقدم) إلى اليسار (الأحدث). كل نقطة: الإسنادات إلى مصادر "
         "مجهولة / كل إسنادات الشهر.";
    if (s.outlets.size() > drawn.size())
      o << " تظهر " << drawn.size() << " وسائل من " << s.outlets.size()
        << " (الأكثر إسنادات)؛ الجدول يضمّها كلها.";
    if (s.undated) o << " مقالات بلا تاريخ مقروء: " << s.undated << " من " << s.articles << ".";
    o << "</figcaption></figure>\n";
    // Table: months x outlets.
    o << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">الشهر</th><th "
         "scope=\"col\">كل الوسائل</th>";
    for (const OutletStats& os : s.outlets)
      o << "<th scope=\"col\">" << Esc(OneLine(OutletLabel(os.outlet), 30)) << "</th>";
    o << "</tr></thead><tbody>\n";
    std::map<std::pair<std::string, std::string>, const MonthStats*> idx;
    for (const MonthStats& x : s.months) idx[{x.outlet, x.month}] = &x;
    for (const std::string& mo : months) {
      o << "<tr><th scope=\"row\" class=\"mono\">" << Esc(mo) << "</th>";
      auto cell = [&](const std::string& outlet) {
        auto it = idx.find({outlet, mo});
        o << "<td class=\"n\">";
        if (it == idx.end())
          o << "—";
        else
          o << Share(it->second->anonymous, it->second->attributions);
        o << "</td>";
      };
      cell("");
      for (const OutletStats& os : s.outlets) {
        if (os.outlet.empty())
          o << "<td class=\"n\">—</td>";
        else
          cell(os.outlet);
      }
      o << "</tr>\n";
    }
    o << "</tbody></table></div>\n";
  }
  o << "</section>\n";

  // Most cited.
  o << "<section id=\"cited\" aria-labelledby=\"h-cited\"><h2 id=\"h-cited\">الأكثر استشهادًا "
       "<small>most cited</small></h2>\n";
  o << "<h3>المصادر <small>sources (" << s.sources.size() << " of " << s.distinct_sources
    << ")</small></h3>\n<figure>"
    << HBarChart("chart-sources", "المصادر الأكثر استشهادًا",
                 CitedBars(s.sources, s.attributions, true, ""),
                 MaxValue(CitedBars(s.sources, s.attributions, true, "")))
    << "<figcaption>استشهادات كل مصدر / كل الإسنادات (" << s.attributions
    << "). اللون نوع المصدر.</figcaption></figure>\n";
  CitedTable(o, s.sources, s.attributions, "كل الإسنادات", true);
  o << "<h3>الدول <small>states (" << s.states.size() << " of " << s.distinct_states
    << ")</small></h3>\n<figure>"
    << HBarChart("chart-states", "الدول الأكثر استشهادًا بأصواتها",
                 CitedBars(s.states, s.attributions_with_country, false, "#15803d"),
                 MaxValue(CitedBars(s.states, s.attributions_with_country, false, "#15803d")))
    << "<figcaption>إسنادات إلى الدولة أو إلى مسؤوليها ومؤسساتها / الإسنادات التي عُرف بلد "
       "مصدرها ("
    << s.attributions_with_country << ").</figcaption></figure>\n";
  CitedTable(o, s.states, s.attributions_with_country, "معروفة البلد", false);
  o << "<h3>وسائل الإعلام المستشهد بها <small>outlets cited (" << s.cited_outlets.size() << " of "
    << s.distinct_cited_outlets << ")</small></h3>\n<figure>"
    << HBarChart("chart-cited-outlets", "وسائل الإعلام الأكثر استشهادًا",
                 CitedBars(s.cited_outlets, s.attributions, false, "#c2410c"),
                 MaxValue(CitedBars(s.cited_outlets, s.attributions, false, "#c2410c")))
    << "<figcaption>إسنادات تُسمّي الوسيلة مصدرًا أو وسيطًا / كل الإسنادات (" << s.attributions
    << ").</figcaption></figure>\n";
  CitedTable(o, s.cited_outlets, s.attributions, "كل الإسنادات", false);
  o << "</section>\n";

  // Chains.
  o << "<section id=\"chains\" aria-labelledby=\"h-chains\"><h2 id=\"h-chains\">أطوال سلاسل "
       "النقل <small>chain lengths</small></h2>\n";
  {
    std::vector<Bar> bars;
    size_t last = s.chain_lengths.empty() ? 0 : s.chain_lengths.size() - 1;
    for (size_t k = 0; k < s.chain_lengths.size(); ++k)
      bars.push_back({ChainName(k, last), static_cast<double>(s.chain_lengths[k]),
                      Share(s.chain_lengths[k], s.attributions), k ? "#c2410c" : "#6b7280", ""});
    o << "<figure>" << HBarChart("chart-chains", "أطوال سلاسل النقل", bars, MaxValue(bars))
      << "<figcaption>عدد الوسطاء بين المصدر والمقال / كل الإسنادات.</figcaption></figure>\n";
    o << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">الوسطاء "
         "<small>intermediaries</small></th><th scope=\"col\">الإسنادات / الكل "
         "<small>attributions</small></th></tr></thead><tbody>\n";
    for (size_t k = 0; k < s.chain_lengths.size(); ++k)
      o << "<tr><th scope=\"row\">" << ChainName(k, last) << "</th><td class=\"n\">"
        << Share(s.chain_lengths[k], s.attributions) << "</td></tr>\n";
    o << "</tbody></table></div>\n";
  }
  o << "</section>\n";

  // Disputes.
  o << "<section id=\"disputes\" aria-labelledby=\"h-disputes\"><h2 id=\"h-disputes\">الخلافات "
       "والادعاءات المتنازع عليها <small>disputes and contested claims</small></h2>\n";
  if (s.disputes == 0) {
    o << "<p class=\"muted\">لم يرصد المحلل خلافًا صريحًا في هذه المقالات. <span class=\"en\" "
         "lang=\"en\">No explicit dispute found.</span></p>\n";
  } else {
    std::vector<Bar> bars;
    for (const DisputePairStats& p : s.dispute_pairs)
      bars.push_back({p.party_a + " ⇄ " + p.party_b, static_cast<double>(p.total()),
                      Share(p.total(), s.disputes), "#b91c1c", ""});
    o << "<h3>الأطراف الأكثر تنازعًا <small>pairs (" << s.dispute_pairs.size() << " of "
      << s.distinct_dispute_pairs << ")</small></h3><figure>"
      << HBarChart("chart-disputes", "الأطراف الأكثر تنازعًا", bars, MaxValue(bars))
      << "<figcaption>خلافات كل زوج / كل الخلافات (" << s.disputes
      << ").</figcaption></figure>\n<div class=\"table-wrap\"><table><thead><tr><th "
         "scope=\"col\">الطرف أ</th><th scope=\"col\">الطرف ب</th><th scope=\"col\">أ ينازع "
         "ب</th><th scope=\"col\">ب ينازع أ</th><th scope=\"col\">المجموع / كل الخلافات</th><th "
         "scope=\"col\">مقالات</th></tr></thead><tbody>\n";
    for (const DisputePairStats& p : s.dispute_pairs)
      o << "<tr><td>" << Esc(OneLine(p.party_a, 60)) << "</td><td>" << Esc(OneLine(p.party_b, 60))
        << "</td><td class=\"n\">" << p.a_disputes_b << "</td><td class=\"n\">" << p.b_disputes_a
        << "</td><td class=\"n\">" << Share(p.total(), s.disputes) << "</td><td class=\"n\">"
        << p.articles << "</td></tr>\n";
    o << "</tbody></table></div>\n<h3>ادعاءات متنازع عليها <small>contested claims ("
      << s.contested.size() << " of " << s.disputes << ")</small></h3>\n<ol>\n";
    for (const ContestedClaim& c : s.contested) {
      o << "<li><b>" << Esc(OneLine(c.by.empty() ? "(غير مسمّى)" : c.by, 60)) << "</b> ينازع <b>"
        << Esc(OneLine(c.against.empty() ? "(غير مسمّى)" : c.against, 60)) << "</b>";
      if (!c.about.empty()) o << " في «" << Esc(OneLine(c.about, 140)) << "»";
      if (!c.claim.empty())
        o << "<br><span class=\"muted\">الادعاء: «" << Esc(OneLine(c.claim, 200)) << "»</span>";
      o << "<br><span class=\"muted\">" << Esc(OneLine(OutletLabel(c.outlet), 40));
      if (!c.date.empty()) o << " · " << Esc(OneLine(c.date, 40));
      o << " · <span class=\"mono\">" << Esc(OneLine(c.article, 80)) << "</span></span></li>\n";
    }
    o << "</ol>\n";
  }
  o << "</section>\n";

  o << "<section id=\"method\" aria-labelledby=\"h-method\"><h2 id=\"h-method\">المنهج "
       "<small>method</small></h2>\n<ul>"
    << "<li>الإسناد: عبارة تنسب كلامًا إلى مصدر («قال»، «وفق ما أفادت»…)، يجدها المحلل "
       "بالقواعد المنشورة في <span class=\"mono\">rules/</span>؛ تُعدّ عبارات الاستئناف («وأضاف "
       "المصدر») إسنادات مستقلة.</li>"
    << "<li>المصدر المجهول: مسؤول أو مصدر غير مسمّى، أو وسيلة إعلام مبهمة، أو عبارة بلا "
       "فاعل.</li>"
    << "<li>كل نسبة معروضة مع بسطها ومقامها (العدد / المقام).</li>"
    << "<li>الشهر مأخوذ من تاريخ المقال؛ المقالات بلا تاريخ مقروء (" << s.undated
    << ") داخلة في المجاميع وخارج الرسم الشهري.</li>"
    << "<li lang=\"en\" dir=\"ltr\" class=\"en\">Counts are of attributions found by isnad's "
       "rules (machine output, not a manual annotation); every share is shown as numerator / "
       "denominator.</li></ul>\n</section>\n</main>\n<footer>";
  if (!opt.generator.empty()) o << "<span class=\"mono\">" << Esc(opt.generator) << "</span>";
  o << "</footer>\n</body>\n</html>\n";
}

// ---- Markdown ----------------------------------------------------------------------------

void WriteCorpusMarkdown(const CorpusStats& s, const CorpusReportOptions& opt, std::ostream& o) {
  std::string title = s.title.empty() ? "تقرير المدوّنة: من يُسنَد إليه الكلام" : s.title;
  auto md = [](const std::string& x) { return MarkdownCell(x); };
  o << "# " << md(title) << "\n\n";
  o << "- المقالات (articles): " << s.articles;
  if (s.unreadable) o << "؛ تعذّرت قراءة " << s.unreadable;
  o << "\n- الوسائل (outlets): " << s.outlets.size() << "\n"
    << "- الإسنادات (attributions): " << s.attributions
    << "؛ مقالات فيها إسناد: " << Share(s.articles_with_attributions, s.articles) << "\n"
    << "- مصادر مجهولة (anonymous): " << Share(s.anonymous, s.attributions) << "\n"
    << "- عبر وسيط (via): " << Share(s.via, s.attributions) << "\n"
    << "- خلافات (disputes): " << s.disputes << "\n\n";

  o << "## المقالات والإسنادات لكل وسيلة (per outlet)\n\n"
    << "| الوسيلة | المقالات | الإسنادات | لكل مقال | مجهولة / الإسنادات | عبر وسيط / الإسنادات | "
       "خلافات |\n|---|---:|---:|---:|---:|---:|---:|\n";
  for (const OutletStats& os : s.outlets)
    o << "| " << md(OutletLabel(os.outlet)) << " | " << os.articles << " | " << os.attributions
      << " | " << (os.articles ? Num(static_cast<double>(os.attributions) / os.articles) : "—")
      << " | " << Share(os.anonymous, os.attributions) << " | " << Share(os.via, os.attributions)
      << " | " << os.disputes << " |\n";
  o << "| **المجموع** | " << s.articles << " | " << s.attributions << " | "
    << (s.articles ? Num(static_cast<double>(s.attributions) / s.articles) : "—") << " | "
    << Share(s.anonymous, s.attributions) << " | " << Share(s.via, s.attributions) << " | "
    << s.disputes << " |\n\n";

  o << "## أنواع المصادر لكل وسيلة (source kinds per outlet)\n\n| الوسيلة |";
  for (SourceKind k : kKinds)
    o << " " << SourceKindLabelAr(k) << " (" << SourceKindName(k) << ") |";
  o << "\n|---|";
  for (size_t i = 0; i < std::size(kKinds); ++i) o << "---:|";
  o << "\n";
  for (const OutletStats& os : s.outlets) {
    o << "| " << md(OutletLabel(os.outlet)) << " |";
    for (SourceKind k : kKinds)
      o << " " << Share(os.kinds[static_cast<size_t>(k)], os.attributions) << " |";
    o << "\n";
  }
  o << "\n## نسبة المصادر المجهولة شهريًا (anonymous share per month)\n\n";
  std::vector<std::string> months = AllMonths(s);
  if (months.empty()) {
    o << "لا تواريخ مقروءة.\n\n";
  } else {
    o << "| الشهر | كل الوسائل |";
    for (const OutletStats& os : s.outlets) o << " " << md(OutletLabel(os.outlet)) << " |";
    o << "\n|---|---:|";
    for (size_t i = 0; i < s.outlets.size(); ++i) o << "---:|";
    o << "\n";
    std::map<std::pair<std::string, std::string>, const MonthStats*> idx;
    for (const MonthStats& x : s.months) idx[{x.outlet, x.month}] = &x;
    for (const std::string& mo : months) {
      o << "| " << mo << " |";
      auto cell = [&](const std::string& outlet) {
        auto it = idx.find({outlet, mo});
        o << " " << (it == idx.end() ? "—" : Share(it->second->anonymous, it->second->attributions))
          << " |";
      };
      cell("");
      for (const OutletStats& os : s.outlets) {
        if (os.outlet.empty())
          o << " — |";
        else
          cell(os.outlet);
      }
      o << "\n";
    }
    if (s.undated) o << "\nمقالات بلا تاريخ مقروء: " << s.undated << " من " << s.articles << ".\n";
    o << "\n";
  }
  auto cited = [&](const char* heading, const std::vector<CitedStats>& list, int64_t distinct,
                   int64_t denom, bool kind) {
    o << "### " << heading << " (" << list.size() << " of " << distinct << ")\n\n| # | الاسم |"
      << (kind ? " النوع |" : "") << " استشهادات / " << denom << " | مقالات | وسائل |\n|---:|---|"
      << (kind ? "---|" : "") << "---:|---:|---:|\n";
    for (size_t i = 0; i < list.size(); ++i) {
      const CitedStats& c = list[i];
      o << "| " << i + 1 << " | " << md(c.name)
        << (c.name_en.empty() ? "" : " (" + md(c.name_en) + ")") << " |"
        << (kind ? std::string(" ") + SourceKindLabelAr(c.kind) + " |" : "") << " "
        << Share(c.citations, denom) << " | " << c.articles << " | " << c.outlets << " |\n";
    }
    o << "\n";
  };
  o << "## الأكثر استشهادًا (most cited)\n\n";
  cited("المصادر (sources)", s.sources, s.distinct_sources, s.attributions, true);
  cited("الدول (states, of attributions with a known country)", s.states, s.distinct_states,
        s.attributions_with_country, false);
  cited("وسائل الإعلام المستشهد بها (outlets cited)", s.cited_outlets, s.distinct_cited_outlets,
        s.attributions, false);
  o << "## أطوال سلاسل النقل (chain lengths)\n\n| الوسطاء | الإسنادات / الكل |\n|---|---:|\n";
  size_t last = s.chain_lengths.empty() ? 0 : s.chain_lengths.size() - 1;
  for (size_t k = 0; k < s.chain_lengths.size(); ++k)
    o << "| " << ChainName(k, last) << " | " << Share(s.chain_lengths[k], s.attributions) << " |\n";
  o << "\n## الخلافات (disputes)\n\n";
  if (s.disputes == 0) {
    o << "لم يرصد المحلل خلافًا صريحًا. (No explicit dispute found.)\n";
  } else {
    o << "| الطرف أ | الطرف ب | أ ينازع ب | ب ينازع أ | المجموع / " << s.disputes
      << " | مقالات |\n|---|---|---:|---:|---:|---:|\n";
    for (const DisputePairStats& p : s.dispute_pairs)
      o << "| " << md(p.party_a) << " | " << md(p.party_b) << " | " << p.a_disputes_b << " | "
        << p.b_disputes_a << " | " << Share(p.total(), s.disputes) << " | " << p.articles << " |\n";
    o << "\n### ادعاءات متنازع عليها (contested claims, " << s.contested.size() << " of "
      << s.disputes << ")\n\n";
    for (size_t i = 0; i < s.contested.size(); ++i) {
      const ContestedClaim& c = s.contested[i];
      o << i + 1 << ". **" << md(c.by.empty() ? "(غير مسمّى)" : c.by) << "** ينازع **"
        << md(c.against.empty() ? "(غير مسمّى)" : c.against) << "**";
      if (!c.about.empty()) o << " في «" << md(c.about) << "»";
      o << " — " << md(OutletLabel(c.outlet)) << "، " << md(c.article) << "\n";
    }
  }
  if (!opt.generator.empty()) o << "\n---\n" << md(opt.generator) << "\n";
}

// ---- CSV -----------------------------------------------------------------------------------

std::vector<std::pair<std::string, std::string>> CorpusCsvFiles(const CorpusStats& s) {
  std::vector<std::pair<std::string, std::string>> files;
  auto f = [](const std::string& x) { return CsvText(x); };
  {
    std::ostringstream o;
    o << "metric,value,denominator\n"
      << "articles," << s.articles << ",\n"
      << "unreadable," << s.unreadable << ",\n"
      << "articles_with_attributions," << s.articles_with_attributions << "," << s.articles << "\n"
      << "attributions," << s.attributions << ",\n"
      << "anonymous," << s.anonymous << "," << s.attributions << "\n"
      << "via," << s.via << "," << s.attributions << "\n"
      << "disputes," << s.disputes << ",\n"
      << "undated_articles," << s.undated << "," << s.articles << "\n"
      << "distinct_sources," << s.distinct_sources << ",\n"
      << "distinct_states," << s.distinct_states << ",\n"
      << "distinct_cited_outlets," << s.distinct_cited_outlets << ",\n"
      << "distinct_dispute_pairs," << s.distinct_dispute_pairs << ",\n";
    files.emplace_back("summary.csv", o.str());
  }
  {
    std::ostringstream o;
    o << "outlet,articles,attributions,anonymous,via,disputes\n";
    for (const OutletStats& x : s.outlets)
      o << f(x.outlet) << "," << x.articles << "," << x.attributions << "," << x.anonymous << ","
        << x.via << "," << x.disputes << "\n";
    files.emplace_back("outlets.csv", o.str());
  }
  {
    std::ostringstream o;
    o << "outlet,kind,attributions,outlet_attributions\n";
    for (const OutletStats& x : s.outlets)
      for (SourceKind k : kKinds)
        o << f(x.outlet) << "," << SourceKindName(k) << "," << x.kinds[static_cast<size_t>(k)]
          << "," << x.attributions << "\n";
    files.emplace_back("outlet_kinds.csv", o.str());
  }
  {
    std::ostringstream o;
    o << "outlet,month,articles,attributions,anonymous\n";
    for (const MonthStats& x : s.months)
      o << (x.outlet.empty() ? "*" : f(x.outlet)) << "," << x.month << "," << x.articles << ","
        << x.attributions << "," << x.anonymous << "\n";
    files.emplace_back("months.csv", o.str());
  }
  auto cited = [&](const char* name, const std::vector<CitedStats>& list, int64_t denom) {
    std::ostringstream o;
    o << "rank,key,name,name_en,kind,citations,denominator,articles,outlets\n";
    for (size_t i = 0; i < list.size(); ++i) {
      const CitedStats& c = list[i];
      o << i + 1 << "," << f(c.key) << "," << f(c.name) << "," << f(c.name_en) << ","
        << SourceKindName(c.kind) << "," << c.citations << "," << denom << "," << c.articles << ","
        << c.outlets << "\n";
    }
    files.emplace_back(name, o.str());
  };
  cited("sources.csv", s.sources, s.attributions);
  cited("states.csv", s.states, s.attributions_with_country);
  cited("cited_outlets.csv", s.cited_outlets, s.attributions);
  {
    std::ostringstream o;
    o << "intermediaries,or_more,attributions,denominator\n";
    for (size_t k = 0; k < s.chain_lengths.size(); ++k)
      o << k << "," << (k + 1 == s.chain_lengths.size() && k > 0 ? "true" : "false") << ","
        << s.chain_lengths[k] << "," << s.attributions << "\n";
    files.emplace_back("chain_lengths.csv", o.str());
  }
  {
    std::ostringstream o;
    o << "party_a,party_b,a_disputes_b,b_disputes_a,total,denominator,articles\n";
    for (const DisputePairStats& p : s.dispute_pairs)
      o << f(p.party_a) << "," << f(p.party_b) << "," << p.a_disputes_b << "," << p.b_disputes_a
        << "," << p.total() << "," << s.disputes << "," << p.articles << "\n";
    files.emplace_back("dispute_pairs.csv", o.str());
  }
  {
    std::ostringstream o;
    o << "article,outlet,date,by,against,about,claim\n";
    for (const ContestedClaim& c : s.contested)
      o << f(c.article) << "," << f(c.outlet) << "," << f(c.date) << "," << f(c.by) << ","
        << f(c.against) << "," << f(c.about) << "," << f(c.claim) << "\n";
    files.emplace_back("contested.csv", o.str());
  }
  return files;
}

}  // namespace isnad
