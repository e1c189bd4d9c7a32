// Tests of the reports a person reads: the annotated article (HTML, Markdown, CSV) and the
// corpus report. Golden files of the seed article and of a small corpus (regenerate with
// ISNAD_UPDATE_GOLDEN=1 when the analyzer's output changes); the flattening of nested and
// overlapping spans, checked by reading the HTML back; untrusted text (markup, quotes,
// bidi controls) escaped everywhere; corpus figures counted exactly on hand-made analyses;
// the `isnad report` command line.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "base/csv.h"
#include "base/dates.h"
#include "reports/audit.h"
#include "reports/corpus_report.h"
#include "reports/html_report.h"
#include "store/record.h"
#include "store/store.h"

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

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares `actual` with tests/data/golden/<name>; with ISNAD_UPDATE_GOLDEN=1 rewrites it.
void Golden(const std::string& name, const std::string& actual) {
  fs::path p = fs::path(ISNAD_TEST_DATA_DIR) / "golden" / name;
  const char* update = std::getenv("ISNAD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(p)) << p << " is missing; run the test with ISNAD_UPDATE_GOLDEN=1";
  std::string expected = ReadFile(p);
  if (expected == actual) return;
  // Point at the first differing line.
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 1;
  while (std::getline(e, el) && std::getline(a, al) && el == al) ++line;
  ADD_FAILURE() << name << " differs from the golden file at line " << line
                << ":\n  golden: " << el.substr(0, 300) << "\n  actual: " << al.substr(0, 300)
                << "\nIf the change is intended (the analyzer improved), regenerate with "
                   "ISNAD_UPDATE_GOLDEN=1.";
}

// Expects two long texts to be equal; on a difference, shows the first differing line only.
void ExpectSameText(const std::string& what, const std::string& actual,
                    const std::string& expected) {
  if (actual == expected) return;
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 1;
  while (std::getline(e, el) && std::getline(a, al) && el == al) ++line;
  ADD_FAILURE() << what << " differ at line " << line << ":\n  expected: " << el.substr(0, 300)
                << "\n  actual:   " << al.substr(0, 300);
}

Analysis SeedAnalysis() {
  Result<Document> doc =
      MakeDocument(ReadFile(fs::path(ISNAD_TEST_DATA_DIR) / "seed.txt"), "seed.txt");
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  Analyzer analyzer(Defaults());
  return analyzer.Analyze(std::move(*doc));
}

const AuditRules& DefaultAudit() {
  static const AuditRules* ar = [] {
    Result<AuditRules> r = AuditRules::FromRuleSet(Defaults());
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return new AuditRules(r.ok() ? *r : AuditRules());
  }();
  return *ar;
}

std::string ArticleHtml(const Analysis& a, const std::vector<Finding>* f = nullptr) {
  std::ostringstream o;
  ArticleReportOptions opt;
  opt.findings = f;
  WriteArticleHtml(a, opt, o);
  return o.str();
}

// ---- Reading the article HTML back ---------------------------------------------------------

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i);
    std::string_view ent = s.substr(i, semi - i + 1);
    if (ent == "&amp;")
      out += '&';
    else if (ent == "&lt;")
      out += '<';
    else if (ent == "&gt;")
      out += '>';
    else if (ent == "&quot;")
      out += '"';
    else if (ent == "&#39;")
      out += '\'';
    else
      ADD_FAILURE() << "unexpected entity " << ent;
    i = semi + 1;
  }
  return out;
}

std::string Attr(std::string_view tag, const std::string& name) {
  std::regex re(" " + name + "=\"([^\"]*)\"");
  std::cmatch m;
  std::string t(tag);
  if (std::regex_search(t.c_str(), m, re)) return m[1];
  return "";
}

// What covers one byte of the original text in the rendered article.
struct Cover {
  std::set<std::string> classes;
  std::set<int> attrs;
};

