// Graph build over a corpus: analyzes every document (isnad::Analyzer, on every core, in
// batches), adds each analysis to an AttributionGraph, links claims and disputes, computes the
// metrics and writes the exports; prints the time of each stage and the peak resident memory.
//
//   graph_bench ../shared/corpus/ant-arabic-news.jsonl.gz [--threads N] [--out DIR]
//
// A plain timing program, not a test: nothing is asserted. With --out the GraphML, DOT and
// JSON files are kept in DIR (otherwise they are only counted, not stored).
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "graph/graph.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// CPU time of the calling thread: the graph stages run on the main thread, so this measures
// their work even on a machine busy with other jobs (wall time then overstates it).
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double PeakRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// An output that only counts bytes (exports measured without holding them in memory).
struct CountingBuf : std::streambuf {
  size_t bytes = 0;
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) ++bytes;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<size_t>(n);
    return n;
  }
};

// Resident memory now (/proc/self/statm), 0 when unavailable.
double CurrentRssMiB() {
  std::ifstream f("/proc/self/statm");
  long pages = 0, resident = 0;
  if (!(f >> pages >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string input, out_dir;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
      threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) {
      out_dir = argv[++i];
    } else {
      input = argv[i];
    }
  }
  if (input.empty()) {
    std::cerr << "usage: graph_bench CORPUS(.jsonl[.gz]|DIR|FILE) [--threads N] [--out DIR]\n";
    return 2;
  }
  isnad::Result<isnad::RuleSet> rules = isnad::RuleSet::LoadDefault();
  if (!rules.ok()) {
    std::cerr << rules.error().ToString() << "\n";
    return 2;
  }
  isnad::Analyzer analyzer(*rules);

  // 1. Read, analyze (in batches, on `threads` threads: the analyzer is const) and add each
  // analysis to the graph as it comes, so that memory holds the graph and one batch.
  isnad::GraphOptions gopt;
  gopt.rules = &*rules;
  isnad::AttributionGraph graph(gopt);
  double rss_before = CurrentRssMiB();
  double read_s = 0, analyze_s = 0, add_s = 0, add_cpu = 0;
  size_t attributions = 0, disputes = 0, refused = 0;
  isnad::DocumentReader reader;
  reader.Add(input);
  const size_t kBatch = 512;
  std::vector<isnad::Document> docs;
  std::vector<isnad::Analysis> analyses;
  bool more = true;
  while (more) {
    auto tr = std::chrono::steady_clock::now();
    docs.clear();
    isnad::Document doc;
    while (docs.size() < kBatch && (more = reader.Next(&doc))) {
      if (doc.error.ok()) docs.push_back(std::move(doc));
      doc = isnad::Document();
    }
    read_s += Seconds(tr);
    auto ta = std::chrono::steady_clock::now();
    analyses.assign(docs.size(), isnad::Analysis());
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (size_t i = next++; i < docs.size(); i = next++)
          analyses[i] = analyzer.Analyze(std::move(docs[i]));
      });
    for (std::thread& th : pool) th.join();
    analyze_s += Seconds(ta);
    auto tg = std::chrono::steady_clock::now();
    double cg = ThreadCpuSeconds();
    for (const isnad::Analysis& a : analyses) {
      attributions += a.attributions.size();
      disputes += a.disputes.size();
      refused += !graph.Add(a).ok();
    }
    add_s += Seconds(tg);
    add_cpu += ThreadCpuSeconds() - cg;
  }
  analyses.clear();
  analyses.shrink_to_fit();
  docs.shrink_to_fit();
  auto t3 = std::chrono::steady_clock::now();
  double c3 = ThreadCpuSeconds();
  graph.Finish();
  double finish_s = Seconds(t3), finish_cpu = ThreadCpuSeconds() - c3;

  auto t4 = std::chrono::steady_clock::now();
  double c4 = ThreadCpuSeconds();
  isnad::GraphMetrics m = graph.Metrics();
  double metrics_s = Seconds(t4), metrics_cpu = ThreadCpuSeconds() - c4;
  double rss_built = CurrentRssMiB();
  auto t5 = std::chrono::steady_clock::now();
  std::vector<isnad::DisputedClaim> contested = graph.Contested();
  double contested_s = Seconds(t5);

  // 3. Exports.
  auto write = [&](const char* name, auto fn) {
    auto t = std::chrono::steady_clock::now();
    size_t bytes = 0;
    if (!out_dir.empty()) {
      std::ofstream f(out_dir + "/" + name, std::ios::binary);
      isnad::Status s = fn(f);
      if (!s.ok()) std::cerr << s.ToString() << "\n";
      bytes = static_cast<size_t>(f.tellp());
    } else {
      CountingBuf buf;
      std::ostream os(&buf);
      isnad::Status s = fn(os);
      if (!s.ok()) std::cerr << s.ToString() << "\n";
      bytes = buf.bytes;
    }
    std::printf("  %-16s %8.2f s  %9.1f MiB\n", name, Seconds(t), bytes / 1048576.0);
  };

  std::printf("corpus %s: %zu documents, %zu attributions, %zu disputes (%zu refused)\n",
              input.c_str(), graph.num_articles(), attributions, disputes, refused);
  std::printf("read            %8.2f s\n", read_s);
  std::printf("analyze         %8.2f s  (%u threads)\n", analyze_s, threads);
  std::printf("                    wall      cpu\n");
  std::printf("graph add       %8.2f s %6.2f s\n", add_s, add_cpu);
  std::printf("graph finish    %8.2f s %6.2f s  (claim clusters, dispute links)\n", finish_s,
              finish_cpu);
  std::printf("graph build     %8.2f s %6.2f s  (add + finish)\n", add_s + finish_s,
              add_cpu + finish_cpu);
  std::printf("metrics         %8.2f s %6.2f s  (betweenness over %zu vertices)\n", metrics_s,
              metrics_cpu, m.betweenness_vertices);
  std::printf("contested       %8.2f s  (%zu claims)\n", contested_s, contested.size());
  std::printf("graph: %zu vertices, %zu edges; %zu clusters (%zu claims, largest %zu)\n",
              m.vertices, m.edges, m.clusters, m.clustered_claims, m.largest_cluster);
  for (auto& [k, n] : m.vertex_kinds) std::printf("  vertices %-12s %zu\n", k.c_str(), n);
  for (auto& [k, n] : m.edge_kinds) std::printf("  edges    %-12s %zu\n", k.c_str(), n);
  std::printf("exports:\n");
  write("graph.graphml", [&](std::ostream& o) { return graph.WriteGraphML(o); });
  write("graph.dot", [&](std::ostream& o) { return graph.WriteDot(o); });
  write("graph.json", [&](std::ostream& o) { return graph.WriteJson(o); });
  std::printf("resident memory: %.1f MiB before the graph, %.1f MiB after build and metrics\n",
              rss_before, rss_built);
  std::printf("peak RSS (getrusage): %.1f MiB\n", PeakRssMiB());
  return 0;
}
