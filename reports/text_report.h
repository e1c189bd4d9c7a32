// A readable listing of an Analysis for a terminal or a file: one block per attribution with
// its cue, source (as written and as resolved), kind, content, chain and rule.
//
// Right-to-left safety: every Arabic field is wrapped in Unicode isolates (FSI U+2068 ... PDI
// U+2069), so a terminal's bidi algorithm cannot reorder it with the English labels around it.
#pragma once

#include <ostream>

#include "analyzer/analysis.h"

namespace isnad {

struct TextOptions {
  bool explain = false;  // add the reasons each attribution was found
  bool lexicon = false;  // list lexicon matches
};

void WriteText(const Analysis& a, const TextOptions& opt, std::ostream& out);

}  // namespace isnad
