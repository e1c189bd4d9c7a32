#include "analyzer/analyzer.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "analyzer/normalizer.h"
#include "analyzer/segmenter.h"
#include "analyzer/tokenizer.h"

namespace isnad {

const char* FormName(Form f) {
  switch (f) {
    case Form::kDirect: return "direct";
    case Form::kIndirect: return "indirect";
    case Form::kMixed: return "mixed";
  }
  return "indirect";
}

const char* IdentificationName(Identification i) {
  switch (i) {
    case Identification::kNamed: return "named";
    case Identification::kRole: return "role";
    case Identification::kVague: return "vague";
    case Identification::kNone: return "none";
  }
  return "none";
}

namespace {

constexpr uint32_t kNone = 0xFFFFFFFF;
constexpr int kMaxSourceTokens = 14;

bool IsCueRole(Role r) {
  return r == Role::kVerb || r == Role::kAgentlessVerb || r == Role::kCuePrep ||
         r == Role::kCueNominal || r == Role::kCueParticiple;
}

bool IsHeadRole(Role r) {
  return r == Role::kAnonymousHead || r == Role::kOfficialHead || r == Role::kTitle ||
         r == Role::kOutletHead || r == Role::kDocumentHead || r == Role::kInstitutionHead ||
         r == Role::kStateHead;
}

bool IsEntityRole(Role r) {
  return r == Role::kState || r == Role::kCapital || r == Role::kSeat || r == Role::kOutlet ||
         r == Role::kPerson || r == Role::kPersonRole || r == Role::kInstitution;
}

// A parsed source phrase.
struct Phrase {
  uint32_t begin = kNone, end = kNone;  // tokens
  uint32_t trim_front = 0;              // bytes of clitic to drop from the first token
  bool empty() const { return begin == kNone || end <= begin; }
};

// Everything about one document being analyzed.
class Run {
 public:
  Run(const RuleSet& rules, const SentenceSplitter& splitter, const AnalyzeOptions& opt,
      Analysis* out)
      : rules_(rules), splitter_(splitter), opt_(opt), a_(*out) {}

