// Exports of the attribution graph: GraphML and DOT with Boost's writers (and GraphML read
// back with Boost's reader), and the node-link JSON of D3 / networkx.
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <boost/property_map/transform_value_property_map.hpp>
#include <exception>
#include <nlohmann/json.hpp>
#include <ostream>

#include "graph/graph_internal.h"

namespace isnad {
namespace {

// A read/write property map showing an enum member of a bundle as its name.
template <typename Key, typename Bundle, typename Enum>
struct EnumNameMap {
  using key_type = Key;
  using value_type = std::string;
  using reference = std::string;
  using category = boost::read_write_property_map_tag;

  BGraph* g;
  Enum Bundle::*member;
  const char* (*name)(Enum);
  bool (*parse)(std::string_view, Enum*);

  friend std::string get(const EnumNameMap& m, const Key& k) { return m.name((*m.g)[k].*m.member); }
  friend void put(const EnumNameMap& m, const Key& k, const std::string& v) {
    Enum e;
    if (!m.parse(v, &e)) throw std::runtime_error("unknown kind \"" + v + "\"");
    (*m.g)[k].*m.member = e;
  }
};

using VertexKindMap = EnumNameMap<BVertex, VertexData, VertexKind>;
using EdgeKindMap = EnumNameMap<BEdge, EdgeData, EdgeKind>;

// The properties GraphML carries: every field of VertexData and EdgeData, by name.
boost::dynamic_properties GraphmlProperties(BGraph& g) {
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("kind", VertexKindMap{&g, &VertexData::kind, VertexKindName, VertexKindFromName});
  dp.property("key", boost::get(&VertexData::key, g));
  dp.property("label", boost::get(&VertexData::label, g));
  dp.property("name_en", boost::get(&VertexData::name_en, g));
  dp.property("type", boost::get(&VertexData::type, g));
  dp.property("country", boost::get(&VertexData::country, g));
  dp.property("anonymous", boost::get(&VertexData::anonymous, g));
  dp.property("count", boost::get(&VertexData::count, g));
  dp.property("articles", boost::get(&VertexData::articles, g));
  dp.property("article", boost::get(&VertexData::article, g));
  dp.property("date", boost::get(&VertexData::date, g));
  dp.property("url", boost::get(&VertexData::url, g));
  dp.property("start", boost::get(&VertexData::start, g));
  dp.property("end", boost::get(&VertexData::end, g));
  dp.property("form", boost::get(&VertexData::form, g));
  dp.property("rule", boost::get(&VertexData::rule, g));
  dp.property("depth", boost::get(&VertexData::depth, g));
  dp.property("cluster", boost::get(&VertexData::cluster, g));
  dp.property("disputed", boost::get(&VertexData::disputed, g));
  dp.property("kind", EdgeKindMap{&g, &EdgeData::kind, EdgeKindName, EdgeKindFromName});
  dp.property("article", boost::get(&EdgeData::article, g));
  dp.property("start", boost::get(&EdgeData::start, g));
  dp.property("end", boost::get(&EdgeData::end, g));
  dp.property("text", boost::get(&EdgeData::text, g));
  dp.property("cue", boost::get(&EdgeData::cue, g));
  dp.property("about", boost::get(&EdgeData::about, g));
  dp.property("stance", boost::get(&EdgeData::stance, g));
  dp.property("form", boost::get(&EdgeData::form, g));
  dp.property("rule", boost::get(&EdgeData::rule, g));
  dp.property("hop", boost::get(&EdgeData::hop, g));
  dp.property("weight", boost::get(&EdgeData::weight, g));
  dp.property("scope", boost::get(&EdgeData::scope, g));
  return dp;
}

std::string DotEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const char* ShapeOf(VertexKind k) {
  switch (k) {
    case VertexKind::kArticle:
      return "note";
    case VertexKind::kOutlet:
      return "box";
    case VertexKind::kSource:
      return "ellipse";
    case VertexKind::kClaim:
      return "plaintext";
  }
  return "ellipse";
}

const char* ColorOf(EdgeKind k) {
  switch (k) {
    case EdgeKind::kDisputes:
      return "red";
    case EdgeKind::kSameAs:
      return "blue";
    case EdgeKind::kVia:
      return "darkgreen";
    default:
      return "black";
  }
}

Status WriteFailed(const char* what) {
  return Status(ErrorCode::kIo, std::string("could not write the ") + what + " output");
}

}  // namespace

Status AttributionGraph::WriteGraphML(std::ostream& out) {
  impl_->EnsureFinished();
  try {
    boost::dynamic_properties dp = GraphmlProperties(impl_->g);
    boost::write_graphml(out, impl_->g, dp, true);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kIo, std::string("GraphML: ") + e.what());
  }
  out.flush();
  return out ? Status::Ok() : WriteFailed("GraphML");
}

