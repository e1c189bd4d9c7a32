// Text and JSON forms of graph metrics and contested claims (Boost-free).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "graph/graph.h"

namespace isnad {
namespace {

using nlohmann::json;

// First Strong Isolate ... Pop Directional Isolate: keeps Arabic from reordering the line.
std::string Iso(std::string_view s) { return "\xE2\x81\xA8" + std::string(s) + "\xE2\x81\xA9"; }

std::string Num(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Short(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

json RankedJson(const std::vector<RankedVertex>& rs) {
  json a = json::array();
  for (const RankedVertex& r : rs)
    a.push_back({{"key", r.key},
                 {"label", r.label},
                 {"type", r.type},
                 {"country", r.country},
                 {"degree", r.degree},
                 {"articles", r.articles},
                 {"pagerank", r.pagerank},
                 {"betweenness", r.betweenness}});
  return a;
}

void RankedText(const char* title, const std::vector<RankedVertex>& rs, const char* score,
                std::ostream& out) {
  out << "\n" << title << "\n";
  if (rs.empty()) out << "  (none)\n";
  for (size_t i = 0; i < rs.size(); ++i) {
    const RankedVertex& r = rs[i];
    out << "  " << (i + 1) << ". " << Iso(r.label) << "  [" << r.key << "]";
    if (!r.type.empty()) out << " " << r.type;
    if (!r.country.empty()) out << " " << r.country;
    out << "  " << score << " ";
    if (std::string_view(score) == "degree")
      out << r.degree;
    else if (std::string_view(score) == "pagerank")
      out << Num(r.pagerank * 1000, 3) << "‰";
    else
      out << Num(r.betweenness, 4);
    out << ", articles " << r.articles << "\n";
  }
}

std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace

void WriteMetricsText(const GraphMetrics& m, std::ostream& out) {
  out << "graph: " << m.vertices << " vertices, " << m.edges << " edges\n  vertices:";
  for (auto& [k, n] : m.vertex_kinds) out << " " << k << " " << n;
  out << "\n  edges:";
  for (auto& [k, n] : m.edge_kinds) out << " " << k << " " << n;
  out << "\n";
  RankedText("most-cited sources (claims said):", m.sources_by_degree, "degree", out);
  RankedText("most-cited sources (PageRank over the citation graph, per mille):",
             m.sources_by_pagerank, "pagerank", out);
  RankedText("most-cited outlets (as source or chain link):", m.outlets_by_degree, "degree", out);
  RankedText("most-cited outlets (PageRank, per mille):", m.outlets_by_pagerank, "pagerank", out);
  RankedText(("brokers between outlets (betweenness over " +
              std::to_string(m.betweenness_vertices) + " outlets and named sources):")
                 .c_str(),
             m.brokers, "betweenness", out);
  out << "\nchain depth (via links per claim):\n";
  int64_t total = 0;
  for (auto& [d, n] : m.chain_depth) total += n;
  for (auto& [d, n] : m.chain_depth)
    out << "  " << d << ": " << n << " (" << Num(total ? 100.0 * n / total : 0, 1) << "%)\n";
  out << "\nclaim clusters (the same statement in several articles): " << m.clusters
      << " clusters, " << m.clustered_claims << " claims, largest " << m.largest_cluster << "\n";
  for (const ClusterSummary& c : m.top_clusters) {
    out << "  #" << c.id << " " << c.size << " reports in " << c.outlets << " outlet"
        << (c.outlets == 1 ? "" : "s") << ": " << Iso(c.source) << ": "
        << Iso(Short(c.content, 160)) << "\n";
    for (const ClusterStep& s : c.steps) {
      out << "     " << Iso(s.date) << "  " << Iso(s.outlet) << "  " << s.article;
      if (!s.via.empty()) {
        out << "  via";
        for (const std::string& v : s.via) out << " " << Iso(v);
      }
      out << "  similarity " << Num(s.similarity, 2) << "\n";
    }
  }
  out << "\nper-outlet sourcing:\n";
  for (const OutletShare& s : m.outlets)
    out << "  " << Iso(s.label) << "  articles " << s.articles << ", attributions "
        << s.attributions << ", anonymous " << s.anonymous << " ("
        << Num(100 * s.anonymous_share, 1) << "%), state " << s.state << " ("
        << Num(100 * s.state_share, 1) << "%)\n";
  out << "\ncontested claims: " << m.contested_claims << "\n";
}

std::string MetricsJson(const GraphMetrics& m) {
  json j;
  j["vertices"] = m.vertices;
  j["edges"] = m.edges;
  j["vertex_kinds"] = json::object();
  for (auto& [k, n] : m.vertex_kinds) j["vertex_kinds"][k] = n;
  j["edge_kinds"] = json::object();
  for (auto& [k, n] : m.edge_kinds) j["edge_kinds"][k] = n;
  j["sources_by_degree"] = RankedJson(m.sources_by_degree);
  j["sources_by_pagerank"] = RankedJson(m.sources_by_pagerank);
  j["outlets_by_degree"] = RankedJson(m.outlets_by_degree);
  j["outlets_by_pagerank"] = RankedJson(m.outlets_by_pagerank);
  j["brokers"] = RankedJson(m.brokers);
  j["betweenness_vertices"] = m.betweenness_vertices;
  j["chain_depth"] = json::array();
  for (auto& [d, n] : m.chain_depth) j["chain_depth"].push_back({{"depth", d}, {"claims", n}});
  j["clusters"] = {{"count", m.clusters},
                   {"claims", m.clustered_claims},
                   {"largest", m.largest_cluster},
                   {"top", json::array()}};
  for (const ClusterSummary& c : m.top_clusters) {
    json steps = json::array();
    for (const ClusterStep& s : c.steps)
      steps.push_back({{"article", s.article},
                       {"outlet", s.outlet},
                       {"date", s.date},
                       {"via", s.via},
                       {"similarity", s.similarity}});
    j["clusters"]["top"].push_back({{"id", c.id},
                                    {"size", c.size},
                                    {"content", c.content},
                                    {"source", c.source},
                                    {"first_outlet", c.first_outlet},
                                    {"first_article", c.first_article},
                                    {"first_date", c.first_date},
                                    {"outlets", c.outlets},
                                    {"propagation", steps}});
  }
  j["outlets"] = json::array();
  for (const OutletShare& s : m.outlets)
    j["outlets"].push_back({{"key", s.key},
                            {"label", s.label},
                            {"articles", s.articles},
                            {"attributions", s.attributions},
                            {"anonymous", s.anonymous},
                            {"state", s.state},
                            {"anonymous_share", s.anonymous_share},
                            {"state_share", s.state_share}});
  j["contested_claims"] = m.contested_claims;
  return Dump(j);
}

void WriteContestedText(const std::vector<DisputedClaim>& cs, std::ostream& out) {
  out << cs.size() << " contested claim" << (cs.size() == 1 ? "" : "s") << "\n";
  for (size_t i = 0; i < cs.size(); ++i) {
    const DisputedClaim& c = cs[i];
    out << "\n[" << (i + 1) << "] " << Iso(c.content) << "\n";
    out << "    source   " << Iso(c.source) << "  [" << c.source_key << "]";
    if (!c.source_kind.empty()) out << " " << c.source_kind;
    if (!c.source_country.empty()) out << " " << c.source_country;
    out << "\n    article  " << c.article;
    if (!c.outlet.empty()) out << "  outlet " << Iso(c.outlet);
    if (!c.date.empty()) out << "  date " << Iso(c.date);
    out << "  [" << c.start << "-" << c.end << ")\n";
    if (c.cluster >= 0) out << "    cluster  #" << c.cluster << "\n";
    for (const DisputeEvidence& d : c.disputes) {
      out << "    disputed by " << Iso(d.party) << "  [" << d.party_key << "]  (" << d.scope
          << ")\n";
      out << "      in " << d.article;
      if (!d.outlet.empty()) out << "  outlet " << Iso(d.outlet);
      if (!d.date.empty()) out << "  date " << Iso(d.date);
      out << "  [" << d.start << "-" << d.end << ")\n";
      if (!d.cue.empty()) out << "      cue " << Iso(d.cue);
      if (!d.about.empty()) out << "  about " << Iso(d.about);
      if (!d.cue.empty() || !d.about.empty()) out << "\n";
      if (!d.conflicting_claim.empty())
        out << "      conflicting claim " << d.conflicting_claim << "\n";
      out << "      evidence " << Iso(Short(d.text, 400)) << "\n";
    }
    out << "    articles ";
    for (size_t k = 0; k < c.articles.size(); ++k) out << (k ? ", " : "") << c.articles[k];
    out << "\n";
  }
}

std::string ContestedJson(const std::vector<DisputedClaim>& cs) {
  json a = json::array();
  for (const DisputedClaim& c : cs) {
    json ds = json::array();
    for (const DisputeEvidence& d : c.disputes) {
      json e = {{"party", d.party},
                {"party_key", d.party_key},
                {"scope", d.scope},
                {"article", d.article},
                {"outlet", d.outlet},
                {"date", d.date},
                {"evidence", {{"start", d.start}, {"end", d.end}, {"text", d.text}}}};
      if (!d.cue.empty()) e["cue"] = d.cue;
      if (!d.about.empty()) e["about"] = d.about;
      if (!d.conflicting_claim.empty()) e["conflicting_claim"] = d.conflicting_claim;
      ds.push_back(std::move(e));
    }
    a.push_back({{"claim", c.key},
                 {"content", {{"start", c.start}, {"end", c.end}, {"text", c.content}}},
                 {"article", c.article},
                 {"outlet", c.outlet},
                 {"date", c.date},
                 {"source",
                  {{"name", c.source},
                   {"key", c.source_key},
                   {"kind", c.source_kind},
                   {"country", c.source_country}}},
                 {"cluster", c.cluster},
                 {"disputed_by", ds},
                 {"articles", c.articles}});
  }
  return Dump(a);
}

}  // namespace isnad
