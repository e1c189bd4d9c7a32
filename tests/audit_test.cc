// Tests of the anonymous-sourcing audit: each kind of finding fires on the construction it
// names and stays quiet on its look-alikes (hand-built analyses, so the engine's progress does
// not move them); the seed article's anonymous sources are flagged through the real
// analyzer; the audit rules are validated with errors naming the file and JSON pointer and
// can be overridden from --rules; the JSON and text outputs and the CLI's exit statuses.
#include "reports/audit.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "analyzer/utf8.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;

const RuleSet& Defaults() {
  static const RuleSet* rules = [] {
    Result<RuleSet> r = RuleSet::LoadDefault();
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return new RuleSet(*r);
  }();
  return *rules;
}

const AuditRules& DefaultAudit() {
  static const AuditRules* ar = [] {
    Result<AuditRules> r = AuditRules::FromRuleSet(Defaults());
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return new AuditRules(r.ok() ? *r : AuditRules());
  }();
  return *ar;
}

// ---- A small builder for hand-made analyses --------------------------------------------

// The first occurrence of needle at or after `from`, else the first anywhere.
Span Find(const std::string& text, const std::string& needle, size_t from = 0) {
  size_t p = text.find(needle, from);
  if (p == std::string::npos) p = text.find(needle);
  EXPECT_NE(p, std::string::npos) << needle;
  if (p == std::string::npos) return {};
  return Span{static_cast<uint32_t>(p), static_cast<uint32_t>(p + needle.size())};
}

struct Spec {
  std::string cue, source, content;  // substrings of the text ("" source: none written)
  SourceKind kind = SourceKind::kPerson;
  bool anonymous = false;
  Identification id = Identification::kNamed;
  Form form = Form::kIndirect;
  std::string resolved;
  std::string entity;
  std::string reason;  // substring of the text
  std::vector<std::string> via;
  int antecedent = -1;
  std::string rule = "test";
};

Analysis Make(const std::string& text, const std::vector<Spec>& specs) {
  Analysis a;
  a.doc.id = "test";
  a.doc.text = text;
  a.doc.body = Span{0, static_cast<uint32_t>(text.size())};
  for (const Spec& s : specs) {
    Attribution t;
    t.cue = Find(text, s.cue);
    t.cue_text = s.cue;
    if (!s.source.empty()) {
      t.source.mention = Find(text, s.source, t.cue.begin);
      t.source.text = s.source;
    }
    t.source.resolved = s.resolved;
    t.source.kind = s.kind;
    t.source.anonymous = s.anonymous;
    t.source.identification = s.id;
    t.source.entity.id = s.entity;
    t.source.antecedent = s.antecedent;
    if (!s.reason.empty()) t.source.reason = Find(text, s.reason, t.cue.begin);
    t.content = Find(text, s.content, t.cue.begin);
    t.content_text = s.content;
    t.form = s.form;
    t.via = s.via;
    t.rule = s.rule;
    a.attributions.push_back(std::move(t));
  }
  return a;
}

std::multiset<std::string> Kinds(const std::vector<Finding>& f) {
  std::multiset<std::string> k;
  for (const Finding& x : f) k.insert(FindingKindName(x.kind));
  return k;
}

struct Case {
  const char* name;
  std::string text;
  std::vector<Spec> specs;
  std::multiset<std::string> expected;  // the kinds of finding, with multiplicity
};

