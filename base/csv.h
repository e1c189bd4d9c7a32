// One CSV field, for every CSV isnad writes (the store's `search`/`stats`/`show` tables and
// the reports' tables): RFC 4180 — a field holding a comma, a double quote, CR or LF is quoted
// and its quotes doubled — and spreadsheet formulas neutralized: a field starting with
// = + - @ (or a tab or CR) gets a leading apostrophe, so a spreadsheet shows it as text and
// never runs it. UTF-8 in, UTF-8 out; never throws.
//
//   out << isnad::CsvField(doc_id) << "," << isnad::CsvField(title) << "\n";
#pragma once

#include <string>
#include <string_view>

namespace isnad {

std::string CsvField(std::string_view s);

}  // namespace isnad
