#include "reports/audit.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"
#include "reports/html_report.h"
#include "rules/embedded.h"

namespace isnad {

using json = nlohmann::json;

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "?";
}

bool ParseSeverity(std::string_view name, Severity* out) {
  if (name == "info")
    *out = Severity::kInfo;
  else if (name == "warning")
    *out = Severity::kWarning;
  else if (name == "error")
    *out = Severity::kError;
  else
    return false;
  return true;
}

namespace {

constexpr std::array<const char*, static_cast<size_t>(FindingKind::kCount)> kKindNames = {
    "anonymous_no_reason", "single_anonymous_claim", "vague_attribution",
    "agentless_cue",       "unnamed_intermediary",   "anonymous_direct_quote"};

bool KindFromName(std::string_view n, FindingKind* out) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (n == kKindNames[i]) {
      *out = static_cast<FindingKind>(i);
      return true;
    }
  return false;
}

std::string KindList() {
  std::string s;
  for (const char* k : kKindNames) s += (s.empty() ? "" : ", ") + std::string(k);
  return s;
}

// Words of a normalized string (split on spaces and punctuation).
std::vector<std::string> Words(std::string_view text) {
  std::string norm = NormalizeKey(text);
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < norm.size();) {
    int len = 1;
    char32_t c = utf8::Decode(norm, i, &len);
    if (IsWordChar(c)) {
      cur.append(norm, i, len);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    i += len;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Proclitic combinations a word may carry before the phrase word it matches.
bool IsCliticPrefix(std::string_view p) {
  static const std::set<std::string, std::less<>> kPrefixes = {
      "",   "ال", "و",  "ف",  "ب",  "ل",  "ك",    "وال", "فال",  "بال", "كال",
      "لل", "وب", "ول", "وك", "فب", "فل", "وبال", "ولل", "فبال", "فلل", "وكال"};
  return kPrefixes.count(p) > 0;
}

bool WordMatches(std::string_view w, std::string_view phrase_word) {
  if (w.size() < phrase_word.size()) return false;
  if (w.substr(w.size() - phrase_word.size()) != phrase_word) return false;
  return IsCliticPrefix(w.substr(0, w.size() - phrase_word.size()));
}

// Whether the word sequence of `phrase` occurs in `words`.
bool ContainsPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty() || phrase.size() > words.size()) return false;
  for (size_t i = 0; i + phrase.size() <= words.size(); ++i) {
    size_t k = 0;
    while (k < phrase.size() && WordMatches(words[i + k], phrase[k])) ++k;
    if (k == phrase.size()) return true;
  }
  return false;
}

bool AnyPhrase(std::string_view text, const std::vector<std::vector<std::string>>& phrases) {
  if (text.empty()) return false;
  std::vector<std::string> w = Words(text);
  for (const auto& p : phrases)
    if (ContainsPhrase(w, p)) return true;
  return false;
}

// Content words for the overlap test: clitics stripped, words of fewer than 3 letters dropped.
std::set<std::string> ClaimWords(std::string_view text) {
  static const char* kStrip[] = {"وبال", "وال", "فال", "بال", "كال", "لل",
                                 "ال",   "و",   "ف",   "ب",   "ل"};
  std::set<std::string> out;
  for (std::string w : Words(text)) {
    for (const char* p : kStrip) {
      std::string_view sp(p);
      if (w.size() > sp.size() + 4 && w.compare(0, sp.size(), sp) == 0) {
        w.erase(0, sp.size());
        break;
      }
    }
    if (utf8::CodePointCount(w) >= 3) out.insert(w);
  }
  return out;
}

// ---- Parsing the audit rules -----------------------------------------------------------

Status Bad(std::string_view name, const std::string& ptr, const std::string& msg) {
  return Status(ErrorCode::kBadRules, msg, std::string(name) + "#" + ptr);
}

Status ParseStrings(const json& v, std::string_view name, const std::string& ptr,
                    std::vector<std::vector<std::string>>* out) {
  if (!v.is_array()) return Bad(name, ptr, "must be an array of strings");
  out->clear();
  for (size_t i = 0; i < v.size(); ++i) {
    std::string p = ptr + "/" + std::to_string(i);
    if (!v[i].is_string()) return Bad(name, p, "must be a string");
    std::vector<std::string> w = Words(v[i].get<std::string>());
    if (w.empty()) return Bad(name, p, "an empty phrase matches nothing");
    out->push_back(std::move(w));
  }
  return Status::Ok();
}

