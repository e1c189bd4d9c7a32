// The SQLite store: schema and migrations, idempotent ingest, changed text, Arabic-aware
// search, stats, show, --analyzed import, reanalyze, merge, locking, output formats.
// Real articles: tests/data/store_sample.jsonl (13 ANT corpus articles) and the seed.
#include "store/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analyzer/analyzer.h"
#include "reports/json_report.h"
#include "store/format.h"
#include "store/ingest.h"
#include "store/record.h"
#include "store/search_query.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kData = ISNAD_TEST_DATA_DIR;
const std::string kSample = kData + "/store_sample.jsonl";
const std::string kSeed = kData + "/seed.txt";

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "isnad-store-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

RuleSet Rules() { return *RuleSet::LoadDefault(); }

std::unique_ptr<Store> OpenStore(const std::string& path, StoreMode mode = StoreMode::kReadWrite) {
  Result<std::unique_ptr<Store>> s = Store::Open(path, {.mode = mode});
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  return s.ok() ? std::move(s).value() : nullptr;
}

IngestSummary MustIngest(Store& store, const std::vector<std::string>& inputs,
                         const RuleSet& rules) {
  Result<IngestSummary> s = Ingest(store, inputs, rules, {.jobs = 2, .batch = 4});
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  return s.ok() ? *s : IngestSummary{};
}

