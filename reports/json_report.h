// The JSON form of an Analysis, in the shape of ../shared/gold/FORMAT.md plus isnad's own
// fields. Spans become {"start", "end", "text"} with Unicode code-point offsets into the
// document text (as Python indexes a str).
//
//   nlohmann::json j = isnad::ToJson(analysis, {.explain = true});
//   std::cout << j.dump() << "\n";
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analyzer/analysis.h"

namespace isnad {

struct JsonOptions {
  bool explain = false;    // add each attribution's "explain" lines
  bool sentences = false;  // add "sentences"
  bool lexicon = false;    // add "lexicon" (every lexicon match)
  bool text = false;       // add the document text
};

nlohmann::json ToJson(const Analysis& a, const JsonOptions& opt = {});

// A line for a record that could not be read: {"id", "error": {"code", "message", "where"}}.
nlohmann::json ErrorJson(const Document& doc);

}  // namespace isnad
