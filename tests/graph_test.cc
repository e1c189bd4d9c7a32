// The attribution graph (graph/): claim linking primitives, dates, the graph of the seed
// article and of real corpus articles, dispute linking across articles, metrics and the
// exports (GraphML read back by Boost equals the graph).
#include "graph/graph.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analyzer/analyzer.h"
#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"
#include "base/dates.h"
#include "graph/claims.h"

namespace isnad {
namespace {

const std::string kData = ISNAD_TEST_DATA_DIR;

const RuleSet& Rules() {
  static const RuleSet* rules = new RuleSet(*RuleSet::LoadDefault());
  return *rules;
}

std::vector<Analysis> AnalyzeFile(const std::string& path) {
  Analyzer analyzer(Rules());
  DocumentReader reader;
  reader.Add(path);
  std::vector<Analysis> out;
  Document doc;
  while (reader.Next(&doc)) {
    EXPECT_TRUE(doc.error.ok()) << doc.error.ToString();
    out.push_back(analyzer.Analyze(std::move(doc)));
    doc = Document();
  }
  EXPECT_TRUE(reader.diagnostics().empty());
  return out;
}

const Analysis& Seed() {
  static const Analysis* seed = new Analysis(AnalyzeFile(kData + "/seed.txt").at(0));
  return *seed;
}

GraphOptions WithRules() {
  GraphOptions o;
  o.rules = &Rules();
  return o;
}

// The source vertex of a claim (the tail of its said edge).
std::string SourceOf(AttributionGraph& g, size_t claim) {
  for (const GraphEdge& e : g.InEdges(claim))
    if (e.data.kind == EdgeKind::kSaid) return g.vertex(e.source).key;
  return "";
}

// The claim whose source has this key and whose content contains `part` (in this article
// when given), or -1.
int64_t FindClaim(AttributionGraph& g, const std::string& source_key, const std::string& part,
                  const std::string& article = "") {
  for (size_t i = 0; i < g.num_vertices(); ++i) {
    const VertexData& v = g.vertex(i);
    if (v.kind == VertexKind::kClaim && v.label.find(part) != std::string::npos &&
        SourceOf(g, i) == source_key && (article.empty() || v.article == article))
      return static_cast<int64_t>(i);
  }
  return -1;
}

// --- Claim linking primitives ----------------------------------------------------------------

TEST(ClaimsTest, ShinglesIgnoreSpellingVariantsAfterNormalization) {
  // Diacritics, hamza seats, ta marbuta and punctuation do not change the shingles.
  auto a = Shingles(NormalizeKey("إنّ غزوًا روسيًا، ربما يشمل هجومًا جويًا"), 5);
  auto b = Shingles(NormalizeKey("ان غزوا روسيا ربما يشمل هجوما جويا"), 5);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_DOUBLE_EQ(Jaccard(a, b), 1.0);
  EXPECT_TRUE(Shingles("", 5).empty());
  EXPECT_EQ(Shingles("abc", 5).size(), 1u);  // shorter than k: the text itself
}

TEST(ClaimsTest, MinHashEstimatesJaccard) {
  struct Case {
    const char* a;
    const char* b;
  };
  const Case cases[] = {
      {"بدأ الدبلوماسيون الروس وموظفو القنصلية في أوكرانيا في المغادرة إلى روسيا",
       "بدأ الدبلوماسيون الروس وموظفو القنصلية في أوكرانيا بالمغادرة إلى روسيا"},
      {"غزوا روسيا ربما يشمل هجوما جويا يمكن أن يحدث في أي وقت",
       "غزوا روسيا يمكن أن يحدث في أي وقت"},
      {"بوتين طلب إجراء المحادثة الهاتفية يوم الإثنين",
       "كثيرا من المقترحات تجهض المحادثات من بدايتها"},
  };
  MinHasher mh(256);  // long signatures: the estimate is within ~0.1 of the truth
  for (const Case& c : cases) {
    auto sa = Shingles(NormalizeKey(c.a), 5), sb = Shingles(NormalizeKey(c.b), 5);
    double exact = Jaccard(sa, sb);
    double est = MinHasher::Similarity(mh.Signature(sa), mh.Signature(sb));
    EXPECT_NEAR(est, exact, 0.1) << c.a << " / " << c.b;
  }
}

TEST(ClaimsTest, LshFindsNearDuplicatesOnly) {
  MinHasher mh(64);
  LshIndex lsh(64, 16);
  const char* texts[] = {
      "بدأ الدبلوماسيون الروس وموظفو القنصلية في أوكرانيا في المغادرة إلى روسيا",
      "بدأ الدبلوماسيون الروس وموظفو القنصلية في أوكرانيا بالمغادرة إلى روسيا",
      "كثيرا من المقترحات تجهض المحادثات من بدايتها لكنها تحث الكرملين على مناقشتها",
  };
  for (const char* t : texts) lsh.Add(mh.Signature(Shingles(NormalizeKey(t), 5)));
  auto pairs = lsh.Candidates(0);
  EXPECT_EQ(pairs, (std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}}));
}

