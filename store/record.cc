#include "store/record.h"

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <array>
#include <cmath>
#include <cstdio>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"
#include "store/schema.h"
#include "store/search_query.h"

namespace isnad {

using json = nlohmann::json;

namespace {

std::string Hex(const unsigned char* p, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[p[i] >> 4];
    out[2 * i + 1] = kDigits[p[i] & 15];
  }
  return out;
}

// --- JSON reading -------------------------------------------------------------------------------

// Reading helpers that throw BadField; RecordFromJson turns it into a Status.
struct BadField {
  std::string message;
};

std::string Str(const json& j, const char* key, bool required = false) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw BadField{std::string("missing \"") + key + "\""};
    return {};
  }
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  throw BadField{std::string("\"") + key + "\" must be a string, not " + it->type_name()};
}

int64_t Int(const json& j, const char* key, int64_t def) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return def;
  if (!it->is_number_integer()) {
    throw BadField{std::string("\"") + key + "\" must be an integer, not " + it->type_name()};
  }
  return it->get<int64_t>();
}

CpSpan SpanOf(const json& j, const char* key) {
  CpSpan s;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return s;
  if (!it->is_object()) {
    throw BadField{std::string("\"") + key + "\" must be a span object, not " + it->type_name()};
  }
  s.start = Int(*it, "start", -1);
  s.end = Int(*it, "end", -1);
  s.text = Str(*it, "text");
  if (s.start < 0 || s.end < s.start) {
    throw BadField{std::string("\"") + key + "\" has an invalid start/end"};
  }
  return s;
}

std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) throw BadField{std::string("\"") + key + "\" must be an array"};
  for (const json& e : *it) {
    if (!e.is_string()) throw BadField{std::string("\"") + key + "\" must hold strings"};
    out.push_back(e.get<std::string>());
  }
  return out;
}

json SpanJson(const CpSpan& s) {
  if (!s.present()) return nullptr;
  return json{{"start", s.start}, {"end", s.end}, {"text", s.text}};
}

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

CpSpan ToCp(const Span& s, const std::string& text, const utf8::CodePointIndex& cp) {
  CpSpan out;
  if (s.empty()) return out;
  out.start = static_cast<int64_t>(cp.ToCodePoint(s.begin));
  out.end = static_cast<int64_t>(cp.ToCodePoint(s.end));
  out.text = std::string(s.In(text));
  return out;
}

}  // namespace

std::string ContentHash(std::string_view id, std::string_view outlet, std::string_view url,
                        std::string_view date, std::string_view title, std::string_view text) {
  XXH3_state_t state;
  XXH3_INITSTATE(&state);
  XXH3_128bits_reset(&state);
  for (std::string_view f : {id, outlet, url, date, title, text}) {
    unsigned char len[8];
    uint64_t n = f.size();
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
    XXH3_128bits_update(&state, len, sizeof len);
    XXH3_128bits_update(&state, f.data(), f.size());
  }
  XXH128_canonical_t c;
  XXH128_canonicalFromHash(&c, XXH3_128bits_digest(&state));
  return Hex(c.digest, sizeof c.digest);
}

std::string ContentHash(const Document& d) {
  return ContentHash(d.id, d.outlet, d.url, d.date, d.title, d.text);
}

std::string ClaimKey(std::string_view content) {
  std::string key = NormalizeKey(content);
  if (key.empty()) return "";
  XXH64_canonical_t c;
  XXH64_canonicalFromHash(&c, XXH3_64bits(key.data(), key.size()));
  return Hex(c.digest, sizeof c.digest);
}

namespace {

// The enum value whose JSON name is `name`, or `fallback`.
template <typename E>
E EnumFromName(const std::string& name, const char* (*to_name)(E), int count, E fallback) {
  for (int k = 0; k < count; ++k)
    if (name == to_name(static_cast<E>(k))) return static_cast<E>(k);
  return fallback;
}

}  // namespace

