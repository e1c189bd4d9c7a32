// Ingest at scale: documents in, analyses stored — on every core, with one writer.
//
//   auto store = isnad::Store::Open("isnad.db");                     // read-write
//   isnad::IngestProgress progress;                                  // poll from a UI thread
//   isnad::Result<isnad::IngestSummary> s =
//       isnad::Ingest(**store, {"corpus.jsonl.gz"}, rules, {.progress = &progress});
//   // s->added, s->changed, s->unchanged, s->failed, s->errors ...
//
// How. The calling thread reads documents (DocumentReader: files, folders, JSONL, .jsonl.gz,
// "-") and hashes them; a document whose id, content hash and rules version are already in
// the store is counted unchanged without being analyzed (the store's id -> hash map is
// loaded once). The others go through a bounded queue to `jobs` analysis threads, whose
// records go through a second bounded queue to ONE writer thread that writes them in
// transactions of `batch` documents (or `batch_seconds`, whichever comes first). Memory is
// bounded by the queues, not by the corpus.
//
// Idempotence and crash safety. A record is written with its analysis, attributions,
// disputes and search rows in the same transaction, so a kill -9 loses at most the batch in
// flight; running the same command again skips what was committed and does the rest. When
// one input holds the same id twice with different texts, the later one wins.
//
// IngestAnalyzed reads the output of `isnad analyze --format jsonl --with-text` (files,
// folders of *.jsonl / *.jsonl.gz, "-") and stores it without analyzing; the run records
// `rules_version` (the caller passes the version of the rules that produced the file).
// Reanalyze analyzes every stored document again into a new run and makes it current in one
// final transaction (Store::PromoteRun): until then queries read the previous run; killed
// before that, the next writer discards the partial run. Merge copies the documents of other
// stores (shards) that `out` does not hold with the same id and hash, one transaction per
// shard; a document held under the same id with another text is replaced by the shard's.
//
// Preconditions: `store` (and `out`) was opened StoreMode::kReadWrite, and no other thread
// uses it during the call. `opt.batch` > 0.
//
// Errors. Inputs that cannot be read are counted in `failed` with their Status in `errors`
// (file, line, what is wrong) and never stop the run; the Result fails (kStore) only when
// the store itself fails, after rolling back the batch in flight. Nothing throws.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/document.h"
#include "analyzer/status.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace isnad {

// Counters a caller may read from another thread while a run goes on.
struct IngestProgress {
  std::atomic<uint64_t> done{0};   // inputs finished: written, unchanged or failed
  std::atomic<int64_t> total{-1};  // inputs expected, when known (CountInputs); -1 otherwise
};

struct IngestOptions {
  int jobs = 0;                // analysis threads; 0: std::thread::hardware_concurrency()
  size_t batch = 500;          // documents per transaction
  double batch_seconds = 1.0;  // ... or commit a batch that has been open this long
  ReadOptions read;            // size limit for files and records
  IngestProgress* progress = nullptr;
};

struct IngestSummary {
  int64_t run = 0;
  uint64_t added = 0;       // new documents
  uint64_t changed = 0;     // same id, different text or metadata: replaced and re-analyzed
  uint64_t reanalyzed = 0;  // same text, analyzed again (other rules; reanalyze)
  uint64_t unchanged = 0;   // already stored with the same hash and rules version
  uint64_t failed = 0;      // could not be read (see errors)
  uint64_t attributions = 0, disputes = 0;  // in the analyses written
  std::vector<Status> errors;               // one per failed input
  std::vector<Status> warnings;             // inputs skipped on purpose (e.g. unknown file types)
  double seconds = 0;
};

[[nodiscard]] Result<IngestSummary> Ingest(Store& store, const std::vector<std::string>& inputs,
                                           const RuleSet& rules, const IngestOptions& opt = {});

[[nodiscard]] Result<IngestSummary> IngestAnalyzed(Store& store,
                                                   const std::vector<std::string>& inputs,
                                                   const std::string& rules_version,
                                                   const IngestOptions& opt = {});

[[nodiscard]] Result<IngestSummary> Reanalyze(Store& store, const RuleSet& rules,
                                              const IngestOptions& opt = {});

[[nodiscard]] Result<IngestSummary> Merge(Store& out, const std::vector<std::string>& shards,
                                          const IngestOptions& opt = {});

// How many documents the inputs hold (files; non-blank lines of JSONL and .gz files; with
// all_jsonl, non-blank lines of every file, as IngestAnalyzed reads them), for a progress
// bar's ETA; -1 when it cannot be known (standard input). Returns early (with a partial
// count) once *stop becomes true.
int64_t CountInputs(const std::vector<std::string>& inputs, const std::atomic<bool>* stop = nullptr,
                    bool all_jsonl = false);

}  // namespace isnad
