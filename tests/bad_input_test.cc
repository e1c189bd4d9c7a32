// The bad-input matrix: what isnad does with input that is not a well-formed article.
//
// Every case must give a clear error (a Status naming the input, the position and what is
// wrong) or a bounded result (an Analysis whose spans all point into the text and whose size
// grows linearly with the input). No test asserts a speed: the growth tests analyze a text of
// n units and one of 4n units and compare the work (CPU time of the analysis, the least of
// three runs, so other processes on the machine hardly matter) and the size of what is produced
// (tokens, sentences, attributions, copied text): linear work grows about 4 times, quadratic
// work 16 times; the tests allow 10.
#include <gtest/gtest.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "analyzer/normalizer.h"
#include "analyzer/segmenter.h"
#include "analyzer/tokenizer.h"
#include "analyzer/utf8.h"
#include "reports/json_report.h"
#include "rules/rule_set.h"

namespace isnad {

void PrintTo(ErrorCode code, std::ostream* os) { *os << ErrorCodeName(code); }

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Helpers.

const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    Result<RuleSet> r = RuleSet::LoadDefault();
    if (!r.ok()) ADD_FAILURE() << r.error().ToString();
    return new RuleSet(*r);
  }();
  return *rules;
}

const Analyzer& TheAnalyzer() {
  static const Analyzer* analyzer = new Analyzer(
      Rules(), AnalyzeOptions{.lexicon_hits = false, .explain = false, .sentences = true});
  return *analyzer;
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

// The bytes of a string literal that may hold NUL bytes (without the terminating NUL).
template <size_t N>
std::string Bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

bool AtBoundary(std::string_view text, size_t off) {
  return off == text.size() ||
         (off < text.size() && (static_cast<unsigned char>(text[off]) & 0xC0) != 0x80);
}

// Every span of the analysis lies within the text on code-point boundaries, and the JSON report
// of it serializes (nlohmann's dump throws on invalid UTF-8).
void ExpectWellFormed(const Analysis& a) {
  const std::string_view t = a.doc.text;
  auto ok = [&](Span s, bool may_be_none) {
    if (may_be_none && s.begin == 0 && s.end == 0) return true;
    return s.begin <= s.end && s.end <= t.size() && AtBoundary(t, s.begin) && AtBoundary(t, s.end);
  };
  for (const Attribution& at : a.attributions) {
    EXPECT_TRUE(ok(at.cue, false) && !at.cue.empty()) << at.cue.begin << "-" << at.cue.end;
    EXPECT_TRUE(ok(at.source.mention, true));
    EXPECT_TRUE(ok(at.content, true));
    for (const Span& s : at.via_spans) EXPECT_TRUE(ok(s, false));
  }
  for (const Dispute& d : a.disputes) {
    EXPECT_TRUE(ok(d.cue, true));
    EXPECT_TRUE(ok(d.evidence, true));
    EXPECT_TRUE(ok(d.about_span, true));
  }
  for (const Sentence& s : a.sentences) EXPECT_TRUE(ok(s.span, false));
  EXPECT_NO_THROW({
    std::string j = ToJson(a, JsonOptions{.explain = true, .sentences = true}).dump();
    EXPECT_FALSE(j.empty());
  });
}

Analysis AnalyzeText(std::string text, const ReadOptions& opt = {}) {
  Result<Document> doc = MakeDocument(std::move(text), "bad-input.txt", opt);
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  if (!doc.ok()) return Analysis{};
  Analysis a = TheAnalyzer().Analyze(std::move(doc).value());
  ExpectWellFormed(a);
  return a;
}

// The most tokens any attribution's content holds (the analyzer bounds a reported clause).
size_t MaxContentTokens(const Analysis& a) {
  size_t most = 0;
  for (const Attribution& at : a.attributions)
    most = std::max(most, Tokenize(Normalize(at.content_text).text).size());
  return most;
}
constexpr size_t kContentTokensBound = 600;  // analyzer.cc: kMaxContentTokens (512) + quotes

// Bytes the analysis copied out of the text (content, source and cue strings).
size_t CopiedBytes(const Analysis& a) {
  size_t n = 0;
  for (const Attribution& at : a.attributions)
    n += at.content_text.size() + at.source.text.size() + at.cue_text.size() +
         at.source.resolved.size();
  for (const Dispute& d : a.disputes) n += d.about.size() + d.by.size() + d.against.size();
  return n;
}

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("isnad-bad-input-test-" + std::to_string(::getpid()) +
                                         "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path Write(const std::string& name, std::string_view bytes) const {
    fs::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct ReadAll {
  std::vector<Document> docs;
  std::vector<Diagnostic> diags;
};

ReadAll Read(const fs::path& p, const ReadOptions& opt = {}) {
  DocumentReader reader(opt);
  reader.Add(p.string());
  ReadAll out;
  Document d;
  while (reader.Next(&d)) out.docs.push_back(d);
  out.diags = reader.diagnostics();
  return out;
}

// A real sentence of the seed article (tests/data/seed.txt) with a reporting verb, its
// source and an indirect content.
constexpr std::string_view kSentence =
    "وقال مسؤول بالبيت الأبيض: إن بوتين طلب من قادة الجيش إعداد خطط الهجوم.";
// The same words without the final full stop and the colon.
constexpr std::string_view kClause =
    "وقال مسؤول بالبيت الأبيض إن بوتين طلب من قادة الجيش إعداد خطط الهجوم ";

// ---------------------------------------------------------------------------------------------
// 1. Bytes that are not valid UTF-8 text: refused with the kind of fault and its byte offset.

struct BadBytes {
  const char* name;
  std::string bytes;
  ErrorCode code;
  size_t offset;        // the byte the message points at
  const char* message;  // a part of the message
};

void PrintTo(const BadBytes& c, std::ostream* os) { *os << c.name; }

class BadBytesTest : public ::testing::TestWithParam<BadBytes> {};

TEST_P(BadBytesTest, MakeDocumentRefusesWithPosition) {
  const BadBytes& c = GetParam();
  Result<Document> doc = MakeDocument(c.bytes, "input.txt");
  ASSERT_FALSE(doc.ok());
  Status st = doc.error();
  EXPECT_EQ(st.code(), c.code) << st.ToString();
  EXPECT_NE(st.message().find(c.message), std::string::npos) << st.ToString();
  EXPECT_EQ(st.where(), "input.txt: byte " + std::to_string(c.offset)) << st.ToString();
}

TEST_P(BadBytesTest, JsonlRecordRefusedAndNextRecordRead) {
  const BadBytes& c = GetParam();
  // The same bytes as the text of a record (as raw bytes: JSON cannot escape them), followed by
  // a good record that must still be read.
  TempDir dir;
  std::string line1 = "{\"id\": \"bad\", \"text\": \"" + c.bytes + "\"}\n";
  std::string line2 = "{\"id\": \"good\", \"text\": \"" + std::string(kSentence) + "\"}\n";
  ReadAll r = Read(dir.Write("in.jsonl", line1 + line2));
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_FALSE(r.docs[0].error.ok());
  EXPECT_TRUE(r.docs[0].text.empty());
  EXPECT_NE(r.docs[0].error.where().find("in.jsonl:1"), std::string::npos)
      << r.docs[0].error.ToString();
  EXPECT_TRUE(r.docs[1].error.ok()) << r.docs[1].error.ToString();
  EXPECT_EQ(r.docs[1].id, "good");
}

const std::string kArabic = "قال";  // 6 bytes

INSTANTIATE_TEST_SUITE_P(
    Matrix, BadBytesTest,
    ::testing::Values(
        BadBytes{"InvalidByteFF", kArabic + " \xFF", ErrorCode::kInvalidUtf8, 7, "0xff"},
        BadBytes{"LoneContinuation", "\x80" + kArabic, ErrorCode::kInvalidUtf8, 0, "0x80"},
        BadBytes{"TruncatedAtEnd", kArabic + "\xD9", ErrorCode::kInvalidUtf8, 6, "0xd9"},
        BadBytes{"TruncatedInside", kArabic + "\xE2\x80" + kArabic, ErrorCode::kInvalidUtf8, 6,
                 "0xe2"},
        BadBytes{"Overlong2", "a\xC0\xAF", ErrorCode::kInvalidUtf8, 1, "0xc0"},
        BadBytes{"Overlong3", "ab\xE0\x80\xAF", ErrorCode::kInvalidUtf8, 2, "0xe0"},
        BadBytes{"Overlong4", "\xF0\x80\x80\xAF", ErrorCode::kInvalidUtf8, 0, "0xf0"},
        BadBytes{"AboveUnicode", kArabic + "\xF4\x90\x80\x80", ErrorCode::kInvalidUtf8, 6, "0xf4"},
        BadBytes{"LoneHighSurrogate", kArabic + "\xED\xA0\x80", ErrorCode::kInvalidUtf8, 6, "0xed"},
        BadBytes{"LoneLowSurrogate", "\xED\xB0\x80" + kArabic, ErrorCode::kInvalidUtf8, 0, "0xed"},
        BadBytes{"Cesu8Pair", "x\xED\xA0\xBD\xED\xB8\x80", ErrorCode::kInvalidUtf8, 1, "0xed"},
        BadBytes{"Latin1", "caf\xE9 au lait", ErrorCode::kInvalidUtf8, 3, "0xe9"},
        // «قال» in Windows-1256.
        BadBytes{"Windows1256", "\xDE\xC7\xE1", ErrorCode::kInvalidUtf8, 0, "0xde"},
        // «قال» in UTF-16LE with its byte-order mark.
        BadBytes{"Utf16LE", "\xFF\xFE\x42\x06\x27\x06\x44\x06", ErrorCode::kInvalidUtf8, 0, "0xff"},
        BadBytes{"NulByte", kArabic + std::string("\0", 1) + kArabic, ErrorCode::kBinary, 6,
                 "NUL"}),
    [](const ::testing::TestParamInfo<BadBytes>& p) { return std::string(p.param.name); });

// ---------------------------------------------------------------------------------------------
// 2. Files that are not text.

TEST(NotText, BinaryFormatsAreRefusedWithAClearMessage) {
  struct Case {
    const char* name;
    std::string bytes;
  };
  const std::string png = Bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
  const std::string elf = Bytes(
      "\x7f"
      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0");
  const std::string pdf_binary = Bytes("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj");
  std::string gz(64, '\0');
  {
    uLongf n = gz.size();
    std::string src = Repeat(kSentence, 4);
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(gz.data()), &n,
                        reinterpret_cast<const Bytef*>(src.data()), src.size(), 9),
              Z_BUF_ERROR);  // too small: fine, any compressed prefix is binary
    gz.assign(256, '\0');
    n = gz.size();
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(gz.data()), &n,
                        reinterpret_cast<const Bytef*>(src.data()), src.size(), 9),
              Z_OK);
    gz.resize(n);
  }
  TempDir dir;
  for (const Case& c : {Case{"image.txt", png}, Case{"program.txt", elf},
                        Case{"doc.txt", pdf_binary}, Case{"data.txt", gz}}) {
    SCOPED_TRACE(c.name);
    ReadAll r = Read(dir.Write(c.name, c.bytes));
    EXPECT_TRUE(r.docs.empty());
    ASSERT_EQ(r.diags.size(), 1u);
    const Status& st = r.diags[0].status;
    EXPECT_TRUE(st.code() == ErrorCode::kBinary || st.code() == ErrorCode::kInvalidUtf8)
        << st.ToString();
    EXPECT_NE(st.where().find(c.name), std::string::npos) << st.ToString();
    EXPECT_NE(st.where().find("byte"), std::string::npos) << st.ToString();
  }
}