  void Go() {
    const std::string& text = a_.doc.text;
    norm_ = Normalize(text);
    const std::string& n = norm_.text;
    toks_ = Tokenize(n);
    rules_.Match(n, toks_, &hits_);
    // Index hits by start token.
    first_.assign(toks_.size() + 1, 0);
    for (const LexHit& h : hits_) ++first_[h.begin + 1];
    for (size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
    sents_ = splitter_.Split(n, toks_);
    sent_of_.assign(toks_.size(), kNone);
    for (uint32_t s = 0; s < sents_.size(); ++s)
      for (uint32_t i = sents_[s].begin; i < sents_[s].end; ++i) sent_of_[i] = s;
    if (opt_.sentences)
      for (const SentenceRange& s : sents_)
        a_.sentences.push_back(isnad::Sentence{TokSpan(s.begin, s.end), s.paragraph_start});
    if (opt_.lexicon_hits) ReportLexicon();
    FindTextMentions();
    for (uint32_t s = 0; s < sents_.size(); ++s) {
      if (!InScope(sents_[s])) continue;
      DoSentence(s);
    }
    FindDisputes();
  }

 private:
  // ---- token helpers -------------------------------------------------------------------
  std::string_view Norm(uint32_t i) const { return toks_[i].Text(norm_.text); }
  Span TokSpan(uint32_t b, uint32_t e) const {
    if (e <= b) return Span{};
    return norm_.ToOriginal(toks_[b].begin, toks_[e - 1].end);
  }
  std::string Orig(Span s) const { return std::string(s.In(a_.doc.text)); }
  bool IsPunct(uint32_t i, char c) const { return toks_[i].IsPunct(norm_.text, c); }
  bool IsQuote(uint32_t i) const { return toks_[i].kind == TokenKind::kQuote; }
  bool IsWord(uint32_t i) const {
    return toks_[i].kind == TokenKind::kWord || toks_[i].kind == TokenKind::kNumber;
  }
  bool IsNewline(uint32_t i) const { return toks_[i].kind == TokenKind::kNewline; }

  // Hits starting at token i.
  std::span<const LexHit> HitsAt(uint32_t i) const {
    return std::span<const LexHit>(hits_.data() + first_[i], first_[i + 1] - first_[i]);
  }
  // The longest hit at i with role r (nullptr if none).
  const LexHit* Hit(uint32_t i, Role r) const {
    const LexHit* best = nullptr;
    for (const LexHit& h : HitsAt(i))
      if (h.sense.role == r && (!best || h.end > best->end)) best = &h;
    return best;
  }
  bool Has(uint32_t i, Role r) const { return Hit(i, r) != nullptr; }
  bool HasAny(uint32_t i, std::initializer_list<Role> rs) const {
    for (Role r : rs)
      if (Has(i, r)) return true;
    return false;
  }
  // True when a lexicon phrase other than the common-word list covers token i.
  bool CoveredByName(uint32_t i) const {
    for (uint32_t j = (i >= 4 ? i - 4 : 0); j <= i; ++j)
      for (const LexHit& h : HitsAt(j))
        if (h.end > i && h.sense.role != Role::kCommonWord) return true;
    return false;
  }

  // True when any lexicon phrase covers token i.
  bool Covered(uint32_t i) const {
    for (uint32_t j = (i >= 4 ? i - 4 : 0); j <= i; ++j)
      for (const LexHit& h : HitsAt(j))
        if (h.end > i) return true;
    return false;
  }

  bool InScope(const SentenceRange& s) const {
    const Document& d = a_.doc;
    if (!d.web_layout) return true;
    Span sp = TokSpan(s.begin, s.end);
    bool in_title = !d.title_span.empty() && sp.begin >= d.title_span.begin &&
                    sp.begin < d.title_span.end;
    bool in_body = sp.begin >= d.body.begin && sp.begin < d.body.end;
    return in_title || in_body;
  }

  bool InTitle(uint32_t tok) const {
    const Document& d = a_.doc;
    if (d.title_span.empty()) return false;
    Span sp = TokSpan(tok, tok + 1);
    return sp.begin >= d.title_span.begin && sp.begin < d.title_span.end;
  }

  void ReportLexicon() {
    for (const LexHit& h : hits_) {
      LexiconMatch m;
      m.span = TokSpan(h.begin, h.end);
      m.role = h.sense.role;
      m.what = What(h.sense);
      a_.lexicon.push_back(std::move(m));
    }
  }

  std::string What(const Sense& s) const {
    switch (s.role) {
      case Role::kVerb:
      case Role::kAgentlessVerb: return rules_.verbs()[s.index].lemma;
      case Role::kCuePrep: case Role::kCueNominal: case Role::kCueParticiple:
      case Role::kComplementizer: case Role::kQuoteIntro: case Role::kRelayFrom:
      case Role::kViaIntro: case Role::kAdjunct: case Role::kContentStop: case Role::kAside:
      case Role::kNpConnector: case Role::kPreposition: case Role::kAuxiliary:
      case Role::kRelative: case Role::kClaimNoun: case Role::kAnaphor: case Role::kDisputeNoun:
      case Role::kCommonWord:
        return rules_.markers()[s.index].phrase;
      case Role::kState: case Role::kCapital: case Role::kSeat: case Role::kDemonym:
      case Role::kOutlet: case Role::kPerson: case Role::kPersonRole: case Role::kInstitution:
        return rules_.entities()[s.index].id;
      default:
        return rules_.heads()[s.index].phrase;
    }
  }

  // ---- the cue scan --------------------------------------------------------------------
  struct Cue {
    uint32_t begin, end;  // tokens
    const LexHit* hit;
  };

  // Picks the cue at token i, if any (longest cue phrase; asides suppress).
  bool CueAt(uint32_t i, uint32_t send, Cue* cue) const {
    const LexHit* best = nullptr;
    for (const LexHit& h : HitsAt(i)) {
      if (h.sense.role == Role::kAside) return false;
      if (!IsCueRole(h.sense.role) || h.end > send) continue;
      if (!best || h.end > best->end ||
          (h.end == best->end && h.sense.role == Role::kVerb && best->sense.role != Role::kVerb))
        best = &h;
    }
    if (!best) return false;
    *cue = Cue{i, best->end, best};
    return true;
  }

  void DoSentence(uint32_t s) {
    const SentenceRange& sr = sents_[s];
    sent_attrs_.clear();
    uint32_t i = sr.begin;
    // Headline «X: …» in the title.
    if (InTitle(sr.begin)) Headline(sr);
    while (i < sr.end) {
      Cue cue;
      if (!CueAt(i, sr.end, &cue)) {
        // Skip over an aside whole.
        bool aside = false;
        for (const LexHit& h : HitsAt(i))
          if (h.sense.role == Role::kAside) { i = h.end; aside = true; break; }
        if (!aside) ++i;
        continue;
      }
      // A cue inside quotation marks belongs to the quoted speaker's own words («كما وعدنا
      // شعبنا»), not to the article's attributions.
      if (InsideQuote(sr.begin, i)) {
        i = cue.end;
        continue;
      }
      uint32_t next = cue.end;
      cue_gender_ = cue.hit->sense.gender;
      switch (cue.hit->sense.role) {
        case Role::kVerb: next = std::max(next, Verb(sr, cue)); break;
        case Role::kAgentlessVerb: next = std::max(next, Agentless(sr, cue)); break;
        case Role::kCueParticiple: next = std::max(next, Participle(sr, cue)); break;
        case Role::kCuePrep: next = std::max(next, Prep(sr, cue)); break;
        case Role::kCueNominal: next = std::max(next, Nominal(sr, cue)); break;
        default: break;
      }
      i = next;
    }
  }

  // ---- phrases -------------------------------------------------------------------------

  // True when token j can not be part of a source phrase.
  bool StopsPhrase(uint32_t j) const {
    if (!IsWord(j)) return true;
    for (const LexHit& h : HitsAt(j)) {
      switch (h.sense.role) {
        case Role::kVerb: case Role::kAgentlessVerb: case Role::kCuePrep: case Role::kAnaphor:
        case Role::kCueNominal: case Role::kCueParticiple: case Role::kComplementizer:
        case Role::kQuoteIntro: case Role::kRelayFrom: case Role::kViaIntro:
        case Role::kAdjunct: case Role::kContentStop: case Role::kAside:
          return true;
        default: break;
      }
    }
    return false;
  }

  // A head noun that may take a prepositional complement inside the source phrase: «مسؤول
  // بالبيت الأبيض», «مصدر في الشرطة», «وكالة للأنباء» (not titles: «الرئيس الفرنسي بضرورة …»).
  bool IsHeadLike(uint32_t j) const {
    for (const LexHit& h : HitsAt(j)) {
      Role r = h.sense.role;
      if (r == Role::kAnonymousHead || r == Role::kOfficialHead || r == Role::kOutletHead ||
          r == Role::kDocumentHead || r == Role::kInstitutionHead || r == Role::kVague)
        return true;
    }
    return false;
  }

  // Parses a source phrase starting at token p (bounded by `limit`). Attached prepositions
  // end the phrase unless they follow a head noun («مسؤول بالبيت الأبيض»).
  Phrase SourcePhrase(uint32_t p, uint32_t limit) const {
    Phrase ph;
    if (p >= limit || StopsPhrase(p) || Has(p, Role::kPreposition) || Has(p, Role::kRelative))
      return ph;
    ph.begin = p;
    uint32_t j = p;
    uint32_t good = p;  // end of the last accepted word or quoted group
    uint32_t count = 0;
    bool prev_head = false;
    bool complete = false;  // a state's name (or its seat) ends the phrase
    bool anchored = false;  // the phrase has a head noun or a gazetteer entity
    while (j < limit && count < kMaxSourceTokens) {
      if (IsQuote(j)) {
        // A quoted name inside the phrase: وكالة "تاس" الروسية.
        if (j == ph.begin) break;
        uint32_t k = j + 1;
        while (k < limit && k < j + 6 && !IsQuote(k) && IsWord(k)) ++k;
        if (k < limit && IsQuote(k) && k > j + 1) {
          j = k + 1;
          good = j;
          count += 2;
          prev_head = false;
          anchored = true;
          continue;
        }
        break;
      }
      if (IsPunct(j, '-') || IsPunct(j, '.') || IsPunct(j, '#') || IsPunct(j, '_')) {
        // Only inside a word run with no spaces: العربية.نت, #الشرطة_البريطانية
        bool attached_next = j + 1 < limit && toks_[j + 1].begin == toks_[j].end;
        bool attached_prev = j > p && toks_[j].begin == toks_[j - 1].end;
        if ((IsPunct(j, '#') && attached_next) || (attached_next && attached_prev)) {
          ++j;
          continue;
        }
        break;
      }
      if (!IsWord(j) || StopsPhrase(j) || Has(j, Role::kRelative)) break;
      if (j > p && prev_head && Has(j, Role::kPreposition) && !Has(j, Role::kRelayFrom) &&
          j + 1 < limit && Anchor(j + 1)) {
        ++j;
        prev_head = false;
        continue;
      }
      if (j > p && Has(j, Role::kPreposition)) break;
      if (j > p && !prev_head && !Has(j, Role::kNpConnector) && IsPrepAttached(j)) break;
      // After a complete name, an unknown word with an attached preposition («الدوحة بإطلاق»)
      // or another entity («قطر السعودية») starts the object.
      if (complete) break;
      if (j > p && anchored && !Covered(j) && HasPrepReading(j) && !prev_head) break;
      prev_head = IsHeadLike(j) || Has(j, Role::kNpConnector);
      // Jump over a whole gazetteer or head phrase starting here.
      uint32_t next = j + 1;
      for (const LexHit& h : HitsAt(j)) {
        Role r = h.sense.role;
        if ((IsEntityRole(r) || IsHeadRole(r)) && h.end <= limit && h.end > next) next = h.end;
        if (IsEntityRole(r) || IsHeadRole(r)) anchored = true;
        if ((r == Role::kState || r == Role::kCapital || r == Role::kSeat) && j == p)
          complete = true;
      }
      count += next - j;
      j = next;
      good = j;
    }
    ph.end = good;
    // Do not end on a dangling connector.
    while (ph.end > ph.begin && Has(ph.end - 1, Role::kNpConnector)) --ph.end;
    if (ph.end <= ph.begin) return Phrase{};
    return ph;
  }

  // Token j starts a gazetteer entity or head noun.
  bool Anchor(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (IsEntityRole(h.sense.role) || IsHeadRole(h.sense.role)) return true;
    return false;
  }

  // Apposition after a phrase: «مؤسس المنظمة، أكسيل ستيير،» / «المرشد الإيراني، علي خامنئي،».
  // Returns the extended end, or ph.end.
  uint32_t Apposition(const Phrase& ph, uint32_t limit) const {
    if (ph.empty() || ph.end + 2 >= limit || !IsPunct(ph.end, ',')) return ph.end;
    uint32_t j = ph.end + 1;
    uint32_t k = j;
    // Structure carries the apposition: words between two commas, before the content.
    while (k < limit && k < j + 4 && IsWord(k) && (!CoveredByName(k) || Has(k, Role::kPerson)))
      ++k;
    if (k == j || k - j < 2) return ph.end;
    if (k < limit && (IsPunct(k, ',') || Has(k, Role::kComplementizer) || IsPunct(k, ':')))
      return k;
    return ph.end;
  }

  // The word reads as preposition + word (some reading strips ب ل ك).
  bool HasPrepReading(uint32_t j) const {
    const Token& t = toks_[j];
    for (int k = 1; k < t.ncand; ++k)
      if ((t.cand[k].mask & kCliticPrep) && t.cand[k].suffix == 0) return true;
    return false;
  }

  // A preposition attached to a known word, as in لرويترز or بالبيت.
  bool IsPrepAttached(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (h.mask & kCliticPrep) return true;
    return false;
  }

  // Skips adjuncts (time words, «في بيان»), commas around them, and collects a via outlet
  // («لرويترز», «في تصريح لوكالة …»). Returns the first token after them.
  uint32_t SkipAdjuncts(uint32_t p, uint32_t limit, std::vector<Phrase>* via) const {
    uint32_t j = p;
    int guard = 0;
    while (j < limit && guard++ < 12) {
      if (IsPunct(j, ',')) {
        ++j;
        continue;
      }
      if (const LexHit* h = Hit(j, Role::kViaIntro)) {
        uint32_t k = h->end;
        Phrase v = SourcePhrase(k, limit);
        if (v.empty()) {
          // «لـ» written apart, or the via attached to the next word: «لوكالة»
          v = ViaAttached(k, limit);
        }
        if (!v.empty() && IsOutletish(v)) {
          if (via) via->push_back(v);
          j = v.end;
        } else {
          j = h->end;
        }
        continue;
      }
      if (const LexHit* h = Hit(j, Role::kPreposition); h && (h->mask & kCliticPron)) {
        j = h->end;  // «في وقت نفت فيه روسيا …»
        continue;
      }
      if (const LexHit* h = Hit(j, Role::kAdjunct)) {
        j = h->end;
        if (!rules_.markers()[h->sense.index].tail) continue;
        // «في بيان لها», «في بيان صادر عن …»: swallow a short tail up to a boundary.
        while (j < limit && IsWord(j) && !Has(j, Role::kComplementizer) &&
               !HasAny(j, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep,
                           Role::kViaIntro, Role::kAdjunct}) &&
               j < h->end + 4 && !IsNamedOutletStart(j))
          ++j;
        continue;
      }
      // An attached via: «لرويترز», «لوكالة الأنباء الألمانية».
      Phrase v = ViaAttached(j, limit);
      if (!v.empty()) {
        if (via) via->push_back(v);
        j = v.end;
        continue;
      }
      break;
    }
    return j;
  }

  bool IsNamedOutletStart(uint32_t j) const {
    return Has(j, Role::kOutlet) || Has(j, Role::kOutletHead);
  }

