// Metrics over the attribution graph with Boost.Graph algorithms: degree rankings, PageRank
// over the citation graph, Brandes betweenness over the outlet-source graph, chain depths,
// claim clusters and per-outlet sourcing shares. See graph/README.md for the definitions.
#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/page_rank.hpp>
#include <map>
#include <set>

#include "graph/graph_internal.h"

namespace isnad {
namespace {

// The edges of a claim's chain, outermost first.
std::vector<uint32_t> ChainOf(const BGraph& g, uint32_t claim_vertex) {
  std::vector<std::pair<int64_t, uint32_t>> hops;
  for (auto [it, end] = boost::out_edges(claim_vertex, g); it != end; ++it)
    if (g[*it].kind == EdgeKind::kVia)
      hops.emplace_back(g[*it].hop, static_cast<uint32_t>(boost::target(*it, g)));
  std::sort(hops.begin(), hops.end());
  std::vector<uint32_t> out;
  for (auto& h : hops) out.push_back(h.second);
  return out;
}

}  // namespace

GraphMetrics AttributionGraph::Metrics(const MetricsOptions& opt) {
  Impl& m = *impl_;
  m.EnsureFinished();
  const BGraph& g = m.g;
  const size_t nv = boost::num_vertices(g);
  GraphMetrics out;
  out.vertices = nv;
  out.edges = boost::num_edges(g);
  {
    std::map<std::string, size_t> vk, ek;
    for (int k = 0; k <= static_cast<int>(VertexKind::kClaim); ++k)
      vk[VertexKindName(static_cast<VertexKind>(k))] = 0;
    for (int k = 0; k <= static_cast<int>(EdgeKind::kSameAs); ++k)
      ek[EdgeKindName(static_cast<EdgeKind>(k))] = 0;
    for (auto [it, end] = boost::vertices(g); it != end; ++it) ++vk[VertexKindName(g[*it].kind)];
    for (auto [it, end] = boost::edges(g); it != end; ++it) ++ek[EdgeKindName(g[*it].kind)];
    out.vertex_kinds.assign(vk.begin(), vk.end());
    out.edge_kinds.assign(ek.begin(), ek.end());
  }

  // Citation graph: the publishing outlet (or the article when it has none) cites the first
  // link of each chain, each link cites the next, the last cites the source; an article's
  // outlet cites the wire services it credits. Parallel edges weigh repeated citations.
  std::vector<int32_t> proj(nv, -1);
  std::vector<uint32_t> back;
  auto P = [&](uint32_t v) {
    if (proj[v] < 0) {
      proj[v] = static_cast<int32_t>(back.size());
      back.push_back(v);
    }
    return static_cast<uint32_t>(proj[v]);
  };
  std::vector<std::pair<uint32_t, uint32_t>> cites;
  auto cite = [&](uint32_t a, uint32_t b) {
    if (a != b) cites.emplace_back(P(a), P(b));
  };
  for (const ArticleRec& art : m.articles) {
    uint32_t citer = art.outlet != kNone ? art.outlet : art.vertex;
    for (auto [it, end] = boost::out_edges(art.vertex, g); it != end; ++it)
      if (g[*it].kind == EdgeKind::kCredits)
        cite(citer, static_cast<uint32_t>(boost::target(*it, g)));
    for (uint32_t ci : art.claims) {
      uint32_t prev = citer;
      for (uint32_t o : ChainOf(g, m.claims[ci].vertex)) {
        cite(prev, o);
        prev = o;
      }
      cite(prev, m.claims[ci].source);
    }
  }
  std::vector<double> pagerank(nv, 0.0);
  if (!back.empty()) {
    using CGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
    CGraph cg(cites.begin(), cites.end(), back.size());
    std::vector<double> rank(back.size(), 0.0);
    boost::graph::page_rank(
        cg, boost::make_iterator_property_map(rank.begin(), boost::get(boost::vertex_index, cg)),
        boost::graph::n_iterations(std::max(1, opt.pagerank_iterations)));
    double sum = 0;
    for (double r : rank) sum += r;
    for (size_t i = 0; i < back.size(); ++i) pagerank[back[i]] = sum > 0 ? rank[i] / sum : 0;
  }

  // Betweenness: the undirected outlet-source graph (named sources only: anonymous ones are
  // per-article leaves), reduced to its 2-core (leaves lie between nothing), then to the
  // most connected vertices when larger than the limit.
  std::vector<double> betweenness(nv, 0.0);
  if (opt.betweenness) {
    std::set<std::pair<uint32_t, uint32_t>> und;
    for (auto [a, b] : cites) {
      uint32_t va = back[a], vb = back[b];
      if (g[va].kind == VertexKind::kArticle || g[vb].kind == VertexKind::kArticle) continue;
      if (g[va].anonymous || g[vb].anonymous) continue;
      und.emplace(std::min(va, vb), std::max(va, vb));
    }
    std::unordered_map<uint32_t, std::vector<uint32_t>> adj;
    for (auto [a, b] : und) {
      adj[a].push_back(b);
      adj[b].push_back(a);
    }
    std::unordered_map<uint32_t, size_t> degree;
    for (auto& [v, n] : adj) degree[v] = n.size();
    std::vector<uint32_t> queue;
    for (auto& [v, d] : degree)
      if (d < 2) queue.push_back(v);
    std::unordered_set<uint32_t> removed;
    while (!queue.empty()) {
      uint32_t v = queue.back();
      queue.pop_back();
      if (!removed.insert(v).second) continue;
      for (uint32_t w : adj[v])
        if (!removed.count(w) && --degree[w] < 2) queue.push_back(w);
    }
    std::vector<uint32_t> keep;
    for (auto& [v, d] : degree)
      if (!removed.count(v)) keep.push_back(v);
    std::sort(keep.begin(), keep.end(), [&](uint32_t a, uint32_t b) {
      return degree[a] != degree[b] ? degree[a] > degree[b] : a < b;
    });
    if (opt.betweenness_max_vertices > 0 && keep.size() > opt.betweenness_max_vertices)
      keep.resize(opt.betweenness_max_vertices);
    std::unordered_map<uint32_t, uint32_t> local;
    for (uint32_t i = 0; i < keep.size(); ++i) local[keep[i]] = i;
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    for (auto [a, b] : und) {
      auto ia = local.find(a), ib = local.find(b);
      if (ia != local.end() && ib != local.end()) edges.emplace_back(ia->second, ib->second);
    }
    out.betweenness_vertices = keep.size();
    if (keep.size() > 2) {
      using UGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
      UGraph ug(edges.begin(), edges.end(), keep.size());
      std::vector<double> c(keep.size(), 0.0);
      auto cmap = boost::make_iterator_property_map(c.begin(), boost::get(boost::vertex_index, ug));
      boost::brandes_betweenness_centrality(ug, boost::centrality_map(cmap));
      boost::relative_betweenness_centrality(ug, cmap);
      for (size_t i = 0; i < keep.size(); ++i) betweenness[keep[i]] = c[i];
    }
  }

  auto ranked = [&](uint32_t v) {
    RankedVertex r;
    r.vertex = v;
    r.key = g[v].key;
    r.label = g[v].label;
    r.type = g[v].type;
    r.country = g[v].country;
    r.degree = g[v].count;
    r.articles = g[v].articles;
    r.pagerank = pagerank[v];
    r.betweenness = betweenness[v];
    return r;
  };
  auto top = [&](VertexKind kind, auto score) {
    std::vector<uint32_t> vs;
    for (uint32_t v = 0; v < nv; ++v)
      if (g[v].kind == kind && score(v) > 0) vs.push_back(v);
    size_t n = std::min(opt.top, vs.size());
    std::partial_sort(vs.begin(), vs.begin() + n, vs.end(), [&](uint32_t a, uint32_t b) {
      double sa = score(a), sb = score(b);
      if (sa != sb) return sa > sb;
      if (g[a].articles != g[b].articles) return g[a].articles > g[b].articles;
      return g[a].key < g[b].key;
    });
    std::vector<RankedVertex> r;
    for (size_t i = 0; i < n; ++i) r.push_back(ranked(vs[i]));
    return r;
  };
  auto by_degree = [&](uint32_t v) { return static_cast<double>(g[v].count); };
  auto by_rank = [&](uint32_t v) { return pagerank[v]; };
  out.sources_by_degree = top(VertexKind::kSource, by_degree);
  out.sources_by_pagerank = top(VertexKind::kSource, by_rank);
  out.outlets_by_degree = top(VertexKind::kOutlet, by_degree);
  out.outlets_by_pagerank = top(VertexKind::kOutlet, by_rank);
  {
    // Brokers lie between outlets: the publishing outlets are the ends of those paths, so
    // they are ranked among the outlets but not listed as brokers.
    std::vector<bool> publisher(nv, false);
    for (const ArticleRec& art : m.articles)
      if (art.outlet != kNone) publisher[art.outlet] = true;
    std::vector<uint32_t> vs;
    for (uint32_t v = 0; v < nv; ++v)
      if (betweenness[v] > 0 && !publisher[v]) vs.push_back(v);
    size_t n = std::min(opt.top, vs.size());
    std::partial_sort(vs.begin(), vs.begin() + n, vs.end(), [&](uint32_t a, uint32_t b) {
      return betweenness[a] != betweenness[b] ? betweenness[a] > betweenness[b]
                                              : g[a].key < g[b].key;
    });
    for (size_t i = 0; i < n; ++i) out.brokers.push_back(ranked(vs[i]));
  }

  // Chain depths and sourcing shares.
  std::map<int64_t, int64_t> depth;
  std::map<uint32_t, OutletShare> shares;  // by publishing outlet vertex (kNone: none)
  for (const ArticleRec& art : m.articles) {
    OutletShare& s = shares[art.outlet];
    if (s.articles == 0) {
      s.key = art.outlet != kNone ? g[art.outlet].key : "";
      s.label = art.outlet != kNone ? g[art.outlet].label : "(no outlet)";
    }
    ++s.articles;
    for (uint32_t ci : art.claims) {
      const ClaimRec& c = m.claims[ci];
      ++depth[g[c.vertex].depth];
      ++s.attributions;
      if (g[c.source].anonymous) ++s.anonymous;
      if (g[c.source].type == SourceKindName(SourceKind::kState)) ++s.state;
    }
  }
  out.chain_depth.assign(depth.begin(), depth.end());
  for (auto& [v, s] : shares) {
    if (s.attributions > 0) {
      s.anonymous_share = static_cast<double>(s.anonymous) / static_cast<double>(s.attributions);
      s.state_share = static_cast<double>(s.state) / static_cast<double>(s.attributions);
    }
    out.outlets.push_back(s);
  }
  std::sort(out.outlets.begin(), out.outlets.end(), [](const OutletShare& a, const OutletShare& b) {
    return a.articles != b.articles ? a.articles > b.articles : a.key < b.key;
  });

  // Clusters: the connected components of the claims joined by same_as edges (Boost).
  {
    std::vector<int32_t> local(nv, -1);
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    uint32_t n = 0;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      if (g[*it].kind != EdgeKind::kSameAs) continue;
      uint32_t a = static_cast<uint32_t>(boost::source(*it, g));
      uint32_t b = static_cast<uint32_t>(boost::target(*it, g));
      if (local[a] < 0) local[a] = static_cast<int32_t>(n++);
      if (local[b] < 0) local[b] = static_cast<int32_t>(n++);
      edges.emplace_back(local[a], local[b]);
    }
    using UGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    UGraph ug(edges.begin(), edges.end(), n);
    std::vector<int> comp(n);
    int ncomp = n ? boost::connected_components(ug, comp.data()) : 0;
    std::vector<size_t> size(ncomp, 0);
    for (int c : comp) ++size[c];
    out.clusters = static_cast<size_t>(ncomp);
    out.clustered_claims = n;
    for (size_t s : size) out.largest_cluster = std::max(out.largest_cluster, s);
  }
  std::vector<size_t> order(m.clusters.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  size_t nc = std::min(opt.top, order.size());
  std::partial_sort(order.begin(), order.begin() + nc, order.end(), [&](size_t a, size_t b) {
    return m.clusters[a].size() != m.clusters[b].size()
               ? m.clusters[a].size() > m.clusters[b].size()
               : a < b;
  });
  for (size_t k = 0; k < nc; ++k) {
    size_t id = order[k];
    const auto& members = m.clusters[id];
    ClusterSummary cs;
    cs.id = static_cast<int64_t>(id);
    cs.size = members.size();
    const ClaimRec& first = m.claims[members.front()];
    cs.content = g[first.vertex].label;
    cs.source = g[first.source].label;
    std::set<uint32_t> outlets;
    for (size_t i = 0; i < members.size(); ++i) {
      const ClaimRec& c = m.claims[members[i]];
      const ArticleRec& art = m.articles[c.article];
      ClusterStep st;
      st.article = art.id;
      st.outlet = art.outlet != kNone ? g[art.outlet].label : "";
      st.date = g[art.vertex].date;
      for (uint32_t o : ChainOf(g, c.vertex)) st.via.push_back(g[o].label);
      st.similarity = m.cluster_sim[id][i];
      if (art.outlet != kNone) outlets.insert(art.outlet);
      cs.steps.push_back(std::move(st));
    }
    cs.first_article = cs.steps.front().article;
    cs.first_outlet = cs.steps.front().outlet;
    cs.first_date = cs.steps.front().date;
    cs.outlets = outlets.size();
    out.top_clusters.push_back(std::move(cs));
  }
  for (const ClaimRec& c : m.claims) out.contested_claims += g[c.vertex].disputed > 0;
  return out;
}

}  // namespace isnad
