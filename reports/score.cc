#include "reports/score.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "analyzer/utf8.h"

namespace isnad {

using json = nlohmann::json;

namespace {

bool IsDiacritic(char32_t c) {
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640;
}

bool IsScorePunct(char32_t c) {
  static const std::u32string kP =
      U"\"'\u201c\u201d\u00ab\u00bb\u2018\u2019()[]\u060c,.:\u061b;!?\u061f-\u2013\u2014/";
  return kP.find(c) != std::u32string::npos;
}

// Python's str.isspace() for the characters that occur in text.
bool IsPySpace(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

std::set<std::u32string> NormTokens(const json& v) {
  std::set<std::u32string> out;
  if (!v.is_string()) return out;
  std::string s = v.get<std::string>();
  if (s.empty()) return out;
  std::u32string u;
  for (size_t i = 0; i < s.size();) {
    int len;
    char32_t c = utf8::Decode(s, i, &len);
    i += len;
    if (IsDiacritic(c)) continue;
    if (c == U'\u0623' || c == U'\u0625' || c == U'\u0622' || c == U'\u0671') c = U'\u0627';
    if (c == U'\u0629') c = U'\u0647';
    if (c == U'\u0649') c = U'\u064A';
    if (IsScorePunct(c)) c = ' ';
    u.push_back(c);
  }
  static const std::u32string kPre[] = {U"\u0648\u0627\u0644", U"\u0628\u0627\u0644",
                                        U"\u0644\u0644",       U"\u0641\u0627\u0644",
                                        U"\u0643\u0627\u0644", U"\u0627\u0644"};
  size_t i = 0;
  while (i < u.size()) {
    while (i < u.size() && IsPySpace(u[i])) ++i;
    size_t j = i;
    while (j < u.size() && !IsPySpace(u[j])) ++j;
    if (j > i) {
      std::u32string t = u.substr(i, j - i);
      for (const auto& pre : kPre)
        if (t.size() >= pre.size() && t.compare(0, pre.size(), pre) == 0 &&
            t.size() - pre.size() >= 2) {
          t = t.substr(pre.size());
          break;
        }
      for (char32_t& c : t)
        if (c >= 'A' && c <= 'Z') c += 32;
      out.insert(t);
    }
    i = j;
  }
  return out;
}

using SpanPair = std::pair<long, long>;

bool SpanOf(const json& x, SpanPair* out) {
  if (!x.is_object() || !x.contains("start") || !x.contains("end")) return false;
  *out = {x["start"].get<long>(), x["end"].get<long>()};
  return true;
}

long Overlap(const json& a, const json& b) {
  SpanPair x, y;
  if (!SpanOf(a, &x) || !SpanOf(b, &y)) return 0;
  return std::max(0L, std::min(x.second, y.second) - std::max(x.first, y.first));
}

double Jaccard(const json& a, const json& b) {
  SpanPair x, y;
  if (!SpanOf(a, &x) || !SpanOf(b, &y)) return 0.0;
  long inter = Overlap(a, b);
  long uni = (x.second - x.first) + (y.second - y.first) - inter;
  return uni ? static_cast<double>(inter) / static_cast<double>(uni) : 0.0;
}

const json& Get(const json& o, const char* k) {
  static const json kNull;
  if (!o.is_object()) return kNull;
  auto it = o.find(k);
  return it == o.end() ? kNull : *it;
}

bool Truthy(const json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) return !v.get<std::string>().empty();
  if (v.is_array() || v.is_object()) return !v.empty();
  if (v.is_number()) return v.get<double>() != 0;
  return true;
}

std::vector<std::pair<size_t, size_t>> Match(const std::vector<json>& gold,
                                             const std::vector<json>& pred) {
  std::vector<std::tuple<long, double, size_t, size_t>> pairs;
  for (size_t i = 0; i < gold.size(); ++i)
    for (size_t j = 0; j < pred.size(); ++j) {
      long o = Overlap(Get(gold[i], "cue"), Get(pred[j], "cue"));
      if (o > 0)
        pairs.emplace_back(o, Jaccard(Get(gold[i], "content"), Get(pred[j], "content")), i, j);
    }
  std::sort(pairs.begin(), pairs.end(), std::greater<>());
  std::set<size_t> ug, up;
  std::vector<std::pair<size_t, size_t>> out;
  for (auto& [o, jac, i, j] : pairs) {
    if (ug.count(i) || up.count(j)) continue;
    ug.insert(i);
    up.insert(j);
    out.emplace_back(i, j);
  }
  return out;
}

bool SourceOk(const json& g, const json& p) {
  const json& gs = Get(g, "source");
  const json& ps = Get(p, "source");
  SpanPair a, b;
  bool hg = SpanOf(gs, &a) && Truthy(gs), hp = SpanOf(ps, &b) && Truthy(ps);
  if (hg && hp) return Overlap(gs, ps) > 0;
  if (hg || hp)
    return Truthy(Get(g, "source_resolved")) &&
           SameName(Get(g, "source_resolved"), Get(p, "source_resolved"));
  if (Get(g, "source_resolved").is_null()) return Get(p, "source_resolved").is_null();
  return SameName(Get(g, "source_resolved"), Get(p, "source_resolved"));
}

bool ViaOk(const json& g, const json& p) {
  json gv = Truthy(Get(g, "via")) ? Get(g, "via") : json::array();
  json pv = Truthy(Get(p, "via")) ? Get(p, "via") : json::array();
  if (gv.size() != pv.size()) return false;
  for (size_t i = 0; i < gv.size(); ++i)
    if (!SameName(gv[i], pv[i])) return false;
  return true;
}

double Round4(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", x);
  return std::strtod(buf, nullptr);
}

Prf MakePrf(int tp, int n_pred, int n_gold) {
  double p = n_pred ? static_cast<double>(tp) / n_pred : 0.0;
  double r = n_gold ? static_cast<double>(tp) / n_gold : 0.0;
  double f = (p + r) != 0.0 ? 2 * p * r / (p + r) : 0.0;
  return Prf{Round4(p), Round4(r), Round4(f), tp, n_pred, n_gold};
}

json Brief(const json& a) {
  auto t = [](const json& x) -> json {
    return x.is_object() && x.contains("text") ? x["text"] : json(nullptr);
  };
  json content = t(Get(a, "content"));
  std::string c = content.is_string() ? content.get<std::string>() : "";
  // First 60 code points.
  size_t cps = 0, i = 0;
  while (i < c.size() && cps < 60) {
    int len;
    utf8::Decode(c, i, &len);
    i += len;
    ++cps;
  }
  return json{{"cue", t(Get(a, "cue"))},
              {"at", Get(Get(a, "cue"), "start")},
              {"source", t(Get(a, "source"))},
              {"resolved", Get(a, "source_resolved")},
              {"content", c.substr(0, i)}};
}

std::string PyStr(const json& v) {
  return v.is_string() ? "'" + v.get<std::string>() + "'" : "None";
}
std::string PlainStr(const json& v) { return v.is_string() ? v.get<std::string>() : "None"; }

}  // namespace

bool SameName(const json& a, const json& b) {
  auto ta = NormTokens(a), tb = NormTokens(b);
  if (ta.empty() || tb.empty()) return ta.empty() && tb.empty();
  size_t inter = 0;
  for (const auto& t : ta) inter += tb.count(t);
  size_t uni = ta.size() + tb.size() - inter;
  bool a_in_b = inter == ta.size(), b_in_a = inter == tb.size();
  return static_cast<double>(inter) / static_cast<double>(uni) >= 0.5 || a_in_b || b_in_a;
}

ScoreReport Score(const DocMap& gold_docs, const DocMap& pred_docs, std::vector<json>* errors) {
  int n_gold_t = 0, n_pred_t = 0, cue_tp = 0, full_tp = 0, src = 0, content = 0, resolved = 0,
      type = 0, anon = 0, form = 0, via = 0, stance = 0, anon_tp = 0, anon_pred = 0, anon_gold = 0,
      d_gold = 0, d_pred = 0, d_tp = 0, d_full = 0;
  std::map<std::pair<std::string, std::string>, int> confusion;
  std::map<std::pair<std::string, std::string>, std::pair<json, json>> confusion_keys;
  static const json kEmpty = json::object();
  for (const auto& [doc_id, gd] : gold_docs) {
    auto it = pred_docs.find(doc_id);
    const json& pd = it == pred_docs.end() ? kEmpty : it->second;
    bool disputes_only = Get(gd, "scope") == "disputes";
    std::vector<json> gold, pred;
    if (!disputes_only) {
      for (const json& g : Get(gd, "attributions")) gold.push_back(g);
      for (const json& p : Get(pd, "attributions"))
        if (Truthy(Get(p, "cue"))) pred.push_back(p);
    }
    auto m = Match(gold, pred);
    std::set<size_t> matched_g, matched_p, opt_p;
    for (auto [i, j] : m) {
      matched_g.insert(i);
      matched_p.insert(j);
      if (Truthy(Get(gold[i], "optional"))) opt_p.insert(j);
    }
    int n_gold = 0;
    for (const json& g : gold) n_gold += !Truthy(Get(g, "optional"));
    int n_pred = static_cast<int>(pred.size() - opt_p.size());
    n_gold_t += n_gold;
    n_pred_t += n_pred;
    for (auto [i, j] : m) {
      const json& g = gold[i];
      const json& p = pred[j];
      if (Truthy(Get(g, "optional"))) continue;
      ++cue_tp;
      bool s_ok = SourceOk(g, p);
      bool c_ok = Jaccard(Get(g, "content"), Get(p, "content")) >= 0.5;
      src += s_ok;
      content += c_ok;
      if (s_ok && c_ok) {
        ++full_tp;
      } else if (errors) {
        errors->push_back(json{{"id", doc_id},
                               {"kind", "partial"},
                               {"gold", Brief(g)},
                               {"pred", Brief(p)},
                               {"source_ok", s_ok},
                               {"content_ok", c_ok}});
      }
      if (Truthy(Get(g, "source_resolved")))
        resolved += SameName(Get(g, "source_resolved"), Get(p, "source_resolved"));
      else
        resolved += Get(p, "source_resolved").is_null();
      type += Get(g, "source_type") == Get(p, "source_type");
      auto key = std::make_pair(PyStr(Get(g, "source_type")), PyStr(Get(p, "source_type")));
      if (Get(g, "source_type") != Get(p, "source_type")) {
        ++confusion[key];
        confusion_keys[key] = {Get(g, "source_type"), Get(p, "source_type")};
      }
      anon += Truthy(Get(g, "anonymous")) == Truthy(Get(p, "anonymous"));
      form += Get(g, "form") == Get(p, "form");
      via += ViaOk(g, p);
      json gs = Truthy(Get(g, "stance")) ? Get(g, "stance") : json("assert");
      json ps = Truthy(Get(p, "stance")) ? Get(p, "stance") : json("assert");
      stance += gs == ps;
    }
    for (const json& g : gold)
      if (Truthy(Get(g, "anonymous")) && !Truthy(Get(g, "optional"))) ++anon_gold;
    for (size_t j = 0; j < pred.size(); ++j) {
      if (opt_p.count(j) || !Truthy(Get(pred[j], "anonymous"))) continue;
      ++anon_pred;
    }
    for (auto [i, j] : m)
      if (Truthy(Get(gold[i], "anonymous")) && Truthy(Get(pred[j], "anonymous")) &&
          !Truthy(Get(gold[i], "optional")))
        ++anon_tp;
    if (errors) {
      for (size_t i = 0; i < gold.size(); ++i)
        if (!matched_g.count(i) && !Truthy(Get(gold[i], "optional")))
          errors->push_back(json{{"id", doc_id}, {"kind", "missed"}, {"gold", Brief(gold[i])}});
      for (size_t j = 0; j < pred.size(); ++j)
        if (!matched_p.count(j))
          errors->push_back(json{{"id", doc_id}, {"kind", "spurious"}, {"pred", Brief(pred[j])}});
    }
    std::vector<json> gdis, pdis;
    for (const json& x : Get(gd, "disputes")) gdis.push_back(x);
    for (const json& x : Get(pd, "disputes")) pdis.push_back(x);
    d_gold += static_cast<int>(gdis.size());
    d_pred += static_cast<int>(pdis.size());
    auto dm = Match(gdis, pdis);
    d_tp += static_cast<int>(dm.size());
    for (auto [i, j] : dm) {
      const json& g = gdis[i];
      const json& p = pdis[j];
      bool by_ok = SameName(Get(g, "by"), Get(p, "by"));
      bool ag_ok = Truthy(Get(g, "against")) ? SameName(Get(g, "against"), Get(p, "against"))
                                             : !Truthy(Get(p, "against"));
      d_full += by_ok && ag_ok;
    }
  }
  ScoreReport r;
  r.documents = static_cast<int>(gold_docs.size());
  r.cue = MakePrf(cue_tp, n_pred_t, n_gold_t);
  r.full = MakePrf(full_tp, n_pred_t, n_gold_t);
  r.anonymous = MakePrf(anon_tp, anon_pred, anon_gold);
  r.disputes = MakePrf(d_tp, d_pred, d_gold);
  r.disputes_full = MakePrf(d_full, d_pred, d_gold);
  double tp = cue_tp ? cue_tp : 1;
  r.on_matched = {{"src", Round4(src / tp)},           {"content", Round4(content / tp)},
                  {"resolved", Round4(resolved / tp)}, {"type", Round4(type / tp)},
                  {"anon", Round4(anon / tp)},         {"form", Round4(form / tp)},
                  {"via", Round4(via / tp)},           {"stance", Round4(stance / tp)}};
  // score.py sorts confusion by str((gold, pred)).
  std::vector<std::pair<std::string, std::pair<std::string, int>>> conf;
  for (auto& [k, n] : confusion) {
    std::string sortkey = "(" + k.first + ", " + k.second + ")";
    auto& [g, p] = confusion_keys[k];
    conf.push_back({sortkey, {PlainStr(g) + "->" + PlainStr(p), n}});
  }
  std::sort(conf.begin(), conf.end());
  for (auto& [k, v] : conf) r.type_confusion.push_back(v);
  return r;
}

std::string FormatScore(const ScoreReport& r) {
  std::string out;
  char buf[256];
  auto line = [&](const char* name, const Prf& p) {
    std::snprintf(buf, sizeof buf,
                  "%-20s P %.3f  R %.3f  F1 %.3f  (tp %d, predicted %d, gold %d)\n", name,
                  p.precision, p.recall, p.f1, p.tp, p.predicted, p.gold);
    out += buf;
  };
  line("attribution_cue", r.cue);
  line("attribution_full", r.full);
  line("anonymous_sources", r.anonymous);
  line("disputes", r.disputes);
  line("disputes_full", r.disputes_full);
  out += "on matched:";
  bool first = true;
  for (auto& [k, v] : r.on_matched) {
    std::snprintf(buf, sizeof buf, "%s%s %.3f", first ? " " : "  ", k.c_str(), v);
    out += buf;
    first = false;
  }
  out += "\n";
  if (!r.type_confusion.empty()) {
    out += "type confusion: ";
    for (size_t i = 0; i < r.type_confusion.size(); ++i)
      out += (i ? ", " : "") + r.type_confusion[i].first + " " +
             std::to_string(r.type_confusion[i].second);
    out += "\n";
  }
  return out;
}

}  // namespace isnad