// Walks <div class="text" ...> of an article page and maps every byte of `text` to the
// classes and attribution numbers of the segment that shows it. Fails the test when the
// rendered text is not exactly the original (badges, anonymity marks and bidi markers
// aside) or when markup nests inside the article.
std::vector<Cover> ReadArticle(const std::string& html, const std::string& text,
                               std::set<int>* badges) {
  std::vector<Cover> cover(text.size());
  size_t start = html.find("<div class=\"text\"");
  EXPECT_NE(start, std::string::npos);
  if (start == std::string::npos) return cover;
  size_t i = html.find('>', start) + 1;
  size_t pos = 0;
  Cover current;
  std::string skip_until;  // inside a badge / mark / bidi marker
  while (i < html.size()) {
    if (html[i] == '<') {
      size_t end = html.find('>', i);
      std::string_view tag(html.data() + i, end - i + 1);
      i = end + 1;
      if (tag == "</div>") break;
      if (!skip_until.empty()) {
        if (tag == skip_until) skip_until.clear();
        continue;
      }
      if (tag.substr(0, 2) == "<a") {  // a badge: <a class="n" id="attr-N" ...>N</a>
        std::string id = Attr(tag, "id");
        EXPECT_EQ(id.rfind("attr-", 0), 0u) << tag;
        badges->insert(std::stoi(id.substr(5)));
        skip_until = "</a>";
      } else if (tag.substr(0, 5) == "<span") {
        std::string cls = Attr(tag, "class");
        if (cls == "anon-mark") {
          skip_until = "</span>";
        } else if (cls == "ctl") {
          // A neutralized bidi control: three bytes of the original.
          EXPECT_LE(pos + 3, text.size());
          pos += 3;
          skip_until = "</span>";
        } else {
          EXPECT_TRUE(current.classes.empty()) << "nested span in the article: " << tag;
          current = Cover{};
          std::istringstream c(cls), d(Attr(tag, "data-a"));
          for (std::string w; c >> w;) current.classes.insert(w);
          for (std::string w; d >> w;) current.attrs.insert(std::stoi(w));
        }
      } else if (tag == "</span>") {
        current = Cover{};
      } else {
        ADD_FAILURE() << "unexpected markup in the article: " << tag;
      }
      continue;
    }
    size_t end = html.find('<', i);
    std::string chunk = Unescape(std::string_view(html).substr(i, end - i));
    i = end;
    if (!skip_until.empty()) continue;
    EXPECT_EQ(text.compare(pos, chunk.size(), chunk), 0)
        << "rendered text differs from the original at byte " << pos << ": " << chunk;
    for (size_t k = 0; k < chunk.size() && pos + k < text.size(); ++k) cover[pos + k] = current;
    pos += chunk.size();
  }
  EXPECT_EQ(pos, text.size()) << "the article is not rendered whole";
  return cover;
}

// Every byte of every attribution's cue, source and content is shown with the matching class
// and the attribution's number; every attribution has its badge.
void ExpectEveryAttributionHighlighted(const Analysis& a, const std::string& html) {
  std::set<int> badges;
  std::vector<Cover> cover = ReadArticle(html, a.doc.text, &badges);
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& t = a.attributions[i];
    int n = static_cast<int>(i) + 1;
    EXPECT_TRUE(badges.count(n)) << "no badge for attribution " << n;
    EXPECT_NE(html.find("<tr id=\"row-" + std::to_string(n) + "\""), std::string::npos);
    const std::pair<Span, const char*> parts[] = {
        {t.cue, "q"}, {t.source.mention, "s"}, {t.content, "c"}};
    for (const auto& [span, cls] : parts) {
      Span s = ClampSpan(span, a.doc.text);
      for (uint32_t b = s.begin; b < s.end; ++b) {
        const Cover& c = cover[b];
        if (!c.classes.count(cls) || !c.attrs.count(n)) {
          ADD_FAILURE() << "attribution " << n << ": byte " << b << " of its " << cls
                        << " span is not marked";
          break;
        }
      }
    }
    if (t.source.anonymous && !t.source.mention.empty()) {
      EXPECT_TRUE(cover[t.source.mention.begin].classes.count("anon")) << n;
    }
  }
}

// ---- Golden files ----------------------------------------------------------------------------

TEST(ArticleReport, SeedGoldenFiles) {
  Analysis a = SeedAnalysis();
  ASSERT_FALSE(a.attributions.empty());
  std::vector<Finding> f = Audit(a, DefaultAudit());
  ArticleReportOptions opt;
  opt.findings = &f;
  std::ostringstream html, md;
  WriteArticleHtml(a, opt, html);
  WriteArticleMarkdown(a, opt, md);
  Golden("seed.html", html.str());
  Golden("seed.md", md.str());
  Golden("seed-attributions.csv", ArticleAttributionsCsv(a));
  Golden("seed-disputes.csv", ArticleDisputesCsv(a));
  Golden("seed-findings.csv", ArticleFindingsCsv(a, f));
  Golden("seed-audit.json", AuditJson(a, f).dump(2) + "\n");
}

