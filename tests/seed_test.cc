// The seed article (../shared/seed, copied to tests/data/seed.txt) must come out as the worked
// example of ../shared/DESIGN.md, row by row.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

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

// Analyzes a passage of real text with the built-in rules into *out (a fatal failure if the
// rules or the passage are refused).
void AnalyzePassage(const char* text, Analysis* out) {
  Result<RuleSet> rules = RuleSet::LoadDefault();
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  Result<Document> doc = MakeDocument(text, "passage.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  *out = Analyzer(*rules).Analyze(std::move(doc).value());
}

// The last attribution or dispute of `items` whose cue is written `cue`, or null.
template <typename T>
const T* LastWithCue(const std::vector<T>& items, std::string_view cue) {
  const T* found = nullptr;
  for (const T& x : items)
    if (x.cue_text == cue) found = &x;
  return found;
}

struct Row {
  const char* cue;
  const char* source;   // part of the source as written or resolved
  bool source_written;  // the source phrase is written in this attribution
  SourceKind kind;
  bool anonymous;
  const char* country;  // ISO2 or ""
  const char* via;      // part of the first via, or "" for none
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
  if (*r.country) {
    EXPECT_EQ(a->source.country, r.country);
  }
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
    // dispdev-023: a contrasted denial answers the claim before it; the accusative head in the
    // nominative
    {"dispdev_023",
     R"case(الحرب في اليمن: مسؤولون في التحالف ينفون أنباء عن محادثات بين السعودية والحوثيين في عمان

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
    {"dispdev_070",
     R"case(منغوليا: طائرة يشتبه بانتمائها لسلاح الجو التركي تمنع من الإقلاع لوجود مخطوف على متنها

وبعد أن طالت مدة الأزمة، حذر نائب وزير الخارجية المنغولي باتستسيغ باتمونخ مسؤولي السفارة التركية من أن أي محاولة خطف على أراض منغولية ستشكل "انتهاكا خطيرا لاستقلال منغوليا وسيادتها". وأعلن مسؤول في وزارة النقل أن الطائرة أقلعت في الساعة 03:25 مساء وأن أكجاي ليس على متنها.
وفي اتصال هاتفي مع نظيره المنغولي تسوغتبار دامدين نفى وزير الخارجية التركي مولود تشاوش أوغلو هذه الاتهامات، بحسب ما أعلنت الخارجية المنغولية.)case",
     "نفى", "مولود تشاوش أوغلو", "", false},
    // dispdev-051: a person written by role is named; a demonstrative inside the denied clause
    // points back to nothing
    {"dispdev_051", R"case(محادثات "جارية حاليا" للقاء بين ترامب وبوتن في واشنطن

وبعد ليلة من الانتقادات التي أطلقها حتى مسؤولون من الحزب الجمهوري، قال ترامب في البيت الأبيض للصحفيين إنه كان يعني أنه لا يرى مبررا لأن لا تكون روسيا "مسؤولة".
وأكد الرئيس الأميركي لاحقا أنه يقبل باستنتاج الاستخبارات الأميركية بأن روسيا تدخلت في الانتخابات، لكنه نفى أن تكون حملته قد تواطأت في هذا العمل.)case",
     "نفى", "دونالد ترامب", "", false},
    // dispdev-061: a denial contrasted with a claim no one is quoted for answers the subject of
    // the clause before it
    {"dispdev_061", R"case(لافروف: واشنطن تنظم عملية ابتزاز كبرى لروسيا

وقامت 25 دولة مختلفة بطرد 140 ديبلوماسيا روسيا من أراضيها فيما يعد أكبر عملية عقاب ديبلوماسي في التاريخ.
واتفق زعماء الاتحاد الأوروبي، الأسبوع الماضي، على أنه من المرجح أن تكون موسكو ضالعة في تسميم سكريبال وابنته جنوبي إنجلترا، لكن موسكو تنفي أي دور لها فيما تعرض له.)case",
     "تنفي", "موسكو", "زعماء الاتحاد الأوروبي", false},
    // dispdev-020: «جاء فيه» after a document under a preposition; «الاتهامات» answer the claim
    // whose content names the disputing person
    {"dispdev_020", R"case(إقالة النائب السابق لمدير "أف بي آي" قبل أيام من تقاعده

وقد أصدر سيشنز قرار إقالته، بعد تحقيق داخلي، جاء فيه أن ماكيب "سرب أخبارا وضلل محققين".
ونفى ماكيب الاتهامات، قائلا إنه مستهدف بسبب مشاركته في التحقيق في مزاعم تدخل روسيا في الانتخابات الرئاسية الأمريكية 2016.)case",
     "ونفى", "ماكيب", "تحقيق داخلي", false},
    // dev-08: a definite claim noun («التقرير لأنه …») points back; a party's document claims
    {"dev_08", R"case(زيد رعد: كان يجب على سو تشي الاستقالة بعد العنف ضد الروهينجا في ميانمار

ويقول تقرير جديد للأمم المتحدة إنه يجب بدء تحقيق مع قادة الجيش في ميانمار لارتكابهم حرب إبادة جماعية.
وقد رفضت ميانمار التقرير لأنه - بحسب ما قالته - لا يمثل سوى جانب واحد.)case",
     "رفضت", "ميانمار", "الأمم المتحدة", false},
    // corpus (AL-internationalNews-1306-20180524): «الادعاءات» then a verb of a new clause
    {"mh17", R"case(فريق التحقيق: صاروخ روسي أسقط طائرة الركاب الماليزية

وتقول الدول الغربية وأوكرانيا إن الطائرة أسقطها الانفصاليون الموالون لروسيا شرقي أوكرانيا، فيما ترفض موسكو الادعاءات وتؤكد أن الطائرة أُسقطت من مناطق خاضعة لسيطرة كييف.)case",
     "ترفض", "موسكو", "الدول الغربية", false},
    // dispdev-043: «شريف» is a name, not the adjective; the denial's agent is the subject of
    // the sentence before
    {"dispdev_043", R"case(رحلة نواز شريف من إدارة دولة مثقلة بالأزمات والفساد لمواجهة السجن

وانتقد شريف في السنوات الأخيرة سياسة الولايات المتحدة في أفغانستان وباكستان. كما دأب على نفي تسامحه مع المتشددين.)case",
     "نفي", "شريف", "", false},
    // dispdev-026: the object after a person's name is no part of the accuser's name
    {"dispdev_026", R"case(شرطي بريطاني يخضع للفحص بعد تعرضه لغاز أعصاب

وتُلقي لندن باللوم على روسيا في الهجوم على سكريبال، حيث اتهم وزير الداخلية ساجد جاويد موسكو الخميس باستخدام بريطانيا "مكباً للسم"، فيما نفت روسيا بشدة هذه الاتهامات.)case",
     "نفت", "روسيا", "ساجد جاويد", false},
    // corpus (BB-internationalNews-873-20180725): «ويتهم شريف الجيش»: the army is the object
    {"sharif", R"case(الانتخابات الباكستانية: أبرز الشخصيات والأحزاب المتنافسة

فقد نشب توتر وصدام بين رئيس الوزراء السابق نواز شريف، زعيم حزب الرابطة الاسلامية، والمؤسسة العسكرية الواسعة النفوذ.
ويتهم شريف الجيش بالتآمر عليه بسبب انتقاده العلني له ودعوته إلى لتحسين العلاقات بين باكستان والهند، وهو ما ينفيه الجيش.)case",
     "ينفيه", "الجيش", "شريف", false},
    // dev-12: a denied clause answers the party that said it a few sentences before
    {"dev_12", R"case(إيطاليا تهدد باحتجاز سفينة تقل 234 مهاجرا في البحر المتوسط

وقال وزير البنى التحية الإيطالي، دانيلو تونينيلي، إن السفينة انتهكت القانون بحمل المهاجرين على الرغم من أن حرس السواحل الليبيين تدخلوا لإنقاذهم.
وأضاف أن إيطاليا ستحتجز السفينتين "لايفلاين" و"سيفوكس"، للتحقق من صفتهما القانونية، وإن إيطاليا "ستنقذ المهاجرين مرة أخرى".
وكتب رئيس الوزراء، ماتيو سالفيني، على حسابه بموقع فيسبوك، إنه على السفينتين أن "تذهبا إلى هولندا"، لأنهما ترفعان العلم الهولندي، وليس عليهما الرسو في إيطاليا.
وهناك جدل بشأن ما إذا كانت السفينتان هولنديتان، إذ قالت الممثلية الهولندية في الاتحاد الأوروبي في تغريدة إن السفينتين غير مسجلتين في هولندا، ولا ترفعان العلم الهولندي.
ولكن منظمة "ميشين لايفلاين" نشرت لاحقا على تويتر وثائق تقول إنها تثبت أن السفينتين ترفعان العلم الهولندي.
وينفي مؤسس المنظمة، أكسيل ستيير، انتهاك القانون ودافع عن العمل الذي تقوم به منظمته.)case",
     "وينفي", "أكسيل ستيير", "دانيلو تونينيلي", false},
    // dispdev-035: unvocalized «كذب» with no claim object is the noun «lie» (or «lied»)
    {"dispdev_035", R"case(رجل أعمال لبناني "يفضح" كذب ساركوزي

وقال ساركوزي، البالغ من العمر 63 عاما، في حوار مع قناة "تي إف 1" الفرنسية إنه "لم يلتقي أبدا بتقي الدين منذ 2004 وإنه لم يتلق أي أموال منه".)case",
     "", "", "", true},
    // corpus (BB-internationalNews-233-20180327): in a quote, a claim a few words after the
    // verb marks the denial; the quoting speaker is not the disputed party
    {"quoted_claim", R"case(البيت الأبيض يرد على دانييلز

وقال راج شاه المتحدث باسم البيت الأبيض إن "الرئيس ينفي بقوة ووضوح وبشكل ثابت هذه المزاعم".)case",
     "ينفي", "الرئيس", "", false},
    // corpus (FR-internationalNews-2618-20180808): a negated denial disputes nothing
    {"negated", R"case(خبراء يشككون في نسبة لوحة سالفاتور موندي إلى دافنشي

وقال ماثيو لاندروس إن "هذه لوحة لويني".
لكن خبير أكسفورد، الجامعة الإنكليزية المرموقة، لا ينفي أن الفنان الإيطالي الشهير ليوناردو دافنشي قد ساهم في اللوحة بنسبة 5 إلى 20 بالمئة.)case",
     "", "", "", true},
    // corpus (FR-internationalNews-898-20180424): a claim called false after a charge or a
    // masdar of spreading names an offence
    {"offence", R"case(السجن خمس سنوات لهشام جنينة

قضت محكمة عسكرية مصرية الثلاثاء بالسجن خمس سنوات على هشام جنينة الرئيس السابق للجهاز المركزي للمحاسبات بتهمة نشر معلومات كاذبة تضر بالمؤسسة العسكرية.
ووجهت له تهمة إذاعة أخبار وبيانات كاذبة من شأنها تكدير الأمن العام.)case",
     "", "", "", true},
    // dev-08 (BBC Arabic): «برأ نفسه من» clears oneself of an accusation; the subject is
    // separated from its verb by two relative clauses between commas
    {"reflexive_acquittal",
     R"case(زيد رعد: كان يجب على سو تشي الاستقالة بعد العنف ضد الروهينجا في ميانمار

وكان الجيش في ميانمار، التي يمثل البوذيون فيها أغلبية السكان، والذي اتهم بالتطهير العراقي المنتظم، قد برأ نفسه في السابق من ارتكاب أي خطأ.)case",
     "برأ نفسه", "الجيش في ميانمار", "", false},
    // dev-27 (Sky News Arabia): a claim after «على الرغم من» that the speaker then negates
    {"concession_before", R"case(البيت الأبيض: الإدارة الأميركية تراقب وضع تركيا "عن كثب"

وعلى الرغم من التقارير التي تفيد بتحديد الولايات المتحدة موعدا نهائيا لتركيا من أجل تسليم برانسون، قال مسؤولون أمريكيون إنه لا توجد مهلة في هذا الصدد.)case",
     "قال", "مسؤولون أمريكيون", "التقارير", false},
    // corpus (BB-middleEast-965-20180905): the concession after the negated content; a
    // demonym names the claimant
    {"concession_in_content",
     R"case(وزير الدفاع الأمريكي: لا دليل على أن المعارضة السورية ستستخدم أسلحة كيماوية في إدلب

قال وزير الدفاع الأمريكي جيم ماتيس إن بلاده لم تصل إلى "أي دليل" يشير إلى أن جماعات المعارضة في محافظة إدلب السورية يمكنها أن تستخدم أسلحة كيمياوية، على الرغم من مزاعم روسية مخالفة.)case",
     "قال", "جيم ماتيس", "روسيا", false},
    // corpus (BB-internationalNews-1127-20180925): a concession after the content is a
    // resolve, no denial
    {"concession_after_content",
     R"case(مرشح ترامب للمحكمة العليا "مستمر" رغم مزاعم التجاوزات الجنسية

وقال بارت كافانو لفوكس نيوز: "لن أذهب إلى أي مكان"، رغم مزاعم إساءة السلوك الجنسي التي تحاصره.)case",
     "", "", "", true},
    // corpus (BB-middleEast-1056-20181005): a concession with no speaker who negates it disputes
    // nothing
    {"concession_no_speaker",
     R"case(بن سلمان يرد على ترامب: ندفع ثمن كل مشترياتنا من السلاح الأمريكي أولا بأول

ورغم التصريحات القوية والمتكررة من ترامب حول الملك سلمان ونجله إلا أن إدارته تحظى بعلاقة وثيقة معها.)case",
     "", "", "", true},
    // dispdev-068: the denied clause repeats two words of a claim a sentence back («شخصيا»,
    // «الشخصيين»; «القاعدة», «لادن»): against the judges who claimed it
    {"dispdev_068", R"case(تونس تطلق سراح حارس بن لادن مؤقتا

وفي العام 2015 قال قضاة كانوا ينظرون في قضية إرهاب في مدينة مونستر الألمانية، أنهم يعتقدون أنه تلقى تدريبات في معسكر للقاعدة في افغانستان خلال العامين 1999 و2000 وبأنه من فريق الحراس الشخصيين لبن لادن.
ونفى العيدودي، أن يكون حارسا شخصيا سابقا لزعيم تنظيم القاعدة الراحل بن لادن، العقل المدبر لهجمات 11 سبتمبر في الولايات المتحدة، مؤكدا أنه تلقى دروسا دينية في باكستان خلال تلك الفترة.)case",
     "ونفى", "العيدودي", "قضاة", false},
    // dispdev-028: the outlet that relayed the disputer's words, the antecedent of «التي نقلت»
    {"dispdev_028", R"case(ماي تناقش مع ترامب "ما يمكن فعله بخصوص إيران"

وقال الرئيس الأميركي، إن علاقته برئيسة الوزراء البريطانية "قوية جدا"، نافيا انتقاده ماي خلال مقابلته مع "ذي صن" التي نقلت عن ترامب قوله إن خروج بريطانيا من الاتحاد الأوروبي قضى على الأرجح على الأمل في إبرام اتفاق مستقبلي للتجارة بين البلدين.)case",
     "نافيا", "ترامب", "ذي صن", false},
    // dispdev-032: a sentence opened by a name and an age in brackets gives the zero subject;
    // the accusers are the antecedent of «اللائي اتهمنه»
    {"dispdev_032", R"case(حفيد مؤسس الإخوان يهرب من "الاغتصاب" إلى الجنس بالتراضي

ورمضان (55 عاماً) مسجون في سجن فلوري ميروجيس في مدينة ايسون الفرنسية، تحت الملاحظة الطبية لإصابته بمرض "التصلب المتعدد".
وكان ينفي وجود أي علاقة مع المشتكيات اللائي اتهمنه بالاغتصاب، وهن الكاتبة الفرنسية هيندا عياري، وكريستيل، وامرأة في سويسرا وأخرى في الولايات المتحدة.)case",
     "ينفي", "رمضان", "المشتكيات", false},
    // dispdev-012: a title opened by a quoted name; its adversary is the lead's
    {"dispdev_012", R"case("الطيران المدني" بالإمارات ينفي تقارير استهداف الحوثي لمطار دبي

دبي، الإمارات العربية المتحدة (CNN)—نفت هيئة الطيران المدني الإماراتي، الأحد، ما تداولته وسائل إعلام تابعة لجماعة الحوثي في اليمن حول استهداف مطار دبي الدولي، مؤكدة أن حركة الملاحة في البلاد تسير بشكل اعتيادي.)case",
     "ينفي", "الطيران المدني", "وسائل إعلام", false},
    // corpus (BB-middleEast-243-20180324): «ما ذكره X» in the denied object names the claimant
    {"what_x_said", R"case("السمك المملح": هل كانت إسرائيل مستعدة للتضحية بصحفي كي تصل لعرفات؟

وقال ديان إن وحدته نفذت ما يتراوح بين 8 و10 محاولات لاغتيال ياسر عرفات.
لكن ديان نفى ما ذكره بيرغمان عن أن وحدته كانت وراء تلك المحاولة المزعومة.)case",
     "نفى", "ديان", "بيرغمان", false},
    // dispdev-037: an indefinite report before its verb is the verb's subject («تقارير إعلامية،
    // نقلت أنها …»), and the claimant of the denial that follows; «والذي يعتبر الزعيم الروحي» is
    // the passive
    {"dispdev_037", R"case(مقطع فيديو يُظهر لحظة مقتل مراهق فلسطيني على يد الجيش الإسرائيلي في غزة

أعلن الحرس الثوري الإيراني، الأحد، مسؤوليته، عن إطلاق الصواريخ على مقر للحزب الديمقراطي الكردستاني الإيراني في منطقة كوي سنجق في إقليم كردستان، السبت، الأمر الذي أدى إلى مقتل 12 شخصا على الأقل وفقا لبيان صادر عن الحزب.
ردت الجزائرية أسماء بنت قادة، طليقة يوسف القرضاوي، رئيس الاتحاد العالمي لعلماء المسلمين، والذي يعتبر الزعيم الروحي لجماعة الإخوان المسلمين على تقارير إعلامية، نقلت أنها "إجبرت على مشاهدة فيلم إباحي ليلة وزفافها"، نافية ذلك نفيا قاطعا.)case",
     "نافية", "أسماء بنت قادة", "تقارير إعلامية", false},
    // dispdev-045: a claim with a possessive pronoun is the claim of the party named before it
    // (the object of «انتقد»), named in the nominative
    {"dispdev_045", R"case(مبعوث ترمب: الفكرة بأن القدس ليست عاصمة إسرائيل سراب!

انتقد مبعوث الرئيس الأميركي الخاص للشرق الأوسط مسؤولاً فلسطينياً مخضرماً، بقوله إن "ادعاءاته الكاذبة" ولهجته أدت إلى إبعاد فرص السلام.)case",
     "الكاذبة", "مبعوث الرئيس الأميركي", "مسؤول فلسطيني", false},
    // corpus (BB-internationalNews-1115-20180927): «تم نشر» is a passive, the speaker calls
    // the claims false
    {"offence_passive", R"case(كافانو يرد على الاتهامات

وقال كافانو في شهادته المكتوبة "في الأيام القليلة الماضية تم نشر اتهامات كاذبة وغير مدعومة بالأدلة".)case",
     "كاذبة", "كافانو", "", false},
    // corpus (BB-internationalNews-252-20180329): a state and its own foreign minister are one
    // side; Lavrov's statement is no claim Russia disputes
    {"same_side", R"case(روسيا تطرد 60 دبلوماسيا أمريكيا

وقال لافروف إن موسكو قررت أيضا إغلاق القنصلية الأمريكية في مدينة سان بطرسبرغ.
وتنفي روسيا ضلوعها في الهجوم على سكريبال، الذي ما زال في حالة حرجة ولكن مستقرة.)case",
     "وتنفي", "روسيا", "", false},
    // corpus (AL-internationalNews-1206-20180517): «الإدلاء بتصريحات كاذبة» is a charge
    {"offence_statements", R"case(مولر يقر بأنه غير قادر على توجيه اتهام إلى ترمب

وجميعهم يتعاونون مع القضاء باستثناء بول مانافورت، المدير السابق لحملة ترمب والملاحق خصوصا بتهمة التآمر ضد الولايات المتحدة وتبييض الأموال والإدلاء بتصريحات كاذبة ومن المفترض أن تتم محاكمته هذا الصيف.)case",
     "", "", "", true},
    // corpus (AL-internationalNews-460-20180314): «ما نشره X» names what X said
    {"relative_claim", R"case(حزب الله ينفي تصريحات نصرالله

نفى حزب الله الثلاثاء ما نشره موقع فردا نيوز الإيراني من كلام منسوب لأمينه حسن نصر الله خلال لقاء مع الجالية الإيرانية في لبنان.)case",
     "نفى", "حزب الله", "فردا نيوز", false},
    // corpus (SK-middleEast-180-20180309): the subject after the verb ends at the claim, which
    // names the disputed party
    {"subject_then_claim", R"case(الأكراد يردون على أردوغان.. عفرين لم تحاصر

كذّبت وحدات حماية الشعب الكردية تصريحات الرئيس التركي، رجب طيب أردوغان، التي قال فيها، الجمعة، إن الجيش التركي وحلفاءه من مقاتلي المعارضة السورية حاصروا عفرين شمال سوريا.)case",
     "كذّبت", "وحدات حماية الشعب", "أردوغان", false},
    // corpus (BB-middleEast-299-20180406): رفض disputes a claim written after its subject
    {"reject_claim_after_subject", R"case(اندلاع أعمال عنف بين غزة وإسرائيل

وقالت حماس إنها ستدفع ثلاثة آلاف دولار لأسرة أي شخص قتلته القوات الإسرائيلية في الاحتجاجات.
ورفض مسؤول في حماس مزاعم اسرائيل بأن الجماعة تضع "قائمة أسعار" للإصابات.)case",
     "ورفض", "مسؤول في حماس", "اسرائيل", false},
    // corpus (SK-internationalNews-819-20180405): a deny verb opening a quoted fragment has the
    // subject written before the quote, not the reporting speaker
    {"quoted_fragment", R"case(ترامب ينفي معرفته بأموال دفعت لممثلة إباحية

وقال البيت الأبيض، إن ترامب "نفى بقوة ووضوح وباستمرار" المزاعم بشأن إقامته علاقة جنسية مع دانيالز.)case",
     "نفى", "ترامب", "", false},
    // dispdev-046: a denial set against an accusation («غير أنه ينفي التهمة») is the accused's;
    // «غولن» (a lexicon person) is the object cut off the subject «أنفرة» (sic)
    {"dispdev_046",
     R"case(الفيدرالية العربية لحقوق الإنسان تطالب تركيا بإلغاء الأحكام "القاسية" على الصحفيين

ومن بين التهم التي وجهت للصحفيين دعم تنظيم فتح الله غولن، الداعية الإسلامي التركي المقيم في الولايات المتحدة.
وتتهم أنفرة غولن بتدبير الانقلاب الفاشل، غير أنه ينفي التهمة بشدة.)case",
     "ينفي", "غولن", "أنفرة", false},
    // corpus: the same after «ولكنها» and after «وهو اتهام», and after the passive (no accuser)
    {"accused_denies_contrast",
     "واتهم المسلحون الحكومة السورية، بتدبير الهجوم، ولكنها تنفي ضلوعها فيه.", "تنفي",
     "الحكومة السورية", "المسلحون", false},
    {"accused_denies_relative",
     "وتتهم تركيا برانسون بدعم محاولة انقلاب على الرئيس التركي رجب طيب أردوغان قبل عامين، وهو "
     "اتهام ينفيه.",
     "ينفيه", "برانسون", "تركيا", false},
    {"accused_denies_passive",
     "وقد اتهم أرنو بالتحرش بولية العهد، الأميرة فيكتوريا في 2006، ولكنه ينفي تلك التهمة.", "ينفي",
     "أرنو", "", false},
    // corpus (BB-middleEast-1081-20181012): «وهو ما تنفيه X» points back to what the speaker of
    // the sentence said before the relative
    {"relative_object", R"case(اختفاء خاشقجي

وتقول السلطات التركية إنه ربما قُتل هناك، وهو ما تنفيه السعودية.)case",
     "تنفيه", "السعودية", "السلطات التركية", false},
};