TEST(Audit, EachKindFiresOnItsConstructionOnly) {
  const std::string kOfficial = "وقال مسؤول أمني إن الهجوم أسفر عن مقتل عشرة أشخاص في المدينة.";
  const std::string kReasoned =
      "وقال مسؤول أمني طلب عدم الكشف عن هويته إن الهجوم أسفر عن مقتل عشرة أشخاص في المدينة.";
  const std::string kSupported =
      "وقال مسؤول أمني إن الهجوم أسفر عن مقتل عشرة أشخاص. وأكد وزير الداخلية محمد علي أن "
      "الهجوم أسفر عن مقتل عشرة أشخاص.";
  const std::string kRelayed =
      "ونقلت وكالة الأنباء الرسمية عن مصدر مطلع قوله: \"الهجوم أسفر عن مقتل عشرة أشخاص\". "
      "وذكرت وكالة الأنباء الرسمية أن الهجوم أسفر عن مقتل عشرة أشخاص.";
  const std::string kReports = "وذكرت تقارير إعلامية أن الحكومة ستعلن حالة الطوارئ قريبا.";
  const std::string kAgentless = "ويُعتقد أن المهاجمين فروا إلى الجبال بعد الهجوم.";
  const std::string kMedia =
      "ونقلت وسائل إعلام محلية عن مصدر أمني قوله إن المهاجمين فروا. وقال وزير الداخلية محمد "
      "علي إن المهاجمين فروا إلى الجبال.";
  const std::string kNamed = "وقال وزير الداخلية محمد علي إن الهجوم أسفر عن مقتل عشرة أشخاص.";
  const std::string kSuspected = "ويشتبه في أن المهاجمين فروا إلى الجبال.";
  const std::string kUnresolved = "وقالت إن المهاجمين فروا إلى الجبال.";
  const std::string kContinued =
      "ونقلت الوكالة عن مصدر مطلع قوله: \"بدأ الدبلوماسيون المغادرة\". وأضاف المصدر: \"القرار "
      "نهائي\".";

  Spec official{"وقال",
                "مسؤول أمني",
                "الهجوم أسفر عن مقتل عشرة أشخاص في المدينة",
                SourceKind::kOfficial,
                true,
                Identification::kRole};
  Spec reasoned = official;
  reasoned.reason = "طلب عدم الكشف عن هويته";
  Spec official_short{
      "وقال", "مسؤول أمني",         "الهجوم أسفر عن مقتل عشرة أشخاص", SourceKind::kOfficial,
      true,   Identification::kRole};
  Spec minister{"وأكد", "وزير الداخلية محمد علي", "الهجوم أسفر عن مقتل عشرة أشخاص.",
                SourceKind::kPerson};
  minister.entity = "person:x";
  Spec relayed{"ونقلت",
               "مصدر مطلع",
               "الهجوم أسفر عن مقتل عشرة أشخاص",
               SourceKind::kAnonymous,
               true,
               Identification::kVague,
               Form::kDirect};
  relayed.via = {"وكالة الأنباء الرسمية"};
  Spec agency{"وذكرت", "وكالة الأنباء الرسمية", "الهجوم أسفر عن مقتل عشرة أشخاص.",
              SourceKind::kOutlet};
  Spec reports{
      "وذكرت", "تقارير إعلامية",      "الحكومة ستعلن حالة الطوارئ قريبا", SourceKind::kOutlet,
      true,    Identification::kVague};
  Spec agentless{"ويُعتقد",
                 "",
                 "المهاجمين فروا إلى الجبال بعد الهجوم",
                 SourceKind::kUnspecified,
                 true,
                 Identification::kNone};
  Spec suspected{"ويشتبه",
                 "",
                 "المهاجمين فروا إلى الجبال",
                 SourceKind::kUnspecified,
                 true,
                 Identification::kNone};
  suspected.rule = "verb.agentless";  // not in the list of cues, but made by the agentless rule
  Spec unresolved{"وقالت",
                  "",
                  "المهاجمين فروا إلى الجبال",
                  SourceKind::kUnspecified,
                  true,
                  Identification::kNone};
  Spec media{"ونقلت", "مصدر أمني",           "المهاجمين فروا", SourceKind::kAnonymous,
             true,    Identification::kVague};
  media.via = {"وسائل إعلام محلية"};
  Spec media_minister{"وقال", "وزير الداخلية محمد علي", "المهاجمين فروا إلى الجبال",
                      SourceKind::kPerson};
  Spec named{"وقال", "وزير الداخلية محمد علي", "الهجوم أسفر عن مقتل عشرة أشخاص",
             SourceKind::kPerson};
  Spec first{"ونقلت",
             "مصدر مطلع",
             "بدأ الدبلوماسيون المغادرة",
             SourceKind::kAnonymous,
             true,
             Identification::kVague,
             Form::kDirect};
  first.via = {"الوكالة"};
  Spec second{
      "وأضاف",      "المصدر", "القرار نهائي", SourceKind::kAnonymous, true, Identification::kVague,
      Form::kDirect};
  second.resolved = "مصدر مطلع";
  second.antecedent = 0;
  second.via = {"الوكالة"};

  const std::vector<Case> cases = {
      {"unnamed official",
       kOfficial,
       {official},
       {"anonymous_no_reason", "single_anonymous_claim"}},
      {"a stated reason", kReasoned, {reasoned}, {"single_anonymous_claim"}},
      {"supported by a named minister",
       kSupported,
       {official_short, minister},
       {"anonymous_no_reason"}},
      // The agency relays its own anonymous source: that is not a second source.
      {"relay is not support",
       kRelayed,
       {relayed, agency},
       {"anonymous_no_reason", "single_anonymous_claim", "anonymous_direct_quote"}},
      {"vague reports", kReports, {reports}, {"vague_attribution", "single_anonymous_claim"}},
      {"agentless cue", kAgentless, {agentless}, {"agentless_cue", "single_anonymous_claim"}},
      {"agentless rule", kSuspected, {suspected}, {"agentless_cue", "single_anonymous_claim"}},
      // The analyzer found no source for «وقالت»: that says nothing about anonymity.
      {"unresolved source", kUnresolved, {unresolved}, {}},
      // The minister repeats the claim, so it does not rest on the anonymous source alone.
      {"unnamed intermediary",
       kMedia,
       {media, media_minister},
       {"anonymous_no_reason", "unnamed_intermediary"}},
      {"named source", kNamed, {named}, {}},
      // «وأضاف المصدر» continues «مصدر مطلع»: one missing reason, two claims, two quotes.
      {"continuation",
       kContinued,
       {first, second},
       {"anonymous_no_reason", "single_anonymous_claim", "single_anonymous_claim",
        "anonymous_direct_quote", "anonymous_direct_quote"}},
  };
  for (const Case& c : cases) {
    Analysis a = Make(c.text, c.specs);
    std::vector<Finding> f = Audit(a, DefaultAudit());
    EXPECT_EQ(Kinds(f), c.expected) << c.name;
    for (const Finding& x : f) {
      EXPECT_FALSE(x.message_ar.empty()) << c.name;
      EXPECT_FALSE(x.message_en.empty()) << c.name;
      EXPECT_EQ(x.message_en.find('{'), std::string::npos) << c.name << ": " << x.message_en;
      EXPECT_GE(x.attribution, 0);
      EXPECT_LE(x.span.end, c.text.size());
    }
  }
}

