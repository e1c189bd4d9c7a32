// The corpus commands: ingest, reanalyze, search, stats, show, merge (store/README.md).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "store/format.h"
#include "store/ingest.h"
#include "store/store.h"

namespace isnad::cli {
namespace {

constexpr const char* kDbHelp = "The store: a SQLite file (default: $ISNAD_DB, else ./isnad.db)";

int Fail(const Status& st) {
  std::cerr << "isnad: " << st.ToString() << "\n";
  return st.code() == ErrorCode::kNotFound || st.code() == ErrorCode::kInvalidArgument
             ? kExitUsage
             : kExitFailed;
}

std::string DbPath(const std::string& given) { return given.empty() ? DefaultStorePath() : given; }

// Draws "\r  ingest  1234/16844  52%  830 docs/s  ETA 0:14" on stderr while a run goes on.
class ProgressLine {
 public:
  ProgressLine(const std::string& label, IngestProgress* p, bool enabled)
      : label_(label), p_(p), enabled_(enabled) {
    if (enabled_) thread_ = std::thread([this] { Loop(); });
  }
  ~ProgressLine() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    stop_ = true;
    thread_.join();
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }

 private:
  void Loop() {
    const auto start = std::chrono::steady_clock::now();
    while (!stop_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const uint64_t done = p_->done.load();
      const int64_t total = p_->total.load();
      const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
      char line[160];
      if (total > 0) {
        const double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
        const int width = 24, fill = static_cast<int>(frac * width);
        std::string bar(static_cast<size_t>(fill), '#');
        bar.append(static_cast<size_t>(width - fill), '.');
        int eta =
            rate > 0
                ? static_cast<int>((static_cast<double>(total) - static_cast<double>(done)) / rate)
                : 0;
        if (eta < 0) eta = 0;
        std::snprintf(line, sizeof line,
                      "\r%s [%s] %llu/%lld %3.0f%%  %.0f docs/s  ETA %d:%02d\033[K", label_.c_str(),
                      bar.c_str(), static_cast<unsigned long long>(done),
                      static_cast<long long>(total), frac * 100, rate, eta / 60, eta % 60);
      } else {
        std::snprintf(line, sizeof line, "\r%s %llu documents  %.0f docs/s\033[K", label_.c_str(),
                      static_cast<unsigned long long>(done), rate);
      }
      std::fputs(line, stderr);
      std::fflush(stderr);
    }
  }

