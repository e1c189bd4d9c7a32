#include "store/ingest.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "analyzer/analyzer.h"
#include "isnad_version.h"
#include "store/record.h"

namespace isnad {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A bounded multi-producer multi-consumer queue. close() wakes everyone: push then fails and
// pop drains what is left.
template <typename T>
class Channel {
 public:
  explicit Channel(size_t capacity) : capacity_(std::max<size_t>(1, capacity)) {}

  bool Push(T v) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return closed_ || q_.size() < capacity_; });
    if (closed_) return false;
    q_.push_back(std::move(v));
    not_empty_.notify_one();
    return true;
  }

  enum class Got { kItem, kTimeout, kClosed };
  Got Pop(T* out, std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    std::unique_lock<std::mutex> lock(mu_);
    auto ready = [&] { return closed_ || !q_.empty(); };
    if (timeout) {
      if (!not_empty_.wait_for(lock, *timeout, ready)) return Got::kTimeout;
    } else {
      not_empty_.wait(lock, ready);
    }
    if (q_.empty()) return Got::kClosed;
    *out = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return Got::kItem;
  }

  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> q_;
  size_t capacity_;
  bool closed_ = false;
};

struct WorkItem {
  uint64_t seq = 0;
  Document doc;       // raw ingest and reanalyze
  std::string hash;   // its content hash
  std::string line;   // --analyzed: one JSON line
  std::string where;  // --analyzed: FILE:LINE
};

struct Done {
  uint64_t seq = 0;
  DocRecord record;
  Status error;            // the input could not be read
  bool unchanged = false;  // found unchanged by the worker (--analyzed)
};

int Jobs(const IngestOptions& opt) {
  if (opt.jobs > 0) return opt.jobs;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(n);
}

void Tick(const IngestOptions& opt, uint64_t n = 1) {
  if (opt.progress != nullptr) opt.progress->done.fetch_add(n, std::memory_order_relaxed);
}

// The pipeline: the caller's producer fills `work`; `jobs` workers turn items into records;
// one writer stores them in batches.
class Pipeline {
 public:
  using Worker = std::function<Done(WorkItem&)>;

  Pipeline(Store& store, int64_t run, WriteMode mode, const IngestOptions& opt,
           IngestSummary* summary)
      : store_(store),
        run_(run),
        mode_(mode),
        opt_(opt),
        summary_(summary),
        work_(static_cast<size_t>(Jobs(opt)) * 16),
        done_(std::max<size_t>(opt.batch, 64) * 2) {}

  void Start(Worker worker) {
    worker_ = std::move(worker);
    writer_ = std::thread([this] { WriterLoop(); });
    for (int i = 0; i < Jobs(opt_); ++i) workers_.emplace_back([this] { WorkerLoop(); });
  }

  // Returns false when the pipeline stopped (the writer failed): stop producing.
  bool Push(WorkItem item) { return !failed_.load() && work_.Push(std::move(item)); }

  ~Pipeline() { (void)Finish(); }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Waits for everything pushed to be written; returns the writer's status. Idempotent.
  Status Finish() {
    work_.Close();
    for (std::thread& t : workers_) {
      if (t.joinable()) t.join();
    }
    done_.Close();
    if (writer_.joinable()) writer_.join();
    return status_;
  }

 private:
  void WorkerLoop() {
    WorkItem item;
    while (work_.Pop(&item) == Channel<WorkItem>::Got::kItem) {
      Done d;
      try {
        d = worker_(item);
      } catch (const std::exception& e) {
        d.error = Status(ErrorCode::kIo, std::string("cannot analyze: ") + e.what(),
                         item.where.empty() ? item.doc.source : item.where);
      }
      d.seq = item.seq;
      if (!done_.Push(std::move(d))) break;
    }
  }

  void WriterLoop() {
    try {
      WriterSteps();
    } catch (const std::exception& e) {  // out of memory: stop cleanly, keep what committed
      store_.Rollback();
      status_ =
          Status(ErrorCode::kStore, std::string("writer stopped: ") + e.what(), store_.path());
      failed_ = true;
      work_.Close();
      done_.Close();
    }
  }