// The disputer is named without the object the verb governs («ونفى كافانو مزاعم …» is by
// «كافانو», not «كافانو مزاعم»).
TEST(DisputeParties, DisputerNamedWithoutTheObject) {
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(R"case(الاتهامات ضد الحكومة

ونفت روسيا مزاعم الحكومة البريطانية أن موسكو وراء محاولة التسميم.
ورفضت اللجنة مزاعم الأجهزة البريطانية بأن الحالات كانت "حوادث فردية".)case",
                                         &a));
  const Dispute* russia = LastWithCue(a.disputes, "ونفت");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->by, "روسيا");
  EXPECT_NE(russia->against.find("الحكومة البريطانية"), std::string::npos) << russia->against;
  const Dispute* committee = LastWithCue(a.disputes, "ورفضت");
  ASSERT_NE(committee, nullptr);
  EXPECT_EQ(committee->by, "اللجنة");
}

// corpus (AL-internationalNews-547-20180320): the antecedent of «التي نفت» is named without the
// preposition attached to it («لموسكو»).
TEST(DisputeParties, AntecedentNamedWithoutItsPreposition) {
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(R"case(عالم روسي يورط موسكو

وهذا يبدو متناقضاً مع الموقف الرسمي لموسكو التي نفت تطويره، وسط عاصفة دبلوماسية دولية.)case",
                                         &a));
  const Dispute* d = LastWithCue(a.disputes, "نفت");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->by, "موسكو");
}

