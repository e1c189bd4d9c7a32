// AttributionGraph: who said what, through whom, and who disputes it — over one article or a
// corpus, as a Boost.Graph adjacency list with bundled properties (kept out of this header).
//
//   isnad::AttributionGraph g;                     // GraphOptions: claim linking, disputes
//   for (...) {
//     isnad::Analysis a = analyzer.Analyze(doc);
//     if (isnad::Status s = g.Add(a); !s.ok()) std::cerr << s.ToString() << "\n";
//   }
//   g.Finish();                                    // links claims and disputes across articles
//   isnad::GraphMetrics m = g.Metrics({.top = 10});
//   std::vector<isnad::DisputedClaim> c = g.Contested();
//   std::ofstream f("corpus.graphml");
//   isnad::Status s = g.WriteGraphML(f);          // also WriteDot, WriteJson
//
// Vertices (VertexKind) and edges (EdgeKind) are listed in graph/README.md; in short:
//   article  -published_by-> outlet        the article's own outlet (Document::outlet)
//   article  -credits->      outlet        wire services on its credits line
//   article  -contains->     claim         one claim per attribution
//   source   -said->         claim         with stance, form, rule and the cue as evidence
//   claim    -via->          outlet        each link of the chain, hop 1 = outermost
//   source   -disputes->     source/claim  explicit disputes (Analysis::disputes) and their
//                                          targets, in the article, in the same claim cluster
//                                          or in articles of nearby dates; and conflicts
//   claim    -same_as->      claim         the first report of a statement -> each later one
// Every edge carries its evidence: the article id and a span in CODE POINTS into that
// article's text (as in `isnad analyze --format json`), with the text it covers.
//
// Vertex identity. Outlets and named sources are shared across articles: their key is the
// entity id the analyzer resolved («outlet:tass», «state:ru», «person:jake-sullivan»), or
// «local:KIND:NAME» for names outside the gazetteers. A chain link («via») names an outlet as
// written; it is resolved through the outlets cited as sources so far, then the RuleSet's
// gazetteer (GraphOptions::rules). Unnamed speakers are NOT shared: «مصدر مطلع» in two
// articles is two sources, keyed «anon:ARTICLE#KIND:NAME»; unnamed, non-anonymous ones
// («الشرطة», «بيان», «وسائل إعلام») and chain links that resolve to no known outlet are
// keyed «vague:ARTICLE#KIND:NAME». An article's own outlet that is not in the gazetteer gets
// «local:outlet:NAME» and is shared.
//
// Claim linking (Finish). The same statement reported in several articles — near-duplicate
// content after NormalizeKey (MinHash over character shingles, LSH banding; claims.h) and the
// same resolved source — becomes one cluster; its first report (by date, then article id)
// gets a same_as edge to every later one, which is how it propagated. Every member matches
// the first report itself (not only some other member), within ClaimLinkOptions::window_days.
//
// Errors and lifetime. No method throws. Add() refuses an article whose id is already in the
// graph (kInvalidArgument) and leaves the graph unchanged. Add() after Finish() is allowed:
// the next Finish() (or any query) relinks. The graph copies what it needs from each
// Analysis; the Analysis may be destroyed after Add(). Queries (Metrics, Contested, Write*,
// Snapshot, InEdges, OutEdges) call Finish() when needed and otherwise leave the graph as it
// is. Threads: one thread at a time per graph (no method may run concurrently with another).
// Memory: about 2 KiB per attribution (graph/README.md, "Scale").
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/analysis.h"
#include "analyzer/status.h"
#include "rules/rule_set.h"