TEST(ArticleReport, SeedEveryAttributionHighlighted) {
  Analysis a = SeedAnalysis();
  std::vector<Finding> f = Audit(a, DefaultAudit());
  std::string html = ArticleHtml(a, &f);
  ExpectEveryAttributionHighlighted(a, html);
  // The page stands alone: no external resource, no script, right to left.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  // The worked example's anonymous official is marked anonymous, in the text and the table.
  EXPECT_NE(html.find("مسؤول بالبيت الأبيض</span><span class=\"anon-mark\""), std::string::npos);
}

// ---- Flattening ------------------------------------------------------------------------------

Span In(const std::string& text, const std::string& needle, size_t from = 0) {
  size_t p = text.find(needle, from);
  EXPECT_NE(p, std::string::npos) << needle;
  return Span{static_cast<uint32_t>(p), static_cast<uint32_t>(p + needle.size())};
}

Attribution MakeAttr(const std::string& text, const std::string& cue, const std::string& src,
                     const std::string& content, SourceKind kind, bool anonymous) {
  Attribution t;
  t.cue = In(text, cue);
  t.cue_text = cue;
  if (!src.empty()) {
    t.source.mention = In(text, src);
    t.source.text = src;
  }
  t.source.kind = kind;
  t.source.anonymous = anonymous;
  t.content = In(text, content);
  t.content_text = content;
  t.rule = "test.rule";
  t.confidence = 0.5f;
  return t;
}

TEST(ArticleReport, NestedAndOverlappingSpansStayMarked) {
  // A's content holds B's cue and source; C's content overlaps A's content partly; D's
  // content comes before its cue.
  const std::string text =
      "العنوان\n\nقال الوزير إن مصدرا مطلعا أكد أن القوات انسحبت من المدينة، وفق ما أفادت "
      "وكالة الأنباء.";
  Analysis a;
  a.doc.id = "nested";
  a.doc.text = text;
  a.doc.title = "العنوان";
  a.doc.title_span = In(text, "العنوان");
  a.doc.body = Span{0, static_cast<uint32_t>(text.size())};
  a.attributions.push_back(MakeAttr(text, "قال", "الوزير",
                                    "مصدرا مطلعا أكد أن القوات انسحبت من المدينة",
                                    SourceKind::kPerson, false));
  a.attributions.push_back(MakeAttr(text, "أكد", "مصدرا مطلعا", "القوات انسحبت من المدينة",
                                    SourceKind::kAnonymous, true));
  a.attributions.push_back(MakeAttr(text, "وفق ما أفادت", "وكالة الأنباء",
                                    "القوات انسحبت من المدينة، وفق", SourceKind::kOutlet, false));
  a.attributions.push_back(
      MakeAttr(text, "أفادت", "الأنباء", "الوزير إن مصدرا", SourceKind::kOutlet, false));
  std::string html = ArticleHtml(a);
  ExpectEveryAttributionHighlighted(a, html);
  // Content inside content is drawn darker.
  EXPECT_NE(html.find("class=\"hl c c2"), std::string::npos);
}

TEST(ArticleReport, BrokenSpansAreClampedNotFatal) {
  const std::string text = "قال مسؤول إن الاجتماع انتهى.";
  Analysis a;
  a.doc.id = "broken";
  a.doc.text = text;
  a.doc.body = Span{0, static_cast<uint32_t>(text.size())};
  Attribution t = MakeAttr(text, "قال", "مسؤول", "الاجتماع انتهى", SourceKind::kOfficial, true);
  t.content = Span{static_cast<uint32_t>(text.size() - 3), 100000};  // past the end
  t.cue = Span{1, 4};                                                // inside a letter
  t.source.reason = Span{20, 5};                                     // reversed
  t.via_spans = {Span{7, 9000}};
  a.attributions.push_back(t);
  a.disputes.push_back(Dispute{.evidence = Span{3, 99999}, .attribution = 7, .targets = {-1, 9}});
  std::vector<Finding> f = {
      Finding{FindingKind::kAgentlessCue, Severity::kInfo, Span{5, 77777}, 42, "رسالة", "message"}};
  std::string html = ArticleHtml(a, &f);
  std::set<int> badges;
  ReadArticle(html, text, &badges);  // the text is still rendered whole and exactly
  EXPECT_TRUE(badges.count(1));
  std::ostringstream md;
  WriteArticleMarkdown(a, {&f, ""}, md);
  EXPECT_FALSE(ArticleAttributionsCsv(a).empty());
  EXPECT_FALSE(ArticleDisputesCsv(a).empty());
  EXPECT_FALSE(ArticleFindingsCsv(a, f).empty());
}

// ---- Untrusted text ------------------------------------------------------------------------