  // A word with an attached preposition whose stem is an outlet or outlet head: «لرويترز».
  Phrase ViaAttached(uint32_t j, uint32_t limit) const {
    if (j >= limit || !IsWord(j)) return Phrase{};
    bool outlet = false;
    for (const LexHit& h : HitsAt(j))
      if ((h.sense.role == Role::kOutlet || h.sense.role == Role::kOutletHead) &&
          (h.mask & kCliticPrep))
        outlet = true;
    if (!outlet) return Phrase{};
    Phrase p;
    p.begin = j;
    p.trim_front = PrepBytesOnFirst(Phrase{j, j + 1, 0});
    Phrase rest = SourcePhraseContinue(j + 1, limit);
    p.end = rest.empty() ? j + 1 : rest.end;
    return p;
  }

  Phrase SourcePhraseContinue(uint32_t p, uint32_t limit) const {
    if (p >= limit) return Phrase{};
    if (IsQuote(p)) {
      uint32_t k = p + 1;
      while (k < limit && k < p + 6 && !IsQuote(k) && IsWord(k)) ++k;
      if (k < limit && IsQuote(k) && k > p + 1) {
        Phrase more = SourcePhraseContinue(k + 1, limit);
        Phrase r;
        r.begin = p;
        r.end = more.empty() ? k + 1 : more.end;
        return r;
      }
      return Phrase{};
    }
    // Only modifiers that belong to a name: demonyms and outlet names or words.
    uint32_t j = p;
    while (j < limit && IsWord(j) && j < p + 6) {
      uint32_t next = j;
      for (const LexHit& h : HitsAt(j))
        if ((h.sense.role == Role::kDemonym || h.sense.role == Role::kOutlet ||
             h.sense.role == Role::kOutletHead) && h.end <= limit)
          next = std::max(next, h.end);
      if (next == j) break;
      j = next;
    }
    if (j == p) return Phrase{};
    return Phrase{p, j, 0};
  }

  bool IsOutletish(const Phrase& p) const {
    for (uint32_t j = p.begin; j < p.end; ++j)
      if (HasAny(j, {Role::kOutlet, Role::kOutletHead})) return true;
    return false;
  }

  // ---- content -------------------------------------------------------------------------

  // The end of the reported clause that starts at token p: the sentence end, or before a new
  // cue that starts a new clause («، مضيفًا», «، وفق ما», «، في حين»).
  uint32_t ClauseEnd(uint32_t p, uint32_t send) const {
    for (uint32_t j = p; j < send; ++j) {
      bool after_comma = j > p && (IsPunct(j - 1, ',') || IsPunct(j - 1, ';'));
      if (IsNewline(j) && !InsideQuote(p, j)) return j;
      if (!after_comma) continue;
      if (InsideQuote(p, j)) continue;
      for (const LexHit& h : HitsAt(j)) {
        Role r = h.sense.role;
        if (r == Role::kCuePrep && rules_.markers()[h.sense.index].needs_verb &&
            !(h.end < send && Has(h.end, Role::kVerb)))
          continue;
        if (r == Role::kCueParticiple || r == Role::kCuePrep || r == Role::kContentStop ||
            r == Role::kVerb)
          return j - 1;
      }
    }
    return send;
  }

  bool HasConj(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (h.mask & kCliticConj) return true;
    return false;
  }

  bool InsideQuote(uint32_t from, uint32_t j) const {
    int q = 0;
    for (uint32_t k = from; k < j; ++k) q += IsQuote(k);
    return q & 1;
  }

  // Trims punctuation at both ends of [b, e).
  void TrimPunct(uint32_t* b, uint32_t* e) const {
    while (*b < *e && (toks_[*b].kind == TokenKind::kPunct || IsNewline(*b))) ++*b;
    while (*e > *b && (toks_[*e - 1].kind == TokenKind::kPunct || IsNewline(*e - 1))) --*e;
  }

  struct Content {
    uint32_t begin = kNone, end = kNone;  // tokens (may include quote tokens for mixed)
    Form form = Form::kIndirect;
    bool ok() const { return begin != kNone && end > begin; }
  };

  // Content introduced at token p: a quote, a colon, a complementizer (then maybe a quote),
  // or — when allow_object — the object phrase itself.
  Content ContentAt(uint32_t p, uint32_t send, bool allow_object, bool* introduced) const {
    Content c;
    *introduced = false;
    uint32_t j = p;
    if (j < send && (IsPunct(j, ':'))) {
      ++j;
      *introduced = true;
    }
    if (j < send && Has(j, Role::kComplementizer)) {
      const LexHit* h = Hit(j, Role::kComplementizer);
      // «أنه/أنها» keep the pronoun inside the content? The gold drops only the particle.
      j = h->end;
      *introduced = true;
      if (j < send && IsPunct(j, ':')) ++j;
    }
    if (j < send && IsQuote(j) && (*introduced || !allow_object)) {
      // A quotation right at the start of the content: the quote is the content (direct),
      // whatever follows its closing mark («… "…"، وذلك في لقاء»).
      uint32_t k = j + 1;
      while (k < send && !IsQuote(k)) ++k;
      // A quoted fragment followed by more of the clause («"تغذي" القواعد الخلفية …») is
      // mixed content, handled below.
      bool fragment = k + 1 < send && IsWord(k + 1);
      if (k < send && k > j + 1 && fragment) *introduced = true;
      if (k < send && k > j + 1 && !fragment) {
        *introduced = true;
        c.begin = j + 1;
        c.end = k;
        c.form = Form::kDirect;
        TrimPunct(&c.begin, &c.end);
        if (c.end > c.begin) return c;
        c = Content{};
      }
    }
    if (!*introduced && !allow_object) return c;
    if (j >= send) return Content{};
    uint32_t end = ClauseEnd(j, send);
    c.begin = j;
    c.end = end;
    TrimPunct(&c.begin, &c.end);
    if (c.end <= c.begin) return Content{};
    // Any quote inside makes it mixed.
    for (uint32_t k = c.begin; k < c.end; ++k)
      if (IsQuote(k)) {
        c.form = Form::kMixed;
        break;
      }
    if (c.form == Form::kMixed && IsQuote(j)) c.begin = j;
    if (c.form == Form::kMixed && c.end < end && IsQuote(c.end)) ++c.end;
    return c;
  }

  // ---- constructions -------------------------------------------------------------------

  uint32_t Verb(const SentenceRange& sr, const Cue& cue) {
    const VerbInfo& v = rules_.verbs()[cue.hit->sense.index];
    uint32_t send = sr.end;
    if (!v.requires_next.empty()) {
      if (cue.end >= send) return cue.end;
      std::string_view nx = Norm(cue.end);
      bool ok = false;
      for (const std::string& r : v.requires_next)
        if (nx == r) ok = true;
      if (!ok) return cue.end;
    }
    // Relay: «نقلت X عن Y قوله …»
    if (v.relay) {
      uint32_t r = RelayVerb(sr, cue, v);
      if (r != kNone) return r;
    }
    std::vector<Phrase> via;
    uint32_t p0 = SkipAdjuncts(cue.end, send, &via);
    uint32_t p = p0;
    Phrase src;
    bool after_verb = false;
    if (p < send && !Has(p, Role::kComplementizer) && !IsQuote(p) && !IsPunct(p, ':')) {
      src = SourcePhrase(p, send);
      if (!src.empty()) {
        src.end = Apposition(src, send);
        after_verb = true;
        p = SkipAdjuncts(src.end, send, &via);
      }
    }
    bool introduced = false;
    Content c = ContentAt(p, send, false, &introduced);
    if (!c.ok() && after_verb) {
      // The source phrase may run on past where the phrase parser stopped («مصدر مطلع على
      // تفاصيل الزيارة إن …»), be followed by an apposition («نعيم قاسم، نائب الأمين العام
      // لحزب الله، إن …») or by a long adjunct («خلال مؤتمر صحفي في برلين "…"»).
      uint32_t q = p;
      while (q < send && q < p + 16 && !Has(q, Role::kComplementizer) && !IsQuote(q) &&
             !IsPunct(q, ':') &&
             (IsWord(q) || IsPunct(q, ',') || IsPunct(q, '#') || IsPunct(q, '_') ||
              IsPunct(q, '(') || IsPunct(q, ')')) &&
             !HasAny(q, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep, Role::kAside}))
        ++q;
      if (q > p && q < send &&
          (Has(q, Role::kComplementizer) || IsPunct(q, ':') || (IsQuote(q) && v.clause_only))) {
        Content c2 = ContentAt(q, send, false, &introduced);
        if (c2.ok()) {
          // Extend the source over an apposition («، نائب الأمين العام …،») or a short run
          // of words; not over adjuncts or a clause.
          bool apposition = IsPunct(p, ',');
          bool short_run = q - p <= 4;
          for (uint32_t k = p; k < q; ++k)
            if (HasAny(k, {Role::kPreposition, Role::kAdjunct, Role::kViaIntro}) ||
                (!apposition && !IsWord(k)))
              short_run = false;
          if (apposition || short_run) {
            uint32_t e = q;
            while (e > src.end && !IsWord(e - 1)) --e;
            src.end = e;
          }
          c = c2;
        }
      }
    }
    std::string rule = "verb.vso";
    if (!c.ok() && !v.clause_only) {
      // Object content: «نفت موسكو قراءة واشنطن للأحداث». A source phrase that does not look
      // like a source («نفت صحة هذه الاتهامات») is the object itself, with no written subject.
      // «وتنفي المعارضة ذلك»: a phrase followed by «ذلك» or a claim noun is the subject, unless
      // it is a common noun itself («نفت صحة هذه الاتهامات»).
      bool object_follows = src.end < send &&
                            HasAny(src.end, {Role::kAnaphor, Role::kClaimNoun}) &&
                            (!Has(src.begin, Role::kCommonWord) || Plausible(src));
      if (after_verb && !Plausible(src) && !object_follows) {
        // «وينفي غولن أي صلة له»: keep the name at the front of an over-long phrase.
        uint32_t e = src.begin;
        while (e < src.end && e < src.begin + 3 && IsWord(e) && !Covered(e) && LooksLikeName(e))
          ++e;
        if (e > src.begin) {
          src.end = e;
          p = SkipAdjuncts(src.end, send, &via);
        }
      }
      // «لكن موسكو تنفي أي دور لها»: a subject before the verb, the object after it.
      bool pre = after_verb && !Anchored(src) && !object_follows &&
                 !PreverbalSubject(sr, cue.begin).empty();
      if (after_verb && (!Plausible(src) || StartsWithClaim(src) || pre) && !object_follows) {
        src = Phrase{};
        after_verb = false;
        p = p0;
      }
      uint32_t q = p;
      if (q < send && IsObjectPrep(q, v)) ++q;  // «إلى», «من» written as separate words
      c = ContentAt(q, send, true, &introduced);
      rule = "verb.object";
    }
    if (!c.ok()) return cue.end;
    Attribution at;
    at.cue = TokSpan(cue.begin, cue.end);
    at.cue_lemma = v.lemma;
    at.stance = v.stance;
    if (!after_verb) {
      // SVO («الرئيس … قال إن …») or a zero subject.
      Phrase subj = PreverbalSubject(sr, cue.begin);
      if (!subj.empty()) {
        src = subj;
        rule = "verb.svo";
      } else {
        rule = rule == "verb.object" ? "verb.object" : "verb.zero";
      }
    }
    FillSource(&at, src, cue.begin);
    SetContent(&at, c);
    for (const Phrase& ph : via) AddVia(&at, ph);
    pending_.dispute = static_cast<int>(v.dispute);
    Finish(&at, rule, sr);
    return c.form == Form::kDirect ? c.end + 1 : std::max(cue.end, std::min(c.begin, send));
  }

