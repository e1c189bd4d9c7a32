// RuleSet: isnad's language knowledge, loaded from JSON, validated, and compiled once into
// an immutable matcher.
//
//   isnad::Result<isnad::RuleSet> rules = isnad::RuleSet::LoadDefault();      // built in
//   isnad::Result<isnad::RuleSet> mine  = isnad::RuleSet::Load({"my-rules"}); // defaults + DIR
//   if (!mine.ok()) { std::cerr << mine.error().ToString(); }  //
//   "my-rules/verbs.json#/entries/3/forms: ..."
//
//   std::vector<isnad::LexHit> hits;
//   mine->Match(normalized.text, tokens, &hits);  // const, thread-safe
//
// Files. Every rules file is a JSON object with "category" (verbs, markers, sources, states,
// outlets, people, institutions, patterns, audit), "source" (where its entries come from) and
// "entries". rules/README.md documents every field of every category. Files are identified by
// their category, not their name. Load(dirs) reads the built-in defaults first, then every
// *.json file of each directory in order: an entry with an "id" replaces the default entry
// with the same id; an entry with "disabled": true removes the phrase or id it names; other
// entries are added.
//
// Errors. Load and LoadFromStrings never throw; they return a Status whose where() is
// "FILE#/json/pointer" (or "FILE: byte N" for malformed JSON) and whose message says what is
// wrong (missing field, wrong type, unknown role or stance, empty phrase, duplicate id).
//
// Lifetime and threads. A RuleSet is immutable once built. Copies are cheap (shared
// ownership of the compiled tables) and every const method may be called from any number of
// threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"
#include "analyzer/tokenizer.h"

