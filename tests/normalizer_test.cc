// Tests of Normalize: every normalization rule (table-driven) and the offset map back to the
// original text, checked as a round-trip property over every token of the seed article and of
// random strings from a fixed-seed generator.
#include "analyzer/normalizer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/tokenizer.h"
#include "analyzer/utf8.h"

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

// UTF-8 of one code point.
std::string U(char32_t c) {
  std::string s;
  utf8::Append(c, &s);
  return s;
}

struct Case {
  const char* name;
  std::string in;
  std::string want;
};

// One row per normalization rule (and per character the rule names).
std::vector<Case> RuleCases() {
  return {
      // Tashkeel U+064B-U+065F, superscript alef U+0670, Quranic marks.
      {"fatha damma kasra shadda sukun", "مُحَمَّدٌ وَسِرْ", "محمد وسر"},
      {"tanween", "غزوًا روسيًا شيءٌ بيتٍ", "غزوا روسيا شيء بيت"},
      {"every harakah U+064B-U+065F",
       "ب" + U(0x064B) + U(0x064C) + U(0x064D) + U(0x064E) + U(0x064F) + U(0x0650) + U(0x0651) +
           U(0x0652) + U(0x0656) + U(0x0657) + U(0x0658) + U(0x0659) + U(0x065A) + U(0x065B) +
           U(0x065C) + U(0x065D) + U(0x065E) + U(0x065F) + "ت",
       "بت"},
      {"superscript alef", "هٰذا", "هذا"},
      {"quranic marks",
       "ق" + U(0x0610) + U(0x0615) + U(0x061A) + "ل" + U(0x06D6) + U(0x06DC) + U(0x06ED), "قل"},
      {"tatweel", "قـــال الـرئيـس", "قال الرئيس"},
      // Letter variants.
      {"alef hamza above", "أكد", "اكد"},
      {"alef hamza below", "إسرائيل", "اسرائيل"},
      {"alef madda", "آخر", "اخر"},
      {"alef wasla", "ٱلله", "الله"},
      {"alef maqsura", "مستشفى على", "مستشفي علي"},
      {"persian yeh", "ی", "ي"},
      {"ta marbuta", "وكالة الأنباء الرسمية", "وكاله الانباء الرسميه"},
      {"keheh", "ک", "ك"},
      {"hamza on waw and yeh are kept", "مسؤول رئيس", "مسؤول رئيس"},
      // Digits.
      {"arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
      {"persian digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
      {"arabic decimal separator", "٣٫٥", "3.5"},
      {"ascii digits unchanged", "2024", "2024"},
      // Quotation marks.
      {"guillemets", "«نعم»", "\"نعم\""},
      {"curly double", "“a” „b‟", "\"a\" \"b\""},
      {"curly single", "‘a’ ‚b", "\"a\" \"b"},
      {"single guillemets", "‹a›", "\"a\""},
      {"fullwidth quote", "＂a＂", "\"a\""},
      {"ascii quote unchanged", "\"a\"", "\"a\""},
      // Spaces, controls and bidi marks.
      {"nbsp", "جو" + U(0x00A0) + "بايدن", "جو بايدن"},
      {"lrm rlm alm", "a" + U(0x200E) + "b" + U(0x200F) + "c" + U(0x061C) + "d", "a b c d"},
      {"bidi embeddings and isolates",
       U(0x202A) + U(0x202B) + U(0x202C) + U(0x202D) + U(0x202E) + U(0x2066) + U(0x2067) +
           U(0x2068) + U(0x2069),
       std::string(9, ' ')},
      {"other spaces",
       U(0x2002) + U(0x2009) + U(0x200A) + U(0x202F) + U(0x205F) + U(0x3000) + U(0x1680),
       std::string(7, ' ')},
      {"tab cr and controls", "a\tb\r\nc" + std::string(1, '\0') + "d\x7f", "a b \nc d "},
      {"newline kept", "a\n\nb", "a\n\nb"},
      {"zero-width characters removed",
       "ب" + U(0x200B) + "ي" + U(0x200C) + "ت" + U(0x200D) + U(0xFEFF) + U(0x00AD) + U(0x2060),
       "بيت"},
      // Arabic punctuation.
      {"arabic comma semicolon question", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"},
      // NFC composition, then unification.
      {"alef + hamza above composes", "ا" + U(0x0654) + "كد", "اكد"},
      {"alef + hamza below composes", "ا" + U(0x0655) + "ن", "ان"},
      {"alef + madda composes", "ا" + U(0x0653) + "خر", "اخر"},
      {"waw + hamza above composes to hamza-on-waw", "مسو" + U(0x0654) + "ول", "مسؤول"},
      {"yeh + hamza above composes to hamza-on-yeh", "ري" + U(0x0654) + "يس", "رئيس"},
      {"stray hamza mark removed", "ب" + U(0x0654) + "ت", "بت"},
      {"latin e + acute composes", "caf" + std::string("e") + U(0x0301), "café"},
      // Canonical equivalence: a diacritic written before the hamza does not block it.
      {"waw + fatha + hamza above is hamza-on-waw", "مسو" + U(0x064E) + U(0x0654) + "ول", "مسؤول"},
      {"alef + shadda + hamza above", "ا" + U(0x0651) + U(0x0654) + "كد", "اكد"},
      // Characters NFC changes even standing alone.
      {"en quad is a space", "a" + U(0x2000) + "b", "a b"},
      {"combining grave tone mark alone", U(0x0340), U(0x0300)},
      {"angstrom sign", U(0x212B), U(0x00C5)},
      // Latin case.
      {"ascii lower-casing", "CNN Reuters AFP", "cnn reuters afp"},
      {"mixed arabic and latin", "قناة CNN", "قناه cnn"},
      {"emoji kept", U(0x1F600), U(0x1F600)},
  };
}

TEST(NormalizerTest, EveryRule) {
  for (const Case& c : RuleCases()) {
    NormalizedText n = Normalize(c.in);
    EXPECT_EQ(n.text, c.want) << c.name;
    ASSERT_EQ(n.orig.size(), n.text.size() + 1) << c.name;
    EXPECT_EQ(n.orig.back(), c.in.size()) << c.name;
  }
}

TEST(NormalizerTest, NormalizeKeyCollapsesSpaces) {
  EXPECT_EQ(NormalizeKey("  البيت" + U(0x00A0) + U(0x00A0) + "الأبيض\n "), "البيت الابيض");
  EXPECT_EQ(NormalizeKey("وكالة «تاس»"), "وكاله \"تاس\"");
  EXPECT_EQ(NormalizeKey(""), "");
}

// NormalizeKey maps most keys without Normalize (its fast path's tables, no offsets): it must
// give Normalize's text, spaces collapsed, for every rule case and for phrases of the lexicons
// (diacritics, tatweel, hamza forms, Latin, guillemets, digits).
TEST(NormalizerTest, NormalizeKeyIsNormalizeCollapsed) {
  auto collapsed = [](const std::string& t) {
    std::string out;
    for (char ch : t) {
      if (ch == ' ' || ch == '\n') {
        if (!out.empty() && out.back() != ' ') out.push_back(' ');
      } else {
        out.push_back(ch);
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  std::vector<std::string> keys;
  for (const Case& c : RuleCases()) keys.push_back(c.in);
  for (const char* k :
       {"وكالة الأنباء الفرنسية", "أسوشيتد برس", "وزارة الخارجية الروسية", "المتحدث باسم", "مُتَحَدِّث",
        "قـــال", "نقلا عن", "Reuters", "CNN", "سي إن إن", "G7", "قمة الـ20", "البيت الأبيض",
        "الإمارات", "آل ثاني", "ؤَ", "  مصدر  مطلع ", "(common word)", "«تاس»"})
    keys.push_back(k);
  for (const std::string& k : keys) EXPECT_EQ(NormalizeKey(k), collapsed(Normalize(k).text)) << k;
}

TEST(NormalizerTest, IsWordChar) {
  for (char32_t c : {U'a', U'z', U'0', U'9', U'\u0627', U'\u064A', U'\u0621', U'\u06A9', U'\u00E9',
                     U'\u05D0', U'\u4E2D'})
    EXPECT_TRUE(IsWordChar(c)) << static_cast<uint32_t>(c);
  for (char32_t c :
       {U' ', U'.', U'"', U',', U'\n', U'\u0640', U'\u060C', U'\u064E', U'\U0001F600', U'-'})
    EXPECT_FALSE(IsWordChar(c)) << static_cast<uint32_t>(c);
}

// The offset map of hand-picked strings: which original bytes a normalized range covers.
TEST(NormalizerTest, OffsetMapExamples) {
  struct MapCase {
    const char* name;
    std::string in;
    std::string token;     // a normalized substring (first occurrence)
    std::string original;  // what ToOriginal must cover
  };
  const std::vector<MapCase> cases = {
      {"diacritics inside and after the last letter", "قال مُحَمَّدٌ أمس", "محمد", "مُحَمَّدٌ"},
      {"tatweel inside a word (found)", "الـرئـيس قال", "الرئيس", "الـرئـيس"},
      {"alef variant first", "أكد الوزير", "اكد", "أكد"},
      {"composed hamza", "ا" + U(0x0654) + "كد الوزير", "اكد", "ا" + U(0x0654) + "كد"},
      {"nbsp between words", "جو" + U(0x00A0) + "بايدن", "بايدن", "بايدن"},
      {"bidi mark before a word", U(0x200F) + "روسيا", "روسيا", "روسيا"},
      {"zero-width joiner inside", "ب" + U(0x200D) + "يت", "بيت", "ب" + U(0x200D) + "يت"},
      {"guillemet", "قال «نعم»", "\"نعم\"", "«نعم»"},
      {"arabic digits", "عام ٢٠٢٤ م", "2024", "٢٠٢٤"},
      {"latin upper case", "قناة CNN اليوم", "cnn", "CNN"},
      {"emoji", "a" + U(0x1F600) + "b", U(0x1F600), U(0x1F600)},
      // Token boundaries inside one NFC stretch: each side keeps its own original bytes.
      {"marks after a space", "a " + U(0x0301) + U(0x0323), U(0x0323) + U(0x0301),
       U(0x0301) + U(0x0323)},
      {"punctuation before a mark", "x." + U(0x0301), "." + U(0x0301), "." + U(0x0301)},
      {"jamo after a mark", "\r" + U(0x094D) + U(0x11A8), U(0x11A8), U(0x11A8)},
      {"mark before a jamo", "\r" + U(0x094D) + U(0x11A8), U(0x094D), U(0x094D)},
  };
  for (const MapCase& c : cases) {
    NormalizedText n = Normalize(c.in);
    size_t at = n.text.find(c.token);
    ASSERT_NE(at, std::string::npos) << c.name << ": " << n.text;
    Span s = n.ToOriginal(static_cast<uint32_t>(at), static_cast<uint32_t>(at + c.token.size()));
    EXPECT_EQ(s.In(c.in), c.original) << c.name;
  }
}

TEST(NormalizerTest, EmptyRangeMapsToAPoint) {
  std::string in = "قال مُحَمَّدٌ";
  NormalizedText n = Normalize(in);
  for (uint32_t i = 0; i <= n.text.size(); ++i) {
    Span s = n.ToOriginal(i, i);
    EXPECT_EQ(s.begin, s.end);
    EXPECT_EQ(s.begin, n.orig[i]);
  }
  EXPECT_EQ(n.ToOriginal(static_cast<uint32_t>(n.text.size()), static_cast<uint32_t>(n.text.size()))
                .begin,
            in.size());
}

TEST(NormalizerTest, EmptyInput) {
  NormalizedText n = Normalize("");
  EXPECT_EQ(n.text, "");
  ASSERT_EQ(n.orig.size(), 1u);
  EXPECT_EQ(n.orig[0], 0u);
}

// --- The round-trip property -------------------------------------------------------------

// Checks the offset map of `original`: orig has one entry per normalized byte plus one, is
// non-decreasing, ends at original.size(); and for every token, and every run of up to three
// consecutive tokens, the original range ToOriginal gives normalizes back to exactly the
// normalized range (what lies between is only characters normalization removes).
void CheckRoundTrip(const std::string& original, const std::string& label) {
  ASSERT_EQ(utf8::FindInvalid(original), std::string::npos) << label;
  NormalizedText n = Normalize(original);
  ASSERT_EQ(utf8::FindInvalid(n.text), std::string::npos) << label;
  ASSERT_EQ(n.orig.size(), n.text.size() + 1) << label;
  ASSERT_EQ(n.orig.back(), original.size()) << label;
  for (size_t i = 1; i < n.orig.size(); ++i)
    ASSERT_LE(n.orig[i - 1], n.orig[i]) << label << " at normalized byte " << i;
  for (size_t i = 0; i < n.text.size(); ++i) {
    // Every normalized byte maps to the start of an original code point.
    ASSERT_LT(n.orig[i], original.size()) << label;
    ASSERT_NE(static_cast<unsigned char>(original[n.orig[i]]) & 0xC0, 0x80) << label;
  }
  std::vector<Token> tokens = Tokenize(n.text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (size_t k = i; k < tokens.size() && k < i + 3; ++k) {
      uint32_t nb = tokens[i].begin, ne = tokens[k].end;
      Span s = n.ToOriginal(nb, ne);
      ASSERT_LE(s.begin, s.end) << label;
      ASSERT_LE(s.end, original.size()) << label;
      std::string slice(s.In(original));
      std::string want = n.text.substr(nb, ne - nb);
      ASSERT_FALSE(slice.empty()) << label << ": token " << i << " \"" << want
                                  << "\" maps to an empty range";
      ASSERT_EQ(Normalize(slice).text, want)
          << label << ": tokens " << i << ".." << k << " map to \"" << slice << "\"";
    }
  }
}

TEST(NormalizerTest, RoundTripOverTheSeed) {
  std::string seed = ReadSeed();
  ASSERT_FALSE(seed.empty()) << "tests/data/seed.txt is missing";
  // The seed carries NBSPs between words and tanween; the property must hold over them.
  ASSERT_NE(seed.find("\xC2\xA0"), std::string::npos);
  CheckRoundTrip(seed, "seed");
  // And sentence by sentence (each line alone), so slices start mid-document.
  std::istringstream lines(seed);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) CheckRoundTrip(line, "seed line " + std::to_string(++n));
}

TEST(NormalizerTest, RoundTripOverSeedSentences) {
  // Known seed sentences: the tokens map back to the words as written, NBSPs excluded.
  std::string seed = ReadSeed();
  const std::string sentence =
      "يجري الرئيس الأميركي جو\xC2\xA0"
      "بايدن محادثة هاتفية";
  size_t at = seed.find(sentence);
  ASSERT_NE(at, std::string::npos);
  NormalizedText n = Normalize(seed);
  std::vector<Token> tokens = Tokenize(n.text);
  std::vector<std::string> words;
  for (const Token& t : tokens) {
    Span s = n.ToOriginal(t.begin, t.end);
    if (s.begin >= at && s.end <= at + sentence.size()) words.emplace_back(s.In(seed));
  }
  EXPECT_EQ(words, (std::vector<std::string>{"يجري", "الرئيس", "الأميركي", "جو", "بايدن", "محادثة",
                                             "هاتفية"}));
}

// A fixed-seed generator of nasty strings. std::mt19937's output is specified by the
// standard; the distributions are not, so the draws use plain modulo.
class RandomText {
 public:
  explicit RandomText(uint32_t seed) : rng_(seed) {}

  std::string Next() {
    std::string s;
    int n = static_cast<int>(Draw(48));
    for (int i = 0; i < n; ++i) utf8::Append(Char(), &s);
    return s;
  }

 private:
  uint32_t Draw(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }
  char32_t Pick(std::initializer_list<char32_t> list) {
    return *(list.begin() + Draw(static_cast<uint32_t>(list.size())));
  }
  char32_t Char() {
    switch (Draw(16)) {
      case 0:
      case 1:
      case 2:
      case 3:
        return 0x0621 + Draw(0x064A - 0x0621 + 1);  // Arabic letters (and tatweel)
      case 4:
        return Pick({0x064B, 0x064E, 0x064F, 0x0650, 0x0651, 0x0652, 0x0670, 0x0610, 0x06D6,
                     0x06ED});  // diacritics
      case 5:
        return Pick({0x0653, 0x0654, 0x0655});  // combining madda / hamza
      case 6:
        return Pick({0x0640, 0x00A0, 0x200E, 0x200F, 0x061C, 0x202B, 0x2069, 0x200B, 0x200D, 0xFEFF,
                     0x00AD});  // tatweel, spaces, bidi, zero-width
      case 7:
        return Pick({0x00AB, 0x00BB, 0x201C, 0x201D, 0x201E, 0x2018, 0x2019, 0x2039, 0xFF02,
                     '"'});  // quotes
      case 8:
        return Draw(2) ? 0x0660 + Draw(10) : 0x06F0 + Draw(10);  // Arabic and Persian digits
      case 9:
      case 10:
        return 0x20 + Draw(0x5F);  // printable ASCII
      case 11:
        return Pick({'\n', '\r', '\t', 0x01, 0x7F, 0x0085});
      case 12:
        return 0x0300 + Draw(0x70);  // Latin combining marks
      case 13:
        return Pick({0x1F600, 0x1F44D, 0x1F1F8, 0x1F3FB, 0x10348, 0xFE0F});  // 4-byte, VS16
      case 14:
        return Pick({0x060C, 0x061B, 0x061F, 0x066B, 0x066C, 0x06D4, 0x0622, 0x0623, 0x0625, 0x0671,
                     0x0649, 0x0629, 0x06CC, 0x06A9});  // punctuation, variants
      default:
        return Pick({0x05D0, 0x05B8, 0x05C1, 0x0915, 0x093F, 0x094D, 0x1100, 0x1161, 0x11A8, 0x00E9,
                     0x00C9, 0x4E2D, 0x0041});  // Hebrew, Devanagari, Hangul jamo, ...
    }
  }

  std::mt19937 rng_;
};

TEST(NormalizerTest, RoundTripOverRandomStrings) {
  RandomText gen(20240920);
  for (int i = 0; i < 5000; ++i) {
    std::string s = gen.Next();
    CheckRoundTrip(s, "random string #" + std::to_string(i));
    if (HasFatalFailure()) return;
  }
}

TEST(NormalizerTest, RandomStringsConcatenatedWithTheSeed) {
  // Random noise spliced into real text, so words meet marks, quotes and emoji.
  std::string seed = ReadSeed();
  ASSERT_FALSE(seed.empty());
  RandomText gen(7);
  std::string mixed;
  size_t pos = 0;
  while (pos < seed.size()) {
    size_t next = std::min(seed.size(), pos + 97);
    while (next < seed.size() && (static_cast<unsigned char>(seed[next]) & 0xC0) == 0x80) ++next;
    mixed += seed.substr(pos, next - pos);
    mixed += gen.Next();
    pos = next;
  }
  CheckRoundTrip(mixed, "seed with noise");
}

}  // namespace
}  // namespace isnad