// Parses one entry; `kind` is set from its "id".
Status ParseEntry(const json& e, std::string_view name, const std::string& ptr, FindingKind* kind,
                  AuditRules::Check* c) {
  if (!e.is_object()) return Bad(name, ptr, "an entry must be a JSON object");
  auto id = e.find("id");
  if (id == e.end() || !id->is_string())
    return Bad(name, ptr + "/id", "missing string field \"id\" (one of " + KindList() + ")");
  if (!KindFromName(id->get<std::string>(), kind))
    return Bad(name, ptr + "/id",
               "unknown finding kind \"" + id->get<std::string>() + "\" (expected one of " +
                   KindList() + ")");
  *c = AuditRules::Check{};
  std::set<std::string> allowed = {"id",      "severity", "message_ar", "message_en",
                                   "enabled", "disabled", "description"};
  if (*kind == FindingKind::kSingleAnonymousClaim) allowed.insert("min_overlap");
  if (*kind == FindingKind::kVagueAttribution || *kind == FindingKind::kUnnamedIntermediary)
    allowed.insert("phrases");
  if (*kind == FindingKind::kAgentlessCue) allowed.insert({"cues", "patterns"});
  for (auto it = e.begin(); it != e.end(); ++it)
    if (!allowed.count(it.key()))
      return Bad(
          name, ptr + "/" + it.key(),
          "unknown field \"" + it.key() + "\" for finding kind \"" + id->get<std::string>() + "\"");
  auto sev = e.find("severity");
  if (sev == e.end() || !sev->is_string())
    return Bad(name, ptr + "/severity",
               "missing string field \"severity\" (info, warning or error)");
  if (!ParseSeverity(sev->get<std::string>(), &c->severity))
    return Bad(
        name, ptr + "/severity",
        "unknown severity \"" + sev->get<std::string>() + "\" (expected info, warning or error)");
  for (const char* f : {"message_ar", "message_en"}) {
    auto m = e.find(f);
    std::string p = ptr + "/" + f;
    if (m == e.end() || !m->is_string() || m->get<std::string>().empty())
      return Bad(name, p,
                 std::string("missing string field \"") + f +
                     "\": the one-line explanation shown to the editor");
    std::string s = m->get<std::string>();
    if (s.find('\n') != std::string::npos) return Bad(name, p, "a message must be one line");
    (std::string_view(f) == "message_ar" ? c->message_ar : c->message_en) = s;
  }
  if (auto en = e.find("enabled"); en != e.end()) {
    if (!en->is_boolean()) return Bad(name, ptr + "/enabled", "must be true or false");
    c->enabled = en->get<bool>();
  }
  if (auto mo = e.find("min_overlap"); mo != e.end()) {
    if (!mo->is_number() || mo->get<double>() < 0 || mo->get<double>() > 1)
      return Bad(name, ptr + "/min_overlap", "must be a number from 0 to 1");
    c->min_overlap = mo->get<double>();
  }
  for (const char* f : {"phrases", "cues"}) {
    if (auto ph = e.find(f); ph != e.end()) {
      Status s = ParseStrings(*ph, name, ptr + "/" + f, &c->phrases);
      if (!s.ok()) return s;
    }
  }
  if (auto pa = e.find("patterns"); pa != e.end()) {
    if (!pa->is_array()) return Bad(name, ptr + "/patterns", "must be an array of rule ids");
    for (size_t i = 0; i < pa->size(); ++i) {
      const json& v = (*pa)[i];
      if (!v.is_string() || v.get<std::string>().empty())
        return Bad(name, ptr + "/patterns/" + std::to_string(i), "must be a rule id (a string)");
      c->patterns.push_back(v.get<std::string>());
    }
  }
  return Status::Ok();
}