std::vector<json> SampleRecords() {
  std::vector<json> out;
  std::ifstream in(kSample);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

void WriteJsonl(const std::string& path, const std::vector<json>& records) {
  std::ofstream out(path);
  for (const json& r : records) out << r.dump() << "\n";
}

// A record as stored, without what depends on when and how it was stored.
json Canonical(const DocRecord& r) {
  json j = RecordToJson(r);
  for (const char* k : {"run", "ingested_at", "updated_at", "source"}) j.erase(k);
  return j;
}

std::map<std::string, json> AllRecords(Store& s) {
  std::map<std::string, json> out;
  Result<std::vector<int64_t>> keys = s.DocumentKeys(0, 1000000);
  EXPECT_TRUE(keys.ok());
  for (int64_t k : *keys) {
    Result<DocRecord> r = s.ShowKey(k);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    out[r->id] = Canonical(*r);
  }
  return out;
}

void ExpectConsistent(Store& s) {
  Result<std::vector<std::string>> problems = s.Check();
  ASSERT_TRUE(problems.ok()) << problems.error().ToString();
  for (const std::string& p : *problems) ADD_FAILURE() << p;
}

std::set<std::string> HitIds(const Result<std::vector<SearchHit>>& hits) {
  std::set<std::string> ids;
  EXPECT_TRUE(hits.ok()) << hits.error().ToString();
  if (hits.ok()) {
    for (const SearchHit& h : *hits) ids.insert(h.doc_id);
  }
  return ids;
}

// --- Records --------------------------------------------------------------------------------

TEST(YearMonthTest, ReadsTheDatesCorporaWrite) {
  struct Case {
    const char* date;
    const char* month;
  } cases[] = {
      {"Mon, 19 Feb 2018 00:16:11 +0400", "2018-02"},
      {"Sat, 08 Sep 2018 04:22:47 GMT", "2018-09"},
      {"2018-10-15", "2018-10"},
      {"2018-03-01T12:00:00Z", "2018-03"},
      {"2018/7/4", "2018-07"},
      {"الجمعة 20 Sep / September 2024", "2024-09"},
      {"20 سبتمبر 2024", "2024-09"},
      {"٢٠ أيلول ٢٠٢٤", "2024-09"},
      {"3 كانون الثاني 2019", "2019-01"},
      {"15 تشرين الأول 2019", "2019-10"},
      {"04/05/2018", "2018-05"},
      {"yesterday", ""},
      {"", ""},
      {"2018", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(YearMonth(c.date), c.month) << c.date;
}

TEST(ContentHashTest, ChangesWithTextAndMetadataOnly) {
  const std::string h = ContentHash("a", "BBC", "http://x", "2018-01-01", "t", "نص");
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h, ContentHash("a", "BBC", "http://x", "2018-01-01", "t", "نص"));
  EXPECT_NE(h, ContentHash("a", "BBC", "http://x", "2018-01-01", "t", "نص."));
  EXPECT_NE(h, ContentHash("a", "CNN", "http://x", "2018-01-01", "t", "نص"));
  EXPECT_NE(h, ContentHash("b", "BBC", "http://x", "2018-01-01", "t", "نص"));
  // Length prefixes: moving a character between fields changes the hash.
  EXPECT_NE(ContentHash("ab", "", "", "", "", ""), ContentHash("a", "b", "", "", "", ""));
}

TEST(ClaimKeyTest, IgnoresDiacriticsAndLetterVariants) {
  EXPECT_EQ(ClaimKey("إنَّ الاجتماعَ سيُعقد غداً"), ClaimKey("ان الاجتماع سيعقد غدا"));
  EXPECT_NE(ClaimKey("ان الاجتماع سيعقد غدا"), ClaimKey("ان الاجتماع الغي"));
  EXPECT_EQ(ClaimKey(""), "");
}

// --- Search query ---------------------------------------------------------------------------

TEST(SearchQueryTest, SpellingVariantsJoinAmericanSpellings) {
  struct Case {
    const char* word;
    const char* variant;
  } cases[] = {
      {"الامريكي", "الاميركي"},
      {"الاميركي", "الامريكي"},
      {"امريكا", "اميركا"},
      {"مسؤول", "مسئول"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> v = SpellingVariants(c.word);
    EXPECT_NE(std::find(v.begin(), v.end(), c.variant), v.end()) << c.word << " -> " << c.variant;
    EXPECT_EQ(std::find(v.begin(), v.end(), c.word), v.end()) << "the word itself is not a variant";
  }
  EXPECT_TRUE(SpellingVariants("قال").empty());    // too short to vary
  EXPECT_TRUE(SpellingVariants("القول").empty());  // ال + three letters
}

TEST(SearchQueryTest, UserInputNeverBreaksTheFtsSyntax) {
  struct Case {
    const char* query;
    bool ok;
  } cases[] = {
      {"الامريكي", true},
      {"\"مصدر مطلع\"", true},
      {"بوتين OR ترمب", true},
      {"وزير*", true},
      {"NEAR(a b) * ^ - : ( ) { }", true},
      {"\"unterminated phrase", true},
      {"!!! ... ؟؟", false},
      {"", false},
  };
  for (const Case& c : cases) {
    Result<FtsQuery> q = BuildFtsQuery(c.query);
    EXPECT_EQ(q.ok(), c.ok) << c.query;
    if (!q.ok()) {
      EXPECT_EQ(q.error().code(), ErrorCode::kInvalidArgument);
    }
  }
  Result<FtsQuery> q = BuildFtsQuery("الأَمريكيّة");
  ASSERT_TRUE(q.ok());
  EXPECT_NE(q->match.find("\"الامريكيه\""), std::string::npos) << q->match;
}

TEST(SearchQueryTest, SnippetMarksTheMatchInTheOriginalText) {
  const std::string text = "قال المسؤول الأميركيّ إن الاجتماع سيعقد غدا في جنيف.";
  Snippet s = MakeSnippet(text, {"الاميركي"}, 20);
  ASSERT_TRUE(s.found);
  EXPECT_EQ(s.match, "الأميركيّ");
  EXPECT_NE(s.after.find("الاجتماع"), std::string::npos);
  EXPECT_FALSE(MakeSnippet(text, {"موسكو"}, 10).found);
  // Whole words only: «الاجتماع» is not a match for «اجتماع».
  EXPECT_FALSE(MakeSnippet(text, {"اجتماع"}, 10).found);
}

// --- Store ----------------------------------------------------------------------------------

TEST(StoreTest, IngestIsIdempotent) {
  TempDir dir;
  RuleSet rules = Rules();
  auto store = OpenStore(dir / "s.db");
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  IngestSummary first = MustIngest(*store, {kSample, kSeed}, rules);
  EXPECT_EQ(first.added, 14u);
  EXPECT_EQ(first.failed, 0u);
  EXPECT_EQ(first.unchanged, 0u);
  EXPECT_GT(first.attributions, 0u);
  IngestSummary second = MustIngest(*store, {kSample, kSeed}, rules);
  EXPECT_EQ(second.added, 0u);
  EXPECT_EQ(second.changed, 0u);
  EXPECT_EQ(second.reanalyzed, 0u);
  EXPECT_EQ(second.unchanged, 14u);
  EXPECT_EQ(second.attributions, 0u);
  Result<StoreSummary> sum = store->Summary();
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->documents, 14);
  EXPECT_EQ(static_cast<uint64_t>(sum->attributions), first.attributions);
  ExpectConsistent(*store);
  // The same input twice in one run: one document.
  TempDir dir2;
  auto twice = OpenStore(dir2 / "t.db");
  IngestSummary dup = MustIngest(*twice, {kSample, kSample}, rules);
  EXPECT_EQ(dup.added, 13u);
  EXPECT_EQ(dup.unchanged, 13u);
  ExpectConsistent(*twice);
}

TEST(StoreTest, ChangedTextIsReanalyzedAndReindexed) {
  TempDir dir;
  RuleSet rules = Rules();
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSample}, rules);
  std::vector<json> recs = SampleRecords();
  const std::string id = recs[3]["id"];
  const std::string added = "\nوقال المتحدث باسم وزارة الخارجية الفنلندية إن الاجتماع سيعقد غدا.";
  recs[3]["text"] = recs[3]["text"].get<std::string>() + added;
  WriteJsonl(dir / "changed.jsonl", recs);
  IngestSummary s = MustIngest(*store, {dir / "changed.jsonl"}, rules);
  EXPECT_EQ(s.changed, 1u);
  EXPECT_EQ(s.unchanged, 12u);
  EXPECT_EQ(s.added, 0u);
  Result<DocRecord> shown = store->Show(id);
  ASSERT_TRUE(shown.ok());
  EXPECT_NE(shown->text.find("الفنلندية"), std::string::npos);
  EXPECT_EQ(HitIds(store->Search({.query = "الفنلندية"})), std::set<std::string>{id});
  ExpectConsistent(*store);
  // Back to the original text: the word is gone from the index.
  IngestSummary back = MustIngest(*store, {kSample}, rules);
  EXPECT_EQ(back.changed, 1u);
  EXPECT_TRUE(HitIds(store->Search({.query = "الفنلندية"})).empty());
  ExpectConsistent(*store);
}