TEST(NotText, CorruptGzipIsAnIoErrorNamingTheFile) {
  // A gzip stream cut in the middle.
  std::string text = Repeat("{\"id\": \"a\", \"text\": \"" + std::string(kSentence) + "\"}\n", 200);
  std::string gz(compressBound(text.size()) + 32, '\0');
  z_stream zs{};
  ASSERT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(text.data());
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(gz.data());
  zs.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  gz.resize(zs.total_out);
  deflateEnd(&zs);
  TempDir dir;
  ReadAll r = Read(dir.Write("cut.jsonl.gz", gz.substr(0, gz.size() / 2)));
  bool reported = false;
  for (const Diagnostic& d : r.diags) {
    if (d.status.code() == ErrorCode::kIo &&
        d.status.where().find("cut.jsonl.gz") != std::string::npos &&
        d.status.message().find("gzip") != std::string::npos)
      reported = true;
  }
  EXPECT_TRUE(reported);
  EXPECT_LT(r.docs.size(), 200u);  // the records before the cut, no more
}

TEST(NotText, BinaryBytesInJsonlGiveOneErrorPerLineAtMost) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>((i * 131 + 7) % 256));
  TempDir dir;
  ReadAll r = Read(dir.Write("noise.jsonl", bytes));
  size_t lines = std::count(bytes.begin(), bytes.end(), '\n') + 1;
  EXPECT_LE(r.docs.size(), lines);
  for (const Document& d : r.docs) {
    EXPECT_FALSE(d.error.ok());
    EXPECT_FALSE(d.error.message().empty());
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Text that is valid but empty of meaning.

TEST(Empty, BlankAndInvisibleTextIsRefusedAsEmpty) {
  for (std::string s : {std::string(""), std::string(" \n\t\r\n "), std::string("\xC2\xA0\xC2\xA0"),
                        std::string("\xE2\x80\x8F\xE2\x80\xAB\xE2\x80\xAC\xE2\x81\xA6\xE2\x81\xA9"),
                        std::string("\xEF\xBB\xBF\n")}) {
    Result<Document> doc = MakeDocument(s, "blank.txt");
    ASSERT_FALSE(doc.ok()) << "[" << s << "]";
    EXPECT_EQ(doc.error().code(), ErrorCode::kEmpty);
  }
}

TEST(Empty, OnlyDiacriticsGivesNoAttributions) {
  // Tashkeel alone (fatha, damma, kasra, shadda, sukun, tanwin), 200k marks, with and without
  // spaces and line breaks. The normalizer drops them all.
  const std::string marks = "\xD9\x8E\xD9\x8F\xD9\x90\xD9\x91\xD9\x92\xD9\x8B\xD9\x8C\xD9\x8D";
  for (const std::string& text :
       {Repeat(marks, 25000), Repeat(marks + " ", 25000), Repeat(marks + "\n", 25000)}) {
    Analysis a = AnalyzeText(text);
    EXPECT_TRUE(a.attributions.empty());
    EXPECT_TRUE(a.disputes.empty());
    EXPECT_TRUE(Normalize(text).text.find_first_not_of(" \n") == std::string::npos);
  }
}

TEST(Empty, CombiningMarksOfOtherScriptsStayBounded) {
  // "Zalgo" text: one letter carrying a long run of combining marks of different combining
  // classes (U+0301 above, class 230; U+0316 below, class 220), which canonical ordering must
  // reorder. 100k marks after one starter, and the same run alone.
  const std::string pair = "\xCC\x81\xCC\x96";
  for (const std::string& text : {"e" + Repeat(pair, 50000), Repeat(pair, 50000),
                                  Repeat("a" + Repeat(pair, 40) + " ", 2500)}) {
    NormalizedText n = Normalize(text);
    ASSERT_EQ(n.orig.size(), n.text.size() + 1);
    EXPECT_EQ(n.orig.back(), text.size());
    EXPECT_LE(n.text.size(), 2 * text.size());
    std::vector<Token> toks = Tokenize(n.text);
    EXPECT_LE(toks.size(), text.size());
    Analysis a = AnalyzeText(text);
    EXPECT_TRUE(a.attributions.empty());
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Bidi controls mixed into right-to-left and left-to-right text.

TEST(Bidi, ControlsBetweenWordsDoNotChangeTheAnalysis) {
  const std::string rlm = "\xE2\x80\x8F", lrm = "\xE2\x80\x8E";
  const std::string rle = "\xE2\x80\xAB", pdf = "\xE2\x80\xAC", rlo = "\xE2\x80\xAE";
  const std::string lri = "\xE2\x81\xA6", pdi = "\xE2\x81\xA9", alm = "\xD8\x9C";
  const std::string clean =
      std::string(kSentence) + " وقالت وكالة رويترز إن الاجتماع سيعقد في جنيف.\n";
  // The same text with a control before or after words (never inside one).
  std::string marked;
  size_t k = 0;
  const std::string controls[] = {rlm, lrm, rle, pdf, lri, pdi, alm, rlo + pdf};
  for (size_t i = 0; i < clean.size(); ++i) {
    if (clean[i] == ' ') {
      marked += controls[k++ % 8];
      marked += ' ';
      marked += controls[k++ % 8];
    } else {
      marked += clean[i];
    }
  }
  Analysis a = AnalyzeText(clean);
  Analysis b = AnalyzeText(marked);
  ASSERT_FALSE(a.attributions.empty());
  ASSERT_EQ(a.attributions.size(), b.attributions.size());
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    EXPECT_EQ(a.attributions[i].cue_text, b.attributions[i].cue_text);
    EXPECT_EQ(a.attributions[i].cue_lemma, b.attributions[i].cue_lemma);
  }
}

TEST(Bidi, LatinNamesInsideIsolatesAndOverridesAreBounded) {
  // Left-to-right names in right-to-left text, wrapped in isolates, with unbalanced overrides.
  const std::string text = Repeat(
      "قالت شبكة \xE2\x81\xA6"
      "CNN\xE2\x81\xA9 إن \xE2\x80\xAE"
      "Joe Biden "
      "\xE2\x80\xAD"
      "said\xE2\x80\xAC\xE2\x80\xAC\xE2\x80\xAC"
      " ذلك.\n",
      2000);
  Analysis a = AnalyzeText(text);
  EXPECT_LE(a.attributions.size(), 2 * 2000u);
  EXPECT_LE(CopiedBytes(a), 4 * text.size());
}

// ---------------------------------------------------------------------------------------------
// 5. Quote marks that never close.

TEST(Quotes, AnUnmatchedOpeningQuoteDoesNotSwallowTheArticle) {
  // «قال ...» opened and never closed, then 2000 ordinary sentences.
  const std::string text =
      "«" + std::string(kSentence) + "\n" + Repeat(std::string(kSentence) + " ", 2000);
  Analysis a = AnalyzeText(text);
  // The unclosed quote is given up: the sentences after it stay sentences.
  EXPECT_GE(a.sentences.size(), 2000u - kMaxQuoteJoin);
  EXPECT_LE(a.attributions.size(), 2 * 2001u);
  EXPECT_LE(CopiedBytes(a), 4 * text.size());
}

// Regression (analyzer/analyzer.cc): every «قال "» took as its content everything up to the
// end of the sentence, so n lone quote marks in one sentence produced n copies of the rest of
// the text (quadratic time and memory: 6 GB for this text at 30,000). A reported clause now
// ends after kMaxContentTokens tokens; the work is also compared at n and 4n in Growth.
TEST(Quotes, ManyLoneQuoteMarksAreBounded) {
  for (const std::string& q :
       {std::string("\""), std::string("«"), std::string("”"), std::string("\xE2\x80\x9E")}) {
    std::string text = Repeat("قال " + q + " إن ", 3000);
    Analysis a = AnalyzeText(text);
    EXPECT_LE(a.attributions.size(), 3000u);
    EXPECT_LE(MaxContentTokens(a), kContentTokensBound) << q;
    EXPECT_LE(CopiedBytes(a), a.attributions.size() * kContentTokensBound * 16) << q;
  }
}

// ---------------------------------------------------------------------------------------------
// 6. JSON that is truncated, deeply nested or of the wrong shape.

struct BadJsonl {
  const char* name;
  std::string line;
  ErrorCode code;
  const char* message;
};

void PrintTo(const BadJsonl& c, std::ostream* os) { *os << c.name; }

class BadJsonlTest : public ::testing::TestWithParam<BadJsonl> {};

TEST_P(BadJsonlTest, RecordFailsWithItsLineAndTheNextIsRead) {
  const BadJsonl& c = GetParam();
  TempDir dir;
  std::string good = "{\"id\": \"good\", \"text\": \"" + std::string(kSentence) + "\"}\n";
  ReadAll r = Read(dir.Write("in.jsonl", good + c.line + "\n" + good));
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_TRUE(r.docs[0].error.ok());
  const Status& st = r.docs[1].error;
  EXPECT_EQ(st.code(), c.code) << st.ToString();
  EXPECT_NE(st.message().find(c.message), std::string::npos) << st.ToString();
  EXPECT_NE(st.where().find("in.jsonl:2"), std::string::npos) << st.ToString();
  EXPECT_TRUE(r.docs[2].error.ok()) << r.docs[2].error.ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, BadJsonlTest,
    ::testing::Values(
        BadJsonl{"Truncated", "{\"id\": \"a\", \"text\": \"قال", ErrorCode::kBadJson, "malformed"},
        BadJsonl{"TruncatedAfterKey", "{\"id\": \"a\", \"text\":", ErrorCode::kBadJson,
                 "malformed"},
        BadJsonl{"UnclosedNesting", "{\"text\": \"قال\", \"x\": " + Repeat("[", 100000),
                 ErrorCode::kBadJson, "malformed"},
        BadJsonl{"NestedText", "{\"text\": " + Repeat("[", 50000) + Repeat("]", 50000) + "}",
                 ErrorCode::kBadRecord, "\"text\""},
        BadJsonl{"NotAnObject", "[\"قال\", \"إن\"]", ErrorCode::kBadRecord, "JSON object"},
        BadJsonl{"LoneSurrogateEscape", "{\"text\": \"قال \\ud800 إن\"}", ErrorCode::kBadJson,
                 "surrogate"},
        BadJsonl{"NulEscape", "{\"text\": \"قال \\u0000 إن\"}", ErrorCode::kBinary, "NUL"},
        BadJsonl{"NoText", "{\"id\": \"x\", \"title\": \"قال\"}", ErrorCode::kBadRecord,
                 "\"text\""},
        BadJsonl{"TextIsObject", "{\"text\": {\"ar\": \"قال\"}}", ErrorCode::kBadRecord,
                 "\"text\""}),
    [](const ::testing::TestParamInfo<BadJsonl>& p) { return std::string(p.param.name); });

TEST(Json, DeeplyNestedExtraFieldIsDroppedAndTheRecordRead) {
  TempDir dir;
  std::string line = "{\"id\": \"deep\", \"text\": \"" + std::string(kSentence) +
                     "\", \"extra\": " + Repeat("[", 200000) + Repeat("]", 200000) + "}\n";
  ReadAll r = Read(dir.Write("deep.jsonl", line));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.docs[0].error.ok()) << r.docs[0].error.ToString();
  EXPECT_EQ(r.docs[0].id, "deep");
}

// ---------------------------------------------------------------------------------------------
// 7. A 50 MB single line.

TEST(HugeLine, FiftyMegabyteLineIsRefusedAsTooLargeAndReadingGoesOn) {
  const std::string big = Repeat(kClause, (50u << 20) / kClause.size() + 1);  // > 50 MB, no '\n'
  ASSERT_GT(big.size(), 50u << 20);
  TempDir dir;
  {
    ReadAll r = Read(dir.Write("big.txt", big));
    EXPECT_TRUE(r.docs.empty());
    ASSERT_EQ(r.diags.size(), 1u);
    EXPECT_EQ(r.diags[0].status.code(), ErrorCode::kTooLarge);
    EXPECT_NE(r.diags[0].status.message().find("limit"), std::string::npos);
  }
  {
    std::string good = "{\"id\": \"after\", \"text\": \"" + std::string(kSentence) + "\"}\n";
    ReadAll r =
        Read(dir.Write("big.jsonl", "{\"id\": \"big\", \"text\": \"" + big + "\"}\n" + good));
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_EQ(r.docs[0].error.code(), ErrorCode::kTooLarge);
    EXPECT_NE(r.docs[0].error.where().find("big.jsonl:1"), std::string::npos);
    EXPECT_TRUE(r.docs[1].error.ok());
    EXPECT_EQ(r.docs[1].id, "after");
  }
  {
    Result<Document> doc = MakeDocument(big, "big");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().code(), ErrorCode::kTooLarge);
  }
}