// Parses an audit document into per-kind checks; `present` records which kinds it has. An
// entry {"id": KIND, "disabled": true} yields a switched-off check.
Status ParseDoc(std::string_view text, std::string_view name, bool require_all,
                std::vector<AuditRules::Check>* checks, std::vector<bool>* present) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return Status(ErrorCode::kBadJson, std::string("malformed JSON: ") + e.what(),
                  std::string(name) + ": byte " + std::to_string(e.byte));
  } catch (const std::exception& e) {
    return Status(ErrorCode::kBadJson, std::string("malformed JSON: ") + e.what(),
                  std::string(name));
  }
  try {
    if (!doc.is_object()) return Bad(name, "", "an audit file must be a JSON object");
    auto cat = doc.find("category");
    if (cat == doc.end() || !cat->is_string() || cat->get<std::string>() != "audit")
      return Bad(name, "/category", "expected \"category\": \"audit\"");
    auto src = doc.find("source");
    if (src == doc.end() || !src->is_string() || src->get<std::string>().empty())
      return Bad(name, "/source", "missing field \"source\": say where the checks come from");
    auto entries = doc.find("entries");
    if (entries == doc.end() || !entries->is_array())
      return Bad(name, "/entries", "missing array field \"entries\"");
    std::vector<std::string> seen(static_cast<size_t>(FindingKind::kCount));
    for (size_t i = 0; i < entries->size(); ++i) {
      const json& e = (*entries)[i];
      std::string ptr = "/entries/" + std::to_string(i);
      FindingKind kind;
      AuditRules::Check c;
      bool disabled = e.is_object() && e.contains("disabled") && e["disabled"].is_boolean() &&
                      e["disabled"].get<bool>();
      if (disabled) {
        // {"id": "...", "disabled": true} switches a check off; nothing else is required.
        auto id = e.find("id");
        if (id == e.end() || !id->is_string() || !KindFromName(id->get<std::string>(), &kind))
          return Bad(name, ptr + "/id",
                     "a disabled entry must name a finding kind (one of " + KindList() + ")");
        c.enabled = false;
      } else {
        Status s = ParseEntry(e, name, ptr, &kind, &c);
        if (!s.ok()) return s;
      }
      size_t k = static_cast<size_t>(kind);
      if (!seen[k].empty())
        return Bad(name, ptr + "/id",
                   std::string("duplicate finding kind \"") + kKindNames[k] + "\" (also at " +
                       seen[k] + ")");
      seen[k] = ptr;
      (*checks)[k] = std::move(c);
      (*present)[k] = true;
    }
    if (require_all)
      for (size_t k = 0; k < seen.size(); ++k)
        if (seen[k].empty())
          return Bad(name, "/entries",
                     std::string("no entry for finding kind \"") + kKindNames[k] +
                         "\": every kind needs its severity and messages");
  } catch (const std::exception& e) {
    return Bad(name, "", std::string("unexpected value: ") + e.what());
  }
  return Status::Ok();
}

std::string_view BuiltInAuditText() {
  for (const EmbeddedFile& f : EmbeddedRuleFiles())
    if (f.name == "audit.json") return f.text;
  return {};
}

}  // namespace

const char* FindingKindName(FindingKind k) {
  size_t i = static_cast<size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : "?";
}

// Gives the parsers access to AuditRules' checks.
class AuditRulesBuilder {
 public:
  static std::vector<AuditRules::Check>& Checks(AuditRules* r) { return r->checks_; }
};

Result<AuditRules> AuditRules::Parse(std::string_view json_text, std::string_view name) {
  AuditRules r;
  std::vector<bool> present(static_cast<size_t>(FindingKind::kCount));
  Status s = ParseDoc(json_text, name, true, &AuditRulesBuilder::Checks(&r), &present);
  if (!s.ok()) return s;
  return r;
}

