// Tests of RuleSet: the built-in lexicons load and match real sentences; every validation
// error names the file, the JSON pointer and what is wrong; user rules override the defaults
// (an id replaces, "disabled" removes, anything else adds), from strings and from a directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "analyzer/normalizer.h"
#include "analyzer/tokenizer.h"
#include "rules/rule_set.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;

#ifndef ISNAD_TEST_DATA_DIR
#error "ISNAD_TEST_DATA_DIR must name tests/data"
#endif

std::string ReadSeed() {
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const RuleSet& Defaults() {
  static const RuleSet* rules = [] {
    Result<RuleSet> r = RuleSet::LoadDefault();
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? new RuleSet(*r) : nullptr;
  }();
  return *rules;
}

// One lexicon hit, with the original text it covers.
struct Hit {
  std::string text;
  Role role;
  uint32_t index;
  uint8_t mask;
};

std::vector<Hit> MatchText(const RuleSet& rules, const std::string& original) {
  NormalizedText n = Normalize(original);
  std::vector<Token> tokens = Tokenize(n.text);
  std::vector<LexHit> hits;
  rules.Match(n.text, tokens, &hits);
  std::vector<Hit> out;
  for (const LexHit& h : hits) {
    EXPECT_LT(h.begin, h.end);
    EXPECT_LE(h.end, tokens.size());
    Span s = n.ToOriginal(tokens[h.begin].begin, tokens[h.end - 1].end);
    out.push_back(Hit{std::string(s.In(original)), h.sense.role, h.sense.index, h.mask});
  }
  return out;
}

// The hit of `role` covering exactly `text`, or nullptr.
const Hit* Find(const std::vector<Hit>& hits, std::string_view text, Role role) {
  for (const Hit& h : hits)
    if (h.text == text && h.role == role) return &h;
  return nullptr;
}

std::string Describe(const std::vector<Hit>& hits) {
  std::string s;
  for (const Hit& h : hits) s += "[" + h.text + " " + RoleName(h.role) + "] ";
  return s;
}

// --- The built-in rules ------------------------------------------------------------------

TEST(RulesTest, LoadDefault) {
  Result<RuleSet> r = RuleSet::LoadDefault();
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_GT(r->phrase_count(), 1000u);
  EXPECT_FALSE(r->verbs().empty());
  EXPECT_FALSE(r->markers().empty());
  EXPECT_FALSE(r->heads().empty());
  EXPECT_FALSE(r->entities().empty());
  EXPECT_FALSE(r->patterns().empty());
  EXPECT_EQ(r->version().size(), 16u);
  // Loading twice gives the same content hash.
  Result<RuleSet> again = RuleSet::LoadDefault();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->version(), r->version());
  EXPECT_EQ(again->phrase_count(), r->phrase_count());
}

TEST(RulesTest, EntityIdsAreUnique) {
  std::set<std::string> seen;
  for (const EntityInfo& e : Defaults().entities()) {
    EXPECT_FALSE(e.id.empty());
    EXPECT_FALSE(e.name_ar.empty()) << e.id;
    EXPECT_TRUE(seen.insert(e.id).second) << "duplicate entity id " << e.id;
  }
}