  // A phrase that can be a source: it has a head noun or a gazetteer entity, or it is a short
  // run of name-like words.
  bool Plausible(const Phrase& ph) const {
    if (ph.empty()) return false;
    // The phrase must start with its head or entity («عدم انضمام أوكرانيا» is no source).
    if (Anchor(ph.begin) || Has(ph.begin, Role::kDemonym) ||
        (ph.begin + 1 < ph.end && Has(ph.begin + 1, Role::kNpConnector)))
      return true;
    if (ph.end - ph.begin > 3) return false;
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      if (!IsWord(j) || !LooksLikeName(j)) return false;
    return true;
  }

  bool Anchored(const Phrase& ph) const {
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      if (Anchor(j)) return true;
    return false;
  }

  bool StartsWithClaim(const Phrase& ph) const {
    return !ph.empty() && HasAny(ph.begin, {Role::kClaimNoun, Role::kAnaphor});
  }

  bool IsObjectPrep(uint32_t q, const VerbInfo& v) const {
    std::string_view w = Norm(q);
    for (const std::string& p : v.object_preps)
      if (w == p) return true;
    return false;
  }

  // Shortens a source phrase that ran into the object: keep the first entity or head with
  // its demonyms.
  Phrase ShortSource(const Phrase& src) const {
    if (src.empty()) return src;
    uint32_t j = src.begin;
    uint32_t end = j;
    for (const LexHit& h : HitsAt(j))
      if ((IsEntityRole(h.sense.role) || IsHeadRole(h.sense.role)) && h.end <= src.end)
        end = std::max(end, h.end);
    if (end == j) end = j + 1;
    while (end < src.end && Has(end, Role::kDemonym)) ++end;
    return Phrase{src.begin, end, src.trim_front};
  }

  Phrase PreverbalSubject(const SentenceRange& sr, uint32_t v) const {
    // The sentence (or clause after a comma) starts with a phrase that ends right before v.
    uint32_t b = sr.begin;
    for (uint32_t j = sr.begin; j < v; ++j)
      if (IsPunct(j, ',') || IsPunct(j, ':') || IsQuote(j)) b = j + 1;
    if (b >= v || v - b > 10) return Phrase{};
    // «وكان X قد قال», «X قال»
    uint32_t start = b;
    if (const LexHit* h = Hit(start, Role::kAuxiliary)) start = h->end;
    uint32_t end = v;
    while (end > start && Has(end - 1, Role::kAuxiliary)) --end;
    if (end <= start) return Phrase{};
    Phrase p = SourcePhrase(start, end);
    if (p.empty() || p.end != end) return Phrase{};
    // Only phrases that look like a source.
    bool known = false;
    for (uint32_t j = p.begin; j < p.end; ++j)
      for (const LexHit& h : HitsAt(j))
        if (IsEntityRole(h.sense.role) || IsHeadRole(h.sense.role)) known = true;
    return known ? p : Phrase{};
  }

  uint32_t RelayVerb(const SentenceRange& sr, const Cue& cue, const VerbInfo& v) {
    uint32_t send = sr.end;
    std::vector<Phrase> via;
    uint32_t p = SkipAdjuncts(cue.end, send, &via);
    Phrase relayer = SourcePhrase(p, send);
    uint32_t q = relayer.empty() ? p : relayer.end;
    q = SkipAdjuncts(q, send, nullptr);
    if (q >= send || !Has(q, Role::kRelayFrom)) return kNone;
    uint32_t r = Hit(q, Role::kRelayFrom)->end;
    Phrase src = SourcePhrase(r, send);
    uint32_t c0 = src.empty() ? r : src.end;
    if (c0 < send && Has(c0, Role::kQuoteIntro)) c0 = Hit(c0, Role::kQuoteIntro)->end;
    c0 = SkipAdjuncts(c0, send, nullptr);
    bool introduced = false;
    Content c = ContentAt(c0, send, false, &introduced);
    if (!c.ok()) return kNone;
    Attribution at;
    at.cue = TokSpan(cue.begin, cue.end);
    at.cue_lemma = v.lemma;
    at.stance = v.stance;
    Phrase rel = relayer;
    if (rel.empty()) {
      // «ونقل عنه» — relayer is the previous source.
    }
    FillSource(&at, src, cue.begin);
    SetContent(&at, c);
    if (!rel.empty()) {
      AddVia(&at, rel);
    } else if (last_ >= 0) {
      at.via.push_back(a_.attributions[last_].source.resolved);
    }
    Finish(&at, "verb.relay", sr);
    return c.form == Form::kDirect ? c.end + 1 : c.begin;
  }

  uint32_t Agentless(const SentenceRange& sr, const Cue& cue) {
    const VerbInfo& v = rules_.verbs()[cue.hit->sense.index];
    bool introduced = false;
    uint32_t p = SkipAdjuncts(cue.end, sr.end, nullptr);
    Content c = ContentAt(p, sr.end, false, &introduced);
    if (!c.ok()) return cue.end;
    // An impersonal cue reports a short clause: «ويعتقد أنهم من أتباع غولن، …».
    if (c.form == Form::kIndirect)
      for (uint32_t k = c.begin; k < c.end; ++k)
        if (IsPunct(k, ',')) {
          c.end = k;
          break;
        }
    Attribution at;
    at.cue = TokSpan(cue.begin, cue.end);
    at.cue_lemma = v.lemma;
    at.stance = v.stance;
    at.source.kind = SourceKind::kUnspecified;
    at.source.anonymous = true;
    at.source.identification = Identification::kNone;
    SetContent(&at, c);
    Finish(&at, "verb.agentless", sr, /*speaker=*/false);
    return c.begin;
  }

  uint32_t Participle(const SentenceRange& sr, const Cue& cue) {
    const MarkerInfo& m = rules_.markers()[cue.hit->sense.index];
    uint32_t p = cue.end;
    // «مشيرًا إلى أن», «داعيًا إلى», «محذرًا من»
    if (p < sr.end && Has(p, Role::kPreposition)) ++p;
    // «واصفًا إياها بأنها …»: a short object before the complementizer.
    for (uint32_t q = p; q < sr.end && q < p + 3 && IsWord(q); ++q)
      if (Has(q, Role::kComplementizer)) {
        p = q;
        break;
      }
    bool introduced = false;
    Content c = ContentAt(p, sr.end, true, &introduced);
    if (!c.ok()) return cue.end;
    // Skip a leading preposition word in object content.
    if (!introduced && c.begin < c.end && Has(c.begin, Role::kPreposition)) ++c.begin;
    if (c.end <= c.begin) return cue.end;
    Attribution at;
    at.cue = TokSpan(cue.begin, cue.end);
    at.cue_lemma = m.phrase;
    at.stance = m.stance;
    FillSource(&at, Phrase{}, cue.begin);
    SetContent(&at, c);
    pending_.dispute = m.dispute ? 1 : 0;
    Finish(&at, "participle", sr);
    return c.form == Form::kDirect ? c.end + 1 : c.begin;
  }