class DisputeCaseTest : public ::testing::TestWithParam<DisputeCase> {};

TEST_P(DisputeCaseTest, FindsTheDisputerAndTheDisputed) {
  const DisputeCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  if (c.none) {
    for (const Dispute& d : a.disputes)
      ADD_FAILURE() << "unexpected dispute «" << d.cue_text << "»";
    return;
  }
  const Dispute* found = LastWithCue(a.disputes, c.cue);
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
    if (!a.source.mention.empty()) {
      EXPECT_EQ(a.source.text, a.source.mention.In(text));
    }
  }
}

// ---- Source kinds and anonymity on passages of the ANT corpus -------------------------------

struct KindRow {
  const char* name;
  const char* text;      // a passage of a corpus article
  const char* cue;       // the attribution's cue
  const char* resolved;  // part of its resolved source ("" for none)
  SourceKind kind;
  bool anonymous;
  const char* reason;  // the stated reason for anonymity, or ""
};

const KindRow kKindRows[] = {
    // A given name that is also an adjective («أحمد») starts a name (Alarabia, 2018-02-28).
    {"GivenNameThatIsAlsoAWordIsAName",
     "وقال أحمد صالح: \"إن ذلك هو ما ينبغي الإيمان به، والعمل به من الجميع، ومن أجل مصلحة "
     "الجميع\".",
     "وقال", "أحمد صالح", SourceKind::kPerson, false, ""},
    // «المسؤول الأمريكي» after a named American speaker is that speaker (BBC, 2018-05-21).
    {"DefiniteOfficialIsThePreviousSpeaker",
     "قال وزير الخارجية الأمريكي، مايك بومبيو، إن الولايات المتحدة ستفرض على إيران \"أشد "
     "العقوبات صرامة في التاريخ\".\nوأضاف المسؤول الأمريكي في خطاب ألقاه في وشنطن أن إيران "
     "سوف \"تكابد للحفاظ على اقتصادها على قيد الحياة\"، بعد سريان مفعول العقوبات.",
     "وأضاف", "بومبيو", SourceKind::kPerson, false, ""},
    // A stated reason is no part of the source and is recorded (France 24, 2018-04-14).
    {"ReasonEndsTheSourceAndIsRecorded",
     "وقال مسؤول إسرائيلي طلب عدم الكشف عن هويته \"العام الماضي، قال الرئيس الأمريكي دونالد "
     "ترامب إن استخدام أسلحة كيميائية سيعني انتهاك خط أحمر\".",
     "وقال", "مسؤول إسرائيلي", SourceKind::kOfficial, true, "طلب عدم الكشف عن هويته"},
    // The governing word before «عدم كشف هويته» belongs to the reason (Al Arabiya, 2018-06-09).
    {"GovernedReason",
     "وقال دبلوماسي من أحد البلدان التي أيّدت طلب عقد اجتماع طارئ في الجمعية العامة لوكالة "
     "\"فرانس برس\" طالباً عدم كشف هويته \"سنعمل الأسبوع المقبل للحصول على أكبر عدد من "
     "الأصوات\" خلال عملية التصويت.",
     "وقال", "دبلوماسي", SourceKind::kOfficial, true, "طالباً عدم كشف هويته"},
    // The prosecution is an institution, not a person named «الادعاء» (Al Arabiya, 2018-03-16).
    {"ProsecutionIsAnInstitution",
     "وقال الادعاء إن أحمد حسن (18 عاماً)، الذي دخل بريطانيا باعتباره #طالب_لجوء، أدين "
     "بمحاولة قتل ركاب على متن مترو أنفاق كان متجها إلى وسط لندن.",
     "وقال", "الادعاء", SourceKind::kInstitution, false, ""},
    // A zero subject with no antecedent is unknown, not anonymous (Al Arabiya, 2018-05-30).
    {"UnresolvedZeroSubjectIsNotAnonymous",
     "وأضاف أن الفصائل المسلحة في غزة ستلتزم بوقف إطلاق النار طالما التزمت إسرائيل.", "وأضاف", "",
     SourceKind::kUnspecified, false, ""},
    // Plural leaders are unnamed officials (Sky News Arabia, 2018-02-25).
    {"LeadersAreUnnamedOfficials",
     "وقال زعماء كنائس الروم الكاثوليك والروم الأرثوذكس والأرمن إن الكنيسة ستغلق \"حتى إشعار "
     "آخر\".",
     "وقال", "زعماء كنائس", SourceKind::kOfficial, true, ""},
    // «جاء فيه» after a document under a preposition: the document (disputes-dev, dispdev-020).
    {"DocumentBeforeJaaFihi",
     "وقد أصدر سيشنز قرار إقالته، بعد تحقيق داخلي، جاء فيه أن ماكيب \"سرب أخبارا وضلل "
     "محققين\".",
     "جاء فيه", "تحقيق داخلي", SourceKind::kDocument, false, ""},
    // A demonstrative before a plural head names no one (dev gold, France 24).
    {"DemonstrativeBeforeAnonymousHead",
     "ويطالب هؤلاء الأطباء بإلغاء الخدمة المدنية الإجبارية وإعفائهم من الخدمة العسكرية بعد سن "
     "الثلاثين كما هو الحال بالنسبة لبقية الجزائريين.",
     "ويطالب", "هؤلاء الأطباء", SourceKind::kAnonymous, true, ""},
    // The antecedent of a relative pronoun is the subject of the verb after it (dev gold, Sky
    // News Arabia; Al Arabiya, 2018).
    {"RelativeAntecedentIsTheSubject",
     "وعلى الرغم من التقارير التي تفيد بتحديد الولايات المتحدة موعدا نهائيا لتركيا من أجل "
     "تسليم برانسون، قال مسؤولون أمريكيون إنه لا توجد مهلة في هذا الصدد.",
     "تفيد", "التقارير", SourceKind::kDocument, true, ""},
    {"RelativeAntecedentInstitution",
     "ولم يصدر تعليق من الجيش التركي الذي نفى من قبل اتهامات بإصابة مدنيين في العملية التي "
     "يقوم بها في عفرين.",
     "نفى", "الجيش التركي", SourceKind::kInstitution, false, ""},
    // At the end of its sentence, the phrase of an official runs on over a complement and a
    // comma to the holder's name (dev gold, CNN Arabic; CNN Arabic, 2018-10-20).
    {"FinalAppositionNamesTheOfficial",
     "وصلت المستشارة الألمانية، أنجيلا ميركل، إلى إسرائيل، الأربعاء، حسب ما أعلنه المتحدث باسم "
     "رئيس الوزراء الإسرائيلي لشؤون الإعلام العربي، أوفير جندلمان.",
     "حسب ما أعلنه", "أوفير جندلمان", SourceKind::kPerson, false, ""},
    {"FinalAppositionAfterAPronoun",
     "أعرب الأمين العام للأمم المتحدة، أنطونيو غوتيريس، عن \"قلقه الشديد\" بشأن تأكيد وفاة "
     "الإعلامي السعودي، جمال خاشقجي، وذلك بحسب ما نقله المتحدث باسمه، ستيفان دوجاريك.",
     "بحسب ما نقله", "ستيفان دوجاريك", SourceKind::kPerson, false, ""},
    // A clause joined by و inside the sentence has its own subject (dev gold, BBC Arabic).
    {"ConjoinedClauseSubject",
     "قطر تتهم السعودية باعتقال أحد مواطنيها والإعلام السعودي يصفه بأنه ضابط مخابرات.", "يصفه",
     "الإعلام السعودي", SourceKind::kOutlet, true, ""},
    // A passive participle in apposition reports an accusation with no source (dev gold,
    // France 24); away from a comma «المتهم» is a noun, the defendant (Al Arabiya, 2018).
    {"AccusedInAppositionIsAgentless",
     "وكانت الجريدة تساند الداعية التركي فتح الله غولن، المتهم بأنه العقل المدبر لمحاولة "
     "الانقلاب الفاشلة قبل عامين، حسب ما جاء في تقارير صحافية محلية.",
     "المتهم", "", SourceKind::kUnspecified, true, ""},
    {"DefendantIsASubject",
     "وزعم المتهم بأن اتصالاته الخارجية ليست للنيل من الدولة التركية، بل على العكس من ذلك "
     "لصالحها.",
     "وزعم", "المتهم", SourceKind::kPerson, false, ""},
};

