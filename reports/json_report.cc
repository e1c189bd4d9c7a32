#include "reports/json_report.h"

#include "analyzer/utf8.h"

namespace isnad {

using json = nlohmann::json;

namespace {

json SpanJson(const Span& s, const std::string& text, const utf8::CodePointIndex& cp) {
  if (s.empty()) return nullptr;
  return json{{"start", cp.ToCodePoint(s.begin)},
              {"end", cp.ToCodePoint(s.end)},
              {"text", std::string(s.In(text))}};
}

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

json ToJson(const Analysis& a, const JsonOptions& opt) {
  const Document& d = a.doc;
  utf8::CodePointIndex cp(d.text);
  json j;
  j["id"] = d.id;
  j["outlet"] = OrNull(d.outlet);
  j["url"] = OrNull(d.url);
  j["date"] = OrNull(d.date);
  j["title"] = OrNull(d.title);
  j["title_span"] = SpanJson(d.title_span, d.text, cp);
  j["body"] = d.body.empty() ? json(nullptr)
                             : json{{"start", cp.ToCodePoint(d.body.begin)},
                                    {"end", cp.ToCodePoint(d.body.end)}};
  j["credits"] = d.credits;
  j["credits_span"] = SpanJson(d.credits_span, d.text, cp);
  if (opt.text) j["text"] = d.text;
  json atts = json::array();
  for (const Attribution& at : a.attributions) {
    json x;
    x["cue"] = SpanJson(at.cue, d.text, cp);
    x["cue_lemma"] = at.cue_lemma;
    x["source"] = SpanJson(at.source.mention, d.text, cp);
    x["source_resolved"] = OrNull(at.source.resolved);
    x["source_type"] = SourceKindName(at.source.kind);
    x["anonymous"] = at.source.anonymous;
    x["identification"] = IdentificationName(at.source.identification);
    x["anonymity_reason"] = SpanJson(at.source.reason, d.text, cp);
    x["title"] = OrNull(at.source.title);
    x["country"] = OrNull(at.source.country);
    const Entity& e = at.source.entity;
    x["entity"] = e.id.empty() ? json(nullptr)
                               : json{{"id", e.id},
                                      {"name_ar", e.name_ar},
                                      {"name_en", OrNull(e.name_en)},
                                      {"kind", SourceKindName(e.kind)},
                                      {"country", OrNull(e.country)},
                                      {"seat", OrNull(e.via_seat)}};
    x["content"] = SpanJson(at.content, d.text, cp);
    x["form"] = FormName(at.form);
    x["via"] = at.via;
    x["stance"] = StanceName(at.stance);
    x["rule"] = at.rule;
    x["confidence"] = std::round(at.confidence * 100) / 100.0;
    if (at.source.antecedent >= 0) x["antecedent"] = at.source.antecedent;
    if (opt.explain) x["explain"] = at.explain;
    atts.push_back(std::move(x));
  }
  j["attributions"] = std::move(atts);
  json dis = json::array();
  for (const Dispute& ds : a.disputes) {
    json x;
    x["cue"] = SpanJson(ds.cue, d.text, cp);
    x["by"] = OrNull(ds.by);
    x["against"] = OrNull(ds.against);
    x["by_entity"] = OrNull(ds.by_entity);
    x["against_entity"] = OrNull(ds.against_entity);
    x["about"] = ds.about;
    x["about_span"] = SpanJson(ds.about_span, d.text, cp);
    x["evidence"] = SpanJson(ds.evidence, d.text, cp);
    x["attribution"] = ds.attribution;
    x["targets"] = ds.targets;
    x["rule"] = ds.rule;
    dis.push_back(std::move(x));
  }
  j["disputes"] = std::move(dis);
  if (opt.sentences) {
    json ss = json::array();
    for (const Sentence& s : a.sentences) {
      json x = SpanJson(s.span, d.text, cp);
      x["paragraph_start"] = s.paragraph_start;
      ss.push_back(std::move(x));
    }
    j["sentences"] = std::move(ss);
  }
  if (opt.lexicon) {
    json ls = json::array();
    for (const LexiconMatch& m : a.lexicon) {
      json x = SpanJson(m.span, d.text, cp);
      x["role"] = RoleName(m.role);
      x["entry"] = m.what;
      ls.push_back(std::move(x));
    }
    j["lexicon"] = std::move(ls);
  }
  j["warnings"] = a.warnings;
  return j;
}

json ErrorJson(const Document& doc) {
  return json{{"id", doc.id},
              {"error",
               {{"code", ErrorCodeName(doc.error.code())},
                {"message", doc.error.message()},
                {"where", doc.error.where()}}},
              {"attributions", json::array()},
              {"disputes", json::array()}};
}

}  // namespace isnad