TEST(StoreTest, SearchIsArabicAware) {
  TempDir dir;
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSample}, Rules());
  // Two Al Arabiya articles write «الأميركي» (and one «الأميركية»); a BBC article writes
  // «الأمريكية».
  const std::string al1 = "AL-internationalNews-100-20180219",
                    al2 = "AL-internationalNews-1009-20180506",
                    bbc = "BB-internationalNews-101-20180305";
  std::set<std::string> found = HitIds(store->Search({.query = "الامريكي"}));
  EXPECT_TRUE(found.count(al1) && found.count(al2)) << found.size();
  std::set<std::string> exact = HitIds(store->Search({.query = "الامريكي", .exact = true}));
  EXPECT_FALSE(exact.count(al1) || exact.count(al2));
  std::set<std::string> fem = HitIds(store->Search({.query = "الأمريكية"}));
  EXPECT_TRUE(fem.count(bbc) && fem.count(al1));
  EXPECT_TRUE(HitIds(store->Search({.query = "الأمريكية", .exact = true})).count(bbc));
  EXPECT_FALSE(HitIds(store->Search({.query = "الأمريكية", .exact = true})).count(al1));
  // Whole words, unless asked for a prefix.
  EXPECT_FALSE(found.count(bbc));
  std::set<std::string> prefix = HitIds(store->Search({.query = "الامريكي*"}));
  EXPECT_TRUE(prefix.count(bbc) && prefix.count(al1) && prefix.count(al2));
  // Diacritics and hamza forms in the query do not matter.
  EXPECT_EQ(HitIds(store->Search({.query = "الأَمْريكيّ"})), found);
  // Snippets show the text as written.
  Result<std::vector<SearchHit>> hits = store->Search({.query = "الامريكي", .limit = 50});
  ASSERT_TRUE(hits.ok());
  for (const SearchHit& h : *hits) {
    if (h.doc_id == al1 || h.doc_id == al2) {
      EXPECT_EQ(h.match, "الأميركي");
    }
  }
  // Outlet filter and limit.
  Result<std::vector<SearchHit>> at_bbc = store->Search({.query = "الأمريكية", .outlet = "BBC"});
  ASSERT_TRUE(at_bbc.ok());
  EXPECT_TRUE(HitIds(at_bbc).count(bbc));
  for (const SearchHit& h : *at_bbc) EXPECT_EQ(h.outlet, "BBC");
  Result<std::vector<SearchHit>> one = store->Search({.query = "الامريكي", .limit = 1});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
  // A query with no word is an error, not an empty result.
  EXPECT_EQ(store->Search({.query = "؟!"}).error().code(), ErrorCode::kInvalidArgument);
}

TEST(StoreTest, AttributionSearchFindsSourcesAndContent) {
  TempDir dir;
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSeed}, Rules());
  Result<std::vector<int64_t>> keys = store->DocumentKeys(0, 10);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  Result<DocRecord> seed = store->ShowKey(keys->front());
  ASSERT_TRUE(seed.ok());
  ASSERT_FALSE(seed->attributions.empty());
  // The seed's anonymous «مصدر مطلع» (DESIGN.md's worked example).
  Result<std::vector<SearchHit>> hits =
      store->Search({.query = "مصدر مطلع", .in_attributions = true});
  ASSERT_TRUE(hits.ok()) << hits.error().ToString();
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front().doc_id, seed->id);
  EXPECT_TRUE(hits->front().anonymous);
  // Every attribution's content can be found by its longest word.
  for (const StoredAttribution& a : seed->attributions) {
    std::istringstream words(a.content.text);
    std::string w, longest;
    while (words >> w) {
      if (w.size() > longest.size()) longest = w;
    }
    if (longest.empty()) continue;
    EXPECT_FALSE(
        HitIds(store->Search({.query = longest, .in_attributions = true, .exact = true})).empty())
        << longest;
  }
}

