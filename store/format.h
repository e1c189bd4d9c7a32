// Output of the store's queries as text (for a person), JSON (for programs) and CSV (for a
// spreadsheet): `isnad search`, `isnad stats`, `isnad show`, and the ingest summary.
//
//   isnad::WriteStats(rows, isnad::OutputFormat::kCsv, std::cout);
//
// CSV follows RFC 4180 (fields with a comma, quote or newline are quoted, quotes doubled; a
// field starting with = + - @ gets a leading apostrophe so spreadsheets do not run it),
// UTF-8 without BOM, one header line. Shares are fractions in [0, 1] in JSON and CSV and
// percentages in text. None of these functions throws (output errors set the stream's state).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"  // CsvField
#include "store/ingest.h"
#include "store/record.h"
#include "store/store.h"

namespace isnad {

enum class OutputFormat { kText, kJson, kCsv };

// "text" | "json" | "csv"; kText for anything else.
OutputFormat ParseOutputFormat(std::string_view name);

void WriteSearch(const std::vector<SearchHit>& hits, bool attributions, OutputFormat f,
                 std::ostream& out);
void WriteStats(const std::vector<StatsRow>& rows, OutputFormat f, std::ostream& out);
// with_text: also print the article text (text format; JSON always has it).
void WriteShow(const DocRecord& r, OutputFormat f, bool with_text, std::ostream& out);
void WriteRuns(const std::vector<RunInfo>& runs, OutputFormat f, std::ostream& out);

// The end-of-run summary: "ingest: 16844 documents: 16844 new, ..." and, for failures, the
// count per reason and the first `max_errors` errors with where they happened.
void WriteSummary(const std::string& verb, const IngestSummary& s, const StoreSummary* store,
                  OutputFormat f, size_t max_errors, std::ostream& out);

}  // namespace isnad