TEST(ClaimsTest, ParsesCorpusDates) {
  struct Case {
    const char* date;
    int64_t want;  // seconds since the epoch, UTC; -1: not a date
  };
  const Case cases[] = {
      {"Mon, 19 Feb 2018 00:16:11 +0400", 1518984971},
      {"Fri, 13 Apr 2018 06:07:45 GMT", 1523599665},
      {"Thu, 11 Oct 2018 19:17:52 +0000", 1539285472},
      {"2018-02-19", 1518998400},
      {"2018-02-19T10:00:00Z", 1519034400},
      {"2018/02/19", 1518998400},
      {"الجمعة 20 Sep / September 2024", 1726790400},
      {"20 سبتمبر 2024", 1726790400},
      {"20 أيلول 2024", 1726790400},
      {"3 كانون الثاني 2024", 1704240000},
      {"19 February 2018", 1518998400},
      {"", -1},
      {"yesterday", -1},
      {"2018-13-01", -1},
  };
  for (const Case& c : cases) {
    std::optional<int64_t> t = ParseDate(c.date);
    if (c.want < 0)
      EXPECT_FALSE(t.has_value()) << c.date;
    else
      EXPECT_EQ(t.value_or(-1), c.want) << c.date;
  }
}

// --- The seed article ------------------------------------------------------------------------

TEST(GraphSeedTest, VerticesAndEdgesOfTheSeed) {
  const Analysis& a = Seed();
  AttributionGraph g(WithRules());
  ASSERT_TRUE(g.Add(a).ok());
  g.Finish();
  GraphSnapshot s = g.Snapshot();

  int64_t art = g.Find("article:" + a.doc.id);
  ASSERT_GE(art, 0);
  EXPECT_EQ(g.vertex(art).kind, VertexKind::kArticle);
  EXPECT_EQ(g.vertex(art).count, static_cast<int64_t>(a.attributions.size()));
  // Published by its own outlet («العربي»), crediting the wire services («وكالات»).
  std::set<std::string> published, credited;
  for (const GraphEdge& e : g.OutEdges(art)) {
    if (e.data.kind == EdgeKind::kPublishedBy) published.insert(g.vertex(e.target).label);
    if (e.data.kind == EdgeKind::kCredits) credited.insert(g.vertex(e.target).label);
  }
  EXPECT_EQ(published, std::set<std::string>{"العربي"});
  EXPECT_EQ(credited, std::set<std::string>{"وكالات"});

  // One claim per attribution, each contained in the article and said by one source.
  size_t claims = 0;
  for (size_t i = 0; i < s.vertices.size(); ++i) {
    if (s.vertices[i].kind != VertexKind::kClaim) continue;
    ++claims;
    int said = 0, contains = 0;
    for (const GraphEdge& e : g.InEdges(i)) {
      said += e.data.kind == EdgeKind::kSaid;
      contains += e.data.kind == EdgeKind::kContains && static_cast<int64_t>(e.source) == art;
    }
    EXPECT_EQ(said, 1) << s.vertices[i].key;
    EXPECT_EQ(contains, 1) << s.vertices[i].key;
  }
  EXPECT_EQ(claims, a.attributions.size());

  // Sources are shared by entity: Jake Sullivan is one vertex for his two statements.
  int64_t sullivan = g.Find("person:jake-sullivan");
  ASSERT_GE(sullivan, 0);
  EXPECT_EQ(g.vertex(sullivan).kind, VertexKind::kSource);
  EXPECT_EQ(g.vertex(sullivan).country, "US");
  int said = 0;
  for (const GraphEdge& e : g.OutEdges(sullivan)) said += e.data.kind == EdgeKind::kSaid;
  EXPECT_EQ(said, g.vertex(sullivan).count);
  EXPECT_GE(said, 1);

  // Sputnik is an outlet vertex: the source of one claim and the chain link of the
  // informed source's quotes («ونقلت الوكالة عن مصدر مطلع»).
  int64_t sputnik = g.Find("outlet:sputnik");
  ASSERT_GE(sputnik, 0);
  EXPECT_EQ(g.vertex(sputnik).kind, VertexKind::kOutlet);
  int64_t informed = -1;
  for (size_t i = 0; i < g.num_vertices(); ++i)
    if (g.vertex(i).kind == VertexKind::kClaim &&
        g.vertex(i).label.find("بدأ الدبلوماسيون الروس وموظفو القنصلية") != std::string::npos)
      informed = static_cast<int64_t>(i);
  ASSERT_GE(informed, 0);
  std::vector<std::string> chain;
  for (const GraphEdge& e : g.OutEdges(informed))
    if (e.data.kind == EdgeKind::kVia) chain.push_back(g.vertex(e.target).key);
  EXPECT_EQ(chain, std::vector<std::string>{"outlet:sputnik"});
  EXPECT_EQ(g.vertex(informed).depth, 1);
  const std::string informed_source = SourceOf(g, informed);
  EXPECT_EQ(informed_source.rfind("anon:", 0), 0u) << informed_source;  // per-article
  EXPECT_TRUE(g.vertex(g.Find(informed_source)).anonymous);
}