// Every built-in marker, source head and entity name (thousands of phrases sharing first
// words, which grow the matcher's word and edge tables many times over) matches its own text
// as one hit of its role and index, over all its words.
TEST(RulesTest, EveryBuiltInPhraseMatchesItself) {
  const RuleSet& rules = Defaults();
  struct Case {
    const char* what;
    std::vector<std::string> phrases;
  };
  std::vector<Case> cases(3);
  cases[0].what = "markers";
  for (const MarkerInfo& m : rules.markers()) cases[0].phrases.push_back(m.phrase);
  cases[1].what = "heads";
  for (const HeadInfo& h : rules.heads()) cases[1].phrases.push_back(h.phrase);
  cases[2].what = "entities";
  for (const EntityInfo& e : rules.entities()) cases[2].phrases.push_back(e.name_ar);
  size_t checked = 0;
  for (const Case& c : cases) {
    for (uint32_t i = 0; i < c.phrases.size(); ++i) {
      const std::string& phrase = c.phrases[i];
      if (phrase.starts_with("(")) continue;  // the common-word lists have no phrase of their own
      NormalizedText n = Normalize(phrase);
      std::vector<Token> tokens = Tokenize(n.text);
      uint32_t words = 0;
      bool plain = true;  // only words: quote marks and punctuation are no part of a phrase
      for (const Token& t : tokens) {
        if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) ++words;
        else plain = false;
      }
      if (!plain || words == 0) continue;
      std::vector<LexHit> hits;
      rules.Match(n.text, tokens, &hits);
      bool found = false;
      for (const LexHit& h : hits) {
        if (h.begin != 0 || h.end != words || h.sense.index != i) continue;
        const Role r = h.sense.role;
        const std::string_view what = c.what;
        bool role_ok = what == "entities" ? r >= Role::kState && r <= Role::kInstitution
                       : what == "heads"  ? r >= Role::kAnonymousHead && r <= Role::kReason
                                          : r < Role::kAnonymousHead || r >= Role::kFalsity;
        found = found || role_ok;
      }
      EXPECT_TRUE(found) << c.what << " #" << i << ": " << phrase;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

TEST(RulesTest, MatchesTheWhiteHouseOfficial) {
  const RuleSet& rules = Defaults();
  std::vector<Hit> hits = MatchText(rules, "وقال مسؤول بالبيت الأبيض");
  const Hit* verb = Find(hits, "وقال", Role::kVerb);
  ASSERT_NE(verb, nullptr) << Describe(hits);
  EXPECT_EQ(rules.verbs()[verb->index].lemma, "قال");
  EXPECT_EQ(verb->mask, kCliticConj);
  const Hit* head = Find(hits, "مسؤول", Role::kOfficialHead);
  ASSERT_NE(head, nullptr) << Describe(hits);
  EXPECT_EQ(rules.heads()[head->index].gender, 'm');
  const Hit* seat = Find(hits, "بالبيت الأبيض", Role::kSeat);
  ASSERT_NE(seat, nullptr) << Describe(hits);
  EXPECT_EQ(rules.entities()[seat->index].id, "state:us");
  EXPECT_EQ(rules.entities()[seat->index].country, "US");
  EXPECT_EQ(rules.entities()[seat->index].kind, SourceKind::kState);
  EXPECT_EQ(seat->mask, kCliticPrep | kCliticArticle);
}

TEST(RulesTest, MatchesKnownPhrasesOfTheSeed) {
  const RuleSet& rules = Defaults();
  std::string seed = ReadSeed();
  ASSERT_FALSE(seed.empty()) << "tests/data/seed.txt is missing";
  std::vector<Hit> hits = MatchText(rules, seed);
  auto entity_of = [&](std::string_view text, Role role) -> std::string {
    const Hit* h = Find(hits, text, role);
    return h ? rules.entities()[h->index].id : "(no " + std::string(RoleName(role)) + " hit)";
  };
  auto verb_of = [&](std::string_view text) -> const VerbInfo* {
    const Hit* h = Find(hits, text, Role::kVerb);
    return h ? &rules.verbs()[h->index] : nullptr;
  };
  EXPECT_EQ(entity_of("بالبيت الأبيض", Role::kSeat), "state:us");
  EXPECT_EQ(entity_of("سبوتنيك", Role::kOutlet), "outlet:sputnik");
  EXPECT_EQ(entity_of("تاس", Role::kOutlet), "outlet:tass");
  EXPECT_EQ(entity_of("موسكو", Role::kCapital), "state:ru");
  EXPECT_EQ(entity_of("واشنطن", Role::kCapital), "state:us");
  EXPECT_EQ(entity_of("الكرملين", Role::kSeat), "state:ru");
  EXPECT_EQ(entity_of("جيك سوليفان", Role::kPerson), "person:jake-sullivan");
  EXPECT_EQ(entity_of("الروسية", Role::kDemonym), "state:ru");
  const VerbInfo* relay = verb_of("ونقلت");
  ASSERT_NE(relay, nullptr) << Describe(hits);
  EXPECT_TRUE(relay->relay);
  const VerbInfo* deny = verb_of("نفت");
  ASSERT_NE(deny, nullptr) << Describe(hits);
  EXPECT_EQ(deny->stance, Stance::kDeny);
  ASSERT_NE(verb_of("أفادت"), nullptr);
  ASSERT_NE(verb_of("وأضاف"), nullptr);
  ASSERT_NE(verb_of("ذكرت"), nullptr);
  EXPECT_NE(Find(hits, "وفق ما", Role::kCuePrep), nullptr) << Describe(hits);
  EXPECT_NE(Find(hits, "بحسب ما", Role::kCuePrep), nullptr) << Describe(hits);
  EXPECT_NE(Find(hits, "مصدر", Role::kAnonymousHead), nullptr);
  EXPECT_NE(Find(hits, "مطلع", Role::kVague), nullptr);
  EXPECT_NE(Find(hits, "قوله", Role::kQuoteIntro), nullptr);
  EXPECT_NE(Find(hits, "وكالة", Role::kOutletHead), nullptr);
}

TEST(RulesTest, PersonSenseAndRoleTitle) {
  const RuleSet& rules = Defaults();
  std::vector<Hit> hits = MatchText(rules, "وقال الرئيس الروسي فلاديمير بوتين");
  const Hit* role = Find(hits, "الرئيس الروسي", Role::kPersonRole);
  ASSERT_NE(role, nullptr) << Describe(hits);
  EXPECT_EQ(rules.entities()[role->index].id, "person:vladimir-putin");
  const Hit* name = Find(hits, "فلاديمير بوتين", Role::kPerson);
  ASSERT_NE(name, nullptr) << Describe(hits);
  EXPECT_EQ(rules.entities()[name->index].id, "person:vladimir-putin");
}

TEST(RulesTest, CliticConventions) {
  const RuleSet& rules = Defaults();
  struct Case {
    std::string text;
    std::string span;
    Role role;
    bool want;
  };
  const std::vector<Case> cases = {
      // A first word written with ال requires the article...
      {"البيت الأبيض", "البيت الأبيض", Role::kSeat, true},
      {"والبيت الأبيض", "والبيت الأبيض", Role::kSeat, true},
      {"للبيت الأبيض", "للبيت الأبيض", Role::kSeat, true},
      {"بيت الأبيض", "بيت الأبيض", Role::kSeat, false},
      // ...and a name written without it takes و ف ب ل ك and ال.
      {"وروسيا", "وروسيا", Role::kState, true},
      {"لروسيا", "لروسيا", Role::kState, true},
      {"فبروسيا", "فبروسيا", Role::kState, true},
      // Verbs take و ف and attached pronouns, but no preposition or article.
      {"وقالت", "وقالت", Role::kVerb, true},
      {"فأكد", "فأكد", Role::kVerb, true},
      {"وأكدها", "وأكدها", Role::kVerb, true},
      {"لأكد", "لأكد", Role::kVerb, false},
      {"الأكد", "الأكد", Role::kVerb, false},
      // Words after the first match whole.
      {"البيت والأبيض", "البيت والأبيض", Role::kSeat, false},
      // Accents and tatweel do not matter.
      {"قـــالَت", "قـــالَت", Role::kVerb, true},
      // A Latin outlet name after an Arabic preposition.
      {"لـCNN", "لـCNN", Role::kOutlet, true},
  };
  for (const Case& c : cases) {
    std::vector<Hit> hits = MatchText(rules, c.text);
    EXPECT_EQ(Find(hits, c.span, c.role) != nullptr, c.want)
        << c.text << " (" << RoleName(c.role) << "): " << Describe(hits);
  }
}

TEST(RulesTest, PatternsAndCategoryJson) {
  const RuleSet& rules = Defaults();
  const PatternInfo& vso = rules.pattern("verb.vso");
  EXPECT_EQ(vso.id, "verb.vso");
  EXPECT_TRUE(vso.enabled);
  EXPECT_GT(vso.confidence, 0.0f);
  EXPECT_LE(vso.confidence, 1.0f);
  EXPECT_FALSE(rules.pattern("no.such.rule").enabled);
  EXPECT_EQ(rules.category_json("no-such-category"), "");
}

TEST(RulesTest, ConcurrentMatchAgrees) {
  const RuleSet rules = Defaults();  // a copy shares the compiled tables
  std::string seed = ReadSeed();
  NormalizedText n = Normalize(seed);
  std::vector<Token> tokens = Tokenize(n.text);
  std::vector<LexHit> want;
  rules.Match(n.text, tokens, &want);
  ASSERT_FALSE(want.empty());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        std::vector<LexHit> got;
        rules.Match(n.text, tokens, &got);
        if (got.size() != want.size()) ++mismatches;
      }
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// --- Validation errors -------------------------------------------------------------------

struct ErrorCase {
  const char* name;
  std::string text;  // the content of "x.json"
  ErrorCode code;
  std::string where;    // exact, or a prefix when it ends with '*'
  std::string message;  // a substring of the message
};

std::string File(std::string_view category, std::string_view entries) {
  return "{\"category\": \"" + std::string(category) +
         "\", \"source\": \"test\", \"entries\": " + std::string(entries) + "}";
}

TEST(RulesTest, ValidationErrorsNameFilePointerAndProblem) {
  const std::vector<ErrorCase> cases = {
      {"malformed JSON", "{\"category\": \"verbs\", \"source\": \"x\", \"entries\": [",
       ErrorCode::kBadJson, "x.json: byte *", "malformed JSON"},
      {"not an object", "[1, 2]", ErrorCode::kBadRules, "x.json#/", "must be a JSON object"},
      {"missing category", "{\"source\": \"x\", \"entries\": []}", ErrorCode::kBadRules,
       "x.json#/category", "\"category\""},
      {"unknown category", File("verb", "[]"), ErrorCode::kBadRules, "x.json#/category",
       "unknown category \"verb\""},
      {"missing source", "{\"category\": \"verbs\", \"entries\": []}", ErrorCode::kBadRules,
       "x.json#/source", "missing field \"source\""},
      {"empty source", "{\"category\": \"verbs\", \"source\": \"\", \"entries\": []}",
       ErrorCode::kBadRules, "x.json#/source", "\"source\""},
      {"entries not an array", File("verbs", "{}"), ErrorCode::kBadRules, "x.json#/entries",
       "array field \"entries\""},
      {"entry not an object", File("verbs", "[\"قال\"]"), ErrorCode::kBadRules, "x.json#/entries/0",
       "must be a JSON object"},
      {"entry missing lemma", File("verbs", R"([{"forms": ["قال"]}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/lemma", "missing field \"lemma\""},
      {"lemma not a string", File("verbs", R"([{"lemma": 3, "forms": ["قال"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/lemma", "must be a string"},
      {"unknown stance",
       File("verbs", R"([{"lemma": "قال", "stance": "maybe", "forms": ["قال"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/stance", "unknown stance \"maybe\""},
      {"unknown verb class",
       File("verbs", R"([{"lemma": "قال", "class": "talk", "forms": ["قال"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/class", "unknown class \"talk\""},
      {"unknown verb content",
       File("verbs", R"([{"lemma": "قال", "content": "all", "forms": ["قال"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/content", "unknown content \"all\""},
      {"forms not an array", File("verbs", R"([{"lemma": "قال", "forms": "قال"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/forms", "must be an array of strings"},
      {"missing forms", File("verbs", R"([{"lemma": "قال"}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/forms", "missing field \"forms\""},
      {"no forms at all", File("verbs", R"([{"lemma": "قال", "forms": []}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/forms", "at least one form"},
      {"empty form", File("verbs", R"([{"lemma": "قال", "forms": ["قال", ""]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/forms/1", "non-empty string"},
      {"object_needs_prep on a clause verb",
       File("verbs", R"([{"lemma": "أقر", "object_needs_prep": true, "forms": ["أقر"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/object_needs_prep", "object_needs_prep needs"},
      {"recipient without object_needs_prep",
       File("verbs", R"([{"lemma": "أبلغ", "content": "either", "object_preps": ["ب"],
                          "recipient": true, "forms": ["أبلغ"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/recipient", "recipient needs"},
      {"form without words", File("verbs", R"([{"lemma": "قال", "forms": ["«»"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/forms/0", "has no words"},
      {"unknown marker role", File("markers", R"([{"phrase": "وفق", "role": "cue"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/role", "unknown role \"cue\""},
      {"missing marker role", File("markers", R"([{"phrase": "وفق"}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/role", "missing field \"role\""},
      {"empty phrase", File("markers", R"([{"phrase": "", "role": "cue_prep"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/phrase", "\"phrase\" is empty"},
      {"phrase of spaces only", File("sources", R"([{"phrase": "  ", "role": "vague"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/phrase", "has no words"},
      {"tail not a boolean",
       File("markers", R"([{"phrase": "في بيان", "role": "adjunct", "tail": "yes"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/tail", "true or false"},
      {"unknown source role", File("sources", R"([{"phrase": "مصدر", "role": "anonymous"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/role", "unknown role \"anonymous\""},
      {"bad gender",
       File("sources", R"([{"phrase": "مصدر", "role": "anonymous_head", "gender": "x"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/gender", "gender must be m, f or pl"},
      {"unknown unnamed_kind",
       File("sources", R"([{"phrase": "وزير", "role": "title", "unnamed_kind": "minister"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/unnamed_kind", "unknown kind \"minister\""},
      {"state missing name_ar", File("states", R"([{"id": "state:xx", "iso2": "XX"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/name_ar", "missing field \"name_ar\""},
      {"demonyms not an object",
       File("states", R"([{"id": "state:xx", "name_ar": "إكس", "demonyms": ["إكسي"]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/demonyms", "must be an object"},
      {"demonym list entry empty",
       File("states", R"([{"id": "state:xx", "name_ar": "إكس", "demonyms": {"m": [""]}}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/demonyms/m/0", "non-empty string"},
      {"outlet missing id", File("outlets", R"([{"name_ar": "رويترز"}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/id", "missing field \"id\""},
      {"aliases not an array",
       File("outlets", R"([{"id": "outlet:x", "name_ar": "إكس", "aliases": "إكس"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/aliases", "must be an array of strings"},
      {"state_media not a boolean",
       File("outlets", R"([{"id": "outlet:x", "name_ar": "إكس", "state_media": 1}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/state_media", "true or false"},
      {"duplicate id in one file",
       File("outlets",
            R"([{"id": "outlet:x", "name_ar": "إكس"}, {"id": "outlet:x", "name_ar": "واي"}])"),
       ErrorCode::kBadRules, "x.json#/entries/1/id",
       "duplicate id \"outlet:x\" (also at /entries/0)"},
      {"people roles not an array",
       File("people", R"([{"id": "person:x", "name_ar": "إكس", "roles": "وزير"}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/roles", "must be an array"},
      {"people role missing title",
       File("people", R"([{"id": "person:x", "name_ar": "إكس", "roles": [{"from": 2020}]}])"),
       ErrorCode::kBadRules, "x.json#/entries/0/roles/0/title", "missing field \"title\""},
      {"pattern confidence out of range",
       File("patterns", R"([{"id": "verb.vso", "confidence": 1.5}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/confidence", "number in [0, 1]"},
      {"pattern enabled not a boolean",
       File("patterns", R"([{"id": "verb.vso", "enabled": "no"}])"), ErrorCode::kBadRules,
       "x.json#/entries/0/enabled", "true or false"},
  };
  for (const ErrorCase& c : cases) {
    Result<RuleSet> r = RuleSet::LoadFromStrings({{"x.json", c.text}}, false);
    ASSERT_FALSE(r.ok()) << c.name;
    Status s = r.error();
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    if (!c.where.empty() && c.where.back() == '*')
      EXPECT_EQ(s.where().rfind(c.where.substr(0, c.where.size() - 1), 0), 0u)
          << c.name << ": " << s.ToString();
    else
      EXPECT_EQ(s.where(), c.where) << c.name << ": " << s.ToString();
    EXPECT_NE(s.message().find(c.message), std::string::npos) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.ToString(), s.where() + ": " + s.message());
  }
}

TEST(RulesTest, MalformedJsonGivesTheByte) {
  std::string text = "{\"category\": \"verbs\",\n \"source\": \"x\" \"entries\": []}";
  Result<RuleSet> r = RuleSet::LoadFromStrings({{"bad.json", text}}, false);
  ASSERT_FALSE(r.ok());
  // The parser stops at the end of the unexpected token: the last byte of "entries" (1-based).
  EXPECT_EQ(r.error().where().rfind("bad.json: byte ", 0), 0u) << r.error().where();
  EXPECT_NE(r.error().ToString().find("byte"), std::string::npos);
}

TEST(RulesTest, ErrorsInAUserFileNameThatFileNotTheDefaults) {
  Result<RuleSet> r = RuleSet::LoadFromStrings(
      {{"mine/verbs.json",
        File("verbs", R"([{"lemma": "همس", "stance": "loud", "forms": ["همس"]}])")}},
      true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where(), "mine/verbs.json#/entries/0/stance");
}

TEST(RulesTest, ValidFilesWithoutDefaults) {
  Result<RuleSet> r = RuleSet::LoadFromStrings(
      {{"v.json",
        File("verbs", R"([{"lemma": "قال", "forms": ["قال"], "agentless_forms": ["قيل"]}])")},
       {"s.json", File("sources", R"([{"phrase": "مصدر", "role": "anonymous_head"}])")}},
      false);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->phrase_count(), 3u);
  ASSERT_EQ(r->verbs().size(), 1u);
  EXPECT_EQ(r->verbs()[0].stance, Stance::kAssert);  // the default stance
  EXPECT_TRUE(r->verbs()[0].clause_only);            // the default content
  std::vector<Hit> hits = MatchText(*r, "وقيل إن مصدرا قال");
  EXPECT_NE(Find(hits, "وقيل", Role::kAgentlessVerb), nullptr) << Describe(hits);
  EXPECT_NE(Find(hits, "قال", Role::kVerb), nullptr) << Describe(hits);
}

// --- Overrides ---------------------------------------------------------------------------

const EntityInfo* EntityById(const RuleSet& rules, std::string_view id) {
  const EntityInfo* found = nullptr;
  for (const EntityInfo& e : rules.entities())
    if (e.id == id) {
      EXPECT_EQ(found, nullptr) << "two entities with id " << id;
      found = &e;
    }
  return found;
}

TEST(RulesTest, UserOutletWithTheSameIdReplacesTheDefault) {
  ASSERT_NE(EntityById(Defaults(), "outlet:reuters"), nullptr);
  ASSERT_NE(
      Find(MatchText(Defaults(), "وكالة رويترز للأنباء"), "وكالة رويترز للأنباء", Role::kOutlet),
      nullptr);
  Result<RuleSet> r = RuleSet::LoadFromStrings(
      {{"mine/outlets.json",
        File("outlets",
             R"([{"id": "outlet:reuters", "name_ar": "رويترز", "name_en": "Reuters, mine",
                             "country": "GB", "aliases": ["وكالة الأنباء البريطانية"]}])")}},
      true);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const EntityInfo* e = EntityById(*r, "outlet:reuters");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name_en, "Reuters, mine");
  // The new alias matches; the default's aliases are gone with the default entry.
  std::vector<Hit> hits = MatchText(*r, "وقالت وكالة الأنباء البريطانية");
  const Hit* h = Find(hits, "وكالة الأنباء البريطانية", Role::kOutlet);
  ASSERT_NE(h, nullptr) << Describe(hits);
  EXPECT_EQ(r->entities()[h->index].id, "outlet:reuters");
  EXPECT_EQ(Find(MatchText(*r, "وكالة رويترز للأنباء"), "وكالة رويترز للأنباء", Role::kOutlet),
            nullptr);
  EXPECT_NE(r->version(), Defaults().version());
}

TEST(RulesTest, DisabledRemovesAPhraseOrAnId) {
  // A marker is named by phrase and role.
  ASSERT_NE(Find(MatchText(Defaults(), "حسبما"), "حسبما", Role::kCuePrep), nullptr);
  Result<RuleSet> r = RuleSet::LoadFromStrings(
      {{"mine/markers.json",
        File("markers", R"([{"phrase": "حسبما", "role": "cue_prep", "disabled": true}])")},
       {"mine/outlets.json", File("outlets", R"([{"id": "outlet:reuters", "disabled": true}])")},
       {"mine/verbs.json", File("verbs", R"([{"lemma": "أفاد", "disabled": true}])")},
       {"mine/patterns.json", File("patterns", R"([{"id": "verb.vso", "enabled": false}])")}},
      true);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Find(MatchText(*r, "حسبما"), "حسبما", Role::kCuePrep), nullptr);
  EXPECT_EQ(EntityById(*r, "outlet:reuters"), nullptr);
  EXPECT_EQ(Find(MatchText(*r, "رويترز"), "رويترز", Role::kOutlet), nullptr);
  EXPECT_EQ(Find(MatchText(*r, "أفادت"), "أفادت", Role::kVerb), nullptr);
  EXPECT_FALSE(r->pattern("verb.vso").enabled);
  // What was not named stays.
  EXPECT_NE(Find(MatchText(*r, "بحسب"), "بحسب", Role::kCuePrep), nullptr);
  EXPECT_NE(EntityById(*r, "outlet:afp"), nullptr);
  EXPECT_NE(Find(MatchText(*r, "قالت"), "قالت", Role::kVerb), nullptr);
  EXPECT_LT(r->phrase_count(), Defaults().phrase_count());
}

TEST(RulesTest, SameLemmaOrPhraseAndRoleReplaces) {
  // Verbs are keyed by lemma, markers and sources by phrase and role.
  Result<RuleSet> r = RuleSet::LoadFromStrings(
      {{"mine/verbs.json", File("verbs", R"([{"lemma": "قال", "forms": ["قال"]}])")},
       {"mine/markers.json",
        File("markers", R"([{"phrase": "وفق", "role": "cue_prep", "stance": "opinion"}])")}},
      true);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_NE(Find(MatchText(*r, "قال"), "قال", Role::kVerb), nullptr);
  EXPECT_EQ(Find(MatchText(*r, "قالت"), "قالت", Role::kVerb), nullptr);
  int wafq = 0;
  for (const MarkerInfo& m : r->markers())
    if (m.phrase == "وفق") {
      ++wafq;
      EXPECT_EQ(m.stance, Stance::kOpinion);
    }
  EXPECT_EQ(wafq, 1);
}

TEST(RulesTest, NewEntriesAreAdded) {
  Result<RuleSet> r = RuleSet::LoadFromStrings(
      {{"mine/outlets.json",
        File("outlets", R"([{"id": "outlet:al-waqai", "name_ar": "صحيفة الوقائع اليومية",
                             "country": "EG", "kind": "paper", "aliases": ["الوقائع اليومية"],
                             "latin": ["Al-Waqai Daily"]}])")},
       {"mine/verbs.json", File("verbs", R"([{"lemma": "همس", "stance": "assert", "class": "speech",
                           "content": "either", "forms": ["همس", "همست"]}])")}},
      true);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_GT(r->phrase_count(), Defaults().phrase_count());
  std::vector<Hit> hits = MatchText(*r, "وهمست صحيفة الوقائع اليومية");
  const Hit* v = Find(hits, "وهمست", Role::kVerb);
  ASSERT_NE(v, nullptr) << Describe(hits);
  EXPECT_EQ(r->verbs()[v->index].lemma, "همس");
  EXPECT_FALSE(r->verbs()[v->index].clause_only);
  const Hit* o = Find(hits, "صحيفة الوقائع اليومية", Role::kOutlet);
  ASSERT_NE(o, nullptr) << Describe(hits);
  EXPECT_EQ(r->entities()[o->index].subtype, "paper");
  EXPECT_NE(Find(MatchText(*r, "نقلا عن Al-Waqai Daily"), "Al-Waqai Daily", Role::kOutlet),
            nullptr);
  // The defaults are still there.
  EXPECT_NE(EntityById(*r, "outlet:reuters"), nullptr);
}

// A fresh folder under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("isnad-rules-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  void Write(const std::string& name, std::string_view text) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }

 private:
  fs::path path_;
};

TEST(RulesTest, LoadFromADirectory) {
  TempDir dir;
  dir.Write("my-outlets.json",
            File("outlets", R"([{"id": "outlet:al-waqai", "name_ar": "صحيفة الوقائع اليومية"}])"));
  dir.Write("my-verbs.json", File("verbs", R"([{"lemma": "همس", "forms": ["همست"]}])"));
  dir.Write("notes.txt", "not JSON, and not read");
  Result<RuleSet> r = RuleSet::Load({dir.path().string()});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_GT(r->phrase_count(), Defaults().phrase_count());
  std::vector<Hit> hits = MatchText(*r, "وهمست صحيفة الوقائع اليومية");
  EXPECT_NE(Find(hits, "وهمست", Role::kVerb), nullptr) << Describe(hits);
  EXPECT_NE(Find(hits, "صحيفة الوقائع اليومية", Role::kOutlet), nullptr) << Describe(hits);
  // No directories: the defaults.
  Result<RuleSet> none = RuleSet::Load({});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->phrase_count(), Defaults().phrase_count());
  EXPECT_EQ(none->version(), Defaults().version());
}

TEST(RulesTest, LaterDirectoriesOverrideEarlierOnes) {
  TempDir a, b;
  a.Write("outlets.json", File("outlets", R"([{"id": "outlet:x", "name_ar": "صحيفة الأولى"}])"));
  b.Write("outlets.json", File("outlets", R"([{"id": "outlet:x", "name_ar": "صحيفة الثانية"}])"));
  Result<RuleSet> r = RuleSet::Load({a.path().string(), b.path().string()});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const EntityInfo* e = EntityById(*r, "outlet:x");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name_ar, "صحيفة الثانية");
}

TEST(RulesTest, LoadErrors) {
  Result<RuleSet> missing = RuleSet::Load({"/nonexistent/isnad-rules-dir"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().where(), "/nonexistent/isnad-rules-dir");

  TempDir dir;
  dir.Write("verbs.json", File("verbs", R"([{"lemma": "همس", "forms": "همست"}])"));
  Result<RuleSet> bad = RuleSet::Load({dir.path().string()});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kBadRules);
  EXPECT_EQ(bad.error().where(), (dir.path() / "verbs.json").string() + "#/entries/0/forms");
}

}  // namespace
}  // namespace isnad
