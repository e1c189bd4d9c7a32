// The seed article (../shared/seed, copied to tests/data/seed.txt) must come out as the worked
// example of ../shared/DESIGN.md, row by row.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "rules/rule_set.h"

namespace isnad {
namespace {

std::string ReadSeed() {
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<RuleSet> rules = RuleSet::LoadDefault();
    ASSERT_TRUE(rules.ok()) << rules.error().ToString();
    Result<Document> doc = MakeDocument(ReadSeed(), "seed.txt");
    ASSERT_TRUE(doc.ok()) << doc.error().ToString();
    Analyzer analyzer(*rules);
    analysis_ = new Analysis(analyzer.Analyze(std::move(doc).value()));
  }
  static void TearDownTestSuite() { delete analysis_; }

  // The attribution whose cue is `cue` and whose source (as written or resolved) contains
  // `source`; nullptr if none.
  static const Attribution* Find(const std::string& cue, const std::string& source) {
    for (const Attribution& a : analysis_->attributions)
      if (a.cue_text == cue && (a.source.text.find(source) != std::string::npos ||
                                a.source.resolved.find(source) != std::string::npos))
        return &a;
    return nullptr;
  }

  static Analysis* analysis_;
};

Analysis* SeedTest::analysis_ = nullptr;

struct Row {
  const char* cue;
  const char* source;      // part of the source as written or resolved
  bool source_written;     // the source phrase is written in this attribution
  SourceKind kind;
  bool anonymous;
  const char* country;     // ISO2 or ""
  const char* via;         // part of the first via, or "" for none
  Form form;
  Stance stance;
};

// ../shared/DESIGN.md, "The worked example".
const Row kDesignTable[] = {
    {"وقال", "مسؤول بالبيت الأبيض", true, SourceKind::kOfficial, true, "US", "", Form::kIndirect,
     Stance::kAssert},
    {"قال", "جيك سوليفان", true, SourceKind::kPerson, false, "US", "", Form::kIndirect,
     Stance::kAssert},
    {"وفق ما أفادت", "سبوتنيك", true, SourceKind::kOutlet, false, "RU", "", Form::kIndirect,
     Stance::kAssert},
    {"ونقلت", "مصدر مطلع", true, SourceKind::kAnonymous, true, "", "سبوتنيك", Form::kDirect,
     Stance::kAssert},
    {"وأضاف", "مصدر مطلع", true, SourceKind::kAnonymous, true, "", "سبوتنيك", Form::kDirect,
     Stance::kAssert},
    {"نفت", "موسكو", true, SourceKind::kState, false, "RU", "", Form::kIndirect, Stance::kDeny},
    {"وتقول", "موسكو", false, SourceKind::kState, false, "RU", "", Form::kIndirect,
     Stance::kAssert},
    {"وترى", "واشنطن", true, SourceKind::kState, false, "US", "", Form::kIndirect,
     Stance::kOpinion},
    {"بحسب ما ذكرت", "تاس", true, SourceKind::kOutlet, false, "RU", "", Form::kIndirect,
     Stance::kAssert},
};

class DesignRowTest : public SeedTest, public ::testing::WithParamInterface<Row> {};

TEST_P(DesignRowTest, MatchesTheDesignTable) {
  const Row& r = GetParam();
  const Attribution* a = Find(r.cue, r.source);
  ASSERT_NE(a, nullptr) << "no attribution with cue «" << r.cue << "» and source «" << r.source
                        << "»";
  EXPECT_EQ(!a->source.mention.empty(), r.source_written);
  EXPECT_EQ(a->source.kind, r.kind) << SourceKindName(a->source.kind);
  EXPECT_EQ(a->source.anonymous, r.anonymous);
  if (*r.country) EXPECT_EQ(a->source.country, r.country);
  if (*r.via) {
    ASSERT_FALSE(a->via.empty());
    EXPECT_NE(a->via[0].find(r.via), std::string::npos) << a->via[0];
  } else {
    EXPECT_TRUE(a->via.empty()) << a->via[0];
  }
  EXPECT_EQ(a->form, r.form) << FormName(a->form);
  EXPECT_EQ(a->stance, r.stance) << StanceName(a->stance);
  EXPECT_FALSE(a->rule.empty());
}

INSTANTIATE_TEST_SUITE_P(Seed, DesignRowTest, ::testing::ValuesIn(kDesignTable));

TEST_F(SeedTest, ContentOfVafqMaAfadatComesBeforeTheCue) {
  const Attribution* a = Find("وفق ما أفادت", "سبوتنيك");
  ASSERT_NE(a, nullptr);
  EXPECT_LT(a->content.end, a->cue.begin);
  EXPECT_EQ(a->content_text, "بدأ العديد من الدبلوماسيين وموظفين قنصليين روس بمغادرة أوكرانيا");
}

TEST_F(SeedTest, TheAgencyIsResolvedToSputnik) {
  const Attribution* a = Find("ونقلت", "مصدر مطلع");
  ASSERT_NE(a, nullptr);
  // The span is the original text, which has non-breaking spaces around «أوكرانيا».
  EXPECT_EQ(a->content_text,
            "بدأ الدبلوماسيون الروس وموظفو القنصلية في\u00a0أوكرانيا\u00a0في المغادرة إلى روسيا");
  EXPECT_EQ(a->via.size(), 1u);
}

TEST_F(SeedTest, MoscowDisputesWashington) {
  ASSERT_FALSE(analysis_->disputes.empty());
  const Dispute& d = analysis_->disputes[0];
  EXPECT_EQ(d.cue_text, "نفت");
  EXPECT_EQ(d.by, "موسكو");
  EXPECT_EQ(d.against, "واشنطن");
  EXPECT_EQ(d.by_entity, "state:ru");
  EXPECT_EQ(d.against_entity, "state:us");
}

// Disputes found in real passages of ../shared/gold/disputes-dev.jsonl (annotated there): the
// cue, a part of `by` and of `against` ("" for none), or no dispute at all.
struct DisputeCase {
  const char* name;
  const char* text;
  const char* cue;      // the dispute's cue ("" with `none`)
  const char* by;       // part of the disputer's name
  const char* against;  // part of the disputed party's name, "" for none
  bool none;            // the passage disputes nothing
};

const DisputeCase kDisputeCases[] = {
    // dispdev-058: exile: «نفت فرنسا الخطابي إلى جزيرة …», «نفيه إلى العاصمة» deny nothing
    {"dispdev_058", R"case(المغرب: منطقة الريف من الخطابي إلى الزفزافي

وكانت أولى قرارات المجلس إعلان استقلال الريف وتأسيس الجمهورية، ولكن القوات الأسبانية والفرنسية نجحت في القضاء عليها في 27 مايو/آيار 1926.
ونفت فرنسا الخطابي إلى جزيرة لاريفيون في المحيط الهندي ثم إلى جزيرة لارينيون ثم أخيرا قررت نفيه إلى العاصمة الفرنسية باريس وقد هرب أثناء مرور باخرته في قناة السويس واستقر في القاهرة من ٢٩ مايو/آيار 1947 وحتى وفاته عام 1962.)case",
     "ونفت", "", "", true},
    // dispdev-023: a contrasted denial answers the claim before it; the accusative head in the nominative
    {"dispdev_023", R"case(الحرب في اليمن: مسؤولون في التحالف ينفون أنباء عن محادثات بين السعودية والحوثيين في عمان

وصرح دبلوماسي لرويترز "هناك مشاورات بين الحوثيين والسعوديين دون حضور ممثل عن الحكومة المعترف بها دوليا، ومن الواضح أن هناك رغبة من الحوثيين ومن التحالف في السير نحو اتفاق شامل".
لكن مسؤولا بالتحالف نفى خوض السعودية مفاوضات مع الحوثيين وأكد مجددا الدعم لجهود حل الأزمة بقيادة الأمم المتحدة والتي تهدف للتوصل إلى حل سياسي. ولم يصدر تعليق رسمي عن مسؤولي جماعة الحوثيين.)case",
     "نفى", "مسؤول بالتحالف", "دبلوماسي", false},
    // dispdev-066: a deny verb in a quote is the quoted speaker's denial
    {"dispdev_066", R"case(العراق يدين الغارات التركية على سنجار.. وينفي التنسيق

دانت وزارة الخارجية العراقية، الجمعة، الضربات التي شنتها المقاتلات الحربية التركية على مناطق مدنية بقضاء سنجار غربي محافظة نينوى شمالي العراق، نافية وجود تنسيق بين بغداد وأنقرة بشأن تلك الضربات.
وذكرت الخارجية في بيان: "في الوقت الذي ترفض فيه الوزارة هذه الهجمات فإنها تنفي نفيا قاطعا وجود أي تنسيق بين بغداد وأنقرة بهذا الصدد".)case",
     "تنفي", "الخارجية", "", false},
    // dispdev-054: «الاتهامات الأميركية»: the latest American party named before
    {"dispdev_054", R"case(بعد الحادث العسكري.. الولايات المتحدة تهدد الصين

حذرت الولايات المتحدة الصين من أنه ستكون هناك "عواقب" بسبب ما وصفتها "العسكرة المتزايدة للجزر المتنازع عليها في بحر الصين الجنوبي"، وذلك بعد أنباء عن نقل بكين صواريخ إلى المنطقة.
ويأتي هذا التهديد بعدما قدمت وزارة الدفاع الأميركية، الخميس، شكوى رسمية وطلبت من الصين التحقيق في واقعة إصابة طيارين أميركيين بأشعة الليزر، أثناء التحليق فوق قاعدتها العسكرية في جيبوتي. وتنفي بكين الاتهامات الأميركية وتصفها بأنها "اعتباطية".)case",
     "وتنفي", "بكين", "وزارة الدفاع الأميركية", false},
    // dispdev-070: «هذه الاتهامات» with no accuser before: against no one
    {"dispdev_070", R"case(منغوليا: طائرة يشتبه بانتمائها لسلاح الجو التركي تمنع من الإقلاع لوجود مخطوف على متنها

وبعد أن طالت مدة الأزمة، حذر نائب وزير الخارجية المنغولي باتستسيغ باتمونخ مسؤولي السفارة التركية من أن أي محاولة خطف على أراض منغولية ستشكل "انتهاكا خطيرا لاستقلال منغوليا وسيادتها". وأعلن مسؤول في وزارة النقل أن الطائرة أقلعت في الساعة 03:25 مساء وأن أكجاي ليس على متنها.
وفي اتصال هاتفي مع نظيره المنغولي تسوغتبار دامدين نفى وزير الخارجية التركي مولود تشاوش أوغلو هذه الاتهامات، بحسب ما أعلنت الخارجية المنغولية.)case",
     "نفى", "مولود تشاوش أوغلو", "", false},
    // dispdev-051: a person written by role is named; a demonstrative inside the denied clause points back to nothing
    {"dispdev_051", R"case(محادثات "جارية حاليا" للقاء بين ترامب وبوتن في واشنطن

وبعد ليلة من الانتقادات التي أطلقها حتى مسؤولون من الحزب الجمهوري، قال ترامب في البيت الأبيض للصحفيين إنه كان يعني أنه لا يرى مبررا لأن لا تكون روسيا "مسؤولة".
وأكد الرئيس الأميركي لاحقا أنه يقبل باستنتاج الاستخبارات الأميركية بأن روسيا تدخلت في الانتخابات، لكنه نفى أن تكون حملته قد تواطأت في هذا العمل.)case",
     "نفى", "دونالد ترامب", "", false},
};