Result<AuditRules> AuditRules::FromRuleSet(const RuleSet& rules) {
  constexpr std::string_view kBuiltIn = "rules/lexicons/audit.json (built in)";
  std::string_view builtin = BuiltInAuditText();
  if (builtin.empty())
    return Status(ErrorCode::kBadRules, "the built-in audit rules are missing (a build defect)",
                  std::string(kBuiltIn));
  Result<AuditRules> r = Parse(builtin, kBuiltIn);
  if (!r.ok()) return r;
  const std::string& raw = rules.category_json("audit");
  if (raw.empty()) return r;
  // RuleSet keeps the audit file it loaded last; when it is not the built-in one, its
  // entries replace the built-in entries of the same kind.
  std::string builtin_dump;
  try {
    builtin_dump = json::parse(builtin).dump();
  } catch (const std::exception&) {
  }
  if (raw == builtin_dump) return r;
  std::vector<bool> present(static_cast<size_t>(FindingKind::kCount));
  std::vector<Check> over(static_cast<size_t>(FindingKind::kCount));
  Status s = ParseDoc(raw, "audit rules from --rules (category \"audit\")", false, &over, &present);
  if (!s.ok()) return s;
  for (size_t k = 0; k < over.size(); ++k)
    if (present[k]) AuditRulesBuilder::Checks(&*r)[k] = std::move(over[k]);
  return r;
}

// ---- The audit ---------------------------------------------------------------------------

namespace {

class Auditor {
 public:
  Auditor(const Analysis& a, const AuditRules& r) : a_(a), r_(r) {
    const auto& at = a.attributions;
    identity_.resize(at.size());
    for (size_t i = 0; i < at.size(); ++i) identity_[i] = IdentityOf(Root(i));
  }

  std::vector<Finding> Run() {
    const auto& at = a_.attributions;
    std::set<std::string> reported_vague, reported_anon, reported_via;
    for (size_t i = 0; i < at.size(); ++i) {
      const Attribution& t = at[i];
      const Source& s = t.source;
      if (IsUnresolved(t)) continue;
      bool agentless = IsAgentless(t);
      bool vague = !agentless && IsVague(t);
      if (agentless) Add(FindingKind::kAgentlessCue, i, t.cue);
      if (vague && reported_vague.insert(identity_[i]).second)
        Add(FindingKind::kVagueAttribution, i, SourceSpan(t));
      if (s.anonymous && !agentless && !vague &&
          (s.kind == SourceKind::kOfficial || s.kind == SourceKind::kAnonymous) &&
          !GroupHasReason(i) && reported_anon.insert(identity_[i]).second)
        Add(FindingKind::kAnonymousNoReason, i, SourceSpan(t));
      if (s.anonymous && !Supported(i))
        Add(FindingKind::kSingleAnonymousClaim, i, t.content.empty() ? t.cue : t.content);
      for (size_t k = 0; k < t.via.size(); ++k) {
        if (!UnnamedVia(t.via[k])) continue;
        if (!reported_via.insert(NormalizeKey(t.via[k])).second) continue;
        Span sp = k < t.via_spans.size() && !t.via_spans[k].empty() ? t.via_spans[k] : t.cue;
        Add(FindingKind::kUnnamedIntermediary, i, sp, t.via[k]);
      }
      if (s.anonymous && !agentless && (t.form == Form::kDirect || t.form == Form::kMixed))
        Add(FindingKind::kAnonymousDirectQuote, i, t.content.empty() ? t.cue : t.content);
    }
    std::stable_sort(out_.begin(), out_.end(), [](const Finding& x, const Finding& y) {
      if (x.span.begin != y.span.begin) return x.span.begin < y.span.begin;
      if (x.kind != y.kind) return x.kind < y.kind;
      return x.attribution < y.attribution;
    });
    return std::move(out_);
  }

 private:
  size_t Root(size_t i) const {
    const auto& at = a_.attributions;
    for (size_t guard = 0; guard < at.size(); ++guard) {
      int p = at[i].source.antecedent;
      if (p < 0 || static_cast<size_t>(p) >= at.size() || static_cast<size_t>(p) == i) break;
      i = static_cast<size_t>(p);
    }
    return i;
  }

  std::string IdentityOf(size_t i) const {
    const Source& s = a_.attributions[i].source;
    if (!s.entity.id.empty()) return s.entity.id;
    std::string name = !s.resolved.empty() ? s.resolved : s.text;
    if (name.empty()) return "#" + std::to_string(i);  // agentless: its own identity
    return "name:" + NormalizeKey(name);
  }

  static Span SourceSpan(const Attribution& t) {
    return t.source.mention.empty() ? t.cue : t.source.mention;
  }

  std::string SourceName(const Attribution& t) const {
    if (!t.source.text.empty()) return t.source.text;
    if (!t.source.resolved.empty()) return t.source.resolved;
    return t.cue_text;
  }