TEST(Audit, FindingsPointAtTheirSpansAndExplainThemselves) {
  const std::string text = "وقال مسؤول أمني إن الهجوم أسفر عن مقتل عشرة أشخاص في المدينة.";
  Analysis a = Make(text, {{"وقال", "مسؤول أمني", "الهجوم أسفر عن مقتل عشرة أشخاص في المدينة",
                            SourceKind::kOfficial, true, Identification::kRole}});
  std::vector<Finding> f = Audit(a, DefaultAudit());
  ASSERT_EQ(f.size(), 2u);
  // Ordered by position: the source comes before the claim.
  EXPECT_EQ(f[0].kind, FindingKind::kAnonymousNoReason);
  EXPECT_EQ(f[0].span.In(text), "مسؤول أمني");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_NE(f[0].message_ar.find("«مسؤول أمني»"), std::string::npos) << f[0].message_ar;
  EXPECT_NE(f[0].message_en.find("«مسؤول أمني»"), std::string::npos) << f[0].message_en;
  EXPECT_EQ(f[1].kind, FindingKind::kSingleAnonymousClaim);
  EXPECT_EQ(f[1].span.In(text), "الهجوم أسفر عن مقتل عشرة أشخاص في المدينة");
  EXPECT_EQ(f[1].severity, Severity::kError);
  EXPECT_TRUE(AnyAtOrAbove(f, Severity::kError));
  EXPECT_TRUE(AnyAtOrAbove(f, Severity::kWarning));
  EXPECT_FALSE(AnyAtOrAbove({f[0]}, Severity::kError));
}

