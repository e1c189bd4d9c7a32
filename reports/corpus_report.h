// The researcher's corpus report: how a body of articles attributes its statements — per
// outlet, per month, who is cited most, how long the chains are and who disputes whom — as
// one self-contained HTML page with inline SVG charts, as Markdown, and as CSV files.
//
// The renderers take plain aggregated figures (CorpusStats), so the same report can be
// fed from analyses in memory or from the SQLite store:
//
//   isnad::CorpusAggregator agg({.top = 15});
//   for (...) agg.Add(analyzer.Analyze(std::move(doc)));   // bounded memory: counts only
//   isnad::CorpusStats stats = agg.Finish();
//   isnad::WriteCorpusHtml(stats, {.generator = "isnad 0.1.0"}, out);
//   isnad::WriteCorpusMarkdown(stats, {}, md);
//   for (const auto& [name, text] : isnad::CorpusCsvFiles(stats)) ...   // "outlets.csv", ...
//
// A store fills CorpusStats with its own queries; the field comments say exactly what each
// figure counts so both paths agree. Every figure is shown with its denominator.
//
// Definitions. An attribution is anonymous when its source is (Source::anonymous): unnamed
// officials, anonymous sources, vague outlets and agentless cues. "Via" means the chain
// names at least one intermediary. Continuations («وأضاف المصدر») are attributions of
// their own and count as citations of the source they continue. A month is "YYYY-MM" read
// from the article's date by YearMonth (base/dates.h, as the store's `month` column);
// articles with no readable date count in every total but in no month.
//
// Untrusted text. Outlet, source and party names come from articles: every renderer
// escapes them (HTML/SVG: & < > " ' and bidi controls; Markdown: table syntax; CSV: quoting
// and spreadsheet formulas).
//
// Threads: CorpusAggregator is not thread-safe (one per thread; aggregate results are not
// mergeable yet); the renderers are pure.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/analysis.h"
#include "rules/rule_set.h"

namespace isnad {

constexpr size_t kSourceKindCount = 8;                     // SourceKind values
using KindCounts = std::array<int64_t, kSourceKindCount>;  // indexed by SourceKind

struct OutletStats {
  std::string outlet;    // Document::outlet as recorded; "" when unknown
  int64_t articles = 0;  // readable articles
  int64_t attributions = 0;
  int64_t anonymous = 0;  // attributions with an anonymous source
  int64_t via = 0;        // attributions with at least one intermediary
  int64_t disputes = 0;
  KindCounts kinds{};  // attributions per source kind (sums to `attributions`)
};

struct MonthStats {
  std::string outlet;  // "" = all outlets together (articles of an unknown outlet
                       // count only there)
  std::string month;   // "YYYY-MM"
  int64_t articles = 0;
  int64_t attributions = 0;
  int64_t anonymous = 0;
};

struct CitedStats {
  std::string key;      // entity id, ISO2 country code, or "name:[<kind>:]<normalized>"
  std::string name;     // display name (Arabic when known)
  std::string name_en;  // English name when known
  SourceKind kind = SourceKind::kUnspecified;
  int64_t citations = 0;  // attributions citing it
  int64_t articles = 0;   // distinct articles citing it
  int64_t outlets = 0;    // distinct outlets whose articles cite it
};

struct DisputePairStats {
  std::string party_a, party_b;  // display names; party_a sorts first by key
  int64_t a_disputes_b = 0;      // disputes in which a disputes b
  int64_t b_disputes_a = 0;
  int64_t articles = 0;  // distinct articles with a dispute between them
  int64_t total() const { return a_disputes_b + b_disputes_a; }
};

struct ContestedClaim {
  std::string article;  // article id
  std::string outlet, date;
  std::string by, against;  // the disputing and the disputed party ("" when unnamed)
  std::string about;        // what is disputed
  std::string claim;        // the disputed attribution's content, when linked
};

struct CorpusStats {
  std::string title;       // shown as the report's title when not empty
  int64_t articles = 0;    // readable articles
  int64_t unreadable = 0;  // inputs that could not be read (not in any figure)
  int64_t articles_with_attributions = 0;
  int64_t attributions = 0;
  int64_t anonymous = 0;
  int64_t via = 0;
  int64_t disputes = 0;
  int64_t undated = 0;               // readable articles with no readable month
  std::vector<OutletStats> outlets;  // most articles first, then by name
  std::vector<MonthStats> months;    // by outlet ("" first), then month ascending
  // Most cited first; `distinct_*` counts every key, not only the listed top ones.
  // By entity (anonymous sources: by kind and wording); agentless cues excluded.
  std::vector<CitedStats> sources;
  int64_t distinct_sources = 0;
  std::vector<CitedStats> states;  // by the source's country: states and their people
  int64_t distinct_states = 0;
  int64_t attributions_with_country = 0;  // denominator of the states' shares
  std::vector<CitedStats> cited_outlets;  // named outlets cited as sources or intermediaries
  int64_t distinct_cited_outlets = 0;
  // chain_lengths[k]: attributions whose chain names k intermediaries (last bucket: k or
  // more, k = chain_lengths.size() - 1).
  std::vector<int64_t> chain_lengths;
  std::vector<DisputePairStats> dispute_pairs;  // most disputes first
  int64_t distinct_dispute_pairs = 0;
  // The earliest `top` disputes: by the article's date (undated last), article id and
  // position in the article, whatever order the articles were added in.
  std::vector<ContestedClaim> contested;
};

struct CorpusOptions {
  size_t top = 15;                 // length of the most-cited and dispute-pair lists
  size_t max_chain = 3;            // chain lengths of at least this are one bucket
  const RuleSet* rules = nullptr;  // optional: names of states by ISO2 code
};

// Aggregates analyses one at a time; keeps counts per key, never the articles.
class CorpusAggregator {
 public:
  explicit CorpusAggregator(CorpusOptions opt = {});
  ~CorpusAggregator();
  CorpusAggregator(const CorpusAggregator&) = delete;
  CorpusAggregator& operator=(const CorpusAggregator&) = delete;

  void Add(const Analysis& a);
  void AddUnreadable() { ++unreadable_; }
  CorpusStats Finish() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int64_t unreadable_ = 0;
};

struct CorpusReportOptions {
  std::string generator;  // footer line ("isnad 0.1.0"); empty in golden files
  size_t max_series = 8;  // outlets drawn in the monthly chart (the most attributions)
};

void WriteCorpusHtml(const CorpusStats& s, const CorpusReportOptions& opt, std::ostream& out);
void WriteCorpusMarkdown(const CorpusStats& s, const CorpusReportOptions& opt, std::ostream& out);
// The CSV files of the report, as (file name, content) pairs in a fixed order: summary.csv,
// outlets.csv, outlet_kinds.csv, months.csv, sources.csv, states.csv, cited_outlets.csv,
// chain_lengths.csv, dispute_pairs.csv, contested.csv. Each has a header row; shares come
// with their numerator and denominator columns.
std::vector<std::pair<std::string, std::string>> CorpusCsvFiles(const CorpusStats& s);

}  // namespace isnad