  uint32_t Prep(const SentenceRange& sr, const Cue& cue) {
    const MarkerInfo& m = rules_.markers()[cue.hit->sense.index];
    uint32_t send = sr.end;
    uint32_t ce = cue.end;
    // «وفق ما أفادت», «كما ذكرت»: the verb is part of the cue.
    bool verb = false;
    if (ce < send && Has(ce, Role::kVerb)) {
      ce = Hit(ce, Role::kVerb)->end;
      verb = true;
    } else if (ce < send && Has(ce, Role::kRelative) && ce + 1 < send && Has(ce + 1, Role::kVerb)) {
      ce = Hit(ce + 1, Role::kVerb)->end;
      verb = true;
    }
    if (m.needs_verb && !verb) return cue.end;
    // «بحسب ما نقلت عنه وكالة …»
    if (ce < send) {
      const LexHit* h = Hit(ce, Role::kRelayFrom);
      if (h && (h->mask & kCliticPron)) ++ce;
    }
    uint32_t p = ce;
    if (p < send && Has(p, Role::kPreposition)) ++p;
    Phrase src = SourcePhrase(p, send);
    if (src.empty()) {
      // «وفقا لوكالة …» with the preposition attached
      src = SourcePhrase(p, send);
    }
    if (src.empty()) return cue.end;
    if (PrepBytesOnFirst(src)) src.trim_front = PrepBytesOnFirst(src);
    // Where is the content? At the start of the sentence: after the source. Else before.
    uint32_t lead = sr.begin;
    while (lead < cue.begin && toks_[lead].kind == TokenKind::kPunct) ++lead;
    bool at_start = cue.begin == lead;
    Content c;
    std::string rule;
    if (at_start) {
      uint32_t q = src.end;
      while (q < send && IsPunct(q, ',')) ++q;
      bool introduced = false;
      c = ContentAt(q, send, true, &introduced);
      rule = "prep.after";
      // A speech verb right after «بحسب X، قال Y»: the verb attribution will carry X as via.
      if (c.ok() && HasAny(c.begin, {Role::kVerb})) {
        pending_via_ = src;
        pending_via_sentence_ = &sr;
      }
    } else {
      // Content before the cue, from the clause start.
      uint32_t b = sr.begin;
      // Skip a short lead-in ending in a comma («في السياق نفسه،»).
      for (uint32_t j = sr.begin; j < cue.begin && j < sr.begin + 5; ++j)
        if (IsPunct(j, ',')) { b = j + 1; break; }
      uint32_t e = cue.begin;
      TrimPunct(&b, &e);
      if (e > b) {
        c.begin = b;
        c.end = e;
        c.form = Form::kIndirect;
        for (uint32_t k = b; k < e; ++k)
          if (IsQuote(k)) c.form = Form::kMixed;
      }
      rule = "prep.before";
    }
    if (!c.ok()) return cue.end;
    Attribution at;
    at.cue = TokSpan(cue.begin, ce);
    at.cue_lemma = m.phrase;
    at.stance = m.stance;
    FillSource(&at, src, cue.begin);
    SetContent(&at, c);
    // «قال X …، وفق ما ذكرت Y»: Y is the via of X's statement in this sentence.
    if (!at_start && !sent_attrs_.empty() && IsOutletKind(at.source.kind)) {
      Attribution& prev = a_.attributions[sent_attrs_.back()];
      if (prev.via.empty()) prev.via.push_back(at.source.resolved);
    }
    Finish(&at, rule, sr, /*speaker=*/true);
    return at_start ? src.end : src.end;
  }

  // Bytes of a preposition attached to the first word of a phrase («لوكالة»), to leave out
  // of the source span.
  uint32_t PrepBytesOnFirst(const Phrase& p) const {
    const Token& t = toks_[p.begin];
    // Only a reading that yields a source word counts («لوكالة» -> وكالة), and never when the
    // whole word is itself one («وكالة»).
    for (const LexHit& h : HitsAt(p.begin))
      if ((IsEntityRole(h.sense.role) || IsHeadRole(h.sense.role)) && !(h.mask & kCliticPrep))
        return 0;
    for (const LexHit& h : HitsAt(p.begin)) {
      if (!(h.mask & kCliticPrep)) continue;
      if (!IsEntityRole(h.sense.role) && !IsHeadRole(h.sense.role)) continue;
      for (int k = 1; k < t.ncand; ++k)
        if (t.cand[k].mask == h.mask) {
          // Keep the article: «للوكالة» -> «الوكالة» is not in the text; drop only what
          // precedes the stem when there is no article.
          if (h.mask & kCliticArticle) return 0;
          return t.cand[k].prefix;
        }
    }
    return 0;
  }

  bool IsOutletKind(SourceKind k) const { return k == SourceKind::kOutlet; }

  uint32_t Nominal(const SentenceRange& sr, const Cue& cue) {
    const MarkerInfo& m = rules_.markers()[cue.hit->sense.index];
    uint32_t send = sr.end;
    Phrase src;
    uint32_t p = cue.end;
    if (!m.anaphoric) {
      src = SourcePhrase(p, send);
      if (src.empty()) return cue.end;
      p = src.end;
    }
    p = SkipAdjuncts(p, send, nullptr);
    bool introduced = false;
    Content c = ContentAt(p, send, false, &introduced);
    if (!c.ok()) return cue.end;
    Attribution at;
    at.cue = TokSpan(cue.begin, cue.end);
    at.cue_lemma = m.phrase;
    at.stance = m.stance;
    FillSource(&at, src, cue.begin);
    SetContent(&at, c);
    Finish(&at, "nominal", sr);
    return c.form == Form::kDirect ? c.end + 1 : c.begin;
  }

  void Headline(const SentenceRange& sr) {
    // «X: content» with X a short source phrase.
    for (uint32_t j = sr.begin; j < sr.end && j < sr.begin + 8; ++j) {
      if (!IsPunct(j, ':')) continue;
      if (j == sr.begin) return;
      Phrase src = SourcePhrase(sr.begin, j);
      // «ولي العهد السعودي من باريس: …» — a short phrase may stand between source and colon.
      if (src.empty() || j - src.end > 3) return;
      for (uint32_t k = src.end; k < j; ++k)
        if (!IsWord(k)) return;
      bool known = false;
      for (uint32_t k = src.begin; k < src.end; ++k)
        for (const LexHit& h : HitsAt(k))
          if (IsEntityRole(h.sense.role) || IsHeadRole(h.sense.role)) known = true;
      if (!known && src.end - src.begin > 3) return;
      // «تونس: …» is a topic label, not a statement by Tunisia (a seat, «البيت الأبيض:», is).
      bool label = src.end - src.begin <= 2;
      for (uint32_t k = src.begin; k < src.end; ++k)
        if (!HasAny(k, {Role::kState, Role::kCapital})) label = false;
      if (label) return;
      uint32_t b = j + 1, e = sr.end;
      TrimPunct(&b, &e);
      if (e <= b + 1) return;
      Content c;
      c.begin = b;
      c.end = e;
      c.form = Form::kIndirect;
      bool all_quoted = IsQuote(b) && IsQuote(e - 1);
      if (all_quoted) {
        c.begin = b + 1;
        c.end = e - 1;
        c.form = Form::kDirect;
      } else {
        for (uint32_t k = b; k < e; ++k)
          if (IsQuote(k)) c.form = Form::kMixed;
      }
      Attribution at;
      at.cue = TokSpan(j, j + 1);
      at.cue_lemma = ":";
      at.stance = Stance::kAssert;
      FillSource(&at, src, j);
      SetContent(&at, c);
      Finish(&at, "headline", sr);
      return;
    }
  }

  // ---- disputes ------------------------------------------------------------------------

