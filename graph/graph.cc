// Building the attribution graph: vertices and edges from each Analysis (Add), then claim
// linking and dispute linking across articles (Finish). See graph/graph.h.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"
#include "base/dates.h"
#include "graph/graph_internal.h"

namespace isnad {

const char* VertexKindName(VertexKind k) {
  switch (k) {
    case VertexKind::kArticle:
      return "article";
    case VertexKind::kOutlet:
      return "outlet";
    case VertexKind::kSource:
      return "source";
    case VertexKind::kClaim:
      return "claim";
  }
  return "source";
}

const char* EdgeKindName(EdgeKind k) {
  switch (k) {
    case EdgeKind::kPublishedBy:
      return "published_by";
    case EdgeKind::kCredits:
      return "credits";
    case EdgeKind::kContains:
      return "contains";
    case EdgeKind::kSaid:
      return "said";
    case EdgeKind::kVia:
      return "via";
    case EdgeKind::kDisputes:
      return "disputes";
    case EdgeKind::kSameAs:
      return "same_as";
  }
  return "said";
}

bool VertexKindFromName(std::string_view name, VertexKind* out) {
  for (int k = 0; k <= static_cast<int>(VertexKind::kClaim); ++k) {
    if (name == VertexKindName(static_cast<VertexKind>(k))) {
      *out = static_cast<VertexKind>(k);
      return true;
    }
  }
  return false;
}

bool EdgeKindFromName(std::string_view name, EdgeKind* out) {
  for (int k = 0; k <= static_cast<int>(EdgeKind::kSameAs); ++k) {
    if (name == EdgeKindName(static_cast<EdgeKind>(k))) {
      *out = static_cast<EdgeKind>(k);
      return true;
    }
  }
  return false;
}

std::string CleanText(std::string_view in) {
  std::string s =
      utf8::FindInvalid(in) == std::string_view::npos ? std::string(in) : utf8::Sanitize(in);
  std::string out;
  out.reserve(s.size());
  bool space = false;
  size_t i = 0;
  while (i < s.size()) {
    int len = 1;
    char32_t c = utf8::Decode(s, i, &len);
    // Whitespace, C0/C1 controls, and the invisible marks XML 1.0 or a terminal would trip on.
    bool ws = c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff ||
              c == 0xfffe || c == 0xffff;
    if (ws) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "state:us" -> "US"; "" for other ids.
std::string CountryOfStateId(std::string_view id) {
  if (id.size() == 8 && id.substr(0, 6) == "state:") {
    std::string c(id.substr(6));
    for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return c;
  }
  return "";
}

// Source kind guessed from an entity id's prefix, for parties met only in a dispute.
SourceKind KindOfEntityId(std::string_view id) {
  auto starts = [&](std::string_view p) { return id.substr(0, p.size()) == p; };
  if (starts("state:")) return SourceKind::kState;
  if (starts("person:")) return SourceKind::kPerson;
  if (starts("outlet:")) return SourceKind::kOutlet;
  if (starts("institution:")) return SourceKind::kInstitution;
  if (starts("local:")) {
    std::string_view rest = id.substr(6);
    for (int k = 0; k <= static_cast<int>(SourceKind::kUnspecified); ++k) {
      std::string_view name = SourceKindName(static_cast<SourceKind>(k));
      if (rest.substr(0, name.size()) == name && rest.size() > name.size() &&
          rest[name.size()] == ':')
        return static_cast<SourceKind>(k);
    }
  }
  return SourceKind::kUnspecified;
}

double Round3(double x) { return std::round(x * 1000.0) / 1000.0; }

// Dates at most `window` seconds apart; two undated articles are near each other.
bool Near(const std::optional<int64_t>& a, const std::optional<int64_t>& b, int64_t window) {
  if (!a && !b) return true;
  return a && b && std::llabs(*a - *b) <= window;
}

// Words of at least 3 code points, for topic overlap.
std::unordered_set<std::string> TopicWords(std::string_view text) {
  std::unordered_set<std::string> out;
  std::string key = NormalizeKey(text);
  for (std::string_view w : ContentWords(key))
    if (utf8::CodePointCount(w) >= 3) out.emplace(w);
  return out;
}

}  // namespace

// --- Impl ---------------------------------------------------------------------------------

AttributionGraph::Impl::Impl(GraphOptions o) : opt(std::move(o)), hasher(opt.claims.hashes) {
  if (opt.claims.bands < 1) opt.claims.bands = 1;
  if (opt.claims.hashes < opt.claims.bands || opt.claims.hashes % opt.claims.bands != 0) {
    opt.claims.hashes = opt.claims.bands * std::max(1, opt.claims.hashes / opt.claims.bands);
    hasher = MinHasher(opt.claims.hashes);
  }
  for (const std::string& n : opt.disputes.negations) negations.insert(NormalizeKey(n));
  if (opt.rules != nullptr)
    for (const EntityInfo& e : opt.rules->entities()) entities.emplace(e.id, &e);
}

uint32_t AttributionGraph::Impl::Vertex(const VertexData& v) {
  auto it = by_key.find(v.key);
  if (it != by_key.end()) {
    VertexData& have = g[it->second];
    // Fill what an earlier, sparser mention left empty.
    if (have.label.empty()) have.label = v.label;
    if (have.name_en.empty()) have.name_en = v.name_en;
    if (have.country.empty()) have.country = v.country;
    return it->second;
  }
  uint32_t id = static_cast<uint32_t>(boost::add_vertex(g));
  by_key.emplace(v.key, id);
  g[id] = v;
  last_article.push_back(kNone);
  return id;
}

void AttributionGraph::Impl::Touch(uint32_t v, uint32_t article_vertex) {
  if (last_article[v] != article_vertex) {
    last_article[v] = article_vertex;
    ++g[v].articles;
  }
}

void AttributionGraph::Impl::AddEdge(uint32_t from, uint32_t to, EdgeData e) {
  g[boost::add_edge(from, to, g).first] = std::move(e);
}

std::string AttributionGraph::Impl::ResolveOutletKey(const std::string& name) {
  std::string key = NormalizeKey(name);
  auto it = outlet_alias.find(key);
  if (it != outlet_alias.end()) return it->second;
  std::string resolved;
  if (opt.rules != nullptr) {
    NormalizedText n = Normalize(name);
    std::vector<Token> tokens = Tokenize(n.text);
    std::vector<LexHit> hits;
    opt.rules->Match(n.text, tokens, &hits);
    uint32_t best = 0;
    for (const LexHit& h : hits) {
      if (h.sense.role != Role::kOutlet || h.sense.index >= opt.rules->entities().size()) continue;
      if (h.end - h.begin > best) {
        best = h.end - h.begin;
        resolved = opt.rules->entities()[h.sense.index].id;
      }
    }
  }
  if (resolved.empty()) resolved = "local:outlet:" + CleanText(Lower(key));
  outlet_alias.emplace(key, resolved);
  return resolved;
}

uint32_t AttributionGraph::Impl::OutletVertex(const std::string& name, uint32_t article_vertex,
                                              bool scope_unresolved) {
  VertexData v;
  v.kind = VertexKind::kOutlet;
  v.key = ResolveOutletKey(name);
  if (scope_unresolved && v.key.rfind("local:", 0) == 0)
    v.key = "vague:" + g[article_vertex].article + "#outlet:" + v.key.substr(13);
  v.type = "outlet";
  v.label = CleanText(name);
  if (auto it = entities.find(v.key); it != entities.end()) {
    v.label = CleanText(it->second->name_ar);
    v.name_en = CleanText(it->second->name_en);
    v.country = it->second->country;
  }
  uint32_t id = Vertex(v);
  Touch(id, article_vertex);
  return id;
}

// --- AttributionGraph -------------------------------------------------------------------------

AttributionGraph::AttributionGraph(GraphOptions opt)
    : impl_(std::make_unique<Impl>(std::move(opt))) {}
AttributionGraph::~AttributionGraph() = default;
AttributionGraph::AttributionGraph(AttributionGraph&&) noexcept = default;
AttributionGraph& AttributionGraph::operator=(AttributionGraph&&) noexcept = default;

Status AttributionGraph::Add(const Analysis& a) {
  Impl& m = *impl_;
  const Document& doc = a.doc;
  if (m.articles_by_id.count(doc.id))
    return Status(ErrorCode::kInvalidArgument, "article already in the graph", doc.id);
  m.finished = false;
  const std::string& text = doc.text;
  utf8::CodePointIndex cps(text);
  auto span_text = [&](Span s) {
    if (s.end > text.size() || s.begin > s.end) return std::string();
    return CleanText(s.In(text));
  };
  const std::string doc_id = CleanText(doc.id);
  const std::string doc_date = CleanText(doc.date);
  auto evidence = [&](EdgeKind kind, Span s) {
    EdgeData e;
    e.kind = kind;
    e.article = doc_id;
    if (!s.empty() && s.end <= text.size()) {
      e.start = static_cast<int64_t>(cps.ToCodePoint(s.begin));
      e.end = static_cast<int64_t>(cps.ToCodePoint(s.end));
      e.text = span_text(s);
    }
    return e;
  };

  // The article and its outlets.
  uint32_t art_index = static_cast<uint32_t>(m.articles.size());
  ArticleRec art;
  art.id = doc.id;
  art.time = ParseDate(doc.date);
  VertexData av;
  av.kind = VertexKind::kArticle;
  av.key = "article:" + doc_id;
  av.label = CleanText(doc.title);
  av.type = CleanText(doc.outlet);
  av.article = doc_id;
  av.date = doc_date;
  av.url = CleanText(doc.url);
  av.count = static_cast<int64_t>(a.attributions.size());
  av.articles = 1;
  if (m.by_key.count(av.key))
    return Status(ErrorCode::kInvalidArgument, "article key already in the graph", doc.id);
  art.vertex = m.Vertex(av);
  m.last_article[art.vertex] = art.vertex;
  m.articles_by_id.emplace(doc.id, art_index);
  if (!CleanText(doc.outlet).empty()) {
    art.outlet = m.OutletVertex(doc.outlet, art.vertex, false);
    // Evidence: the credits line when the text has one («المصادر: العربي - وكالات»).
    m.AddEdge(art.vertex, art.outlet, evidence(EdgeKind::kPublishedBy, doc.credits_span));
  }
  std::string own = NormalizeKey(doc.outlet);
  for (size_t i = 0; i < doc.credits.size(); ++i) {
    if (CleanText(doc.credits[i]).empty() || NormalizeKey(doc.credits[i]) == own) continue;
    uint32_t o = m.OutletVertex(doc.credits[i], art.vertex, false);
    ++m.g[o].count;
    EdgeData e = evidence(EdgeKind::kCredits, doc.credits_span);
    e.text = CleanText(doc.credits[i]);
    m.AddEdge(art.vertex, o, std::move(e));
  }

  // Outlets named as sources teach the aliases of chain links in this and later articles.
  for (const Attribution& at : a.attributions) {
    const Source& s = at.source;
    if (s.kind != SourceKind::kOutlet || s.entity.id.empty() ||
        s.entity.id.rfind("outlet:", 0) != 0)
      continue;
    for (const std::string* n : {&s.resolved, &s.text, &s.entity.name_ar}) {
      std::string k = NormalizeKey(*n);
      if (!k.empty()) m.outlet_alias.emplace(k, s.entity.id);
    }
  }

  // Claims, their sources and chains.
  const ClaimLinkOptions& lo = m.opt.claims;
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& at = a.attributions[i];
    const Source& s = at.source;
    uint32_t claim_index = static_cast<uint32_t>(m.claims.size());
    ClaimRec c;
    c.article = art_index;
    c.stance = at.stance;

    // The source.
    VertexData sv;
    std::string name = !s.resolved.empty() ? s.resolved : s.text;
    std::string name_key = NormalizeKey(name);
    bool outlet = s.kind == SourceKind::kOutlet && !s.anonymous;
    // Unnamed sources are scoped to their article: «مصدر مطلع», «الشرطة», «بيان» in two
    // articles are not one speaker.
    bool local_entity = s.entity.id.empty() || s.entity.id.rfind("local:", 0) == 0;
    bool unnamed = s.identification != Identification::kNamed && local_entity;
    if (s.anonymous || unnamed || (s.entity.id.empty() && name_key.empty())) {
      sv.key = std::string(s.anonymous ? "anon:" : "vague:") + doc_id + "#" +
               SourceKindName(s.kind) + ":" + CleanText(name_key);
      sv.label = CleanText(name);
      sv.type = SourceKindName(s.kind);
      sv.anonymous = s.anonymous;
      c.match_key = std::string(SourceKindName(s.kind)) + ":" +
                    (s.entity.id.empty() ? name_key : s.entity.id) + ":" + s.country;
    } else if (!s.entity.id.empty()) {
      sv.key = CleanText(s.entity.id);
      sv.label = CleanText(!s.entity.name_ar.empty() ? s.entity.name_ar : name);
      sv.name_en = CleanText(s.entity.name_en);
      sv.type = SourceKindName(s.entity.id.rfind("local:", 0) == 0 ? s.kind : s.entity.kind);
      c.match_key = s.entity.id;
      c.entity = s.entity.id;
    } else {
      sv.key = "local:" + std::string(SourceKindName(s.kind)) + ":" + CleanText(name_key);
      sv.label = CleanText(name);
      sv.type = SourceKindName(s.kind);
      c.match_key = sv.key;
    }
    // A gazetteer entity has its country from the gazetteer (none for the UN, whatever demonym
    // its mention carried); other sources take the one their phrase names.
    const bool gazetteer = !s.entity.id.empty() && s.entity.id.rfind("local:", 0) != 0;
    sv.country = gazetteer ? s.entity.country : !s.country.empty() ? s.country : s.entity.country;
    if (outlet && sv.key.rfind("outlet:", 0) == 0) {
      sv.kind = VertexKind::kOutlet;
      sv.type = "outlet";
    } else {
      sv.kind = VertexKind::kSource;
    }
    uint32_t src = m.Vertex(sv);
    m.Touch(src, art.vertex);
    ++m.g[src].count;
    c.source = src;
    c.country = sv.country;
    c.side = !c.country.empty() ? c.country : sv.key;

    // The claim.
    VertexData cv;
    cv.kind = VertexKind::kClaim;
    cv.key = "claim:" + doc_id + "#" + std::to_string(i);
    cv.label = span_text(at.content);
    if (cv.label.empty()) cv.label = CleanText(at.content_text);
    cv.type = StanceName(at.stance);
    cv.country = sv.country;
    cv.article = doc_id;
    cv.date = doc_date;
    if (!at.content.empty() && at.content.end <= text.size()) {
      cv.start = static_cast<int64_t>(cps.ToCodePoint(at.content.begin));
      cv.end = static_cast<int64_t>(cps.ToCodePoint(at.content.end));
    }
    cv.form = FormName(at.form);
    cv.rule = CleanText(at.rule);
    cv.depth = static_cast<int64_t>(at.via.size());
    cv.count = 1;
    cv.articles = 1;
    if (m.by_key.count(cv.key)) continue;  // cannot happen: article keys are unique
    c.vertex = m.Vertex(cv);
    m.last_article[c.vertex] = art.vertex;
    EdgeData contains = evidence(EdgeKind::kContains, at.content);
    contains.text.clear();  // the claim's label already holds the content
    contains.text.shrink_to_fit();
    m.AddEdge(art.vertex, c.vertex, std::move(contains));

    EdgeData said = evidence(EdgeKind::kSaid, at.cue);
    if (said.text.empty()) said.text = CleanText(at.cue_text);
    said.stance = StanceName(at.stance);
    said.form = FormName(at.form);
    said.rule = CleanText(at.rule);
    said.weight = Round3(at.confidence);
    m.AddEdge(src, c.vertex, std::move(said));

    for (size_t h = 0; h < at.via.size(); ++h) {
      if (CleanText(at.via[h]).empty()) continue;
      uint32_t o = m.OutletVertex(at.via[h], art.vertex, true);
      ++m.g[o].count;
      // The link as written when the analyzer kept its span; else (a chain inherited from an
      // earlier attribution, «وأضاف المصدر») the cue of this attribution.
      bool own = at.via_spans.size() == at.via.size() && !at.via_spans[h].empty();
      EdgeData e = evidence(EdgeKind::kVia, own ? at.via_spans[h] : at.cue);
      e.hop = static_cast<int64_t>(h + 1);
      m.AddEdge(c.vertex, o, std::move(e));
    }

    // What claim linking needs.
    std::string content_key = NormalizeKey(cv.label);
    std::vector<std::string_view> words = ContentWords(content_key);
    for (std::string_view w : words)
      if (m.negations.count(std::string(w))) c.negated = true;
    if ((lo.enabled || m.opt.disputes.conflicts) && static_cast<int>(words.size()) >= lo.min_words)
      c.signature = m.hasher.Signature(Shingles(content_key, lo.shingle));
    m.claims.push_back(std::move(c));
    art.claims.push_back(claim_index);
  }

  // Disputes stated in the article.
  for (const Dispute& d : a.disputes) {
    DisputeRec r;
    r.article = art_index;
    if (d.attribution >= 0 && static_cast<size_t>(d.attribution) < art.claims.size()) {
      r.by = m.claims[art.claims[d.attribution]].source;
    } else if (!d.by_entity.empty() || !NormalizeKey(d.by).empty()) {
      VertexData bv;
      bv.key = !d.by_entity.empty() ? CleanText(d.by_entity)
                                    : "local:unspecified:" + CleanText(NormalizeKey(d.by));
      bv.label = CleanText(d.by);
      SourceKind k = KindOfEntityId(bv.key);
      bv.kind = k == SourceKind::kOutlet ? VertexKind::kOutlet : VertexKind::kSource;
      bv.type = k == SourceKind::kOutlet ? "outlet" : SourceKindName(k);
      bv.country = CountryOfStateId(bv.key);
      r.by = m.Vertex(bv);
      m.Touch(r.by, art.vertex);
    } else {
      continue;  // no disputing party
    }
    const VertexData& by = m.g[r.by];
    r.by_side = !by.country.empty() ? by.country : by.key;
    r.against_entity = d.against_entity;
    r.against_country = CountryOfStateId(d.against_entity);
    r.edge = evidence(EdgeKind::kDisputes, d.evidence);
    r.edge.cue = d.cue.empty() ? CleanText(d.cue_text) : span_text(d.cue);
    r.edge.about = d.about_span.empty() ? CleanText(d.about) : span_text(d.about_span);
    r.edge.rule = CleanText(d.rule);
    r.edge.stance = d.attribution >= 0 && static_cast<size_t>(d.attribution) < a.attributions.size()
                        ? StanceName(a.attributions[d.attribution].stance)
                        : "deny";
    r.edge.scope = "article";

    // The disputed party.
    uint32_t against = kNone;
    if (!d.against_entity.empty()) {
      auto it = m.by_key.find(d.against_entity);
      if (it != m.by_key.end()) {
        against = it->second;
      } else {
        VertexData tv;
        tv.key = CleanText(d.against_entity);
        tv.label = CleanText(d.against);
        SourceKind k = KindOfEntityId(tv.key);
        tv.kind = k == SourceKind::kOutlet ? VertexKind::kOutlet : VertexKind::kSource;
        tv.type = k == SourceKind::kOutlet ? "outlet" : SourceKindName(k);
        tv.country = CountryOfStateId(tv.key);
        against = m.Vertex(tv);
      }
      if (r.against_country.empty()) r.against_country = m.g[against].country;
    } else if (!NormalizeKey(d.against).empty()) {
      VertexData tv;
      tv.key = "local:unspecified:" + CleanText(NormalizeKey(d.against));
      tv.label = CleanText(d.against);
      tv.type = "unspecified";
      against = m.Vertex(tv);
    }
    if (against != kNone) {
      m.Touch(against, art.vertex);
      m.AddEdge(r.by, against, r.edge);
    }
    std::set<uint32_t> seen;
    for (int t : d.targets) {
      if (t < 0 || static_cast<size_t>(t) >= art.claims.size()) continue;
      uint32_t ci = art.claims[t];
      if (!seen.insert(ci).second) continue;
      r.targets.push_back(ci);
      m.AddEdge(r.by, m.claims[ci].vertex, r.edge);
    }
    m.disputes.push_back(std::move(r));
  }

  m.articles.push_back(std::move(art));
  return Status::Ok();
}

void AttributionGraph::Finish() { impl_->Finish(); }

void AttributionGraph::Impl::Finish() {
  // Undo what an earlier Finish() derived, so that Finish() after more Add()s relinks.
  boost::remove_edge_if(
      [&](const BEdge& e) {
        const EdgeData& d = g[e];
        return d.kind == EdgeKind::kSameAs ||
               (d.kind == EdgeKind::kDisputes && d.scope != "article");
      },
      g);
  for (ClaimRec& c : claims) {
    c.cluster = -1;
    g[c.vertex].cluster = -1;
    g[c.vertex].count = 1;
  }
  clusters.clear();
  cluster_sim.clear();

  // 1. Candidate pairs of near-duplicate content.
  std::vector<uint32_t> indexed;  // LSH item -> claim
  LshIndex lsh(opt.claims.hashes, opt.claims.bands);
  if (opt.claims.enabled || opt.disputes.conflicts) {
    for (uint32_t i = 0; i < claims.size(); ++i) {
      if (claims[i].signature.empty()) continue;
      lsh.Add(claims[i].signature);
      indexed.push_back(i);
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> same, conflicts;
  const int64_t window = static_cast<int64_t>(opt.disputes.date_window_days) * 86400;
  for (auto [li, lj] : lsh.Candidates(opt.claims.max_bucket)) {
    const ClaimRec& a = claims[indexed[li]];
    const ClaimRec& b = claims[indexed[lj]];
    if (a.article == b.article) continue;
    double sim = MinHasher::Similarity(a.signature, b.signature);
    if (opt.claims.enabled && sim >= opt.claims.min_similarity && a.match_key == b.match_key) {
      same.emplace_back(indexed[li], indexed[lj]);
    } else if (opt.disputes.conflicts && sim >= opt.disputes.conflict_similarity &&
               Near(articles[a.article].time, articles[b.article].time, window) &&
               !a.country.empty() && !b.country.empty() && a.country != b.country &&
               ((a.stance == Stance::kDeny) != (b.stance == Stance::kDeny) ||
                a.negated != b.negated)) {
      conflicts.emplace_back(indexed[li], indexed[lj]);
    }
  }

  // 2. Clusters around a first report. Claims are taken in date order; a claim joins the
  // cluster of an earlier matching claim when it also matches that cluster's first report
  // (same source, similar enough, within the window) and the cluster has no report from its
  // article yet, so a cluster never drifts from the statement it started with; otherwise it
  // starts a cluster of its own.
  if (!same.empty()) {
    std::unordered_map<uint32_t, std::vector<uint32_t>> near;
    for (auto [a, b] : same) {
      near[a].push_back(b);
      near[b].push_back(a);
    }
    auto before = [&](uint32_t x, uint32_t y) {
      const ArticleRec& ax = articles[claims[x].article];
      const ArticleRec& ay = articles[claims[y].article];
      int64_t tx = ax.time.value_or(INT64_MAX), ty = ay.time.value_or(INT64_MAX);
      if (tx != ty) return tx < ty;
      if (ax.id != ay.id) return ax.id < ay.id;
      return x < y;
    };
    std::vector<uint32_t> order;
    order.reserve(near.size());
    for (auto& [c, n] : near) order.push_back(c);
    std::sort(order.begin(), order.end(), before);
    const int64_t claim_window = static_cast<int64_t>(opt.claims.window_days) * 86400;
    std::unordered_map<uint32_t, size_t> group_of;
    std::vector<std::vector<uint32_t>> groups;
    std::vector<std::unordered_set<uint32_t>> group_articles;  // one report per article
    for (uint32_t c : order) {
      const ClaimRec& cc = claims[c];
      size_t best = SIZE_MAX;
      for (uint32_t n : near[c]) {
        auto it = group_of.find(n);
        if (it == group_of.end()) continue;  // a later claim
        uint32_t leader = groups[it->second].front();
        const ClaimRec& lc = claims[leader];
        if (group_articles[it->second].count(cc.article)) continue;
        if (leader != n &&
            MinHasher::Similarity(lc.signature, cc.signature) < opt.claims.min_similarity)
          continue;
        const auto& lt = articles[lc.article].time;
        const auto& ct = articles[cc.article].time;
        if (claim_window > 0 && lt && ct && *ct - *lt > claim_window) continue;
        if (best == SIZE_MAX || before(leader, groups[best].front())) best = it->second;
      }
      if (best == SIZE_MAX) {
        best = groups.size();
        groups.emplace_back();
        group_articles.emplace_back();
      }
      groups[best].push_back(c);
      group_articles[best].insert(cc.article);
      group_of[c] = best;
    }
    for (auto& grp : groups) {
      if (grp.size() < 2) continue;
      int64_t id = static_cast<int64_t>(clusters.size());
      uint32_t first = grp.front();
      std::vector<double> sims;
      for (uint32_t c : grp) {
        claims[c].cluster = id;
        VertexData& v = g[claims[c].vertex];
        v.cluster = id;
        v.count = static_cast<int64_t>(grp.size());
        double sim = Round3(MinHasher::Similarity(claims[first].signature, claims[c].signature));
        sims.push_back(c == first ? 1.0 : sim);
        if (c == first) continue;
        EdgeData e;
        e.kind = EdgeKind::kSameAs;
        e.article = v.article;
        e.start = v.start;
        e.end = v.end;
        e.weight = sim;
        AddEdge(claims[first].vertex, claims[c].vertex, std::move(e));
      }
      clusters.push_back(std::move(grp));
      cluster_sim.push_back(std::move(sims));
    }
  }

  // 3. Disputes across articles.
  if (opt.disputes.across_articles && !disputes.empty()) {
    std::unordered_map<std::string, std::vector<uint32_t>> by_entity, by_country;
    for (uint32_t i = 0; i < claims.size(); ++i) {
      if (!claims[i].entity.empty()) by_entity[claims[i].entity].push_back(i);
      if (!claims[i].country.empty()) by_country[claims[i].country].push_back(i);
    }
    for (const DisputeRec& d : disputes) {
      std::set<uint32_t> done(d.targets.begin(), d.targets.end());
      auto link = [&](uint32_t ci, const char* scope) {
        if (!done.insert(ci).second) return;
        EdgeData e = d.edge;
        e.scope = scope;
        AddEdge(d.by, claims[ci].vertex, std::move(e));
      };
      // Reports of the same claim elsewhere.
      for (uint32_t t : d.targets) {
        if (claims[t].cluster < 0) continue;
        for (uint32_t ci : clusters[claims[t].cluster])
          if (claims[ci].article != d.article) link(ci, "cluster");
      }
      // Claims of the disputed party in articles of nearby dates, on the same topic.
      std::vector<uint32_t> cand;
      if (!d.against_entity.empty()) {
        auto it = by_entity.find(d.against_entity);
        if (it != by_entity.end()) cand = it->second;
      }
      if (!d.against_country.empty()) {
        auto it = by_country.find(d.against_country);
        if (it != by_country.end()) cand.insert(cand.end(), it->second.begin(), it->second.end());
      }
      if (cand.empty()) continue;
      const ArticleRec& da = articles[d.article];
      std::unordered_set<std::string> context;
      bool have_context = false;
      for (uint32_t ci : cand) {
        const ClaimRec& c = claims[ci];
        if (c.article == d.article || done.count(ci) || c.side == d.by_side) continue;
        const ArticleRec& ca = articles[c.article];
        if (!Near(da.time, ca.time, window)) continue;
        if (!have_context) {
          std::string ctx = d.edge.about + " " + d.edge.text;
          for (uint32_t t : d.targets) ctx += " " + g[claims[t].vertex].label;
          context = TopicWords(ctx);
          have_context = true;
        }
        std::unordered_set<std::string> words = TopicWords(g[c.vertex].label);
        if (words.empty()) continue;
        int common = 0;
        for (const std::string& w : words) common += context.count(w) ? 1 : 0;
        if (common >= opt.disputes.min_topic_words &&
            static_cast<double>(common) / static_cast<double>(words.size()) >=
                opt.disputes.min_topic_overlap)
          link(ci, "nearby");
      }
    }
  }

  // 4. Conflicting claims: each side's claim disputes the other's.
  for (auto [x, y] : conflicts) {
    for (auto [from, to] : {std::pair{x, y}, std::pair{y, x}}) {
      const VertexData& fv = g[claims[from].vertex];
      EdgeData e;
      e.kind = EdgeKind::kDisputes;
      e.article = fv.article;
      e.start = fv.start;
      e.end = fv.end;
      e.text = fv.label;
      e.about = fv.key;
      e.stance = StanceName(claims[from].stance);
      e.rule = "conflict";
      e.scope = "conflict";
      AddEdge(claims[from].source, claims[to].vertex, std::move(e));
    }
  }

  // 5. Counts on the claims.
  for (ClaimRec& c : claims) {
    int64_t n = 0;
    for (auto [it, end] = boost::in_edges(c.vertex, g); it != end; ++it)
      n += g[*it].kind == EdgeKind::kDisputes;
    g[c.vertex].disputed = n;
  }
  finished = true;
}

size_t AttributionGraph::num_vertices() const { return boost::num_vertices(impl_->g); }
size_t AttributionGraph::num_edges() const { return boost::num_edges(impl_->g); }
size_t AttributionGraph::num_articles() const { return impl_->articles.size(); }
const VertexData& AttributionGraph::vertex(size_t i) const { return impl_->g[i]; }

int64_t AttributionGraph::Find(std::string_view key) const {
  auto it = impl_->by_key.find(std::string(key));
  return it == impl_->by_key.end() ? -1 : static_cast<int64_t>(it->second);
}

GraphSnapshot AttributionGraph::Snapshot() {
  impl_->EnsureFinished();
  const BGraph& g = impl_->g;
  GraphSnapshot s;
  s.vertices.reserve(boost::num_vertices(g));
  for (auto [it, end] = boost::vertices(g); it != end; ++it) s.vertices.push_back(g[*it]);
  s.edges.reserve(boost::num_edges(g));
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    s.edges.push_back({boost::source(*it, g), boost::target(*it, g), g[*it]});
  return s;
}

std::vector<GraphEdge> AttributionGraph::InEdges(size_t i) {
  impl_->EnsureFinished();
  const BGraph& g = impl_->g;
  std::vector<GraphEdge> out;
  for (auto [it, end] = boost::in_edges(i, g); it != end; ++it)
    out.push_back({boost::source(*it, g), boost::target(*it, g), g[*it]});
  return out;
}

std::vector<GraphEdge> AttributionGraph::OutEdges(size_t i) {
  impl_->EnsureFinished();
  const BGraph& g = impl_->g;
  std::vector<GraphEdge> out;
  for (auto [it, end] = boost::out_edges(i, g); it != end; ++it)
    out.push_back({boost::source(*it, g), boost::target(*it, g), g[*it]});
  return out;
}

// --- Contested claims ---------------------------------------------------------------------

std::vector<DisputedClaim> AttributionGraph::Contested() {
  Impl& m = *impl_;
  m.EnsureFinished();
  const BGraph& g = m.g;
  auto outlet_of = [&](const std::string& article_id) -> std::string {
    auto it = m.articles_by_id.find(article_id);
    if (it == m.articles_by_id.end()) return "";
    return g[m.articles[it->second].vertex].type;
  };
  auto date_of = [&](const std::string& article_id) -> std::string {
    auto it = m.articles_by_id.find(article_id);
    if (it == m.articles_by_id.end()) return "";
    return g[m.articles[it->second].vertex].date;
  };
  std::vector<DisputedClaim> out;
  for (const ClaimRec& c : m.claims) {
    const VertexData& v = g[c.vertex];
    if (v.disputed == 0) continue;
    DisputedClaim cc;
    cc.vertex = c.vertex;
    cc.key = v.key;
    cc.content = v.label;
    cc.article = v.article;
    cc.outlet = outlet_of(v.article);
    cc.date = v.date;
    cc.start = v.start;
    cc.end = v.end;
    const VertexData& sv = g[c.source];
    cc.source = sv.label;
    cc.source_key = sv.key;
    cc.source_kind = sv.type;
    cc.source_country = sv.country;
    cc.cluster = v.cluster;
    std::set<std::string> arts = {v.article};
    for (auto [it, end] = boost::in_edges(c.vertex, g); it != end; ++it) {
      const EdgeData& e = g[*it];
      if (e.kind != EdgeKind::kDisputes) continue;
      const VertexData& pv = g[boost::source(*it, g)];
      DisputeEvidence d;
      d.party = pv.label;
      d.party_key = pv.key;
      d.scope = e.scope;
      d.article = e.article;
      d.outlet = outlet_of(e.article);
      d.date = date_of(e.article);
      d.start = e.start;
      d.end = e.end;
      d.text = e.text;
      if (e.scope == "conflict") {
        d.conflicting_claim = e.about;
      } else {
        d.cue = e.cue;
        d.about = e.about;
      }
      arts.insert(e.article);
      cc.disputes.push_back(std::move(d));
    }
    cc.articles.assign(arts.begin(), arts.end());
    out.push_back(std::move(cc));
  }
  std::stable_sort(out.begin(), out.end(), [](const DisputedClaim& a, const DisputedClaim& b) {
    return a.disputes.size() > b.disputes.size();
  });
  return out;
}

}  // namespace isnad