namespace isnad {

enum class VertexKind : uint8_t { kArticle, kOutlet, kSource, kClaim };
enum class EdgeKind : uint8_t {
  kPublishedBy,
  kCredits,
  kContains,
  kSaid,
  kVia,
  kDisputes,
  kSameAs
};
// "article", "outlet", "source", "claim"; "published_by", "credits", "contains", "said",
// "via", "disputes", "same_as". The *FromName functions return false for unknown names.
const char* VertexKindName(VertexKind k);
const char* EdgeKindName(EdgeKind k);
bool VertexKindFromName(std::string_view name, VertexKind* out);
bool EdgeKindFromName(std::string_view name, EdgeKind* out);

// The properties of a vertex (the bundled property of the Boost graph, and what the exports
// write). Fields that do not apply to a kind keep their defaults.
struct VertexData {
  VertexKind kind = VertexKind::kSource;
  std::string key;      // unique, see the file comment; claims: "claim:ARTICLE#N"
  std::string label;    // Arabic name; article: title; claim: the content
  std::string name_en;  // outlets and sources, when known
  std::string type;     // source: SourceKind name; outlet: "outlet"; article: its outlet name;
                        // claim: the stance
  std::string country;  // ISO2, when known (sources, outlets, claims: the source's)
  bool anonymous = false;
  int64_t count = 0;     // source: claims it said; outlet: times cited as source or via link;
                         // article: attributions; claim: size of its cluster (1 when alone)
  int64_t articles = 0;  // distinct articles it appears in (article: 1)
  std::string article;   // articles and claims: the article id
  std::string date;      // articles and claims: the article's date as written
  std::string url;       // articles
  int64_t start = -1;    // claims: the content span, code points into the article text
  int64_t end = -1;
  std::string form;      // claims: direct, indirect, mixed
  std::string rule;      // claims: the rule that found the attribution
  int64_t depth = 0;     // claims: number of via links (chain depth)
  int64_t cluster = -1;  // claims: cluster id when linked to claims of other articles
  int64_t disputed = 0;  // claims: disputes edges into it
  friend bool operator==(const VertexData&, const VertexData&) = default;
};

struct EdgeData {
  EdgeKind kind = EdgeKind::kSaid;
  std::string article;  // evidence: the id of the article that states the relation
  int64_t start = -1;   // evidence span, code points into that article's text (-1: none)
  int64_t end = -1;
  std::string text;     // the evidence text (cue, via mention, dispute sentence, credits;
                        // conflict: the conflicting claim's content; contains: empty, the
                        // claim's label is the content)
  std::string cue;      // disputes: the cue («نفت»)
  std::string about;    // disputes: what is disputed, as written; conflict: the key of the
                        // conflicting claim
  std::string stance;   // said: the stance; disputes: the cue's stance ("deny"...)
  std::string form;     // said
  std::string rule;     // said, disputes: the rule id
  int64_t hop = 0;      // via: 1 = outermost link of the chain
  double weight = 1.0;  // said: confidence; same_as: estimated similarity (3 decimals)
  std::string scope;    // disputes: "article" (stated there), "cluster" (a report of the same
                        // claim), "nearby" (party and topic match, nearby date), "conflict"
                        // (a claim of the other side with opposite stance or negated content)
  friend bool operator==(const EdgeData&, const EdgeData&) = default;
};

struct GraphEdge {
  size_t source = 0;  // vertex indexes
  size_t target = 0;
  EdgeData data;
  friend bool operator==(const GraphEdge&, const GraphEdge&) = default;
};

// A plain copy of a graph: vertices in index order, edges in Boost's edges() order.
struct GraphSnapshot {
  std::vector<VertexData> vertices;
  std::vector<GraphEdge> edges;
  friend bool operator==(const GraphSnapshot&, const GraphSnapshot&) = default;
};

struct ClaimLinkOptions {
  bool enabled = true;
  int shingle = 5;  // character k-grams of the normalized content
  int hashes = 64;  // MinHash signature length; must be bands * rows
  int bands = 16;
  double min_similarity = 0.5;  // estimated Jaccard for "same claim"
  int min_words = 4;            // shorter contents are never linked
  int window_days = 7;          // a report joins a cluster this long after its first report at
                                // most (0: no limit); undated articles are not limited
  size_t max_bucket = 400;      // LSH buckets larger than this are skipped (boilerplate)
};

struct DisputeLinkOptions {
  bool across_articles = true;
  int date_window_days = 2;        // "nearby dates"; articles without a date match each other
  double min_topic_overlap = 0.4;  // share of the claim's words found around the dispute
  int min_topic_words = 4;         // and at least this many words in common
  // Conflicts: claims of sources of different countries, in articles of nearby dates, as
  // similar as this, with opposite stance (one a denial) or negated content (a negation word
  // in one only).
  bool conflicts = true;
  double conflict_similarity = 0.5;
  // Negation words, matched after NormalizeKey as whole words (until the rules gain a
  // category for them).
  std::vector<std::string> negations = {"لا", "لم", "لن", "ليس", "ليست", "غير", "عدم"};
};

struct GraphOptions {
  ClaimLinkOptions claims;
  DisputeLinkOptions disputes;
  // Optional: resolves chain links («وكالة أنباء سبوتنيك الروسية») and article outlets to the
  // gazetteer's outlet ids. Must outlive the graph when set.
  const RuleSet* rules = nullptr;
};

// --- Metrics ----------------------------------------------------------------------------
struct RankedVertex {
  size_t vertex = 0;
  std::string key, label, type, country;
  int64_t degree = 0;      // sources: claims said; outlets: citations (said + via + credits)
  int64_t articles = 0;    // distinct articles
  double pagerank = 0;     // over the citation graph, normalized to sum 1
  double betweenness = 0;  // normalized (0..1) over the outlet-source graph
};

struct OutletShare {
  std::string key, label;
  int64_t articles = 0, attributions = 0, anonymous = 0, state = 0;
  double anonymous_share = 0, state_share = 0;
};

struct ClusterStep {
  std::string article, outlet, date;
  std::vector<std::string> via;  // chain labels, outermost first
  double similarity = 1.0;       // to the first report
};

struct ClusterSummary {
  int64_t id = -1;
  size_t size = 0;
  std::string content, source, first_outlet, first_article, first_date;
  size_t outlets = 0;              // distinct publishing outlets
  std::vector<ClusterStep> steps;  // first report first, in date order
};

struct MetricsOptions {
  size_t top = 10;          // rows in each ranking
  bool betweenness = true;  // Brandes over the outlet-source graph (the costliest metric)
  // Betweenness runs on at most this many vertices (the most connected ones); 0: no limit.
  size_t betweenness_max_vertices = 4000;
  int pagerank_iterations = 50;
};

struct GraphMetrics {
  size_t vertices = 0, edges = 0;
  std::vector<std::pair<std::string, size_t>> vertex_kinds, edge_kinds;
  std::vector<RankedVertex> sources_by_degree, sources_by_pagerank;
  std::vector<RankedVertex> outlets_by_degree, outlets_by_pagerank;
  std::vector<RankedVertex> brokers;  // by betweenness; publishing outlets are left out
  size_t betweenness_vertices = 0;    // size of the graph it ran on
  std::vector<std::pair<int64_t, int64_t>> chain_depth;  // depth -> claims
  // Connected components of the claims joined by same_as edges (size >= 2).
  size_t clusters = 0, clustered_claims = 0, largest_cluster = 0;
  std::vector<ClusterSummary> top_clusters;  // largest first
  std::vector<OutletShare> outlets;          // publishing outlets, most articles first
  size_t contested_claims = 0;
};

// --- Contested claims --------------------------------------------------------------------
struct DisputeEvidence {
  std::string party, party_key;       // the disputing side
  std::string scope;                  // article, cluster, nearby, conflict (see EdgeData::scope)
  std::string article, outlet, date;  // where the dispute is stated
  int64_t start = -1, end = -1;       // code points into that article
  std::string text;                   // the dispute's sentence (or the conflicting claim)
  std::string cue, about;             // about: what is disputed, as written
  std::string conflicting_claim;      // conflict: the other claim's key
};

// A contested claim: a claim vertex with at least one disputes edge into it. (Named so as not
// to clash with reports/corpus_report.h's per-dispute ContestedClaim row.)
struct DisputedClaim {
  size_t vertex = 0;
  std::string key, content, article, outlet, date;
  int64_t start = -1, end = -1;
  std::string source, source_key, source_kind, source_country;
  int64_t cluster = -1;
  std::vector<DisputeEvidence> disputes;
  std::vector<std::string> articles;  // every article involved (the claim's and the disputes')
};

class AttributionGraph {
 public:
  explicit AttributionGraph(GraphOptions opt = {});
  ~AttributionGraph();
  AttributionGraph(AttributionGraph&&) noexcept;
  AttributionGraph& operator=(AttributionGraph&&) noexcept;
  AttributionGraph(const AttributionGraph&) = delete;
  AttributionGraph& operator=(const AttributionGraph&) = delete;