  // Explicit disputes: a deny cue (نفى، كذّب، دحض; رفض/استبعد when the object names a claim)
  // whose source disputes another party's claim. The disputed party is the possessor of the
  // claim noun («قراءة واشنطن», «مزاعم فورد», «ما تداولته وسائل إعلام …»), or, when the
  // object points back («نفت ذلك», «هذه الاتهامات»), the previous party that made a claim.
  void FindDisputes() {
    for (size_t i = 0; i < a_.attributions.size(); ++i) {
      const AttrTokens& t = att_toks_[i];
      if (t.dispute == 0) continue;
      const Attribution& at = a_.attributions[i];
      uint32_t cb = t.con_b, ce = t.con_e;
      bool claim = false, anaphor = false;
      Phrase against;
      for (uint32_t j = cb; j < ce && j < cb + 12; ++j) {
        if (const LexHit* h = Hit(j, Role::kClaimNoun)) {
          claim = true;
          if (h->end < ce && Has(h->end, Role::kDemonym)) {
            against = Phrase{h->end, h->end + 1, 0};
          } else if (h->end < ce) {
            Phrase ph = SourcePhrase(h->end, ce);
            if (Plausible(ph)) against = ph;
          }
          break;
        }
        if (Has(j, Role::kAnaphor)) anaphor = true;
      }
      if (t.dispute == 2 && !claim) continue;
      Dispute d;
      d.cue = at.cue;
      d.cue_text = at.cue_text;
      d.by = at.source.resolved;
      d.by_entity = at.source.entity.id;
      d.about = Truncate(at.content_text, 120);
      d.about_span = at.content;
      d.evidence = TokSpan(sents_[t.sentence].begin, sents_[t.sentence].end);
      d.attribution = static_cast<int>(i);
      d.rule = "dispute.object";
      if (!against.empty()) {
        if (Has(against.begin, Role::kDemonym) && against.end == against.begin + 1) {
          // «الاتهامات الأميركية»: the party of that country that spoke last, else the state.
          const LexHit* h = Hit(against.begin, Role::kDemonym);
          const EntityInfo& e = rules_.entities()[h->sense.index];
          d.against = e.name_ar;
          d.against_entity = e.id;
          for (int k = static_cast<int>(i) - 1; k >= 0; --k)
            if (a_.attributions[k].source.country == e.country &&
                a_.attributions[k].source.kind != SourceKind::kUnspecified) {
              d.against = a_.attributions[k].source.resolved;
              d.against_entity = a_.attributions[k].source.entity.id;
              break;
            }
        } else {
          Span sp = TokSpan(against.begin, against.end);
          d.against = Clean(Orig(sp));
          Source tmp;
          Classify(against, &tmp);
          d.against_entity = tmp.entity.id;
        }
      } else if (claim || anaphor) {
        // The previous claimant other than the disputing party.
        for (int k = static_cast<int>(i) - 1; k >= 0; --k) {
          const Attribution& p = a_.attributions[k];
          if (p.source.kind == SourceKind::kUnspecified || p.source.resolved.empty()) continue;
          if (p.source.resolved == at.source.resolved ||
              (!p.source.entity.id.empty() && p.source.entity.id == at.source.entity.id))
            continue;
          if (t.sentence != kNone && att_toks_[k].sentence + 3 < t.sentence) break;
          d.against = p.source.resolved;
          d.against_entity = p.source.entity.id;
          d.targets.push_back(k);
          break;
        }
      }
      // Claims of the disputed party in this article are what the dispute contests.
      if (!d.against_entity.empty())
        for (size_t k = 0; k < a_.attributions.size(); ++k) {
          if (k == i) continue;
          const Source& s = a_.attributions[k].source;
          bool same = s.entity.id == d.against_entity ||
                      (!s.country.empty() && d.against_entity.rfind("state:", 0) == 0 &&
                       rules_.entities().size() && CountryOf(d.against_entity) == s.country);
          if (same && std::find(d.targets.begin(), d.targets.end(), static_cast<int>(k)) ==
                          d.targets.end())
            d.targets.push_back(static_cast<int>(k));
        }
      a_.disputes.push_back(std::move(d));
    }
  }

  // The first `n` code points of s (never cuts a UTF-8 sequence).
  static std::string Truncate(const std::string& s, size_t n) {
    size_t i = 0, cps = 0;
    while (i < s.size() && cps < n) {
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      ++cps;
    }
    return s.substr(0, i);
  }

  std::string CountryOf(const std::string& entity_id) const {
    for (const EntityInfo& e : rules_.entities())
      if (e.id == entity_id) return e.country;
    return "";
  }

  // ---- sources -------------------------------------------------------------------------

  void FillSource(Attribution* at, const Phrase& ph, uint32_t cue_tok) {
    Source& s = at->source;
    if (ph.empty()) {
      // Zero subject: the previous speaker (in this sentence first), or a person named as the
      // subject of an earlier sentence («لكن بوزداغ أشاد بالعملية. وقال إن …»), whichever is
      // closer and agrees with the cue in gender.
      auto agrees = [&](char g) {
        return cue_gender_ == 0 || g == 0 || g == cue_gender_ ||
               (cue_gender_ == 'p' && g != 0) || (g == 'p' && cue_gender_ == 'm');
      };
      int ante = -1;
      for (auto it = sent_attrs_.rbegin(); it != sent_attrs_.rend(); ++it)
        if (a_.attributions[*it].source.kind != SourceKind::kUnspecified) {
          ante = *it;
          break;
        }
      const TextMention* tm = nullptr;
      if (ante < 0) {
        // Candidates: speakers named (or continued) in earlier attributions, and subjects.
        uint32_t cue_pos = TokSpan(cue_tok, cue_tok + 1).begin;
        int best_attr = -1;
        uint32_t best_attr_pos = 0;
        for (int k = static_cast<int>(explicit_.size()) - 1; k >= 0; --k) {
          const Attribution& p = a_.attributions[explicit_[k]];
          if (!agrees(p.source.gender)) continue;
          best_attr = explicit_[k];
          best_attr_pos = p.source.mention.empty() ? p.cue.begin : p.source.mention.begin;
          break;
        }
        for (auto it = text_mentions_.rbegin(); it != text_mentions_.rend(); ++it) {
          Span sp = TokSpan(it->begin, it->end);
          if (sp.begin >= cue_pos) continue;
          if (!(it->first_in_sentence || it->sentence == sent_of_[cue_tok])) continue;
          if (!agrees(it->gender)) continue;
          if (best_attr < 0 || sp.begin > best_attr_pos) tm = &*it;
          break;
        }
        ante = tm ? -1 : best_attr;
        if (!tm && ante < 0) ante = last_explicit_;
      }
      if (tm) {
        s.kind = tm->kind;
        s.anonymous = tm->anonymous;
        s.identification = tm->identification;
        s.resolved = tm->resolved;
        s.entity = tm->entity;
        s.country = tm->country;
        s.gender = tm->gender;
        at->explain.push_back("no subject written: continues «" + tm->resolved +
                              "», the subject of an earlier sentence");
        return;
      }
      if (ante >= 0) {
        const Attribution& p = a_.attributions[ante];
        s = p.source;
        s.mention = Span{};
        s.text.clear();
        s.antecedent = ante;
        at->via = p.via;
        at->explain.push_back("no subject written: continues the previous speaker «" +
                              p.source.resolved + "»");
      } else {
        s.kind = SourceKind::kUnspecified;
        s.anonymous = true;
        s.identification = Identification::kNone;
      }
      return;
    }
    Span sp = TokSpan(ph.begin, ph.end);
    sp.begin = norm_.orig[toks_[ph.begin].begin + ph.trim_front];
    s.mention = sp;
    s.text = Orig(sp);
    Classify(ph, &s);
    Resolve(ph, at, cue_tok);
  }