  // No source written, resolved or continued.
  static bool NoSource(const Attribution& t) {
    const Source& s = t.source;
    return s.mention.empty() && s.resolved.empty() && s.antecedent < 0 && s.entity.id.empty();
  }

  // An impersonal cue: produced by one of the agentless patterns, or a cue of the list, with
  // no source at all.
  bool IsAgentless(const Attribution& t) const {
    if (!NoSource(t)) return false;
    const auto& c = r_.check(FindingKind::kAgentlessCue);
    for (const std::string& p : c.patterns)
      if (t.rule == p) return true;
    return AnyPhrase(t.cue_text, c.phrases);
  }

  // A cue whose source the analyzer could not find («قالت» with no antecedent): nothing can
  // be said about its anonymity.
  bool IsUnresolved(const Attribution& t) const {
    return NoSource(t) && t.source.kind == SourceKind::kUnspecified && !IsAgentless(t);
  }

  bool IsVague(const Attribution& t) const {
    const Source& s = t.source;
    if (s.kind == SourceKind::kOutlet && s.identification == Identification::kVague) return true;
    if (!s.anonymous && s.identification != Identification::kVague) return false;
    const auto& c = r_.check(FindingKind::kVagueAttribution);
    return AnyPhrase(s.text, c.phrases) || AnyPhrase(s.resolved, c.phrases);
  }

  bool GroupHasReason(size_t i) const {
    const auto& at = a_.attributions;
    for (size_t j = 0; j < at.size(); ++j)
      if (identity_[j] == identity_[i] && !at[j].source.reason.empty()) return true;
    return false;
  }

  static bool Contains(const Span& outer, const Span& inner) {
    return !outer.empty() && !inner.empty() && outer.begin <= inner.begin && inner.end <= outer.end;
  }

  // Whether the name (a via entry) designates attribution j's source.
  bool Designates(const std::string& via, size_t j) const {
    const Source& s = a_.attributions[j].source;
    std::string v = NormalizeKey(via);
    if (v.empty()) return false;
    for (const std::string* n : {&s.text, &s.resolved, &s.entity.name_ar}) {
      if (n->empty()) continue;
      std::string k = NormalizeKey(*n);
      if (!k.empty() &&
          (k == v || k.find(v) != std::string::npos || v.find(k) != std::string::npos))
        return true;
    }
    return false;
  }

  // Whether another source, independent of attribution i, repeats enough of its claim.
  bool Supported(size_t i) const {
    const auto& at = a_.attributions;
    const Attribution& t = at[i];
    std::set<std::string> mine = ClaimWords(t.content_text);
    if (mine.empty()) return false;
    double need = r_.check(FindingKind::kSingleAnonymousClaim).min_overlap;
    for (size_t j = 0; j < at.size(); ++j) {
      if (j == i || identity_[j] == identity_[i]) continue;
      const Attribution& u = at[j];
      // A relay is not support: u reports i (u's content holds i's cue) or i reports u.
      if (Contains(u.content, t.cue) || Contains(t.content, u.cue)) continue;
      bool relay = false;
      for (const std::string& v : t.via) relay = relay || Designates(v, j);
      for (const std::string& v : u.via) relay = relay || Designates(v, i);
      if (relay) continue;
      std::set<std::string> theirs = ClaimWords(u.content_text);
      size_t common = 0;
      for (const std::string& w : mine) common += theirs.count(w);
      if (static_cast<double>(common) >= need * static_cast<double>(mine.size()) && common > 0)
        return true;
    }
    return false;
  }

  bool UnnamedVia(const std::string& via) const {
    if (via.empty()) return true;
    if (AnyPhrase(via, r_.check(FindingKind::kUnnamedIntermediary).phrases)) return true;
    const auto& at = a_.attributions;
    for (size_t j = 0; j < at.size(); ++j) {
      const Source& s = at[j].source;
      if (!s.anonymous) continue;
      std::string v = NormalizeKey(via);
      if (v == NormalizeKey(s.text) || v == NormalizeKey(s.resolved)) return true;
    }
    return false;
  }

