// Analyzer: one article in, one Analysis out.
//
//   isnad::Result<isnad::RuleSet> rules = isnad::RuleSet::LoadDefault();
//   isnad::Analyzer analyzer(*rules);            // compiled once
//   isnad::Analysis a = analyzer.Analyze(doc);   // const: call from any number of threads
//   for (const isnad::Attribution& at : a.attributions) ...
//
// What it does, in one pass per stage: normalizes the text (normalizer.h) keeping a map to
// the original, tokenizes with clitics (tokenizer.h), splits sentences (segmenter.h), matches
// every lexicon phrase of the RuleSet, then finds attributions (cue, source, content, chain,
// stance, form), resolves sources to entities and antecedents, and finds explicit disputes.
// Every span in the result points into doc.text.
//
// Preconditions: doc.text is valid UTF-8 (documents from MakeDocument/DocumentReader are).
// Analyze never throws and never fails: text it cannot make sense of yields no attributions.
// Lifetime: the Analyzer keeps a copy of the RuleSet (shared, immutable); it may outlive the
// Result it was built from.
#pragma once

#include "analyzer/analysis.h"
#include "rules/rule_set.h"

namespace isnad {

struct AnalyzeOptions {
  bool lexicon_hits = false;  // also report every lexicon match (analyze --lexicon)
  bool explain = false;       // fill Attribution::explain
  bool sentences = false;     // fill Analysis::sentences
};

class Analyzer {
 public:
  explicit Analyzer(RuleSet rules, AnalyzeOptions opt = {});
  Analysis Analyze(Document doc) const;
  const RuleSet& rules() const { return rules_; }
  const AnalyzeOptions& options() const { return opt_; }

 private:
  RuleSet rules_;
  AnalyzeOptions opt_;
};

}  // namespace isnad