TEST(StoreTest, StatsPerOutletAndMonth) {
  TempDir dir;
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSample}, Rules());
  Result<std::vector<StatsRow>> rows = store->Stats({});
  ASSERT_TRUE(rows.ok()) << rows.error().ToString();
  int64_t articles = 0;
  std::map<std::pair<std::string, std::string>, int64_t> by;
  for (const StatsRow& r : *rows) {
    articles += r.articles;
    by[{r.outlet, r.month}] = r.articles;
    int64_t kinds = 0;
    for (const auto& [k, n] : r.by_kind) kinds += n;
    EXPECT_EQ(kinds, r.attributions);
    EXPECT_EQ(r.by_kind.size(), SourceKindNames().size());
    EXPECT_LE(r.anonymous, r.attributions);
    EXPECT_LE(r.top_sources.size(), 5u);
    for (size_t i = 1; i < r.top_sources.size(); ++i) {
      EXPECT_GE(r.top_sources[i - 1].second, r.top_sources[i].second);
    }
  }
  EXPECT_EQ(articles, 13);
  EXPECT_EQ((by[{"Alarabia", "2018-02"}]), 2);
  EXPECT_EQ((by[{"BBC", "2018-09"}]), 1);
  EXPECT_EQ((by[{"BBC", "2018-10"}]), 1);
  Result<std::vector<StatsRow>> outlets = store->Stats({.group = StatsGroup::kOutlet});
  ASSERT_TRUE(outlets.ok());
  EXPECT_EQ(outlets->size(), 5u);
  Result<std::vector<StatsRow>> cnn = store->Stats({.group = StatsGroup::kAll, .outlet = "CNN"});
  ASSERT_TRUE(cnn.ok());
  ASSERT_EQ(cnn->size(), 1u);
  EXPECT_EQ(cnn->front().articles, 2);
  Result<std::vector<StatsRow>> spring =
      store->Stats({.group = StatsGroup::kMonth, .from = "2018-03", .to = "2018-05"});
  ASSERT_TRUE(spring.ok());
  for (const StatsRow& r : *spring) {
    EXPECT_GE(r.month, "2018-03");
    EXPECT_LE(r.month, "2018-05");
  }
}

TEST(StoreTest, ShowReturnsTheAnalysisAsAnalyzed) {
  TempDir dir;
  RuleSet rules = Rules();
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSeed}, rules);
  DocumentReader reader;
  reader.Add(kSeed);
  Document doc;
  ASSERT_TRUE(reader.Next(&doc));
  DocRecord direct = RecordFromAnalysis(Analyzer(rules).Analyze(doc));
  Result<DocRecord> shown = store->Show(direct.id);
  ASSERT_TRUE(shown.ok()) << shown.error().ToString();
  EXPECT_EQ(Canonical(*shown), Canonical(direct));
  EXPECT_EQ(shown->rules_version, rules.version());
  EXPECT_EQ(shown->month, "2024-09");
  EXPECT_EQ(store->Show("no such id").error().code(), ErrorCode::kNotFound);
}

TEST(StoreTest, AnalyzedImportStoresWhatIngestStores) {
  TempDir dir;
  RuleSet rules = Rules();
  Analyzer analyzer(rules);
  {
    std::ofstream out(dir / "analyzed.jsonl");
    DocumentReader reader;
    reader.Add(kSample);
    reader.Add(kSeed);
    Document doc;
    while (reader.Next(&doc)) {
      out << ToJson(analyzer.Analyze(std::move(doc)), {.text = true}).dump() << "\n";
      doc = Document();
    }
    out << "{\"id\": \"no-text\", \"attributions\": []}\n";  // analyze without --with-text
    out << "not json\n";
  }
  auto raw = OpenStore(dir / "raw.db");
  MustIngest(*raw, {kSample, kSeed}, rules);
  auto imported = OpenStore(dir / "imported.db");
  Result<IngestSummary> s =
      IngestAnalyzed(*imported, {dir / "analyzed.jsonl"}, rules.version(), {.jobs = 2, .batch = 5});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_EQ(s->added, 14u);
  EXPECT_EQ(s->failed, 2u);
  ASSERT_EQ(s->errors.size(), 2u);
  std::set<ErrorCode> codes = {s->errors[0].code(), s->errors[1].code()};
  EXPECT_EQ(codes, (std::set<ErrorCode>{ErrorCode::kBadRecord, ErrorCode::kBadJson}));
  for (const Status& e : s->errors)
    EXPECT_NE(e.where().find("analyzed.jsonl:1"), std::string::npos);
  EXPECT_EQ(AllRecords(*imported), AllRecords(*raw));
  ExpectConsistent(*imported);
  // The hashes agree: ingesting the raw articles into the imported store adds nothing.
  IngestSummary again = MustIngest(*imported, {kSample, kSeed}, rules);
  EXPECT_EQ(again.unchanged, 14u);
  EXPECT_EQ(again.added + again.changed + again.reanalyzed, 0u);
}