// ---------------------------------------------------------------------------------------------
// 8. Growth: output in proportion to the input, at sizes where quadratic work would not end.

struct Sizes {
  size_t tokens = 0, sentences = 0, attributions = 0, disputes = 0, targets = 0, copied = 0;
  size_t longest_content = 0;  // tokens
  double cpu = 0;              // seconds of CPU time of the analysis, the least of three runs
};

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

Sizes Measure(const std::string& text) {
  ReadOptions opt;
  opt.max_bytes = 64u << 20;
  Result<Document> doc = MakeDocument(text, "growth.txt", opt);
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  if (!doc.ok()) return Sizes{};
  Sizes s;
  Analysis a;
  s.cpu = 1e9;
  for (int run = 0; run < 3; ++run) {
    double t0 = ThreadCpuSeconds();
    a = TheAnalyzer().Analyze(*doc);
    s.cpu = std::min(s.cpu, ThreadCpuSeconds() - t0);
  }
  ExpectWellFormed(a);
  s.tokens = Tokenize(Normalize(text).text).size();
  s.sentences = a.sentences.size();
  s.attributions = a.attributions.size();
  s.disputes = a.disputes.size();
  for (const Dispute& d : a.disputes) s.targets += d.targets.size();
  s.copied = CopiedBytes(a);
  s.longest_content = MaxContentTokens(a);
  return s;
}

