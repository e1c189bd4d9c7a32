// The graph commands: `graph` (build the attribution graph of articles, export GraphML / DOT /
// JSON, print metrics) and `contested` (claims that someone disputes). See graph/README.md.
#include <atomic>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "cli/commands.h"
#include "graph/graph.h"

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

// Adds every stored document's current analysis to the graph.
int AddFromStore(const std::string& path, const char* command, AttributionGraph* graph) {
  size_t refused = 0;
  int rc = ForEachStoredAnalysis(path, command, [&](Analysis&& a) {
    if (Status s = graph->Add(a); !s.ok()) {
      std::cerr << "isnad: warning: " << s.ToString() << "\n";
      ++refused;
    }
  });
  if (rc != kExitOk) return rc;
  return refused ? kExitInputErrors : kExitOk;
}

// --- From files: read, analyze in batches on every core, add in input order ---------------

int AddFromFiles(const GraphInput& in, const RuleSet& rules, const char* command,
                 AttributionGraph* graph) {
  Analyzer analyzer(rules);
  ReadOptions ropt;
  ropt.max_bytes = in.max_bytes;
  DocumentReader reader(ropt);
  std::vector<std::string> inputs;
  if (!InputsOrStdin(in.inputs, command, &inputs)) return kExitUsage;
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
  size_t errors = PrintDiagnostics(reader, command);
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
    return AddFromStore(in.db, command, graph);
  }
  return AddFromFiles(in, rules, command, graph);
}

struct GraphArgs {
  GraphInput in;
  std::string graphml, dot, json, format = "text";
  bool metrics = false, no_betweenness = false;
  size_t top = 10;
};

int RunGraph(const GraphArgs& args) {
  std::optional<RuleSet> loaded = args.in.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
  GraphOptions gopt;
  gopt.rules = &rules;  // outlives the graph
  AttributionGraph graph(gopt);
  int rc = Build(args.in, "graph", rules, &graph);
  if (rc == kExitUsage || rc == kExitFailed) return rc;
  graph.Finish();
  bool exported = false;
  auto out = [&](const std::string& path, auto fn) {
    if (path.empty() || rc == kExitFailed) return;
    exported = true;
    if (!WriteFileAtomically(path, "graph", fn)) rc = kExitFailed;
  };
  out(args.graphml, [&](std::ostream& o) { return graph.WriteGraphML(o); });
  out(args.dot, [&](std::ostream& o) { return graph.WriteDot(o); });
  out(args.json, [&](std::ostream& o) { return graph.WriteJson(o); });
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
  std::optional<RuleSet> loaded = args.in.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
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