  void WriterSteps() {
    size_t in_batch = 0;
    bool in_txn = false;
    Clock::time_point began;
    std::unordered_map<std::string, uint64_t> written_seq;  // id -> latest input written
    auto fail = [&](Status st) {
      if (in_txn) store_.Rollback();
      status_ = std::move(st);
      failed_ = true;
      work_.Close();
      done_.Close();
    };
    for (;;) {
      Done d;
      auto got = done_.Pop(&d, std::chrono::milliseconds(100));
      if (got == Channel<Done>::Got::kClosed) break;
      if (got == Channel<Done>::Got::kItem) {
        Tick(opt_);
        if (!d.error.ok()) {
          ++summary_->failed;
          summary_->errors.push_back(std::move(d.error));
        } else if (d.unchanged) {
          ++summary_->unchanged;
        } else {
          auto [it, fresh] = written_seq.try_emplace(d.record.id, d.seq);
          if (!fresh && it->second > d.seq) {
            ++summary_->unchanged;  // a later input with this id was written already
          } else {
            it->second = d.seq;
            if (!in_txn) {
              Status st = store_.Begin();
              if (!st.ok()) return fail(std::move(st));
              in_txn = true;
              began = Clock::now();
            }
            WriteOutcome outcome;
            Status st = store_.Write(d.record, run_, mode_, &outcome);
            if (!st.ok()) return fail(std::move(st));
            ++in_batch;
            switch (outcome) {
              case WriteOutcome::kAdded:
                ++summary_->added;
                break;
              case WriteOutcome::kChanged:
                ++summary_->changed;
                break;
              case WriteOutcome::kReanalyzed:
                ++summary_->reanalyzed;
                break;
              case WriteOutcome::kUnchanged:
                ++summary_->unchanged;
                break;
              case WriteOutcome::kSkipped:
                summary_->warnings.push_back(
                    Status(ErrorCode::kNotFound, "changed or removed while re-analyzing; skipped",
                           d.record.id));
                break;
            }
            if (outcome != WriteOutcome::kUnchanged && outcome != WriteOutcome::kSkipped) {
              summary_->attributions += d.record.attributions.size();
              summary_->disputes += d.record.disputes.size();
            }
          }
        }
      }
      const double open_for =
          in_txn ? std::chrono::duration<double>(Clock::now() - began).count() : 0;
      if (in_txn && (in_batch >= opt_.batch || open_for >= opt_.batch_seconds)) {
        Status st = store_.Commit();
        in_txn = false;
        in_batch = 0;
        if (!st.ok()) return fail(std::move(st));
      }
    }
    if (in_txn) {
      Status st = store_.Commit();
      if (!st.ok()) return fail(std::move(st));
    }
  }

  Store& store_;
  int64_t run_;
  WriteMode mode_;
  const IngestOptions& opt_;
  IngestSummary* summary_;
  Channel<WorkItem> work_;
  Channel<Done> done_;
  Worker worker_;
  std::thread writer_;
  std::vector<std::thread> workers_;
  std::atomic<bool> failed_{false};
  Status status_;
};

// Finishes a run after the pipeline: records the outcome in the runs table.
Result<IngestSummary> Conclude(Store& store, int64_t run, Status pipeline, IngestSummary s,
                               Clock::time_point started) {
  const int64_t written = static_cast<int64_t>(s.added + s.changed + s.reanalyzed);
  Status fin = store.FinishRun(run, pipeline.ok() ? "complete" : "failed", written);
  if (!pipeline.ok()) return pipeline;
  if (!fin.ok()) return fin;
  s.run = run;
  s.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return s;
}

// --- Line reading for --analyzed (plain or gzip; zlib reads both) ------------------------------

