// The graph commands: `graph` (build the attribution graph of articles, export GraphML / DOT /
// JSON, print metrics) and `contested` (claims that someone disputes). See graph/README.md.
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "analyzer/utf8.h"
#include "cli/commands.h"
#include "graph/graph.h"
#include "store/store.h"

namespace isnad::cli {
namespace {

struct GraphInput {
  std::vector<std::string> inputs;
  std::string db;
  RulesOption rules;
  unsigned threads = 0;
  size_t max_bytes = 8u << 20;

  void Add(CLI::App* cmd, bool with_db) {
    cmd->add_option("inputs", inputs,
                    "Files (.txt, .jsonl, .jsonl.gz), folders, or '-' for standard input")
        ->type_name("PATH...");
    if (with_db)
      cmd->add_option("--db", db,
                      "Read the analyses stored in this isnad store (SQLite) instead of "
                      "analyzing files")
          ->type_name("FILE");
    rules.Add(cmd);
    cmd->add_option("-j,--jobs", threads, "Analysis threads (default: one per core)")
        ->default_val(0);
    cmd->add_option("--max-bytes", max_bytes, "Refuse files or records larger than this")
        ->default_val(8u << 20);
  }
};

// --- From a store: a stored record back into an Analysis (code points -> bytes) ------------

template <typename E>
E EnumFromName(const std::string& name, const char* (*to_name)(E), int count, E fallback) {
  for (int k = 0; k < count; ++k)
    if (name == to_name(static_cast<E>(k))) return static_cast<E>(k);
  return fallback;
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

// Adds every stored document's current analysis to the graph.
int AddFromStore(const std::string& path, AttributionGraph* graph) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, {.mode = StoreMode::kReadOnly});
  if (!store.ok()) {
    std::cerr << "isnad: " << store.error().ToString() << "\n";
    return kExitFailed;
  }
  int64_t after = 0;
  size_t refused = 0;
  for (;;) {
    Result<std::vector<int64_t>> keys = (*store)->DocumentKeys(after, 512);
    if (!keys.ok()) {
      std::cerr << "isnad: " << keys.error().ToString() << "\n";
      return kExitFailed;
    }
    if (keys->empty()) break;
    for (int64_t key : *keys) {
      Result<DocRecord> rec = (*store)->ShowKey(key);
      if (!rec.ok()) {
        std::cerr << "isnad: " << rec.error().ToString() << "\n";
        return kExitFailed;
      }
      if (Status s = graph->Add(AnalysisFromRecord(*rec)); !s.ok()) {
        std::cerr << "isnad: warning: " << s.ToString() << "\n";
        ++refused;
      }
    }
    after = keys->back();
  }
  return refused ? kExitInputErrors : kExitOk;
}

// --- From files: read, analyze in batches on every core, add in input order ---------------

int AddFromFiles(const GraphInput& in, const RuleSet& rules, const char* command,
                 AttributionGraph* graph) {
  Analyzer analyzer(rules);
  ReadOptions ropt;
  ropt.max_bytes = in.max_bytes;
  DocumentReader reader(ropt);
  std::vector<std::string> inputs = in.inputs;
  if (inputs.empty()) {
    if (isatty(STDIN_FILENO)) {
      std::cerr << "isnad " << command << ": no input. Give files, folders or '-' for standard "
                << "input (see 'isnad " << command << " --help').\n";
      return kExitUsage;
    }
    inputs.push_back("-");
  }
  for (const std::string& p : inputs) reader.Add(p);
  unsigned threads = in.threads ? in.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t kBatch = 256;
  std::vector<Document> docs;
  std::vector<Analysis> analyses;
  size_t failed = 0, refused = 0, n = 0;
  bool more = true;
  while (more) {
    docs.clear();
    Document doc;
    while (docs.size() < kBatch && (more = reader.Next(&doc))) {
      if (doc.error.ok())
        docs.push_back(std::move(doc));
      else
        ++failed;
      doc = Document();
    }
    analyses.assign(docs.size(), Analysis());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < docs.size(); i = next++)
        analyses[i] = analyzer.Analyze(std::move(docs[i]));
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && docs.size() > 1; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (const Analysis& a : analyses) {
      ++n;
      if (Status s = graph->Add(a); !s.ok()) {
        std::cerr << "isnad: warning: " << s.ToString() << " (skipped)\n";
        ++refused;
      }
    }
  }
  size_t errors = 0;
  for (const Diagnostic& d : reader.diagnostics()) {
    std::cerr << "isnad: " << (d.severity == Diagnostic::Severity::kError ? "error" : "warning")
              << ": " << d.status.ToString() << "\n";
    errors += d.severity == Diagnostic::Severity::kError;
  }
  if (n == 0 && errors == 0 && failed == 0)
    std::cerr << "isnad " << command << ": no documents found in the inputs\n";
  return (errors || failed || refused) ? kExitInputErrors : kExitOk;
}

int Build(const GraphInput& in, const char* command, const RuleSet& rules,
          AttributionGraph* graph) {
  if (!in.db.empty()) {
    if (!in.inputs.empty()) {
      std::cerr << "isnad " << command << ": give FILES or --db, not both\n";
      return kExitUsage;
    }
    return AddFromStore(in.db, graph);
  }
  return AddFromFiles(in, rules, command, graph);
}