DocRecord RecordFromAnalysis(const Analysis& a) {
  const Document& d = a.doc;
  utf8::CodePointIndex cp(d.text);
  DocRecord r;
  r.id = d.id;
  r.outlet = d.outlet;
  r.url = d.url;
  r.date = d.date;
  r.title = d.title;
  r.text = d.text;
  r.source = d.source;
  r.content_hash = ContentHash(d);
  r.month = YearMonth(d.date);
  r.title_span = ToCp(d.title_span, d.text, cp);
  if (!d.body.empty()) {
    r.body_start = static_cast<int64_t>(cp.ToCodePoint(d.body.begin));
    r.body_end = static_cast<int64_t>(cp.ToCodePoint(d.body.end));
  }
  r.credits = d.credits;
  r.credits_span = ToCp(d.credits_span, d.text, cp);
  r.attributions.reserve(a.attributions.size());
  for (const Attribution& at : a.attributions) {
    StoredAttribution s;
    s.cue = ToCp(at.cue, d.text, cp);
    s.cue_lemma = at.cue_lemma;
    s.source = ToCp(at.source.mention, d.text, cp);
    s.source_resolved = at.source.resolved;
    s.source_kind = SourceKindName(at.source.kind);
    s.anonymous = at.source.anonymous;
    s.identification = IdentificationName(at.source.identification);
    s.reason = ToCp(at.source.reason, d.text, cp);
    s.title = at.source.title;
    s.country = at.source.country;
    const Entity& e = at.source.entity;
    if (!e.id.empty()) {
      s.entity_id = e.id;
      s.entity_name_ar = e.name_ar;
      s.entity_name_en = e.name_en;
      s.entity_kind = SourceKindName(e.kind);
      s.entity_country = e.country;
      s.entity_seat = e.via_seat;
    }
    s.content = ToCp(at.content, d.text, cp);
    s.form = FormName(at.form);
    s.via = at.via;
    s.stance = StanceName(at.stance);
    s.rule = at.rule;
    s.confidence = std::round(at.confidence * 100) / 100.0;
    s.antecedent = at.source.antecedent;
    s.claim_key = ClaimKey(s.content.text);
    r.attributions.push_back(std::move(s));
  }
  for (const Dispute& ds : a.disputes) {
    StoredDispute s;
    s.cue = ToCp(ds.cue, d.text, cp);
    s.by = ds.by;
    s.against = ds.against;
    s.by_entity = ds.by_entity;
    s.against_entity = ds.against_entity;
    s.about = ds.about;
    s.about_span = ToCp(ds.about_span, d.text, cp);
    s.evidence = ToCp(ds.evidence, d.text, cp);
    s.attribution = ds.attribution;
    s.targets = ds.targets;
    s.rule = ds.rule;
    r.disputes.push_back(std::move(s));
  }
  r.warnings = a.warnings;
  return r;
}

Analysis AnalysisFromRecord(const DocRecord& r) {
  Analysis a;
  Document& d = a.doc;
  d.id = r.id;
  d.text = r.text;
  d.source = r.source;
  d.outlet = r.outlet;
  d.url = r.url;
  d.date = r.date;
  d.title = r.title;
  d.credits = r.credits;
  utf8::CodePointIndex cp(d.text);
  auto span = [&](const CpSpan& s) {
    if (!s.present()) return Span{};
    return Span{static_cast<uint32_t>(cp.ToByte(static_cast<size_t>(s.start))),
                static_cast<uint32_t>(cp.ToByte(static_cast<size_t>(s.end)))};
  };
  d.title_span = span(r.title_span);
  d.credits_span = span(r.credits_span);
  if (r.body_start >= 0 && r.body_end >= r.body_start)
    d.body = span(CpSpan{r.body_start, r.body_end, ""});
  constexpr int kStances = static_cast<int>(Stance::kOpinion) + 1;
  constexpr int kKinds = static_cast<int>(SourceKind::kUnspecified) + 1;
  for (const StoredAttribution& s : r.attributions) {
    Attribution at;
    at.cue = span(s.cue);
    at.cue_text = s.cue.text;
    at.cue_lemma = s.cue_lemma;
    at.stance = EnumFromName(s.stance, StanceName, kStances, Stance::kAssert);
    at.source.mention = span(s.source);
    at.source.text = s.source.text;
    at.source.resolved = s.source_resolved;
    at.source.kind = EnumFromName(s.source_kind, SourceKindName, kKinds, SourceKind::kUnspecified);
    at.source.anonymous = s.anonymous;
    at.source.identification =
        EnumFromName(s.identification, IdentificationName,
                     static_cast<int>(Identification::kNone) + 1, Identification::kNone);
    at.source.title = s.title;
    at.source.country = s.country;
    at.source.reason = span(s.reason);
    at.source.entity.id = s.entity_id;
    at.source.entity.name_ar = s.entity_name_ar;
    at.source.entity.name_en = s.entity_name_en;
    at.source.entity.kind =
        EnumFromName(s.entity_kind, SourceKindName, kKinds, SourceKind::kUnspecified);
    at.source.entity.country = s.entity_country;
    at.source.entity.via_seat = s.entity_seat;
    at.source.antecedent = s.antecedent;
    at.content = span(s.content);
    at.content_text = s.content.text;
    at.form = EnumFromName(s.form, FormName, static_cast<int>(Form::kMixed) + 1, Form::kIndirect);
    at.via = s.via;
    at.rule = s.rule;
    at.confidence = static_cast<float>(s.confidence);
    a.attributions.push_back(std::move(at));
  }
  for (const StoredDispute& s : r.disputes) {
    Dispute dp;
    dp.cue = span(s.cue);
    dp.cue_text = s.cue.text;
    dp.by = s.by;
    dp.against = s.against;
    dp.by_entity = s.by_entity;
    dp.against_entity = s.against_entity;
    dp.about = s.about;
    dp.about_span = span(s.about_span);
    dp.evidence = span(s.evidence);
    dp.attribution = s.attribution;
    dp.targets = s.targets;
    dp.rule = s.rule;
    a.disputes.push_back(std::move(dp));
  }
  a.warnings = r.warnings;
  return a;
}