class GzLines {
 public:
  bool Open(const std::string& path, std::string* error) {
    if (path == "-") {
      int fd = dup(STDIN_FILENO);
      f_ = fd < 0 ? nullptr : gzdopen(fd, "rb");
    } else {
      f_ = gzopen(path.c_str(), "rb");
    }
    if (f_ == nullptr) {
      *error = std::string("cannot open: ") + std::strerror(errno);
      return false;
    }
    gzbuffer(f_, 1 << 17);
    return true;
  }
  ~GzLines() {
    if (f_ != nullptr) gzclose(f_);
  }
  // Next line without '\n'; false at the end. *error is set on a read error.
  bool Next(std::string* line, std::string* error) {
    line->clear();
    char buf[1 << 16];
    bool any = false;
    while (gzgets(f_, buf, sizeof buf) != nullptr) {
      any = true;
      size_t n = std::strlen(buf);
      if (n > 0 && buf[n - 1] == '\n') {
        line->append(buf, n - 1);
        ++number_;
        return true;
      }
      line->append(buf, n);
    }
    int err = 0;
    const char* msg = gzerror(f_, &err);
    if (err != Z_OK && err != Z_BUF_ERROR) {
      *error = msg;
      return false;
    }
    if (any) ++number_;
    return any;
  }
  uint64_t number() const { return number_; }

 private:
  gzFile f_ = nullptr;
  uint64_t number_ = 0;
};

bool HasSuffix(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
bool IsJsonlName(const std::string& p) {
  return HasSuffix(p, ".jsonl") || HasSuffix(p, ".jsonl.gz") || HasSuffix(p, ".gz");
}

// Files of the inputs, folders expanded (sorted, recursive) to `pick` files.
std::vector<std::string> Expand(const std::vector<std::string>& inputs,
                                const std::function<bool(const std::string&)>& pick,
                                std::vector<Status>* warnings) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(
               in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && pick(it->path().string())) {
          files.push_back(it->path().string());
        }
      }
      if (ec && warnings != nullptr) {
        warnings->push_back(Status(ErrorCode::kIo, "cannot list: " + ec.message(), in));
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

int64_t CountLines(const std::string& path, const std::atomic<bool>* stop) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return 0;
  gzbuffer(f, 1 << 17);
  std::vector<char> buf(1 << 17);
  int64_t lines = 0;
  bool blank = true;
  int n;
  while ((n = gzread(f, buf.data(), static_cast<unsigned>(buf.size()))) > 0) {
    if (stop != nullptr && stop->load()) break;
    for (int i = 0; i < n; ++i) {
      char c = buf[static_cast<size_t>(i)];
      if (c == '\n') {
        lines += blank ? 0 : 1;
        blank = true;
      } else if (c != ' ' && c != '\r' && c != '\t') {
        blank = false;
      }
    }
  }
  gzclose(f);
  return lines + (blank ? 0 : 1);
}

int64_t CountInputsImpl(const std::vector<std::string>& inputs, const std::atomic<bool>* stop,
                        bool all_jsonl) {
  int64_t total = 0;
  auto pick = [all_jsonl](const std::string& p) {
    return all_jsonl ? IsJsonlName(p) : HasSuffix(p, ".txt") || IsJsonlName(p);
  };
  for (const std::string& f : Expand(inputs, pick, nullptr)) {
    if (f == "-") return -1;
    if (stop != nullptr && stop->load()) break;
    total += (all_jsonl || IsJsonlName(f)) ? CountLines(f, stop) : 1;
  }
  return total;
}