TEST(ArticleReport, UntrustedTextIsEscapedEverywhere) {
  const std::string rlo = "\xE2\x80\xAE", lri = "\xE2\x81\xA6", pdi = "\xE2\x81\xA9";
  const std::string text =
      "<b>عنوان</b> & \"اقتباس\"\n\nقال مسؤول <script>alert('x')</script> إن "
      "\"><img src=x onerror=\"alert(1)\"> وقع " +
      rlo + "مقلوب" + lri + "معزول" + pdi + " أمس.";
  Analysis a;
  a.doc.id = "id\"><script>alert(2)</script>";
  a.doc.text = text;
  a.doc.title = "<b>عنوان</b> & \"اقتباس\"";
  a.doc.outlet = "<i>outlet</i>";
  a.doc.date = "2024-01-02'\"";
  a.doc.url = "javascript:alert(3)";
  a.doc.credits = {"<u>وكالات</u>"};
  a.doc.body = Span{0, static_cast<uint32_t>(text.size())};
  Attribution t = MakeAttr(text, "قال", "مسؤول <script>alert('x')</script>",
                           "\"><img src=x onerror=\"alert(1)\"> وقع " + rlo + "مقلوب",
                           SourceKind::kOfficial, true);
  t.source.resolved = "<script>alert(4)</script>";
  t.via = {"\"><img src=y onerror=alert(5)>"};
  t.rule = "<rule>";
  a.attributions.push_back(t);
  Dispute d;
  d.by = "<b>by</b>";
  d.against = "\"against\"";
  d.about = "<img src=z>";
  d.attribution = 0;
  d.targets = {0};
  a.disputes.push_back(d);
  std::vector<Finding> f = Audit(a, DefaultAudit());
  ASSERT_FALSE(f.empty());
  std::string html = ArticleHtml(a, &f);

  for (const char* bad :
       {"<script", "<img", "<b>عنوان", "<i>outlet", "<u>وكالات", "<rule>",
        "href=\"javascript:", "onerror=\"", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA9"})
    EXPECT_EQ(html.find(bad), std::string::npos) << bad;
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("[U+202E]"), std::string::npos);
  EXPECT_NE(html.find("[U+2066]"), std::string::npos);
  // The article body is still the original text, byte for byte.
  std::set<int> badges;
  ReadArticle(html, text, &badges);

  std::ostringstream md;
  WriteArticleMarkdown(a, {&f, ""}, md);
  for (const char* bad : {"<script", "<img", "<b>", "\xE2\x80\xAE"})
    EXPECT_EQ(md.str().find(bad), std::string::npos) << bad << "\n" << md.str();
  // Markdown table cells cannot be split by the text.
  EXPECT_EQ(MarkdownCell("a | b\nc"), "a \\| b c");
  // CSV: quoted, and formulas neutralized.
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("cr\rlf"), "\"cr\rlf\"");
  EXPECT_EQ(CsvField("عادي"), "عادي");
  // Report CSVs also make bidi controls visible (base CsvField leaves text as it is).
  EXPECT_EQ(CsvText("=a\xE2\x80\xAE,b"), "\"'=a[U+202E],b\"");
  EXPECT_EQ(ArticleAttributionsCsv(a).find("\xE2\x80\xAE"), std::string::npos);
}

