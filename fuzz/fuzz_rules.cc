// Fuzz target: the rules loader.
//
// The input is one rules file (RuleSet::LoadFromStrings without the defaults). Loading must
// never throw or crash: it returns a RuleSet or a Status of kind kBadJson / kBadRules whose
// location names the file. A RuleSet that loads is then used to match a fixed sentence, and
// its hits must be ordered token ranges whose sense indexes point into its tables.
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/normalizer.h"
#include "analyzer/tokenizer.h"
#include "fuzz/fuzz_check.h"
#include "rules/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  isnad::Result<isnad::RuleSet> rules =
      isnad::RuleSet::LoadFromStrings({{"fuzz.json", text}}, /*with_defaults=*/false);
  if (!rules.ok()) {
    isnad::Status st = rules.error();
    ISNAD_FUZZ_CHECK(st.code() == isnad::ErrorCode::kBadJson ||
                     st.code() == isnad::ErrorCode::kBadRules);
    ISNAD_FUZZ_CHECK(st.where().starts_with("fuzz.json"));
    ISNAD_FUZZ_CHECK(!st.message().empty());
    return 0;
  }
  static const isnad::NormalizedText* sample = new isnad::NormalizedText(isnad::Normalize(
      "وقال مسؤول بالبيت الأبيض لوكالة رويترز إن الرئيس الروسي فلاديمير بوتين نفى ذلك، "
      "وفق ما أفادت وكالة أنباء \"سبوتنيك\" الروسية."));
  static const std::vector<isnad::Token>* tokens =
      new std::vector<isnad::Token>(isnad::Tokenize(sample->text));
  std::vector<isnad::LexHit> hits;
  rules->Match(sample->text, *tokens, &hits);
  for (const isnad::LexHit& h : hits) {
    ISNAD_FUZZ_CHECK(h.begin < h.end && h.end <= tokens->size());
    using isnad::RoleTable;
    switch (isnad::TableOf(h.sense.role)) {
      case RoleTable::kVerbs:
        ISNAD_FUZZ_CHECK(h.sense.index < rules->verbs().size());
        break;
      case RoleTable::kEntities:
        ISNAD_FUZZ_CHECK(h.sense.index < rules->entities().size());
        break;
      case RoleTable::kHeads:
        ISNAD_FUZZ_CHECK(h.sense.index < rules->heads().size());
        break;
      case RoleTable::kMarkers:
        ISNAD_FUZZ_CHECK(h.sense.index < rules->markers().size());
        break;
      case RoleTable::kNone:
        ISNAD_FUZZ_CHECK(false);
        break;
    }
  }
  ISNAD_FUZZ_CHECK(!rules->version().empty());
  return 0;
}
