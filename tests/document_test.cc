// Tests of the document readers: validation, layout recognition (plain and the seed's web-page
// layout), JSONL records, folders, .jsonl.gz, stdin and the diagnostics of bad input.
#include "analyzer/document.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace isnad {

// gtest prints error codes by name.
void PrintTo(ErrorCode code, std::ostream* os) { *os << ErrorCodeName(code); }

namespace {

namespace fs = std::filesystem;

#ifndef ISNAD_TEST_DATA_DIR
#error "ISNAD_TEST_DATA_DIR must name tests/data"
#endif

std::string ReadBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteBytes(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void WriteGz(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  gzFile f = gzopen(p.string().c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

// A fresh folder under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("isnad-document-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  std::string Write(const std::string& name, std::string_view bytes) const {
    WriteBytes(path_ / name, bytes);
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

std::string_view Slice(const Document& d, Span s) { return s.In(d.text); }

struct ReadResult {
  std::vector<Document> docs;
  std::vector<Diagnostic> diags;
};

ReadResult ReadAll(const std::vector<std::string>& paths, ReadOptions opt = {}) {
  DocumentReader reader(opt);
  for (const auto& p : paths) reader.Add(p);
  ReadResult r;
  Document d;
  while (reader.Next(&d)) r.docs.push_back(d);
  r.diags = reader.diagnostics();
  return r;
}

std::string SeedText() { return ReadBytes(fs::path(ISNAD_TEST_DATA_DIR) / "seed.txt"); }

const std::string kSeedTitle = "دبلوماسيون روس بدأوا بمغادرة أوكرانيا.. بايدن يهاتف بوتين اليوم";

// ---------------------------------------------------------------------------------------------
// The seed article: the raw web-page layout.

void ExpectSeedLayout(const Document& d) {
  EXPECT_TRUE(d.web_layout);
  EXPECT_EQ(d.title, kSeedTitle);
  EXPECT_EQ(Slice(d, d.title_span), kSeedTitle);
  // The FIRST of the two title lines.
  EXPECT_EQ(d.title_span.begin, d.text.find(kSeedTitle));
  EXPECT_EQ(d.date, "الجمعة 20 Sep / September 2024");
  EXPECT_EQ(d.credits, (std::vector<std::string>{"العربي", "وكالات"}));
  EXPECT_EQ(Slice(d, d.credits_span), "المصادر:\nالعربي - وكالات");

  std::string_view body = Slice(d, d.body);
  // The body starts with the paragraph right after the photo caption and ends with the last
  // article paragraph, before «تابع القراءة».
  EXPECT_TRUE(body.starts_with("على وقع تصاعد الأزمة الأوكرانية")) << body.substr(0, 80);
  EXPECT_TRUE(body.ends_with("بحسب ما ذكرت وكالة \"تاس\" الروسية للأنباء.")) << body;
  EXPECT_NE(body.find("يجري الرئيس الأميركي جو"), std::string_view::npos);
  EXPECT_NE(body.find("وقال مسؤول بالبيت الأبيض"), std::string_view::npos);
  for (std::string_view outside : {"شارك القصة", "(الصورة:", "تقرير لـ\"العربي\"", "تابع القراءة",
                                   "المصادر", "Close", "September 2024"}) {
    EXPECT_EQ(body.find(outside), std::string_view::npos) << outside;
  }
  EXPECT_EQ(d.body.begin, d.text.find("على وقع تصاعد"));
  EXPECT_EQ(d.body.end, d.text.find("\n\nتابع القراءة"));
}

TEST(SeedLayoutTest, MakeDocumentRecognizesTheWebLayout) {
  std::string text = SeedText();
  ASSERT_FALSE(text.empty()) << "missing " ISNAD_TEST_DATA_DIR "/seed.txt";
  Result<Document> r = MakeDocument(text, "seed.txt");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->text, text);  // byte-exact
  EXPECT_EQ(r->id, "seed.txt");
  EXPECT_EQ(r->source, "seed.txt");
  ExpectSeedLayout(*r);
  // No outlet given: the first credit is the outlet.
  EXPECT_EQ(r->outlet, "العربي");
  EXPECT_TRUE(r->error.ok());
}

TEST(SeedLayoutTest, ReaderReadsTheSeedFile) {
  std::string path = std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt";
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.diags.empty());
  EXPECT_EQ(r.docs[0].id, path);
  EXPECT_EQ(r.docs[0].source, path);
  ExpectSeedLayout(r.docs[0]);
}

TEST(SeedLayoutTest, SeedAsJsonlRecordKeepsTheRecordsOutlet) {
  TempDir tmp;
  std::string text = SeedText();
  // Escape the text as a JSON string by hand (quotes, backslashes and newlines only occur).
  std::string escaped;
  for (char c : text) {
    if (c == '"')
      escaped += "\\\"";
    else if (c == '\\')
      escaped += "\\\\";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  std::string path =
      tmp.Write("gold.jsonl",
                "{\"id\": \"dev-00-seed-alaraby\", \"outlet\": \"Alaraby\", \"url\": null, "
                "\"date\": null, \"text\": \"" +
                    escaped + "\"}\n");
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.diags.empty());
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "dev-00-seed-alaraby");
  EXPECT_EQ(d.source, path + ":1");
  EXPECT_EQ(d.text, text);
  EXPECT_EQ(d.outlet, "Alaraby");
  ExpectSeedLayout(d);
}

TEST(SeedLayoutTest, RecognizeLayoutIsIdempotent) {
  Result<Document> r = MakeDocument(SeedText(), "seed");
  ASSERT_TRUE(r.ok());
  Document d = *r;
  RecognizeLayout(&d);
  EXPECT_EQ(d.title_span, r->title_span);
  EXPECT_EQ(d.body, r->body);
  EXPECT_EQ(d.credits, r->credits);
  EXPECT_EQ(d.credits_span, r->credits_span);
  RecognizeLayout(nullptr);  // harmless
}

// ---------------------------------------------------------------------------------------------
// Layout recognition, table-driven.

struct LayoutCase {
  const char* name;
  std::string text;
  std::string title;  // expected title ("" = none)
  std::string date;   // expected date
  std::string body;   // expected text[body]
  std::vector<std::string> credits;
  bool web = false;
  std::string outlet;  // expected outlet (no outlet given)
};

// A plain-text case (not the web layout, no outlet recognized).
LayoutCase Plain(const char* name, std::string text, std::string title, std::string date,
                 std::string body, std::vector<std::string> credits = {}) {
  return LayoutCase{name,
                    std::move(text),
                    std::move(title),
                    std::move(date),
                    std::move(body),
                    std::move(credits),
                    false,
                    ""};
}

// A web-layout case.
LayoutCase Web(const char* name, std::string text, std::string title, std::string date,
               std::string body, std::vector<std::string> credits, std::string outlet) {
  return LayoutCase{name,
                    std::move(text),
                    std::move(title),
                    std::move(date),
                    std::move(body),
                    std::move(credits),
                    true,
                    std::move(outlet)};
}

void PrintTo(const LayoutCase& c, std::ostream* os) { *os << c.name; }

class LayoutTest : public testing::TestWithParam<LayoutCase> {};

TEST_P(LayoutTest, Recognizes) {
  const LayoutCase& c = GetParam();
  Result<Document> r = MakeDocument(c.text, c.name);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const Document& d = *r;
  EXPECT_EQ(d.text, c.text);
  EXPECT_EQ(d.title, c.title);
  EXPECT_EQ(Slice(d, d.title_span), c.title);
  EXPECT_EQ(d.date, c.date);
  EXPECT_EQ(Slice(d, d.body), c.body);
  EXPECT_EQ(d.credits, c.credits);
  EXPECT_EQ(d.web_layout, c.web);
  EXPECT_EQ(d.outlet, c.outlet);
}

const std::string kNbsp = "\xC2\xA0";
const std::string kBom = "\xEF\xBB\xBF";

INSTANTIATE_TEST_SUITE_P(
    Cases, LayoutTest,
    testing::Values(
        Plain("plain", "عنوان الخبر\n\nقال الوزير إن الاجتماع انتهى.\nوأضاف أنه سيعود.\n",
              "عنوان الخبر", "", "قال الوزير إن الاجتماع انتهى.\nوأضاف أنه سيعود.", {}),
        Plain("plain_single_newline", "عنوان\nالفقرة الأولى.", "عنوان", "", "الفقرة الأولى.", {}),
        Plain("leading_blank_lines_and_spaces",
              "\n\n  " + kNbsp + "عنوان مع مسافات " + kNbsp + "\n\nنص.", "عنوان مع مسافات", "",
              "نص.", {}),
        Plain("crlf", "العنوان\r\n\r\nالسطر الأول.\r\nالسطر الثاني.\r\n", "العنوان", "",
              "السطر الأول.\r\nالسطر الثاني.", {}),
        Plain("bom", kBom + "العنوان\n\nالنص.", "العنوان", "", "النص.", {}),
        Plain("single_line_is_title_and_body", "قال الرئيس إن الوضع مستقر.",
              "قال الرئيس إن الوضع مستقر.", "", "قال الرئيس إن الوضع مستقر.", {}),
        Plain("latin_title", "Title here\n\nBody here.", "Title here", "", "Body here.", {}),
        Plain("dateline_in_plain_text", "الأحد، 3 مارس 2024\n\nعنوان\n\nنص الخبر.", "عنوان",
              "الأحد، 3 مارس 2024", "نص الخبر.", {}),
        Plain("numeric_dateline", "2024-03-03 12:30\nعنوان\nنص.", "عنوان", "2024-03-03 12:30",
              "نص.", {}),
        Plain("title_with_number_is_not_a_dateline", "مقتل 4 أشخاص في 2018\n\nنص.",
              "مقتل 4 أشخاص في 2018", "", "نص.", {}),
        Plain("reuters_dateline_credit", "عنوان\n\n(رويترز) - قال مسؤول إن …\nفقرة.", "عنوان", "",
              "(رويترز) - قال مسؤول إن …\nفقرة.", {"رويترز"}),
        Plain("city_dash_agency_colon", "عنوان\n\nالقاهرة - (رويترز): قال مسؤول.", "عنوان", "",
              "القاهرة - (رويترز): قال مسؤول.", {"رويترز"}),
        Plain("afp_dateline", "عنوان\n\n(أ ف ب) - أعلنت الحكومة.", "عنوان", "",
              "(أ ف ب) - أعلنت الحكومة.", {"أ ف ب"}),
        Plain("cnn_dateline", "عنوان\n\nدبي، الإمارات العربية المتحدة (CNN)-- عقد الرئيس.", "عنوان",
              "", "دبي، الإمارات العربية المتحدة (CNN)-- عقد الرئيس.", {"CNN"}),
        Plain("cnn_em_dash", "عنوان\n\nدبي، الإمارات العربية المتحدة (CNN)— انتقدت.", "عنوان", "",
              "دبي، الإمارات العربية المتحدة (CNN)— انتقدت.", {"CNN"}),
        Plain("place_then_credit_without_dash",
              "عنوان\n\nأتلانتا، الولايات المتحدة الأمريكية (CNN) نفى الرئيس.", "عنوان", "",
              "أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى الرئيس.", {"CNN"}),
        Plain("dash_before_credit", "عنوان\n\nدبي --(CNN) أعلن مسؤول.", "عنوان", "",
              "دبي --(CNN) أعلن مسؤول.", {"CNN"}),
        Plain("acronym_after_a_name_is_not_a_credit",
              "عنوان\n\nقالت وزارة الدفاع الأميركية (البنتاغون) إن القوات انسحبت.", "عنوان", "",
              "قالت وزارة الدفاع الأميركية (البنتاغون) إن القوات انسحبت.", {}),
        Plain("parenthesis_in_sentence_is_not_a_credit",
              "عنوان\n\nقال الرئيس (في مؤتمر صحفي) إن الوضع مستقر.", "عنوان", "",
              "قال الرئيس (في مؤتمر صحفي) إن الوضع مستقر.", {}),
        Plain("plain_credits_line", "عنوان\n\nقال مسؤول.\n\nالمصدر: رويترز\n", "عنوان", "",
              "قال مسؤول.", {"رويترز"}),
        Plain("quoted_speech_is_not_credits", "عنوان\n\nوأضاف:\nالمصدر: \"لن نتراجع\"", "عنوان", "",
              "وأضاف:\nالمصدر: \"لن نتراجع\"", {}),
        Web("generic_web_layout",
            "السبت 5 أكتوبر 2024\n\nانتخابات في تونس\n\nانتخابات في تونس\n\nشارك القصة\n\n"
            "ناخبون أمام مركز اقتراع (فرانس برس)\nتوجه الناخبون إلى صناديق الاقتراع.\n\n"
            "وقالت الهيئة إن الإقبال ضعيف.\n\nتابع القراءة\nالمصادر: العربي الجديد، "
            "وكالات\nClose",
            "انتخابات في تونس", "السبت 5 أكتوبر 2024",
            "توجه الناخبون إلى صناديق الاقتراع.\n\nوقالت الهيئة إن الإقبال ضعيف.",
            {"العربي الجديد", "وكالات"}, "العربي الجديد"),
        Web("web_layout_with_dateline_credit",
            "عنوان الخبر\n\nعنوان الخبر\n\nشارك\n\n(الصورة: رويترز) صورة أرشيفية\n"
            "(رويترز) - قال مسؤول.\n\nالمصادر:\nالعربي - رويترز\nClose",
            "عنوان الخبر", "", "(رويترز) - قال مسؤول.", {"العربي", "رويترز"}, "العربي"),
        Web("repeated_title_with_nbsp", "عنوان" + kNbsp + "مكرر\n\nعنوان مكرر\n\nالنص.",
            "عنوان" + kNbsp + "مكرر", "", "النص.", {}, "")),
    [](const testing::TestParamInfo<LayoutCase>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------------------------
// Validation of a text, table-driven.

struct InvalidCase {
  const char* name;
  std::string text;
  ErrorCode code;
  std::string where;    // expected where() for the name "in.txt"
  std::string message;  // a substring of message()
};

void PrintTo(const InvalidCase& c, std::ostream* os) { *os << c.name; }

class InvalidTextTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidTextTest, IsRefused) {
  const InvalidCase& c = GetParam();
  ReadOptions opt;
  opt.max_bytes = 64;
  Result<Document> r = MakeDocument(c.text, "in.txt", opt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), c.code) << r.error().ToString();
  EXPECT_EQ(r.error().where(), c.where);
  EXPECT_NE(r.error().message().find(c.message), std::string::npos) << r.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InvalidTextTest,
    testing::Values(InvalidCase{"nul", std::string("abc\0de", 6), ErrorCode::kBinary,
                                "in.txt: byte 3", "contains NUL bytes (binary file?)"},
                    InvalidCase{"png_header", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
                                ErrorCode::kBinary, "in.txt: byte 8", "NUL"},
                    InvalidCase{"invalid_byte", "نص \xff نص", ErrorCode::kInvalidUtf8,
                                "in.txt: byte 5", "invalid UTF-8 byte 0xff"},
                    InvalidCase{"overlong_slash", "a\xC0\xAF", ErrorCode::kInvalidUtf8,
                                "in.txt: byte 1", "0xc0"},
                    InvalidCase{"overlong_three_bytes", "ab\xE0\x80\xAF", ErrorCode::kInvalidUtf8,
                                "in.txt: byte 2", "0xe0"},
                    InvalidCase{"lone_surrogate", "abc\xED\xA0\x80", ErrorCode::kInvalidUtf8,
                                "in.txt: byte 3", "0xed"},
                    InvalidCase{"above_max_code_point", "\xF4\x90\x80\x80", ErrorCode::kInvalidUtf8,
                                "in.txt: byte 0", "0xf4"},
                    InvalidCase{"truncated_sequence", "نص\xD8", ErrorCode::kInvalidUtf8,
                                "in.txt: byte 4", "0xd8"},
                    InvalidCase{"latin1", "caf\xE9", ErrorCode::kInvalidUtf8, "in.txt: byte 3",
                                "0xe9"},
                    InvalidCase{"empty", "", ErrorCode::kEmpty, "in.txt", "empty"},
                    InvalidCase{"whitespace_only", " \n\t\r\n" + kNbsp + kBom + "\n",
                                ErrorCode::kEmpty, "in.txt", "empty"},
                    InvalidCase{"too_large", std::string(65, 'a'), ErrorCode::kTooLarge, "in.txt",
                                "65 bytes, larger than the limit of 64 bytes"}),
    [](const testing::TestParamInfo<InvalidCase>& info) { return std::string(info.param.name); });

// Mutations of the seed (cut, spliced, with bytes replaced by layout characters) keep every span
// inside the text and the title a copy of its span.
TEST(MakeDocumentTest, SpansStayInsideTheTextForMutatedInput) {
  const std::string seed = SeedText();
  ASSERT_FALSE(seed.empty());
  const std::string pieces[] = {"\n",        "\n\n", " ",        "(",          ")",
                                "-",         ":",    "المصادر:", "شارك القصة", "Close",
                                "الجمعة 20", kNbsp,  kBom,       "\r\n",       "(الصورة: غيتي)"};
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 400; ++round) {
    size_t cut = next() % (seed.size() + 1);
    while (cut < seed.size() && (static_cast<unsigned char>(seed[cut]) & 0xC0) == 0x80) --cut;
    std::string text = seed.substr(0, cut);
    for (int k = 0, n = static_cast<int>(next() % 8); k < n && !text.empty(); ++k) {
      size_t at = next() % text.size();
      while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
      text.insert(at, pieces[next() % std::size(pieces)]);
    }
    Result<Document> r = MakeDocument(text, "mutated");
    if (!r.ok()) {
      EXPECT_EQ(r.error().code(), ErrorCode::kEmpty) << r.error().ToString();
      continue;
    }
    const Document& d = *r;
    ASSERT_EQ(d.text, text);
    for (Span s : {d.title_span, d.body, d.credits_span}) {
      ASSERT_LE(s.begin, s.end);
      ASSERT_LE(s.end, d.text.size());
    }
    EXPECT_EQ(d.title, Slice(d, d.title_span));
    EXPECT_FALSE(d.body.empty());
  }
}