  // Adds one article with its attributions and disputes (see the file comment).
  [[nodiscard]] Status Add(const Analysis& a);
  // Links claims across articles (clusters, same_as) and disputes to their targets across
  // articles; idempotent. Queries call it when needed.
  void Finish();

  size_t num_vertices() const;
  size_t num_edges() const;
  size_t num_articles() const;
  // Precondition: i < num_vertices().
  const VertexData& vertex(size_t i) const;
  // The vertex with this key, or -1.
  int64_t Find(std::string_view key) const;
  // Every edge as a plain list (Finish()ed).
  GraphSnapshot Snapshot();
  // The edges into / out of vertex i, (Finish()ed). Precondition: i < num_vertices().
  std::vector<GraphEdge> InEdges(size_t i);
  std::vector<GraphEdge> OutEdges(size_t i);

  GraphMetrics Metrics(const MetricsOptions& opt = {});
  // Claims with at least one disputes edge, most disputed first.
  std::vector<DisputedClaim> Contested();

  // Exports. GraphML and DOT use Boost's writers (read_graphml reads GraphML back, see
  // ReadGraphML); JSON is the node-link form of D3 and networkx ({"nodes", "links"}, links
  // naming nodes by key). Strings are valid UTF-8 with whitespace runs collapsed. Failure to
  // write is kIo.
  [[nodiscard]] Status WriteGraphML(std::ostream& out);
  [[nodiscard]] Status WriteDot(std::ostream& out);
  [[nodiscard]] Status WriteJson(std::ostream& out);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Reads GraphML written by WriteGraphML back with Boost's read_graphml. Errors (malformed XML,
// unknown kind names) are kBadRecord naming `name`.
[[nodiscard]] Result<GraphSnapshot> ReadGraphML(std::istream& in, const std::string& name);

// Reports for people and programs.
void WriteMetricsText(const GraphMetrics& m, std::ostream& out);
std::string MetricsJson(const GraphMetrics& m);  // one JSON document, indented
void WriteContestedText(const std::vector<DisputedClaim>& c, std::ostream& out);
std::string ContestedJson(const std::vector<DisputedClaim>& c);

}  // namespace isnad