TEST(StoreTest, MigratesAVersion1FileInPlace) {
  TempDir dir;
  const std::string path = dir / "old.db";
  {
    Result<std::unique_ptr<Store>> v1 = Store::Open(path, {.migrate_to = 1});
    ASSERT_TRUE(v1.ok()) << v1.error().ToString();
    EXPECT_EQ((*v1)->schema_version(), 1);
  }
  const json rec = SampleRecords()[0];  // writes «الأميركي»
  {
    // What an isnad of schema 1 wrote: no month column, no search index.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("BEGIN");
    db.exec(
        "INSERT INTO runs(kind, isnad_version, rules_version, started_at, finished_at, "
        "status, documents) VALUES('ingest', '0.0.1', 'old-rules', '2024-01-01T00:00:00Z', "
        "'2024-01-01T00:01:00Z', 'complete', 1)");
    SQLite::Statement doc(db,
                          "INSERT INTO documents(doc_id, content_hash, outlet, date, title, text, "
                          "ingested_at, updated_at) VALUES(?, 'h1', ?, ?, ?, ?, 'x', 'x')");
    doc.bind(1, rec["id"].get<std::string>());
    doc.bind(2, rec["outlet"].get<std::string>());
    doc.bind(3, rec["date"].get<std::string>());
    doc.bind(4, rec["title"].get<std::string>());
    doc.bind(5, rec["text"].get<std::string>());
    doc.exec();
    db.exec(
        "INSERT INTO analyses(doc_key, run_id, content_hash, analyzed_at) VALUES(1, 1, 'h1', "
        "'x')");
    db.exec(
        "INSERT INTO attributions(analysis_id, idx, source_text, source_kind, anonymous, "
        "content_text) VALUES(1, 0, 'مصدر دبلوماسي', 'anonymous', 1, 'الرئيس الأميركي "
        "سيزور المنطقة')");
    db.exec("UPDATE documents SET analysis_id = 1");
    db.exec("COMMIT");
  }
  // A read-only open upgrades the file too.
  auto store = OpenStore(path, StoreMode::kReadOnly);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  Result<DocRecord> shown = store->Show(rec["id"]);
  ASSERT_TRUE(shown.ok()) << shown.error().ToString();
  EXPECT_EQ(shown->month, "2018-02");
  EXPECT_EQ(shown->rules_version, "old-rules");
  EXPECT_EQ(HitIds(store->Search({.query = "الامريكي"})), std::set<std::string>{rec["id"]});
  EXPECT_EQ(HitIds(store->Search({.query = "دبلوماسي", .in_attributions = true})),
            std::set<std::string>{rec["id"]});
  store.reset();
  auto rw = OpenStore(path);
  ExpectConsistent(*rw);
}

TEST(StoreTest, RefusesNewerAndForeignFiles) {
  TempDir dir;
  {
    SQLite::Database db(dir / "newer.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA application_id = 1769172580");
    db.exec("CREATE TABLE t(x)");
    db.exec("PRAGMA user_version = 99");
  }
  Result<std::unique_ptr<Store>> newer = Store::Open(dir / "newer.db");
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().message().find("newer"), std::string::npos) << newer.error().message();
  {
    SQLite::Database db(dir / "other.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE cities(name TEXT)");
  }
  Result<std::unique_ptr<Store>> other = Store::Open(dir / "other.db");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message().find("not an isnad store"), std::string::npos);
  Result<std::unique_ptr<Store>> missing =
      Store::Open(dir / "missing.db", {.mode = StoreMode::kReadOnly});
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST(StoreTest, OneWriterAtATime) {
  TempDir dir;
  const std::string path = dir / "s.db";
  auto first = OpenStore(path);
  ASSERT_TRUE(first);
  Result<std::unique_ptr<Store>> second = Store::Open(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kStore);
  EXPECT_NE(second.error().message().find("another isnad process"), std::string::npos);
  EXPECT_TRUE(Store::Open(path, {.mode = StoreMode::kReadOnly}).ok());
  first.reset();
  EXPECT_TRUE(Store::Open(path).ok());
}

int CountCue(const DocRecord& r, const std::string& lemma) {
  return static_cast<int>(
      std::count_if(r.attributions.begin(), r.attributions.end(),
                    [&](const StoredAttribution& a) { return a.cue_lemma == lemma; }));
}