TEST(MakeDocumentTest, KeepsTheBomAndStartsTheLayoutAfterIt) {
  std::string text = kBom + "العنوان\n\nالنص.";
  Result<Document> r = MakeDocument(text, "bom.txt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, text);
  EXPECT_EQ(r->title_span.begin, 3u);
  EXPECT_EQ(r->title, "العنوان");
}

// ---------------------------------------------------------------------------------------------
// Files.

bool HasDiagnostic(const ReadResult& r, ErrorCode code, const std::string& where,
                   Diagnostic::Severity sev = Diagnostic::Severity::kError) {
  for (const auto& d : r.diags) {
    if (d.status.code() == code && d.status.where() == where && d.severity == sev) return true;
  }
  return false;
}

std::string DiagnosticsText(const ReadResult& r) {
  std::string s;
  for (const auto& d : r.diags) s += d.status.ToString() + "\n";
  return s;
}

TEST(PlainFileTest, ReadsTitleAndBody) {
  TempDir tmp;
  std::string path = tmp.Write("a.txt", "عنوان\n\nالنص الأول.\n");
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.diags.empty()) << DiagnosticsText(r);
  EXPECT_EQ(r.docs[0].id, path);
  EXPECT_EQ(r.docs[0].source, path);
  EXPECT_EQ(r.docs[0].title, "عنوان");
  EXPECT_EQ(Slice(r.docs[0], r.docs[0].body), "النص الأول.");
  EXPECT_FALSE(r.docs[0].web_layout);
}

