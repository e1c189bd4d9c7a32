// Fuzz target: the document readers.
//
// The input is read three ways: as text in memory (MakeDocument: validation and the plain /
// web-page layout recognizer), as a JSONL file, and, when it starts with the gzip magic, as a
// .jsonl.gz file (the files are written to a private temporary folder). HTML is not read by
// isnad (no HTML reader exists yet), so it has no path here.
// Checked: a document that is returned without error has valid UTF-8 text with no NUL byte;
// its title, body and credits spans lie within the text on code-point boundaries; the title is
// the text of its span; the body is not empty; an error has a message and a location. The
// JSONL pass uses a small size limit so the too-large path is exercised too.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "analyzer/document.h"
#include "analyzer/utf8.h"
#include "fuzz/fuzz_check.h"

namespace {

void CheckDocument(const isnad::Document& doc) {
  using isnad::fuzz::ValidOptionalSpan;
  if (!doc.error.ok()) {
    ISNAD_FUZZ_CHECK(!doc.error.message().empty());
    ISNAD_FUZZ_CHECK(!doc.error.where().empty());
    return;
  }
  std::string_view t = doc.text;
  ISNAD_FUZZ_CHECK(!t.empty());
  ISNAD_FUZZ_CHECK(isnad::utf8::FindInvalid(t) == std::string_view::npos);
  ISNAD_FUZZ_CHECK(t.find('\0') == std::string_view::npos);
  ISNAD_FUZZ_CHECK(ValidOptionalSpan(t, doc.title_span));
  ISNAD_FUZZ_CHECK(doc.title == doc.title_span.In(t));
  ISNAD_FUZZ_CHECK(isnad::fuzz::ValidSpan(t, doc.body));
  ISNAD_FUZZ_CHECK(ValidOptionalSpan(t, doc.credits_span));
  for (const std::string& c : doc.credits) {
    ISNAD_FUZZ_CHECK(!c.empty());
    ISNAD_FUZZ_CHECK(isnad::utf8::FindInvalid(c) == std::string_view::npos);
  }
  ISNAD_FUZZ_CHECK(!doc.id.empty() && !doc.source.empty());
}

void CheckDiagnostics(const isnad::DocumentReader& reader) {
  for (const isnad::Diagnostic& d : reader.diagnostics()) {
    ISNAD_FUZZ_CHECK(!d.status.ok());
    ISNAD_FUZZ_CHECK(!d.status.message().empty());
  }
}

const std::filesystem::path& TempDir() {
  static const std::filesystem::path* dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "isnad-fuzz-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    ISNAD_FUZZ_CHECK(made != nullptr);
    auto* p = new std::filesystem::path(made);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(TempDir(), ec);
    });
    return p;
  }();
  return *dir;
}

void ReadFile(const uint8_t* data, size_t size, const char* name) {
  std::filesystem::path path = TempDir() / name;
  FILE* f = std::fopen(path.c_str(), "wb");
  ISNAD_FUZZ_CHECK(f != nullptr);
  ISNAD_FUZZ_CHECK(size == 0 || std::fwrite(data, 1, size, f) == size);
  std::fclose(f);
  isnad::ReadOptions opt;
  opt.max_bytes = 4096;
  isnad::DocumentReader reader(opt);
  reader.Add(path.string());
  isnad::Document doc;
  size_t n = 0;
  while (reader.Next(&doc)) {
    CheckDocument(doc);
    ISNAD_FUZZ_CHECK(++n <= size + 1);  // at most one document per line
  }
  CheckDiagnostics(reader);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  isnad::Result<isnad::Document> doc = isnad::MakeDocument(text, "fuzz.txt");
  if (doc.ok()) {
    CheckDocument(*doc);
    // The recognizer must be idempotent: the readers may call it again on a copy.
    isnad::Document again = *doc;
    isnad::RecognizeLayout(&again);
    ISNAD_FUZZ_CHECK(again.body == doc->body && again.title_span == doc->title_span);
  } else {
    ISNAD_FUZZ_CHECK(!doc.error().message().empty());
    ISNAD_FUZZ_CHECK(doc.error().where().starts_with("fuzz.txt"));
  }
  ReadFile(data, size, "input.jsonl");
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ReadFile(data, size, "input.jsonl.gz");
  return 0;
}