TEST(StoreTest, ReanalyzeKeepsThePreviousRunUntilItCommits) {
  TempDir dir;
  RuleSet rules = Rules();
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSample, kSeed}, rules);
  Result<std::vector<int64_t>> keys = store->DocumentKeys(0, 100);
  ASSERT_TRUE(keys.ok());
  std::string seed_id;
  for (int64_t k : *keys) {
    Result<DocRecord> r = store->ShowKey(k);
    if (r->source.find("seed.txt") != std::string::npos) seed_id = r->id;
  }
  ASSERT_FALSE(seed_id.empty());
  // «وأضاف المصدر» in the seed (DESIGN.md): a rules change that drops the verb أضاف.
  ASSERT_GT(CountCue(*store->Show(seed_id), "أضاف"), 0);
  Result<RuleSet> changed = RuleSet::LoadFromStrings(
      {{"no-adaf.json",
        R"({"category": "verbs", "source": "test", "entries": [{"lemma": "أضاف", "disabled": true}]})"}},
      true);
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  ASSERT_NE(changed->version(), rules.version());

  // A reanalyze that dies before its final commit: queries still read the first run, and the
  // next writer discards the partial run.
  {
    Result<int64_t> run = store->BeginRun("reanalyze", changed->version());
    ASSERT_TRUE(run.ok());
    Result<std::vector<StoredDocument>> docs = store->ReadDocuments(0, 100);
    ASSERT_TRUE(docs.ok());
    ASSERT_TRUE(store->Begin().ok());
    for (StoredDocument& d : *docs) {
      DocRecord r = RecordFromAnalysis(Analyzer(*changed).Analyze(d.doc));
      WriteOutcome outcome;
      ASSERT_TRUE(store->Write(r, *run, WriteMode::kAddAnalysis, &outcome).ok());
      EXPECT_EQ(outcome, WriteOutcome::kReanalyzed);
    }
    ASSERT_TRUE(store->Commit().ok());
    EXPECT_GT(CountCue(*store->Show(seed_id), "أضاف"), 0);
    store.reset();  // "dies": the run stays marked running
  }
  store = OpenStore(dir / "s.db");
  ExpectConsistent(*store);
  Result<std::vector<RunInfo>> runs = store->Runs();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[1].status, "interrupted");
  EXPECT_EQ((*runs)[1].current, 0);
  EXPECT_EQ((*runs)[0].current, 14);

  Result<IngestSummary> re = Reanalyze(*store, *changed, {.jobs = 2, .batch = 3});
  ASSERT_TRUE(re.ok()) << re.error().ToString();
  EXPECT_EQ(re->reanalyzed, 14u);
  EXPECT_EQ(CountCue(*store->Show(seed_id), "أضاف"), 0);
  runs = store->Runs();
  ASSERT_EQ(runs->size(), 3u);
  EXPECT_EQ((*runs)[2].kind, "reanalyze");
  EXPECT_EQ((*runs)[2].status, "complete");
  EXPECT_EQ((*runs)[2].current, 14);
  EXPECT_EQ((*runs)[0].current, 0);
  ExpectConsistent(*store);
  // Unchanged means same text AND same rules: ingest with the default rules re-analyzes.
  IngestSummary back = MustIngest(*store, {kSample, kSeed}, rules);
  EXPECT_EQ(back.reanalyzed, 14u);
  EXPECT_GT(CountCue(*store->Show(seed_id), "أضاف"), 0);
  ExpectConsistent(*store);
}

TEST(StoreTest, MergeCombinesShards) {
  TempDir dir;
  RuleSet rules = Rules();
  std::vector<json> recs = SampleRecords();
  std::vector<json> a(recs.begin(), recs.begin() + 7), b(recs.begin() + 6, recs.end());
  WriteJsonl(dir / "a.jsonl", a);
  WriteJsonl(dir / "b.jsonl", b);  // record 6 is in both shards
  {
    auto sa = OpenStore(dir / "a.db");
    MustIngest(*sa, {dir / "a.jsonl"}, rules);
    auto sb = OpenStore(dir / "b.db");
    MustIngest(*sb, {dir / "b.jsonl", kSeed}, rules);
  }
  auto whole = OpenStore(dir / "whole.db");
  MustIngest(*whole, {kSample, kSeed}, rules);
  auto out = OpenStore(dir / "out.db");
  Result<IngestSummary> m = Merge(*out, {dir / "a.db", dir / "b.db"});
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->added, 14u);
  EXPECT_EQ(m->unchanged, 1u);
  EXPECT_EQ(AllRecords(*out), AllRecords(*whole));
  ExpectConsistent(*out);
  Result<IngestSummary> again = Merge(*out, {dir / "a.db", dir / "b.db"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->unchanged, 15u);
  // The shards' runs came along.
  Result<std::vector<RunInfo>> runs = out->Runs();
  ASSERT_TRUE(runs.ok());
  int64_t current = 0;
  for (const RunInfo& r : *runs) current += r.current;
  EXPECT_EQ(current, 14);
  // A missing shard is an error that names it.
  Result<IngestSummary> bad = Merge(*out, {dir / "nope.db"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().where().find("nope.db"), std::string::npos);
}

TEST(StoreTest, BadInputIsCountedAndNamedNotFatal) {
  TempDir dir;
  {
    std::ofstream out(dir / "mixed.jsonl");
    out << SampleRecords()[0].dump() << "\n";
    out << "{\"id\": \"broken\", \"text\": \n";
    out << "{\"id\": \"no-text\", \"title\": \"عنوان\"}\n";
  }
  auto store = OpenStore(dir / "s.db");
  IngestSummary s = MustIngest(*store, {dir / "mixed.jsonl", dir / "missing.txt"}, Rules());
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.failed, 3u);
  std::set<std::string> where;
  for (const Status& e : s.errors) where.insert(e.where());
  auto named = [&](const std::string& prefix) {
    return std::any_of(where.begin(), where.end(),
                       [&](const std::string& w) { return w.rfind(prefix, 0) == 0; });
  };
  EXPECT_TRUE(named(dir / "mixed.jsonl:2"));
  EXPECT_TRUE(named(dir / "mixed.jsonl:3"));
  EXPECT_TRUE(named(dir / "missing.txt"));
  ExpectConsistent(*store);
}