void PrepareSearch(DocRecord* r) {
  r->search_text = SearchForm(r->text);
  for (StoredAttribution& a : r->attributions) {
    a.search_text = schema::AttributionSearchText(a.source.text, a.source_resolved, a.content.text);
  }
  r->search_ready = true;
}

Result<DocRecord> RecordFromJson(const json& j, const std::string& where) {
  try {
    if (!j.is_object()) {
      return Status(ErrorCode::kBadRecord, "a line must be a JSON object", where);
    }
    if (auto e = j.find("error"); e != j.end() && !e->is_null()) {
      std::string msg = e->is_object() ? Str(*e, "message") : e->dump();
      std::string at = e->is_object() ? Str(*e, "where") : "";
      return Status(
          ErrorCode::kBadRecord,
          "the analyzer could not read this record: " + msg + (at.empty() ? "" : " (" + at + ")"),
          where);
    }
    DocRecord r;
    r.id = Str(j, "id", true);
    if (!j.contains("text") || j["text"].is_null()) {
      return Status(ErrorCode::kBadRecord,
                    "record has no \"text\": produce it with `isnad analyze --format jsonl "
                    "--with-text`",
                    where);
    }
    r.text = Str(j, "text", true);
    if (utf8::FindInvalid(r.text) != std::string::npos) {
      return Status(ErrorCode::kInvalidUtf8, "\"text\" is not valid UTF-8", where);
    }
    r.outlet = Str(j, "outlet");
    r.url = Str(j, "url");
    r.date = Str(j, "date");
    r.title = Str(j, "title");
    r.source = where;
    r.content_hash = ContentHash(r.id, r.outlet, r.url, r.date, r.title, r.text);
    r.month = YearMonth(r.date);
    r.title_span = SpanOf(j, "title_span");
    if (auto b = j.find("body"); b != j.end() && b->is_object()) {
      r.body_start = Int(*b, "start", -1);
      r.body_end = Int(*b, "end", -1);
    }
    r.credits = Strings(j, "credits");
    r.credits_span = SpanOf(j, "credits_span");
    r.warnings = Strings(j, "warnings");
    if (auto atts = j.find("attributions"); atts != j.end() && !atts->is_null()) {
      if (!atts->is_array()) throw BadField{"\"attributions\" must be an array"};
      for (const json& x : *atts) {
        if (!x.is_object()) throw BadField{"an attribution must be an object"};
        StoredAttribution s;
        s.cue = SpanOf(x, "cue");
        s.cue_lemma = Str(x, "cue_lemma");
        s.source = SpanOf(x, "source");
        s.source_resolved = Str(x, "source_resolved");
        s.source_kind = Str(x, "source_type");
        if (s.source_kind.empty()) s.source_kind = "unspecified";
        if (auto an = x.find("anonymous"); an != x.end() && an->is_boolean()) {
          s.anonymous = an->get<bool>();
        }
        s.identification = Str(x, "identification");
        s.reason = SpanOf(x, "anonymity_reason");
        s.title = Str(x, "title");
        s.country = Str(x, "country");
        if (auto e = x.find("entity"); e != x.end() && e->is_object()) {
          s.entity_id = Str(*e, "id");
          s.entity_name_ar = Str(*e, "name_ar");
          s.entity_name_en = Str(*e, "name_en");
          s.entity_kind = Str(*e, "kind");
          s.entity_country = Str(*e, "country");
          s.entity_seat = Str(*e, "seat");
        }
        s.content = SpanOf(x, "content");
        s.form = Str(x, "form");
        s.via = Strings(x, "via");
        s.stance = Str(x, "stance");
        s.rule = Str(x, "rule");
        if (auto c = x.find("confidence"); c != x.end() && c->is_number()) {
          s.confidence = std::round(c->get<double>() * 100) / 100.0;
        }
        s.antecedent = static_cast<int>(Int(x, "antecedent", -1));
        s.claim_key = ClaimKey(s.content.text);
        r.attributions.push_back(std::move(s));
      }
    }
    if (auto dis = j.find("disputes"); dis != j.end() && !dis->is_null()) {
      if (!dis->is_array()) throw BadField{"\"disputes\" must be an array"};
      for (const json& x : *dis) {
        if (!x.is_object()) throw BadField{"a dispute must be an object"};
        StoredDispute s;
        s.cue = SpanOf(x, "cue");
        s.by = Str(x, "by");
        s.against = Str(x, "against");
        s.by_entity = Str(x, "by_entity");
        s.against_entity = Str(x, "against_entity");
        s.about = Str(x, "about");
        s.about_span = SpanOf(x, "about_span");
        s.evidence = SpanOf(x, "evidence");
        s.attribution = static_cast<int>(Int(x, "attribution", -1));
        if (auto t = x.find("targets"); t != x.end() && t->is_array()) {
          for (const json& v : *t) {
            if (v.is_number_integer()) s.targets.push_back(v.get<int>());
          }
        }
        s.rule = Str(x, "rule");
        r.disputes.push_back(std::move(s));
      }
    }
    return r;
  } catch (const BadField& e) {
    return Status(ErrorCode::kBadRecord, e.message, where);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kBadRecord, e.what(), where);
  }
}