TEST(Audit, JsonUsesCodePointOffsets) {
  const std::string text = "عنوان\n\nوقال مسؤول أمني إن الهجوم وقع في المدينة.";
  Analysis a = Make(text, {{"وقال", "مسؤول أمني", "الهجوم وقع في المدينة", SourceKind::kOfficial,
                            true, Identification::kRole}});
  std::vector<Finding> f = Audit(a, DefaultAudit());
  nlohmann::json j = AuditJson(a, f);
  ASSERT_EQ(j["findings"].size(), f.size());
  EXPECT_EQ(j["summary"]["error"], 1);
  EXPECT_EQ(j["summary"]["warning"], 1);
  std::u32string cps;
  for (size_t i = 0; i < text.size();) {
    int len;
    cps += utf8::Decode(text, i, &len);
    i += len;
  }
  for (const auto& x : j["findings"]) {
    size_t s = x["span"]["start"], e = x["span"]["end"];
    std::string back;
    for (size_t k = s; k < e; ++k) utf8::Append(cps[k], &back);
    EXPECT_EQ(back, x["span"]["text"].get<std::string>());
    EXPECT_TRUE(x.contains("message_ar") && x.contains("message_en") && x.contains("kind") &&
                x.contains("severity") && x.contains("attribution"));
  }
  std::ostringstream txt;
  WriteAuditText(a, f, txt);
  EXPECT_NE(txt.str().find("anonymous_no_reason"), std::string::npos) << txt.str();
  EXPECT_NE(txt.str().find("en: Anonymous source"), std::string::npos) << txt.str();
}

