// isnad_corpus_bench: streams a corpus through DocumentReader + Analyzer and reports
// throughput and memory, single-threaded and then with N threads.
//
//   isnad_corpus_bench CORPUS.jsonl[.gz] [--threads N] [--limit N] [--baseline-seconds S]
//                      [--repeat R]
//   isnad_corpus_bench CORPUS.jsonl[.gz] --limit 2000 --single   # for a profiler: phase 3 only
//
// Phases, in one process: (1) loading the built-in rules (the first load, and the median of
// five); (2) reading only (decompression, JSON, validation, layout); (3) reading + analysis on
// one thread; (4) reading + analysis with N threads (default: one per core), each reading a batch
// of 16 articles under a shared lock and analyzing it (at most 16N articles in memory). Each phase
// reports its wall time, its CPU time (user + system, all threads), articles/s and MB/s of wall
// time (MB = 10^6 bytes of article text, as read), MB per CPU second (the rate a quiet machine
// would show on one core when the machine is shared) and its peak resident memory (VmHWM, reset
// between phases through /proc/self/clear_refs where the kernel allows it).
// The attribution count of phases 3 and 4 must agree: the program exits 1 otherwise.
// --repeat R runs phases 3 and 4 R times, alternating (1 thread, N threads, 1 thread, ...), so that
// a shared or virtual machine's drift in speed falls on both alike; each phase then reports its
// median run (by wall time), and the speedup is the median of the R paired ratios, with their
// range.
// --baseline-seconds S prints the single-thread time as a multiple of S (corpus_bench.sh
// passes the time of a grep scan over the same file). Exit status 2: bad arguments or input.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "rules/rule_set.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU seconds used by the calling thread.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Peak resident set size of this process in bytes (VmHWM), or ru_maxrss when /proc is absent.
size_t PeakRss() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmHWM:")) return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<size_t>(ru.ru_maxrss) * 1024;
}

// Resets VmHWM to the current RSS so the next phase's peak is its own. False if not allowed.
bool ResetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  if (!out) return false;
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

struct Totals {
  size_t articles = 0;
  size_t bytes = 0;
  size_t failed = 0;  // records the reader could not read
  size_t attributions = 0;
  size_t disputes = 0;
  double analyze_seconds = 0;  // summed wall time inside Analyze (all threads)
  double analyze_cpu = 0;      // summed thread CPU time inside Analyze
};

// CPU seconds (user + system) used by this process so far, all threads.
double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Phase {
  std::string name;
  int threads;
  double seconds;      // wall
  double cpu_seconds;  // user + system, all threads
  Totals totals;
  size_t peak;
};

void PrintHeader() {
  std::printf("%-22s %9s %9s %11s %9s %10s %9s\n", "phase", "wall s", "cpu s", "articles/s", "MB/s",
              "MB/cpu-s", "peak MB");
}

void PrintPhase(const Phase& p) {
  double mb = p.totals.bytes / 1e6;
  std::printf("%-22s %9.2f %9.2f %11.0f %9.2f %10.2f %9.1f\n", p.name.c_str(), p.seconds,
              p.cpu_seconds, p.totals.articles / p.seconds, mb / p.seconds, mb / p.cpu_seconds,
              p.peak / 1048576.0);
}

Totals ReadOnly(const std::string& path, size_t limit) {
  Totals t;
  isnad::DocumentReader reader;
  reader.Add(path);
  isnad::Document doc;
  while (t.articles + t.failed < limit && reader.Next(&doc)) {
    if (!doc.error.ok()) {
      ++t.failed;
      continue;
    }
    ++t.articles;
    t.bytes += doc.text.size();
  }
  return t;
}

// Analyzes one document into *t.
void AnalyzeOne(const isnad::Analyzer& analyzer, isnad::Document doc, Totals* t) {
  if (!doc.error.ok()) {
    ++t->failed;
    return;
  }
  ++t->articles;
  t->bytes += doc.text.size();
  Clock::time_point a = Clock::now();
  double c = ThreadCpuSeconds();
  isnad::Analysis an = analyzer.Analyze(std::move(doc));
  t->analyze_cpu += ThreadCpuSeconds() - c;
  t->analyze_seconds += Seconds(a, Clock::now());
  t->attributions += an.attributions.size();
  t->disputes += an.disputes.size();
}

