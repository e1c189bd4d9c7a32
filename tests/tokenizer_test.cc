// Tests of Tokenize: Arabic clitic readings (table-driven), punctuation, quote and newline
// tokens, Latin words and numbers, and the map of every token back to the original text.
#include "analyzer/tokenizer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/normalizer.h"

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

constexpr uint8_t kConj = kCliticConj, kPrep = kCliticPrep, kArt = kCliticArticle,
                  kPron = kCliticPron;

struct Reading {
  std::string stem;
  uint8_t mask;
  friend bool operator==(const Reading&, const Reading&) = default;
};

std::ostream& operator<<(std::ostream& os, const Reading& r) {
  return os << "{" << r.stem << ", mask " << static_cast<int>(r.mask) << "}";
}

// The readings of a single written word.
std::vector<Reading> Readings(const std::string& word, const Token** tok = nullptr) {
  static thread_local NormalizedText n;
  static thread_local std::vector<Token> tokens;
  n = Normalize(word);
  tokens = Tokenize(n.text);
  EXPECT_EQ(tokens.size(), 1u) << word;
  std::vector<Reading> out;
  if (tokens.empty()) return out;
  if (tok) *tok = &tokens[0];
  for (int k = 0; k < tokens[0].ncand; ++k)
    out.push_back(Reading{std::string(tokens[0].Stem(n.text, k)), tokens[0].cand[k].mask});
  return out;
}

bool Contains(const std::vector<Reading>& rs, const Reading& r) {
  for (const Reading& x : rs)
    if (x == r) return true;
  return false;
}

struct CliticCase {
  std::string word;               // as written
  std::string whole;              // normalized whole word: always candidate 0, mask 0
  std::vector<Reading> want;      // readings that must be among the candidates
  std::vector<Reading> not_want;  // readings that must not be
};

TEST(TokenizerTest, CliticReadings) {
  const std::vector<CliticCase> cases = {
      {"وللوكالة", "وللوكاله", {{"وكاله", kConj | kPrep | kArt}, {"لوكاله", kConj | kPrep}}, {}},
      {"بالبيت", "بالبيت", {{"بيت", kPrep | kArt}, {"البيت", kPrep}}, {}},
      {"والرئيس", "والرئيس", {{"رئيس", kConj | kArt}}, {}},
      {"فأكد", "فاكد", {{"اكد", kConj}}, {}},
      {"وقالت", "وقالت", {{"قالت", kConj}}, {}},
      {"لرويترز", "لرويترز", {{"رويترز", kPrep}}, {}},
      {"كالعادة", "كالعاده", {{"عاده", kPrep | kArt}}, {}},
      {"قوله", "قوله", {{"قول", kPron}}, {}},
      {"قولها", "قولها", {{"قول", kPron}}, {}},
      {"بأنهم", "بانهم", {{"انهم", kPrep}, {"ان", kPrep | kPron}}, {}},
      {"وزير", "وزير", {}, {}},
      {"ولبنان", "ولبنان", {{"لبنان", kConj}}, {}},
      {"الله", "الله", {{"له", kArt}}, {}},
      {"للرئيس", "للرئيس", {{"رئيس", kPrep | kArt}}, {}},
      {"فقال", "فقال", {{"قال", kConj}}, {}},
      {"وأضافت", "واضافت", {{"اضافت", kConj}}, {}},
      {"مصادرنا", "مصادرنا", {{"مصادر", kPron}}, {}},
      {"وبحسب", "وبحسب", {{"بحسب", kConj}, {"حسب", kConj | kPrep}}, {}},
      {"عنهما", "عنهما", {}, {{"ع", kPron}}},
      // The stem keeps at least two letters: و + ل + ه is not a reading of وله.
      {"وله", "وله", {{"له", kConj}}, {{"ه", kConj | kPrep}, {"", kConj | kPrep | kPron}}},
      // Not Arabic: no clitic readings.
      {"Reuters", "reuters", {}, {}},
  };
  for (const CliticCase& c : cases) {
    const Token* t = nullptr;
    std::vector<Reading> rs = Readings(c.word, &t);
    ASSERT_FALSE(rs.empty()) << c.word;
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->kind, TokenKind::kWord) << c.word;
    // Candidate 0 is the whole word with no clitic removed.
    EXPECT_EQ(t->cand[0].prefix, 0) << c.word;
    EXPECT_EQ(t->cand[0].suffix, 0) << c.word;
    EXPECT_EQ(rs[0].mask, 0) << c.word;
    EXPECT_EQ(rs[0].stem, c.whole) << c.word;
    for (const Reading& r : c.want) EXPECT_TRUE(Contains(rs, r)) << c.word << " lacks " << r;
    for (const Reading& r : c.not_want) EXPECT_FALSE(Contains(rs, r)) << c.word << " has " << r;
    // Every stem keeps at least two letters; Arabic stems are two bytes a letter.
    for (const Reading& r : rs) EXPECT_GE(r.stem.size(), 2u) << c.word << " " << r;
    EXPECT_LE(t->ncand, Token::kMaxCandidates);
  }
}