// Text as the graph stores it: whitespace runs (NBSP and line breaks included) as one space.
std::string Collapse(const std::string& in) {
  std::string s;
  for (size_t i = 0; i < in.size(); ++i) {
    bool nbsp = in.compare(i, 2, "\xC2\xA0") == 0;
    bool ws = nbsp || in[i] == ' ' || in[i] == '\n' || in[i] == '\t' || in[i] == '\r';
    if (nbsp) ++i;
    if (ws) {
      if (!s.empty() && s.back() != ' ') s += ' ';
    } else {
      s += in[i];
    }
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

TEST(GraphSeedTest, EveryEdgeCarriesEvidenceIntoTheArticle) {
  const Analysis& a = Seed();
  AttributionGraph g(WithRules());
  ASSERT_TRUE(g.Add(a).ok());
  GraphSnapshot s = g.Snapshot();
  utf8::CodePointIndex cp(a.doc.text);
  size_t checked = 0;
  for (const GraphEdge& e : s.edges) {
    EXPECT_EQ(e.data.article, a.doc.id);
    ASSERT_GE(e.data.start, 0) << EdgeKindName(e.data.kind);  // the seed has a credits line
    ASSERT_LE(e.data.start, e.data.end);
    size_t b = cp.ToByte(e.data.start), en = cp.ToByte(e.data.end);
    std::string covered = a.doc.text.substr(b, en - b);
    if (e.data.kind == EdgeKind::kContains) {
      EXPECT_EQ(s.vertices[e.target].start, e.data.start);
      EXPECT_EQ(s.vertices[e.target].label, Collapse(covered));
    } else if (e.data.kind == EdgeKind::kCredits || e.data.kind == EdgeKind::kPublishedBy) {
      EXPECT_NE(covered.find(s.vertices[e.target].label), std::string::npos) << covered;
    } else {
      EXPECT_EQ(e.data.text, Collapse(covered)) << EdgeKindName(e.data.kind);
    }
    ++checked;
  }
  EXPECT_GT(checked, a.attributions.size());
}

TEST(GraphSeedTest, MoscowsDenialContestsTheUsWarnings) {
  // «نفت موسكو مرارًا قراءة واشنطن للأحداث» targets the US warnings, among them Jake
  // Sullivan's «غزوًا روسيًا … يمكن أن يحدث في أي وقت».
  const Analysis& a = Seed();
  ASSERT_FALSE(a.disputes.empty());
  AttributionGraph g(WithRules());
  ASSERT_TRUE(g.Add(a).ok());
  int64_t warning = FindClaim(g, "person:jake-sullivan", "يمكن أن يحدث في أي وقت");
  ASSERT_GE(warning, 0);
  std::vector<DisputedClaim> contested = g.Contested();
  const DisputedClaim* found = nullptr;
  for (const DisputedClaim& c : contested)
    if (static_cast<int64_t>(c.vertex) == warning) found = &c;
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->source_key, "person:jake-sullivan");
  EXPECT_EQ(found->source_country, "US");
  ASSERT_FALSE(found->disputes.empty());
  const DisputeEvidence& d = found->disputes.front();
  EXPECT_EQ(d.party_key, "state:ru");
  EXPECT_EQ(d.scope, "article");
  EXPECT_EQ(d.article, a.doc.id);
  EXPECT_NE(d.text.find("نفت موسكو مرارًا قراءة واشنطن للأحداث"), std::string::npos);
  EXPECT_EQ(d.cue, "نفت");
  EXPECT_EQ(found->articles, std::vector<std::string>{a.doc.id});
  // Russia disputes the United States, as a source-to-source edge.
  int64_t ru = g.Find("state:ru"), us = g.Find("state:us");
  ASSERT_GE(ru, 0);
  ASSERT_GE(us, 0);
  bool party_edge = false;
  for (const GraphEdge& e : g.OutEdges(ru))
    party_edge |= e.data.kind == EdgeKind::kDisputes && static_cast<int64_t>(e.target) == us;
  EXPECT_TRUE(party_edge);
  // Russia's own statements are not contested by Russia.
  for (const DisputedClaim& c : contested)
    for (const DisputeEvidence& e : c.disputes)
      if (e.party_key == "state:ru") {
        EXPECT_NE(c.source_key, "state:ru") << c.content;
      }
}

TEST(GraphSeedTest, RefusesAnArticleTwice) {
  AttributionGraph g(WithRules());
  ASSERT_TRUE(g.Add(Seed()).ok());
  GraphSnapshot before = g.Snapshot();
  Status s = g.Add(Seed());
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(g.Snapshot(), before);
}

// --- Across articles (constructed analyses on top of the real seed) -------------------------

Span Find(const std::string& text, const std::string& part) {
  size_t p = text.find(part);
  EXPECT_NE(p, std::string::npos) << part;
  if (p == std::string::npos) return {};
  return Span{static_cast<uint32_t>(p), static_cast<uint32_t>(p + part.size())};
}

struct Said {
  std::string cue, source, entity, name, country, content;
  SourceKind kind = SourceKind::kState;
  Stance stance = Stance::kAssert;
};

// An article whose text is `title` and one sentence per statement, with those attributions.
Analysis Article(const std::string& id, const std::string& outlet, const std::string& date,
                 const std::vector<Said>& said, const std::vector<std::string>& sentences) {
  std::string text = "عنوان " + id + "\n\n";
  for (const std::string& s : sentences) text += s + "\n";
  Result<Document> doc = MakeDocument(text, id);
  EXPECT_TRUE(doc.ok());
  Analysis a;
  a.doc = *doc;
  a.doc.id = id;
  a.doc.outlet = outlet;
  a.doc.date = date;
  for (const Said& s : said) {
    Attribution at;
    at.cue = Find(text, s.cue);
    at.cue_text = s.cue;
    at.stance = s.stance;
    at.source.mention = Find(text, s.source);
    at.source.text = s.source;
    at.source.resolved = s.source;
    at.source.kind = s.kind;
    at.source.identification = Identification::kNamed;
    at.source.country = s.country;
    at.source.entity.id = s.entity;
    at.source.entity.name_ar = s.name;
    at.source.entity.kind = s.kind;
    at.source.entity.country = s.country;
    at.content = Find(text, s.content);
    at.content_text = s.content;
    at.rule = "test";
    a.attributions.push_back(at);
  }
  return a;
}

const char kWarning[] = "غزوًا روسيًا، ربما يشمل هجومًا جويًا، يمكن أن يحدث في أي وقت";

Analysis ReportOfTheWarning() {  // a day after the seed, from another outlet
  Said s{"قال", "جيك سوليفان", "person:jake-sullivan", "جيك سوليفان",
         "US",  kWarning,      SourceKind::kPerson};
  return Article("report-b", "صحيفة ب", "Sat, 21 Sep 2024 09:00:00 GMT", {s},
                 {std::string("وقال جيك سوليفان إن ") + kWarning + "."});
}

Analysis UsClaim(const std::string& id, const std::string& date, const std::string& content) {
  Said s{"تؤكد", "واشنطن", "state:us", "الولايات المتحدة", "US", content};
  return Article(id, "صحيفة ج", date, {s}, {"وتؤكد واشنطن أن " + content + "."});
}

const char kTopical[] =
    "روسيا حشدت أكثر من مئة ألف من قواتها قرب الحدود الأوكرانية وأن قراءة الأحداث تنذر بغزو";

TEST(GraphLinkTest, SameStatementElsewhereJoinsTheClusterAndIsContested) {
  AttributionGraph g(WithRules());
  ASSERT_TRUE(g.Add(ReportOfTheWarning()).ok());  // added first, published later
  ASSERT_TRUE(g.Add(Seed()).ok());
  g.Finish();
  int64_t in_seed = FindClaim(g, "person:jake-sullivan", "يمكن أن يحدث في أي وقت", Seed().doc.id);
  int64_t in_b = FindClaim(g, "person:jake-sullivan", "يمكن أن يحدث في أي وقت", "report-b");
  ASSERT_GE(in_seed, 0);
  ASSERT_GE(in_b, 0);
  EXPECT_GE(g.vertex(in_b).cluster, 0);
  EXPECT_EQ(g.vertex(in_b).cluster, g.vertex(in_seed).cluster);
  EXPECT_EQ(g.vertex(in_b).count, 2);
  // The seed (20 Sep) is the first report: same_as runs from it to the later one.
  std::vector<GraphEdge> same;
  for (const GraphEdge& e : g.InEdges(in_b))
    if (e.data.kind == EdgeKind::kSameAs) same.push_back(e);
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(static_cast<int64_t>(same[0].source), in_seed);
  EXPECT_EQ(same[0].data.article, "report-b");
  EXPECT_GE(same[0].data.weight, 0.5);
  // Moscow's denial in the seed reaches the report in article B.
  bool contested = false;
  for (const DisputedClaim& c : g.Contested()) {
    if (static_cast<int64_t>(c.vertex) != in_b) continue;
    for (const DisputeEvidence& d : c.disputes) {
      contested |= d.party_key == "state:ru" && d.scope == "cluster" && d.article == Seed().doc.id;
    }
    EXPECT_EQ(c.articles, (std::vector<std::string>{Seed().doc.id, "report-b"}));
  }
  EXPECT_TRUE(contested);
  // The cluster metric (Boost connected components of same_as) sees it.
  GraphMetrics m = g.Metrics();
  EXPECT_EQ(m.clusters, 1u);
  EXPECT_EQ(m.clustered_claims, 2u);
  ASSERT_EQ(m.top_clusters.size(), 1u);
  EXPECT_EQ(m.top_clusters[0].first_article, Seed().doc.id);
  EXPECT_EQ(m.top_clusters[0].steps.size(), 2u);
  EXPECT_EQ(m.top_clusters[0].outlets, 2u);
}

TEST(GraphLinkTest, DisputedPartyClaimsOfNearbyDatesOnTheTopic) {
  struct Case {
    std::string date, content;
    bool contested;
  };
  const Case cases[] = {
      {"Sat, 21 Sep 2024 12:00:00 GMT", kTopical, true},   // nearby, on the topic
      {"Sun, 01 Dec 2024 12:00:00 GMT", kTopical, false},  // months later
      {"Sat, 21 Sep 2024 12:00:00 GMT",
       "الاقتصاد الأمريكي نما بنسبة ثلاثة في المئة خلال الربع الثاني", false},  // another topic
  };
  for (const Case& c : cases) {
    AttributionGraph g(WithRules());
    ASSERT_TRUE(g.Add(Seed()).ok());
    ASSERT_TRUE(g.Add(UsClaim("us-claim", c.date, c.content)).ok());
    int64_t claim = -1;
    for (size_t i = 0; i < g.num_vertices(); ++i)
      if (g.vertex(i).kind == VertexKind::kClaim && g.vertex(i).article == "us-claim")
        claim = static_cast<int64_t>(i);
    ASSERT_GE(claim, 0);
    bool nearby = false;
    for (const GraphEdge& e : g.InEdges(claim))
      nearby |= e.data.kind == EdgeKind::kDisputes && e.data.scope == "nearby" &&
                g.vertex(e.source).key == "state:ru" && e.data.article == Seed().doc.id;
    EXPECT_EQ(nearby, c.contested) << c.date << " " << c.content;
  }
}

TEST(GraphLinkTest, ConflictingClaimsOfTheTwoSides) {
  const std::string content = "بدأ الدبلوماسيون الأمريكيون بمغادرة روسيا خلال الأيام الماضية";
  struct Case {
    Stance ru_stance;
    std::string ru_content;
    bool conflict;
  };
  const Case cases[] = {
      {Stance::kDeny, content, true},            // Russia denies what the US asserts
      {Stance::kAssert, "لم " + content, true},  // negated content
      {Stance::kAssert, content, false},         // both assert the same
  };
  for (const Case& c : cases) {
    Said ru{"قالت", "موسكو", "state:ru", "روسيا", "RU", c.ru_content};
    ru.stance = c.ru_stance;
    if (c.ru_stance == Stance::kDeny) ru.cue = "نفت";
    Analysis a = Article("ru-side", "صحيفة د", "Sat, 21 Sep 2024 08:00:00 GMT", {ru},
                         {ru.cue + " موسكو أن " + c.ru_content + "."});
    Analysis b = UsClaim("us-side", "Sat, 21 Sep 2024 10:00:00 GMT", content);
    AttributionGraph g(WithRules());
    ASSERT_TRUE(g.Add(a).ok());
    ASSERT_TRUE(g.Add(b).ok());
    std::vector<DisputedClaim> cs = g.Contested();
    std::set<std::pair<std::string, std::string>> got;  // (claim source, party)
    for (const DisputedClaim& cc : cs)
      for (const DisputeEvidence& d : cc.disputes)
        if (d.scope == "conflict") got.emplace(cc.source_key, d.party_key);
    if (c.conflict) {
      EXPECT_EQ(got, (std::set<std::pair<std::string, std::string>>{{"state:us", "state:ru"},
                                                                    {"state:ru", "state:us"}}))
          << c.ru_content;
    } else {
      EXPECT_TRUE(got.empty()) << c.ru_content;
    }
    // Different sources never make one claim cluster, however similar.
    EXPECT_EQ(g.Metrics().clusters, 0u);
  }
}

TEST(GraphLinkTest, FinishIsIdempotentAndRelinksAfterAdd) {
  AttributionGraph g(WithRules());
  ASSERT_TRUE(g.Add(Seed()).ok());
  g.Finish();
  GraphSnapshot once = g.Snapshot();
  g.Finish();
  EXPECT_EQ(g.Snapshot(), once);
  ASSERT_TRUE(g.Add(ReportOfTheWarning()).ok());
  GraphMetrics m = g.Metrics();
  EXPECT_EQ(m.clusters, 1u);
  size_t same = 0;
  for (const GraphEdge& e : g.Snapshot().edges) same += e.data.kind == EdgeKind::kSameAs;
  EXPECT_EQ(same, 1u);
}

// --- Real corpus articles --------------------------------------------------------------------

TEST(GraphCorpusTest, ReportsOfOneStatementByTwoOutletsFormACluster) {
  // tests/data/graph-cluster.jsonl: the same statement carried by two outlets (README.md).
  std::vector<Analysis> as = AnalyzeFile(kData + "/graph-cluster.jsonl");
  ASSERT_GE(as.size(), 2u);
  AttributionGraph g(WithRules());
  for (const Analysis& a : as) ASSERT_TRUE(g.Add(a).ok());
  GraphMetrics m = g.Metrics();
  ASSERT_GE(m.top_clusters.size(), 1u);
  bool across = false;
  for (const ClusterSummary& c : m.top_clusters) across |= c.outlets >= 2;
  EXPECT_TRUE(across);
  // Members of a cluster share their source and come from different articles.
  std::map<int64_t, std::set<std::string>> sources, articles;
  std::map<int64_t, size_t> members;
  for (size_t i = 0; i < g.num_vertices(); ++i) {
    const VertexData& v = g.vertex(i);
    if (v.kind != VertexKind::kClaim || v.cluster < 0) continue;
    sources[v.cluster].insert(SourceOf(g, i));
    articles[v.cluster].insert(v.article);
    ++members[v.cluster];
  }
  for (auto& [id, n] : members) {
    EXPECT_EQ(sources[id].size(), 1u);
    EXPECT_EQ(articles[id].size(), n);
  }
}

TEST(GraphCorpusTest, MetricsOverRealArticles) {
  std::vector<Analysis> as = AnalyzeFile(kData + "/corpus-small.jsonl");
  std::vector<Analysis> more = AnalyzeFile(kData + "/graph-cluster.jsonl");
  as.insert(as.end(), more.begin(), more.end());
  as.push_back(Seed());
  AttributionGraph g(WithRules());
  size_t attributions = 0;
  for (const Analysis& a : as) {
    ASSERT_TRUE(g.Add(a).ok());
    attributions += a.attributions.size();
  }
  GraphMetrics m = g.Metrics({.top = 5});
  EXPECT_EQ(m.vertices, g.num_vertices());
  EXPECT_EQ(m.edges, g.num_edges());
  std::map<std::string, size_t> vk(m.vertex_kinds.begin(), m.vertex_kinds.end());
  std::map<std::string, size_t> ek(m.edge_kinds.begin(), m.edge_kinds.end());
  EXPECT_EQ(vk["article"], as.size());
  EXPECT_EQ(vk["claim"], attributions);
  EXPECT_EQ(ek["said"], attributions);
  EXPECT_EQ(ek["contains"], attributions);
  // Chain depths and outlet shares account for every claim.
  int64_t depth_total = 0;
  for (auto& [d, n] : m.chain_depth) depth_total += n;
  EXPECT_EQ(depth_total, static_cast<int64_t>(attributions));
  int64_t share_total = 0, articles_total = 0;
  for (const OutletShare& s : m.outlets) {
    share_total += s.attributions;
    articles_total += s.articles;
    EXPECT_LE(s.anonymous, s.attributions);
    EXPECT_LE(s.state, s.attributions);
  }
  EXPECT_EQ(share_total, static_cast<int64_t>(attributions));
  EXPECT_EQ(articles_total, static_cast<int64_t>(as.size()));
  // Rankings are sorted and point at vertices of their kind.
  ASSERT_FALSE(m.sources_by_degree.empty());
  for (size_t i = 1; i < m.sources_by_degree.size(); ++i)
    EXPECT_GE(m.sources_by_degree[i - 1].degree, m.sources_by_degree[i].degree);
  for (const RankedVertex& r : m.sources_by_pagerank) {
    EXPECT_EQ(g.vertex(r.vertex).kind, VertexKind::kSource);
    EXPECT_GT(r.pagerank, 0.0);
    EXPECT_LT(r.pagerank, 1.0);
  }
  for (const RankedVertex& r : m.outlets_by_degree)
    EXPECT_EQ(g.vertex(r.vertex).kind, VertexKind::kOutlet);
  for (const RankedVertex& r : m.brokers) EXPECT_GT(r.betweenness, 0.0);
  // The cluster count from Boost's connected components agrees with the claims' ids.
  std::set<int64_t> ids;
  for (size_t i = 0; i < g.num_vertices(); ++i)
    if (g.vertex(i).kind == VertexKind::kClaim && g.vertex(i).cluster >= 0)
      ids.insert(g.vertex(i).cluster);
  EXPECT_EQ(m.clusters, ids.size());
}

// --- Exports ---------------------------------------------------------------------------------

AttributionGraph SampleGraph() {
  AttributionGraph g(WithRules());
  EXPECT_TRUE(g.Add(Seed()).ok());
  EXPECT_TRUE(g.Add(ReportOfTheWarning()).ok());
  EXPECT_TRUE(g.Add(UsClaim("us-claim", "Sat, 21 Sep 2024 12:00:00 GMT", kTopical)).ok());
  for (const Analysis& a : AnalyzeFile(kData + "/graph-cluster.jsonl")) EXPECT_TRUE(g.Add(a).ok());
  return g;
}

TEST(GraphExportTest, GraphmlReadBackByBoostEqualsTheGraph) {
  AttributionGraph g = SampleGraph();
  std::stringstream xml;
  ASSERT_TRUE(g.WriteGraphML(xml).ok());
  Result<GraphSnapshot> back = ReadGraphML(xml, "sample.graphml");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  GraphSnapshot want = g.Snapshot();
  EXPECT_EQ(back->vertices.size(), want.vertices.size());
  EXPECT_EQ(back->edges.size(), want.edges.size());
  for (size_t i = 0; i < std::min(back->vertices.size(), want.vertices.size()); ++i)
    EXPECT_EQ(back->vertices[i], want.vertices[i]) << want.vertices[i].key;
  for (size_t i = 0; i < std::min(back->edges.size(), want.edges.size()); ++i)
    EXPECT_EQ(back->edges[i], want.edges[i]) << i;
  EXPECT_TRUE(*back == want);
  // Every kind of edge is in the sample, disputes and same_as included.
  std::set<EdgeKind> kinds;
  for (const GraphEdge& e : want.edges) kinds.insert(e.data.kind);
  EXPECT_TRUE(kinds.count(EdgeKind::kDisputes));
  EXPECT_TRUE(kinds.count(EdgeKind::kSameAs));
  EXPECT_TRUE(kinds.count(EdgeKind::kVia));
}

TEST(GraphExportTest, ReadGraphmlRejectsBadInput) {
  struct Case {
    const char* xml;
  };
  const Case cases[] = {
      {"not xml at all"},
      {"<graphml><graph edgedefault=\"directed\"><node id=\"n0\">"},  // cut short
      {"<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>"
       "<graph edgedefault=\"directed\"><node id=\"n0\"><data key=\"k\">planet</data></node>"
       "</graph></graphml>"},
  };
  for (const Case& c : cases) {
    std::istringstream in(c.xml);
    Result<GraphSnapshot> r = ReadGraphML(in, "bad.graphml");
    EXPECT_FALSE(r.ok()) << c.xml;
    if (!r.ok()) {
      EXPECT_EQ(r.error().where(), "bad.graphml");
    }
  }
}

TEST(GraphExportTest, JsonNodeLinkAndDot) {
  AttributionGraph g = SampleGraph();
  GraphSnapshot s = g.Snapshot();
  std::stringstream js;
  ASSERT_TRUE(g.WriteJson(js).ok());
  nlohmann::json j = nlohmann::json::parse(js.str());
  ASSERT_EQ(j["nodes"].size(), s.vertices.size());
  ASSERT_EQ(j["links"].size(), s.edges.size());
  std::set<std::string> ids;
  for (size_t i = 0; i < s.vertices.size(); ++i) {
    const nlohmann::json& n = j["nodes"][i];
    EXPECT_EQ(n["id"], s.vertices[i].key);
    EXPECT_EQ(n["kind"], VertexKindName(s.vertices[i].kind));
    EXPECT_EQ(n["label"], s.vertices[i].label);
    EXPECT_EQ(n["count"], s.vertices[i].count);
    ids.insert(n["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), s.vertices.size());  // keys are unique
  for (size_t i = 0; i < s.edges.size(); ++i) {
    const nlohmann::json& l = j["links"][i];
    EXPECT_EQ(l["source"], s.vertices[s.edges[i].source].key);
    EXPECT_EQ(l["target"], s.vertices[s.edges[i].target].key);
    EXPECT_EQ(l["kind"], EdgeKindName(s.edges[i].data.kind));
    EXPECT_EQ(l["article"], s.edges[i].data.article);
    EXPECT_EQ(l["start"], s.edges[i].data.start);
  }
  std::stringstream dot;
  ASSERT_TRUE(g.WriteDot(dot).ok());
  std::string d = dot.str();
  EXPECT_EQ(d.rfind("digraph G {", 0), 0u);
  size_t arrows = 0;
  for (size_t p = d.find("->"); p != std::string::npos; p = d.find("->", p + 2)) ++arrows;
  EXPECT_EQ(arrows, s.edges.size());
  EXPECT_NE(d.find("\"person:jake-sullivan\" [articles=2"), std::string::npos);
}

// --- The command line ------------------------------------------------------------------------

std::string RunIsnad(const std::string& args, int* status) {
  std::string cmd = std::string(ISNAD_BINARY) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = p ? pclose(p) : -1;
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

TEST(GraphCliTest, ContestedListsTheWarningWithRussia) {
  int status = 0;
  std::string out = RunIsnad("contested " + kData + "/seed.txt --format json", &status);
  EXPECT_EQ(status, 0);
  nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(j.is_array()) << out;
  bool found = false;
  for (const auto& c : j) {
    if (c["source"]["key"] != "person:jake-sullivan") continue;
    if (c["content"]["text"].get<std::string>().find("يمكن أن يحدث في أي وقت") == std::string::npos)
      continue;
    for (const auto& d : c["disputed_by"]) found |= d["party_key"] == "state:ru";
  }
  EXPECT_TRUE(found);
  std::string text = RunIsnad("contested " + kData + "/seed.txt", &status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(text.find("disputed by"), std::string::npos);
}

TEST(GraphCliTest, GraphExportsAndMetrics) {
  int status = 0;
  std::string js = RunIsnad("graph " + kData + "/seed.txt --json -", &status);
  EXPECT_EQ(status, 0);
  nlohmann::json j = nlohmann::json::parse(js, nullptr, false);
  ASSERT_TRUE(j.is_object()) << js.substr(0, 200);
  EXPECT_GT(j["nodes"].size(), 0u);
  std::string metrics = RunIsnad("graph " + kData + "/seed.txt --metrics --format json", &status);
  EXPECT_EQ(status, 0);
  nlohmann::json m = nlohmann::json::parse(metrics, nullptr, false);
  ASSERT_TRUE(m.is_object());
  EXPECT_EQ(m["vertex_kinds"]["article"], 1);
  EXPECT_GE(m["contested_claims"].get<int>(), 1);
  RunIsnad("graph " + kData + "/does-not-exist.txt", &status);
  EXPECT_EQ(status, 1);  // input errors
  RunIsnad("graph " + kData + "/seed.txt --db x.db", &status);
  EXPECT_EQ(status, 2);  // FILES and --db together
}

TEST(GraphCliTest, ContestedFromAStoreMatchesFiles) {
  const std::string db = testing::TempDir() + "/graph_test_store.db";
  for (const char* ext : {"", "-wal", "-shm", ".lock"}) std::remove((db + ext).c_str());
  const std::string files = kData + "/seed.txt " + kData + "/graph-cluster.jsonl";
  int status = 0;
  RunIsnad("ingest " + files + " --db " + db, &status);
  ASSERT_EQ(status, 0);
  std::string from_db = RunIsnad("contested --db " + db + " --format json", &status);
  EXPECT_EQ(status, 0);
  std::string from_files = RunIsnad("contested " + files + " --format json", &status);
  EXPECT_EQ(status, 0);
  nlohmann::json a = nlohmann::json::parse(from_db, nullptr, false);
  nlohmann::json b = nlohmann::json::parse(from_files, nullptr, false);
  ASSERT_TRUE(a.is_array()) << from_db.substr(0, 200);
  ASSERT_TRUE(b.is_array());
  EXPECT_GE(a.size(), 1u);
  // The stored analyses make the same contested claims as analyzing the files (in any order).
  auto by_claim = [](nlohmann::json j) {
    std::vector<nlohmann::json> v(j.begin(), j.end());
    std::sort(v.begin(), v.end(),
              [](const auto& x, const auto& y) { return x["claim"] < y["claim"]; });
    return v;
  };
  EXPECT_EQ(by_claim(a), by_claim(b));
  for (const char* ext : {"", "-wal", "-shm", ".lock"}) std::remove((db + ext).c_str());
}

}  // namespace
}  // namespace isnad