Status AttributionGraph::WriteDot(std::ostream& out) {
  impl_->EnsureFinished();
  BGraph& g = impl_->g;
  try {
    boost::dynamic_properties dp;
    auto vtext = [&](std::string VertexData::*f) {
      return boost::make_transform_value_property_map(
          [](const std::string& s) { return DotEscape(s); }, boost::get(f, g));
    };
    auto etext = [&](std::string EdgeData::*f) {
      return boost::make_transform_value_property_map(
          [](const std::string& s) { return DotEscape(s); }, boost::get(f, g));
    };
    dp.property("node_id", vtext(&VertexData::key));
    dp.property("label", vtext(&VertexData::label));
    dp.property("kind", boost::make_transform_value_property_map(
                            [](VertexKind k) { return std::string(VertexKindName(k)); },
                            boost::get(&VertexData::kind, g)));
    dp.property("shape", boost::make_transform_value_property_map(
                             [](VertexKind k) { return std::string(ShapeOf(k)); },
                             boost::get(&VertexData::kind, g)));
    dp.property("type", vtext(&VertexData::type));
    dp.property("country", vtext(&VertexData::country));
    dp.property("count", boost::get(&VertexData::count, g));
    dp.property("articles", boost::get(&VertexData::articles, g));
    dp.property("label", boost::make_transform_value_property_map(
                             [](EdgeKind k) { return std::string(EdgeKindName(k)); },
                             boost::get(&EdgeData::kind, g)));
    dp.property("color", boost::make_transform_value_property_map(
                             [](EdgeKind k) { return std::string(ColorOf(k)); },
                             boost::get(&EdgeData::kind, g)));
    dp.property("article", etext(&EdgeData::article));
    dp.property("start", boost::get(&EdgeData::start, g));
    dp.property("end", boost::get(&EdgeData::end, g));
    dp.property("scope", etext(&EdgeData::scope));
    boost::write_graphviz_dp(out, g, dp, "node_id");
  } catch (const std::exception& e) {
    return Status(ErrorCode::kIo, std::string("DOT: ") + e.what());
  }
  out.flush();
  return out ? Status::Ok() : WriteFailed("DOT");
}

Status AttributionGraph::WriteJson(std::ostream& out) {
  impl_->EnsureFinished();
  const BGraph& g = impl_->g;
  using nlohmann::json;
  auto dump = [&](const json& j) { out << j.dump(-1, ' ', false, json::error_handler_t::replace); };
  json head = {{"name", "isnad attribution graph"},
               {"articles", impl_->articles.size()},
               {"vertices", boost::num_vertices(g)},
               {"edges", boost::num_edges(g)}};
  out << "{\"directed\":true,\"multigraph\":true,\"graph\":";
  dump(head);
  out << ",\n\"nodes\":[\n";
  bool first = true;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const VertexData& v = g[*it];
    json j = {{"id", v.key},
              {"kind", VertexKindName(v.kind)},
              {"label", v.label},
              {"count", v.count},
              {"articles", v.articles}};
    auto str = [&](const char* k, const std::string& s) {
      if (!s.empty()) j[k] = s;
    };
    str("name_en", v.name_en);
    str("type", v.type);
    str("country", v.country);
    if (v.anonymous) j["anonymous"] = true;
    str("article", v.article);
    str("date", v.date);
    str("url", v.url);
    if (v.kind == VertexKind::kClaim) {
      j["start"] = v.start;
      j["end"] = v.end;
      j["depth"] = v.depth;
      j["cluster"] = v.cluster;
      j["disputed"] = v.disputed;
      str("form", v.form);
      str("rule", v.rule);
    }
    out << (first ? "" : ",\n");
    first = false;
    dump(j);
  }
  out << "\n],\n\"links\":[\n";
  first = true;
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const EdgeData& e = g[*it];
    json j = {{"source", g[boost::source(*it, g)].key},
              {"target", g[boost::target(*it, g)].key},
              {"kind", EdgeKindName(e.kind)},
              {"article", e.article},
              {"start", e.start},
              {"end", e.end}};
    auto str = [&](const char* k, const std::string& s) {
      if (!s.empty()) j[k] = s;
    };
    str("text", e.text);
    str("cue", e.cue);
    str("about", e.about);
    str("stance", e.stance);
    str("form", e.form);
    str("rule", e.rule);
    str("scope", e.scope);
    if (e.kind == EdgeKind::kVia) j["hop"] = e.hop;
    if (e.kind == EdgeKind::kSaid || e.kind == EdgeKind::kSameAs) j["weight"] = e.weight;
    out << (first ? "" : ",\n");
    first = false;
    dump(j);
  }
  out << "\n]}\n";
  out.flush();
  return out ? Status::Ok() : WriteFailed("JSON");
}

Result<GraphSnapshot> ReadGraphML(std::istream& in, const std::string& name) {
  BGraph g;
  try {
    boost::dynamic_properties dp = GraphmlProperties(g);
    boost::read_graphml(in, g, dp);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kBadRecord, std::string("not a graph isnad can read: ") + e.what(),
                  name);
  }
  GraphSnapshot s;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) s.vertices.push_back(g[*it]);
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    s.edges.push_back({boost::source(*it, g), boost::target(*it, g), g[*it]});
  return s;
}

}  // namespace isnad