class SourceKindTest : public ::testing::TestWithParam<KindRow> {};

TEST_P(SourceKindTest, KindAnonymityAndReason) {
  const KindRow& r = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(r.text, &a));
  const Attribution* found = LastWithCue(a.attributions, r.cue);
  ASSERT_NE(found, nullptr) << "no attribution on «" << r.cue << "»";
  const Source& s = found->source;
  if (*r.resolved) {
    EXPECT_NE(s.resolved.find(r.resolved), std::string::npos) << s.resolved;
  } else {
    EXPECT_TRUE(s.resolved.empty()) << s.resolved;
  }
  EXPECT_EQ(s.kind, r.kind) << SourceKindName(s.kind);
  EXPECT_EQ(s.anonymous, r.anonymous);
  EXPECT_EQ(s.reason.In(a.doc.text), r.reason);
  // No reporting verb inside the reason is a cue of its own («عدم كشف هويته»).
  for (const Attribution& t : a.attributions)
    EXPECT_TRUE(s.reason.empty() || t.cue.end <= s.reason.begin || t.cue.begin >= s.reason.end)
        << t.cue_text;
}

INSTANTIATE_TEST_SUITE_P(Corpus, SourceKindTest, ::testing::ValuesIn(kKindRows),
                         [](const ::testing::TestParamInfo<KindRow>& i) { return i.param.name; });