TEST(PlainFileTest, AnyExtensionNamedExplicitlyIsPlainText) {
  TempDir tmp;
  std::string path = tmp.Write("article.md", "عنوان\n\nنص.");
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].title, "عنوان");
}

TEST(PlainFileTest, BomFileWorks) {
  TempDir tmp;
  std::string path = tmp.Write("bom.txt", kBom + "عنوان\n\nنص.");
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.docs.size(), 1u) << DiagnosticsText(r);
  EXPECT_EQ(r.docs[0].title, "عنوان");
  EXPECT_EQ(r.docs[0].text.substr(0, 3), kBom);
}

struct BadFileCase {
  const char* name;
  std::string bytes;
  ErrorCode code;
  std::string where_suffix;  // appended to the path
};

void PrintTo(const BadFileCase& c, std::ostream* os) { *os << c.name; }

class BadFileTest : public testing::TestWithParam<BadFileCase> {};

TEST_P(BadFileTest, IsReportedAndSkipped) {
  const BadFileCase& c = GetParam();
  TempDir tmp;
  std::string bad = tmp.Write("bad.txt", c.bytes);
  std::string good = tmp.Write("good.txt", "عنوان\n\nنص.");
  ReadOptions opt;
  opt.max_bytes = 100;
  ReadResult r = ReadAll({bad, good}, opt);
  // The batch goes on: the good file is read.
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, good);
  ASSERT_EQ(r.diags.size(), 1u) << DiagnosticsText(r);
  EXPECT_EQ(r.diags[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(r.diags[0].status.code(), c.code) << r.diags[0].status.ToString();
  EXPECT_EQ(r.diags[0].status.where(), bad + c.where_suffix);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadFileTest,
    testing::Values(
        BadFileCase{"empty", "", ErrorCode::kEmpty, ""},
        BadFileCase{"whitespace_only", "  \n\n\t ", ErrorCode::kEmpty, ""},
        BadFileCase{"nul_bytes", std::string("ab\0c", 4), ErrorCode::kBinary, ": byte 2"},
        BadFileCase{"invalid_utf8", "عنوان\n\xC3\x28", ErrorCode::kInvalidUtf8, ": byte 11"},
        BadFileCase{"overlong", "x\xC1\xBF", ErrorCode::kInvalidUtf8, ": byte 1"},
        BadFileCase{"surrogate", "x\xED\xA0\x80", ErrorCode::kInvalidUtf8, ": byte 1"},
        BadFileCase{"too_large", std::string(101, 'x'), ErrorCode::kTooLarge, ""}),
    [](const testing::TestParamInfo<BadFileCase>& info) { return std::string(info.param.name); });

TEST(PlainFileTest, InvalidUtf8MessageNamesTheByte) {
  TempDir tmp;
  std::string path = tmp.Write("bad.txt", "abc\xFE");
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].status.ToString(), path + ": byte 3: invalid UTF-8 byte 0xfe");
}