  static std::string Fill(const std::string& tmpl, const std::string& source,
                          const std::string& cue, const std::string& via) {
    std::string out;
    for (size_t i = 0; i < tmpl.size();) {
      const std::pair<const char*, const std::string*> kVars[] = {
          {"{source}", &source}, {"{cue}", &cue}, {"{via}", &via}};
      bool done = false;
      for (const auto& [key, val] : kVars) {
        std::string_view k(key);
        if (tmpl.compare(i, k.size(), k) == 0) {
          out += OneLine(*val, 60);
          i += k.size();
          done = true;
          break;
        }
      }
      if (!done) out += tmpl[i++];
    }
    return out;
  }

  void Add(FindingKind kind, size_t i, Span span, const std::string& via = {}) {
    const AuditRules::Check& c = r_.check(kind);
    if (!c.enabled) return;
    const Attribution& t = a_.attributions[i];
    Finding f;
    f.kind = kind;
    f.severity = c.severity;
    f.span = span;
    f.attribution = static_cast<int>(i);
    std::string src = SourceName(t);
    f.message_ar = Fill(c.message_ar, src, t.cue_text, via);
    f.message_en = Fill(c.message_en, src, t.cue_text, via);
    out_.push_back(std::move(f));
  }

  const Analysis& a_;
  const AuditRules& r_;
  std::vector<std::string> identity_;
  std::vector<Finding> out_;
};

}  // namespace

std::vector<Finding> Audit(const Analysis& a, const AuditRules& rules) {
  return Auditor(a, rules).Run();
}

bool AnyAtOrAbove(const std::vector<Finding>& findings, Severity level) {
  for (const Finding& f : findings)
    if (f.severity >= level) return true;
  return false;
}

json AuditJson(const Analysis& a, const std::vector<Finding>& findings) {
  const std::string& text = a.doc.text;
  utf8::CodePointIndex cp(text);
  json j;
  j["id"] = a.doc.id;
  j["source"] = a.doc.source;
  j["attributions"] = a.attributions.size();
  std::array<int, 3> n{};
  json list = json::array();
  for (const Finding& f : findings) {
    ++n[static_cast<size_t>(f.severity)];
    Span s = ClampSpan(f.span, text);
    list.push_back({{"kind", FindingKindName(f.kind)},
                    {"severity", SeverityName(f.severity)},
                    {"span",
                     {{"start", cp.ToCodePoint(s.begin)},
                      {"end", cp.ToCodePoint(s.end)},
                      {"text", std::string(s.In(text))}}},
                    {"attribution", f.attribution},
                    {"message_ar", f.message_ar},
                    {"message_en", f.message_en}});
  }
  j["summary"] = {{"error", n[2]}, {"warning", n[1]}, {"info", n[0]}};
  j["findings"] = std::move(list);
  return j;
}

void WriteAuditText(const Analysis& a, const std::vector<Finding>& findings, std::ostream& out) {
  const std::string& text = a.doc.text;
  utf8::CodePointIndex cp(text);
  std::array<int, 3> n{};
  for (const Finding& f : findings) ++n[static_cast<size_t>(f.severity)];
  out << "== " << OneLine(a.doc.id) << ": " << a.attributions.size() << " attribution"
      << (a.attributions.size() == 1 ? "" : "s") << "; ";
  if (findings.empty()) {
    out << "no findings\n";
    return;
  }
  out << findings.size() << " finding" << (findings.size() == 1 ? "" : "s") << " (" << n[2]
      << " error, " << n[1] << " warning, " << n[0] << " info)\n";
  for (const Finding& f : findings) {
    Span s = ClampSpan(f.span, text);
    std::string sev = SeverityName(f.severity);
    sev.resize(8, ' ');
    out << sev << FindingKindName(f.kind) << "  chars " << cp.ToCodePoint(s.begin) << "-"
        << cp.ToCodePoint(s.end);
    if (f.attribution >= 0) out << "  attribution " << f.attribution + 1;
    // First Strong Isolate ... Pop Directional Isolate around the Arabic excerpt.
    out << "  \xE2\x81\xA8«" << OneLine(s.In(text), 50) << "»\xE2\x81\xA9\n";
    out << "        ar: \xE2\x81\xA8" << f.message_ar << "\xE2\x81\xA9\n";
    out << "        en: " << f.message_en << "\n";
  }
}

}  // namespace isnad