// Source resolution on real text (dev gold and corpus articles): who the source is, as resolved.
struct ResolutionCase {
  const char* name;
  const char* text;
  const char* cue;       // the last attribution with this cue text
  const char* resolved;  // must be contained in the resolved source
  const char* via;       // must be contained in via[0]; "" for no check
  const char* rule;      // "" for no check
};

// dev-03 (BBC Arabic), gold
constexpr const char* kBozdagText =
    R"isnad(وقال المتحدث باسم الحكومة التركية نائب رئيس الوزراء بكر بوزداغ إن "منظمة الاستخبارات القومية تمكنت حتى الآن من إعادة 80 من أعضاء حركة #غولن من 18 بلداً إلى تركيا"، بحسب ما نقلت عنه وكالة الأناضول للأنباء.
وتطارد أنقرة أتباع غولن داخل البلاد وخارجها منذ محاولة الانقلاب بعد أن تعهد الرئيس رجب طيب #أردوغان بتطهير مؤسسات الدولة من "فيروس" غولن، حسب تعبيره.
إلا أن العدد الذي كشفه بوزداغ أكبر بكثير من الرقم المفترض سابقاً، ويشير إلى أن جهاز الاستخبارات اعتقل أشخاصا في السابق دون الإعلان عن ذلك. ولم يتطرق المتحدث إلى تفاصيل العملية أو الدول المعنية.
في آذار/مارس الماضي تمت إعادة خمسة معلمين وطبيب جميعهم يحملون الجنسية التركية ويعتقد أنهم من #أتباع_غولن، إلى تركيا من كوسوفو في عملية سرية قامت بها وزارة الداخلية الكوسوفية وجهاز الاستخبارات التركي.
وأثارت العملية أزمة في #كوسوفو ولم يتم الكشف عن تفاصيلها. واحتج رئيس البلاد ورئيس الحكومة لعدم إبلاغهما بها.
لكن بوزداغ أشاد بعملية كوسوفو. وقال إن جهاز الاستخبارات التركي "وجّه ضربة كبيرة إلى حركة غولن في عملية قام بها في الخارج". وأضاف أن "العملية في كوسوفو إنجاز كبير".)isnad";

// dev-08, gold
constexpr const char* kSuukyiText =
    R"isnad(زيد رعد: كان يجب على سو تشي الاستقالة بعد العنف ضد الروهينجا في ميانمار

يقول المفوض السامي في الأمم المتحدة لحقوق الإنسان الذي انتهت ولايته إن زعيمة ميانمار أونغ سان سو تشي كان يجب أن تستقيل بعد حملة الجيش العنيفة على المسلمين من طائفة الروهينجا العام الماضي.
وقال زيد رعد الحسين لبي بي سي إن سو تشي، الفائزة بجائزة نوبل، كان ينبغي لها أن تفكر في العودة إلى الإقامة الجبرية، بدلا من تقديم الأعذار عما فعله الجيش.
ويقول تقرير جديد للأمم المتحدة إنه يجب بدء تحقيق مع قادة الجيش في ميانمار لارتكابهم حرب إبادة جماعية.
وقد رفضت ميانمار التقرير لأنه - بحسب ما قالته - لا يمثل سوى جانب واحد.
وكان الجيش في ميانمار، التي يمثل البوذيون فيها أغلبية السكان، والذي اتهم بالتطهير العراقي المنتظم، قد برأ نفسه في السابق من ارتكاب أي خطأ.
ولام تقرير الأمم المتحدة، الذي صدر الاثنين، سو تشي، الموالية للحركة الديمقراطية، لأنها لم تفعل شيئا لمنع حدوث العنف.
وقال الحسين في مقابلته مع بي بي سي: "إنها كانت في موقع يمكنها منه فعل شيء. كان يمكنها إما أن تصمت، وإما، وهذا أفضل، أن تستقيل".
وأضاف: "لم يكن هناك حاجة لها لأن تكون المتحدث باسم الجيش البورمي. وما كان يجب أن تقول إن ما حدث كان بداية حملة تضليل، وإن كل ما قيل تزييف".
وقال: "كان يمكنها أن تقول إنني مستعدة لأكون زعيمة للبلاد، ولكن ليس في ظل هذه الظروف. شكرا جزيلا لكم، إنني سأستقيل، وسأعود إلى الإقامة الجبرية، إذ لا يمكنني أن أكون أداة ثانوية، كما قد يظن البعض فيَّ حينما يتعرض الأمر لأحداث العنف".
وكانت الحكومة العسكرية في البلاد قد حكمت على سو تشي، البالغة 73 عاما، بالإقامة الجبرية لمدة 16 عاما، فيما بين عامي 1989 و2010.
وحينما اندلع العنف في 2012، ونزح أكثر من 100.000 روهينجي، سعت سو تشي إلى طمأنة المجتمع الدولي، وتعهدت "بالتمسك بالتزاماتنا بقيم حقوق الإنسان والديمقراطية".
وقالت في مقابلة مع بي بي سي إن: "المسلمين استهدفوا، لكن البوذيين تعرضوا هم أيضا للعنف".)isnad";

// dev-20, gold
constexpr const char* kEnvoyText =
    R"isnad(أصدر المبعوث الأمريكي إلى الشرق الأوسط جيسون غرينبلات بيانا الاثنين اعتبر فيه تعليق الرئيس الفلسطيني محمود عباس "غير ملائم تماما"، بعد أن نعت الأخير السفير الأمريكي لدى إسرائيل بـ"ابن الكلب" إثر تأييده للمستوطنين الإسرائيليين في الضفة الغربية المحتلة. وخير غرينبلات عباس بين "خطاب الكراهية وجهود ملموسة وعملية لتحسين حياة شعبه وإيصاله إلى السلام والازدهار".)isnad";

// dev-07, gold
constexpr const char* kTasnimText =
    R"isnad(كما نقلت وكالة أنباء "تسنيم" عن وزير الدفاع الإيراني العميد أمير حاتمي قوله "كما وعدنا شعبنا العزيز، لن ندخر جهداً لزيادة قدرات البلاد الصاروخية، وسنعمل على تعزيز قوتنا الصاروخية كل يوم".)isnad";

// dev-20, gold
constexpr const char* kOfficialText =
    R"isnad(أصدر المبعوث الأمريكي إلى الشرق الأوسط جيسون غرينبلات بيانا الاثنين اعتبر فيه تعليق الرئيس الفلسطيني محمود عباس "غير ملائم تماما"، بعد أن نعت الأخير السفير الأمريكي لدى إسرائيل بـ"ابن الكلب" إثر تأييده للمستوطنين الإسرائيليين في الضفة الغربية المحتلة. وخير غرينبلات عباس بين "خطاب الكراهية وجهود ملموسة وعملية لتحسين حياة شعبه وإيصاله إلى السلام والازدهار".
نددت إدارة الرئيس الأمريكي دونالد ترامب الاثنين بالكلام الذي صدر عن الرئيس الفلسطيني محمود عباس والذي اعتبرته "إهانات في غير محلها" بحق السفير الأمريكي في إسرائيل، مؤكدة أن الوقت قد حان لكي يختار عباس بين "خطاب الكراهية" والسلام.
وقال جايسن غرينبلات مبعوث الرئيس الأمريكي إلى الشرق الأوسط إن "الوقت حان لكي يختار الرئيس عباس بين خطاب الكراهية وجهود ملموسة لتحسين حياة شعبه وإيصاله إلى السلام والازدهار".
وأتى تعليق البيت الأبيض بعيد ساعات على نعت الرئيس الفلسطيني السفير الأمريكي في إسرائيل ديفيد فريدمان بـ"ابن الكلب".
ولكن المسؤول الأمريكي قال في بيانه إنه "على الرغم من أن هذه الإهانات بحق أفراد في إدارة ترامب ليست في محلها بالمرة (...) فإننا متلزمون تجاه الفلسطينيين وفي سبيل إحداث تغييرات لا بد منها من أجل تعايش سلمي")isnad";

// corpus AL-internationalNews-1095-20180510
constexpr const char* kSandersText =
    R"isnad(وقالت سارة ساندرز، المتحدثة باسم البيت الأبيض، في إفادة صحافية "نحن ملتزمون مئة بالمئة بضمان ألا تمتلك إيران أسلحة نووية".