Result<IngestSummary> DoIngest(Store& store, const std::vector<std::string>& inputs,
                               const RuleSet& rules, const IngestOptions& opt) {
  const Clock::time_point started = Clock::now();
  Result<std::unordered_map<std::string, KnownDoc>> known = store.LoadKnown();
  if (!known.ok()) return known.error();
  Result<int64_t> run = store.BeginRun("ingest", rules.version());
  if (!run.ok()) return run.error();
  const Analyzer analyzer(rules);
  IngestSummary s;
  Pipeline p(store, *run, WriteMode::kReplace, opt, &s);
  p.Start([&analyzer](WorkItem& item) {
    Done d;
    std::string hash = std::move(item.hash);
    d.record = RecordFromAnalysis(analyzer.Analyze(std::move(item.doc)));
    d.record.content_hash = std::move(hash);
    PrepareSearch(&d.record);
    return d;
  });
  DocumentReader reader(opt.read);
  for (const std::string& in : inputs) reader.Add(in);
  Document doc;
  uint64_t seq = 0;
  uint64_t unchanged = 0, error_docs = 0;
  const std::string& rules_version = rules.version();
  while (reader.Next(&doc)) {
    ++seq;
    if (!doc.error.ok()) {  // counted from the diagnostics below
      ++error_docs;
      Tick(opt);
      continue;
    }
    WorkItem item;
    item.hash = ContentHash(doc);
    auto it = known->find(doc.id);
    if (it != known->end() && it->second.content_hash == item.hash &&
        it->second.rules_version == rules_version) {
      ++unchanged;
      Tick(opt);
      continue;
    }
    item.seq = seq;
    item.doc = std::move(doc);
    doc = Document();
    if (!p.Push(std::move(item))) break;
  }
  Status st = p.Finish();
  s.unchanged += unchanged;
  for (const Diagnostic& d : reader.diagnostics()) {
    if (d.severity == Diagnostic::Severity::kError) {
      ++s.failed;
      s.errors.push_back(d.status);
    } else {
      s.warnings.push_back(d.status);
    }
  }
  // A file that failed as a whole (not a JSONL record) was not ticked.
  if (s.failed > error_docs) Tick(opt, s.failed - error_docs);
  return Conclude(store, *run, std::move(st), std::move(s), started);
}

Result<IngestSummary> DoIngestAnalyzed(Store& store, const std::vector<std::string>& inputs,
                                       const std::string& rules_version, const IngestOptions& opt) {
  const Clock::time_point started = Clock::now();
  Result<std::unordered_map<std::string, KnownDoc>> known = store.LoadKnown();
  if (!known.ok()) return known.error();
  Result<int64_t> run = store.BeginRun("import", rules_version);
  if (!run.ok()) return run.error();
  IngestSummary s;
  Pipeline p(store, *run, WriteMode::kReplace, opt, &s);
  const auto& known_map = *known;  // read-only from here on: safe to share with the workers
  p.Start([&known_map, &rules_version](WorkItem& item) {
    Done d;
    nlohmann::json j = nlohmann::json::parse(item.line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      d.error = Status(ErrorCode::kBadJson, "malformed JSON", item.where);
      return d;
    }
    Result<DocRecord> r = RecordFromJson(j, item.where);
    if (!r.ok()) {
      d.error = r.error();
      return d;
    }
    auto it = known_map.find(r->id);
    if (it != known_map.end() && it->second.content_hash == r->content_hash &&
        it->second.rules_version == rules_version) {
      d.unchanged = true;
      return d;
    }
    d.record = std::move(r).value();
    PrepareSearch(&d.record);
    return d;
  });
  // The writer thread updates `s` while this thread reads: keep the reader's findings apart.
  std::vector<Status> read_errors, read_warnings;
  auto pick = [](const std::string& f) { return IsJsonlName(f); };
  uint64_t seq = 0;
  bool stopped = false;
  const size_t max_line = std::max<size_t>(opt.read.max_bytes, 1u << 20) * 8;
  for (const std::string& file : Expand(inputs, pick, &read_warnings)) {
    if (stopped) break;
    GzLines lines;
    std::string error;
    if (!lines.Open(file, &error)) {
      read_errors.push_back(Status(ErrorCode::kNotFound, error, file));
      Tick(opt);
      continue;
    }
    std::string line;
    uint64_t records = 0;
    while (lines.Next(&line, &error)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      ++records;
      ++seq;
      WorkItem item;
      item.seq = seq;
      item.where =
          (file == "-" ? std::string("<stdin>") : file) + ":" + std::to_string(lines.number());
      if (line.size() > max_line) {
        read_errors.push_back(Status(ErrorCode::kTooLarge, "line too long", item.where));
        Tick(opt);
        continue;
      }
      item.line = std::move(line);
      line = std::string();
      if (!p.Push(std::move(item))) {
        stopped = true;
        break;
      }
    }
    if (!error.empty()) {
      read_errors.push_back(
          Status(ErrorCode::kIo, error, file + ":" + std::to_string(lines.number() + 1)));
    } else if (records == 0 && !stopped) {
      read_warnings.push_back(
          Status(ErrorCode::kEmpty, "no records (the file is empty or blank)", file));
    }
  }
  Status st = p.Finish();
  s.failed += read_errors.size();
  s.errors.insert(s.errors.end(), read_errors.begin(), read_errors.end());
  s.warnings.insert(s.warnings.end(), read_warnings.begin(), read_warnings.end());
  return Conclude(store, *run, std::move(st), std::move(s), started);
}