TEST(ReportText, Helpers) {
  EXPECT_EQ(HtmlEscape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(NeutralizeBidi("a\xE2\x80\xAB"
                           "b"),
            "a[U+202B]b");
  EXPECT_EQ(OneLine("  سطر\n\tثان  "), "سطر ثان");
  EXPECT_EQ(OneLine("واحد اثنان ثلاثة", 6), "واحد ا…");
  EXPECT_EQ(MarkdownCell("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;");
  EXPECT_EQ(HtmlEscape(std::string("x\xFFy", 3)), "x\xEF\xBF\xBDy");  // invalid UTF-8
  Span s = ClampSpan(Span{1, 500}, "قال");
  EXPECT_EQ(s.begin, 0u);
  EXPECT_EQ(s.end, 6u);
}

// ---- The corpus report -----------------------------------------------------------------------

TEST(CorpusReport, YearMonthOfCorpusDates) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Mon, 19 Feb 2018 00:16:11 +0400", "2018-02"},
      {"Sat, 21 Jul 2018 11:45:41 GMT", "2018-07"},
      {"2018-10-03T12:00:00Z", "2018-10"},
      {"الجمعة 20 Sep / September 2024", "2024-09"},
      {"20 سبتمبر 2024", "2024-09"},
      {"٢٠ كانون الثاني ٢٠٢٠", "2020-01"},
      {"", ""},
      {"yesterday", ""},
      {"Sep", ""},
      {"2018-13-01", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(YearMonth(in), want) << in;
}

Analysis Article(const std::string& id, const std::string& outlet, const std::string& date,
                 const std::vector<std::tuple<SourceKind, bool, std::string, std::string,
                                              std::vector<std::string>>>& atts) {
  Analysis a;
  a.doc.id = id;
  a.doc.outlet = outlet;
  a.doc.date = date;
  a.doc.text = "نص";
  for (const auto& [kind, anon, entity, name, via] : atts) {
    Attribution t;
    t.source.kind = kind;
    t.source.anonymous = anon;
    t.source.entity.id = entity;
    t.source.entity.name_ar = name;
    t.source.text = name;
    t.source.resolved = name;
    if (kind == SourceKind::kState) t.source.country = entity.substr(6);
    t.via = via;
    t.content_text = "ادعاء";
    a.attributions.push_back(t);
  }
  return a;
}

CorpusStats SyntheticStats() {
  CorpusAggregator agg({.top = 10, .max_chain = 2, .rules = &Defaults()});
  using K = SourceKind;
  agg.Add(Article("a1", "BBC", "Mon, 19 Feb 2018 00:16:11 GMT",
                  {{K::kState, false, "state:ru", "موسكو", {}},
                   {K::kAnonymous, true, "", "مصدر مطلع", {"وكالة تاس"}},
                   {K::kPerson, false, "person:x", "فلان", {}}}));
  agg.Add(Article("a2", "BBC", "Tue, 20 Mar 2018 10:00:00 GMT",
                  {{K::kState, false, "state:ru", "روسيا", {"وكالة تاس", "رويترز"}},
                   {K::kOfficial, true, "", "مسؤول", {}}}));
  Analysis a3 = Article("a3", "CNN", "2018-03-05", {{K::kState, false, "state:us", "واشنطن", {}}});
  a3.disputes.push_back(Dispute{.by = "روسيا",
                                .against = "الولايات المتحدة",
                                .by_entity = "state:ru",
                                .against_entity = "state:us",
                                .about = "قراءة الأحداث",
                                .attribution = 0,
                                .targets = {0}});
  a3.disputes.push_back(Dispute{.by = "الولايات المتحدة",
                                .against = "روسيا",
                                .by_entity = "state:us",
                                .against_entity = "state:ru",
                                .about = "النوايا",
                                .attribution = 0});
  agg.Add(a3);
  agg.Add(Article("a4", "", "no date", {}));
  agg.AddUnreadable();
  return agg.Finish();
}

TEST(CorpusReport, CountsWithTheirDenominators) {
  CorpusStats s = SyntheticStats();
  EXPECT_EQ(s.articles, 4);
  EXPECT_EQ(s.unreadable, 1);
  EXPECT_EQ(s.articles_with_attributions, 3);
  EXPECT_EQ(s.attributions, 6);
  EXPECT_EQ(s.anonymous, 2);
  EXPECT_EQ(s.via, 2);
  EXPECT_EQ(s.disputes, 2);
  EXPECT_EQ(s.undated, 1);
  ASSERT_EQ(s.outlets.size(), 3u);
  EXPECT_EQ(s.outlets[0].outlet, "BBC");
  EXPECT_EQ(s.outlets[0].articles, 2);
  EXPECT_EQ(s.outlets[0].attributions, 5);
  EXPECT_EQ(s.outlets[0].anonymous, 2);
  EXPECT_EQ(s.outlets[0].kinds[static_cast<size_t>(SourceKind::kState)], 2);
  // Months: all outlets first, then per outlet.
  std::map<std::pair<std::string, std::string>, MonthStats> m;
  for (const MonthStats& x : s.months) m[std::make_pair(x.outlet, x.month)] = x;
  const MonthStats& march = m[std::make_pair(std::string(), std::string("2018-03"))];
  EXPECT_EQ(march.attributions, 3);
  EXPECT_EQ(march.anonymous, 1);
  EXPECT_EQ(march.articles, 2);
  EXPECT_EQ(m[std::make_pair(std::string("BBC"), std::string("2018-02"))].anonymous, 1);
  EXPECT_EQ(s.months.front().outlet, "");
  // Most cited: Russia by entity, across two spellings.
  ASSERT_FALSE(s.sources.empty());
  EXPECT_EQ(s.sources[0].key, "state:ru");
  EXPECT_EQ(s.sources[0].citations, 2);
  EXPECT_EQ(s.sources[0].articles, 2);
  ASSERT_FALSE(s.states.empty());
  EXPECT_EQ(s.states[0].key, "RU");
  EXPECT_EQ(s.states[0].name, "روسيا");  // the gazetteer's name
  EXPECT_EQ(s.attributions_with_country, 3);
  ASSERT_FALSE(s.cited_outlets.empty());
  EXPECT_EQ(s.cited_outlets[0].name, "وكالة تاس");
  EXPECT_EQ(s.cited_outlets[0].citations, 2);
  EXPECT_EQ(s.distinct_cited_outlets, 2);
  ASSERT_EQ(s.chain_lengths.size(), 3u);  // 0, 1, 2 or more
  EXPECT_EQ(s.chain_lengths[0], 4);
  EXPECT_EQ(s.chain_lengths[1], 1);
  EXPECT_EQ(s.chain_lengths[2], 1);
  // One pair disputing each other both ways.
  ASSERT_EQ(s.dispute_pairs.size(), 1u);
  EXPECT_EQ(s.dispute_pairs[0].total(), 2);
  EXPECT_EQ(s.dispute_pairs[0].a_disputes_b, 1);
  EXPECT_EQ(s.dispute_pairs[0].b_disputes_a, 1);
  EXPECT_EQ(s.dispute_pairs[0].articles, 1);
  ASSERT_EQ(s.contested.size(), 2u);
  EXPECT_EQ(s.contested[0].claim, "ادعاء");
}

TEST(CorpusReport, RenderersShowChartsAndDenominators) {
  CorpusStats s = SyntheticStats();
  s.outlets.push_back(OutletStats{.outlet = "<script>alert(1)</script>"});
  std::ostringstream html, md;
  WriteCorpusHtml(s, {}, html);
  WriteCorpusMarkdown(s, {}, md);
  const std::string h = html.str();
  for (const char* id : {"chart-anon-outlet", "chart-kinds", "chart-months", "chart-sources",
                         "chart-states", "chart-cited-outlets", "chart-chains", "chart-disputes"})
    EXPECT_NE(h.find(std::string("<svg class=\"chart\" id=\"") + id + "\""), std::string::npos)
        << id;
  EXPECT_NE(h.find("2 / 6 (33.3%)"), std::string::npos);  // anonymous share, all outlets
  EXPECT_NE(h.find("2 / 5 (40.0%)"), std::string::npos);  // BBC's anonymous share
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(md.str().find("| BBC | 2 | 5 | 2.5 | 2 / 5 (40.0%) |"), std::string::npos) << md.str();
  std::map<std::string, std::string> csv;
  for (auto& [name, text] : CorpusCsvFiles(s)) csv[name] = text;
  ASSERT_EQ(csv.size(), 10u);
  EXPECT_NE(csv["outlets.csv"].find("BBC,2,5,2,2,0\n"), std::string::npos) << csv["outlets.csv"];
  EXPECT_NE(csv["summary.csv"].find("anonymous,2,6\n"), std::string::npos);
  EXPECT_NE(csv["months.csv"].find("*,2018-03,2,3,1\n"), std::string::npos) << csv["months.csv"];
}

TEST(CorpusReport, SmallCorpusGoldenFiles) {
  DocumentReader reader;
  reader.Add((fs::path(ISNAD_TEST_DATA_DIR) / "corpus-small.jsonl").string());
  Analyzer analyzer(Defaults());
  CorpusAggregator agg({.top = 15, .rules = &Defaults()});
  Document doc;
  int n = 0;
  std::vector<std::string> htmls;
  while (reader.Next(&doc)) {
    ASSERT_TRUE(doc.error.ok()) << doc.error.ToString();
    Analysis a = analyzer.Analyze(std::move(doc));
    htmls.push_back(ArticleHtml(a));
    ExpectEveryAttributionHighlighted(a, htmls.back());
    agg.Add(a);
    ++n;
    doc = Document();
  }
  EXPECT_TRUE(reader.diagnostics().empty());
  ASSERT_EQ(n, 5);
  CorpusStats s = agg.Finish();
  EXPECT_EQ(s.articles, 5);
  EXPECT_EQ(s.outlets.size(), 5u);
  EXPECT_EQ(s.undated, 0);
  int64_t sum = 0;
  for (const OutletStats& o : s.outlets) sum += o.attributions;
  EXPECT_EQ(sum, s.attributions);
  std::ostringstream html, md;
  WriteCorpusHtml(s, {}, html);
  WriteCorpusMarkdown(s, {}, md);
  Golden("corpus-small.html", html.str());
  Golden("corpus-small.md", md.str());
  for (const auto& [name, text] : CorpusCsvFiles(s)) Golden("corpus-small/" + name, text);
}

// ---- The command line ------------------------------------------------------------------------

int RunIsnad(const std::string& args) {
  std::string cmd = std::string(ISNAD_BINARY) + " " + args + " >/dev/null 2>&1";
  int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// A temporary directory, removed with its contents at the end of the scope.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& f) const { return (path / f).string(); }
};

// ---- The corpus report of a store ------------------------------------------------------------

// The stored analyses of corpus-small.jsonl (through `isnad ingest`) give the same corpus
// report as analyzing the file in memory: the same golden files.
TEST(CorpusReport, FromAStoreEqualsFromFiles) {
  TempDir dir("isnad-report-db");
  const std::string corpus = (fs::path(ISNAD_TEST_DATA_DIR) / "corpus-small.jsonl").string();
  ASSERT_EQ(RunIsnad("ingest " + corpus + " --db " + dir / "c.db"), 0);

  CorpusAggregator from_files({.top = 15, .rules = &Defaults()});
  {
    DocumentReader reader;
    reader.Add(corpus);
    Analyzer analyzer(Defaults());
    Document doc;
    while (reader.Next(&doc)) {
      ASSERT_TRUE(doc.error.ok());
      from_files.Add(analyzer.Analyze(std::move(doc)));
      doc = Document();
    }
  }
  CorpusAggregator from_store({.top = 15, .rules = &Defaults()});
  Result<std::unique_ptr<Store>> store = Store::Open(dir / "c.db", {.mode = StoreMode::kReadOnly});
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  Result<std::vector<int64_t>> keys = (*store)->DocumentKeys(0, 100);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 5u);
  for (int64_t key : *keys) {
    Result<DocRecord> rec = (*store)->ShowKey(key);
    ASSERT_TRUE(rec.ok()) << rec.error().ToString();
    Analysis a = AnalysisFromRecord(*rec);
    EXPECT_FALSE(a.doc.outlet.empty()) << a.doc.id;
    from_store.Add(a);
  }
  CorpusStats fs_stats = from_files.Finish(), db_stats = from_store.Finish();
  EXPECT_EQ(db_stats.articles, 5);
  EXPECT_EQ(db_stats.attributions, fs_stats.attributions);
  EXPECT_EQ(db_stats.anonymous, fs_stats.anonymous);
  EXPECT_EQ(db_stats.disputes, fs_stats.disputes);
  EXPECT_GT(db_stats.attributions, 0);
  auto render = [](const CorpusStats& s) {
    std::ostringstream html, md;
    WriteCorpusHtml(s, {}, html);
    WriteCorpusMarkdown(s, {}, md);
    return std::make_tuple(html.str(), md.str(), CorpusCsvFiles(s));
  };
  auto [fs_html, fs_md, fs_csv] = render(fs_stats);
  auto [db_html, db_md, db_csv] = render(db_stats);
  ExpectSameText("HTML from the store and from the files", db_html, fs_html);
  ExpectSameText("Markdown from the store and from the files", db_md, fs_md);
  ASSERT_EQ(db_csv.size(), fs_csv.size());
  for (size_t i = 0; i < db_csv.size(); ++i) {
    EXPECT_EQ(db_csv[i].first, fs_csv[i].first);
    ExpectSameText(db_csv[i].first + " from the store and from the files", db_csv[i].second,
                   fs_csv[i].second);
  }
  // The store's `month` column and the report's months are the same reading of the dates.
  Result<std::vector<StatsRow>> rows = (*store)->Stats({.group = StatsGroup::kMonth});
  ASSERT_TRUE(rows.ok());
  std::map<std::string, int64_t> store_months, report_months;
  for (const StatsRow& r : *rows) store_months[r.month] = r.articles;
  for (const MonthStats& m : db_stats.months)
    if (m.outlet.empty()) report_months[m.month] = m.articles;
  EXPECT_EQ(store_months, report_months);
  Golden("corpus-small.html", db_html);
  Golden("corpus-small.md", db_md);
  for (const auto& [name, text] : db_csv) Golden("corpus-small/" + name, text);
}

TEST(ReportCli, ArticleAndCorpus) {
  fs::path dir = fs::temp_directory_path() / ("isnad-report-test-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string seed = (fs::path(ISNAD_TEST_DATA_DIR) / "seed.txt").string();
  const std::string corpus = (fs::path(ISNAD_TEST_DATA_DIR) / "corpus-small.jsonl").string();
  const std::string d = dir.string();
  struct Case {
    std::string args;
    int status;
    std::vector<std::string> files;  // written, relative to dir
  };
  const std::vector<Case> cases = {
      {seed + " --html " + d + "/a.html --md " + d + "/a.md --csv " + d + "/a",
       0,
       {"a.html", "a.md", "a/attributions.csv", "a/disputes.csv", "a/findings.csv"}},
      {seed, 2, {}},                                 // nothing to write
      {corpus + " --html " + d + "/b.html", 2, {}},  // several articles, no --id
      {corpus + " --id SK-middleEast-173-20180301 --html " + d + "/c.html", 0, {"c.html"}},
      {corpus + " --id nope --html " + d + "/x.html", 2, {}},
      {"--corpus " + corpus + " " + seed + " --html " + d + "/corpus.html --md " + d +
           "/corpus.md --csv " + d + "/tables",
       0,
       {"corpus.html", "corpus.md", "tables/outlets.csv", "tables/months.csv"}},
      {"--corpus " + corpus + " " + d + "/missing.jsonl --html " + d + "/partial.html",
       1,
       {"partial.html"}},  // written, but input errors
      {seed + " --corpus " + corpus + " --html " + d + "/y.html", 2, {}},
      {seed + " --html " + d + "/no/such/dir/z.html", 3, {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunIsnad("report " + c.args), c.status) << c.args;
    for (const std::string& f : c.files) {
      EXPECT_TRUE(fs::exists(dir / f)) << c.args << ": " << f;
      if (fs::exists(dir / f)) {
        EXPECT_GT(fs::file_size(dir / f), 100u) << f;
      }
    }
  }
  std::string page = ReadFile(dir / "corpus.html");
  EXPECT_NE(page.find("<svg class=\"chart\" id=\"chart-months\""), std::string::npos);
  // No temporary file is left behind.
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

TEST(ReportCli, CorpusReportFromAStore) {
  TempDir dir("isnad-report-cli-db");
  const std::string corpus = (fs::path(ISNAD_TEST_DATA_DIR) / "corpus-small.jsonl").string();
  const std::string db = dir / "c.db";
  ASSERT_EQ(RunIsnad("ingest " + corpus + " --db " + db), 0);
  EXPECT_EQ(RunIsnad("report --db " + db + " --html " + dir / "db.html" + " --md " + dir / "db.md" +
                     " --csv " + dir / "db"),
            0);
  EXPECT_EQ(RunIsnad("report --corpus " + corpus + " --html " + dir / "fs.html" + " --md " +
                     dir / "fs.md" + " --csv " + dir / "fs"),
            0);
  // The same page, the same Markdown and the same tables as analyzing the file.
  std::string page = ReadFile(dir / "db.html");
  EXPECT_NE(page.find("<svg class=\"chart\" id=\"chart-months\""), std::string::npos);
  ExpectSameText("report --db and --corpus HTML", page, ReadFile(dir / "fs.html"));
  ExpectSameText("report --db and --corpus Markdown", ReadFile(dir / "db.md"),
                 ReadFile(dir / "fs.md"));
  size_t tables = 0;
  for (const auto& e : fs::directory_iterator(dir.path / "fs")) {
    ++tables;
    std::string name = e.path().filename().string();
    ExpectSameText("report --db and --corpus " + name, ReadFile(dir.path / "db" / name),
                   ReadFile(e.path()));
  }
  EXPECT_EQ(tables, 10u);
  // Errors: a missing store (3), an empty one (3), --db with --corpus or --id (2).
  EXPECT_EQ(RunIsnad("report --db " + dir / "missing.db" + " --html " + dir / "x.html"), 3);
  EXPECT_FALSE(fs::exists(dir / "missing.db"));  // a read-only open creates nothing
  std::ofstream(dir / "empty.jsonl").close();
  EXPECT_EQ(RunIsnad("ingest " + dir / "empty.jsonl" + " --db " + dir / "empty.db"), 0);
  EXPECT_EQ(RunIsnad("report --db " + dir / "empty.db" + " --html " + dir / "x.html"), 3);
  EXPECT_EQ(RunIsnad("report --db " + db + " --corpus " + corpus + " --html " + dir / "y.html"), 2);
  EXPECT_EQ(RunIsnad("report --db " + db + " --id x --html " + dir / "y.html"), 2);
  EXPECT_FALSE(fs::exists(dir / "x.html"));
  EXPECT_FALSE(fs::exists(dir / "y.html"));
}

}  // namespace
}  // namespace isnad