وأضافت "سنواصل ممارسة أقصى الضغوط، فرض عقوبات هائلة عليهم. كل العقوبات التي كانت قائمة قبل الاتفاق ستعود كما كانت، ونعد لإضافة عقوبات جديدة ربما يتم فرضها الأسبوع القادم على أقرب تقدير".)isnad";

// dev-24 (AFP via France 24), gold: the surname is spelled two ways in the article
constexpr const char* kTaylebText =
    R"isnad(شدد الأطباء "المقيمون" في الجزائر المضربون عن العمل والدراسة منذ حوالى ستة أشهر من حركتهم الاحتجاجية إذ توقفوا نهائيا عن ضمان المناوبات الليلية، كما أفاد الاثنين المتحدث باسمهم الدكتور محمد طيلب.
وكان هؤلاء الأطباء الذين يواصلون الدراسة في التخصص يضمنون منذ بداية إضرابهم في منتصف تشرين الثاني/نوفمبر 2017، الحد الأدنى من الخدمات في الاستعجالات كما يعملون في المناوبة الليلية وأيام العطل والأعياد.
وقال طليب: "توقفنا عن ضمان المناوبة الليلية في كل المستشفيات عبر الوطن". وتابع: "يستمر ذلك إلى أجل غير محدود".)isnad";

// dev-11 (BBC Arabic), gold: the lawyer's surname is written joined, then apart
constexpr const char* kAbdelsalamText =
    R"isnad(وفي السياق ذاته، قدم المحامي المصري عمرو عبدالسلام بلاغا، صباح الخميس، ضد اللبنانية مذبوح لتطاولها على المصريين.
وقال عبد السلام في تصريح لمحمود أبو بكر من فريق بي بي سي إن: "الفيديو تضمن ألفاظا وعبارات مهينة واحتوى على سب وقذف لعموم الشعب المصري"، مضيفا أن "الإعتذار لا يعفي من المسؤولية".)isnad";

// dev-19 (France 24), gold: states as the subjects of verbs that report nothing
constexpr const char* kStateSubjectText =
    R"isnad(وتقول طهران إن الأمرين غير خاضعين للنقاش.
وتريد فرنسا وبريطانيا وألمانيا إنقاذ جوهر اتفاق عام 2015 الذي ينص على تخفيف العقوبات في مقابل فرض قيود على أنشطة إيران النووية. وأعادت واشنطن فرض عقوبات على طهران منذ انسحابها من الاتفاق الشهر الماضي قائلة إن إيران تمثل تهديدا أمنيا.
ووضعت إيران شروطا للإبقاء على الاتفاق تشمل خطوات التجارة معها وضمان مبيعات نفطها. لكنها قالت كذلك إنها قد تستأنف تخصيب اليورانيوم بدرجة نقاء 20 بالمئة وهو ما يحظره الاتفاق.)isnad";

// dev-12 (BBC Arabic), gold
constexpr const char* kSalviniText =
    R"isnad(وكتب رئيس الوزراء، ماتيو سالفيني، على حسابه بموقع فيسبوك، إنه على السفينتين أن "تذهبا إلى هولندا".
ولكن سالفيني أعلن تمسكه برأيه، قائلا: " كان على مالطا استقبال السفينة وركابها".)isnad";

// ANT corpus: «علي» (the name) is «على» (the preposition) once normalized
constexpr const char* kAliText =
    R"isnad(وقال محمد علي الحوثي رئيس اللجنة الثورية العليا للحوثيين في بيان، إن إيقاف العمليات العسكرية البحرية سيكون "لمدة محددة قابلة للتمديد".)isnad";
constexpr const char* kRumaihiText =
    R"isnad(اعتبر علي بن محمد الرميحي، وزير شؤون الإعلام البحريني، أن "النظام القطري حريص على مشاركة فرقه الرياضية في السعودية".)isnad";

// dev-10 (BBC Arabic), gold: a relative clause between the subject and its verb
constexpr const char* kArabiyaText =
    R"isnad(وأفادت وكالة فرانس برس أن السلطات السعودية رفضت التعليق على التقارير عند اتصالها بها.
ولكن محطة العربية التي تمتلكها السعودية قالت إن قوات الحكومة اليمنية قبضت على الكربي، بينما كان يحاول عبور الحدود من اليمن إلى عمان.
ووصفت المحطة الكربي بأنه ضابط مخابرات، قائلة إنه قبض عليه "للاشتباه بدعمه للحوثيين".)isnad";

const ResolutionCase kResolutionCases[] = {
    {"SubjectBeforeARelativeClauseThenTheVerb", kArabiyaText, "قالت", "محطة العربية", "",
     "verb.svo"},
    {"ParticipleContinuesTheStationNotTheAgencyBefore", kArabiyaText, "قائلة", "محطة العربية", "",
     ""},
    {"AliAfterAGivenNameContinuesTheName", kAliText, "وقال", "محمد علي الحوثي", "", ""},
    {"AliBeforeAConnectorStartsTheName", kRumaihiText, "اعتبر", "علي بن محمد الرميحي", "", ""},
    {"TitleHeldInAPlaceKeepsThePlace", kOfficialText, "وقال",
     "مبعوث الرئيس الأمريكي إلى الشرق الأوسط", "", ""},
    {"ConnectorWrittenApartIsTheNameWrittenJoined", kAbdelsalamText, "وقال",
     "المحامي المصري عمرو عبدالسلام", "", ""},
    {"ParticipleAfterTheAdjunctContinuesTheSameName", kAbdelsalamText, "مضيفا",
     "المحامي المصري عمرو عبدالسلام", "", ""},
    {"ParticipleContinuesTheStateSubjectOfItsSentence", kStateSubjectText, "قائلة", "واشنطن", "",
     ""},
    {"FeminineZeroSubjectIsTheStateSubjectBefore", kStateSubjectText, "قالت", "إيران", "", ""},
    {"SurnameBeforeTheVerbIsThePersonNamedInFull", kSalviniText, "أعلن", "ماتيو سالفيني", "",
     "verb.svo"},
    {"TitleThenTwoWordName_ZeroSubjectContinuesIt", kBozdagText, "وأضاف", "بكر بوزداغ", "", ""},
    {"FeminineVerbContinuesTheWomanNotTheManWhoSpoke", kSuukyiText, "وقالت", "سو تشي", "", ""},
    {"NameAfterRoleAndPlaceJoinsTheRole", kEnvoyText, "اعتبر",
     "المبعوث الأمريكي إلى الشرق الأوسط جيسون غرينبلات", "", ""},
    {"DefiniteRoleIsTheLatestSpeakerOfItsCountry", kOfficialText, "قال", "غرينبلات", "", ""},
    {"NameAndRoleInAppositionAreOneSpeaker", kSandersText, "وأضافت",
     "سارة ساندرز، المتحدثة باسم البيت الأبيض", "", ""},
    {"SurnameSpelledOtherwiseIsThePersonNamedInFull", kTaylebText, "وقال", "الدكتور محمد طيلب", "",
     ""},
    {"ZeroSubjectAfterTheOtherSpellingContinuesHim", kTaylebText, "وتابع", "الدكتور محمد طيلب", "",
     ""},
    {"KamaNaqalatXAnYIsARelay", kTasnimText, "نقلت", "وزير الدفاع الإيراني العميد أمير حاتمي",
     "تسنيم", "verb.relay"},
    // corpus (AL, 2018): a subject, relative clauses between commas, then «قد قال»
    {"SubjectThenRelativeClausesBetweenCommas",
     "وكان الجيش الأميركي، الذي صعد من جهوده ضد جماعة الشباب العام الماضي بعشرات الضربات الجوية "
     "من طائرات بدون طيار، قد قال إن القوات الصومالية ليست مستعدة بعد.",
     "قال", "الجيش الأميركي", "", "verb.svo"},
};

class ResolutionTest : public ::testing::TestWithParam<ResolutionCase> {};

TEST_P(ResolutionTest, ResolvesTheSource) {
  const ResolutionCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  const Attribution* at = LastWithCue(a.attributions, c.cue);
  ASSERT_NE(at, nullptr) << "no attribution with cue «" << c.cue << "»";
  EXPECT_NE(at->source.resolved.find(c.resolved), std::string::npos) << at->source.resolved;
  if (*c.via) {
    ASSERT_FALSE(at->via.empty());
    EXPECT_NE(at->via[0].find(c.via), std::string::npos) << at->via[0];
  }
  if (*c.rule) {
    EXPECT_EQ(at->rule, c.rule);
  }
}

INSTANTIATE_TEST_SUITE_P(Sources, ResolutionTest, ::testing::ValuesIn(kResolutionCases),
                         [](const ::testing::TestParamInfo<ResolutionCase>& i) {
                           return std::string(i.param.name);
                         });