Result<IngestSummary> DoReanalyze(Store& store, const RuleSet& rules, const IngestOptions& opt) {
  const Clock::time_point started = Clock::now();
  StoreOptions ro;
  ro.mode = StoreMode::kReadOnly;
  Result<std::unique_ptr<Store>> reader = Store::Open(store.path(), ro);
  if (!reader.ok()) return reader.error();
  Result<StoreSummary> sum = store.Summary();
  if (!sum.ok()) return sum.error();
  if (opt.progress != nullptr) opt.progress->total = sum->documents;
  Result<int64_t> run = store.BeginRun("reanalyze", rules.version());
  if (!run.ok()) return run.error();
  const Analyzer analyzer(rules);
  IngestSummary s;
  Pipeline p(store, *run, WriteMode::kAddAnalysis, opt, &s);
  p.Start([&analyzer](WorkItem& item) {
    Done d;
    std::string hash = std::move(item.hash);
    d.record = RecordFromAnalysis(analyzer.Analyze(std::move(item.doc)));
    d.record.content_hash = std::move(hash);
    PrepareSearch(&d.record);
    return d;
  });
  int64_t after = 0;
  uint64_t seq = 0;
  Status read_error;
  for (bool more = true; more;) {
    Result<std::vector<StoredDocument>> chunk = (*reader)->ReadDocuments(after, 256);
    if (!chunk.ok()) {
      read_error = chunk.error();
      break;
    }
    more = !chunk->empty();
    for (StoredDocument& d : *chunk) {
      after = d.key;
      WorkItem item;
      item.seq = ++seq;
      item.hash = std::move(d.content_hash);
      item.doc = std::move(d.doc);
      if (!p.Push(std::move(item))) {
        more = false;
        break;
      }
    }
  }
  reader->reset();
  Status st = p.Finish();
  if (st.ok() && !read_error.ok()) st = read_error;
  if (!st.ok()) {
    Status fin = store.FinishRun(*run, "failed", 0);
    (void)fin;
    return st;
  }
  st = store.PromoteRun(*run, static_cast<int64_t>(s.reanalyzed));
  if (!st.ok()) return st;
  s.run = *run;
  s.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return s;
}

