// Normalization for matching, with a map back to the original text.
//
//   isnad::NormalizedText n = isnad::Normalize(original);
//   // n.text is what lexicons and patterns match against;
//   isnad::Span orig = n.ToOriginal(nb, ne);  // any normalized byte range -> original bytes
//
// What Normalize does, in order, on valid UTF-8 (see utf8::Sanitize for other input):
//  - NFC (ICU), applied only to the stretches that hold combining characters (and to the
//    rare characters NFC changes alone, such as U+2000 or U+0340);
//  - removes Arabic diacritics (tashkeel U+064B-U+065F, U+0670, Quranic marks U+0610-U+061A,
//    U+06D6-U+06ED), tatweel U+0640, zero-width characters and the soft hyphen;
//  - unifies letters for matching: أ إ آ ٱ -> ا, ى and Persian ی -> ي, ة -> ه, ک -> ك;
//  - Arabic-Indic (U+0660..) and Persian (U+06F0..) digits -> ASCII digits;
//  - every quotation mark (« » “ ” „ ‟ " ‘ ’ ‹ › ＂) -> ASCII '"';
//  - Arabic comma، semicolon؛ and question mark؟ -> ',' ';' '?';
//  - NBSP and every other space, tab, CR, control characters and bidi marks
//    (U+200E/F, U+061C, U+202A-E, U+2066-9) -> ' '; '\n' is kept (paragraph structure);
//  - ASCII letters -> lower case.
//
// The offset map follows SentencePiece's normalizer: `orig[i]` is the original byte offset of
// the character that produced normalized byte i, and `orig[text.size()]` the original length.
// ToOriginal(nb, ne) therefore covers the same letters plus any removed marks that follow the
// last one (a diacritic on the last letter stays inside the span).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/span.h"

namespace isnad {

struct NormalizedText {
  std::string text;
  std::vector<uint32_t> orig;  // size text.size() + 1

  // Precondition: nb <= ne <= text.size().
  Span ToOriginal(uint32_t nb, uint32_t ne) const {
    if (nb == ne) return Span{orig[nb], orig[nb]};
    return Span{orig[nb], orig[ne]};
  }
};

// Normalizes `original`, which must be valid UTF-8 (documents are validated when read).
// Never fails; the result's text is valid UTF-8.
NormalizedText Normalize(std::string_view original);

// Normalizes a short string for lexicon keys (same rules; no offset map).
std::string NormalizeKey(std::string_view s);

// Classification of one normalized code point, shared by tokenizer and segmenter.
bool IsWordChar(char32_t c);  // letters and digits of any script, after normalization

}  // namespace isnad