TEST(TokenizerTest, WholeWordIsCandidateZeroForWordsThatLookLikeClitics) {
  // Words whose first letter is also a clitic: the whole word must stay the first reading.
  for (std::string w : {"وزير", "ولبنان", "الله", "بيروت", "فرنسا", "كندا", "لندن", "وكالة", "بيان",
                        "فلسطين", "لافروف", "كييف"}) {
    const Token* t = nullptr;
    std::vector<Reading> rs = Readings(w, &t);
    ASSERT_FALSE(rs.empty()) << w;
    EXPECT_EQ(rs[0], (Reading{NormalizeKey(w), 0})) << w;
  }
}

TEST(TokenizerTest, LatinStemAfterArabicPreposition) {
  // «لـCNN» normalizes to لcnn; the ل must be strippable so the outlet's Latin name matches.
  EXPECT_TRUE(Contains(Readings("لـCNN"), (Reading{"cnn", kPrep})));
  EXPECT_TRUE(Contains(Readings("وبـBBC"), (Reading{"bbc", kConj | kPrep})));
  EXPECT_TRUE(Contains(Readings("لـAP"), (Reading{"ap", kPrep})));
  // A one-letter Latin stem is not a reading.
  for (const Reading& r : Readings("لـX")) EXPECT_NE(r.stem, "x");
}

struct KindCase {
  std::string text;  // normalized token text
  TokenKind kind;
};

std::vector<KindCase> Kinds(std::string_view original) {
  NormalizedText n = Normalize(original);
  std::vector<KindCase> out;
  for (const Token& t : Tokenize(n.text)) out.push_back({std::string(t.Text(n.text)), t.kind});
  return out;
}

void ExpectKinds(std::string_view original, const std::vector<KindCase>& want) {
  std::vector<KindCase> got = Kinds(original);
  ASSERT_EQ(got.size(), want.size()) << original;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].text, want[i].text) << original << " token " << i;
    EXPECT_EQ(got[i].kind, want[i].kind) << original << " token " << i;
  }
}

constexpr TokenKind W = TokenKind::kWord, N = TokenKind::kNumber, P = TokenKind::kPunct,
                    Q = TokenKind::kQuote, NL = TokenKind::kNewline;

TEST(TokenizerTest, PunctuationAndQuotes) {
  ExpectKinds("قال: «نعم»، (لا)!", {{"قال", W},
                                    {":", P},
                                    {"\"", Q},
                                    {"نعم", W},
                                    {"\"", Q},
                                    {",", P},
                                    {"(", P},
                                    {"لا", W},
                                    {")", P},
                                    {"!", P}});
  ExpectKinds("وكالة “تاس” للأنباء؛ لماذا؟", {{"وكاله", W},
                                              {"\"", Q},
                                              {"تاس", W},
                                              {"\"", Q},
                                              {"للانباء", W},
                                              {";", P},
                                              {"لماذا", W},
                                              {"?", P}});
  ExpectKinds("أوكرانيا.. بايدن", {{"اوكرانيا", W}, {".", P}, {".", P}, {"بايدن", W}});
  ExpectKinds("ديسمبر/ كانون", {{"ديسمبر", W}, {"/", P}, {"كانون", W}});
  // Tatweel, diacritics and zero-width characters never split a word.
  ExpectKinds("لـ\"العربي\" مُحَمَّدٌ", {{"ل", W}, {"\"", Q}, {"العربي", W}, {"\"", Q}, {"محمد", W}});
}

TEST(TokenizerTest, IsPunct) {
  NormalizedText n = Normalize("قال: نعم");
  std::vector<Token> t = Tokenize(n.text);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_TRUE(t[1].IsPunct(n.text, ':'));
  EXPECT_FALSE(t[1].IsPunct(n.text, ','));
  EXPECT_FALSE(t[0].IsPunct(n.text, ':'));
}

TEST(TokenizerTest, Newlines) {
  ExpectKinds("أ\n\nب", {{"ا", W}, {"\n\n", NL}, {"ب", W}});
  // Spaces between line breaks stay inside the token; trailing spaces do not.
  ExpectKinds("أ\n \u00a0\nب", {{"ا", W}, {"\n  \n", NL}, {"ب", W}});
  ExpectKinds("أ \n ", {{"ا", W}, {"\n", NL}});
  ExpectKinds("\r\nأ", {{"\n", NL}, {"ا", W}});
  ExpectKinds("", {});
  ExpectKinds(" \u00a0\u200f ", {});
}