Result<IngestSummary> DoMerge(Store& out, const std::vector<std::string>& shards,
                              const IngestOptions& opt) {
  const Clock::time_point started = Clock::now();
  IngestSummary s;
  Result<std::unordered_map<std::string, KnownDoc>> known = out.LoadKnown();
  if (!known.ok()) return known.error();
  std::vector<std::unique_ptr<Store>> opened;
  int64_t total = 0;
  for (const std::string& path : shards) {
    Result<std::unique_ptr<Store>> shard = Store::Open(path, {.mode = StoreMode::kReadOnly});
    if (!shard.ok()) return shard.error();
    Result<StoreSummary> sum = (*shard)->Summary();
    if (!sum.ok()) return sum.error();
    total += sum->documents;
    opened.push_back(std::move(shard).value());
  }
  if (opt.progress != nullptr) opt.progress->total = total;
  for (std::unique_ptr<Store>& shard : opened) {
    Result<std::vector<RunInfo>> runs = shard->Runs();
    if (!runs.ok()) return runs.error();
    std::map<int64_t, RunInfo> shard_runs;
    for (const RunInfo& r : *runs) shard_runs[r.id] = r;
    std::map<int64_t, int64_t> mapped;   // shard run -> run here
    std::map<int64_t, int64_t> per_run;  // run here -> documents written
    IngestSummary part;
    Status st = out.Begin();
    if (!st.ok()) return st;
    int64_t after = 0;
    for (bool more = true; more && st.ok();) {
      Result<std::vector<int64_t>> keys = shard->DocumentKeys(after, 512);
      if (!keys.ok()) {
        st = keys.error();
        break;
      }
      more = !keys->empty();
      for (int64_t key : *keys) {
        after = key;
        Tick(opt);
        Result<DocRecord> rec = shard->ShowKey(key);
        if (!rec.ok()) {
          st = rec.error();
          break;
        }
        auto k = known->find(rec->id);
        if ((k != known->end() && k->second.content_hash == rec->content_hash) ||
            rec->run_id == 0) {
          ++part.unchanged;
          continue;
        }
        auto m = mapped.find(rec->run_id);
        if (m == mapped.end()) {
          Result<int64_t> id = out.ImportRun(shard_runs[rec->run_id]);
          if (!id.ok()) {
            st = id.error();
            break;
          }
          m = mapped.emplace(rec->run_id, *id).first;
        }
        WriteOutcome outcome;
        st = out.Write(*rec, m->second, WriteMode::kReplace, &outcome);
        if (!st.ok()) break;
        ++per_run[m->second];
        if (outcome == WriteOutcome::kAdded) ++part.added;
        if (outcome == WriteOutcome::kChanged) ++part.changed;
        if (outcome == WriteOutcome::kReanalyzed) ++part.reanalyzed;
        part.attributions += rec->attributions.size();
        part.disputes += rec->disputes.size();
        (*known)[rec->id] = KnownDoc{rec->content_hash, shard_runs[rec->run_id].rules_version};
      }
    }
    if (st.ok()) {
      for (const auto& [run, n] : per_run) {
        st = out.FinishRun(run, "complete", n);
        if (!st.ok()) break;
      }
    }
    if (st.ok()) st = out.Commit();
    if (!st.ok()) {
      out.Rollback();
      return Status(st.code(),
                    st.message() + " (merging " + shard->path() +
                        "; nothing of it "
                        "was kept)",
                    st.where());
    }
    s.added += part.added;
    s.changed += part.changed;
    s.reanalyzed += part.reanalyzed;
    s.unchanged += part.unchanged;
    s.attributions += part.attributions;
    s.disputes += part.disputes;
  }
  s.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return s;
}

// The public entry points: nothing may escape the library (thread creation and allocation
// throw std::system_error / std::bad_alloc).
template <typename F>
Result<IngestSummary> Guard(const char* what, const std::string& path, F&& run) {
  try {
    return run();
  } catch (const std::exception& e) {
    return Status(ErrorCode::kStore, std::string(what) + " failed: " + e.what(), path);
  }
}

}  // namespace

Result<IngestSummary> Ingest(Store& store, const std::vector<std::string>& inputs,
                             const RuleSet& rules, const IngestOptions& opt) {
  return Guard("ingest", store.path(), [&] { return DoIngest(store, inputs, rules, opt); });
}

Result<IngestSummary> IngestAnalyzed(Store& store, const std::vector<std::string>& inputs,
                                     const std::string& rules_version, const IngestOptions& opt) {
  return Guard("import", store.path(),
               [&] { return DoIngestAnalyzed(store, inputs, rules_version, opt); });
}

Result<IngestSummary> Reanalyze(Store& store, const RuleSet& rules, const IngestOptions& opt) {
  return Guard("reanalyze", store.path(), [&] { return DoReanalyze(store, rules, opt); });
}

Result<IngestSummary> Merge(Store& out, const std::vector<std::string>& shards,
                            const IngestOptions& opt) {
  return Guard("merge", out.path(), [&] { return DoMerge(out, shards, opt); });
}

int64_t CountInputs(const std::vector<std::string>& inputs, const std::atomic<bool>* stop,
                    bool all_jsonl) {
  try {
    return CountInputsImpl(inputs, stop, all_jsonl);
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace isnad