TEST(PathTest, NonexistentPathIsNotFound) {
  TempDir tmp;
  std::string missing = (tmp.path() / "nope.txt").string();
  std::string good = tmp.Write("good.txt", "عنوان\n\nنص.");
  ReadResult r = ReadAll({missing, (tmp.path() / "nodir" / "x.jsonl").string(), good});
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.diags.size(), 2u) << DiagnosticsText(r);
  EXPECT_EQ(r.diags[0].status.code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.diags[0].status.ToString(), missing + ": no such file or directory");
  EXPECT_EQ(r.diags[1].status.code(), ErrorCode::kNotFound);
}

TEST(PathTest, UnreadableFileIsAnIoError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read anything";
  TempDir tmp;
  std::string path = tmp.Write("secret.txt", "عنوان\n\nنص.");
  fs::permissions(path, fs::perms::none);
  ReadResult r = ReadAll({path});
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].status.code(), ErrorCode::kIo);
}

// ---------------------------------------------------------------------------------------------
// JSONL.

TEST(JsonlTest, RecordsInOrderWithTheirFields) {
  TempDir tmp;
  std::string path = tmp.Write(
      "in.jsonl",
      "{\"id\": \"a\", \"text\": \"عنوان أ\\n\\nنص أ.\", \"outlet\": \"BBC\", \"date\": "
      "\"2018-02-19\", \"url\": \"http://x/a\"}\n"
      "\n"
      "{\"id\": 42, \"title\": \"عنوان ب\", \"body\": \"نص ب.\", \"outlet\": null}\n"
      "{\"title\": \"عنوان ج\", \"text\": \"نص ج.\"}\r\n"
      "{\"id\": \"d\", \"title\": \"عنوان د\", \"text\": \"عنوان د\\n\\nنص د.\"}\n"
      "{\"id\": 7.5, \"text\": \"نص هـ.\", \"url\": null, \"date\": null}");  // no final newline
  ReadResult r = ReadAll({path});
  EXPECT_TRUE(r.diags.empty()) << DiagnosticsText(r);
  ASSERT_EQ(r.docs.size(), 5u);

  const Document& a = r.docs[0];
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.source, path + ":1");
  EXPECT_EQ(a.text, "عنوان أ\n\nنص أ.");
  EXPECT_EQ(a.outlet, "BBC");
  EXPECT_EQ(a.date, "2018-02-19");
  EXPECT_EQ(a.url, "http://x/a");
  EXPECT_EQ(a.title, "عنوان أ");
  EXPECT_EQ(Slice(a, a.body), "نص أ.");
  EXPECT_TRUE(a.error.ok());

  const Document& b = r.docs[1];  // numeric id, title + body, line 3
  EXPECT_EQ(b.id, "42");
  EXPECT_EQ(b.source, path + ":3");
  EXPECT_EQ(b.text, "عنوان ب\n\nنص ب.");
  EXPECT_EQ(b.title, "عنوان ب");
  EXPECT_EQ(Slice(b, b.body), "نص ب.");
  EXPECT_EQ(b.outlet, "");

  const Document& c = r.docs[2];  // no id: FILE:LINE; title + text (the corpus shape); CRLF
  EXPECT_EQ(c.id, path + ":4");
  EXPECT_EQ(c.text, "عنوان ج\n\nنص ج.");

  const Document& d = r.docs[3];  // the text already starts with the title
  EXPECT_EQ(d.text, "عنوان د\n\nنص د.");

  EXPECT_EQ(r.docs[4].id, "7.5");
  EXPECT_EQ(r.docs[4].source, path + ":6");
}