TEST(Audit, SeedArticleThroughTheAnalyzer) {
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Result<Document> doc = MakeDocument(ss.str(), "seed.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  Analyzer analyzer(Defaults());
  Analysis a = analyzer.Analyze(std::move(*doc));
  std::vector<Finding> f = Audit(a, DefaultAudit());
  std::set<std::string> no_reason;
  for (const Finding& x : f) {
    EXPECT_LE(x.span.end, a.doc.text.size());
    if (x.kind == FindingKind::kAnonymousNoReason)
      no_reason.insert(std::string(x.span.In(a.doc.text)));
  }
  // The design's worked example: «مسؤول بالبيت الأبيض» and «مصدر مطلع» give no reason, and
  // «وأضاف المصدر» continues «مصدر مطلع» rather than adding a third anonymous source.
  EXPECT_TRUE(no_reason.count("مسؤول بالبيت الأبيض")) << ::testing::PrintToString(no_reason);
  EXPECT_TRUE(no_reason.count("مصدر مطلع")) << ::testing::PrintToString(no_reason);
  EXPECT_FALSE(no_reason.count("المصدر")) << ::testing::PrintToString(no_reason);
  // A named source (جيك سوليفان) is never flagged as anonymous, vague or agentless.
  for (const Finding& x : f) {
    if (x.kind == FindingKind::kAnonymousNoReason || x.kind == FindingKind::kVagueAttribution ||
        x.kind == FindingKind::kAgentlessCue) {
      EXPECT_EQ(std::string(x.span.In(a.doc.text)).find("سوليفان"), std::string::npos)
          << FindingKindName(x.kind);
    }
  }
}

// ---- The audit rules ---------------------------------------------------------------------

std::string BuiltIn() {
  std::ifstream in(std::string(ISNAD_SOURCE_DIR) + "/rules/lexicons/audit.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AuditRules, BuiltInFileIsCompleteAndEmbedded) {
  Result<AuditRules> r = AuditRules::Parse(BuiltIn(), "audit.json");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  for (int k = 0; k < static_cast<int>(FindingKind::kCount); ++k) {
    const AuditRules::Check& c = r->check(static_cast<FindingKind>(k));
    EXPECT_TRUE(c.enabled);
    EXPECT_FALSE(c.message_ar.empty());
    EXPECT_FALSE(c.message_en.empty());
  }
  EXPECT_EQ(DefaultAudit().check(FindingKind::kSingleAnonymousClaim).min_overlap,
            r->check(FindingKind::kSingleAnonymousClaim).min_overlap);
}

struct BadCase {
  const char* name;
  std::string from, to;  // replace in the built-in text
  std::string where;     // expected Status::where()
  std::string message;   // a part of the message
};

TEST(AuditRules, ErrorsNameTheFileAndPointer) {
  const std::string base = BuiltIn();
  const std::vector<BadCase> cases = {
      {"bad severity", "\"severity\": \"warning\"", "\"severity\": \"fatal\"",
       "mine.json#/entries/0/severity", "unknown severity \"fatal\""},
      {"unknown kind", "\"id\": \"agentless_cue\"", "\"id\": \"agentless\"",
       "mine.json#/entries/3/id", "unknown finding kind \"agentless\""},
      {"missing message",
       "\"message_en\": \"Anonymous source «{source}» is given no stated "
       "reason for anonymity.\"",
       "\"description\": \"x\"", "mine.json#/entries/0/message_en",
       "missing string field \"message_en\""},
      {"unknown field",
       "\"message_en\": \"Anonymous source «{source}» is given no stated "
       "reason for anonymity.\"",
       "\"message_english\": \"x\"", "mine.json#/entries/0/message_english", "unknown field"},
      {"threshold out of range", "\"min_overlap\": 0.3", "\"min_overlap\": 3",
       "mine.json#/entries/1/min_overlap", "from 0 to 1"},
      {"phrases not strings", "\"phrases\": [\"تقارير\",", "\"phrases\": [7,",
       "mine.json#/entries/2/phrases/0", "must be a string"},
      {"field of another kind", "\"id\": \"agentless_cue\"", "\"id\": \"anonymous_no_reason\"",
       "mine.json#/entries/3/cues", "unknown field \"cues\""},
      {"duplicate kind", "\"id\": \"anonymous_direct_quote\"", "\"id\": \"anonymous_no_reason\"",
       "mine.json#/entries/5/id",
       "duplicate finding kind \"anonymous_no_reason\" (also at /entries/0)"},
      {"wrong category", "\"category\": \"audit\"", "\"category\": \"verbs\"",
       "mine.json#/category", "\"audit\""},
  };
  for (const BadCase& c : cases) {
    std::string text = base;
    size_t p = text.find(c.from);
    ASSERT_NE(p, std::string::npos) << c.name;
    text.replace(p, c.from.size(), c.to);
    Result<AuditRules> r = AuditRules::Parse(text, "mine.json");
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().code(), ErrorCode::kBadRules) << c.name;
    EXPECT_EQ(r.error().where(), c.where) << c.name << ": " << r.error().ToString();
    EXPECT_NE(r.error().message().find(c.message), std::string::npos)
        << c.name << ": " << r.error().ToString();
  }
  // A kind with no entry.
  Result<AuditRules> partial = AuditRules::Parse(
      R"({"category": "audit", "source": "t", "entries": [{"id": "agentless_cue",
         "severity": "info", "message_ar": "ا", "message_en": "a"}]})",
      "part.json");
  ASSERT_FALSE(partial.ok());
  EXPECT_EQ(partial.error().where(), "part.json#/entries");
  EXPECT_NE(partial.error().message().find("anonymous_no_reason"), std::string::npos);
  // Malformed JSON names the byte.
  Result<AuditRules> broken = AuditRules::Parse("{\"category\": ", "broken.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code(), ErrorCode::kBadJson);
  EXPECT_EQ(broken.error().where().rfind("broken.json: byte ", 0), 0u) << broken.error().where();
}

