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

// Content extent, cue frames and false alarms, on sentences of the gold dev set and the ANT
// corpus: each text gives the attribution on `cue` with exactly `content`, or (content nullptr)
// no attribution on `cue` at all.
struct ContentCase {
  const char* name;
  const char* text;
  const char* cue;
  const char* content;  // nullptr: no attribution on this cue
};

const ContentCase kContentCases[] = {
    {"closing quote ends the clause before a participle",
     "كان هنالك اختلاف واضح، إذ ذكر ولي العهد السعودي بأن إيران قد يتاح لها إعداد قنبلة نووية "
     "خلال \"أيام معدودة،\" مضيفاً: \"لا نريد أن نكرر اتفاقاً وقع عام 1938.\"",
     "ذكر", "إيران قد يتاح لها إعداد قنبلة نووية خلال \"أيام معدودة،\""},
    {"a participle that always starts a cue ends the clause without a comma",
     "وسخر رضائي من عرض نتنياهو لأجزاء من طائرة استطلاع إيرانية قالت إسرائيل إنها أسقطتها فوق "
     "مجالها الجوي بالقول: \"أمريكا وإسرائيل تحولا إلى ممثل ساخر.\"",
     "قالت", "أسقطتها فوق مجالها الجوي"},
    {"إن لم is a conditional, no complementizer",
     "ودعا الرئيس التركي رجب طيب أردوغان مرارا الحكومة العراقية إلى التحرك ضد القواعد الخلفية "
     "في شمال العراق مهددا بالتدخل إن لم تفعل.",
     "مهددا", "بالتدخل إن لم تفعل"},
    {"a relative clause to the sentence end is the writer's comment",
     "ووصفت المحطة الكربي بأنه ضابط مخابرات، قائلة إنه قبض عليه \"للاشتباه بدعمه للحوثيين\"، "
     "الذين يسيطرون على العاصمة اليمنية صنعاء.",
     "قائلة", "قبض عليه \"للاشتباه بدعمه للحوثيين\""},
    {"في وقت سابق takes no tail",
     "وكانت الولايات المتحدة وبريطانيا وإيطاليا وفرنسا دعت، في وقت سابق إلى إنهاء القتال في "
     "ليبيا، وذلك في بيان مشترك صدر في روما.",
     "دعت", "إنهاء القتال في ليبيا"},
    {"an object, then a clause joined by «، وأن»",
     "أعلن الدفاع المدني السعودي، الأحد، السيطرة على حريق شب في الواجهات الخارجية لمقر النيابة "
     "العامة، وأن الحريق لم يسفر عن وقوع أي إصابات بشرية.",
     "أعلن",
     "السيطرة على حريق شب في الواجهات الخارجية لمقر النيابة العامة، وأن الحريق لم يسفر عن وقوع "
     "أي إصابات بشرية"},
    {"an impersonal statement reports the whole clause",
     "والأسبوع الماضي، تم الإعلان أن خطة زيارة الأمير ويليام، إلى الأماكن المقدسة في القدس، "
     "ستكون ضمن برنامج زيارة الأراضي الفلسطينية.",
     "تم الإعلان",
     "خطة زيارة الأمير ويليام، إلى الأماكن المقدسة في القدس، ستكون ضمن برنامج زيارة الأراضي "
     "الفلسطينية"},
    {"أبلغ X Y بـ…: the recipient is left out",
     "أبلغت إيران الوكالة الدولية للطاقة الذرية التابعة للأمم المتحدة الثلاثاء بالبدء في عملية "
     "زيادة القدرة على تخصيب اليورانيوم.",
     "أبلغت", "بالبدء في عملية زيادة القدرة على تخصيب اليورانيوم"},
    {"ألقى بالمسؤولية blames",
     "وألقى البنك المركزي الإيراني والقضاء بالمسؤولية عن انخفاض العملة على من وصفهم \"بالأعداء\".",
     "وألقى", "بالمسؤولية عن انخفاض العملة على من وصفهم \"بالأعداء\""},
    {"an object and its quoted predicate",
     "أصدر المبعوث الأمريكي جيسون غرينبلات بيانا الاثنين اعتبر فيه تعليق الرئيس الفلسطيني "
     "محمود عباس \"غير ملائم تماما\"، بعد أن نعت الأخير السفير الأمريكي.",
     "اعتبر", "تعليق الرئيس الفلسطيني محمود عباس \"غير ملائم تماما\""},
    {"حسب ما جاء في names the document",
     "وكانت الجريدة تساند الداعية التركي فتح الله غولن، حسب ما جاء في تقارير صحافية محلية.",
     "حسب ما جاء في", "وكانت الجريدة تساند الداعية التركي فتح الله غولن"},
    {"دعت الحاجة reports nothing", "ولي العهد السعودي من باريس: سنتدخل بسوريا إن دعت الحاجة.",
     "دعت", nullptr},
    {"شدد without على reports nothing",
     "شدد الأطباء \"المقيمون\" في الجزائر المضربون عن العمل منذ ستة أشهر حركتهم الاحتجاجية إذ "
     "توقفوا نهائيا عن ضمان المناوبات الليلية.",
     "شدد", nullptr},
    {"a participle after a number is a noun",
     "ومثل 11 متهما، أربعة منهم قيد الاحتجاز، أمام محكمة في إسطنبول في الجلسة الأخيرة.",
     "متهما", nullptr},
    {"a participle after عدم is a noun",
     "ودعا المطلق النساء إلى عدم مطالبة أزواجهن بالطلاق عندما يقبل على الزواج من أخرى.",
     "مطالبة", nullptr},
    {"an imperfect verb after a subjunctive أن is an intent",
     "وفي برلين، قالت المستشارة الألمانية أنغيلا ميركل إن ألمانيا تريد أن ترى رخاء اقتصاديا في "
     "تركيا.",
     "ترى", nullptr},
    {"جدد as an adjective",
     "ويأتي وقوع ضحايا مدنيين جدد، بينما تستمر الاشتباكات بين المليشيات التي تهيمن على طرابلس.",
     "جدد", nullptr},
};

class ContentTest : public ::testing::TestWithParam<ContentCase> {};

TEST_P(ContentTest, CueAndContent) {
  const ContentCase& c = GetParam();
  Result<RuleSet> rules = RuleSet::LoadDefault();
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  Result<Document> doc = MakeDocument(c.text, "sentence.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  Analysis a = Analyzer(*rules).Analyze(std::move(doc).value());
  const Attribution* found = nullptr;
  for (const Attribution& at : a.attributions)
    if (at.cue_text == c.cue) found = &at;
  if (c.content == nullptr) {
    EXPECT_EQ(found, nullptr) << c.name << ": content «" << found->content_text << "»";
    return;
  }
  ASSERT_NE(found, nullptr) << c.name << ": no attribution on «" << c.cue << "»";
  EXPECT_EQ(found->content_text, c.content) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Sentences, ContentTest, ::testing::ValuesIn(kContentCases));

}  // namespace
}  // namespace isnad