  // Kind, anonymity, entity, title and country from the phrase's lexicon hits.
  void Classify(const Phrase& ph, Source* s) const {
    const LexHit* first = nullptr;   // first head or entity hit, by position
    const LexHit* entity = nullptr;  // first entity (gazetteer) hit
    const LexHit* demonym = nullptr;
    bool vague = false, name = false;
    uint32_t covered_until = ph.begin;
    uint32_t title_end = ph.begin;
    for (uint32_t j = ph.begin; j < ph.end; ++j) {
      const LexHit* best = nullptr;
      for (const LexHit& h : HitsAt(j)) {
        if (h.end > ph.end) continue;
        Role r = h.sense.role;
        if (r == Role::kVague) vague = true;
        if (r == Role::kDemonym && !demonym) demonym = &h;
        if (IsEntityRole(r) && (!entity || (entity->begin == h.begin && h.end > entity->end)))
          if (!entity || entity->begin == h.begin) entity = &h;
        if ((IsHeadRole(r) || IsEntityRole(r)) && (!best || h.end > best->end)) best = &h;
        if (r == Role::kPerson) name = true;
      }
      if (best && !first) first = best;
      if (best && best->sense.role == Role::kTitle) title_end = std::max(title_end, best->end);
      bool known = j < covered_until;
      for (const LexHit& h : HitsAt(j))
        if (h.end <= ph.end) { known = true; covered_until = std::max(covered_until, h.end); }
      if (!known && IsWord(j) && toks_[j].kind == TokenKind::kWord && LooksLikeName(j)) name = true;
    }
    SourceKind kind = SourceKind::kPerson;
    Identification id = Identification::kNamed;
    if (first) {
      const Sense& f = first->sense;
      switch (f.role) {
        case Role::kDocumentHead: kind = SourceKind::kDocument; break;
        case Role::kOutletHead:
          kind = SourceKind::kOutlet;
          if (rules_.heads()[f.index].unnamed && !HasEntity(ph, Role::kOutlet)) {
            id = Identification::kVague;
          } else if (!HasEntity(ph, Role::kOutlet) && !name && !HasQuotedName(ph)) {
            id = Identification::kNamed;
          }
          break;
        case Role::kOutlet: kind = SourceKind::kOutlet; break;
        case Role::kAnonymousHead:
          kind = name ? SourceKind::kPerson : SourceKind::kAnonymous;
          id = name ? Identification::kNamed : Identification::kVague;
          break;
        case Role::kOfficialHead:
          kind = name ? SourceKind::kPerson : SourceKind::kOfficial;
          id = name ? Identification::kNamed : Identification::kRole;
          break;
        case Role::kTitle: {
          if (name || HasEntity(ph, Role::kPerson)) {
            kind = SourceKind::kPerson;
          } else {
            kind = rules_.heads()[f.index].unnamed_kind;
            id = kind == SourceKind::kOfficial ? Identification::kRole : Identification::kNamed;
          }
          break;
        }
        case Role::kPersonRole: case Role::kPerson: kind = SourceKind::kPerson; break;
        case Role::kInstitutionHead: case Role::kInstitution:
          kind = SourceKind::kInstitution;
          break;
        case Role::kStateHead: case Role::kState: case Role::kCapital: case Role::kSeat:
          kind = SourceKind::kState;
          break;
        default: break;
      }
    }
    (void)vague;
    // Grammatical gender, for agreement with a later verb: the head's, a state's (feminine).
    s->gender = 0;
    if (first) {
      Role r = first->sense.role;
      if (r == Role::kState || r == Role::kCapital) s->gender = 'f';
      else if (IsHeadRole(r)) s->gender = first->sense.gender;
      else if (r == Role::kPerson || r == Role::kPersonRole) s->gender = 'm';
    }
    s->kind = kind;
    s->identification = id;
    s->anonymous = kind == SourceKind::kOfficial || kind == SourceKind::kAnonymous ||
                   kind == SourceKind::kUnspecified ||
                   (kind == SourceKind::kOutlet && id == Identification::kVague);
    if (title_end > ph.begin) s->title = Orig(TokSpan(ph.begin, title_end));
    if (entity) {
      const EntityInfo& e = rules_.entities()[entity->sense.index];
      s->entity.id = e.id;
      s->entity.name_ar = e.name_ar;
      s->entity.name_en = e.name_en;
      s->entity.kind = e.kind;
      s->entity.country = e.country;
      if (entity->sense.role == Role::kCapital || entity->sense.role == Role::kSeat)
        s->entity.via_seat = Orig(TokSpan(entity->begin, entity->end));
      s->country = e.kind == SourceKind::kState ? e.country : e.country;
    }
    if (demonym && s->country.empty())
      s->country = rules_.entities()[demonym->sense.index].country;
  }

  bool HasEntity(const Phrase& ph, Role r) const {
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      if (Has(j, r)) return true;
    return false;
  }
  bool HasQuotedName(const Phrase& ph) const {
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      if (IsQuote(j)) return true;
    return false;
  }

  bool LooksLikeName(uint32_t j) const {
    std::string_view w = Norm(j);
    if (w.size() < 4) return false;
    if (Has(j, Role::kCommonWord)) return false;  // a common noun or adjective
    // A word that reads as preposition + article + word («بالأموال») is no name.
    for (int k = 0; k < toks_[j].ncand; ++k)
      if ((toks_[j].cand[k].mask & kCliticArticle) && (toks_[j].cand[k].mask & kCliticPrep))
        return false;
    if (w.size() >= 2 && w.substr(w.size() - 2) == "\xD9\x8A" && j + 1 < toks_.size() &&
        !(IsWord(j + 1) && !Covered(j + 1)))
      return false;  // a nisba adjective (أمني), unless another unknown word follows
    if (toks_[j].begin < norm_.text.size() &&
        static_cast<unsigned char>(norm_.text[toks_[j].begin]) < 0x80)
      return true;  // Latin letters
    return true;
  }

  static std::set<std::string> Stems(std::string_view norm, const std::vector<Token>& toks,
                                     uint32_t b, uint32_t e) {
    std::set<std::string> out;
    for (uint32_t j = b; j < e; ++j) {
      if (toks[j].kind != TokenKind::kWord) continue;
      std::string_view w = toks[j].Text(norm);
      // Article and prefix-stripped stem: the shortest reading without a pronoun.
      std::string_view best = w;
      for (int k = 1; k < toks[j].ncand; ++k)
        if (toks[j].cand[k].suffix == 0 && !(toks[j].cand[k].mask & kCliticConj))
          if (toks[j].Stem(norm, k).size() < best.size()) best = toks[j].Stem(norm, k);
      out.emplace(best);
    }
    return out;
  }

  // Resolves a mention to its antecedent in the article: «المصدر» -> «مصدر مطلع»,
  // «الوكالة» -> «وكالة أنباء سبوتنيك», «بوتين» -> «الرئيس الروسي فلاديمير بوتين».
  void Resolve(const Phrase& ph, Attribution* at, uint32_t) {
    Source& s = at->source;
    s.resolved = s.text;
    std::set<std::string> mine = Stems(norm_.text, toks_, ph.begin, ph.end);
    // A person named more fully elsewhere in the article («بوزداغ» -> «… بكر بوزداغ»), or the
    // same gazetteer person under a role («الرئيس الأميركي» -> «… دونالد ترامب»).
    if (s.kind == SourceKind::kPerson || s.kind == SourceKind::kOfficial) {
      const TextMention* fullest = nullptr;
      for (const TextMention& m : text_mentions_) {
        if (m.begin >= ph.begin && m.end <= ph.end) continue;  // the mention itself
        bool subset = !mine.empty() && m.stems.size() > mine.size() &&
                      std::includes(m.stems.begin(), m.stems.end(), mine.begin(), mine.end());
        bool same_entity = !s.entity.id.empty() && s.entity.id.rfind("local:", 0) != 0 &&
                           m.entity.id == s.entity.id;
        if ((subset || same_entity) && (!fullest || m.stems.size() > fullest->stems.size()))
          fullest = &m;
      }
      if (fullest && fullest->stems.size() > mine.size()) {
        s.resolved = fullest->resolved;
        if (s.entity.id.empty() || s.entity.id.rfind("local:", 0) == 0) s.entity = fullest->entity;
        at->explain.push_back("«" + s.text + "» is named in full as «" + fullest->resolved + "»");
        return;
      }
    }
    std::vector<std::string> my_groups = CoreferGroups(ph);
    int best = -1;
    for (int k = static_cast<int>(mentions_.size()) - 1; k >= 0; --k) {
      const Mention& m = mentions_[k];
      bool subset = !mine.empty() && std::includes(m.stems.begin(), m.stems.end(), mine.begin(),
                                                   mine.end());
      bool group = false;
      if (ph.end - ph.begin <= 2 && IsDefiniteHead(ph))
        for (const std::string& g : my_groups)
          for (const std::string& g2 : m.groups)
            if (g == g2) group = true;
      if ((subset && m.stems.size() > mine.size()) || group) {
        best = k;
        break;
      }
    }
    if (best >= 0) {
      const Mention& m = mentions_[best];
      s.resolved = m.resolved;
      if (m.attribution >= 0) {
        const Attribution& p = a_.attributions[m.attribution];
        if (s.kind != p.source.kind && IsDefiniteHead(ph)) s.kind = p.source.kind;
        if (s.entity.id.empty()) s.entity = p.source.entity;
        s.anonymous = p.source.anonymous;
        s.identification = p.source.identification;
        s.antecedent = m.attribution;
        // A via carries forward to the same speaker's continuation.
        if (at->via.empty() && m.attribution == last_speaker_) at->via = p.via;
      }
      at->explain.push_back("«" + s.text + "» refers back to «" + m.resolved + "»");
    }
    if (s.entity.id.empty()) {
      // A person known only by role: «الرئيس الروسي» -> the gazetteer's holder.
      std::string key;
      for (const std::string& w : mine) key += (key.empty() ? "" : "_") + w;
      s.entity.id = std::string("local:") + SourceKindName(s.kind) + ":" + key;
      s.entity.name_ar = s.resolved;
      s.entity.kind = s.kind;
    }
  }

  bool IsDefiniteHead(const Phrase& ph) const {
    for (const LexHit& h : HitsAt(ph.begin))
      if (IsHeadRole(h.sense.role) && h.sense.role != Role::kStateHead) return true;
    return false;
  }

  std::vector<std::string> CoreferGroups(const Phrase& ph) const {
    std::vector<std::string> g;
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      for (const LexHit& h : HitsAt(j))
        if (IsHeadRole(h.sense.role) || h.sense.role == Role::kVague)
          for (const std::string& c : rules_.heads()[h.sense.index].corefer) g.push_back(c);
    return g;
  }

  void SetContent(Attribution* at, const Content& c) {
    pending_.con_b = c.begin;
    pending_.con_e = c.end;
    at->content = TokSpan(c.begin, c.end);
    at->content_text = Orig(at->content);
    at->form = c.form;
  }