// The analysis of `unit` repeated 4n times costs and produces about 4 times what n units do.
void ExpectLinear(const std::string& unit, size_t n) {
  const std::string small = Repeat(unit, n);
  Sizes a = Measure(small);
  // Each content is a bounded clause (checked on the small input first, so a quadratic output
  // fails here instead of exhausting memory).
  ASSERT_LE(a.longest_content, kContentTokensBound) << small.size() << " bytes of text";
  const std::string large = Repeat(unit, 4 * n);
  Sizes b = Measure(large);
  SCOPED_TRACE(std::to_string(small.size()) + " vs " + std::to_string(large.size()) + " bytes");
  EXPECT_NEAR(static_cast<double>(b.tokens), 4.0 * a.tokens, 0.01 * b.tokens + 4);
  EXPECT_LE(b.sentences, 4 * a.sentences + 4);
  EXPECT_LE(b.attributions, 4 * a.attributions + 4);
  EXPECT_LE(b.disputes, 4 * a.disputes + 4);
  // Each dispute names at most the claims within kMaxLookback (256) attributions either side.
  EXPECT_LE(b.targets, 513 * b.disputes);
  EXPECT_LE(b.longest_content, kContentTokensBound);
  EXPECT_LE(b.copied, 5 * a.copied + 4096);
  // Work: 4 times for linear work, 16 for quadratic. Below 5 ms the clock says little (page
  // faults of fresh buffers dominate: a 200 KB word costs 0.5 ms, 800 KB 17 ms); a quadratic
  // pass over these inputs would take seconds.
  EXPECT_LT(b.cpu, 10 * std::max(a.cpu, 5e-3))
      << "CPU seconds: " << a.cpu << " for n units, " << b.cpu << " for 4n";
  std::printf(
      "[ growth   ] %zu -> %zu bytes: %.4f -> %.4f s CPU (x%.1f), %zu -> %zu attributions\n",
      small.size(), large.size(), a.cpu, b.cpu, b.cpu / std::max(a.cpu, 1e-9), a.attributions,
      b.attributions);
}

