// Store: the SQLite corpus — documents with their content hash, the analysis of each
// (attributions, disputes, entities), the analysis runs that produced them, and full-text
// search. One file on disk (plus SQLite's -wal/-shm while open, and FILE.lock).
//
//   isnad::Result<std::unique_ptr<isnad::Store>> s =
//       isnad::Store::Open("isnad.db", {.mode = isnad::StoreMode::kReadOnly});
//   if (!s.ok()) { std::cerr << s.error().ToString() << "\n"; return 3; }
//   isnad::Result<isnad::DocRecord> doc = (*s)->Show("AL-internationalNews-1-20180219");
//   isnad::Result<std::vector<isnad::StatsRow>> rows = (*s)->Stats({});
//
// Writing (ingest.h drives this; one thread per Store):
//
//   auto s = isnad::Store::Open(path, {});                 // kReadWrite: takes FILE.lock
//   isnad::Result<int64_t> run = (*s)->BeginRun("ingest", rules.version());
//   (*s)->Begin();  for (...) (*s)->Write(record, *run, isnad::WriteMode::kReplace, &outcome);
//   (*s)->Commit();                                        // each batch all-or-nothing
//   (*s)->FinishRun(*run, "complete", n);
//
// Files and crash safety. The database runs in WAL mode with foreign keys on; every change
// is made inside a transaction, so a process killed at any point (kill -9) leaves the store
// as of its last commit. A writer holds an flock(2) on FILE.lock for its lifetime (released by
// the kernel when the process dies): a second writer gets kStore "another isnad process is
// writing to FILE". When a writer opens the store, runs a dead writer left "running" are
// marked "interrupted" and their unpromoted analyses (an interrupted reanalyze) are removed.
// Readers never block and never see a half-written batch.
//
// Schema and migrations. PRAGMA user_version holds the schema version (kSchemaVersion).
// Opening an older file upgrades it in place, one migration per version, each in its own
// transaction (a read-only open of an older file reopens it for writing to migrate). A file
// with a newer version than this build is refused. store/README.md documents every table.
//
// Which analysis is current. documents.analysis_id points at the analysis queries read.
// `reanalyze` writes a whole new run beside it (WriteMode::kAddAnalysis) and then
// PromoteRun() moves every pointer and deletes the superseded analyses in one transaction,
// so the previous run stays queryable until the new one commits.
//
// Threads. A Store is one SQLite connection: use it from one thread at a time (ingest.h's
// single writer thread does all the writing). To read while another thread or process
// writes, open another Store in kReadOnly mode; WAL readers see the last commit.
//
// Preconditions. The writing methods need a Store opened kReadWrite (on a read-only Store they
// fail with kStore); Write, ImportRun and FinishRun may be called inside Begin()/Commit(),
// PromoteRun must not (it makes its own transaction).
//
// Errors. No method throws: SQLite errors come back as Status kStore naming the file (where())
// and what was being done, with what to do about it for the faults a user meets: a read-only
// file or folder (refused at Open for writing), a damaged file or one that is not SQLite, a
// full disk (the transaction in flight is rolled back; what was committed stays), another
// writer. A document that is not there is kNotFound.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzer/document.h"
#include "analyzer/status.h"
#include "store/record.h"