class DisputeCaseTest : public ::testing::TestWithParam<DisputeCase> {};

TEST_P(DisputeCaseTest, FindsTheDisputerAndTheDisputed) {
  const DisputeCase& c = GetParam();
  Result<RuleSet> rules = RuleSet::LoadDefault();
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  Result<Document> doc = MakeDocument(c.text, "passage.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  Analyzer analyzer(*rules);
  Analysis a = analyzer.Analyze(std::move(doc).value());
  if (c.none) {
    for (const Dispute& d : a.disputes) ADD_FAILURE() << "unexpected dispute «" << d.cue_text << "»";
    return;
  }
  const Dispute* found = nullptr;
  for (const Dispute& d : a.disputes)
    if (d.cue_text == c.cue) found = &d;
  ASSERT_NE(found, nullptr) << "no dispute on «" << c.cue << "»";
  EXPECT_NE(found->by.find(c.by), std::string::npos) << found->by;
  if (*c.against == 0)
    EXPECT_TRUE(found->against.empty()) << found->against;
  else
    EXPECT_NE(found->against.find(c.against), std::string::npos) << found->against;
}

INSTANTIATE_TEST_SUITE_P(Passages, DisputeCaseTest, ::testing::ValuesIn(kDisputeCases),
                         [](const ::testing::TestParamInfo<DisputeCase>& info) {
                           return std::string(info.param.name);
                         });

TEST_F(SeedTest, CreditsAndTitleAreDocumentMetadata) {
  const Document& d = analysis_->doc;
  EXPECT_EQ(d.credits, (std::vector<std::string>{"العربي", "وكالات"}));
  EXPECT_EQ(d.title, "دبلوماسيون روس بدأوا بمغادرة أوكرانيا.. بايدن يهاتف بوتين اليوم");
  // No attribution comes from the credits line or the boilerplate.
  for (const Attribution& a : analysis_->attributions) {
    EXPECT_TRUE(a.cue.begin >= d.body.begin || a.cue.end <= d.title_span.end) << a.cue_text;
    EXPECT_LE(a.cue.end, d.body.end) << a.cue_text;
  }
}

TEST_F(SeedTest, EverySpanSlicesTheOriginalText) {
  const std::string& text = analysis_->doc.text;
  auto boundary = [&](uint32_t b) {
    return b == text.size() || (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80;
  };
  for (const Attribution& a : analysis_->attributions) {
    for (const Span& s : {a.cue, a.source.mention, a.content}) {
      if (s.empty()) continue;
      ASSERT_LE(s.end, text.size());
      EXPECT_TRUE(boundary(s.begin) && boundary(s.end));
    }
    EXPECT_EQ(a.cue_text, a.cue.In(text));
    EXPECT_EQ(a.content_text, a.content.In(text));
    if (!a.source.mention.empty()) EXPECT_EQ(a.source.text, a.source.mention.In(text));
  }
}

}  // namespace
}  // namespace isnad