// Regression (analyzer/analyzer.cc): each indirect content ran to the end of its sentence, so a
// long sentence of reporting clauses gave each cue a copy of the rest of the sentence
// (quadratic time and memory: 160 MB copied for 200 KB of text). A clause now ends after
// kMaxContentTokens tokens (twice the longest content of the ANT corpus).
TEST(Growth, SentenceWithoutPunctuation) {
  // One 100k-character sentence (and a 400k one): reporting clauses with no full stop, comma
  // or line break between them.
  ExpectLinear(std::string(kClause), 100000 / 60);
}

TEST(Growth, ManyShortSentences) { ExpectLinear(std::string(kSentence) + " ", 1000); }

TEST(Growth, OneLongWord) {
  // A single 200k-letter "word" and a run of clitic-looking prefixes.
  ExpectLinear("و", 100000);
  ExpectLinear("وبال", 25000);
}

TEST(Growth, ManyParagraphs) { ExpectLinear(std::string(kSentence) + "\n\n", 1000); }

// Regression (analyzer/analyzer.cc): InsideQuote counted the quote marks from the sentence
// start at every cue (now prefix counts), and every content ran to the end of the sentence.
TEST(Growth, NestedQuotes) {
  // Quotes that open inside open quotes and close much later.
  ExpectLinear("قال المسؤول: «إن \"الوضع ", 3000);
}