// Writes to a file, or to standard output for "-".
int WriteTo(const std::string& path, const char* what,
            const std::function<Status(std::ostream&)>& write) {
  Status s;
  if (path == "-") {
    s = write(std::cout);
  } else {
    std::ofstream f(path, std::ios::binary);
    if (!f) {
      std::cerr << "isnad graph: cannot write " << what << " to " << path << "\n";
      return kExitFailed;
    }
    s = write(f);
  }
  if (!s.ok()) {
    std::cerr << "isnad graph: " << path << ": " << s.ToString() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

struct GraphArgs {
  GraphInput in;
  std::string graphml, dot, json, format = "text";
  bool metrics = false, no_betweenness = false;
  size_t top = 10;
};

int RunGraph(const GraphArgs& args) {
  RuleSet rules = *RuleSet::LoadDefault();
  if (!args.in.rules.Load(&rules)) return kExitUsage;
  GraphOptions gopt;
  gopt.rules = &rules;  // outlives the graph
  AttributionGraph graph(gopt);
  int rc = Build(args.in, "graph", rules, &graph);
  if (rc == kExitUsage || rc == kExitFailed) return rc;
  graph.Finish();
  bool exported = false;
  auto out = [&](const std::string& path, const char* what, auto fn) {
    if (path.empty() || rc == kExitFailed) return;
    exported = true;
    if (WriteTo(path, what, fn) != kExitOk) rc = kExitFailed;
  };
  out(args.graphml, "GraphML", [&](std::ostream& o) { return graph.WriteGraphML(o); });
  out(args.dot, "DOT", [&](std::ostream& o) { return graph.WriteDot(o); });
  out(args.json, "JSON", [&](std::ostream& o) { return graph.WriteJson(o); });
  if (args.metrics || !exported) {
    MetricsOptions mopt;
    mopt.top = args.top;
    mopt.betweenness = !args.no_betweenness;
    GraphMetrics m = graph.Metrics(mopt);
    if (args.format == "json")
      std::cout << MetricsJson(m) << "\n";
    else
      WriteMetricsText(m, std::cout);
  } else {
    std::cerr << "isnad graph: " << graph.num_articles() << " articles, " << graph.num_vertices()
              << " vertices, " << graph.num_edges() << " edges\n";
  }
  return rc;
}

struct ContestedArgs {
  GraphInput in;
  std::string format = "text";
};

int RunContested(const ContestedArgs& args) {
  RuleSet rules = *RuleSet::LoadDefault();
  if (!args.in.rules.Load(&rules)) return kExitUsage;
  GraphOptions gopt;
  gopt.rules = &rules;  // outlives the graph
  AttributionGraph graph(gopt);
  int rc = Build(args.in, "contested", rules, &graph);
  if (rc == kExitUsage || rc == kExitFailed) return rc;
  std::vector<DisputedClaim> c = graph.Contested();
  if (args.format == "json")
    std::cout << ContestedJson(c) << "\n";
  else
    WriteContestedText(c, std::cout);
  return rc;
}

}  // namespace

void AddGraphCommands(CLI::App& app, Action* action) {
  {
    auto args = std::make_shared<GraphArgs>();
    CLI::App* cmd = app.add_subcommand(
        "graph",
        "Build the attribution graph of articles (articles, outlets, sources, claims; "
        "published-by, credits, said, via, disputes and same-claim edges), export it or print "
        "its metrics.");
    args->in.Add(cmd, true);
    cmd->add_option("--graphml", args->graphml, "Write GraphML (Gephi, yEd, networkx) to OUT")
        ->type_name("OUT");
    cmd->add_option("--dot", args->dot, "Write Graphviz DOT to OUT")->type_name("OUT");
    cmd->add_option("--json", args->json, "Write node-link JSON (D3, networkx) to OUT")
        ->type_name("OUT");
    cmd->add_flag("--metrics", args->metrics,
                  "Print the metrics (the default when nothing is exported): most-cited sources "
                  "and outlets by degree and PageRank, brokers by betweenness, chain depths, "
                  "claim clusters, per-outlet anonymous and state shares");
    cmd->add_option("-f,--format", args->format, "Metrics as text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_val("text");
    cmd->add_option("--top", args->top, "Rows in each ranking")->default_val(10);
    cmd->add_flag("--no-betweenness", args->no_betweenness,
                  "Skip betweenness (the costliest metric)");
    cmd->footer(
        "OUT may be '-' for standard output.\n"
        "Examples:\n"
        "  isnad graph samples/ --metrics\n"
        "  isnad graph corpus.jsonl.gz --graphml corpus.graphml --json corpus.json\n"
        "  isnad graph article.txt --dot - | dot -Tsvg > article.svg\n"
        "  isnad graph --db isnad.db --metrics --format json\n"
        "graph/README.md describes the vertices, edges, metrics and export formats.");
    cmd->callback([args, action] { *action = [args] { return RunGraph(*args); }; });
  }
  {
    auto args = std::make_shared<ContestedArgs>();
    CLI::App* cmd = app.add_subcommand(
        "contested",
        "List contested claims: each claim with its source, every party that disputes it with "
        "the evidence, and the articles involved (disputes within an article, reports of the "
        "same claim elsewhere, claims of the disputed party in articles of nearby dates, and "
        "conflicting claims of the other side).");
    args->in.Add(cmd, true);
    cmd->add_option("-f,--format", args->format, "text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_val("text");
    cmd->footer(
        "Examples:\n"
        "  isnad contested samples/alaraby-russian-diplomats-leave-ukraine.txt\n"
        "  isnad contested corpus.jsonl.gz --format json > contested.json\n"
        "  isnad contested --db isnad.db");
    cmd->callback([args, action] { *action = [args] { return RunContested(*args); }; });
  }
}

}  // namespace isnad::cli