// --- Faults: a disk that fills ---------------------------------------------------------------

// n articles made from the seed's paragraphs: another order and closing line each, distinct ids.
std::vector<json> SeedVariants(int n) {
  std::ifstream in(kSeed);
  std::vector<std::string> paras;
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 80) paras.push_back(line);
  }
  EXPECT_GE(paras.size(), 5u);
  std::vector<json> out;
  for (int i = 0; i < n; ++i) {
    std::string text;
    for (size_t k = 0; k < paras.size(); ++k) {
      text += paras[(k + static_cast<size_t>(i)) % paras.size()] + "\n";
    }
    text += "وقال مراسل الوكالة إن الوضع بقي على حاله حتى المساء رقم " + std::to_string(i) + ".";
    out.push_back({{"id", "variant-" + std::to_string(i)},
                   {"outlet", i % 2 ? "BBC" : "CNN"},
                   {"date", "2022-0" + std::to_string(1 + i % 9) + "-15"},
                   {"title", "دبلوماسيون روس بدأوا بمغادرة أوكرانيا " + std::to_string(i)},
                   {"text", text}});
  }
  return out;
}

int64_t PageCount(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA page_count").getInt64();
}

// SQLite's max_page_count stands in for a disk that fills up in the middle of each writing
// operation. Each must end in an error naming the file and saying the disk is full, leave
// the store consistent with every document either as it was or as the operation makes it
// (merge and reanalyze: as it was — they commit all or nothing), and complete when run again
// with room.
TEST(StoreFaultTest, DiskFullEndsInAClearErrorAndLosesNothing) {
  TempDir dir;
  const RuleSet rules = Rules();
  Result<RuleSet> changed = RuleSet::LoadFromStrings(
      {{"no-adaf.json",
        R"({"category": "verbs", "source": "test", "entries": [{"lemma": "أضاف", "disabled": true}]})"}},
      true);
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  const std::string more = dir / "more.jsonl", analyzed = dir / "more.analyzed.jsonl";
  WriteJsonl(more, SeedVariants(150));
  {
    Analyzer analyzer(rules);
    std::ofstream out(analyzed);
    DocumentReader reader;
    reader.Add(more);
    Document doc;
    while (reader.Next(&doc)) {
      out << ToJson(analyzer.Analyze(std::move(doc)), {.text = true}).dump() << "\n";
      doc = Document();
    }
  }
  {
    auto shard = OpenStore(dir / "shard.db");
    MustIngest(*shard, {more}, rules);
    auto small = OpenStore(dir / "small.db");
    MustIngest(*small, {kSample}, rules);
    auto big = OpenStore(dir / "big.db");
    MustIngest(*big, {kSample, more}, rules);
  }
  using Op = std::function<Result<IngestSummary>(Store&)>;
  const IngestOptions opt{.jobs = 2, .batch = 5};
  struct Case {
    const char* name;
    const char* base;     // the store it starts from
    int64_t room;         // pages the file may grow by
    bool all_or_nothing;  // one transaction for the whole operation
    Op op;
  } cases[] = {
      {"ingest", "small.db", 60, false, [&](Store& s) { return Ingest(s, {more}, rules, opt); }},
      {"ingest, full at once", "small.db", 1, false,
       [&](Store& s) { return Ingest(s, {more}, rules, opt); }},
      {"ingest --analyzed", "small.db", 60, false,
       [&](Store& s) { return IngestAnalyzed(s, {analyzed}, rules.version(), opt); }},
      {"merge", "small.db", 60, true, [&](Store& s) { return Merge(s, {dir / "shard.db"}, opt); }},
      {"reanalyze", "big.db", 60, true, [&](Store& s) { return Reanalyze(s, *changed, opt); }},
  };
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir / ("full-" + std::to_string(n) + ".db"),
                      ref = dir / ("ref-" + std::to_string(n) + ".db");
    ++n;
    fs::copy_file(dir / c.base, path);
    fs::copy_file(dir / c.base, ref);
    std::map<std::string, json> before, want;
    {
      auto s = OpenStore(ref);
      Result<IngestSummary> r = c.op(*s);
      ASSERT_TRUE(r.ok()) << r.error().ToString();
      want = AllRecords(*s);
    }
    {
      auto s = OpenStore(path, StoreMode::kReadOnly);
      before = AllRecords(*s);
    }
    ASSERT_NE(before, want);
    const int64_t limit = PageCount(path) + c.room;
    {
      Result<std::unique_ptr<Store>> s = Store::Open(path, {.max_pages = limit});
      ASSERT_TRUE(s.ok()) << s.error().ToString();
      Result<IngestSummary> r = c.op(**s);
      ASSERT_FALSE(r.ok()) << "the operation fitted in " << limit << " pages";
      EXPECT_EQ(r.error().code(), ErrorCode::kStore);
      EXPECT_EQ(r.error().where(), path);
      EXPECT_NE(r.error().message().find("disk is full"), std::string::npos)
          << r.error().ToString();
    }
    // Nothing lost, nothing half-written.
    auto s = OpenStore(path);
    ASSERT_TRUE(s);
    ExpectConsistent(*s);
    const std::map<std::string, json> after = AllRecords(*s);
    for (const auto& [id, j] : before) EXPECT_TRUE(after.count(id)) << id << " was lost";
    size_t done = 0;
    for (const auto& [id, j] : after) {
      const bool as_before = before.count(id) && before.at(id) == j;
      const bool as_wanted = want.count(id) && want.at(id) == j;
      EXPECT_TRUE(c.all_or_nothing ? as_before : (as_before || as_wanted)) << id;
      done += as_wanted && !as_before;
    }
    if (std::string(c.name) == "ingest") {
      EXPECT_GT(done, 0u) << "no batch was committed before the disk filled";
    }
    // With room again, the same operation completes the work.
    Result<IngestSummary> again = c.op(*s);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(AllRecords(*s), want);
    ExpectConsistent(*s);
    Result<std::vector<RunInfo>> runs = s->Runs();
    ASSERT_TRUE(runs.ok());
    for (const RunInfo& r : *runs) EXPECT_NE(r.status, "running") << r.id;
  }
  // A new file on a disk with no room for its schema.
  Result<std::unique_ptr<Store>> tiny = Store::Open(dir / "tiny.db", {.max_pages = 3});
  ASSERT_FALSE(tiny.ok());
  EXPECT_EQ(tiny.error().where(), dir / "tiny.db");
  EXPECT_NE(tiny.error().message().find("disk is full"), std::string::npos)
      << tiny.error().ToString();
  auto roomy = OpenStore(dir / "tiny.db");
  ASSERT_TRUE(roomy);
  EXPECT_EQ(roomy->schema_version(), kSchemaVersion);
}