TEST(Growth, LoneQuoteMarks) { ExpectLinear("قال \" إن ", 3000); }

// Regression (analyzer/analyzer.cc): coreference compared every source with every earlier
// mention, and every person named with every other (quadratic: 17 s for 1 MB of these
// sentences); it now looks back over kMaxLookback mentions.
TEST(Growth, ManyNamedSpeakers) {
  ExpectLinear("وقال الرئيس الروسي فلاديمير بوتين إن الوضع خطير. وقال بوتين إن الجيش مستعد. ",
               1000);
  ExpectLinear("وقال زيد رعد الحسين إن الحسين قال ذلك. ", 1000);
}

TEST(Growth, ManyOutletsAsVia) { ExpectLinear("وقال مسؤول لوكالة رويترز إن الوضع خطير. ", 1500); }

TEST(Growth, LongSentenceOfCommas) {
  // One sentence of clauses separated by commas (ClauseEnd's check for quotes at each comma).
  ExpectLinear("وقال مسؤول، إن بوتين طلب، من قادة الجيش، ", 1500);
}

TEST(Growth, PrepositionalCuesWithoutPunctuation) {
  // «… بحسب X» takes the clause before the cue as content: bounded like any other.
  ExpectLinear("الوضع خطير بحسب مصدر مطلع ", 1500);
}