TEST(AuditRules, OverridesFromRulesReplaceOneKindAndKeepTheRest) {
  const std::string mine = R"({"category": "audit", "source": "our newsroom", "entries": [
    {"id": "anonymous_direct_quote", "severity": "error",
     "message_ar": "ممنوع: اقتباس مباشر من «{source}».", "message_en": "Not allowed: {source}."},
    {"id": "single_anonymous_claim", "disabled": true}]})";
  Result<RuleSet> rules = RuleSet::LoadFromStrings({{"mine/audit.json", mine}}, true);
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  Result<AuditRules> ar = AuditRules::FromRuleSet(*rules);
  ASSERT_TRUE(ar.ok()) << ar.error().ToString();
  EXPECT_EQ(ar->check(FindingKind::kAnonymousDirectQuote).severity, Severity::kError);
  EXPECT_FALSE(ar->check(FindingKind::kSingleAnonymousClaim).enabled);
  EXPECT_TRUE(ar->check(FindingKind::kAnonymousNoReason).enabled);
  EXPECT_EQ(ar->check(FindingKind::kAnonymousNoReason).message_en,
            DefaultAudit().check(FindingKind::kAnonymousNoReason).message_en);

  const std::string text = "ونقلت الوكالة عن مصدر مطلع قوله: \"بدأ الدبلوماسيون المغادرة\".";
  Spec s{"ونقلت",
         "مصدر مطلع",
         "بدأ الدبلوماسيون المغادرة",
         SourceKind::kAnonymous,
         true,
         Identification::kVague,
         Form::kDirect};
  Analysis a = Make(text, {s});
  std::vector<Finding> f = Audit(a, *ar);
  EXPECT_EQ(Kinds(f),
            (std::multiset<std::string>{"anonymous_no_reason", "anonymous_direct_quote"}));
  for (const Finding& x : f)
    if (x.kind == FindingKind::kAnonymousDirectQuote) {
      EXPECT_EQ(x.severity, Severity::kError);
      EXPECT_EQ(x.message_en, "Not allowed: مصدر مطلع.");
    }

  // A broken override is reported with its pointer.
  Result<RuleSet> bad = RuleSet::LoadFromStrings(
      {{"mine/audit.json", R"({"category": "audit", "source": "x", "entries": [
          {"id": "agentless_cue", "severity": "loud", "message_ar": "ا", "message_en": "a"}]})"}},
      true);
  ASSERT_TRUE(bad.ok()) << bad.error().ToString();
  Result<AuditRules> bad_ar = AuditRules::FromRuleSet(*bad);
  ASSERT_FALSE(bad_ar.ok());
  EXPECT_NE(bad_ar.error().where().find("#/entries/0/severity"), std::string::npos)
      << bad_ar.error().ToString();
}

// ---- The command line --------------------------------------------------------------------

struct CliResult {
  int status = -1;
  std::string out;
};

CliResult RunIsnad(const std::string& args) {
  std::string cmd = std::string(ISNAD_BINARY) + " " + args + " 2>/dev/null";
  CliResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

TEST(AuditCli, ExitStatusFollowsFailOn) {
  const std::string seed = std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt";
  fs::path dir = fs::temp_directory_path() / ("isnad-audit-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path quiet = dir / "quiet.txt";
  std::ofstream(quiet) << "عنوان\n\nانطلقت اليوم فعاليات المعرض الدولي للكتاب في العاصمة.\n";

  struct CliCase {
    std::string args;
    int status;
  };
  const std::vector<CliCase> cases = {
      {seed, 0},                         // --fail-on defaults to none
      {seed + " --fail-on warning", 4},  // the seed has anonymous sources without reasons
      {seed + " --fail-on info", 4},
      {quiet.string() + " --fail-on info", 0},  // no attribution, no finding
      {seed + " --fail-on loud", 2},            // bad command line
      {(dir / "missing.txt").string(), 1},      // unreadable input
  };
  for (const CliCase& c : cases) {
    CliResult r = RunIsnad("audit " + c.args);
    EXPECT_EQ(r.status, c.status) << c.args << "\n" << r.out;
  }
  CliResult json = RunIsnad("audit --format json " + seed);
  ASSERT_EQ(json.status, 0);
  nlohmann::json j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << json.out;
  ASSERT_TRUE(j.is_object());
  ASSERT_TRUE(j["findings"].is_array());
  ASSERT_FALSE(j["findings"].empty());
  for (const auto& f : j["findings"]) {
    EXPECT_TRUE(f["span"].contains("start") && f["span"].contains("end") &&
                f["span"].contains("text"));
    EXPECT_TRUE(f["message_ar"].is_string() && f["message_en"].is_string());
  }
  CliResult two = RunIsnad("audit --format json " + seed + " " + quiet.string());
  nlohmann::json arr = nlohmann::json::parse(two.out, nullptr, false);
  ASSERT_TRUE(arr.is_array()) << two.out;
  EXPECT_EQ(arr.size(), 2u);
  EXPECT_TRUE(arr[1]["findings"].empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace isnad
