// Documents and the readers that make them.
//
//   isnad::ReadOptions opt;                  // size limit, etc.
//   isnad::DocumentReader reader(opt);
//   reader.Open("article.txt");              // a file, a folder, "-" (stdin), *.jsonl, *.jsonl.gz
//   isnad::Document doc;
//   while (reader.Next(&doc)) { ... }        // one document at a time, bounded memory
//   for (const auto& d : reader.diagnostics()) ...   // what could not be read, and where
//
// A Document keeps the WHOLE original text (every span isnad reports points into it) and
// knows where its title and body are, its date, outlet and credits:
//  - plain text: the first non-empty line is the title;
//  - the raw web-page layout of the seed article (../shared/seed): a dateline before the title,
//    the title repeated, «شارك القصة», a photo caption, the body, «تابع القراءة», the credits
//    line «المصادر: العربي - وكالات» and a trailing «Close»: title, date, body range and
//    credits are recognized and the boilerplate is left outside the body;
//  - JSONL: one record per line, {"id", "text"} or {"id", "title", "body"|"text", "outlet",
//    "date", "url"}. A record with both "title" and a separate body gets the text
//    title + "\n\n" + body, as the gold sets expect;
//  - a folder: its *.txt, *.jsonl and *.jsonl.gz files, sorted by path, recursively.
//
// Bad input never stops a batch: a file or record that cannot be read (invalid UTF-8, NUL
// bytes, empty, larger than ReadOptions::max_bytes, malformed JSON, a record without "text")
// yields a Diagnostic naming the file, the line (JSONL) and the byte offset, and Next()
// moves on. A JSONL record that fails still produces a Document with `error` set, so that
// `analyze --format jsonl` can print one line per input record.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/span.h"
#include "analyzer/status.h"

namespace isnad {

struct Document {
  std::string id;      // the record's "id", else the file path
  std::string text;    // the whole original text, valid UTF-8
  std::string source;  // where it was read from: "FILE" or "FILE:LINE"
  std::string outlet;  // from the record, or recognized in the text
  std::string url;
  std::string date;   // as written in the record or the dateline
  std::string title;  // the title's text (a copy of text[title_span])
  Span title_span;    // byte range of the title in text (empty if none)
  Span body;          // byte range of the article body in text (whole text if no layout)
  std::vector<std::string> credits;  // the article's own outlet and wire sources
  Span credits_span;                 // the credits line, when there is one
  bool web_layout = false;           // the raw web-page layout was recognized
  // Set when the record could not be read; text is then empty.
  Status error;
};

struct ReadOptions {
  size_t max_bytes = 8u << 20;  // larger files or records are refused (kTooLarge)
  bool recurse = true;          // into sub-folders
};

struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  Status status;  // where() names the file, line and byte offset
};

// Builds a Document from text already in memory: validates it (UTF-8, NUL bytes, empty, size)
// and recognizes the layout. `name` is used in error messages and as the default id.
Result<Document> MakeDocument(std::string text, std::string name, const ReadOptions& opt = {});

// Recognizes title, date, body and credits in doc->text (plain or web-page layout). Called by
// MakeDocument and the readers; exposed for tests.
void RecognizeLayout(Document* doc);

class DocumentReader {
 public:
  explicit DocumentReader(ReadOptions opt = {});
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Queues a path: a file (.txt or anything else: plain text; .jsonl; .jsonl.gz / .gz),
  // a folder, or "-" for standard input (JSONL if its first byte is '{', plain text
  // otherwise). A path that does not exist is reported as a diagnostic by Next().
  void Add(std::string path);

  // Reads the next document. Returns false at the end of all inputs. Documents whose
  // `error` is set are returned only for JSONL records (one per input line); other
  // failures are only recorded in diagnostics().
  bool Next(Document* doc);

  // Everything that could not be read so far.
  const std::vector<Diagnostic>& diagnostics() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace isnad