struct BadRecordCase {
  const char* name;
  std::string line;
  ErrorCode code;
  std::string id;            // expected id of the error document ("" = FILE:LINE)
  std::string where_suffix;  // after "FILE:2"
  std::string message;       // a substring of the message
};

void PrintTo(const BadRecordCase& c, std::ostream* os) { *os << c.name; }

class BadRecordTest : public testing::TestWithParam<BadRecordCase> {};

// Line 1 and line 3 are good; line 2 is bad: it yields an error document and a diagnostic,
// and the run continues.
TEST_P(BadRecordTest, YieldsAnErrorDocumentAndContinues) {
  const BadRecordCase& c = GetParam();
  TempDir tmp;
  std::string path = tmp.Write("in.jsonl", "{\"id\": \"first\", \"text\": \"نص.\"}\n" + c.line +
                                               "\n{\"id\": \"last\", \"text\": \"نص.\"}\n");
  ReadOptions opt;
  opt.max_bytes = 200;
  ReadResult r = ReadAll({path}, opt);
  ASSERT_EQ(r.docs.size(), 3u) << DiagnosticsText(r);
  EXPECT_EQ(r.docs[0].id, "first");
  EXPECT_EQ(r.docs[2].id, "last");
  EXPECT_TRUE(r.docs[2].error.ok());

  const Document& bad = r.docs[1];
  const std::string where = path + ":2";
  EXPECT_FALSE(bad.error.ok());
  EXPECT_EQ(bad.error.code(), c.code) << bad.error.ToString();
  EXPECT_EQ(bad.error.where(), where + c.where_suffix);
  EXPECT_NE(bad.error.message().find(c.message), std::string::npos) << bad.error.message();
  EXPECT_EQ(bad.id, c.id.empty() ? where : c.id);
  EXPECT_EQ(bad.source, where);
  EXPECT_TRUE(bad.text.empty());

  ASSERT_EQ(r.diags.size(), 1u) << DiagnosticsText(r);
  EXPECT_EQ(r.diags[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(r.diags[0].status.code(), c.code);
  EXPECT_EQ(r.diags[0].status.where(), where + c.where_suffix);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadRecordTest,
    testing::Values(
        BadRecordCase{"missing_text", "{\"id\": \"x\", \"outlet\": \"BBC\"}", ErrorCode::kBadRecord,
                      "x", "", "no \"text\""},
        BadRecordCase{"text_not_a_string", "{\"id\": \"x\", \"text\": [1, 2]}",
                      ErrorCode::kBadRecord, "x", "", "\"text\" must be a string, not array"},
        BadRecordCase{"not_an_object", "[1, 2, 3]", ErrorCode::kBadRecord, "", "",
                      "must be a JSON object"},
        BadRecordCase{"malformed_json", "{\"id\": \"x\", \"text\": \"نص\"", ErrorCode::kBadJson, "",
                      ", byte 26", "malformed JSON"},
        BadRecordCase{"garbage", "not json", ErrorCode::kBadJson, "", ", byte 1", "malformed JSON"},
        BadRecordCase{"invalid_utf8_in_string", "{\"id\": \"x\", \"text\": \"ab\xFF\"}",
                      ErrorCode::kInvalidUtf8, "", ", byte 23", "invalid UTF-8 byte 0xff"},
        BadRecordCase{"lone_surrogate_bytes", "{\"text\": \"\xED\xA0\x80\"}",
                      ErrorCode::kInvalidUtf8, "", ", byte 10", "0xed"},
        BadRecordCase{"escaped_lone_surrogate", "{\"text\": \"\\ud800\"}", ErrorCode::kBadJson, "",
                      ", byte 16", "surrogate"},
        BadRecordCase{"nul_in_text", "{\"id\": \"x\", \"text\": \"a\\u0000b\"}", ErrorCode::kBinary,
                      "x", "", "NUL"},
        BadRecordCase{"empty_text", "{\"id\": \"x\", \"text\": \"  \\n \"}", ErrorCode::kEmpty, "x",
                      "", "empty"},
        BadRecordCase{"bad_id", "{\"id\": {\"a\": 1}, \"text\": \"نص\"}", ErrorCode::kBadRecord, "",
                      "", "\"id\" must be a string or a number"},
        BadRecordCase{"line_over_max_bytes",
                      "{\"id\": \"x\", \"text\": \"" + std::string(300, 'a') + "\"}",
                      ErrorCode::kTooLarge, "", "", "larger than the limit of 200 bytes"}),
    [](const testing::TestParamInfo<BadRecordCase>& info) { return std::string(info.param.name); });

TEST(JsonlTest, OverlongLineIsSkippedWithoutStoppingTheFile) {
  TempDir tmp;
  ReadOptions opt;
  opt.max_bytes = 1000;
  // A line of 1 MB (much more than the reader's buffer) between two records.
  std::string path = tmp.Write(
      "big.jsonl", "{\"text\": \"أ\"}\n" + std::string(1 << 20, 'x') + "\n{\"text\": \"ب\"}\n");
  ReadResult r = ReadAll({path}, opt);
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].text, "أ");
  EXPECT_EQ(r.docs[1].error.code(), ErrorCode::kTooLarge);
  EXPECT_EQ(r.docs[1].error.where(), path + ":2");
  EXPECT_NE(r.docs[1].error.message().find("1048576 bytes"), std::string::npos)
      << r.docs[1].error.message();
  EXPECT_EQ(r.docs[2].text, "ب");
  EXPECT_EQ(r.docs[2].source, path + ":3");
}