  void AddVia(Attribution* at, const Phrase& ph) {
    Span sp = TokSpan(ph.begin, ph.end);
    sp.begin = norm_.orig[toks_[ph.begin].begin + ph.trim_front];
    std::string name = Orig(sp);
    // Resolve «الوكالة» to its antecedent.
    std::set<std::string> mine = Stems(norm_.text, toks_, ph.begin, ph.end);
    std::vector<std::string> groups = CoreferGroups(ph);
    for (int k = static_cast<int>(mentions_.size()) - 1; k >= 0; --k) {
      const Mention& m = mentions_[k];
      bool subset = std::includes(m.stems.begin(), m.stems.end(), mine.begin(), mine.end());
      bool group = false;
      if (ph.end - ph.begin <= 2)
        for (const std::string& g : groups)
          for (const std::string& g2 : m.groups)
            if (g == g2) group = true;
      if ((subset && m.stems.size() > mine.size()) || group) {
        name = m.resolved;
        break;
      }
    }
    at->via.push_back(Clean(name));
    at->via_spans.push_back(sp);
    mentions_.push_back(Mention{mine, groups, Clean(name), -1});
  }

  static std::string Clean(const std::string& s) {
    std::string out;
    for (char c : s)
      if (c != '"') out += c;
    // Drop the guillemets and curly quotes too.
    for (const char* q : {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D"}) {
      size_t p;
      while ((p = out.find(q)) != std::string::npos) out.erase(p, 2 + (q[0] == '\xE2'));
    }
    return out;
  }

  void Finish(Attribution* at, const std::string& rule, const SentenceRange& sr,
              bool speaker = true) {
    const PatternInfo& p = rules_.pattern(rule);
    if (!p.enabled && p.id == rule) return;
    at->rule = rule;
    at->confidence = p.id == rule ? p.confidence : 0.5f;
    at->cue_text = Orig(at->cue);
    if (at->source.resolved.empty() && at->source.kind != SourceKind::kUnspecified)
      at->source.resolved = at->source.text;
    at->source.resolved = Clean(at->source.resolved);
    if (!at->source.mention.empty() && at->source.kind != SourceKind::kUnspecified) {
      // Anonymity reason stated in the same sentence.
      for (uint32_t j = sr.begin; j < sr.end; ++j)
        if (const LexHit* h = Hit(j, Role::kReason)) {
          at->source.reason = TokSpan(h->begin, h->end);
          break;
        }
    }
    if (opt_.explain) {
      at->explain.insert(at->explain.begin(),
                         "rule " + rule + " (" + p.description + ") on cue «" + at->cue_text + "»");
    }
    int idx = static_cast<int>(a_.attributions.size());
    Phrase cue_ph = PhraseOf(at->cue);
    pending_.cue_b = cue_ph.begin;
    pending_.cue_e = cue_ph.end;
    pending_.sentence = sent_of_[cue_ph.begin];
    att_toks_.push_back(pending_);
    pending_ = AttrTokens{};
    a_.attributions.push_back(std::move(*at));
    const Attribution& done = a_.attributions.back();
    sent_attrs_.push_back(idx);
    if (speaker && done.source.kind != SourceKind::kUnspecified) {
      last_speaker_ = idx;
      bool explicit_source = !done.source.mention.empty() &&
                             Plausible(PhraseOf(done.source.mention));
      if ((explicit_source || done.source.antecedent >= 0) && rule.rfind("prep.", 0) != 0) {
        last_explicit_ = idx;
        explicit_.push_back(idx);
      }
      if (!done.source.mention.empty()) {
        Phrase ph = PhraseOf(done.source.mention);
        Mention m{Stems(norm_.text, toks_, ph.begin, ph.end), CoreferGroups(ph),
                  done.source.resolved, idx};
        mentions_.push_back(std::move(m));
      }
    }
    last_ = idx;
  }

  Phrase PhraseOf(Span orig) const {
    // Tokens whose original span lies in `orig`.
    Phrase p;
    for (uint32_t j = 0; j < toks_.size(); ++j) {
      Span t = TokSpan(j, j + 1);
      if (t.end <= orig.begin) continue;
      if (t.begin >= orig.end) break;
      if (p.begin == kNone) p.begin = j;
      p.end = j + 1;
    }
    return p;
  }

  // A person named in the text (not necessarily as a source): title, official, or a name from
  // the gazetteer, found before attributions are extracted.
  struct TextMention {
    uint32_t begin, end;     // tokens
    uint32_t sentence;
    bool first_in_sentence;
    SourceKind kind;
    bool anonymous;
    Identification identification;
    std::string resolved;
    Entity entity;
    std::string country;
    std::set<std::string> stems;
    char gender;
  };

  void FindTextMentions() {
    for (uint32_t s = 0; s < sents_.size(); ++s) {
      const SentenceRange& sr = sents_[s];
      bool first = true;
      bool quoted = false;
      for (uint32_t j = sr.begin; j < sr.end;) {
        if (IsQuote(j)) quoted = !quoted;
        if (quoted ||
            !HasAny(j, {Role::kTitle, Role::kOfficialHead, Role::kPerson, Role::kPersonRole})) {
          ++j;
          continue;
        }
        Phrase ph = SourcePhrase(j, sr.end);
        if (ph.empty()) {
          ++j;
          continue;
        }
        ph.end = Apposition(ph, sr.end);
        Source src;
        Classify(ph, &src);
        if (src.kind == SourceKind::kPerson || src.kind == SourceKind::kOfficial) {
          // A subject opens its sentence: «X قال», «وقال X», «وأقال X …».
          bool subject = first && ph.begin <= sr.begin + 2;
          TextMention m{ph.begin, ph.end, s, subject, src.kind, src.anonymous, src.identification,
                        Clean(Orig(TokSpan(ph.begin, ph.end))), src.entity, src.country,
                        Stems(norm_.text, toks_, ph.begin, ph.end), src.gender};
          // The fullest earlier mention of the same person names it.
          for (auto it = text_mentions_.rbegin(); it != text_mentions_.rend(); ++it)
            if (it->stems.size() > m.stems.size() &&
                std::includes(it->stems.begin(), it->stems.end(), m.stems.begin(), m.stems.end())) {
              m.resolved = it->resolved;
              if (m.entity.id.empty() || m.entity.id.rfind("local:", 0) == 0) m.entity = it->entity;
              break;
            }
          if (m.entity.id.empty()) {
            m.entity.id = std::string("local:") + SourceKindName(m.kind) + ":" + m.resolved;
            m.entity.name_ar = m.resolved;
            m.entity.kind = m.kind;
          }
          text_mentions_.push_back(std::move(m));
          first = false;
        }
        j = ph.end;
      }
    }
  }

  // The latest person mentioned as a sentence's first person before token `tok`, or earlier in
  // tok's own sentence.
  const TextMention* LatestMention(uint32_t tok) const {
    uint32_t sent = sent_of_[tok];
    for (auto it = text_mentions_.rbegin(); it != text_mentions_.rend(); ++it) {
      if (it->end > tok) continue;
      if (it->sentence == sent || it->first_in_sentence) return &*it;
    }
    return nullptr;
  }

  // Token ranges of an attribution, for the dispute pass.
  struct AttrTokens {
    uint32_t cue_b = kNone, cue_e = kNone, con_b = kNone, con_e = kNone, sentence = kNone;
    int dispute = 0;  // 0 never, 1 always, 2 when the object names a claim
  };

  struct Mention {
    std::set<std::string> stems;
    std::vector<std::string> groups;
    std::string resolved;
    int attribution;
  };

  const RuleSet& rules_;
  const SentenceSplitter& splitter_;
  const AnalyzeOptions& opt_;
  Analysis& a_;
  NormalizedText norm_;
  std::vector<Token> toks_;
  std::vector<LexHit> hits_;
  std::vector<uint32_t> first_;
  std::vector<SentenceRange> sents_;
  std::vector<uint32_t> sent_of_;
  std::vector<int> sent_attrs_;
  std::vector<Mention> mentions_;
  std::vector<TextMention> text_mentions_;
  std::vector<AttrTokens> att_toks_;
  AttrTokens pending_;
  int last_speaker_ = -1;
  int last_explicit_ = -1;  // the last speaker named in the text (or continued)
  std::vector<int> explicit_;  // every such speaker, in order
  char cue_gender_ = 0;        // gender of the cue being resolved (verb or participle form)
  int last_ = -1;
  Phrase pending_via_;
  const SentenceRange* pending_via_sentence_ = nullptr;
};

}  // namespace

Analyzer::Analyzer(RuleSet rules, AnalyzeOptions opt) : rules_(std::move(rules)), opt_(opt) {}

Analysis Analyzer::Analyze(Document doc) const {
  // One splitter per thread: ICU break iterators are not thread-safe, and building one costs
  // more than analyzing a short article.
  thread_local SentenceSplitter splitter;
  Analysis a;
  a.doc = std::move(doc);
  if (a.doc.text.empty()) return a;
  Run run(rules_, splitter, opt_, &a);
  run.Go();
  return a;
}

}  // namespace isnad