json RecordToJson(const DocRecord& r) {
  json j;
  j["id"] = r.id;
  j["outlet"] = OrNull(r.outlet);
  j["url"] = OrNull(r.url);
  j["date"] = OrNull(r.date);
  j["month"] = OrNull(r.month);
  j["title"] = OrNull(r.title);
  j["title_span"] = SpanJson(r.title_span);
  j["body"] = r.body_start < 0 ? json(nullptr) : json{{"start", r.body_start}, {"end", r.body_end}};
  j["credits"] = r.credits;
  j["credits_span"] = SpanJson(r.credits_span);
  j["content_hash"] = r.content_hash;
  j["source"] = OrNull(r.source);
  j["text"] = r.text;
  json atts = json::array();
  for (const StoredAttribution& a : r.attributions) {
    json x;
    x["cue"] = SpanJson(a.cue);
    x["cue_lemma"] = a.cue_lemma;
    x["source"] = SpanJson(a.source);
    x["source_resolved"] = OrNull(a.source_resolved);
    x["source_type"] = a.source_kind;
    x["anonymous"] = a.anonymous;
    x["identification"] = a.identification;
    x["anonymity_reason"] = SpanJson(a.reason);
    x["title"] = OrNull(a.title);
    x["country"] = OrNull(a.country);
    x["entity"] = a.entity_id.empty() ? json(nullptr)
                                      : json{{"id", a.entity_id},
                                             {"name_ar", a.entity_name_ar},
                                             {"name_en", OrNull(a.entity_name_en)},
                                             {"kind", a.entity_kind},
                                             {"country", OrNull(a.entity_country)},
                                             {"seat", OrNull(a.entity_seat)}};
    x["content"] = SpanJson(a.content);
    x["form"] = a.form;
    x["via"] = a.via;
    x["stance"] = a.stance;
    x["rule"] = a.rule;
    x["confidence"] = a.confidence;
    if (a.antecedent >= 0) x["antecedent"] = a.antecedent;
    x["claim_key"] = OrNull(a.claim_key);
    atts.push_back(std::move(x));
  }
  j["attributions"] = std::move(atts);
  json dis = json::array();
  for (const StoredDispute& d : r.disputes) {
    json x;
    x["cue"] = SpanJson(d.cue);
    x["by"] = OrNull(d.by);
    x["against"] = OrNull(d.against);
    x["by_entity"] = OrNull(d.by_entity);
    x["against_entity"] = OrNull(d.against_entity);
    x["about"] = d.about;
    x["about_span"] = SpanJson(d.about_span);
    x["evidence"] = SpanJson(d.evidence);
    x["attribution"] = d.attribution;
    x["targets"] = d.targets;
    x["rule"] = d.rule;
    dis.push_back(std::move(x));
  }
  j["disputes"] = std::move(dis);
  j["warnings"] = r.warnings;
  if (r.run_id > 0) {
    j["run"] = json{{"id", r.run_id},
                    {"rules_version", r.rules_version},
                    {"isnad_version", r.isnad_version},
                    {"analyzed_at", OrNull(r.analyzed_at)}};
  }
  j["ingested_at"] = OrNull(r.ingested_at);
  j["updated_at"] = OrNull(r.updated_at);
  return j;
}

}  // namespace isnad
