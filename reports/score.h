// A faithful C++ port of the reference scorer ../shared/gold/score.py (tests check that both
// print the same figures on the same files).
//
//   isnad::ScoreReport r = isnad::Score(gold_docs, predicted_docs, /*errors=*/&errs);
//   std::cout << isnad::FormatScore(r);
//
// Documents are JSON objects in the shape of ../shared/gold/FORMAT.md keyed by "id".
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace isnad {

struct Prf {
  double precision = 0, recall = 0, f1 = 0;  // rounded to 4 places, as score.py does
  int tp = 0, predicted = 0, gold = 0;
};

struct ScoreReport {
  int documents = 0;
  Prf cue, full, anonymous, disputes, disputes_full;
  std::vector<std::pair<std::string, double>> on_matched;   // src, content, resolved, ...
  std::vector<std::pair<std::string, int>> type_confusion;  // "gold->pred", count
};

using DocMap = std::map<std::string, nlohmann::json>;

// Scores predictions against gold. When `errors` is given, appends the misses, false alarms
// and partial matches in score.py's --errors shape.
ScoreReport Score(const DocMap& gold, const DocMap& pred, std::vector<nlohmann::json>* errors);

// The text score.py prints (without --json / --by-doc).
std::string FormatScore(const ScoreReport& r);

// score.py's name agreement (token-set Jaccard >= 0.5 or containment), exposed for tests.
bool SameName(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace isnad