// A reporting verb right after a relative pronoun: the passive reports nothing («الذي يعتبر
// العقل المدبر»: who is considered; «الذي اتهم بتعذيب»: who was accused), the active does (a
// complementizer follows; the accused is named or an object pronoun), and an indefinite report
// right before a verb is its subject. Sentences of the ANT corpus.
struct RelativeVerbCase {
  const char* name;
  const char* text;
  const char* cue;
  const char* resolved;  // nullptr: no attribution with this cue
};

const RelativeVerbCase kRelativeVerbCases[] = {
    {"ConsideredIsPassive",  // CN-internationalNews-402-20180526
     "أصبح دين بعد ذلك أكثر صناع القنابل بتنظيم القاعدة نجاحا والتقى العديد من قادة التنظيم مثل "
     "أيمن الظواهري وخالد الشيخ أحمد الذي يعتبر العقل المدبر وراء هجمات الـ11 من سبتمبر 2001.",
     "يعتبر", nullptr},
    {"ConsideredThatIsActive",  // AL-internationalNews-1859-20180706
     "وكانت المحكمة العليا رفضت في أيار/مايو طعناً للسكان ضد هدم القرية التي تعتبر السلطات "
     "الإسرائيلية أنها بنيت في شكل غير قانوني.",
     "تعتبر", "السلطات الإسرائيلية"},
    {"AccusedOfIsPassive",  // BB-internationalNews-903-20180731
     "ونظرا لخبرته في مجال جماعات الضغط، اشتهر مانافورت بأنه ممثل من لا يمكن تمثيلهم، ومن هؤلاء "
     "الرئيس الفلبيني القوي السابق فيرديناند ماركوس، الذي اتهم بتعذيب، وخطف وقتل آلاف المعارضين.",
     "اتهم", nullptr},
    {"IndefiniteReportIsTheSubject",  // BB-internationalNews-22-20180214
     "وجاء بيان محامي ترامب إثر تقارير إعلامية تفيد بأن الممثلة المعروفة باسم ستورمي دانيلز تلقت "
     "مبلغا ماليا مقابل توقيعها لاتفاق يمنعها من مناقشة \"علاقة مزعومة\"مع الرئيس الأمريكي.",
     "تفيد", "تقارير إعلامية"},
};

class RelativeVerbTest : public ::testing::TestWithParam<RelativeVerbCase> {};

TEST_P(RelativeVerbTest, PassiveReportsNothing) {
  const RelativeVerbCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  const Attribution* at = LastWithCue(a.attributions, c.cue);
  if (c.resolved == nullptr) {
    EXPECT_EQ(at, nullptr) << "«" << c.cue << "» reported, source " << at->source.resolved;
    return;
  }
  ASSERT_NE(at, nullptr) << "no attribution with cue «" << c.cue << "»";
  EXPECT_NE(at->source.resolved.find(c.resolved), std::string::npos) << at->source.resolved;
}

INSTANTIATE_TEST_SUITE_P(Corpus, RelativeVerbTest, ::testing::ValuesIn(kRelativeVerbCases),
                         [](const ::testing::TestParamInfo<RelativeVerbCase>& i) {
                           return std::string(i.param.name);
                         });

// «اتهم X Y بـ»: the accuser is the subject, the accused the direct object before the
// preposition, on sentences of the ANT corpus. The phrase read after the verb is cut where the
// object starts; one phrase alone is the accused, and the passive names no accuser.
struct AccuseCase {
  const char* name;
  const char* text;
  const char* cue;
  const char* source;      // part of the resolved source; "" for none (the passive)
  const char* not_source;  // the accused, never in the source
};

const AccuseCase kAccuseCases[] = {
    {"HeadThenName", "واتهمت المعارضة أردوغان باستخدام القضاء لإسكات خصومه السياسيين.", "واتهمت",
     "المعارضة", "أردوغان"},
    {"InstitutionThenInstitution",
     "اتهمت منظمة هيومن رايتس ووتش الجيش العراقي وقوات الأمن بممارسة الإخفاء القسري لعشرات من "
     "الرجال والصبية، معظمهم من السنة.",
     "اتهمت", "هيومن رايتس ووتش", "الجيش"},
    {"TitleNameThenState",
     "واتهم السفير الروسي فاسيلي نيبينزيا الغرب بـ\"الهمجية\" وطلب أن \"يوقف أعماله ضد سوريا "
     "فورا\".",
     "واتهم", "نيبينزيا", "الغرب"},
    {"CapitalThenCapital",
     "وتتهم بكين واشنطن بأنها تريد التسبب ب\"أسوأ حرب تجارية في تاريخ الاقتصاد\".", "وتتهم", "بكين",
     "واشنطن"},
    {"ObliquePluralIsTheObject",
     "واتهم البيان المعتقلين بـ \"التنسيق لتقويض أمن المملكة واستقرارها\".", "واتهم", "البيان",
     "المعتقلين"},
    {"NominativePluralIsTheSubject",
     "ويقول بشار الأسد إن القانون أسيء تفسيره لتأجيج الرأي العام الغربي ضد حكومته، بينما يتهم "
     "معارضون الأسد بالسعي لإحداث تغيير سكاني.",
     "يتهم", "معارضون", "الأسد"},
    {"ObjectBeforeACommaAndItsPreposition",
     "واتهم المسلحون الحكومة السورية، بتدبير الهجوم، ولكنها تنفي ضلوعها فيه.", "واتهم", "المسلحون",
     "الحكومة"},
    {"TitleWithItsNameIsOneParty",
     "اتهم رئيس نيكاراغوا دانيال أورتيغا الخميس الأساقفة \"بالتآمر\" بهدف إقالته.", "اتهم",
     "أورتيغا", "الأساقفة"},
    {"NameWithTheLetterOfThePreposition",
     "وتتهم تركيا برانسون بدعم محاولة انقلاب على الرئيس التركي رجب طيب أردوغان قبل عامين.", "وتتهم",
     "تركيا", "برانسون"},
    {"ThePassiveNamesNoAccuser",
     "وقد اتهمت ولسون بإقامة علاقة جنسية مع الفتى في الطائرة في طريق العودة من رحلة مدرسية.",
     "اتهمت", "", "ولسون"},
};

class AccuseFrameTest : public ::testing::TestWithParam<AccuseCase> {};

TEST_P(AccuseFrameTest, AccuserIsTheSourceNotTheAccused) {
  const AccuseCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  const Attribution* at = LastWithCue(a.attributions, c.cue);
  ASSERT_NE(at, nullptr) << "no attribution with cue «" << c.cue << "»";
  if (*c.source == 0) {
    EXPECT_EQ(at->source.kind, SourceKind::kUnspecified) << at->source.resolved;
    EXPECT_TRUE(at->source.resolved.empty()) << at->source.resolved;
  } else {
    EXPECT_NE(at->source.resolved.find(c.source), std::string::npos) << at->source.resolved;
  }
  EXPECT_EQ(at->source.resolved.find(c.not_source), std::string::npos) << at->source.resolved;
}

INSTANTIATE_TEST_SUITE_P(Corpus, AccuseFrameTest, ::testing::ValuesIn(kAccuseCases),
                         [](const ::testing::TestParamInfo<AccuseCase>& i) {
                           return std::string(i.param.name);
                         });

// corpus (BB-internationalNews-484-20180509): a quoted word after «الرئيس الأمريكي» is what
// he did, not his name, so the later «ترامب» is not «named in full» as «الرئيس الأمريكي أخطأ».
TEST(QuotedWordTest, AfterARoleIsNoName) {
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(
      "قال المرشد الأعلى للثورة الإيرانية، آية الله علي خامنئي، إن الرئيس الأمريكي \"أخطأ\" في "
      "قرار الانسحاب من الاتفاق النووي مع إيران وذلك في كلمة وجهها مباشرة لترامب.\nلكن ترامب، "
      "الذي عارض الاتفاق بشدة، قال يوم الثلاثاء إنه \"معيبا في جوهره\"، وأن الولايات المتحدة سوف "
      "تنسحب منه.",
      &a));
  const Attribution* at = LastWithCue(a.attributions, "قال");
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->source.resolved.find("أخطأ"), std::string::npos) << at->source.resolved;
  EXPECT_EQ(at->source.entity.id, "person:donald-trump") << at->source.resolved;
}
// The entity a source is keyed by in the graph, on sentences of the ANT corpus: a hashtag reads
// as its words, a name that is also a common word («اللواء», «العراقية») is no outlet outside
// quotes, a person is never the body of their title, and a source known by its role only is
// identified by role (the graph keeps it to its article).
struct EntityCase {
  const char* name;
  const char* text;
  const char* cue;         // the last attribution with this cue text
  const char* entity;      // the entity id must start with this
  const char* not_entity;  // and must not start with this; "" for no check
  Identification identification;
};