TEST(JsonlTest, BomOnTheFirstLine) {
  TempDir tmp;
  std::string path = tmp.Write("bom.jsonl", kBom + "{\"id\": \"a\", \"text\": \"نص.\"}\n");
  ReadResult r = ReadAll({path});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.docs[0].error.ok()) << r.docs[0].error.ToString();
  EXPECT_EQ(r.docs[0].id, "a");
}

TEST(JsonlTest, EmptyFileIsAWarning) {
  TempDir tmp;
  std::string path = tmp.Write("empty.jsonl", "\n\n");
  ReadResult r = ReadAll({path});
  EXPECT_TRUE(r.docs.empty());
  EXPECT_TRUE(HasDiagnostic(r, ErrorCode::kEmpty, path, Diagnostic::Severity::kWarning))
      << DiagnosticsText(r);
}

TEST(JsonlTest, GzippedJsonl) {
  TempDir tmp;
  fs::path path = tmp.path() / "in.jsonl.gz";
  WriteGz(path,
          "{\"id\": \"g1\", \"title\": \"عنوان\", \"text\": \"نص.\", \"outlet\": \"CNN\"}\n"
          "{\"id\": \"g2\", \"text\": \"نص آخر.\"}\n");
  ReadResult r = ReadAll({path.string()});
  EXPECT_TRUE(r.diags.empty()) << DiagnosticsText(r);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "g1");
  EXPECT_EQ(r.docs[0].text, "عنوان\n\nنص.");
  EXPECT_EQ(r.docs[0].outlet, "CNN");
  EXPECT_EQ(r.docs[0].source, path.string() + ":1");
  EXPECT_EQ(r.docs[1].id, "g2");
}