TEST(Growth, ConcatenatedArticles) {
  // The seed article repeated: one huge document of ordinary news text.
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt", std::ios::binary);
  std::string seed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(seed.empty());
  ExpectLinear(seed + "\n\n", 8);
}

TEST(Growth, ManyDisputes) {
  ExpectLinear("نفت موسكو مزاعم واشنطن بشأن الهجوم. ", 1000);
  ExpectLinear("قالت واشنطن إن روسيا تستعد للهجوم. ونفت موسكو مزاعم واشنطن. ", 500);
  ExpectLinear("ونفى المسؤول ذلك. ", 1000);
  // The same in one sentence without punctuation.
  ExpectLinear("نفت موسكو مزاعم واشنطن و", 1000);
}

// ---------------------------------------------------------------------------------------------
// 9. Rules files that are broken or pathological.

Status LoadOne(const std::string& text) {
  Result<RuleSet> r = RuleSet::LoadFromStrings({{"bad.json", text}}, /*with_defaults=*/false);
  return r.ok() ? Status::Ok() : r.error();
}

TEST(Rules, BrokenFilesGiveAnErrorNamingTheFile) {
  struct Case {
    const char* name;
    std::string text;
    ErrorCode code;
  };
  const std::string head = "{\"category\": \"markers\", \"source\": \"test\", \"entries\": ";
  for (const Case& c : {
           Case{"truncated", head + "[{\"phrase\": \"بحسب\", \"role\": \"cue_",
                ErrorCode::kBadJson},
           Case{"empty file", "", ErrorCode::kBadJson},
           Case{"invalid UTF-8", head + "[{\"phrase\": \"\xFF\", \"role\": \"cue_prep\"}]}",
                ErrorCode::kBadJson},
           Case{"lone surrogate", head + "[{\"phrase\": \"\\udc00\", \"role\": \"cue_prep\"}]}",
                ErrorCode::kBadJson},
           Case{"deep nesting", Repeat("[", 100000) + Repeat("]", 100000), ErrorCode::kBadRules},
           Case{"deep unclosed nesting", head + Repeat("[", 100000), ErrorCode::kBadJson},
           Case{"only diacritics", head + "[{\"phrase\": \"ًٌٍَُ\", \"role\": \"cue_prep\"}]}",
                ErrorCode::kBadRules},
           Case{"only quote marks", head + "[{\"phrase\": \"«» \\\"\", \"role\": \"cue_prep\"}]}",
                ErrorCode::kBadRules},
           Case{"NUL escape", head + "[{\"phrase\": \"\\u0000\", \"role\": \"cue_prep\"}]}",
                ErrorCode::kBadRules},
       }) {
    SCOPED_TRACE(c.name);
    Status st = LoadOne(c.text);
    EXPECT_EQ(st.code(), c.code) << st.ToString();
    EXPECT_TRUE(st.where().starts_with("bad.json")) << st.ToString();
    EXPECT_FALSE(st.message().empty());
  }
}

TEST(Rules, ManyEntriesLoadInLinearWork) {
  // 40k markers, 40k ids replacing one another and a phrase repeated 40k times: the loader's
  // merging of entries by id and phrase must not compare every entry with every other.
  std::string entries;
  for (int i = 0; i < 40000; ++i) {
    if (i) entries += ",";
    entries += "{\"phrase\": \"كلمة" + std::to_string(i) + "\", \"role\": \"adjunct\"}";
  }
  std::string file =
      "{\"category\": \"markers\", \"source\": \"test\", \"entries\": [" + entries + "]}";
  Result<RuleSet> r = RuleSet::LoadFromStrings({{"many.json", file}}, false);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->markers().size(), 40000u);
  // The same phrases again in a second file replace the first file's entries.
  Result<RuleSet> r2 = RuleSet::LoadFromStrings({{"a.json", file}, {"b.json", file}}, false);
  ASSERT_TRUE(r2.ok()) << r2.error().ToString();
  EXPECT_EQ(r2->markers().size(), 40000u);
}

}  // namespace
}  // namespace isnad