const EntityCase kEntityCases[] = {
    {"HashtagNameIsTheName",
     R"isnad(أعلن وزير الخارجية الأميركي، ريكس #تيلرسون، في مقابلة سيتم بثها الأحد، أنه "يترقب" إشارات حول مدى جهوزية #كوريا_الشمالية للدخول في مفاوضات مباشرة.)isnad",
     "أعلن", "person:rex-tillerson", "", Identification::kNamed},
    {"RankIsNoNewspaper",
     "وقال قائد اللواء الأول حرس حدود العميد هيكل حنتف، إنه تم تحرير سلسلة جبال \"عقبة برم\" "
     "الاستراتيجية بمديرية برط.",
     "وقال", "local:person:", "outlet:", Identification::kNamed},
    {"DemonymIsNoChannel",
     "وقالت السلطات العراقية في مؤتمر صحفي الأربعاء إن أفرادا من قوات الأمن أصيبوا بجروح في "
     "الاشتباكات التي وقعت الثلاثاء.",
     "وقالت", "local:state:", "outlet:", Identification::kRole},
    {"QuotedNameIsTheOutlet",
     "وذكرت وكالة \"معا\" الفلسطينية أن مواطنا لقي حتفه وأصيب العشرات بالرصاص الحي.", "وذكرت",
     "outlet:maan", "", Identification::kNamed},
    {"SpokespersonIsNotTheWhiteHouse",
     "وقالت المتحدثة باسم البيت الأبيض سارة ساندرز في مؤتمر صحافي إن \"الرئيس يحمّل الأسد "
     "والروس مسؤولية الهجوم\".",
     "وقالت", "person:sarah-sanders", "", Identification::kNamed},
    {"UnknownPersonIsNotHisCouncil",
     "ومن جهته، أعلن رئيس المجلس الأوروبي دونالد توسك أن 14 دولة أعضاء في الاتحاد الأوروبي، "
     "قررت طرد دبلوماسيين روس.",
     "أعلن", "local:person:", "org:", Identification::kNamed},
    {"PoliceIsKnownByRole", "وقالت الشرطة إن الأسرة من بين 500 متعاطف مع التنظيم عادوا من سوريا.",
     "وقالت", "local:institution:", "", Identification::kRole},
};

class EntityTest : public ::testing::TestWithParam<EntityCase> {};

TEST_P(EntityTest, KeysTheSource) {
  const EntityCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  const Attribution* at = LastWithCue(a.attributions, c.cue);
  ASSERT_NE(at, nullptr) << "no attribution with cue «" << c.cue << "»";
  EXPECT_EQ(at->source.entity.id.rfind(c.entity, 0), 0u) << at->source.entity.id;
  if (*c.not_entity) {
    EXPECT_NE(at->source.entity.id.rfind(c.not_entity, 0), 0u) << at->source.entity.id;
  }
  EXPECT_EQ(at->source.identification, c.identification)
      << IdentificationName(at->source.identification);
}

INSTANTIATE_TEST_SUITE_P(Corpus, EntityTest, ::testing::ValuesIn(kEntityCases),
                         [](const ::testing::TestParamInfo<EntityCase>& i) {
                           return std::string(i.param.name);
                         });

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
    // A passive participle in apposition: its content ends at the next comma (Al Arabiya,
    // 2018-07-16); away from a comma it is a noun and reports nothing (Al Arabiya, 2018).
    {"an accusation in apposition ends at the comma",
     "رحلت فرنسا المتطرف الجزائري جمال بغال، المتهم بقضايا إرهاب إلى مسقط رأسه، بعد خروجه من "
     "سجن فيزان-لو-كوكي، الاثنين.",
     "المتهم", "بقضايا إرهاب إلى مسقط رأسه"},
    {"the accused as a noun reports nothing",
     "والطالب المتهم بإطلاق النار على والديه هو إريك ديفيز جي.", "المتهم", nullptr},
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
     "ومثل 11 متهما، أربعة منهم قيد الاحتجاز، أمام محكمة في إسطنبول في الجلسة الأخيرة.", "متهما",
     nullptr},
    {"a participle after عدم is a noun",
     "ودعا المطلق النساء إلى عدم مطالبة أزواجهن بالطلاق عندما يقبل على الزواج من أخرى.", "مطالبة",
     nullptr},
    {"an imperfect verb after a subjunctive أن is an intent",
     "وفي برلين، قالت المستشارة الألمانية أنغيلا ميركل إن ألمانيا تريد أن ترى رخاء اقتصاديا في "
     "تركيا.",
     "ترى", nullptr},
    {"عبر عن with a quantified anonymous subject",
     "وعبرت عدة مصادر عن تشككها في أن الجهود ستكلل بالنجاح، وقالت جميعها إن الأوروبيين "
     "يعملون أيضا على سيناريوهات للحد من الأضرار إذا فشلت.",
     "وعبرت", "تشككها في أن الجهود ستكلل بالنجاح"},
    {"a quantified anonymous subject after أفاد",
     "وأفادت عدة مصادر محلية من داخل المدينة في حديث لبي بي سي أن الآلاف من المدنيين نزحوا من "
     "قرى وبلدات عفرين الحدودية.",
     "وأفادت", "الآلاف من المدنيين نزحوا من قرى وبلدات عفرين الحدودية"},
    {"جدد as an adjective",
     "ويأتي وقوع ضحايا مدنيين جدد، بينما تستمر الاشتباكات بين المليشيات التي تهيمن على طرابلس.",
     "جدد", nullptr},
};

class ContentTest : public ::testing::TestWithParam<ContentCase> {};

TEST_P(ContentTest, CueAndContent) {
  const ContentCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  const Attribution* found = LastWithCue(a.attributions, c.cue);
  if (c.content == nullptr) {
    EXPECT_EQ(found, nullptr) << c.name << ": content «" << found->content_text << "»";
    return;
  }
  ASSERT_NE(found, nullptr) << c.name << ": no attribution on «" << c.cue << "»";
  EXPECT_EQ(found->content_text, c.content) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Sentences, ContentTest, ::testing::ValuesIn(kContentCases));

// «على لسان» after a relay verb's relayer is the relay's «عن»: the relayed source speaks, the
// relayer is the via, and «على لسان» is no second cue (gold dev-18; the corpus has 75 «نقل …
// على لسان» of its 246 «على لسان»).
struct RelayCase {
  const char* name;
  const char* text;
  const char* cue;
  const char* source;
  const char* via;
};

const RelayCase kRelayCases[] = {
    {"وفقا لما نقلته X على لسان Y",
     "جاء ذلك وفقا لما نقلته وكالة الأنباء السورية الرسمية على لسان مصدر بالخارجية، حيث قال: "
     "\"أعلنت السلطات السعودية عن تقديم مبلغ مئة مليون دولار\".",
     "وفقا لما نقلته", "مصدر بالخارجية", "وكالة الأنباء السورية الرسمية"},
    {"نقلت X على لسان Y قوله",
     "نقلت وكالة الأنباء الإيرانية الرسمية على لسان روحاني قوله: \"إن بلاده لن تتراجع عن "
     "الاتفاق النووي\".",
     "نقلت", "روحاني", "وكالة الأنباء الإيرانية الرسمية"},
    // ANT corpus: an outlet of several words with the preposition on its first word
    {"قال X لفرانس برس",
     "وقال المتحدث باسم شرطة هلمند لفرانس برس، إن السيارة المفخخة انفجرت عند مدخل الاستاد "
     "الرياضي في المدينة.",
     "وقال", "المتحدث باسم شرطة هلمند", "فرانس برس"},
    {"قال مسؤولون لبي بي سي",
     "وقال مسؤولون لبي بي سي إن رجلا يدعى ساتيش إس جي حضر إلى قسم الشرطة في منطقة تشيكماغال.",
     "وقال", "مسؤولون", "بي بي سي"},
    {"صرح دبلوماسي لرويترز (disputes-dev)",
     "وصرح دبلوماسي لرويترز بأن المحادثات جرت في مسقط الأسبوع الماضي.", "وصرح", "دبلوماسي",
     "رويترز"},
};

class RelayTest : public ::testing::TestWithParam<RelayCase> {};

TEST_P(RelayTest, SourceAndVia) {
  const RelayCase& c = GetParam();
  Analysis a;
  ASSERT_NO_FATAL_FAILURE(AnalyzePassage(c.text, &a));
  const Attribution* found = nullptr;
  for (const Attribution& at : a.attributions) {
    EXPECT_NE(at.cue_text, "على لسان") << c.name;
    if (at.cue_text == c.cue) found = &at;
  }
  ASSERT_NE(found, nullptr) << c.name << ": no attribution on «" << c.cue << "»";
  EXPECT_EQ(found->source.text, c.source) << c.name;
  ASSERT_EQ(found->via.size(), 1u) << c.name;
  EXPECT_EQ(found->via[0], c.via) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Sentences, RelayTest, ::testing::ValuesIn(kRelayCases));

}  // namespace
}  // namespace isnad