TEST(JsonlTest, CorruptGzipIsAnIoError) {
  TempDir tmp;
  fs::path path = tmp.path() / "bad.jsonl.gz";
  std::string gz;
  {
    fs::path ok = tmp.path() / "ok.gz";
    WriteGz(ok, std::string(10000, 'x') + "\n");
    gz = ReadBytes(ok);
    fs::remove(ok);
  }
  WriteBytes(path, gz.substr(0, gz.size() / 2));  // truncated
  ReadResult r = ReadAll({path.string()});
  bool io = false;
  for (const auto& d : r.diags) io |= d.status.code() == ErrorCode::kIo;
  EXPECT_TRUE(io) << DiagnosticsText(r);
}

// ---------------------------------------------------------------------------------------------
// Folders.

TEST(FolderTest, ReadsSupportedFilesSortedAndWarnsAboutOthers) {
  TempDir tmp;
  tmp.Write("b.txt", "عنوان ب\n\nنص.");
  tmp.Write("a.txt", "عنوان أ\n\nنص.");
  tmp.Write("c.jsonl",
            "{\"id\": \"c1\", \"text\": \"نص.\"}\n{\"id\": \"c2\", \"text\": \"نص.\"}\n");
  tmp.Write("image.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  tmp.Write("sub/d.txt", "عنوان د\n\nنص.");
  tmp.Write(".hidden.txt", "عنوان\n\nنص.");
  WriteGz(tmp.path() / "sub" / "e.jsonl.gz", "{\"id\": \"e1\", \"text\": \"نص.\"}\n");

  ReadResult r = ReadAll({tmp.path().string()});
  std::vector<std::string> ids;
  for (const auto& d : r.docs) ids.push_back(d.id);
  const std::string dir = tmp.path().string();
  EXPECT_EQ(ids, (std::vector<std::string>{dir + "/a.txt", dir + "/b.txt", "c1", "c2",
                                           dir + "/sub/d.txt", "e1"}));
  ASSERT_EQ(r.diags.size(), 1u) << DiagnosticsText(r);
  EXPECT_EQ(r.diags[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(r.diags[0].status.where(), dir + "/image.png");
}

TEST(FolderTest, WithoutRecursionSubFoldersAreSkipped) {
  TempDir tmp;
  tmp.Write("a.txt", "عنوان\n\nنص.");
  tmp.Write("sub/b.txt", "عنوان\n\nنص.");
  ReadOptions opt;
  opt.recurse = false;
  ReadResult r = ReadAll({tmp.path().string()}, opt);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, (tmp.path() / "a.txt").string());
  EXPECT_TRUE(HasDiagnostic(r, ErrorCode::kInvalidArgument, (tmp.path() / "sub").string(),
                            Diagnostic::Severity::kWarning))
      << DiagnosticsText(r);
}

TEST(FolderTest, BadFilesInAFolderDoNotStopTheBatch) {
  TempDir tmp;
  tmp.Write("1-empty.txt", "");
  tmp.Write("2-binary.txt", std::string("\0\0", 2));
  tmp.Write("3-good.txt", "عنوان\n\nنص.");
  ReadResult r = ReadAll({tmp.path().string()});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].title, "عنوان");
  EXPECT_EQ(r.diags.size(), 2u) << DiagnosticsText(r);
}