  std::string label_;
  IngestProgress* p_;
  bool enabled_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

bool ShowProgress(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDERR_FILENO) != 0;
}

struct WriteArgs {
  std::string db;
  RulesOption rules;
  int jobs = 0;
  size_t batch = 500;
  size_t max_bytes = 8u << 20;
  std::string progress = "auto";
  std::string format = "text";
  size_t max_errors = 20;
};

void AddWriteOptions(CLI::App* cmd, WriteArgs* a, bool rules) {
  cmd->add_option("--db", a->db, kDbHelp)->type_name("FILE");
  if (rules) a->rules.Add(cmd);
  cmd->add_option("-j,--jobs", a->jobs, "Analysis threads (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--batch", a->batch, "Documents per transaction")
      ->default_val(500)
      ->check(CLI::PositiveNumber);
  cmd->add_option("--progress", a->progress,
                  "Progress bar on standard error: auto (when it is a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");
  cmd->add_option("-f,--format", a->format, "Summary format: text or json (one line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  cmd->add_option("--max-errors", a->max_errors, "Failed inputs listed in the summary")
      ->default_val(20);
}

IngestOptions MakeOptions(const WriteArgs& a, IngestProgress* progress) {
  IngestOptions opt;
  opt.jobs = a.jobs;
  opt.batch = a.batch;
  opt.read.max_bytes = a.max_bytes;
  opt.progress = progress;
  return opt;
}

int Report(const std::string& verb, const Result<IngestSummary>& s, Store& store,
           const WriteArgs& a) {
  if (!s.ok()) return Fail(s.error());
  Result<StoreSummary> sum = store.Summary();
  WriteSummary(verb, *s, sum.ok() ? &*sum : nullptr, ParseOutputFormat(a.format), a.max_errors,
               std::cout);
  for (const Status& w : s->warnings) std::cerr << "isnad: warning: " << w.ToString() << "\n";
  return s->failed > 0 ? kExitInputErrors : kExitOk;
}

// --- ingest --------------------------------------------------------------------------------------

struct IngestArgs : WriteArgs {
  std::vector<std::string> inputs;
  bool analyzed = false;
  std::string rules_version;
};

int RunIngest(const IngestArgs& a) {
  std::optional<RuleSet> loaded = a.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
  std::vector<std::string> inputs;
  if (!InputsOrStdin(a.inputs, "ingest", &inputs)) return kExitUsage;
  Result<std::unique_ptr<Store>> store = Store::Open(DbPath(a.db));
  if (!store.ok()) return Fail(store.error());
  IngestProgress progress;
  const bool show = ShowProgress(a.progress);
  std::atomic<bool> stop_counting{false};
  std::thread counter;
  if (show) {
    counter = std::thread([&] {
      int64_t n = CountInputs(inputs, &stop_counting, a.analyzed);
      if (!stop_counting) progress.total = n;
    });
  }
  Result<IngestSummary> s = Status();
  {
    ProgressLine line(a.analyzed ? "import" : "ingest", &progress, show);
    IngestOptions opt = MakeOptions(a, &progress);
    s = a.analyzed
            ? IngestAnalyzed(**store, inputs,
                             a.rules_version.empty() ? rules.version() : a.rules_version, opt)
            : Ingest(**store, inputs, rules, opt);
  }
  stop_counting = true;
  if (counter.joinable()) counter.join();
  return Report(a.analyzed ? "import" : "ingest", s, **store, a);
}

void AddIngest(CLI::App& app, Action* action) {
  auto a = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Analyze articles and store them (idempotent: unchanged articles are skipped).");
  cmd->add_option("inputs", a->inputs,
                  "Files (.txt, .jsonl, .jsonl.gz), folders, or '-' for standard input")
      ->type_name("PATH...");
  AddWriteOptions(cmd, a.get(), true);
  cmd->add_option("--max-bytes", a->max_bytes, "Refuse files or records larger than this")
      ->default_val(8u << 20);
  cmd->add_flag("--analyzed", a->analyzed,
                "The inputs are the output of `isnad analyze --format jsonl --with-text`: store "
                "it without analyzing again");
  cmd->add_option("--rules-version", a->rules_version,
                  "With --analyzed: the rules version to record for the run (default: that of "
                  "the rules loaded here)");
  cmd->footer(
      "Examples:\n"
      "  isnad ingest ../shared/corpus/ant-arabic-news.jsonl.gz --db corpus.db\n"
      "  isnad ingest samples/ articles.jsonl                 # into ./isnad.db\n"
      "  isnad analyze part.jsonl --format jsonl --with-text > part.analyzed.jsonl\n"
      "  isnad ingest --analyzed part.analyzed.jsonl --db part.db\n"
      "Running the same command again adds nothing; after a crash it completes the work.");
  cmd->callback([a, action] { *action = [a] { return RunIngest(*a); }; });
}

// --- reanalyze -----------------------------------------------------------------------------------

int RunReanalyze(const WriteArgs& a) {
  std::optional<RuleSet> loaded = a.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
  const std::string path = DbPath(a.db);
  Result<std::unique_ptr<Store>> probe = Store::Open(path, {.mode = StoreMode::kReadOnly});
  if (!probe.ok()) return Fail(probe.error());
  probe->reset();
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  if (!store.ok()) return Fail(store.error());
  IngestProgress progress;
  Result<IngestSummary> s = Status();
  {
    ProgressLine line("reanalyze", &progress, ShowProgress(a.progress));
    s = Reanalyze(**store, rules, MakeOptions(a, &progress));
  }
  return Report("reanalyze", s, **store, a);
}

void AddReanalyze(CLI::App& app, Action* action) {
  auto a = std::make_shared<WriteArgs>();
  CLI::App* cmd = app.add_subcommand(
      "reanalyze",
      "Analyze every stored article again (after a rules change) into a new run; queries read "
      "the previous run until the new one is complete.");
  AddWriteOptions(cmd, a.get(), true);
  cmd->footer("Example:\n  isnad reanalyze --db corpus.db --rules my-rules/");
  cmd->callback([a, action] { *action = [a] { return RunReanalyze(*a); }; });
}

// --- merge ---------------------------------------------------------------------------------------

struct MergeArgs : WriteArgs {
  std::vector<std::string> shards;
};

int RunMerge(const MergeArgs& a) {
  const std::string path = DbPath(a.db);
  for (const std::string& s : a.shards) {
    if (s == path) {
      std::cerr << "isnad merge: the output store " << path << " is also a shard\n";
      return kExitUsage;
    }
  }
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  if (!store.ok()) return Fail(store.error());
  IngestProgress progress;
  Result<IngestSummary> s = Status();
  {
    ProgressLine line("merge", &progress, ShowProgress(a.progress));
    s = Merge(**store, a.shards, MakeOptions(a, &progress));
  }
  return Report("merge", s, **store, a);
}

void AddMerge(CLI::App& app, Action* action) {
  auto a = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Copy into the store (--db) the documents and analyses of other stores that it lacks; "
      "one transaction per shard.");
  cmd->add_option("shards", a->shards, "Store files to merge")->required()->type_name("DB...");
  cmd->add_option("--db", a->db, "The output store (default: $ISNAD_DB, else ./isnad.db)")
      ->type_name("FILE");
  cmd->add_option("--progress", a->progress, "Progress bar: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");
  cmd->add_option("-f,--format", a->format, "Summary format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  cmd->footer("Example:\n  isnad merge shard-*.db --db corpus.db");
  cmd->callback([a, action] { *action = [a] { return RunMerge(*a); }; });
}

// --- search --------------------------------------------------------------------------------------

struct SearchArgs {
  std::string db;
  std::vector<std::string> words;
  std::string in = "text";
  std::string format = "text";
  std::string outlet;
  bool exact = false;
  int limit = 20;
  int width = 60;
};

int RunSearch(const SearchArgs& a) {
  Result<std::unique_ptr<Store>> store = Store::Open(DbPath(a.db), {.mode = StoreMode::kReadOnly});
  if (!store.ok()) return Fail(store.error());
  SearchRequest req;
  for (const std::string& w : a.words) req.query += (req.query.empty() ? "" : " ") + w;
  req.in_attributions = a.in == "attributions";
  req.exact = a.exact;
  req.outlet = a.outlet;
  req.limit = a.limit;
  req.snippet_width = a.width;
  Result<std::vector<SearchHit>> hits = (*store)->Search(req);
  if (!hits.ok()) return Fail(hits.error());
  WriteSearch(*hits, req.in_attributions, ParseOutputFormat(a.format), std::cout);
  return kExitOk;
}

void AddSearch(CLI::App& app, Action* action) {
  auto a = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Full-text search, Arabic-aware: diacritics, hamza and alef forms, ta marbuta and common "
      "spellings (الامريكي finds الأميركي) are matched.");
  cmd->add_option("query", a->words,
                  "Words (ANDed), \"a phrase\", word* (prefix), OR between alternatives")
      ->required()
      ->type_name("QUERY");
  cmd->add_option("--db", a->db, kDbHelp)->type_name("FILE");
  cmd->add_option("--in", a->in,
                  "text: article texts; attributions: attributed content and sources")
      ->check(CLI::IsMember({"text", "attributions"}))
      ->default_val("text");
  cmd->add_flag("--exact", a->exact, "No spelling variants (normalization still applies)");
  cmd->add_option("--outlet", a->outlet, "Only this outlet");
  cmd->add_option("-n,--limit", a->limit, "Most results")->default_val(20);
  cmd->add_option("--width", a->width, "Snippet context, in characters each side")->default_val(60);
  cmd->add_option("-f,--format", a->format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->default_val("text");
  cmd->footer(
      "Examples:\n"
      "  isnad search الامريكي --db corpus.db\n"
      "  isnad search 'مصدر مطلع' --in attributions --format csv");
  cmd->callback([a, action] { *action = [a] { return RunSearch(*a); }; });
}

// --- stats ---------------------------------------------------------------------------------------

struct StatsArgs {
  std::string db;
  std::string by = "outlet-month";
  std::string format = "text";
  std::string outlet, from, to;
  int top = 5;
  bool runs = false;
  bool check = false;
};

int RunStats(const StatsArgs& a) {
  Result<std::unique_ptr<Store>> store =
      Store::Open(DbPath(a.db), {.mode = a.check ? StoreMode::kReadWrite : StoreMode::kReadOnly});
  if (!store.ok()) return Fail(store.error());
  const OutputFormat f = ParseOutputFormat(a.format);
  if (a.check) {
    Result<std::vector<std::string>> problems = (*store)->Check();
    if (!problems.ok()) return Fail(problems.error());
    for (const std::string& p : *problems) std::cout << "problem: " << p << "\n";
    if (problems->empty()) std::cout << "store is consistent\n";
    return problems->empty() ? kExitOk : kExitFailed;
  }
  if (a.runs) {
    Result<std::vector<RunInfo>> runs = (*store)->Runs();
    if (!runs.ok()) return Fail(runs.error());
    WriteRuns(*runs, f, std::cout);
    return kExitOk;
  }
  StatsRequest req;
  req.group = a.by == "outlet"  ? StatsGroup::kOutlet
              : a.by == "month" ? StatsGroup::kMonth
              : a.by == "all"   ? StatsGroup::kAll
                                : StatsGroup::kOutletMonth;
  req.outlet = a.outlet;
  req.from = a.from;
  req.to = a.to;
  req.top = a.top;
  Result<std::vector<StatsRow>> rows = (*store)->Stats(req);
  if (!rows.ok()) return Fail(rows.error());
  WriteStats(*rows, f, std::cout);
  return kExitOk;
}

void AddStats(CLI::App& app, Action* action) {
  auto a = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Per outlet and month: articles, attributions, share anonymous, share by source kind, top "
      "sources.");
  cmd->add_option("--db", a->db, kDbHelp)->type_name("FILE");
  cmd->add_option("--by", a->by, "Grouping: outlet-month, outlet, month or all")
      ->check(CLI::IsMember({"outlet-month", "outlet", "month", "all"}))
      ->default_val("outlet-month");
  cmd->add_option("--outlet", a->outlet, "Only this outlet");
  cmd->add_option("--from", a->from, "From this month (YYYY-MM)");
  cmd->add_option("--to", a->to, "Up to this month (YYYY-MM)");
  cmd->add_option("--top", a->top, "Top sources per row")->default_val(5);
  cmd->add_flag("--runs", a->runs, "List the analysis runs instead");
  cmd->add_flag("--check", a->check,
                "Check the store's consistency instead (integrity, foreign keys, search index)");
  cmd->add_option("-f,--format", a->format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->default_val("text");
  cmd->footer(
      "Examples:\n"
      "  isnad stats --db corpus.db\n"
      "  isnad stats --by outlet --format csv > outlets.csv\n"
      "  isnad stats --runs");
  cmd->callback([a, action] { *action = [a] { return RunStats(*a); }; });
}

// --- show ----------------------------------------------------------------------------------------

struct ShowArgs {
  std::string db;
  std::string id;
  std::string format = "text";
  bool text = false;
};

int RunShow(const ShowArgs& a) {
  Result<std::unique_ptr<Store>> store = Store::Open(DbPath(a.db), {.mode = StoreMode::kReadOnly});
  if (!store.ok()) return Fail(store.error());
  Result<DocRecord> r = (*store)->Show(a.id);
  if (!r.ok()) return Fail(r.error());
  WriteShow(*r, ParseOutputFormat(a.format), a.text, std::cout);
  return kExitOk;
}

void AddShow(CLI::App& app, Action* action) {
  auto a = std::make_shared<ShowArgs>();
  CLI::App* cmd = app.add_subcommand("show", "A stored article with its current analysis.");
  cmd->add_option("doc_id", a->id, "The document id")->required()->type_name("DOC_ID");
  cmd->add_option("--db", a->db, kDbHelp)->type_name("FILE");
  cmd->add_flag("--text", a->text, "Also print the article text (text format)");
  cmd->add_option("-f,--format", a->format,
                  "text; json (the analyze JSON shape with the text); csv (one row per "
                  "attribution)")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->default_val("text");
  cmd->callback([a, action] { *action = [a] { return RunShow(*a); }; });
}

}  // namespace

void AddStoreCommands(CLI::App& app, Action* action) {
  AddIngest(app, action);
  AddReanalyze(app, action);
  AddSearch(app, action);
  AddStats(app, action);
  AddShow(app, action);
  AddMerge(app, action);
}

}  // namespace isnad::cli
