// The reports as a person sees them: headless Chromium loads each HTML report; the test reads
// the DOM the browser built (every attribution highlighted, the table rows, the charts) and
// saves a screenshot under <build>/artifacts/. Hostile article text (<script>, an <img
// onerror>, bidi overrides) must neither run nor escape its element — checked with the
// page's Content-Security-Policy and, separately, without it, so the escaping alone is
// tested. Skips, saying why, when no Chromium is installed (`scripts/install-deps.sh
// --with-browser`; CI installs the Debian package `chromium`). ISNAD_CHROMIUM names another
// browser binary.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "reports/audit.h"
#include "reports/corpus_report.h"
#include "reports/html_report.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;

std::string FindChromium() {
  if (const char* e = std::getenv("ISNAD_CHROMIUM"); e && *e) return e;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');)
    for (const char* name :
         {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
      fs::path p = fs::path(dir) / name;
      if (access(p.c_str(), X_OK) == 0) return p.string();
    }
  return "";
}

fs::path Artifacts() {
  fs::path dir = fs::path(ISNAD_BINARY).parent_path() / "artifacts";
  fs::create_directories(dir);
  return dir;
}

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

void WriteFile(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

class Browser {
 public:
  explicit Browser(std::string exe) : exe_(std::move(exe)) {}

  // The DOM Chromium built from the page, serialized.
  std::string DumpDom(const fs::path& page) {
    return Run("--dump-dom 'file://" + page.string() + "'", page.stem().string() + ".dom.log");
  }

  // Saves a screenshot; returns whether the PNG was written.
  bool Screenshot(const fs::path& page, const fs::path& png) {
    fs::remove(png);
    Run("--screenshot='" + png.string() + "' --window-size=1280,2000 'file://" + page.string() +
            "'",
        png.stem().string() + ".shot.log");
    return fs::exists(png) && fs::file_size(png) > 10000;
  }

 private:
  std::string Run(const std::string& what, const std::string& log) {
    fs::path profile = fs::temp_directory_path() /
                       ("isnad-chromium-" + std::to_string(getpid()) + "-" + std::to_string(n_++));
    fs::create_directories(profile);
    std::string cmd =
        std::string(access("/usr/bin/timeout", X_OK) == 0 ? "/usr/bin/timeout 180 " : "") + "'" +
        exe_ +
        "' --headless --no-sandbox --disable-gpu --disable-quic "
        "--no-first-run --disable-background-networking --disable-component-update "
        "--disable-sync --user-data-dir='" +
        profile.string() + "' " + what + " 2>'" + (Artifacts() / log).string() + "'";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[8192];
      size_t k;
      while ((k = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, k);
      pclose(p);
    }
    std::error_code ec;
    fs::remove_all(profile, ec);
    return out;
  }

  std::string exe_;
  int n_ = 0;
};

#define REQUIRE_BROWSER(var)                                                              \
  std::string var##_exe = FindChromium();                                                 \
  if (var##_exe.empty())                                                                  \
    GTEST_SKIP() << "Chromium is not installed: install the Debian package 'chromium' "   \
                    "(scripts/install-deps.sh --with-browser) or set ISNAD_CHROMIUM; CI " \
                    "installs it.";                                                       \
  Browser var(var##_exe)

std::string Title(const std::string& dom) {
  std::smatch m;
  if (std::regex_search(dom, m, std::regex("<title>([^<]*)</title>"))) return m[1];
  return "";
}

// data-a number -> the classes of every highlighted segment that belongs to it.
std::map<int, std::set<std::string>> Highlights(const std::string& dom) {
  std::map<int, std::set<std::string>> out;
  std::regex seg("<span class=\"([^\"]*)\" data-a=\"([0-9 ]+)\"");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), seg); it != std::sregex_iterator();
       ++it) {
    std::istringstream cls((*it)[1].str()), nums((*it)[2].str());
    std::vector<std::string> c;
    for (std::string w; cls >> w;) c.push_back(w);
    for (int n; nums >> n;) out[n].insert(c.begin(), c.end());
  }
  return out;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string Page(const Analysis& a, const std::vector<Finding>* f) {
  std::ostringstream o;
  ArticleReportOptions opt;
  opt.findings = f;
  WriteArticleHtml(a, opt, o);
  return o.str();
}

TEST(Browser, SeedArticleReport) {
  REQUIRE_BROWSER(browser);
  Result<Document> doc =
      MakeDocument(ReadFile(fs::path(ISNAD_TEST_DATA_DIR) / "seed.txt"), "seed.txt");
  ASSERT_TRUE(doc.ok());
  Analysis a = Analyzer(Defaults()).Analyze(std::move(*doc));
  ASSERT_FALSE(a.attributions.empty());
  Result<AuditRules> ar = AuditRules::FromRuleSet(Defaults());
  ASSERT_TRUE(ar.ok());
  std::vector<Finding> f = Audit(a, *ar);
  fs::path page = Artifacts() / "seed.html";
  WriteFile(page, Page(a, &f));

  std::string dom = browser.DumpDom(page);
  ASSERT_FALSE(dom.empty()) << "Chromium printed no DOM; see " << Artifacts() / "seed.dom.log";
  EXPECT_NE(Title(dom).find("دبلوماسيون روس"), std::string::npos) << Title(dom);
  std::map<int, std::set<std::string>> hl = Highlights(dom);
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& t = a.attributions[i];
    int n = static_cast<int>(i) + 1;
    std::string k = std::to_string(n);
    EXPECT_NE(dom.find("id=\"attr-" + k + "\""), std::string::npos) << "badge " << n;
    EXPECT_NE(dom.find("<tr id=\"row-" + k + "\""), std::string::npos) << "row " << n;
    EXPECT_NE(dom.find("href=\"#row-" + k + "\""), std::string::npos) << "link to row " << n;
    EXPECT_NE(dom.find("href=\"#attr-" + k + "\""), std::string::npos) << "link to text " << n;
    const std::set<std::string>& c = hl[n];
    EXPECT_TRUE(c.count("q")) << "cue of attribution " << n << " not highlighted";
    if (!t.content.empty()) {
      EXPECT_TRUE(c.count("c")) << "content of " << n;
    }
    if (!t.source.mention.empty()) {
      EXPECT_TRUE(c.count("s")) << "source of " << n;
    }
    if (t.source.anonymous && !t.source.mention.empty()) {
      EXPECT_TRUE(c.count("anon")) << n;
    }
  }
  EXPECT_EQ(Count(dom, "<tr id=\"row-"), a.attributions.size());
  EXPECT_GE(Count(dom, "class=\"anon-mark\""), 2u);  // the White House official, the source
  EXPECT_NE(dom.find("id=\"disputes\""), std::string::npos);
  EXPECT_NE(dom.find("id=\"findings\""), std::string::npos);

  fs::path png = Artifacts() / "seed.png";
  EXPECT_TRUE(browser.Screenshot(page, png)) << "see " << Artifacts() / "seed.shot.log";
  std::cout << "screenshot: " << png.string() << "\n";
}

TEST(Browser, HostileTextDoesNotRunOrEscape) {
  REQUIRE_BROWSER(browser);
  const std::string rlo = "\xE2\x80\xAE", pdf = "\xE2\x80\xAC", rli = "\xE2\x81\xA7";
  const std::string script = "<script>document.title='PWNED'</script>";
  const std::string img = "\"><img src=x onerror=\"document.title='PWNED'\">";
  const std::string text = "تقرير عن الهجوم\n\nوقال مسؤول أمني " + script + " إن " + img +
                           " الهجوم وقع " + rlo + "أمس" + pdf + " في " + rli + "المدينة.\n\n" +
                           "</div></section><h1>منفلت</h1>\n";
  Result<Document> doc = MakeDocument(text, "hostile.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  Analysis a = Analyzer(Defaults()).Analyze(std::move(*doc));
  // Whatever the engine finds, one more attribution spans the payloads, so they sit inside
  // highlighted segments too.
  Attribution t;
  size_t cue = text.find("وقال"), src = text.find("مسؤول أمني"), content = text.find("\"><img");
  t.cue = Span{static_cast<uint32_t>(cue), static_cast<uint32_t>(cue + std::string("وقال").size())};
  t.cue_text = "وقال";
  t.source.mention = Span{static_cast<uint32_t>(src), static_cast<uint32_t>(text.find(" إن "))};
  t.source.text = std::string(t.source.mention.In(text));
  t.source.kind = SourceKind::kOfficial;
  t.source.anonymous = true;
  t.content = Span{static_cast<uint32_t>(content), static_cast<uint32_t>(text.find("\n\n</div>"))};
  t.content_text = std::string(t.content.In(text));
  t.rule = "test";
  a.attributions.push_back(t);
  Result<AuditRules> ar = AuditRules::FromRuleSet(Defaults());
  ASSERT_TRUE(ar.ok());
  std::vector<Finding> f = Audit(a, *ar);
  std::string html = Page(a, &f);

  // With the page's CSP, and with the CSP removed: escaping alone must hold.
  std::string no_csp = std::regex_replace(
      html, std::regex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n"), "");
  ASSERT_NE(no_csp.size(), html.size());
  for (const auto& [name, content] :
       {std::pair{std::string("hostile"), html}, std::pair{std::string("hostile-nocsp"), no_csp}}) {
    fs::path page = Artifacts() / (name + ".html");
    WriteFile(page, content);
    std::string dom = browser.DumpDom(page);
    ASSERT_FALSE(dom.empty()) << name;
    EXPECT_EQ(Title(dom).find("PWNED"), std::string::npos) << name << ": a script ran";
    EXPECT_NE(Title(dom).find("تقرير عن الهجوم"), std::string::npos) << Title(dom);
    EXPECT_EQ(dom.find("<script"), std::string::npos) << name;
    EXPECT_EQ(dom.find("<img"), std::string::npos) << name;
    EXPECT_EQ(dom.find("<h1>منفلت"), std::string::npos) << name;
    // The payloads are shown as text.
    EXPECT_NE(dom.find("&lt;script&gt;document.title='PWNED'&lt;/script&gt;"), std::string::npos)
        << name;
    EXPECT_NE(dom.find("&lt;img src=x onerror="), std::string::npos) << name;
    EXPECT_NE(dom.find("&lt;/div&gt;&lt;/section&gt;&lt;h1&gt;"), std::string::npos) << name;
    // Bidi controls are replaced by visible markers.
    for (const std::string& c : {rlo, pdf, rli}) EXPECT_EQ(dom.find(c), std::string::npos) << name;
    EXPECT_NE(dom.find("[U+202E]"), std::string::npos) << name;
    // The article stays in its element: one text block, holding no other structure, and
    // the page's sections after it intact.
    size_t open = dom.find("<div class=\"text\"");
    ASSERT_NE(open, std::string::npos);
    size_t close = dom.find("</div>", open);
    std::string inner = dom.substr(open, close - open);
    for (const char* tag : {"<div", "<section", "<table", "<h1", "<p>"})
      EXPECT_EQ(Count(inner, tag), std::string(tag) == "<div" ? 1u : 0u) << name << " " << tag;
    EXPECT_EQ(Count(dom, "<div class=\"text\""), 1u);
    EXPECT_NE(dom.find("<section class=\"side\" id=\"attributions\"", close), std::string::npos);
    EXPECT_NE(dom.find("<section class=\"block\" id=\"disputes\"", close), std::string::npos);
    EXPECT_EQ(Count(dom, "<tr id=\"row-"), a.attributions.size());
  }
  fs::path png = Artifacts() / "hostile.png";
  EXPECT_TRUE(browser.Screenshot(Artifacts() / "hostile.html", png));
  std::cout << "screenshot: " << png.string() << "\n";
}

TEST(Browser, CorpusReportCharts) {
  REQUIRE_BROWSER(browser);
  DocumentReader reader;
  reader.Add((fs::path(ISNAD_TEST_DATA_DIR) / "corpus-small.jsonl").string());
  reader.Add((fs::path(ISNAD_TEST_DATA_DIR) / "seed.txt").string());
  Analyzer analyzer(Defaults());
  CorpusAggregator agg({.top = 15, .rules = &Defaults()});
  Document doc;
  while (reader.Next(&doc)) {
    ASSERT_TRUE(doc.error.ok());
    agg.Add(analyzer.Analyze(std::move(doc)));
    doc = Document();
  }
  CorpusStats s = agg.Finish();
  std::ostringstream o;
  WriteCorpusHtml(s, {}, o);
  fs::path page = Artifacts() / "corpus.html";
  WriteFile(page, o.str());

  std::string dom = browser.DumpDom(page);
  ASSERT_FALSE(dom.empty());
  for (const char* id : {"chart-anon-outlet", "chart-kinds", "chart-months", "chart-sources",
                         "chart-states", "chart-cited-outlets", "chart-chains"})
    EXPECT_NE(dom.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  // One anonymous-share bar per outlet, one stacked row per outlet, a line per outlet.
  size_t bars = Count(dom, "<g class=\"bar\">");
  EXPECT_GE(bars, s.outlets.size() + s.chain_lengths.size());
  EXPECT_GE(Count(dom, "<rect class=\"seg k-"), s.outlets.size());
  size_t months_at = dom.find("id=\"chart-months\"");
  ASSERT_NE(months_at, std::string::npos);
  EXPECT_GE(Count(dom.substr(months_at, dom.find("</svg>", months_at) - months_at), "<circle"),
            s.outlets.size());
  // Every figure with its denominator.
  EXPECT_NE(dom.find(std::to_string(s.anonymous) + " / " + std::to_string(s.attributions)),
            std::string::npos);

  fs::path png = Artifacts() / "corpus.png";
  EXPECT_TRUE(browser.Screenshot(page, png));
  std::cout << "screenshot: " << png.string() << "\n";
}

}  // namespace
}  // namespace isnad
