// Tests of SentenceSplitter: sentence ends ('.', '?', '؟', '!', line breaks), quotations that
// span sentence ends, unmatched quote marks (bounded by kMaxQuoteJoin) and paragraph flags.
#include "analyzer/segmenter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/normalizer.h"
#include "analyzer/tokenizer.h"

namespace isnad {
namespace {

#ifndef ISNAD_TEST_DATA_DIR
#error "ISNAD_TEST_DATA_DIR must name tests/data"
#endif

std::string ReadSeed() {
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Sentence {
  std::string text;  // the original text from the first token to the last
  bool paragraph_start = false;
  friend bool operator==(const Sentence&, const Sentence&) = default;
};

std::ostream& operator<<(std::ostream& os, const Sentence& s) {
  return os << (s.paragraph_start ? "¶ " : "") << "[" << s.text << "]";
}

const SentenceSplitter& Splitter() {
  static const SentenceSplitter* s = new SentenceSplitter;
  return *s;
}

// Splits `original` and checks the invariants every split must keep: sentences are in order,
// do not overlap, are not empty, and cover every token except the line breaks between them
// (a quotation joined over a paragraph break holds the line break it spans).
std::vector<Sentence> Split(const std::string& original) {
  NormalizedText n = Normalize(original);
  std::vector<Token> tokens = Tokenize(n.text);
  std::vector<SentenceRange> ranges = Splitter().Split(n.text, tokens);
  std::vector<Sentence> out;
  uint32_t next = 0;
  for (const SentenceRange& r : ranges) {
    EXPECT_LT(r.begin, r.end);
    EXPECT_LE(r.end, tokens.size());
    for (uint32_t i = next; i < r.begin; ++i)
      EXPECT_EQ(tokens[i].kind, TokenKind::kNewline) << "token " << i << " is in no sentence";
    EXPECT_NE(tokens[r.begin].kind, TokenKind::kNewline);
    EXPECT_NE(tokens[r.end - 1].kind, TokenKind::kNewline);
    next = r.end;
    if (r.begin >= r.end || r.end > tokens.size()) continue;
    Span s = n.ToOriginal(tokens[r.begin].begin, tokens[r.end - 1].end);
    out.push_back(Sentence{std::string(s.In(original)), r.paragraph_start});
  }
  for (uint32_t i = next; i < tokens.size(); ++i)
    EXPECT_EQ(tokens[i].kind, TokenKind::kNewline) << "token " << i << " is in no sentence";
  return out;
}

struct SplitCase {
  const char* name;
  std::string text;
  std::vector<Sentence> want;
};

TEST(SegmenterTest, SentenceEnds) {
  const std::vector<SplitCase> cases = {
      {"full stop",
       "قال الوزير إن الوضع صعب. وأضاف أن الحل قريب.",
       {{"قال الوزير إن الوضع صعب.", true}, {"وأضاف أن الحل قريب.", false}}},
      {"arabic question mark",
       "هل ستتدخل روسيا؟ لا أحد يعرف.",
       {{"هل ستتدخل روسيا؟", true}, {"لا أحد يعرف.", false}}},
      {"ascii question mark", "هل هذا صحيح? نعم.", {{"هل هذا صحيح?", true}, {"نعم.", false}}},
      {"exclamation mark",
       "يا للهول! لقد انتهى الأمر.",
       {{"يا للهول!", true}, {"لقد انتهى الأمر.", false}}},
      {"double full stop in a headline",
       "دبلوماسيون روس بدأوا بمغادرة أوكرانيا.. بايدن يهاتف بوتين اليوم",
       {{"دبلوماسيون روس بدأوا بمغادرة أوكرانيا..", true}, {"بايدن يهاتف بوتين اليوم", false}}},
      {"line break without punctuation",
       "سطر أول\nسطر ثان",
       {{"سطر أول", true}, {"سطر ثان", true}}},
      {"blank lines and CRLF",
       "فقرة أولى.\r\n\r\n\r\nفقرة ثانية.",
       {{"فقرة أولى.", true}, {"فقرة ثانية.", true}}},
      {"no full stop inside a number",
       "بلغ النمو 3.5 في المئة. ثم تراجع.",
       {{"بلغ النمو 3.5 في المئة.", true}, {"ثم تراجع.", false}}},
      {"comma does not end a sentence", "قال، ثم أضاف، ثم صمت.", {{"قال، ثم أضاف، ثم صمت.", true}}},
      {"empty text", "", {}},
      {"only line breaks", "\n\n \n", {}},
  };
  for (const SplitCase& c : cases) EXPECT_EQ(Split(c.text), c.want) << c.name;
}

TEST(SegmenterTest, QuotationsStayOneUnit) {
  const std::vector<SplitCase> cases = {
      {"ascii quotes over a full stop",
       "وقال: \"الوضع خطير. سنرد قريبا\". ثم غادر.",
       {{"وقال: \"الوضع خطير. سنرد قريبا\".", true}, {"ثم غادر.", false}}},
      {"guillemets over a question mark",
       "وتساءل: «هل ستتدخل روسيا؟ لا أحد يعرف». وانتهى اللقاء.",
       {{"وتساءل: «هل ستتدخل روسيا؟ لا أحد يعرف».", true}, {"وانتهى اللقاء.", false}}},
      {"curly quotes over three sentences",
       "قال: “أولا. ثانيا! ثالثا”. انتهى.",
       {{"قال: “أولا. ثانيا! ثالثا”.", true}, {"انتهى.", false}}},
      {"a closed quote does not join",
       "قال: \"نعم\". ثم غادر.",
       {{"قال: \"نعم\".", true}, {"ثم غادر.", false}}},
      {"quote continued on the next paragraph",
       "وقال: \"الأول.\nوالثاني\". انتهى.",
       {{"وقال: \"الأول.\nوالثاني\".", true}, {"انتهى.", false}}},
  };
  for (const SplitCase& c : cases) EXPECT_EQ(Split(c.text), c.want) << c.name;
}

// "قال: \"" followed by `n` sentences, the last of which closes the quote when `close`.
std::string QuoteOver(int n, bool close) {
  std::string s = "قال: \"بدأ الأمر.";
  for (int i = 1; i <= n; ++i) {
    s += " الجملة رقم " + std::to_string(i);
    s += (close && i == n) ? "\"." : ".";
  }
  return s + " انتهى.";
}

TEST(SegmenterTest, UnmatchedQuoteDoesNotSwallowTheDocument) {
  // An opening quote that never closes: every sentence stays its own.
  std::string text = QuoteOver(20, false);
  std::vector<Sentence> got = Split(text);
  EXPECT_EQ(got.size(), 22u);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.front().text, "قال: \"بدأ الأمر.");
  EXPECT_EQ(got.back().text, "انتهى.");
}

TEST(SegmenterTest, QuoteJoinIsBoundedByKMaxQuoteJoin) {
  // Closed after exactly kMaxQuoteJoin more sentences: one unit, then "انتهى.".
  std::vector<Sentence> joined = Split(QuoteOver(kMaxQuoteJoin, true));
  ASSERT_EQ(joined.size(), 2u);
  EXPECT_EQ(joined[1].text, "انتهى.");
  // One sentence more and the quote is given up: every sentence stays separate.
  std::vector<Sentence> given_up = Split(QuoteOver(kMaxQuoteJoin + 1, true));
  EXPECT_EQ(given_up.size(), static_cast<size_t>(kMaxQuoteJoin) + 3);
}

TEST(SegmenterTest, UnmatchedQuoteStopsAtAParagraphWithoutQuotes) {
  std::vector<Sentence> got = Split("قال: \"بدأ الأمر.\nفقرة جديدة بلا اقتباس.\nوأخرى.");
  EXPECT_EQ(got,
            (std::vector<Sentence>{
                {"قال: \"بدأ الأمر.", true}, {"فقرة جديدة بلا اقتباس.", true}, {"وأخرى.", true}}));
}

TEST(SegmenterTest, ParagraphStartFlags) {
  std::vector<Sentence> got = Split("أ ب. ج د.\nهـ و. ز ح!\n\nط ي؟ ك.");
  std::vector<bool> flags;
  for (const Sentence& s : got) flags.push_back(s.paragraph_start);
  EXPECT_EQ(flags, (std::vector<bool>{true, false, true, false, true, false}));
}

TEST(SegmenterTest, SeedArticle) {
  std::string seed = ReadSeed();
  ASSERT_FALSE(seed.empty()) << "tests/data/seed.txt is missing";
  std::vector<Sentence> got = Split(seed);
  auto find = [&](std::string_view text) -> const Sentence* {
    for (const Sentence& s : got)
      if (s.text == text) return &s;
    return nullptr;
  };
  // The quoted statements of the seed are whole sentences, each opening its paragraph.
  const Sentence* q = find(
      "ونقلت الوكالة عن مصدر مطلع قوله: \"بدأ الدبلوماسيون الروس وموظفو القنصلية في\xC2\xA0"
      "أوكرانيا\xC2\xA0في المغادرة إلى روسيا\".");
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(q->paragraph_start);
  const Sentence* c = find("\"لا تقدم\"");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->paragraph_start);
  // A paragraph of two sentences: the second does not start a paragraph.
  const Sentence* s2 = find(
      "كما لم تفض محادثات رباعية في برلين\xC2\xA0"
      "بين\xC2\xA0روسيا وأوكرانيا وألمانيا وفرنسا "
      "يوم الخميس إلى أي نتيجة.");
  ASSERT_NE(s2, nullptr);
  EXPECT_FALSE(s2->paragraph_start);
  // No sentence runs over a line break.
  for (const Sentence& s : got) EXPECT_EQ(s.text.find('\n'), std::string::npos) << s.text;
}

TEST(SegmenterTest, SplitterIsReusable) {
  // The same splitter, called repeatedly, gives the same answer (it keeps no state).
  std::string text = "قال: \"أولا. ثانيا\". انتهى. وبعد.";
  std::vector<Sentence> first = Split(text);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Split(text), first);
}

}  // namespace
}  // namespace isnad
