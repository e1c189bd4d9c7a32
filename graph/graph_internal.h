// Internal to graph/: the Boost.Graph type behind AttributionGraph and the bookkeeping the
// linking stages need. Only graph/*.cc include this header (Boost headers are heavy).
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/claims.h"
#include "graph/graph.h"

namespace isnad {

using BGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexData, EdgeData>;
using BVertex = BGraph::vertex_descriptor;
using BEdge = BGraph::edge_descriptor;

constexpr uint32_t kNone = 0xffffffffu;

struct ArticleRec {
  uint32_t vertex = kNone;
  uint32_t outlet = kNone;  // the publishing outlet's vertex
  std::string id;
  std::optional<int64_t> time;   // ParseDate(doc.date)
  std::vector<uint32_t> claims;  // ClaimRec index of each attribution, in order
};

struct ClaimRec {
  uint32_t vertex = kNone;
  uint32_t article = kNone;  // ArticleRec index
  uint32_t source = kNone;   // the said edge's source vertex
  std::string match_key;     // same resolved source (claim linking)
  std::string entity;        // the source's entity id ("" when none)
  std::string country;       // the source's country
  std::string side;          // country, else the source key: who is speaking
  Stance stance = Stance::kAssert;
  bool negated = false;             // a negation word in the content
  std::vector<uint32_t> signature;  // MinHash; empty when too short to link
  int64_t cluster = -1;
};

struct DisputeRec {
  uint32_t article = kNone;
  uint32_t by = kNone;  // vertex of the disputing party
  std::string by_side;
  std::string against_entity, against_country;
  EdgeData edge;                  // the evidence every disputes edge of this dispute carries
  std::vector<uint32_t> targets;  // ClaimRec indexes in its article
};

struct AttributionGraph::Impl {
  GraphOptions opt;
  BGraph g;
  MinHasher hasher;
  std::unordered_map<std::string, uint32_t> by_key;           // vertex key -> vertex
  std::unordered_map<std::string, uint32_t> articles_by_id;   // article id -> ArticleRec
  std::unordered_map<std::string, std::string> outlet_alias;  // NormalizeKey(name) -> key
  std::vector<uint32_t> last_article;  // per vertex: the last article counted in `articles`
  std::vector<ArticleRec> articles;
  std::vector<ClaimRec> claims;
  std::vector<DisputeRec> disputes;
  std::unordered_set<std::string> negations;                    // normalized
  std::unordered_map<std::string, const EntityInfo*> entities;  // of opt.rules, by id
  std::vector<std::vector<uint32_t>> clusters;   // ClaimRec indexes, first report first
  std::vector<std::vector<double>> cluster_sim;  // similarity of each member to the first
  bool finished = false;

  explicit Impl(GraphOptions o);
  void EnsureFinished() {
    if (!finished) Finish();
  }
  void Finish();
  // The vertex with this key, created with `v` when missing.
  uint32_t Vertex(const VertexData& v);
  // Counts article `a` once in vertex v's `articles`.
  void Touch(uint32_t v, uint32_t article_vertex);
  void AddEdge(uint32_t from, uint32_t to, EdgeData e);
  std::string ResolveOutletKey(const std::string& name);
  // The outlet vertex of a name (see ResolveOutletKey); names that do not resolve to a
  // known outlet are scoped to the article when scope_unresolved (chain links).
  uint32_t OutletVertex(const std::string& name, uint32_t article_vertex, bool scope_unresolved);
};

// Text stored in the graph: valid UTF-8, no control characters, whitespace runs collapsed
// to one space, trimmed (what GraphML and DOT can carry unchanged).
std::string CleanText(std::string_view s);

}  // namespace isnad
