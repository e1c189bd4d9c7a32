// Fuzz target: tokenizer, sentence splitter and lexicon matcher over any valid UTF-8 text.
//
// The input is tokenized twice: as given (the tokenizer must cope with text that was not
// normalized) and after Normalize. Checked: tokens are ordered, non-empty, non-overlapping,
// on code-point boundaries and never cover a space; each has 1..kMaxCandidates readings whose
// stems are non-empty and on boundaries; sentences are ordered, non-overlapping token ranges;
// lexicon hits (default rules) are non-empty token ranges within the sentence's token stream.
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/normalizer.h"
#include "analyzer/segmenter.h"
#include "analyzer/tokenizer.h"
#include "fuzz/fuzz_check.h"
#include "rules/rule_set.h"

namespace {

void CheckTokens(std::string_view s, const std::vector<isnad::Token>& tokens) {
  using isnad::fuzz::AtBoundary;
  uint32_t prev_end = 0;
  for (const isnad::Token& t : tokens) {
    ISNAD_FUZZ_CHECK(t.begin >= prev_end);
    ISNAD_FUZZ_CHECK(t.begin < t.end && t.end <= s.size());
    ISNAD_FUZZ_CHECK(AtBoundary(s, t.begin) && AtBoundary(s, t.end));
    ISNAD_FUZZ_CHECK(s[t.begin] != ' ');
    ISNAD_FUZZ_CHECK(t.ncand >= 1 && t.ncand <= isnad::Token::kMaxCandidates);
    ISNAD_FUZZ_CHECK(t.cand[0].prefix == 0 && t.cand[0].suffix == 0);
    for (int k = 0; k < t.ncand; ++k) {
      const isnad::Candidate& c = t.cand[k];
      ISNAD_FUZZ_CHECK(static_cast<uint32_t>(c.prefix) + c.suffix < t.end - t.begin);
      ISNAD_FUZZ_CHECK(AtBoundary(s, t.begin + c.prefix) && AtBoundary(s, t.end - c.suffix));
      ISNAD_FUZZ_CHECK(!t.Stem(s, k).empty());
    }
    prev_end = t.end;
  }
}

void CheckAll(std::string_view s, const isnad::RuleSet& rules,
              const isnad::SentenceSplitter& splitter) {
  std::vector<isnad::Token> tokens = isnad::Tokenize(s);
  CheckTokens(s, tokens);
  std::vector<isnad::SentenceRange> sents = splitter.Split(s, tokens);
  uint32_t prev = 0;
  for (const isnad::SentenceRange& r : sents) {
    ISNAD_FUZZ_CHECK(r.begin >= prev && r.begin < r.end && r.end <= tokens.size());
    prev = r.end;
  }
  std::vector<isnad::LexHit> hits;
  rules.Match(s, tokens, &hits);
  uint32_t prev_begin = 0;
  for (const isnad::LexHit& h : hits) {
    ISNAD_FUZZ_CHECK(h.begin < h.end && h.end <= tokens.size());
    ISNAD_FUZZ_CHECK(h.begin >= prev_begin);  // in token order
    ISNAD_FUZZ_CHECK(h.sense.role < isnad::Role::kCount);
    prev_begin = h.begin;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const isnad::RuleSet* rules = [] {
    auto r = isnad::RuleSet::LoadDefault();
    ISNAD_FUZZ_CHECK(r.ok());
    return new isnad::RuleSet(*r);
  }();
  static const isnad::SentenceSplitter* splitter = new isnad::SentenceSplitter();
  std::string text = isnad::fuzz::ValidUtf8(data, size);
  CheckAll(text, *rules, *splitter);
  isnad::NormalizedText n = isnad::Normalize(text);
  CheckAll(n.text, *rules, *splitter);
  return 0;
}
