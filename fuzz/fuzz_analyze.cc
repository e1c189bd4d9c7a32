// Fuzz target: whole-article analysis.
//
// The input becomes a Document through MakeDocument (inputs it refuses are skipped) and is
// analyzed with the default rules and every optional output on. Checked: every span of every
// attribution, dispute, sentence and lexicon match lies within doc.text on code-point
// boundaries; the strings copied out of the text are valid UTF-8; indexes between attributions
// and disputes point at existing ones; and the JSON report serializes (nlohmann's dump throws
// on invalid UTF-8, so this also checks every string in the report).
#include <cstdint>
#include <string>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "fuzz/fuzz_check.h"
#include "reports/json_report.h"

namespace {

bool Utf8(const std::string& s) { return isnad::utf8::FindInvalid(s) == std::string_view::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const isnad::Analyzer* analyzer = [] {
    auto r = isnad::RuleSet::LoadDefault();
    ISNAD_FUZZ_CHECK(r.ok());
    return new isnad::Analyzer(
        *r, isnad::AnalyzeOptions{.lexicon_hits = true, .explain = true, .sentences = true});
  }();
  if (size > (1u << 20)) return 0;
  isnad::Result<isnad::Document> doc =
      isnad::MakeDocument(std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt");
  if (!doc.ok()) return 0;
  isnad::Analysis a = analyzer->Analyze(std::move(doc).value());
  const std::string_view text = a.doc.text;
  using isnad::fuzz::ValidOptionalSpan;
  using isnad::fuzz::ValidSpan;
  const int n = static_cast<int>(a.attributions.size());
  for (const isnad::Attribution& at : a.attributions) {
    ISNAD_FUZZ_CHECK(ValidSpan(text, at.cue) && !at.cue.empty());
    ISNAD_FUZZ_CHECK(ValidOptionalSpan(text, at.source.mention));
    ISNAD_FUZZ_CHECK(ValidOptionalSpan(text, at.source.reason));
    ISNAD_FUZZ_CHECK(ValidOptionalSpan(text, at.content));
    for (const isnad::Span& s : at.via_spans) ISNAD_FUZZ_CHECK(ValidSpan(text, s));
    ISNAD_FUZZ_CHECK(at.source.antecedent >= -1 && at.source.antecedent < n);
    ISNAD_FUZZ_CHECK(Utf8(at.cue_text) && Utf8(at.content_text) && Utf8(at.source.text) &&
                     Utf8(at.source.resolved) && Utf8(at.source.title));
    ISNAD_FUZZ_CHECK(at.confidence >= 0.0f && at.confidence <= 1.0f);
  }
  for (const isnad::Dispute& d : a.disputes) {
    ISNAD_FUZZ_CHECK(ValidOptionalSpan(text, d.cue));
    ISNAD_FUZZ_CHECK(ValidOptionalSpan(text, d.about_span));
    ISNAD_FUZZ_CHECK(ValidOptionalSpan(text, d.evidence));
    ISNAD_FUZZ_CHECK(d.attribution >= -1 && d.attribution < n);
    for (int t : d.targets) ISNAD_FUZZ_CHECK(t >= 0 && t < n);
    ISNAD_FUZZ_CHECK(Utf8(d.by) && Utf8(d.against) && Utf8(d.about));
  }
  for (const isnad::Sentence& s : a.sentences) ISNAD_FUZZ_CHECK(ValidSpan(text, s.span));
  for (const isnad::LexiconMatch& m : a.lexicon) ISNAD_FUZZ_CHECK(ValidSpan(text, m.span));

  std::string json;
  try {
    json = isnad::ToJson(a,
                         isnad::JsonOptions{
                             .explain = true, .sentences = true, .lexicon = true, .text = true})
               .dump();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ToJson/dump threw: %s\n", e.what());
    ISNAD_FUZZ_CHECK(false);
  }
  ISNAD_FUZZ_CHECK(!json.empty());
  return 0;
}