namespace isnad {

inline constexpr int kSchemaVersion = 2;

enum class StoreMode { kReadOnly, kReadWrite };

struct StoreOptions {
  StoreMode mode = StoreMode::kReadWrite;
  // For tests of migrations: stop upgrading a new or older file at this version.
  int migrate_to = kSchemaVersion;
  int busy_timeout_ms = 10000;
  // For tests of a disk that fills: PRAGMA max_page_count (0 = SQLite's default, no limit).
  // Writes that would grow the file past it fail as on a full disk (SQLITE_FULL).
  int64_t max_pages = 0;
};

// $ISNAD_DB when set and not empty, else "isnad.db" (in the current directory).
std::string DefaultStorePath();

struct RunInfo {
  int64_t id = 0;
  std::string kind;  // ingest, reanalyze, import, merge
  std::string isnad_version, rules_version, started_at, finished_at;
  std::string status;     // running, complete, interrupted, failed
  int64_t documents = 0;  // analyses this run wrote
  int64_t current = 0;    // documents whose current analysis comes from this run
};

struct StoreSummary {
  int schema_version = 0;
  int64_t documents = 0, attributions = 0, disputes = 0, entities = 0, runs = 0;
  int64_t file_bytes = 0;  // the database file and its -wal
};

// What is known about a stored document, for deciding whether input is unchanged.
struct KnownDoc {
  std::string content_hash;
  std::string rules_version;  // of its current analysis
};

struct StoredDocument {
  int64_t key = 0;
  Document doc;  // id, text, outlet, url, date, source, with RecognizeLayout applied
  std::string content_hash;
};

enum class WriteMode {
  kReplace,      // ingest/import/merge: insert or update the document; its new analysis is current
  kAddAnalysis,  // reanalyze: add an analysis in the run; the document must exist unchanged
};

enum class WriteOutcome { kAdded, kChanged, kReanalyzed, kUnchanged, kSkipped };

struct SearchRequest {
  std::string query;
  bool in_attributions = false;  // search attributed content and sources instead of texts
  bool exact = false;            // no spelling variants (search_query.h)
  std::string outlet;            // only this outlet ("" = all)
  int limit = 20;
  int snippet_width = 60;  // code points of context each side
};

struct SearchHit {
  std::string doc_id, outlet, date, title;
  double rank = 0;                   // bm25: lower is better
  std::string before, match, after;  // snippet
  // Attribution hits only:
  int index = -1;
  std::string source, source_kind, cue, content;
  bool anonymous = false;
};

enum class StatsGroup { kOutletMonth, kOutlet, kMonth, kAll };

struct StatsRequest {
  StatsGroup group = StatsGroup::kOutletMonth;
  std::string outlet;    // filter ("" = all)
  std::string from, to;  // inclusive YYYY-MM bounds ("" = open)
  int top = 5;           // top sources per group
};

struct StatsRow {
  std::string outlet, month;  // "*" when not grouped by it
  int64_t articles = 0, attributions = 0, anonymous = 0;
  std::vector<std::pair<std::string, int64_t>> by_kind;  // source kind -> attributions
  std::vector<std::pair<std::string, int64_t>> top_sources;
  double anonymous_share() const {
    return attributions ? static_cast<double>(anonymous) / static_cast<double>(attributions) : 0;
  }
};

// The source kinds, in the order stats reports them.
const std::vector<std::string>& SourceKindNames();

class Store {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                                           const StoreOptions& opt = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  int schema_version() const;

  // --- Queries (any mode) ---------------------------------------------------------------
  [[nodiscard]] Result<StoreSummary> Summary();
  [[nodiscard]] Result<std::vector<RunInfo>> Runs();
  [[nodiscard]] Result<std::vector<SearchHit>> Search(const SearchRequest& req);
  [[nodiscard]] Result<std::vector<StatsRow>> Stats(const StatsRequest& req);
  // The document and its current analysis; kNotFound when no document has this id.
  [[nodiscard]] Result<DocRecord> Show(const std::string& doc_id);
  [[nodiscard]] Result<DocRecord> ShowKey(int64_t key);
  // Documents with key > after_key, in key order, at most `limit` (short read transactions).
  [[nodiscard]] Result<std::vector<StoredDocument>> ReadDocuments(int64_t after_key, size_t limit);
  // Keys of documents with key > after_key, in order, at most `limit`.
  [[nodiscard]] Result<std::vector<int64_t>> DocumentKeys(int64_t after_key, size_t limit);
  // id -> (hash, rules version of the current analysis), for every document.
  [[nodiscard]] Result<std::unordered_map<std::string, KnownDoc>> LoadKnown();
  // Runs a consistency check: PRAGMA integrity_check, foreign_key_check, every document has
  // a current analysis of its own text, FTS5 integrity. Returns the problems found (empty:
  // consistent).
  [[nodiscard]] Result<std::vector<std::string>> Check();

  // --- Writing (kReadWrite) ---------------------------------------------------------------
  [[nodiscard]] Result<int64_t> BeginRun(const std::string& kind, const std::string& rules_version,
                                         const std::string& isnad_version = "");
  [[nodiscard]] Status FinishRun(int64_t run, const std::string& status, int64_t documents);
  [[nodiscard]] Status Begin();  // BEGIN IMMEDIATE
  [[nodiscard]] Status Commit();
  void Rollback();  // never fails; a no-op outside a transaction
  // Writes one record inside Begin()/Commit(). kReplace: unchanged when the stored document
  // has the same hash and its current analysis the same rules version as `run`; kAddAnalysis:
  // kSkipped when the document is gone or its hash differs.
  [[nodiscard]] Status Write(const DocRecord& r, int64_t run, WriteMode mode,
                             WriteOutcome* outcome);
  // Makes every analysis of `run` current and deletes the analyses it supersedes, in one
  // transaction; marks the run complete.
  [[nodiscard]] Status PromoteRun(int64_t run, int64_t documents);
  // Copies a run row of another store (merge), returning its id here.
  [[nodiscard]] Result<int64_t> ImportRun(const RunInfo& run);

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace isnad