// Reads and analyzes. One thread: read, analyze, read, ... Several: `threads` workers share the
// reader, each taking a batch of documents under a lock and analyzing it, so one worker's reading
// overlaps with the others' analysis.
Totals Analyze(const std::string& path, size_t limit, const isnad::Analyzer& analyzer,
               int threads) {
  isnad::DocumentReader reader;
  reader.Add(path);
  std::vector<Totals> per(threads);
  if (threads == 1) {
    isnad::Document doc;
    for (size_t taken = 0; taken < limit && reader.Next(&doc); ++taken) {
      AnalyzeOne(analyzer, std::move(doc), &per[0]);
      doc = isnad::Document{};
    }
    return per[0];
  }
  // No reader thread: each worker takes the reader under a lock, reads a batch of 16 documents
  // and analyzes them. Reading is about a tenth of the work, so the lock is seldom contended;
  // there is no third thread to share the cores with, and a document is freed by the thread that
  // allocated it.
  constexpr size_t kBatch = 16;
  std::mutex mu;
  size_t taken = 0;
  auto work = [&](Totals* t) {
    std::vector<isnad::Document> batch;
    for (;;) {
      batch.clear();
      {
        std::lock_guard<std::mutex> lock(mu);
        isnad::Document doc;
        while (batch.size() < kBatch && taken < limit && reader.Next(&doc)) {
          ++taken;
          batch.push_back(std::move(doc));
          doc = isnad::Document{};
        }
      }
      if (batch.empty()) return;
      for (isnad::Document& doc : batch) AnalyzeOne(analyzer, std::move(doc), t);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(work, &per[i]);
  for (auto& th : pool) th.join();
  Totals sum;
  for (const Totals& t : per) {
    sum.articles += t.articles;
    sum.bytes += t.bytes;
    sum.failed += t.failed;
    sum.attributions += t.attributions;
    sum.disputes += t.disputes;
    sum.analyze_seconds += t.analyze_seconds;
    sum.analyze_cpu += t.analyze_cpu;
  }
  return sum;
}

int Usage() {
  std::fprintf(stderr,
               "usage: isnad_corpus_bench CORPUS.jsonl[.gz] [--threads N] [--limit N] "
               "[--baseline-seconds S] [--repeat R] [--single]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  size_t limit = static_cast<size_t>(-1);
  double baseline = 0;
  bool single = false;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--threads" || a == "-j") && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (a == "--limit" && i + 1 < argc) {
      limit = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--baseline-seconds" && i + 1 < argc) {
      baseline = std::atof(argv[++i]);
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (a == "--single") {
      single = true;
    } else if (a.starts_with("-") || !path.empty()) {
      return Usage();
    } else {
      path = a;
    }
  }
  if (path.empty() || threads < 1 || threads > 256 || repeat < 1 || repeat > 100) return Usage();

  // (1) Rules.
  std::vector<double> loads, load_cpu;
  isnad::Result<isnad::RuleSet> rules = isnad::Status();
  for (int i = 0; i < (single ? 1 : 5); ++i) {
    Clock::time_point a = Clock::now();
    double c = ThreadCpuSeconds();
    rules = isnad::RuleSet::LoadDefault();
    load_cpu.push_back((ThreadCpuSeconds() - c) * 1000);
    loads.push_back(Seconds(a, Clock::now()) * 1000);
    if (!rules.ok()) {
      std::fprintf(stderr, "isnad_corpus_bench: %s\n", rules.error().ToString().c_str());
      return 2;
    }
  }
  double first_load = loads[0], first_load_cpu = load_cpu[0];
  std::sort(loads.begin(), loads.end());
  std::sort(load_cpu.begin(), load_cpu.end());
  isnad::Analyzer analyzer(*rules);
  if (single) {
    std::printf("rules load+compile: %.1f ms\n", first_load);
    Clock::time_point a = Clock::now();
    double c = CpuSeconds();
    Totals one = Analyze(path, limit, analyzer, 1);
    PrintHeader();
    PrintPhase(
        {"read+analyze 1 thread", 1, Seconds(a, Clock::now()), CpuSeconds() - c, one, PeakRss()});
    return 0;
  }

  std::vector<Phase> phases;
  bool reset = ResetPeakRss();
  Clock::time_point a = Clock::now();
  double c = CpuSeconds();
  Totals read = ReadOnly(path, limit);
  phases.push_back({"read only", 1, Seconds(a, Clock::now()), CpuSeconds() - c, read, PeakRss()});
  if (read.articles == 0) {
    std::fprintf(stderr, "isnad_corpus_bench: no article could be read from %s\n", path.c_str());
    return 2;
  }
  // (3) and (4), alternating `repeat` times; the median run of each stands for the phase.
  std::vector<Phase> ones, manys;
  std::vector<double> ratios;
  Totals one, many;
  for (int r = 0; r < repeat; ++r) {
    ResetPeakRss();
    a = Clock::now();
    c = CpuSeconds();
    one = Analyze(path, limit, analyzer, 1);
    ones.push_back(
        {"read+analyze 1 thread", 1, Seconds(a, Clock::now()), CpuSeconds() - c, one, PeakRss()});
    ResetPeakRss();
    a = Clock::now();
    c = CpuSeconds();
    many = Analyze(path, limit, analyzer, threads);
    manys.push_back({"read+analyze " + std::to_string(threads) + " threads", threads,
                     Seconds(a, Clock::now()), CpuSeconds() - c, many, PeakRss()});
    ratios.push_back(ones.back().seconds / manys.back().seconds);
    if (one.attributions != many.attributions || one.articles != many.articles) break;
  }
  auto by_wall = [](const Phase& x, const Phase& y) { return x.seconds < y.seconds; };
  std::sort(ones.begin(), ones.end(), by_wall);
  std::sort(manys.begin(), manys.end(), by_wall);
  std::sort(ratios.begin(), ratios.end());
  phases.push_back(ones[ones.size() / 2]);
  phases.push_back(manys[manys.size() / 2]);
  one = phases[1].totals;
  const double median_ratio = ratios.size() % 2 == 1
                                  ? ratios[ratios.size() / 2]
                                  : (ratios[ratios.size() / 2 - 1] + ratios[ratios.size() / 2]) / 2;

  std::printf("corpus: %s: %zu articles, %.1f MB of text, %zu records not read\n", path.c_str(),
              read.articles, read.bytes / 1e6, read.failed);
  std::printf(
      "rules load+compile: first %.1f ms (%.1f ms CPU), median of 5 %.1f ms (%.1f ms CPU); "
      "%zu phrases\n",
      first_load, first_load_cpu, loads[2], load_cpu[2], rules->phrase_count());
  PrintHeader();
  for (const Phase& p : phases) PrintPhase(p);
  std::printf(
      "Analyze alone (inside Analyzer::Analyze, 1 thread): %.2f MB/s of wall time, "
      "%.2f MB per CPU second\n",
      one.bytes / 1e6 / one.analyze_seconds, one.bytes / 1e6 / one.analyze_cpu);
  std::printf("attributions: %zu (%.2f per article), disputes: %zu\n", one.attributions,
              static_cast<double>(one.attributions) / one.articles, one.disputes);
  if (ratios.size() == 1) {
    std::printf("speedup with %d threads: %.2fx\n", threads, ratios[0]);
  } else {
    std::printf(
        "speedup with %d threads: %.2fx (median of %zu paired runs, range %.2f-%.2fx; the phase "
        "rows above are the median runs)\n",
        threads, median_ratio, ratios.size(), ratios.front(), ratios.back());
  }
  if (!reset)
    std::printf("note: peak memory could not be reset between phases: it is cumulative\n");
  if (baseline > 0) {
    std::printf("baseline scan: %.2f s; single-thread analysis takes %.2fx its time\n", baseline,
                phases[1].seconds / baseline);
  }
  if (one.attributions != many.attributions || one.articles != many.articles) {
    std::fprintf(stderr,
                 "isnad_corpus_bench: the threaded run disagrees with the single-thread run "
                 "(%zu vs %zu articles, %zu vs %zu attributions)\n",
                 one.articles, many.articles, one.attributions, many.attributions);
    return 1;
  }
  return 0;
}
