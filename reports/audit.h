// The editor's anonymous-sourcing audit: a checklist of findings about how an article
// attributes its statements, each pointing at the span it is about.
//
//   isnad::Result<isnad::AuditRules> ar = isnad::AuditRules::FromRuleSet(rules);
//   if (!ar.ok()) { std::cerr << ar.error().ToString() << "\n"; return 2; }
//   std::vector<isnad::Finding> f = isnad::Audit(analysis, *ar);
//   isnad::WriteAuditText(analysis, f, std::cout);            // or AuditJson(analysis, f)
//   if (isnad::AnyAtOrAbove(f, isnad::Severity::kWarning)) ... // a newsroom gate
//
// Kinds of finding (the ids of rules/lexicons/audit.json):
//  - anonymous_no_reason     an anonymous source (unnamed official or source) with no stated
//                            reason for its anonymity; reported once per source, at its first
//                            mention (continuations such as «وأضاف المصدر» are not repeated);
//  - single_anonymous_claim  a claim whose only source is anonymous: no attribution from a
//                            different source outside its chain repeats at least
//                            `min_overlap` of the claim's words; one finding per claim;
//  - vague_attribution       a source that names no one: «تقارير», «مصادر إعلامية», «وسائل
//                            إعلام» (unnamed outlets, and sources matching `phrases`);
//  - agentless_cue           an impersonal cue with no source at all: «يُعتقد», «أُفيد»
//                            (made by a rule listed in `patterns`, or a cue matching `cues`).
//                            A cue whose source the analyzer simply could not find (a «قالت»
//                            with no antecedent) is not agentless: it gets no finding at all;
//  - unnamed_intermediary    a chain (via) that passes through an anonymous or vague party;
//  - anonymous_direct_quote  an anonymous source quoted directly (form direct or mixed).
// Severities, thresholds, word lists and the bilingual one-line messages all live in the
// rules (category "audit"); the C++ only knows the kinds.
//
// Spans are byte ranges into analysis.doc.text, like every span of an Analysis; AuditJson
// converts them to code points. Findings are ordered by span start, then kind.
//
// Errors. AuditRules::Parse and FromRuleSet never throw: a malformed or incomplete audit
// file yields a Status with code kBadRules whose where() is "FILE#/json/pointer" and whose
// message says what is wrong (unknown kind, bad severity, missing message, threshold out of
// range). Audit() never fails.
// Lifetime and threads: AuditRules is an immutable value; Audit() is a pure function and may
// be called from any number of threads at once.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analysis.h"
#include "analyzer/status.h"
#include "rules/rule_set.h"

namespace isnad {

enum class Severity : uint8_t { kInfo, kWarning, kError };
const char* SeverityName(Severity s);  // "info", "warning", "error"
// Parses "info", "warning" or "error"; false for anything else.
bool ParseSeverity(std::string_view name, Severity* out);

// The kinds of finding, in the order of the file comment.
enum class FindingKind : uint8_t {
  kAnonymousNoReason,
  kSingleAnonymousClaim,
  kVagueAttribution,
  kAgentlessCue,
  kUnnamedIntermediary,
  kAnonymousDirectQuote,
  kCount
};
const char* FindingKindName(FindingKind k);  // the rules id, e.g. "anonymous_no_reason"

struct Finding {
  FindingKind kind = FindingKind::kAnonymousNoReason;
  Severity severity = Severity::kWarning;
  Span span;               // what the finding points at (bytes into doc.text)
  int attribution = -1;    // index into Analysis::attributions
  std::string message_ar;  // one line each, placeholders filled in
  std::string message_en;
};

class AuditRules {
 public:
  struct Check {
    bool enabled = true;
    Severity severity = Severity::kWarning;
    std::string message_ar, message_en;             // with {source}, {cue}, {via} placeholders
    double min_overlap = 0.3;                       // single_anonymous_claim
    std::vector<std::vector<std::string>> phrases;  // normalized words, per phrase (or cue)
    std::vector<std::string> patterns;              // agentless_cue: rule ids (patterns.json)
  };

  // The audit rules of a RuleSet: the built-in audit.json, with the entries of any audit
  // file loaded from --rules directories replacing the built-in entries of the same id
  // (an entry with "disabled": true switches its check off). Every kind must end up with
  // an entry.
  static Result<AuditRules> FromRuleSet(const RuleSet& rules);
  // Parses one complete audit file (every kind present); `name` is used in errors.
  static Result<AuditRules> Parse(std::string_view json_text, std::string_view name);

  const Check& check(FindingKind k) const { return checks_[static_cast<size_t>(k)]; }

 private:
  std::vector<Check> checks_ = std::vector<Check>(static_cast<size_t>(FindingKind::kCount));
  friend class AuditRulesBuilder;
};

// The findings for one analysis. Never fails.
std::vector<Finding> Audit(const Analysis& a, const AuditRules& rules);

// Whether any finding has at least this severity.
bool AnyAtOrAbove(const std::vector<Finding>& findings, Severity level);

// {"id", "source", "attributions", "summary": {"info", "warning", "error"}, "findings":
// [{"kind", "severity", "span": {"start", "end", "text"} (code points), "attribution",
// "message_ar", "message_en"}]}.
nlohmann::json AuditJson(const Analysis& a, const std::vector<Finding>& findings);

// A readable listing: a header line per document, then each finding with its severity,
// kind, code-point span, attribution number (1-based, as in `isnad analyze`) and the two
// messages.
void WriteAuditText(const Analysis& a, const std::vector<Finding>& findings, std::ostream& out);

}  // namespace isnad