TEST(FormatTest, TextJsonAndCsvOutputs) {
  TempDir dir;
  auto store = OpenStore(dir / "s.db");
  MustIngest(*store, {kSample}, Rules());
  Result<std::vector<StatsRow>> rows = store->Stats({});
  ASSERT_TRUE(rows.ok());
  std::ostringstream csv;
  WriteStats(*rows, OutputFormat::kCsv, csv);
  std::istringstream lines(csv.str());
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("outlet,month,articles,attributions,anonymous,anonymous_share,", 0), 0u);
  size_t n = 0;
  for (std::string l; std::getline(lines, l);) ++n;
  EXPECT_EQ(n, rows->size());
  std::ostringstream js;
  WriteStats(*rows, OutputFormat::kJson, js);
  json parsed = json::parse(js.str());
  ASSERT_EQ(parsed.size(), rows->size());
  EXPECT_TRUE(parsed[0].contains("anonymous_share"));
  EXPECT_TRUE(parsed[0]["by_kind"].contains("anonymous"));

  Result<std::vector<SearchHit>> hits = store->Search({.query = "الامريكي"});
  ASSERT_TRUE(hits.ok());
  std::ostringstream sj;
  WriteSearch(*hits, false, OutputFormat::kJson, sj);
  EXPECT_EQ(json::parse(sj.str()).size(), hits->size());
  std::ostringstream st;
  WriteSearch(*hits, false, OutputFormat::kText, st);
  EXPECT_NE(st.str().find("[الأميركي]"), std::string::npos);

  Result<DocRecord> r = store->Show(SampleRecords()[0]["id"]);
  ASSERT_TRUE(r.ok());
  std::ostringstream shown;
  WriteShow(*r, OutputFormat::kJson, false, shown);
  json j = json::parse(shown.str());
  EXPECT_EQ(j["id"], r->id);
  EXPECT_EQ(j["text"], r->text);
  EXPECT_EQ(j["attributions"].size(), r->attributions.size());
  std::ostringstream shown_csv;
  WriteShow(*r, OutputFormat::kCsv, false, shown_csv);
  EXPECT_EQ(shown_csv.str().rfind("doc_id,index,cue,", 0), 0u);
  size_t rows_for_doc = 0;
  std::istringstream csv_lines(shown_csv.str());
  for (std::string l; std::getline(csv_lines, l);) rows_for_doc += l.rfind(r->id + ",", 0) == 0;
  EXPECT_EQ(rows_for_doc, r->attributions.size());
}

}  // namespace
}  // namespace isnad