TEST(FolderTest, InputsAreReadInTheOrderGiven) {
  TempDir tmp;
  std::string z = tmp.Write("z.txt", "ز\n\nنص.");
  tmp.Write("dir/b.txt", "ب\n\nنص.");
  tmp.Write("dir/a.txt", "أ\n\nنص.");
  std::string y = tmp.Write("y.txt", "ي\n\nنص.");
  ReadResult r = ReadAll({z, (tmp.path() / "dir").string(), y});
  std::vector<std::string> titles;
  for (const auto& d : r.docs) titles.push_back(d.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"ز", "أ", "ب", "ي"}));
}

// ---------------------------------------------------------------------------------------------
// Standard input. These tests replace stdin; they run last in this file's order.

TEST(StdinTest, JsonlWhenTheFirstByteIsABrace) {
  TempDir tmp;
  std::string path = tmp.Write("stdin.jsonl",
                               "\n  {\"id\": \"s1\", \"text\": \"نص.\"}\n"
                               "{\"id\": \"s2\", \"text\": \"نص آخر.\"}\n");
  ASSERT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
  ReadResult r = ReadAll({"-"});
  EXPECT_TRUE(r.diags.empty()) << DiagnosticsText(r);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "s1");
  EXPECT_EQ(r.docs[0].source, "(stdin):2");
  EXPECT_EQ(r.docs[1].id, "s2");
}

TEST(StdinTest, PlainTextOtherwise) {
  TempDir tmp;
  std::string path = tmp.Write("stdin.txt", "عنوان\n\n{ليس JSON} نص.");
  ASSERT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
  ReadResult r = ReadAll({"-"});
  EXPECT_TRUE(r.diags.empty()) << DiagnosticsText(r);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "-");
  EXPECT_EQ(r.docs[0].source, "(stdin)");
  EXPECT_EQ(r.docs[0].title, "عنوان");
}

TEST(StdinTest, EmptyStdin) {
  ASSERT_NE(std::freopen("/dev/null", "rb", stdin), nullptr);
  ReadResult r = ReadAll({"-"});
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].status.code(), ErrorCode::kEmpty);
  EXPECT_EQ(r.diags[0].status.where(), "(stdin)");
}

}  // namespace
}  // namespace isnad
