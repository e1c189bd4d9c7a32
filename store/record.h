// DocRecord: one document and its analysis in the form the store keeps — spans as Unicode
// code-point offsets with their text (as in `isnad analyze --format json`), enums as their
// JSON names. It is what the ingest workers produce, what the single writer inserts, what
// `--analyzed` import and `merge` read, and what `isnad show` prints.
//
//   isnad::DocRecord r = isnad::RecordFromAnalysis(analysis, "corpus.jsonl:17");
//   isnad::Result<isnad::DocRecord> r2 = isnad::RecordFromJson(line_json, "out.jsonl:3");
//   nlohmann::json j = isnad::RecordToJson(r);    // the analyze JSON shape + store fields
//
// Content hash. ContentHash(id, outlet, url, date, title, text) is XXH3-128 (hex, 32 chars)
// over the six fields, each prefixed by its length, so a change of text or of any metadata
// makes a different hash. It is computed from the Document as read (DocumentReader), which
// is exactly what `analyze --format jsonl --with-text` prints, so raw ingest, `--analyzed`
// import and merge agree on it.
//
// The month of a record is YearMonth(date) (base/dates.h), the same reading of dates as the
// corpus report and the graph.
//
// None of these functions throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analysis.h"
#include "analyzer/status.h"
#include "base/dates.h"  // YearMonth

namespace isnad {

// A span in code points, with its text. Absent spans have start == end == -1.
struct CpSpan {
  int64_t start = -1;
  int64_t end = -1;
  std::string text;
  bool present() const { return start >= 0; }
};

struct StoredAttribution {
  CpSpan cue;
  std::string cue_lemma;
  CpSpan source;                // the mention as written (absent for zero subjects)
  std::string source_resolved;  // fullest name in the article
  std::string source_kind;      // SourceKindName: person, official, anonymous, ...
  bool anonymous = false;
  std::string identification;  // named, role, vague, none
  CpSpan reason;               // stated reason for anonymity
  std::string title;
  std::string country;
  std::string entity_id;  // "" when unresolved
  std::string entity_name_ar, entity_name_en, entity_kind, entity_country, entity_seat;
  CpSpan content;
  std::string form;              // direct, indirect, mixed
  std::vector<std::string> via;  // outermost first
  std::string stance;
  std::string rule;
  double confidence = 0;  // rounded to 2 decimals, as in the JSON
  int antecedent = -1;
  std::string claim_key;  // hex XXH3-64 of the normalized content ("" without content)
  // Filled by PrepareSearch (the writer computes them when empty).
  std::string search_text;
};

struct StoredDispute {
  CpSpan cue;
  std::string by, against, by_entity, against_entity, about;
  CpSpan about_span, evidence;
  int attribution = -1;
  std::vector<int> targets;
  std::string rule;
};

struct DocRecord {
  std::string id;
  std::string outlet, url, date, title;
  std::string text;          // the whole original text
  std::string source;        // where it was read from ("FILE:LINE")
  std::string content_hash;  // ContentHash(...)
  std::string month;         // YearMonth(date)
  CpSpan title_span;
  int64_t body_start = -1, body_end = -1;
  std::vector<std::string> credits;
  CpSpan credits_span;
  std::vector<StoredAttribution> attributions;
  std::vector<StoredDispute> disputes;
  std::vector<std::string> warnings;
  std::string search_text;  // the indexed form of text (PrepareSearch)
  bool search_ready = false;
  // Filled by the store when read back (empty when built from an analysis).
  int64_t run_id = 0;
  std::string rules_version, isnad_version, ingested_at, updated_at, analyzed_at;
};

// XXH3-128 over the length-prefixed fields, as 32 lowercase hex digits.
std::string ContentHash(std::string_view id, std::string_view outlet, std::string_view url,
                        std::string_view date, std::string_view title, std::string_view text);
std::string ContentHash(const Document& doc);

// Hex XXH3-64 of NormalizeKey(content): the same claim written with other diacritics, hamza
// seats or quotes gets the same key. "" for empty content.
std::string ClaimKey(std::string_view content);

// Converts an analysis (byte spans) to a record (code-point spans).
DocRecord RecordFromAnalysis(const Analysis& a);
// The inverse, for the commands that read a store (`graph`, `contested`, `report --db`):
// the stored document and its analysis back into an Analysis (code points -> bytes; enum
// names -> values, unknown names -> the defaults). Fields the store does not keep (e.g.
// Source::gender) stay at their defaults.
Analysis AnalysisFromRecord(const DocRecord& r);

// Computes the matching-normalized forms the store indexes (search_text, each attribution's
// search_text), so that worker threads do it rather than the writer.
void PrepareSearch(DocRecord* r);

// Reads one line of `isnad analyze --format jsonl --with-text`. Fails with kBadRecord (where:
// `where`) when the line is an error line, lacks "id" or "text", or a field has the wrong type.
Result<DocRecord> RecordFromJson(const nlohmann::json& j, const std::string& where);

// The record in the shape of `isnad analyze --format json --with-text`, plus "content_hash",
// "month", "source" and "run" {id, rules_version, isnad_version, analyzed_at}.
nlohmann::json RecordToJson(const DocRecord& r);

}  // namespace isnad