TEST(TokenizerTest, LatinAndNumbers) {
  ExpectKinds("Reuters 2024 ٢٠٢٤ ۱۴۰۳ 3.5 COVID19 B2B", {{"reuters", W},
                                                         {"2024", N},
                                                         {"2024", N},
                                                         {"1403", N},
                                                         {"3", N},
                                                         {".", P},
                                                         {"5", N},
                                                         {"covid19", W},
                                                         {"b2b", W}});
  ExpectKinds("قناة CNN الأمريكية", {{"قناه", W}, {"cnn", W}, {"الامريكيه", W}});
  ExpectKinds("café naïve", {{"café", W}, {"naïve", W}});
  // Other scripts are words too; a combining mark stays inside its word.
  ExpectKinds("שָׁלוֹם हिन्दी", {{Normalize("שָׁלוֹם").text, W}, {Normalize("हिन्दी").text, W}});
}

TEST(TokenizerTest, NumbersHaveOneReading) {
  NormalizedText n = Normalize("٢٠٢٤");
  std::vector<Token> t = Tokenize(n.text);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, TokenKind::kNumber);
  EXPECT_EQ(t[0].ncand, 1);
  EXPECT_EQ(t[0].Stem(n.text, 0), "2024");
}

// Every token of `original`: in order, non-overlapping, covering every normalized byte that is
// not a space; and its Text() maps back through ToOriginal to original text that normalizes to
// the same Text().
void CheckTokensMapBack(const std::string& original) {
  NormalizedText n = Normalize(original);
  std::vector<Token> tokens = Tokenize(n.text);
  uint32_t covered = 0;
  for (const Token& t : tokens) {
    ASSERT_LT(t.begin, t.end) << original;
    ASSERT_LE(t.end, n.text.size());
    for (uint32_t i = covered; i < t.begin; ++i)
      ASSERT_EQ(n.text[i], ' ') << "byte " << i << " of \"" << n.text << "\" is in no token";
    covered = t.end;
    ASSERT_GE(t.ncand, 1);
    Span s = n.ToOriginal(t.begin, t.end);
    std::string_view slice = s.In(original);
    EXPECT_EQ(Normalize(slice).text, t.Text(n.text)) << "in: " << original;
  }
  for (uint32_t i = covered; i < n.text.size(); ++i) ASSERT_EQ(n.text[i], ' ');
}

TEST(TokenizerTest, EveryTokenMapsBackToTheOriginal) {
  const std::vector<std::string> texts = {
      "وقال مسؤول بالبيت الأبيض: إن بوتين طلب إجراء المحادثة الهاتفية يوم الإثنين",
      "بعد أن قال مستشار الأمن القومي الأميركي جيك\u00a0سوليفان، إن غزوًا روسيًا",
      "ونقلت الوكالة عن مصدر مطلع قوله: «بدأ الدبلوماسيون الروس»",
      "قالـــت وكالة ‏«رويترز»‏ إن ٣٫٥ مليون… لـCNN",
      "ا\u0654كد الوزير\u200c\u200d ذلك\r\n\r\nثم غادر 🙂",
  };
  for (const std::string& t : texts) CheckTokensMapBack(t);
  std::string seed = ReadSeed();
  ASSERT_FALSE(seed.empty()) << "tests/data/seed.txt is missing";
  CheckTokensMapBack(seed);
}

TEST(TokenizerTest, SeedWordsAndClitics) {
  // Real words of the seed, read with their clitics.
  std::string seed = ReadSeed();
  NormalizedText n = Normalize(seed);
  std::vector<Token> tokens = Tokenize(n.text);
  auto has_reading = [&](std::string_view whole, std::string_view stem, uint8_t mask) {
    for (const Token& t : tokens) {
      if (t.Text(n.text) != whole) continue;
      for (int k = 0; k < t.ncand; ++k)
        if (t.Stem(n.text, k) == stem && t.cand[k].mask == mask) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_reading(NormalizeKey("وقال"), NormalizeKey("قال"), kConj));
  EXPECT_TRUE(has_reading(NormalizeKey("بالبيت"), NormalizeKey("بيت"), kPrep | kArt));
  EXPECT_TRUE(has_reading(NormalizeKey("ونقلت"), NormalizeKey("نقلت"), kConj));
  EXPECT_TRUE(has_reading(NormalizeKey("قوله"), NormalizeKey("قول"), kPron));
  EXPECT_TRUE(has_reading(NormalizeKey("وأضاف"), NormalizeKey("أضاف"), kConj));
  EXPECT_TRUE(has_reading(NormalizeKey("للأحداث"), NormalizeKey("أحداث"), kPrep | kArt));
  EXPECT_TRUE(has_reading(NormalizeKey("لحلف"), NormalizeKey("حلف"), kPrep));
  EXPECT_TRUE(has_reading(NormalizeKey("بولاية"), NormalizeKey("ولاية"), kPrep));
}

}  // namespace
}  // namespace isnad