namespace isnad {

// What a matched phrase is, for the attribution engine. The engine knows these roles; the
// words that play them live in the rules files.
enum class Role : uint8_t {
  kVerb,            // reporting verb (VerbInfo)
  kAgentlessVerb,   // passive/impersonal reporting verb that takes no source (VerbInfo)
  kCuePrep,         // وفق / بحسب / نقلا عن ... (MarkerInfo)
  kCueNominal,      // جاء في ...
  kCueParticiple,   // مضيفا / مشيرا ...
  kComplementizer,  // أن / إن / بأن
  kQuoteIntro,      // قوله / قولها
  kRelayFrom,       // عن (in نقل X عن Y)
  kViaIntro,        // في تصريح لـ / في مقابلة مع ...
  kAdjunct,  // في بيان / اليوم / الخميس ...: skipped between source and content
  kContentStop,  // في حين / بينما: ends an indirect content
  kAside,        // يذكر أن: the writer's aside, never an attribution
  kNpConnector,  // باسم / بن: may join the words of a source phrase
  kPreposition,  // في / من / على / إلى: ends a source phrase (unless after a head noun)
  kAuxiliary,    // كان / قد: may stand between a subject and its verb
  kRelative,     // ما: joins a prepositional cue to its verb (وفق ما أفادت)
  kClaimNoun,  // اتهامات / مزاعم / رواية / ما أوردته: the object names a claim
  kAnaphor,          // ذلك / هذا / تلك: the object points back to an earlier claim
  kDisputeNoun,      // نفي: a denial written as a noun («نفي ترامب وجود فوضى»)
  kCommonWord,       // a common noun or adjective, never taken for a name
  kAnonymousHead,    // مصدر / مصادر (HeadInfo)
  kOfficialHead,     // مسؤول / دبلوماسي
  kTitle,            // رئيس / وزير / المتحدث
  kOutletHead,       // وكالة / صحيفة
  kDocumentHead,     // بيان / تقرير
  kInstitutionHead,  // وزارة / الجيش
  kStateHead,        // الحكومة / دول
  kVague,            // مطلع / رفيع
  kReason,           // طلب عدم الكشف عن هويته
  kState,            // a country's name (EntityInfo)
  kCapital,          // its capital, as a metonym
  kSeat,             // its seat of government (الكرملين)
  kDemonym,          // الروسي / الروسية / الروس
  kOutlet,           // a named news outlet
  kPerson,           // a named person (name or alias)
  kPersonRole,       // a role that designates a person (الرئيس الروسي)
  kInstitution,      // a named institution
  kFalsity,  // زائفة / عارية عن الصحة: calls a claim false («وصفتها بأنها زائفة»)
  kNegation,  // لم / لا / لن: a negated verb with an object reports no content
  kExilePlace,  // إلى المنفى / إلى جزيرة: after نفى, the sense "exiled", no denial
  kContrast,  // لكن / غير أن: opens a clause set against what was said before
  kOffence,  // نشر / بتهمة: «نشر أخبار كاذبة» names an offence, disputes nothing
  kConcession,  // رغم / على الرغم من: before a claim noun, a claim a speaker then contradicts
  kAge,  // عاما: «ورمضان (55 عاماً) مسجون»: a word with an age in brackets names a person
  kCount
};
const char* RoleName(Role r);

// The table of a RuleSet that a Sense's `index` points into, by role: kVerbs (verbs()),
// kMarkers (markers(): every role outside the other three), kHeads (heads(): kAnonymousHead ..
// kReason), kEntities (entities(): kState .. kInstitution); kNone for Role::kCount.
enum class RoleTable : uint8_t { kVerbs, kMarkers, kHeads, kEntities, kNone };
RoleTable TableOf(Role r);

enum class Stance : uint8_t { kAssert, kDeny, kAccuse, kWarn, kCall, kOpinion };
const char* StanceName(Stance s);

enum class SourceKind : uint8_t {
  kPerson,
  kOfficial,
  kAnonymous,
  kState,
  kInstitution,
  kOutlet,
  kDocument,
  kUnspecified
};
const char* SourceKindName(SourceKind k);

struct VerbInfo {
  std::string lemma;
  Stance stance = Stance::kAssert;
  bool relay = false;        // نقل: "V X عن Y" makes X a via of Y's statement
  bool clause_only = true;   // content must be introduced by a complementizer/colon/quote
  bool object_only = false;  // content "object": never a clause (ألقى باللوم)
  std::vector<std::string> object_preps;   // normalized, e.g. "الي"
  std::vector<std::string> requires_next;  // normalized; the next word must be one of these
  std::vector<std::string> not_next;       // normalized; the next word marks a sense that
                                           // reports nothing (دعت الحاجة: the need arose)
  std::vector<std::string>
      passive_after_relative;  // normalized forms that, right after a
                               // relative pronoun and with no أن/إن content, are the
                               // passive (الذي يعتبر العقل المدبر: who is considered)
  bool object_needs_prep = false;         // an object content only after one of object_preps
                                          // (أقر بـ: admitted; أقر القانون: passed)
  std::vector<std::string> object_first;  // normalized; an object content must start with
                                          // one of these (ألقى باللوم: blamed)
  bool passive_before_prep = false;       // after a relative pronoun, the object preposition
                                          // right after the verb makes it the passive (الذي
  // اتهم بالتطهير العرقي: who was accused)
  bool object_before_prep = false;  // a direct object stands right before the object
                                    // preposition (اتهمت لندن موسكو بـ: London accused
                                    // Moscow of): the phrase read after the verb is cut where
                                    // the object starts; a single phrase is the object
  bool recipient = false;  // a recipient may stand before the object content
                           // (أبلغت إيران الوكالة … بالبدء في …)
  enum class Dispute : uint8_t { kNever, kAlways, kClaimObject };
  Dispute dispute = Dispute::kNever;          // does a use of this verb dispute a claim?
  std::vector<std::string> not_dispute_next;  // normalized; after the verb (or its subject)
                                              // these mark another sense (كذب على: lied)
  std::vector<std::string> apposition_forms;  // normalized; passive participles that report
                                              // only in apposition, after a comma («غولن،
                                              // المتهم بأنه …»), with no source
};

struct MarkerInfo {
  std::string phrase;
  Stance stance = Stance::kAssert;
  bool needs_verb = false;  // كما / على ما: a cue only when a reporting verb follows
  bool anaphoric = false;   // جاء فيه: the source is the previous document
  bool strong = false;      // content_stop: ends a content clause even with no comma (وذلك)
  bool tail = false;     // adjuncts: may be followed by a short complement (في بيان لها)
  bool dispute = false;  // participles and nouns that always dispute a claim (نافيًا، نفي)
  bool subjunctive = false;  // complementizer: before a verb it is «to» (أن يقول: to say), and
                             // the verb reports nothing
  std::vector<std::string> not_next;  // normalized; the phrase plays no role when one of
                                      // these words follows (إن لم: «if not», no complementizer)
  std::vector<std::string> not_prev;  // normalized; the phrase plays no role right after one of
                                      // these words (تم نشر: a passive, not the name of an act)
  bool joined = false;  // np_connector: also written joined to the next word (عبد الله، عبدالله)
  std::string name_spelling;  // as written in the article (not normalized), the word is a
                              // given name, not this marker (علي, not على)
};

struct HeadInfo {
  std::string phrase;
  SourceKind unnamed_kind = SourceKind::kOfficial;  // titles only
  bool unnamed = false;                             // outlet heads: "وسائل إعلام"
  char gender = 'm';
  std::vector<std::string> corefer;  // normalized group keys
  bool governed = false;  // reasons: the word before the phrase governs it (طلب، شريطة)
  std::vector<std::string> held_in;  // titles: prepositions of the place the office is held in
};

struct EntityInfo {
  std::string id;
  SourceKind kind = SourceKind::kPerson;
  std::string name_ar, name_en, country;  // country: ISO2 or empty
  std::string subtype;                    // outlet kind, institution type
  bool state_media = false;
};

struct Sense {
  Role role = Role::kCount;
  uint8_t allowed = 0;        // CliticMask bits the first word may carry
  bool need_article = false;  // the first word was written with ال
  uint32_t index = 0;         // into verbs()/markers()/heads()/entities(): TableOf(role)
  char gender = 0;            // demonyms and heads: m, f or p
  bool imperfect = false;     // verbs: an imperfect form (يقول), subjunctive after «أن»
  bool quoted_only = false;   // entities: a name that is also a common word ("name_alone":
                             // false) stands for the entity only between quotes: «"اللواء"»
};

struct LexHit {
  uint32_t begin = 0;  // token indexes, [begin, end)
  uint32_t end = 0;
  Sense sense;
  uint8_t mask = 0;  // the clitics the first token's matching reading carried
};

struct PatternInfo {
  std::string id;
  std::string description;
  float confidence = 0.5f;
  bool enabled = true;
};

class RuleSet {
 public:
  // The built-in rules. Fails only if the embedded files are broken (a build defect).
  static Result<RuleSet> LoadDefault();
  // Built-in rules, then every *.json file of each directory (see the file comment).
  static Result<RuleSet> Load(const std::vector<std::string>& dirs);
  // For tests and fuzzing: files given as (name, text) pairs, on top of the defaults when
  // with_defaults.
  static Result<RuleSet> LoadFromStrings(
      const std::vector<std::pair<std::string, std::string>>& files, bool with_defaults);

  // Appends every lexicon phrase that matches the token stream, in token order. A token's
  // reading (Token::cand) must carry only clitics the sense allows; the words after the
  // first match whole (or with an attached pronoun).
  void Match(std::string_view norm, std::span<const Token> tokens, std::vector<LexHit>* out) const;

  const std::vector<VerbInfo>& verbs() const;
  const std::vector<MarkerInfo>& markers() const;
  const std::vector<HeadInfo>& heads() const;
  const std::vector<EntityInfo>& entities() const;
  // The pattern (rule) with this id; a disabled default pattern when unknown.
  const PatternInfo& pattern(std::string_view id) const;
  const std::vector<PatternInfo>& patterns() const;
  // Raw JSON text of a category's merged entries, for components with their own schema
  // (the audit thresholds and wording). Empty when the category has no file.
  const std::string& category_json(std::string_view category) const;
  // Identifies the rules content (a hash of every file loaded), for the store's runs.
  const std::string& version() const;
  size_t phrase_count() const;

  struct Impl;

 private:
  explicit RuleSet(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace isnad
