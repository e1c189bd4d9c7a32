// Word tokenization over normalized text, exposing Arabic clitics for lexicon lookup.
//
//   isnad::NormalizedText n = isnad::Normalize(text);
//   std::vector<isnad::Token> tokens = isnad::Tokenize(n.text);
//   for (const Token& t : tokens)
//     for (int k = 0; k < t.ncand; ++k) {
//       std::string_view stem = t.Stem(n.text, k);   // e.g. "وللوكالة" -> "وكاله"
//       (conj+prep+article)
//     }
//
// Tokens are words (letters/digits of any script), single punctuation characters, quote
// marks ('"' after normalization) and line breaks; combining marks (Unicode M*) stay with the
// character before them. Every token has at least one reading. Each token keeps its normalized
// byte range;
// NormalizedText::ToOriginal maps it to the original span, so no token loses its source.
//
// A word token carries up to kMaxCandidates readings: the whole word first, then every split
//   [conjunction و ف] [preposition ب ل ك] [article ال, with ل+ال written لل] STEM [pronoun]
// whose stem keeps at least two letters (a Latin stem too: «لـCNN» -> ل + cnn); attached
// pronouns are ه ها هم هما هن كم نا.
// `mask` says which clitic classes a reading removed, so a lexicon entry can accept only the
// clitics its category takes (verbs take و ف and pronouns, nouns take all).
// No allocation per token beyond the output vector.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace isnad {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kQuote, kNewline };

enum CliticMask : uint8_t {
  kCliticConj = 1,     // و ف
  kCliticPrep = 2,     // ب ل ك
  kCliticArticle = 4,  // ال
  kCliticPron = 8,     // attached pronoun
};

struct Candidate {
  uint8_t prefix = 0;  // bytes removed at the front
  uint8_t suffix = 0;  // bytes removed at the back
  uint8_t mask = 0;    // CliticMask bits
};

struct Token {
  static constexpr int kMaxCandidates = 12;
  uint32_t begin = 0;  // normalized byte offsets
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  uint8_t ncand = 0;
  Candidate cand[kMaxCandidates];

  std::string_view Text(std::string_view norm) const { return norm.substr(begin, end - begin); }
  std::string_view Stem(std::string_view norm, int k) const {
    return norm.substr(begin + cand[k].prefix, end - begin - cand[k].prefix - cand[k].suffix);
  }
  bool IsPunct(std::string_view norm, char c) const {
    return kind == TokenKind::kPunct && end - begin == 1 && norm[begin] == c;
  }
};

// Tokenizes normalized text (the output of Normalize). Appends to *out.
void Tokenize(std::string_view norm, std::vector<Token>* out);
std::vector<Token> Tokenize(std::string_view norm);

}  // namespace isnad
