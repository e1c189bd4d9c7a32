// The result of analyzing one article: plain data, no behaviour. Every Span is a byte range
// into Analysis::doc.text (the original text); JSON output converts spans to code points.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/document.h"
#include "analyzer/span.h"
#include "rules/rule_set.h"

namespace isnad {

enum class Form : uint8_t { kDirect, kIndirect, kMixed };
const char* FormName(Form f);

// How well a source is identified, for the anonymous-sourcing audit.
enum class Identification : uint8_t {
  kNamed,  // a name: «جيك سوليفان», «رويترز», «موسكو»
  kRole,  // a role and affiliation: «مسؤول بالبيت الأبيض», «المتحدث باسم الجيش»
  kVague,  // vaguely: «مصدر مطلع», «مصادر», «وسائل إعلام»
  kNone,   // agentless: «أُفيد», «يُعتقد»
};
const char* IdentificationName(Identification i);

struct Entity {
  std::string id;       // stable: "state:ru", "outlet:tass", "person:vladimir-putin", or
                        // "local:<kind>:<normalized name>" for names not in the gazetteers
  std::string name_ar;  // canonical Arabic name
  std::string name_en;  // English name when known
  SourceKind kind = SourceKind::kUnspecified;
  std::string country;   // ISO2 when known
  std::string via_seat;  // set when the mention was a capital or seat («الكرملين»)
};

struct Source {
  Span mention;          // the source as written in this attribution (empty: zero/agentless)
  std::string text;      // mention text (original)
  std::string resolved;  // fullest name in the article (antecedent for «المصدر», zero subjects)
  SourceKind kind = SourceKind::kUnspecified;
  bool anonymous = false;
  Identification identification = Identification::kNone;
  std::string title;  // role words, when any («مستشار الأمن القومي الأميركي»)
  std::string country;  // ISO2 of the affiliation, when known
  Span reason;  // stated reason for anonymity («طلب عدم الكشف عن هويته»)
  Entity entity;
  int antecedent = -1;  // index of the attribution whose source this one continues
  char gender = 0;      // grammatical gender of the source phrase: 'm', 'f', 'p', 0 unknown
};

struct Attribution {
  Span cue;
  std::string cue_text;
  std::string cue_lemma;
  Stance stance = Stance::kAssert;
  Source source;
  Span content;
  std::string content_text;
  Form form = Form::kIndirect;
  std::vector<std::string> via;  // outlets/intermediaries, outermost first, resolved names
  std::vector<Span> via_spans;
  std::string rule;  // id of the pattern that produced it (rules/patterns.json)
  float confidence = 0.0f;
  std::vector<std::string> explain;  // why it was found (for --explain)
};

struct Dispute {
  Span cue;
  std::string cue_text;
  std::string by;         // resolved name of the disputing party
  std::string against;    // resolved name of the disputed party ("" when not named)
  std::string by_entity;  // entity ids, when resolved
  std::string against_entity;
  std::string about;  // what is disputed (the object phrase)
  Span about_span;
  Span evidence;             // the sentence that states the dispute
  int attribution = -1;      // the attribution whose cue states the dispute
  std::vector<int> targets;  // attributions of the disputed party that it contests
  std::string rule;
};

struct Sentence {
  Span span;  // original bytes
  bool paragraph_start = false;
};

struct LexiconMatch {
  Span span;
  Role role;
  std::string what;  // lemma, entity id or phrase
};

struct Analysis {
  Document doc;
  std::vector<Sentence> sentences;
  std::vector<LexiconMatch> lexicon;  // only filled when AnalyzeOptions::lexicon_hits
  std::vector<Attribution> attributions;
  std::vector<Dispute> disputes;
  std::vector<std::string> warnings;
};

}  // namespace isnad
