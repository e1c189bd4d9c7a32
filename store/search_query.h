// Arabic-aware full-text search: the FTS5 query a user's words become, and the snippet that
// shows where they matched.
//
//   isnad::Result<isnad::FtsQuery> q = isnad::BuildFtsQuery("الامريكي بوتين", {});
//   // q->match: ("الامريكي" OR "الاميركي" OR ...) AND ("بوتين" OR ...) — bound as a parameter
//   isnad::Snippet s = isnad::MakeSnippet(text, q->terms, 60);
//
// The store indexes a matching-normalized copy of every text (Normalize: diacritics, tatweel
// and zero-width characters removed, أ إ آ ٱ -> ا, ى -> ي, ة -> ه, Arabic-Indic digits ->
// ASCII, lower case); the query is normalized the same way, so «الأمريكيّة» finds «الامريكيه».
// On top of that each word of four letters or more (not counting a leading ال) also matches
// its common spelling variants: one long vowel (ا و ي) moved by one place, added or dropped
// inside the word, and a hamza seat (ؤ ئ) written as the other seat, as its bare letter (و ي)
// or the reverse — so «الامريكي» finds «الأميركي» and «مسؤول» finds «مسئول». `exact` turns
// variants off. Matching is by whole words: «الامريكي» does not find «الأمريكية»; the prefix
// query «الامريكي*» does (with the variants of the prefix).
//
// Query syntax: words are ANDed; `OR` (upper case) between two words or phrases makes an
// alternative; "a quoted phrase" matches the words in order (no variants); a word ending in
// `*` matches as a prefix. Everything else (punctuation, FTS5 operators) is
// treated as text, so no user input can produce an FTS5 syntax error.
//
// Errors: kInvalidArgument when the query has no word after normalization.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace isnad {

struct FtsQueryOptions {
  bool exact = false;  // no spelling variants
};

struct FtsQuery {
  std::string match;               // the FTS5 MATCH expression
  std::vector<std::string> terms;  // normalized words and variants (prefix terms end in '*')
};

Result<FtsQuery> BuildFtsQuery(std::string_view query, const FtsQueryOptions& opt = {});

// The spelling variants of one normalized word (see the file comment), without the word
// itself; empty for words shorter than four letters.
std::vector<std::string> SpellingVariants(std::string_view normalized_word);

// The form the store indexes: Normalize(text).text with every character that is not a letter
// or digit (IsWordChar) replaced by spaces.
std::string SearchForm(std::string_view text);

struct Snippet {
  std::string before, match, after;  // original text; newlines folded to spaces
  bool found = false;                // false: `before` holds the start of the text
};

// Finds the first whole-word occurrence of any term in `text` (comparing normalized forms)
// and returns about `width` code points of context on each side.
Snippet MakeSnippet(std::string_view text, const std::vector<std::string>& terms, size_t width);

}  // namespace isnad
