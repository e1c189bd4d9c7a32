#include "analyzer/analyzer.h"

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

#include "analyzer/normalizer.h"
#include "analyzer/segmenter.h"
#include "analyzer/tokenizer.h"
#include "analyzer/utf8.h"

namespace isnad {

const char* FormName(Form f) {
  switch (f) {
    case Form::kDirect:
      return "direct";
    case Form::kIndirect:
      return "indirect";
    case Form::kMixed:
      return "mixed";
  }
  return "indirect";
}

const char* IdentificationName(Identification i) {
  switch (i) {
    case Identification::kNamed:
      return "named";
    case Identification::kRole:
      return "role";
    case Identification::kVague:
      return "vague";
    case Identification::kNone:
      return "none";
  }
  return "none";
}

namespace {

constexpr uint32_t kNone = 0xFFFFFFFF;
constexpr int kMaxSourceTokens = 14;
// Bounds that keep the work linear on text that is no article (tests/bad_input_test.cc,
// Growth): a reported clause runs over at most kMaxContentTokens tokens (the longest content
// in the ANT corpus has about 260), and coreference looks back over at most kMaxLookback
// earlier mentions or speakers (its busiest article has 70 attributions).
constexpr uint32_t kMaxContentTokens = 512;
constexpr int kMaxLookback = 256;
// A denied clause answers a claim made at most this many sentences before it.
constexpr uint32_t kClaimSentences = 6;

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

// A role that can anchor a source phrase: a head noun or a named entity.
bool IsAnchorRole(Role r) { return IsEntityRole(r) || IsHeadRole(r); }

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
    DropTehMarbutaPronouns();
    // Quote marks before each token, so that InsideQuote is O(1) (bad_input_test, Growth).
    quotes_before_.assign(toks_.size() + 1, 0);
    for (uint32_t k = 0; k < toks_.size(); ++k)
      quotes_before_[k + 1] = quotes_before_[k] + (IsQuote(k) ? 1 : 0);
    rules_.Match(n, toks_, &hits_);
    DropMarkersBeforeExcludedWords();
    DropUnquotedNames();
    // Index hits by start token.
    first_.assign(toks_.size() + 1, 0);
    for (const LexHit& h : hits_) ++first_[h.begin + 1];
    for (size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
    // The roles of the hits at each token, one bit each, so that Has() is a bit test.
    static_assert(static_cast<int>(Role::kCount) <= 64);
    roles_at_.assign(toks_.size(), 0);
    for (const LexHit& h : hits_)
      roles_at_[h.begin] |= uint64_t{1} << static_cast<int>(h.sense.role);
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
  // Normalization writes ة as ه, so «إجابة» reads like «أجابه» (answered him). A pronoun
  // reading that strips a final ه is dropped when the original letter is ة (U+0629).
  void DropTehMarbutaPronouns() {
    const std::string& n = norm_.text;
    const std::string& orig = a_.doc.text;
    for (Token& t : toks_) {
      if (t.kind != TokenKind::kWord || t.end < t.begin + 2) continue;
      uint32_t last = t.end - 2;  // ه is two bytes
      if (n.compare(last, 2, "\xD9\x87") != 0) continue;
      uint32_t o = norm_.orig[last];
      if (o + 2 > orig.size() || orig.compare(o, 2, "\xD8\xA9") != 0) continue;
      int w = 0;
      for (int k = 0; k < t.ncand; ++k)
        if (!(t.cand[k].suffix == 2 && (t.cand[k].mask & kCliticPron))) t.cand[w++] = t.cand[k];
      t.ncand = static_cast<uint8_t>(w);
    }
  }

  // A name that is also a common word («اللواء», a rank; «العراقية» in «الحكومة العراقية»)
  // names its entity only between quotes: «صحيفة "اللواء"», «وكالة "معا" الفلسطينية».
  void DropUnquotedNames() {
    std::erase_if(hits_, [&](const LexHit& h) {
      return h.sense.quoted_only &&
             !(h.begin > 0 && IsQuote(h.begin - 1) && h.end < toks_.size() && IsQuote(h.end));
    });
  }

  // A marker whose `not_next` lists the following word plays no role there: «مهددا بالتدخل
  // إن لم تفعل» («إن لم» is «if not», no complementizer); nor one whose `not_prev` lists the
  // word before it («تم نشر»).
  void DropMarkersBeforeExcludedWords() {
    std::erase_if(hits_, [&](const LexHit& h) {
      if (!IsMarkerRole(h.sense.role)) return false;
      const MarkerInfo& m = rules_.markers()[h.sense.index];
      if (h.begin > 0 && !m.not_prev.empty() && IsWord(h.begin - 1) &&
          std::find(m.not_prev.begin(), m.not_prev.end(), Norm(h.begin - 1)) != m.not_prev.end())
        return true;
      if (h.end >= toks_.size() || m.not_next.empty()) return false;
      std::string_view next = Norm(h.end);
      return std::find(m.not_next.begin(), m.not_next.end(), next) != m.not_next.end();
    });
  }

  static bool IsMarkerRole(Role r) { return TableOf(r) == RoleTable::kMarkers; }

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
  bool Has(uint32_t i, Role r) const { return (roles_at_[i] >> static_cast<int>(r)) & 1; }
  bool HasAny(uint32_t i, std::initializer_list<Role> rs) const {
    for (Role r : rs)
      if (Has(i, r)) return true;
    return false;
  }
  // True when a lexicon phrase that starts at most 4 tokens before token i, and at or before
  // `last_start`, covers i and satisfies `pred`.
  template <typename Pred>
  bool CoveringHit(uint32_t i, uint32_t last_start, Pred pred) const {
    for (uint32_t j = (i >= 4 ? i - 4 : 0); j <= last_start; ++j)
      for (const LexHit& h : HitsAt(j))
        if (h.end > i && pred(h)) return true;
    return false;
  }

  // True when a lexicon phrase other than the common-word list (or an age) covers token i.
  bool CoveredByName(uint32_t i) const {
    return CoveringHit(i, i, [](const LexHit& h) {
      return h.sense.role != Role::kCommonWord && h.sense.role != Role::kAge;
    });
  }

  // True when any lexicon phrase covers token i.
  bool Covered(uint32_t i) const {
    return CoveringHit(i, i, [](const LexHit&) { return true; });
  }

  bool InScope(const SentenceRange& s) const {
    const Document& d = a_.doc;
    if (!d.web_layout) return true;
    Span sp = TokSpan(s.begin, s.end);
    bool in_title =
        !d.title_span.empty() && sp.begin >= d.title_span.begin && sp.begin < d.title_span.end;
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
    switch (TableOf(s.role)) {
      case RoleTable::kVerbs:
        return rules_.verbs()[s.index].lemma;
      case RoleTable::kMarkers:
        return rules_.markers()[s.index].phrase;
      case RoleTable::kEntities:
        return rules_.entities()[s.index].id;
      case RoleTable::kHeads:
        return rules_.heads()[s.index].phrase;
      case RoleTable::kNone:
        break;
    }
    return {};
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
      // A stated reason for anonymity («طلب عدم ذكر اسمه», «رفض الكشف عن هويته») describes
      // the source; its verbs report nothing.
      if (const LexHit* h = Hit(i, Role::kReason)) {
        i = h->end;
        continue;
      }
      Cue cue;
      if (!CueAt(i, sr.end, &cue)) {
        // Skip over an aside whole.
        bool aside = false;
        for (const LexHit& h : HitsAt(i))
          if (h.sense.role == Role::kAside) {
            i = h.end;
            aside = true;
            break;
          }
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
        case Role::kVerb:
          // «تريد أن ترى رخاء اقتصاديا», «من المتوقع أن يعلن …»: a verb after a subjunctive
          // particle is an intent, not a report.
          if (cue.hit->sense.imperfect && AfterSubjunctive(i)) break;
          next = std::max(next, Verb(sr, cue));
          break;
        case Role::kAgentlessVerb:
          next = std::max(next, Agentless(sr, cue));
          break;
        case Role::kCueParticiple:
          // «ومثل 11 متهمًا», «إلى عدم مطالبة أزواجهن», «بعد مطالبة الموظفين»: after a
          // number, a preposition or a negation noun the word is a noun, no participle.
          if (i > sr.begin && (toks_[i - 1].kind == TokenKind::kNumber ||
                               HasAny(i - 1, {Role::kPreposition, Role::kNegation})))
            break;
          next = std::max(next, Participle(sr, cue));
          break;
        case Role::kCuePrep:
          next = std::max(next, Prep(sr, cue));
          break;
        case Role::kCueNominal:
          next = std::max(next, Nominal(sr, cue));
          break;
        default:
          break;
      }
      i = next;
    }
  }

  // ---- phrases -------------------------------------------------------------------------

  // True when token j can not be part of a source phrase.
  bool StopsPhrase(uint32_t j) const {
    if (!IsWord(j)) return true;
    for (const LexHit& h : HitsAt(j)) {
      // «وزعم المتهم بأن …»: away from a comma, a passive participle is a noun.
      if (h.sense.role == Role::kAgentlessVerb && AppositionForm(h) &&
          !(j > 0 && IsPunct(j - 1, ',')))
        continue;
      switch (h.sense.role) {
        case Role::kVerb:
        case Role::kAgentlessVerb:
        case Role::kCuePrep:
        case Role::kAnaphor:
        case Role::kCueNominal:
        case Role::kCueParticiple:
        case Role::kComplementizer:
        case Role::kQuoteIntro:
        case Role::kRelayFrom:
        case Role::kViaIntro:
        case Role::kAdjunct:
        case Role::kContentStop:
        case Role::kAside:
        case Role::kAuxiliary:
        case Role::kReason:
        case Role::kConcession:
          return true;
        default:
          break;
      }
    }
    return false;
  }

  // An agentless cue that reports only in apposition, after a comma («غولن، المتهم بأنه …»).
  bool AppositionForm(const LexHit& h) const {
    const std::vector<std::string>& f = rules_.verbs()[h.sense.index].apposition_forms;
    return std::find(f.begin(), f.end(), Norm(h.begin)) != f.end();
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
    // «اعتبر علي بن محمد الرميحي …»: a preposition spelled as a given name before a name.
    const bool given_name = p + 1 < limit && GivenNameSpelling(p) && IsWord(p + 1) &&
                            (HasAny(p + 1, {Role::kPerson, Role::kNpConnector}) || !Covered(p + 1));
    if (p >= limit || StopsPhrase(p) || (Has(p, Role::kPreposition) && !given_name) ||
        Has(p, Role::kRelative))
      return ph;
    ph.begin = p;
    uint32_t j = p;
    uint32_t good = p;  // end of the last accepted word or quoted group
    uint32_t count = 0;
    bool prev_head = false;
    bool prev_title = false;  // the last word (or phrase) taken is a title: «رئيس الوزراء»
    uint32_t name_second = kNone;  // the second word of a two-word name after a title
    bool complete = false;         // a state's name (or its seat) ends the phrase
    bool anchored = false;         // the phrase has a head noun or a gazetteer entity
    bool named = false;            // the phrase has a name (a person, a state, an unknown name)
    bool named_entity = false;     // … the name of an outlet or an institution
    bool after_name = false;       // the last word taken is a person's name
    while (j < limit && count < kMaxSourceTokens) {
      if (IsQuote(j)) {
        // A quoted name inside the phrase: وكالة "تاس" الروسية (not after a name: «محمود
        // عباس "غير ملائم"»). After a role that names a person only a person's name
        // («المرشد الأعلى الإيراني "آية الله على خامنئي"»), not a quoted word of the content
        // («إن الرئيس الأمريكي "أخطأ"», «ولم يوضح الرئيس الإيراني "طبيعة تلك الخطط"»).
        if (j == ph.begin || named) break;
        bool after_role = false;
        for (uint32_t k = j > 4 ? j - 4 : 0; k < j; ++k)
          if (const LexHit* h = Hit(k, Role::kPersonRole); h && h->end == j) after_role = true;
        uint32_t k = j + 1;
        while (k < limit && k < j + 6 && !IsQuote(k) && IsWord(k)) ++k;
        if (after_role) {
          bool person = false, names = k > j + 2;
          for (uint32_t x = j + 1; x < k; ++x) {
            if (Has(x, Role::kPerson)) person = true;
            if (Covered(x) || !LooksLikeName(x)) names = false;
          }
          if (!person && !names) break;
        }
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
      // «وقال محمد علي الحوثي», «وقال الوزير علي حسن»: a marker spelled as a given name
      // continues a name (before «أن» too: «علي أن» is no «على أن»), or after a title starts
      // one when a name or connector follows.
      if (j > p && IsWord(j) && GivenNameSpelling(j) &&
          (Has(j - 1, Role::kPerson) ||
           (IsWord(j - 1) && !Covered(j - 1) && LooksLikeName(j - 1)) ||
           (prev_title && j + 1 < limit && IsWord(j + 1) &&
            (HasAny(j + 1, {Role::kPerson, Role::kNpConnector}) || !Covered(j + 1))))) {
        named = true;
        prev_head = prev_title = false;
        ++count;
        good = ++j;
        continue;
      }
      if (!IsWord(j) || StopsPhrase(j) || Has(j, Role::kRelative)) break;
      // The word that governs a stated reason («مصدر طلب عدم الكشف عن هويته», «شريطة عدم
      // ذكر اسمه») is not part of the source.
      if (j + 1 < limit && GovernedReason(j + 1)) break;
      if (j > p && prev_head && Has(j, Role::kPreposition) && !Has(j, Role::kRelayFrom) &&
          j + 1 < limit && Anchor(j + 1)) {
        ++j;
        prev_head = false;
        continue;
      }
      if (j > p && Has(j, Role::kPreposition)) break;
      // A named outlet with an attached preposition is the via, even after a head: «وقال
      // مسؤولون لبي بي سي إن» (not an outlet head: «مسؤول بوكالة الفضاء»).
      if (j > p && AttachedOutletName(j)) break;
      // After a head, a common word with an attached preposition starts the object or an
      // adjunct: «الميليشيات بمصرع …», «البلاغ بإصدار أمر».
      if (j > p && prev_head && HasPrepReading(j) && Has(j, Role::kCommonWord) &&
          !CoveredByName(j) && !Has(j, Role::kDemonym))
        break;
      if (j > p && !prev_head && !Has(j, Role::kNpConnector) && IsPrepAttached(j)) break;
      // After a complete name, an unknown word with an attached preposition («الدوحة بإطلاق»)
      // or another entity («قطر السعودية») starts the object.
      // «الولايات المتحدة وبريطانيا وإيطاليا وفرنسا»: states coordinated with و.
      if (complete && IsWord(j)) {
        uint32_t next = j;
        for (const LexHit& h : HitsAt(j))
          if ((h.sense.role == Role::kState || h.sense.role == Role::kCapital) &&
              (h.mask & kCliticConj) && h.end <= limit)
            next = std::max(next, h.end);
        if (next > j) {
          count += next - j;
          j = next;
          good = j;
          continue;
        }
      }
      if (complete) break;
      // After a title, an unknown two-word name is the holder even when its first word reads
      // as preposition + word: «نائب رئيس الوزراء بكر بوزداغ», «رئيس الوزراء بويكو بوريسوف».
      bool title_name = prev_title && !Covered(j) && HasPrepReading(j) && LooksLikeName(j) &&
                        j + 1 < limit && IsWord(j + 1) &&
                        ((!Covered(j + 1) && LooksLikeName(j + 1)) || Has(j + 1, Role::kPerson));
      if (j > p && anchored && !Covered(j) && HasPrepReading(j) && !prev_head && !title_name &&
          j != name_second)
        break;
      if (title_name) name_second = j + 1;
      // After a name, a common word starts what follows the phrase: «الرئيس الفلسطيني محمود
      // عباس غير ملائم», «كيم جونغ أون زعيم كوريا الشمالية وقف الاختبارات».
      // A word with the article may be a family name («عبدالله المطلق»).
      if (named && Has(j, Role::kCommonWord) && !CoveredByName(j) && !Has(j, Role::kDemonym) &&
          (!HasArticleReading(j) || named_entity))
        break;
      // After a person's name, a state, its seat or an institution is the verb's object:
      // «اتهم وزير الداخلية ساجد جاويد موسكو …», «ويتهم شريف الجيش بالتآمر».
      if (after_name && HasAny(j, {Role::kState, Role::kCapital, Role::kSeat, Role::kInstitution,
                                   Role::kInstitutionHead}))
        break;
      const bool after_title = prev_head || prev_title;
      // After a phrase that is a head with the article, an unknown word is no name of it but
      // what follows the phrase: «ووصفت المحطة الكربي بأنه …» (a name follows a head without
      // the article, «محطة العربية», or a title's complement, «وزير الداخلية ساجد جاويد»).
      if (j == p + 1 && prev_head && !Covered(j) && DefiniteHeadBefore(j)) break;
      prev_head = IsHeadLike(j) || Has(j, Role::kNpConnector);
      prev_title = Has(j, Role::kTitle);
      // Jump over a whole gazetteer or head phrase starting here.
      uint32_t next = j + 1;
      for (const LexHit& h : HitsAt(j)) {
        Role r = h.sense.role;
        if (IsAnchorRole(r) && h.end <= limit && h.end > next) next = h.end;
        if (IsAnchorRole(r)) anchored = true;
        if ((r == Role::kState || r == Role::kCapital || r == Role::kSeat) && j == p)
          complete = true;
      }
      for (const LexHit& h : HitsAt(j)) {
        Role r = h.sense.role;
        if ((r == Role::kPerson || r == Role::kState || r == Role::kCapital) && h.end <= limit)
          named = true;
        // An outlet's or institution's name is whole: «وكالة الأناضول الرجال الستة …».
        if ((r == Role::kOutlet || r == Role::kInstitution) && h.end <= limit)
          named = named_entity = true;
      }
      // A name word: a gazetteer person, or an unknown word after a title or another name
      // word, or one the article repeats (not «مسلحو المعارضة», «قائدا الأمن»).
      const bool name_word = next == j + 1 && !Covered(j) && LooksLikeName(j);
      if (name_word) named = true;
      after_name = name_word && (after_name || after_title || RepeatsEarlierName(j));
      for (const LexHit& h : HitsAt(j))
        if (h.sense.role == Role::kPerson && h.end == next) after_name = true;
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

  // A one-word head noun with the article ends right before token j: «المحطة», «الصحيفة».
  bool DefiniteHeadBefore(uint32_t j) const {
    for (const LexHit& h : HitsAt(j - 1))
      if (h.end == j && (h.mask & kCliticArticle) &&
          (h.sense.role == Role::kOutletHead || h.sense.role == Role::kDocumentHead ||
           h.sense.role == Role::kInstitutionHead))
        return true;
    return false;
  }

  // Token j starts a gazetteer outlet with an attached preposition: «لرويترز», «لبي بي سي».
  bool AttachedOutletName(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (h.sense.role == Role::kOutlet && (h.mask & kCliticPrep)) return true;
    return false;
  }

  // Token j is written exactly as a marker's `name_spelling` (علي for على).
  bool GivenNameSpelling(uint32_t j) const {
    if (toks_[j].kind != TokenKind::kWord) return false;
    const std::string w = Orig(TokSpan(j, j + 1));
    for (const LexHit& h : HitsAt(j))
      if (IsMarkerRole(h.sense.role) && h.end == j + 1 &&
          rules_.markers()[h.sense.index].name_spelling == w)
        return true;
    return false;
  }

  // Token j starts a stated reason whose governing word stands before it.
  const LexHit* GovernedReason(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (h.sense.role == Role::kReason && rules_.heads()[h.sense.index].governed) return &h;
    return nullptr;
  }

  // Token j starts a gazetteer entity or head noun.
  bool Anchor(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (IsAnchorRole(h.sense.role)) return true;
    return false;
  }

  // Apposition after a phrase: «مؤسس المنظمة، أكسيل ستيير،» / «المرشد الإيراني، علي خامنئي،».
  // Returns the extended end, or ph.end.
  uint32_t Apposition(const Phrase& ph, uint32_t limit) const {
    if (ph.empty() || ph.end + 2 >= limit || !IsPunct(ph.end, ',')) return ph.end;
    uint32_t j = ph.end + 1;
    uint32_t k = j;
    // Structure carries the apposition: words between two commas, before the content.
    while (k < limit && k < j + 4 && IsWord(k) && (!CoveredByName(k) || Has(k, Role::kPerson))) ++k;
    if (k == j || k - j < 2) return ph.end;
    if (k < limit && (IsPunct(k, ',') || Has(k, Role::kComplementizer) || IsPunct(k, ':')))
      return k;
    return ph.end;
  }

  // «…، حسب ما أعلنه المتحدث باسم رئيس الوزراء الإسرائيلي لشؤون الإعلام العربي، أوفير
  // جندلمان.»: at the end of its sentence, the phrase of an official or a title runs on over a
  // short complement and one comma to the name of the holder (two to four name-like words).
  // Returns the extended end, or ph.end.
  uint32_t FinalApposition(const Phrase& ph, uint32_t limit) const {
    uint32_t e = limit;
    while (e > ph.end && !IsWord(e - 1)) --e;  // the closing punctuation
    if (e <= ph.end || e - ph.end > 10) return ph.end;
    uint32_t comma = kNone;
    for (uint32_t j = ph.end; j < e; ++j) {
      if (IsPunct(j, ',') && comma == kNone) {
        comma = j;
        continue;
      }
      if (!IsWord(j) || StopsPhrase(j)) return ph.end;
    }
    if (comma == kNone || comma > ph.end + 4 || e < comma + 3 || e > comma + 5) return ph.end;
    for (uint32_t j = comma + 1; j < e; ++j)
      if (!Has(j, Role::kPerson) && (Covered(j) || !LooksLikeName(j))) return ph.end;
    Source s;
    Classify(ph, &s);
    if (s.kind != SourceKind::kOfficial && s.kind != SourceKind::kPerson) return ph.end;
    return e;
  }

  // Some reading of the word strips the article («المطلق»).
  bool HasArticleReading(uint32_t j) const {
    const Token& t = toks_[j];
    for (int k = 1; k < t.ncand; ++k)
      if ((t.cand[k].mask & kCliticArticle) && !(t.cand[k].mask & kCliticPrep)) return true;
    return false;
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
               !HasAny(j, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep, Role::kViaIntro,
                           Role::kAdjunct}) &&
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

  // A word with an attached preposition whose stem is an outlet or outlet head: «لرويترز»,
  // or starts one of several words: «لبي بي سي عربي», «لسكاي نيوز», «لفرانس برس».
  Phrase ViaAttached(uint32_t j, uint32_t limit) const {
    if (j >= limit || !IsWord(j)) return Phrase{};
    uint32_t end = j;
    for (const LexHit& h : HitsAt(j))
      if ((h.sense.role == Role::kOutlet || h.sense.role == Role::kOutletHead) &&
          (h.mask & kCliticPrep) && h.end <= limit)
        end = std::max(end, h.end);
    if (end == j) return Phrase{};
    Phrase p;
    p.begin = j;
    p.trim_front = PrepBytesOnFirst(Phrase{j, j + 1, 0});
    Phrase rest = SourcePhraseContinue(end, limit);
    p.end = rest.empty() ? end : rest.end;
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
             h.sense.role == Role::kOutletHead) &&
            h.end <= limit)
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
    send = std::min(send, p + kMaxContentTokens);
    for (uint32_t j = p; j < send; ++j) {
      bool after_comma = j > p && (IsPunct(j - 1, ',') || IsPunct(j - 1, ';'));
      if (IsNewline(j) && !InsideQuote(p, j)) return j;
      // «… خلال "أيام معدودة،" مضيفًا: …»: a closing quote mark ends the clause before a
      // participle or prepositional cue as a comma does.
      if (!after_comma && j > p + 1 && IsQuote(j - 1) && !InsideQuote(p, j) && NewCueAt(j, send))
        return j;
      if (!after_comma) {
        // «… "لا يزال طويلا" وذلك بعد يوم …», «… فوق مجالها الجوي بالقول: …»: a strong content
        // stop or participle ends the clause even without a comma.
        bool conj_stop = false;
        for (const LexHit& h : HitsAt(j))
          if ((h.sense.role == Role::kContentStop || h.sense.role == Role::kCueParticiple) &&
              rules_.markers()[h.sense.index].strong)
            conj_stop = true;
        if (!conj_stop || j == p || InsideQuote(p, j)) continue;
        return j;
      }
      if (InsideQuote(p, j)) continue;
      // «…، ما شكل قطيعة مع …», «…، التي تشهد حالة انهيار …»: a relative clause after a
      // comma that runs to the end of the sentence is the writer's comment on the content
      // (a relative clause closed by a second comma, «الحريق، الذي نشب ظهر الأحد، في …»,
      // stays inside).
      if (Has(j, Role::kRelative) && !CommaIn(j + 1, send)) return j - 1;
      // «…، لكنها تحث الكرملين …»: a connective, then a new cue verb.
      if (const LexHit* aux = Hit(j, Role::kAuxiliary);
          aux && aux->end < send && Has(aux->end, Role::kVerb))
        return j - 1;
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

  // A participle cue, a prepositional cue (with its verb when it needs one) or a strong
  // content stop starts at token j: «"…" مضيفًا», «"…" وفقا لما نقلت», «"…" وذلك».
  bool NewCueAt(uint32_t j, uint32_t send) const {
    for (const LexHit& h : HitsAt(j)) {
      Role r = h.sense.role;
      if (r == Role::kCueParticiple) return true;
      if (r == Role::kContentStop && rules_.markers()[h.sense.index].strong) return true;
      if (r == Role::kCuePrep && (!rules_.markers()[h.sense.index].needs_verb ||
                                  (h.end < send && Has(h.end, Role::kVerb))))
        return true;
    }
    return false;
  }

  bool AfterSubjunctive(uint32_t i) const {
    for (uint32_t j = i >= 3 ? i - 3 : 0; j < i; ++j)
      for (const LexHit& h : HitsAt(j))
        if (h.end == i && h.sense.role == Role::kComplementizer && !(h.mask & kCliticPron) &&
            rules_.markers()[h.sense.index].subjunctive)
          return true;
    return false;
  }

  bool CommaIn(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k)
      if (IsPunct(k, ',') || IsPunct(k, ';')) return true;
    return false;
  }

  bool HasConj(uint32_t j) const {
    for (const LexHit& h : HitsAt(j))
      if (h.mask & kCliticConj) return true;
    return false;
  }

  // An odd number of quote marks in [from, j).
  bool InsideQuote(uint32_t from, uint32_t j) const {
    if (j <= from) return false;
    return ((quotes_before_[j] - quotes_before_[from]) & 1) != 0;
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
      bool fragment = k + 1 < send && IsWord(k + 1) && !NewCueAt(k + 1, send);
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

  // A verb with `requires_next` reports only when the word at `next` is one of them («حمل
  // المسؤولية», «برأ نفسه»); any other verb always.
  bool RequiredNextFits(const VerbInfo& v, uint32_t next, uint32_t send) const {
    if (v.requires_next.empty()) return true;
    if (next >= send) return false;
    return std::find(v.requires_next.begin(), v.requires_next.end(), Norm(next)) !=
           v.requires_next.end();
  }

  uint32_t Verb(const SentenceRange& sr, const Cue& cue) {
    const VerbInfo& v = rules_.verbs()[cue.hit->sense.index];
    uint32_t send = sr.end;
    cut_object_ = Phrase{};
    if (!RequiredNextFits(v, cue.end, send)) return cue.end;
    // «خالد الشيخ أحمد الذي يعتبر العقل المدبر …», «التي تعتبر شديدة الوعورة»: after a relative
    // pronoun, with no complementizer in the next words, the passive (is considered): no report
    // (not «القرية التي تعتبر السلطات الإسرائيلية أنها بنيت …»).
    if (cue.begin > sr.begin && Has(cue.begin - 1, Role::kRelative) &&
        std::find(v.passive_after_relative.begin(), v.passive_after_relative.end(),
                  Norm(cue.begin)) != v.passive_after_relative.end()) {
      bool clause = false;
      for (uint32_t x = cue.end; x < send && x < cue.end + 6 && !IsPunct(x, ','); ++x)
        if (Has(x, Role::kComplementizer)) clause = true;
      if (!clause) return cue.end;
    }
    // «إن دعت الحاجة»: a next word that marks a sense reporting nothing.
    if (cue.end < send && !v.not_next.empty() &&
        std::find(v.not_next.begin(), v.not_next.end(), Norm(cue.end)) != v.not_next.end())
      return cue.end;
    // Relay: «نقلت X عن Y قوله …»
    if (v.relay) {
      uint32_t r = RelayVerb(sr, cue, v);
      if (r != kNone) return r;
    }
    std::vector<Phrase> via;
    Phrase accused;        // DirectObject: the party accused
    bool passive = false;  // DirectObject: the verb read as the passive
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
    // A verb that takes only an object («ألقى باللوم») reports no clause.
    Content c = v.object_only ? Content{} : ContentAt(p, send, false, &introduced);
    // A verb that takes only a clause may be followed by a prepositional adjunct before it:
    // «وكان عباس قد قال في مستهل اجتماع للقيادة … إن …».
    bool adjunct_first = !after_verb && v.clause_only && p < send && Has(p, Role::kPreposition);
    // «وعبرت عدة مصادر عن تشككها في أن …»: the object preposition right after the subject
    // opens the content of a verb that needs it; a later complementizer is inside it.
    bool prep_object = (v.object_needs_prep && p < send && IsObjectPrep(p, v)) || v.object_only;
    if (!c.ok() && (after_verb || adjunct_first) && !prep_object) {
      // The source phrase may run on past where the phrase parser stopped («مصدر مطلع على
      // تفاصيل الزيارة إن …»), be followed by an apposition («نعيم قاسم، نائب الأمين العام
      // لحزب الله، إن …»), a relative clause («المصدر الذي رفض الكشف عن اسمه: …») or by a
      // long adjunct («خلال مؤتمر صحفي في برلين "…"»).
      bool relative = after_verb && p < send && Has(p, Role::kRelative);
      uint32_t q = p;
      while (q < send && q < p + 16 && !Has(q, Role::kComplementizer) && !IsQuote(q) &&
             !IsPunct(q, ':') &&
             (IsWord(q) || IsPunct(q, ',') || IsPunct(q, '#') || IsPunct(q, '_') ||
              IsPunct(q, '(') || IsPunct(q, ')')) &&
             (relative ||
              !HasAny(q, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep, Role::kAside})) &&
             !Has(q, Role::kContentStop))  // «… على مغادرة أوكرانيا، بعد أن قال …»
        ++q;
      // «أعلن الدفاع المدني، الأحد، السيطرة على حريق …، وأن الحريق لم يسفر …»: a clause
      // joined by «، وأن» after an object continues the object content.
      bool second_clause = !v.clause_only && q > p + 1 && q < send && IsPunct(q - 1, ',') &&
                           Has(q, Role::kComplementizer) && HasConj(q);
      if (q > p && q < send && !second_clause &&
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
          // Nor over the adjuncts skipped before it: «عبد السلام في تصريح لمحمود أبو بكر من
          // فريق بي بي سي إن» (the tail of «في تصريح» stops after a few words).
          for (uint32_t k = src.end; after_verb && k < p; ++k)
            if (HasAny(k, {Role::kAdjunct, Role::kViaIntro})) short_run = false;
          // The place a title is held in: «مبعوث الرئيس الأمريكي إلى الشرق الأوسط إن».
          if (!short_run && p == src.end && HeldIn(p, q) && Anchor(p + 1) && HeldInPrep(src, p))
            short_run = true;
          if (after_verb && !relative && (apposition || short_run)) {
            uint32_t e = q;
            while (e > src.end && !IsWord(e - 1)) --e;
            src.end = e;
          }
          c = c2;
        }
      }
    }
    // «وتتهم بكين واشنطن بأنها تريد …»: the clause after the object's preposition; the phrase
    // before it may hold the object too (DirectObject, only when it is cut in two).
    if (c.ok() && after_verb && v.object_before_prep && !(cue.hit->mask & kCliticPron) &&
        src.end < send && PrepComplementizer(src.end, v)) {
      Phrase subject = src;
      bool still_after = true;
      uint32_t object_at = src.end;
      Phrase object = DirectObject(v, cue.end, send, &subject, &still_after, &object_at, p0);
      if (!object.empty() && still_after) {
        src = subject;
        accused = object;
      } else {
        cut_object_ = Phrase{};
      }
    }
    // A phrase after the verb that does not look like a source («ويصف الضفة الغربية بأنها …»,
    // «وأكد مجددا أن …») is the verb's object or an adverb: the subject is not written.
    if (c.ok() && after_verb && StartsWithCommonWord(src)) {
      // «اعتبر فيه تعليق الرئيس الفلسطيني "غير ملائم تماما"»: the object and the quoted
      // predicate right after it are the content together.
      if (!v.clause_only && c.form == Form::kDirect && p == src.end && IsQuote(p) &&
          c.begin == p + 1) {
        uint32_t k = c.end;
        while (k < send && !IsQuote(k)) ++k;
        if (k < send) {
          c.begin = src.begin;
          c.end = k + 1;
          c.form = Form::kMixed;
        }
      }
      src = Phrase{};
      after_verb = false;
    }
    std::string rule = "verb.vso";
    if (!c.ok() && !v.clause_only) {
      // Object content: «نفت موسكو قراءة واشنطن للأحداث». A source phrase that does not look
      // like a source («نفت صحة هذه الاتهامات») is the object itself, with no written subject.
      // «وتنفي المعارضة ذلك»: a phrase followed by «ذلك» or a claim noun is the subject, unless
      // it is a common noun itself («نفت صحة هذه الاتهامات»).
      bool object_follows = src.end < send && HasAny(src.end, {Role::kAnaphor, Role::kClaimNoun}) &&
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
      if (after_verb) {
        // «حث عبدالله المطلق، عضو هيئة كبار العلماء …، الشباب على …»: the subject's name, an
        // apposition between commas that starts with a title, then the object.
        uint32_t c1 = src.end;
        while (c1 < send && c1 < src.end + 2 && IsWord(c1) && !Anchor(c1) &&
               !HasAny(c1, {Role::kVerb, Role::kPreposition, Role::kAnaphor, Role::kClaimNoun}))
          ++c1;
        if (c1 + 1 < send && IsPunct(c1, ',') && Anchor(c1 + 1)) {
          uint32_t c2 = c1 + 1;
          while (c2 < send && c2 < c1 + 16 && IsWord(c2) &&
                 !HasAny(c2, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep,
                              Role::kComplementizer}))
            ++c2;
          if (c2 < send && IsPunct(c2, ',')) {
            src.end = c2;
            p = c2 + 1;
          }
        }
      }
      // «ولم يعلن القصر عن الأماكن», «لا تستبعد الخيار العسكري»: a negated verb whose object
      // would be the content reports nothing.
      if (cue.begin > sr.begin && Has(cue.begin - 1, Role::kNegation)) return cue.end;
      // «والذي اتهم بالتطهير العرقي», «الهجوم الذي اتهمت به دمشق»: after a relative pronoun, the
      // object preposition right after the verb (no one accused is named, not even as a pronoun:
      // «المشتكيات اللائي اتهمنه بالاغتصاب» is active): the passive.
      if (v.passive_before_prep && !after_verb && cue.begin > sr.begin &&
          Has(cue.begin - 1, Role::kRelative) && p < send &&
          (IsObjectPrep(p, v) || AttachedObjectPrep(p, v)) && !(cue.hit->mask & kCliticPron))
        return cue.end;
      // «واتهمت المعارضة أردوغان باستخدام القضاء», «وتتهم بكين واشنطن بأنها …»: a verb whose
      // direct object stands before its preposition; the party accused is kept for a denial
      // that answers it («…، غير أنه ينفي التهمة»).
      if (v.object_before_prep && !(cue.hit->mask & kCliticPron)) {
        const bool read_after = after_verb;
        accused = DirectObject(v, cue.end, send, &src, &after_verb, &p, p0);
        // The one phrase after the verb is the party accused: the verb may be the passive
        // («وقد اتهمت ولسون بإقامة علاقة …»: was accused) when that phrase could be its
        // subject, agreeing with it and not in the oblique case («واتهم الديمقراطيين بـ»).
        if (read_after && !after_verb && !accused.empty()) {
          Source acc;
          Classify(accused, &acc);
          passive = AgreesWithVerb(acc.gender, cue_gender_ ? cue_gender_ : 'm') &&
                    !ObliquePlural(accused.end - 1);
        }
      }
      uint32_t q = p;
      // «أقر زعيم الميليشيات بالهزائم …»: a verb whose object content needs its preposition
      // (in the cue «شدد على», written apart, or attached) reports nothing without it
      // («شدد الأطباء إضرابهم»: intensified).
      auto prep_at = [&](uint32_t k) {
        return k < send && (IsObjectPrep(k, v) || AttachedObjectPrep(k, v));
      };
      if (v.object_needs_prep && v.recipient && !prep_at(q)) {
        // «أبلغت إيران الوكالة الدولية للطاقة الذرية … الثلاثاء بالبدء في …»: the recipient,
        // then the content with its preposition.
        for (uint32_t k = q + 1; k < send && k < q + 10 && IsWord(k) &&
                                 !HasAny(k, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep,
                                             Role::kComplementizer, Role::kContentStop});
             ++k)
          if (prep_at(k)) {
            q = k;
            break;
          }
      }
      if (v.object_needs_prep &&
          !(cue.end > cue.begin && IsObjectPrep(cue.end - 1, v) && p == p0) && !prep_at(q))
        return cue.end;
      // «ألقى البنك المركزي والقضاء بالمسؤولية عن …»: only these objects report.
      if (!v.object_first.empty() && !(q < send && StartsWithWord(q, v.object_first)))
        return cue.end;
      if (q < send && IsObjectPrep(q, v)) ++q;  // «إلى», «من» written as separate words
      // «ضحايا مدنيين جدد، بينما …»: an object content does not start with a new clause.
      if (q < send && HasAny(q, {Role::kContentStop, Role::kComplementizer})) return cue.end;
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
      if (subj.empty()) subj = RelativeAntecedent(sr, cue);
      if (subj.empty()) subj = ConjoinedSubject(sr, cue);
      if (subj.empty()) subj = ParentheticalSubject(sr, cue.begin);
      if (subj.empty()) subj = IndefiniteAntecedent(sr, cue);
      if (!subj.empty()) {
        src = subj;
        rule = "verb.svo";
        passive = false;
      } else {
        rule = rule == "verb.object" ? "verb.object" : "verb.zero";
      }
    }
    if (passive) {
      at.explain.push_back("the passive: «" + Orig(TokSpan(accused.begin, accused.end)) +
                           "» is accused, no accuser is written");
      rule = "verb.agentless";
    } else {
      FillSource(&at, src, cue.begin);
    }
    // A written subject agrees with its verb: «قالت X» makes X feminine (verb forms outside
    // the feminine and plural lists are masculine singular).
    if (!src.empty() && at.source.gender == 0) at.source.gender = cue_gender_ ? cue_gender_ : 'm';
    SetContent(&at, c);
    for (const Phrase& ph : via) AddVia(&at, ph);
    pending_.dispute = static_cast<int>(v.dispute);
    if (!accused.empty()) {
      pending_.obj_b = accused.begin;
      pending_.obj_e = accused.end;
    }
    Finish(&at, rule, sr);
    return c.form == Form::kDirect ? c.end + 1 : std::max(cue.end, std::min(c.begin, send));
  }

  // The direct object of a verb that takes one before its object preposition («اتهم X Y بـ»),
  // from `from` (the verb's end) on. When the phrase read as the subject (`src`) runs up to the
  // preposition, it holds the object too: it is cut where the object's first party starts
  // («المعارضة | أردوغان», «بكين | واشنطن», «منظمة هيومن رايتس ووتش | الجيش العراقي وقوات
  // الأمن»), and *p moves there (the content starts with the object, as when it is written
  // apart). With no such cut the one phrase is the object: the subject is not written (or the
  // verb is the passive), *src is emptied and *p set to p0. Returns the object, or an empty
  // phrase.
  Phrase DirectObject(const VerbInfo& v, uint32_t from, uint32_t send, Phrase* src,
                      bool* after_verb, uint32_t* p, uint32_t p0) {
    // The preposition, not a name that starts with its letter before it («وتتهم تركيا برانسون
    // بدعم محاولة انقلاب»).
    auto prep_at = [&](uint32_t k) {
      if (k >= send) return false;
      if (IsObjectPrep(k, v) || PrepComplementizer(k, v)) return true;
      if (!AttachedObjectPrep(k, v) || RepeatsEarlierName(k)) return false;
      return !(k + 1 < send && !Covered(k) && !HasArticleReading(k) &&
               AttachedObjectPrep(k + 1, v));
    };
    // The object phrase from b: up to the preposition, a few words at most.
    auto object_from = [&](uint32_t b, bool any = false) {
      uint32_t e = b;
      while (e < send && e < b + 10 && !prep_at(e) && !IsPunct(e, ',') &&
             (IsWord(e) || IsQuote(e)) && !HasAny(e, {Role::kVerb, Role::kComplementizer}))
        ++e;
      if (e == b || !(prep_at(e) || (IsPunct(e, ',') && prep_at(e + 1)))) return Phrase{};
      Phrase ph{b, e, 0};
      return any || PartyPhrase(ph) || Plausible(ph) ? ph : Phrase{};
    };
    if (!*after_verb) return object_from(SkipAdjuncts(from, send, nullptr));
    // «واتهم المسلحون الحكومة السورية، بتدبير الهجوم، ولكنها …»: the preposition's phrase
    // between commas is no apposition of the subject.
    for (uint32_t k = src->begin + 1; k + 1 < src->end; ++k)
      if (IsPunct(k, ',') && prep_at(k + 1)) {
        src->end = k;
        *p = k + 1;
        break;
      }
    while (src->end > src->begin && !IsWord(src->end - 1)) --src->end;
    if (!prep_at(*p)) return object_from(*p);
    // The subject phrase ran up to the preposition: the first place inside it where a party
    // starts after a complete name (not in a construct «رئيس وزراء إسرائيل», not a conjoined
    // word «والغرب», not a person's name after a bare title «الرئيس الأمريكي ترامب»).
    for (uint32_t k = src->begin + 1; k < src->end; ++k) {
      const uint32_t last = k - 1;
      if (!IsWord(k) || !IsWord(last) || HasConj(k) || InsideHit(k)) continue;
      const bool object_case = ObjectCase(last, k);
      if (!(Anchor(k) || RepeatsEarlierName(k) || object_case)) continue;
      if (Has(k, Role::kDemonym) || HasAny(last, {Role::kPreposition, Role::kNpConnector}))
        continue;
      // A lexicon phrase (a name, a demonym) or a definite word ends it; so does a name-like
      // word or a nominative plural.
      bool complete = HasArticleReading(last) || CoveredByName(last) ||
                      (!Covered(last) && LooksLikeName(last)) || NominativePlural(last);
      if (!complete) continue;
      if ((HasAny(k, {Role::kPerson, Role::kPersonRole}) || RepeatsEarlierName(k) ||
           (!Covered(k) && LooksLikeName(k))) &&
          EndsPersonTitle(last))
        continue;
      Phrase subject{src->begin, k, src->trim_front};
      Phrase object = object_from(k, object_case);
      if (object.empty() || !(Plausible(subject) || PartyPhrase(subject) || NominativePlural(last)))
        continue;
      cut_object_ = Phrase{k, src->end, 0};
      src->end = k;
      *p = k;
      return object;
    }
    // One phrase: the party accused.
    Phrase object = object_from(src->begin);
    if (object.empty() || object.end != src->end) return Phrase{};
    *src = Phrase{};
    *after_verb = false;
    *p = p0;
    return object;
  }

  // Token k after a definite word `last` cannot extend its phrase: an indefinite common word
  // (no adjective of a definite noun, no genitive of it: «السلطات الأمريكية شخصا») or a sound
  // plural in the oblique case (a subject's adjective would be -ون: «البيان المعتقلين»).
  bool ObjectCase(uint32_t last, uint32_t k) const {
    if (!HasArticleReading(last) || CoveredByName(k) || RepeatsEarlierName(k) ||
        Has(k, Role::kDemonym) || LooksLikeNameOnly(k))
      return false;
    if (!HasArticleReading(k)) return Has(k, Role::kCommonWord) && !HasPrepReading(k);
    return Norm(k).size() >= 12 && ObliquePlural(k);
  }

  // «المعتقلين», «الديمقراطيين»: a definite sound plural in the oblique case (-ين), no name.
  bool ObliquePlural(uint32_t j) const {
    return HasArticleReading(j) && !CoveredByName(j) &&
           Norm(j).ends_with("\xD9\x8A\xD9\x86");  // ين
  }

  // A word that reads only as a name: not a common word, no article.
  bool LooksLikeNameOnly(uint32_t k) const {
    return !Has(k, Role::kCommonWord) && !HasArticleReading(k) && LooksLikeName(k);
  }

  // «معارضون», «مسؤولون»: a sound masculine plural in the nominative (-ون) ends a noun phrase
  // (a construct drops its ن: «مسؤولو الوزارة»).
  bool NominativePlural(uint32_t j) const {
    std::string_view w = Norm(j);
    return w.size() >= 10 && w.ends_with("\xD9\x88\xD9\x86");  // ون
  }

  // Token j ends the title of a person, with no name yet: «الرئيس الأمريكي», «السفير»; a name
  // after it is in apposition («الرئيس الأمريكي ترامب»), not a second party.
  bool EndsPersonTitle(uint32_t j) const {
    while (j > 0 && Has(j, Role::kDemonym)) --j;
    return CoveringHit(j, j, [](const LexHit& h) {
      return h.sense.role == Role::kTitle || h.sense.role == Role::kOfficialHead ||
             h.sense.role == Role::kPersonRole;
    });
  }

  // «بأن», «بأنها»: a complementizer written with one of the verb's object prepositions.
  bool PrepComplementizer(uint32_t j, const VerbInfo& v) const {
    if (!Has(j, Role::kComplementizer)) return false;
    for (const std::string& p : v.object_preps)
      if (!p.empty() && Norm(j).starts_with(p)) return true;
    return false;
  }

  // Token j is inside a lexicon phrase that starts before it.
  bool InsideHit(uint32_t j) const {
    return j > 0 &&
           CoveringHit(j, j - 1, [](const LexHit& h) { return h.sense.role != Role::kCommonWord; });
  }

  // A phrase that can be a source: it has a head noun or a gazetteer entity, or it is a short
  // run of name-like words.
  bool Plausible(const Phrase& ph) const {
    if (ph.empty()) return false;
    // The phrase must start with its head or entity («عدم انضمام أوكرانيا» is no source).
    if (Anchor(ph.begin) || Has(ph.begin, Role::kDemonym) || RepeatsEarlierName(ph.begin) ||
        (ph.begin + 1 < ph.end && Has(ph.begin + 1, Role::kNpConnector)))
      return true;
    // A name, then maybe a title in apposition: «كيفن هاسيت المستشار الاقتصادي للبيت الأبيض».
    uint32_t j = ph.begin;
    while (j < ph.end && j < ph.begin + 3 && IsWord(j) && LooksLikeName(j)) ++j;
    if (j == ph.begin) return false;
    return j == ph.end || Anchor(j) || IsPunct(j, ',');
  }

  // The phrase starts with a common word that no head, entity or demonym covers: «الضفة
  // الغربية», «تعليق الرئيس …», «مجددا» read as a subject are the object or an adverb.
  bool StartsWithCommonWord(const Phrase& ph) const {
    return !ph.empty() && Has(ph.begin, Role::kCommonWord) && !Anchor(ph.begin) &&
           !Has(ph.begin, Role::kDemonym) && !CoveredByName(ph.begin) &&
           !RepeatsEarlierName(ph.begin);
  }

  // Token j repeats a word of a person named earlier in the text («الحسين» after «زيد رعد
  // الحسين»), so it is a name even if the word is common («الحسين», «المطلق»).
  bool RepeatsEarlierName(uint32_t j) const {
    if (toks_[j].kind != TokenKind::kWord) return false;
    const std::string stem(StemOf(j));
    // The latest kMaxLookback mentions before j (binary search: they are in text order).
    size_t upto = std::partition_point(text_mentions_.begin(), text_mentions_.end(),
                                       [&](const TextMention& m) { return m.begin < j; }) -
                  text_mentions_.begin();
    for (const TextMention& m :
         std::span<const TextMention>(text_mentions_)
             .subspan(upto > size_t{kMaxLookback} ? upto - kMaxLookback : 0)) {
      if (m.begin >= j) break;
      if (m.kind == SourceKind::kPerson && m.stems.count(stem)) return true;
    }
    return false;
  }

  bool Anchored(const Phrase& ph) const {
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      if (Anchor(j)) return true;
    return false;
  }

  bool StartsWithClaim(const Phrase& ph) const {
    return !ph.empty() && HasAny(ph.begin, {Role::kClaimNoun, Role::kAnaphor});
  }

  // Token q is one of `words` (normalized), maybe with و ف ب ل and the article attached:
  // «بالمسؤولية» for «المسؤولية».
  bool StartsWithWord(uint32_t q, const std::vector<std::string>& words) const {
    if (!IsWord(q)) return false;
    std::string_view t = Norm(q);
    for (std::string_view w : words) {
      if (t == w) return true;
      if (w.starts_with("\xD8\xA7\xD9\x84")) w.remove_prefix(4);  // ال
      if (w.empty() || !t.ends_with(w) || t.size() - w.size() > 8) continue;
      bool clitics = true;
      for (std::string_view pre = t.substr(0, t.size() - w.size()); !pre.empty() && clitics;
           pre.remove_prefix(2))
        clitics = pre.size() >= 2 && (pre.starts_with("\xD9\x88") || pre.starts_with("\xD9\x81") ||
                                      pre.starts_with("\xD8\xA8") || pre.starts_with("\xD9\x84") ||
                                      pre.starts_with("\xD8\xA7"));
      if (clitics) return true;
    }
    return false;
  }

  // Token q carries one of the verb's object prepositions attached: «بالهزائم» for «أقر بـ»
  // (not a preposition itself, «بعد», «بين», nor a stem under three letters).
  bool AttachedObjectPrep(uint32_t q, const VerbInfo& v) const {
    if (!IsWord(q) || Has(q, Role::kPreposition)) return false;
    std::string_view w = Norm(q);
    for (int k = 0; k < toks_[q].ncand; ++k) {
      const auto& cd = toks_[q].cand[k];
      if (!(cd.mask & kCliticPrep)) continue;
      if (w.size() < cd.prefix + 6u) continue;
      std::string_view pre = w.substr(0, cd.prefix);
      if (pre.starts_with("\xD9\x88") || pre.starts_with("\xD9\x81")) pre.remove_prefix(2);  // و ف
      for (const std::string& p : v.object_preps)
        if (!p.empty() && pre.substr(0, p.size()) == p) return true;
    }
    return false;
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
      if (IsAnchorRole(h.sense.role) && h.end <= src.end) end = std::max(end, h.end);
    if (end == j) end = j + 1;
    while (end < src.end && Has(end, Role::kDemonym)) ++end;
    return Phrase{src.begin, end, src.trim_front};
  }

  // A subject of gender `subject` (0 unknown, 'm', 'f', 'p') agrees with a verb of gender `verb`:
  // a plural that is not a person's («التقارير التي تفيد») takes a feminine verb.
  static bool AgreesWithVerb(char subject, char verb) {
    return subject == 0 || subject == verb || (verb == 'f' && subject == 'p');
  }

  // The first token of the auxiliaries («كان», «قد») that end right before token j, not before
  // token b; j itself when none do.
  uint32_t BeforeAuxiliaries(uint32_t j, uint32_t b) const {
    while (j > b && Has(j - 1, Role::kAuxiliary)) --j;
    return j;
  }

  // The first token at or after j, before e, that is not part of an auxiliary («وكان», «قد»).
  uint32_t AfterAuxiliaries(uint32_t j, uint32_t e) const {
    while (j < e)
      if (const LexHit* h = Hit(j, Role::kAuxiliary))
        j = h->end;
      else
        break;
    return j;
  }

  Phrase PreverbalSubject(const SentenceRange& sr, uint32_t v) const {
    // The sentence (or clause after a comma) starts with a phrase that ends right before v.
    // (Searched backwards, at most 11 tokens: a longer clause is refused below anyway.)
    uint32_t b = sr.begin;
    const uint32_t lowest = v > sr.begin + 11 ? v - 11 : sr.begin;
    bool cut = false;
    for (uint32_t j = v; j > lowest && !cut; --j) {
      if (IsQuote(j - 1) && j >= 2) {
        // A short quoted name inside the subject: «لكن صحيفة "يديعوت أحرونوت" ذكرت».
        uint32_t k = j - 2;
        while (k > lowest && k + 6 > j && !IsQuote(k) && IsWord(k)) --k;
        if (IsQuote(k) && k + 2 < j && k > sr.begin && IsWord(k - 1)) {
          j = k + 1;  // the loop's --j moves to the opening mark's left neighbour
          continue;
        }
      }
      if (IsPunct(j - 1, ',') || IsPunct(j - 1, ':') || IsQuote(j - 1)) b = j, cut = true;
    }
    if (!cut && lowest > sr.begin) return Phrase{};
    if (b >= v || v - b > 10) return Phrase{};
    // «وكان X قد قال», «X قال»
    uint32_t start = AfterAuxiliaries(b, v);
    uint32_t end = BeforeAuxiliaries(v, start);
    if (end <= start) return Phrase{};
    Phrase p = SourcePhrase(start, end);
    // «ولكن محطة العربية التي تمتلكها السعودية قالت إن …»: a short relative clause between
    // the subject and its verb (not the verb's own relative: «الدول التي تحث …»).
    if (!p.empty() && p.end + 1 < end && end - p.end <= 6 && Has(p.end, Role::kRelative) &&
        Anchored(p)) {
      bool plain = true;
      for (uint32_t k = p.end; k < end; ++k)
        if (!IsWord(k)) plain = false;
      if (plain) return p;
    }
    if (p.empty() || p.end != end) return Phrase{};
    // Only phrases that look like a source.
    bool known = NamesPersonInFull(p);
    for (uint32_t j = p.begin; j < p.end; ++j)
      if (Anchor(j)) known = true;
    return known ? p : Phrase{};
  }

  // «وكان الجيش الأميركي، الذي صعد من جهوده …، قد قال إن …»: the subject opens the sentence
  // (after its auxiliaries) and ends at a comma; one or more relative clauses between commas
  // describe it, and the verb (after its own auxiliaries) follows the last comma. The subject
  // must look like a source, as in PreverbalSubject; the relative clauses may be long (at most
  // kMaxAside words) but hold no clause of the sentence's own (an auxiliary right after a
  // comma: «وكان جنوب العراق، الذي …، قد نشبت فيه اضطرابات …، وطالبوا»). The subject starts with
  // a head or a gazetteer name, or names a person in full (not «ورحبت حكومة …، التي …»).
  Phrase ParentheticalSubject(const SentenceRange& sr, uint32_t v) const {
    constexpr uint32_t kMaxAside = 30;
    const uint32_t e = BeforeAuxiliaries(v, sr.begin);
    if (e <= sr.begin + 3 || !IsPunct(e - 1, ',')) return Phrase{};
    uint32_t start = AfterAuxiliaries(sr.begin, e);
    uint32_t c = start;
    while (c < e && c < start + 10 && IsWord(c)) ++c;
    if (c == start || c + 2 >= e || !IsPunct(c, ',') || e - c > kMaxAside) return Phrase{};
    const LexHit* rel = Hit(c + 1, Role::kRelative);
    if (!rel || rel->sense.gender == 0) return Phrase{};
    // The aside holds no sentence of its own: no quote, no colon.
    for (uint32_t k = c + 1; k + 1 < e; ++k)
      if (IsQuote(k) || IsPunct(k, ':') || (IsPunct(k, ',') && Has(k + 1, Role::kAuxiliary)))
        return Phrase{};
    Phrase p = SourcePhrase(start, c);
    if (p.empty() || p.end != c) return Phrase{};
    return Anchor(p.begin) || NamesPersonInFull(p) ? p : Phrase{};
  }

  // «ردت … على تقارير إعلامية، نقلت أنها …», «إثر تقارير إعلامية تفيد بأن …»: a verb right
  // after an indefinite report (a comma may stand between) describes it, a relative clause
  // without a pronoun, and has it as its subject. Only a document or anonymous head that is
  // also a claim noun (تقارير، أنباء، معلومات), without the article, among the last four words,
  // whose phrase ends at the verb (or the comma) and agrees with the verb in gender (as in
  // RelativeAntecedent).
  Phrase IndefiniteAntecedent(const SentenceRange& sr, const Cue& cue) const {
    // «… وردت في تقرير لمنظمة العفو الدولية، ووصفها بأنها …»: a verb after «و» opens a clause.
    if (cue.hit->mask & kCliticConj) return Phrase{};
    uint32_t e = cue.begin;
    if (e > sr.begin && IsPunct(e - 1, ',')) --e;
    const char g = cue.hit->sense.gender ? cue.hit->sense.gender : 'm';
    for (uint32_t b = e; b > sr.begin && b + 4 > e;) {
      --b;
      if (!IsWord(b)) break;
      const LexHit* h = Hit(b, Role::kDocumentHead);
      if (!h) h = Hit(b, Role::kAnonymousHead);
      // A report, not any document: «نشرت على تويتر وثائق تقول إنها …» is the publisher's.
      if (!h || (h->mask & kCliticArticle) || !Has(b, Role::kClaimNoun)) continue;
      Phrase ph = SourcePhrase(b, e);
      if (ph.empty() || ph.end != e) continue;
      Source s;
      Classify(ph, &s);
      if (AgreesWithVerb(s.gender, g)) return ph;
    }
    return Phrase{};
  }

  // «وعلى الرغم من التقارير التي تفيد بتحديد …», «الخبراء الذين يرون أن …»: a verb right
  // after a relative pronoun has the relative's antecedent as its subject: a head or gazetteer
  // phrase ending right before the relative (the longest such phrase of the last five words)
  // that agrees with it (and the verb) in gender. Not when the verb has an object pronoun, attached
  // or after a preposition («القرار الذي وصفه», «التظاهرة التي دعت إليها»: the antecedent is the
  // object), nor after «والذي» (it may describe anything said before) or a relative with no gender
  // («ما»).
  Phrase RelativeAntecedent(const SentenceRange& sr, const Cue& cue) const {
    const uint32_t rel = cue.begin - 1;
    if (cue.begin < sr.begin + 2) return Phrase{};
    const LexHit* h = Hit(rel, Role::kRelative);
    if (!h || h->end != cue.begin || (h->mask & kCliticConj) || h->sense.gender == 0)
      return Phrase{};
    for (int k = 0; k < toks_[cue.begin].ncand; ++k)
      if (toks_[cue.begin].cand[k].mask & kCliticPron) return Phrase{};
    if (const LexHit* p = Hit(cue.end, Role::kPreposition); p && (p->mask & kCliticPron))
      return Phrase{};
    const char g = h->sense.gender;
    // The verb agrees with its subject: «الأرض التي اعترف بها العالم» has another subject.
    if (cue.hit->sense.gender != g) return Phrase{};
    Phrase best;
    for (uint32_t b = rel; b > sr.begin && b + 5 > rel;) {
      --b;
      if (!IsWord(b)) break;
      if (!Anchor(b)) continue;
      Phrase ph = SourcePhrase(b, rel);
      if (ph.empty() || ph.end != rel) continue;
      Source s;
      Classify(ph, &s);
      if (AgreesWithVerb(s.gender, g)) best = ph;
    }
    if (!best.empty()) best.trim_front = PrepBytesOnFirst(best);
    return best;
  }

  // «قطر تتهم السعودية باعتقال أحد مواطنيها والإعلام السعودي يصفه بأنه ضابط مخابرات»: a
  // clause joined by و inside the sentence, its subject a head or gazetteer phrase (with the
  // و) ending right before the verb. Only where no subject starts the sentence or a comma,
  // not for a verb with its own و («فرنسا وكرواتيا ووصفها»), and not after another name or
  // head: «سيول وواشنطن يقولون» is one coordinated subject.
  Phrase ConjoinedSubject(const SentenceRange& sr, const Cue& cue) const {
    Phrase best;
    if (cue.hit->mask & kCliticConj) return best;
    for (uint32_t b = cue.begin; b > sr.begin + 1 && b + 5 > cue.begin;) {
      --b;
      if (!IsWord(b) || !IsWord(b - 1)) break;
      bool conj_anchor = false;
      for (const LexHit& h : HitsAt(b))
        if (IsAnchorRole(h.sense.role) && (h.mask & kCliticConj)) conj_anchor = true;
      if (!conj_anchor) continue;
      bool after_name = false;
      for (uint32_t j = b - 1 >= 4 ? b - 5 : 0; j < b; ++j)
        for (const LexHit& h : HitsAt(j))
          if (IsAnchorRole(h.sense.role) && h.end == b) after_name = true;
      if (after_name) break;
      Phrase ph = SourcePhrase(b, cue.begin);
      if (!ph.empty() && ph.end == cue.begin) {
        // The verb agrees: «مانويل فالس طالبت» is no subject and verb.
        Source s;
        Classify(ph, &s);
        const char v = cue.hit->sense.gender;
        if ((s.gender == 'm' && v == 'f') || (s.gender == 'f' && v == 'm')) break;
        best = ph;
        best.trim_front = 2;  // the و (two bytes in UTF-8)
      }
      break;
    }
    return best;
  }

  // A phrase of one or two words that is part of the name of a person the article names in
  // full, before or after it: the headline «المطلق يحث الشباب …» before «حث عبدالله المطلق،
  // عضو هيئة كبار العلماء …».
  bool NamesPersonInFull(const Phrase& ph) const {
    if (ph.empty() || ph.end - ph.begin > 2) return false;
    for (uint32_t j = ph.begin; j < ph.end; ++j)
      if (toks_[j].kind != TokenKind::kWord) return false;
    const std::set<std::string> mine = NameStems(ph.begin, ph.end);
    size_t here = std::partition_point(text_mentions_.begin(), text_mentions_.end(),
                                       [&](const TextMention& m) { return m.begin < ph.begin; }) -
                  text_mentions_.begin();
    size_t lo = here > size_t{kMaxLookback} ? here - kMaxLookback : 0;
    size_t hi = std::min(text_mentions_.size(), here + kMaxLookback);
    for (const TextMention& m : std::span<const TextMention>(text_mentions_).subspan(lo, hi - lo))
      if (m.kind == SourceKind::kPerson && m.stems.size() > mine.size() &&
          (m.begin >= ph.end || m.end <= ph.begin) &&
          std::includes(m.stems.begin(), m.stems.end(), mine.begin(), mine.end()))
        return true;
    return false;
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
    if (!c.ok() && src.end > src.begin) {
      // An adjunct between the source and its words: «عن فريدمان قوله، لنشرة توزع في
      // المعاهد الدينية: "…"».
      uint32_t q = c0;
      while (q < send && q < c0 + 12 && !Has(q, Role::kComplementizer) && !IsQuote(q) &&
             !IsPunct(q, ':') && (IsWord(q) || IsPunct(q, ',')) &&
             !HasAny(q, {Role::kVerb, Role::kCueParticiple, Role::kCuePrep, Role::kAside}))
        ++q;
      if (q > c0 && q < send) c = ContentAt(q, send, false, &introduced);
    }
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
    // A passive participle in apposition («غولن، المتهم بأنه العقل المدبر …», «برانسون،
    // المتهم بمساندة …») reports only right after a comma; its content is a clause or an
    // object after one of the verb's prepositions.
    const bool apposition = AppositionForm(*cue.hit);
    if (apposition && !(cue.begin > sr.begin && IsPunct(cue.begin - 1, ','))) return cue.end;
    bool introduced = false;
    uint32_t p = SkipAdjuncts(cue.end, sr.end, nullptr);
    Content c = ContentAt(p, sr.end, false, &introduced);
    if (!c.ok() && apposition && p < sr.end && (IsObjectPrep(p, v) || AttachedObjectPrep(p, v)))
      c = ContentAt(IsObjectPrep(p, v) ? p + 1 : p, sr.end, true, &introduced);
    if (!c.ok()) return cue.end;
    // An impersonal belief reports a short clause: «ويعتقد أنهم من أتباع غولن، …»; an
    // impersonal statement the whole clause («تم الإعلان أن خطة الزيارة، إلى …، ستكون …»).
    // An apposition ends at the next comma («بغال، المتهم بقضايا إرهاب، إلى مسقط رأسه»).
    if (c.form == Form::kIndirect && (v.stance == Stance::kOpinion || apposition))
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
    // «مضيفًا "…"»: a quotation right after the participle is its direct content.
    Content c = ContentAt(p, sr.end, false, &introduced);
    if (!c.ok() || c.form != Form::kDirect) c = ContentAt(p, sr.end, true, &introduced);
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
    const LexHit* verb_hit = nullptr;
    if (ce < send && Has(ce, Role::kVerb)) {
      verb_hit = Hit(ce, Role::kVerb);
      ce = verb_hit->end;
      verb = true;
    } else if (ce < send && Has(ce, Role::kRelative) && ce + 1 < send && Has(ce + 1, Role::kVerb)) {
      verb_hit = Hit(ce + 1, Role::kVerb);
      ce = verb_hit->end;
      verb = true;
    } else if (!m.needs_verb && ce < send && Has(ce - 1, Role::kRelative) &&
               Has(ce, Role::kCueNominal) &&
               !rules_.markers()[Hit(ce, Role::kCueNominal)->sense.index].anaphoric) {
      // «حسب ما جاء في تقارير صحافية محلية»: a nominal cue after «ما», its document next.
      ce = Hit(ce, Role::kCueNominal)->end;
      verb = true;
    }
    if (m.needs_verb && !verb) return cue.end;
    // «كما أعلن الاثنين المتحدث باسمهم …»: a time adjunct between the verb and its subject.
    if (verb) ce = std::max(ce, SkipAdjuncts(ce, send, nullptr));
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
    if (src.empty() || StartsWithCommonWord(src)) return cue.end;
    if (PrepBytesOnFirst(src)) src.trim_front = PrepBytesOnFirst(src);
    // Where is the content? At the start of the sentence: after the source. Else before.
    uint32_t lead = sr.begin;
    while (lead < cue.begin && toks_[lead].kind == TokenKind::kPunct) ++lead;
    bool at_start = cue.begin == lead;
    // «كما نقلت وكالة أنباء "تسنيم" عن وزير الدفاع … قوله "…"»: a relay verb with its «عن»
    // is the relay's own cue (the minister speaks, the agency is the via).
    if (at_start && verb_hit && rules_.verbs()[verb_hit->sense.index].relay && src.end < send &&
        Has(src.end, Role::kRelayFrom))
      return cue.end;
    // «وفقا لما نقلته وكالة الأنباء السورية على لسان مصدر بالخارجية»: the relayed source
    // speaks, the relayer is its via.
    Phrase relayer;
    if (!at_start && verb_hit && rules_.verbs()[verb_hit->sense.index].relay && src.end < send &&
        Has(src.end, Role::kRelayFrom)) {
      Phrase relayed = SourcePhrase(Hit(src.end, Role::kRelayFrom)->end, send);
      if (!relayed.empty() && !StartsWithCommonWord(relayed)) {
        relayer = src;
        src = relayed;
      }
    }
    if (!at_start && relayer.empty()) src.end = FinalApposition(src, send);
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
        if (IsPunct(j, ',')) {
          b = j + 1;
          break;
        }
      if (cue.begin > b + kMaxContentTokens) b = cue.begin - kMaxContentTokens;
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
    if (!relayer.empty()) AddVia(&at, relayer);
    // «قال X …، وفق ما ذكرت Y»: Y is the via of X's statement in this sentence.
    // (Not of an agentless report: «غولن، المتهم بأنه …، حسب ما جاء في تقارير صحافية».)
    if (relayer.empty() && !at_start && !sent_attrs_.empty() && IsOutletKind(at.source.kind)) {
      Attribution& prev = a_.attributions[sent_attrs_.back()];
      if (prev.via.empty() && prev.source.kind != SourceKind::kUnspecified)
        prev.via.push_back(at.source.resolved);
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
      if (IsAnchorRole(h.sense.role) && !(h.mask & kCliticPrep)) return 0;
    for (const LexHit& h : HitsAt(p.begin)) {
      if (!(h.mask & kCliticPrep)) continue;
      if (!IsAnchorRole(h.sense.role)) continue;
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
    } else {
      // «بعد تحقيق داخلي، جاء فيه أن …»: the document just before, governed by a preposition
      // (an object of an issuing verb, «أصدرت بيانا جاء فيه», leaves the issuer as source).
      uint32_t e = cue.begin;
      if (e > sr.begin && IsPunct(e - 1, ',')) --e;
      for (uint32_t b = e; b > sr.begin + 1 && b + 4 > e;) {
        --b;
        if (!Has(b, Role::kDocumentHead)) continue;
        Phrase ph = SourcePhrase(b, e);
        // Not the medium of a speaker before it («وقالت الوزارة في بيان جاء فيه»).
        bool medium = false;
        const uint32_t from = TokSpan(sr.begin, sr.begin + 1).begin, to = TokSpan(b, b + 1).begin;
        for (const Attribution& a : a_.attributions)
          medium = medium || (a.cue.begin >= from && a.cue.begin < to);
        if (ph.end == e && Has(b - 1, Role::kPreposition) && !medium) src = ph;
        break;
      }
    }
    p = SkipAdjuncts(p, send, nullptr);
    bool introduced = false;
    Content c = ContentAt(p, send, false, &introduced);
    if (!c.ok() && !m.anaphoric && !src.empty() && p < send && Has(p, Role::kRelative)) {
      // «وجاء في خطة الزيارة التي أعلنها قصر كنسينغتون، "…"»: a relative clause on the
      // source, then the content.
      uint32_t q = p;
      while (q < send && q < p + 14 && !IsQuote(q) && !IsPunct(q, ':') && !IsPunct(q, ',') &&
             !Has(q, Role::kComplementizer) && IsWord(q))
        ++q;
      if (q < send && IsPunct(q, ',')) ++q;
      if (q > p && q < send) c = ContentAt(q, send, false, &introduced);
      if (c.ok()) src.end = p;  // the source phrase itself stays as parsed
    }
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
        if (Anchor(k)) known = true;
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

  // Explicit disputes: a deny cue (نفى، كذّب، دحض; رفض/استبعد when the object names a claim;
  // the participle نافيًا; the noun نفي; a falsity predicate said of a claim: «بأنها زائفة»)
  // whose speaker disputes another party's claim. The disputed party is the possessor of the
  // claim noun («قراءة واشنطن», «مزاعم فورد», «ما تداولته وسائل إعلام …»); when the object
  // points back («نفت ذلك», «هذه الاتهامات») the previous party that made a claim; for a denied
  // clause or act («نفى غولن أي صلة») the party that accused the disputer just before, or the
  // party it is contrasted with in the same sentence («بينما تقول X …، تنفي Y»).
  enum class DisputeKind : uint8_t { kVerb, kParticiple, kNoun, kFalsity };
  struct DisputeCue {
    uint32_t b = 0, e = 0;
    DisputeKind kind = DisputeKind::kVerb;
    const LexHit* hit = nullptr;
  };
  struct Party {
    std::string name, entity;
    std::string country;  // of the affiliation, when known
    SourceKind kind = SourceKind::kUnspecified;
    bool ok() const { return !name.empty(); }
  };

  void FindDisputes() {
    for (uint32_t s = 0; s < sents_.size(); ++s) {
      if (!InScope(sents_[s])) continue;
      const SentenceRange& sr = sents_[s];
      for (uint32_t j = sr.begin; j < sr.end;) {
        DisputeCue c;
        if (!DisputeCueAt(j, sr, &c)) {
          ++j;
          continue;
        }
        DisputeAt(c, sr, s);
        j = c.e;
      }
      ConcessionDispute(sr, s);
    }
    TitleAgainst();
  }

  // «وعلى الرغم من التقارير التي تفيد بتحديد الولايات المتحدة موعدا نهائيا …، قال مسؤولون
  // أمريكيون إنه لا توجد مهلة», «قال الصالح إن عمل المنظمة لم يتعطل على الرغم من التقارير التي
  // أفادت بتجميد …»: a claim named after a concession (a claim noun right after it) that a
  // speaker of the same sentence contradicts — a negation among the first words of their
  // content — is disputed by that speaker. The disputed party is the claim's possessor when
  // one is named («رغم تقارير وسائل إعلام …»), else the claim itself («التقارير»): the sentence
  // sets the speaker against it. Not when the speaker's cue already disputes.
  void ConcessionDispute(const SentenceRange& sr, uint32_t s) {
    constexpr uint32_t kNegationWithin = 5;  // words from the content's start
    for (uint32_t j = sr.begin; j < sr.end; ++j) {
      const LexHit* con = Hit(j, Role::kConcession);
      if (!con || con->end >= sr.end) continue;
      const LexHit* claim = Hit(con->end, Role::kClaimNoun);
      if (!claim || claim->begin != con->end) continue;
      const auto [lo, hi] = Near(j);
      for (int k = lo; k < hi; ++k) {
        const AttrTokens& t = att_toks_[k];
        const Attribution& a = a_.attributions[k];
        if (t.sentence != s || t.con_b == kNone || t.dispute != 0) continue;
        if (a.rule.rfind("verb.", 0) != 0) continue;
        // The concession opens the sentence before the cue, or follows the negation in the
        // content; not after the content («"لن أذهب إلى أي مكان"، رغم مزاعم …»: a resolve, no
        // denial).
        bool in_content = t.con_b + kNegationWithin <= j && j < t.con_e;
        if (!(j < t.cue_b || in_content)) continue;
        bool negated = false;
        for (uint32_t x = t.con_b; x < t.con_e && x < t.con_b + kNegationWithin; ++x)
          if (Has(x, Role::kNegation)) negated = true;
        if (!negated) continue;
        Party by = PartyOf(a);
        if (!by.ok()) continue;
        bool taken = false;
        for (const Dispute& d : a_.disputes)
          if (d.attribution == k || (d.cue.begin < a.cue.end && a.cue.begin < d.cue.end))
            taken = true;
        if (taken) continue;
        Dispute d;
        d.cue = a.cue;
        d.cue_text = Orig(d.cue);
        d.by = by.name;
        d.by_entity = by.entity;
        d.about_span = TokSpan(claim->begin, ClauseEnd(claim->begin, sr.end));
        d.about = Truncate(Orig(d.about_span), 120);
        d.evidence = TokSpan(sr.begin, sr.end);
        d.attribution = k;
        const Phrase owner = ClaimOwner(*claim, sr.end);
        if (owner.empty()) {
          d.against = Orig(TokSpan(claim->begin, claim->end));
        } else if (const LexHit* dem = Hit(owner.begin, Role::kDemonym);
                   dem && owner.end == owner.begin + 1) {
          // «على الرغم من مزاعم روسية مخالفة»: the state.
          const EntityInfo& e = rules_.entities()[dem->sense.index];
          d.against = e.name_ar;
          d.against_entity = e.id;
        } else {
          Party p = PartyOf(owner, claim->begin);
          d.against = p.name;
          d.against_entity = p.entity;
        }
        d.rule = "dispute.concession";
        a_.disputes.push_back(std::move(d));
        break;
      }
    }
  }

  // A title's dispute with no adversary takes the one of the first body dispute by the same
  // party, which it sums up («"الطيران المدني" بالإمارات ينفي تقارير …» / «نفت هيئة الطيران المدني
  // الإماراتي، الأحد، ما تداولته وسائل إعلام تابعة لجماعة الحوثي …»).
  void TitleAgainst() {
    const Span title = a_.doc.title_span;
    auto in_title = [&](const Span& sp) {
      return !title.empty() && sp.begin >= title.begin && sp.begin < title.end;
    };
    // The body's disputes, and at most kTitleDisputes of the title (a text of one long line is
    // all title: its disputes are not compared with each other).
    constexpr int kTitleDisputes = 4;
    std::vector<const Dispute*> body;
    for (const Dispute& d : a_.disputes)
      if (!in_title(d.cue)) body.push_back(&d);
    if (body.empty()) return;
    int seen = 0;
    for (Dispute& t : a_.disputes) {
      if (!in_title(t.cue)) continue;
      if (++seen > kTitleDisputes) break;
      if (!t.against.empty() || t.by.empty()) continue;
      for (const Dispute* bd : body) {
        const Dispute& d = *bd;
        if (!SameParty(Party{t.by, t.by_entity}, Party{d.by, d.by_entity})) continue;
        if (!d.against.empty()) {
          t.against = d.against;
          t.against_entity = d.against_entity;
          t.targets = d.targets;
        }
        break;
      }
    }
  }

  // A title that opens with a quoted name, its subject before the verb: «"الطيران المدني"
  // بالإمارات ينفي …», «"فلاي دبي" تنفي …» (the clause of the verb starts after the quote).
  Phrase QuotedTitleSubject(const SentenceRange& sr, uint32_t cue) const {
    if (!InTitle(cue) || cue < sr.begin + 3 || !IsQuote(sr.begin)) return Phrase{};
    uint32_t q = sr.begin + 1;
    while (q < cue && !IsQuote(q)) ++q;  // the closing quote
    if (q >= cue || q == sr.begin + 1 || q > sr.begin + 5 || cue > q + 3) return Phrase{};
    for (uint32_t x = sr.begin + 1; x < cue; ++x)
      if (x != q && (!IsWord(x) || HasAny(x, {Role::kVerb, Role::kComplementizer, Role::kClaimNoun,
                                              Role::kCuePrep})))
        return Phrase{};
    return Phrase{sr.begin + 1, q, 0};
  }

  bool DisputeCueAt(uint32_t j, const SentenceRange& sr, DisputeCue* c) const {
    const LexHit* verb = nullptr;
    const LexHit* mark = nullptr;
    for (const LexHit& h : HitsAt(j)) {
      if (h.end > sr.end) continue;
      Role r = h.sense.role;
      if (r == Role::kVerb) {
        if (rules_.verbs()[h.sense.index].dispute != VerbInfo::Dispute::kNever &&
            (!verb || h.end > verb->end))
          verb = &h;
      } else if (r == Role::kFalsity || ((r == Role::kCueParticiple || r == Role::kDisputeNoun) &&
                                         rules_.markers()[h.sense.index].dispute)) {
        if (!mark || h.end > mark->end) mark = &h;
      }
    }
    if (!verb && !mark) return false;
    // «نفي» is the noun and, normalized, the verb «نفى»: the original spelling decides.
    if (verb && mark && mark->sense.role == Role::kDisputeNoun &&
        Orig(TokSpan(j, j + 1)).find("\xD9\x89") == std::string::npos)
      verb = nullptr;
    if (verb) {
      if (!RequiredNextFits(rules_.verbs()[verb->sense.index], verb->end, sr.end)) return false;
      *c = DisputeCue{j, verb->end, DisputeKind::kVerb, verb};
      return true;
    }
    Role r = mark->sense.role;
    *c = DisputeCue{j, mark->end,
                    r == Role::kCueParticiple ? DisputeKind::kParticiple
                    : r == Role::kDisputeNoun ? DisputeKind::kNoun
                                              : DisputeKind::kFalsity,
                    mark};
    return true;
  }

  // The attributions [first, second) within kMaxLookback of token j: all of them in an article
  // of at most kMaxLookback attributions (bounds the dispute pass on text that is no article).
  std::pair<int, int> Near(uint32_t j) const {
    // Attributions are (nearly) in cue order: the count of those before j, by binary search.
    int x =
        static_cast<int>(std::partition_point(att_toks_.begin(), att_toks_.end(),
                                              [&](const AttrTokens& t) { return t.cue_b < j; }) -
                         att_toks_.begin());
    return {std::max(0, x - kMaxLookback),
            std::min(static_cast<int>(att_toks_.size()), x + kMaxLookback)};
  }

  // The attribution whose cue covers token j, or -1.
  int AttributionAt(uint32_t j) const {
    const auto [lo, hi] = Near(j);
    for (int k = lo; k < hi; ++k)
      if (att_toks_[k].cue_b <= j && j < att_toks_[k].cue_e) return static_cast<int>(k);
    return -1;
  }

  Party PartyOf(const Phrase& ph, uint32_t cue_tok) {
    Attribution tmp;
    FillSource(&tmp, ph, cue_tok);
    Party p;
    p.name = Clean(tmp.source.resolved.empty() ? tmp.source.text : tmp.source.resolved);
    // A name first written after the mention («لكن المنظمة نفت …» before «مؤسس المنظمة، أكسيل
    // ستيير») is no antecedent of it: the mention as written.
    if (!tmp.source.resolved.empty() && !tmp.source.text.empty()) {
      size_t first = a_.doc.text.find(tmp.source.resolved);
      if (first != std::string::npos && first > TokSpan(ph.begin, ph.end).begin)
        p.name = Clean(tmp.source.text);
      // The mention itself read with the verb's object («ورفضت اللجنة مزاعم وكالات …» as the
      // attribution's source): the subject as written, without the object.
      const std::string written = Orig(TokSpan(ph.begin, ph.end));
      if (first == TokSpan(ph.begin, ph.end).begin && ph.end < toks_.size() &&
          HasAny(ph.end, {Role::kClaimNoun, Role::kAdjunct, Role::kAnaphor}) &&
          tmp.source.resolved.size() > written.size() && tmp.source.resolved.rfind(written, 0) == 0)
        p.name = Clean(written);
    }
    p.entity = tmp.source.entity.id;
    p.country = tmp.source.country;
    p.kind = tmp.source.kind;
    NameRole(tmp.source, &p);
    Nominative(ph.begin, &p);
    return p;
  }

  // A head written in the accusative («لكن مسؤولا بالتحالف نفى») is named in the nominative
  // when the lexicon has that form too («مسؤول»): the name of a party, not a case ending.
  void Nominative(uint32_t j, Party* p) const {
    static constexpr std::string_view kAlef = "\xD8\xA7";
    for (const LexHit& h : HitsAt(j)) {
      if (h.sense.role != Role::kOfficialHead && h.sense.role != Role::kAnonymousHead) continue;
      const std::string& acc = rules_.heads()[h.sense.index].phrase;
      if (acc.size() <= kAlef.size() ||
          acc.compare(acc.size() - kAlef.size(), kAlef.size(), kAlef) || p->name.rfind(acc, 0) != 0)
        continue;
      std::string nom = acc.substr(0, acc.size() - kAlef.size());
      // The case ending's tanween goes with it («مسؤولاً» -> «مسؤول»).
      static constexpr std::string_view kTanweenFath = "\xD9\x8B";
      size_t rest = acc.size();
      if (p->name.compare(rest, kTanweenFath.size(), kTanweenFath) == 0)
        rest += kTanweenFath.size();
      for (const HeadInfo& hi : rules_.heads())
        if (hi.phrase == nom) {
          p->name = nom + p->name.substr(rest);
          return;
        }
    }
  }

  Party PartyOf(const Attribution& a) const {
    Party p{a.source.kind == SourceKind::kUnspecified ? std::string() : a.source.resolved,
            a.source.entity.id, a.source.country, a.source.kind};
    NameRole(a.source, &p);
    return p;
  }

  // A person written only by role («الرئيس الأميركي», «الرئيس الأميركي لاحقا») is named by the
  // gazetteer person the role resolved to: «الرئيس الأميركي دونالد ترامب».
  // Only a short mention none of whose words is in the person's name (a longer one names the
  // person itself: «وزير الخارجية التركي مولود تشاوش أوغلو»).
  static void NameRole(const Source& src, Party* p) {
    if (!p->ok() || src.entity.id.rfind("person:", 0) != 0 || src.entity.name_ar.empty() ||
        std::count(p->name.begin(), p->name.end(), ' ') > 2)
      return;
    std::string_view n(src.entity.name_ar);
    for (size_t b = 0; b < n.size();) {
      size_t e = std::min(n.find(' ', b), n.size());
      if (p->name.find(n.substr(b, e - b)) != std::string::npos) return;
      b = e + 1;
    }
    p->name += " " + src.entity.name_ar;
  }

  bool SameParty(const Party& a, const Party& b) const {
    if (!a.ok() || !b.ok()) return false;
    if (!a.entity.empty() && a.entity == b.entity) return true;
    if (SameSide(a, b)) return true;
    return a.name.find(b.name) != std::string::npos || b.name.find(a.name) != std::string::npos;
  }

  // A state and one who speaks for it: an official or a gazetteer office-holder of that
  // country («ونفت موسكو» after «قال بيسكوف»; «نفت السلطات السعودية» after «مسؤول سعودي كبير»).
  // Not two officials or persons: «لكن مسؤولا أمريكيا نفى ما قاله ترامب» is a dispute.
  static bool SameSide(const Party& a, const Party& b) {
    if (a.country.empty() || a.country != b.country) return false;
    auto voice = [](const Party& p) {
      return p.kind == SourceKind::kState || p.kind == SourceKind::kOfficial ||
             p.entity.rfind("person:", 0) == 0;
    };
    return (a.kind == SourceKind::kState && voice(b)) || (b.kind == SourceKind::kState && voice(a));
  }

  // A phrase that names a party: anchored on a head or gazetteer entity, or a short run of
  // name-like words; not a claim, a common noun or an adverb.
  bool PartyPhrase(const Phrase& ph) const {
    if (ph.empty() || StartsWithClaim(ph) || Has(ph.begin, Role::kAdjunct)) return false;
    if (Anchor(ph.begin) || Has(ph.begin, Role::kDemonym)) return true;  // «السعوديون»
    if (Has(ph.begin, Role::kCommonWord) || ph.end - ph.begin > 2) return false;
    return Plausible(ph);
  }

  // The word at j, unknown to the lexicons, is written elsewhere in the article: a name
  // («ونفى ساركوزي الحصول …» with «ساركوزي» in the title).
  bool RepeatedName(uint32_t j) const {
    if (!IsWord(j) || toks_[j].kind != TokenKind::kWord || Covered(j) || Norm(j).size() < 6)
      return false;
    if (word_count_.empty())  // every word's count, once (not a scan of the text per call)
      for (uint32_t k = 0; k < toks_.size(); ++k)
        if (toks_[k].kind == TokenKind::kWord) ++word_count_[Norm(k)];
    return word_count_[Norm(j)] > 1;
  }

  // The subject of a deny verb ends where its object starts: at a claim noun, an adverb of
  // denial or a pointer back («ونفى كافانو مزاعم عدة نساء», «ورفضت اللجنة مزاعم …»). Not a
  // claim noun that a head governs («هيئة الادعاء») or that completes a common word already
  // read into the phrase («رفض جهاز المخابرات … تأكيد التقرير»).
  Phrase WithoutObject(Phrase ph) const {
    if (ph.empty()) return ph;
    for (uint32_t j = ph.begin + 1; j < ph.end; ++j) {
      if (Has(j, Role::kCommonWord) && !CoveredByName(j) && !Has(j, Role::kDemonym)) break;
      if (Has(j, Role::kClaimNoun) && !HasArticleReading(j - 1) &&
          HasAny(j - 1, {Role::kInstitutionHead, Role::kOfficialHead, Role::kDocumentHead,
                         Role::kOutletHead, Role::kAnonymousHead, Role::kStateHead}))
        continue;
      if (HasAny(j, {Role::kClaimNoun, Role::kAdjunct, Role::kAnaphor})) {
        ph.end = j;
        break;
      }
    }
    return ph;
  }

  // Subject written after the cue (VSO): a party phrase, or a repeated unknown name.
  Phrase SubjectAfter(uint32_t p, uint32_t send) const {
    p = SkipAdjuncts(p, send, nullptr);
    if (p + 1 < send && IsPunct(p, '#')) ++p;  // «#حماس»
    Phrase ph = SourcePhrase(p, send);
    if (PartyPhrase(ph)) {
      Phrase subject = WithoutObject(ph);
      return PartyPhrase(subject) ? subject : ph;
    }
    if (p < send && RepeatedName(p)) return Phrase{p, p + 1, 0};
    // «ونفى العيدودي، أن يكون …»: a single unknown word before the complementizer.
    uint32_t q = p + 1;
    if (q < send && IsPunct(q, ',')) ++q;
    // Before «، أن» even a word ending like a nisba adjective is the name («العيدودي»).
    if (p < send && q < send && IsWord(p) && toks_[p].kind == TokenKind::kWord && !Covered(p) &&
        Has(q, Role::kComplementizer) && (LooksLikeName(p) || q == p + 2))
      return Phrase{p, p + 1, 0};
    return Phrase{};
  }

  // Start of the clause holding token j: after the last comma, colon or quote in the sentence,
  // past the words that open a clause before its subject (لكن، إلا أن، فيما، يذكر أن، كما، قد).
  uint32_t ClauseStart(const SentenceRange& sr, uint32_t j, bool* contrast) const {
    if (clause_cut_.empty()) {  // after the last comma, colon or quote before each token, once
      clause_cut_.assign(toks_.size() + 1, 0);
      for (uint32_t k = 0; k < toks_.size(); ++k)
        clause_cut_[k + 1] =
            IsPunct(k, ',') || IsPunct(k, ':') || IsQuote(k) ? k + 1 : clause_cut_[k];
    }
    uint32_t b = std::max(sr.begin, clause_cut_[j]);
    // «وبينما تقول X …، تنفي Y»: a contrast that opens the sentence covers its clauses.
    *contrast = Has(sr.begin, Role::kContentStop) || Has(sr.begin, Role::kContrast);
    for (int guard = 0; b < j && guard < 6; ++guard) {
      if (Has(b, Role::kContrast)) *contrast = true;  // «لكن مسؤولا بالتحالف نفى …»
      const LexHit* h = nullptr;
      for (const LexHit& x : HitsAt(b))
        if ((x.sense.role == Role::kContentStop || x.sense.role == Role::kComplementizer ||
             x.sense.role == Role::kAuxiliary || x.sense.role == Role::kAside ||
             (x.sense.role == Role::kCuePrep && rules_.markers()[x.sense.index].needs_verb)) &&
            x.end <= j && (!h || x.end > h->end))
          h = &x;
      if (h) {
        if (h->sense.role == Role::kContentStop) *contrast = true;
        b = h->end;
        continue;
      }
      if (IsPunct(b, '#') || toks_[b].kind == TokenKind::kPunct) {
        ++b;
        continue;
      }
      break;
    }
    return b;
  }

  // Subject written before the cue (SVO), in its clause: «لكن موسكو تنفي», «عنان نفى».
  Phrase SubjectBefore(const SentenceRange& sr, uint32_t cue, bool* contrast) const {
    uint32_t b = ClauseStart(sr, cue, contrast);
    const uint32_t e = BeforeAuxiliaries(cue, b);
    if (e <= b || e - b > 10) return Phrase{};
    Phrase ph = SourcePhrase(b, e);
    if (ph.empty() || ph.end != e) return Phrase{};
    if (Anchored(ph) || (PartyPhrase(ph) && ph.end - ph.begin <= 2)) return ph;
    return Phrase{};
  }

  // The antecedent of a relative pronoun at token r: «الملك سلمان …، الذي نفى».
  Phrase Antecedent(const SentenceRange& sr, uint32_t r) const {
    uint32_t e = r;
    while (e > sr.begin && IsPunct(e - 1, ',')) --e;
    Phrase best;
    for (uint32_t b = e; b > sr.begin && b + 10 > e;) {
      --b;
      if (!IsWord(b)) break;
      Phrase ph = SourcePhrase(b, e);
      if (!ph.empty() && ph.end == e && PartyPhrase(ph)) best = ph;
    }
    // «الموقف الرسمي لموسكو التي نفت …»: the antecedent without its preposition.
    if (!best.empty()) best.trim_front = PrepBytesOnFirst(best);
    return best;
  }

  // The subject of a clause whose verb is not a reporting verb, at the clause start: SVO
  // («حركة طالبان سارعت إلى نفي …») or VSO («دانت وزارة الخارجية …، نافية …»).
  Phrase ClauseSubject(const SentenceRange& sr, uint32_t j, bool sentence = false) const {
    bool contrast = false;
    uint32_t b = sentence ? sr.begin : ClauseStart(sr, j, &contrast);
    if (b >= j) return Phrase{};
    Phrase ph = SourcePhrase(b, j);
    if (!ph.empty() && Anchored(ph) && PartyPhrase(ph)) return ph;
    // After the clause's verb (any verb: «ردت الجزائرية أسماء بنت قادة …») or auxiliary
    // («وكان كوهين قد أسقط …»).
    if (b + 1 < j && IsWord(b) && (!Covered(b) || HasAny(b, {Role::kVerb, Role::kAuxiliary}))) {
      ph = SourcePhrase(b + 1, j);
      if (!ph.empty() && (Anchor(ph.begin) || Has(ph.begin, Role::kDemonym)) && PartyPhrase(ph))
        return ph;
      if (RepeatedName(b + 1)) return Phrase{b + 1, b + 2, 0};  // «وانتقد شريف …»
      if (b + 2 < j && Has(b, Role::kAuxiliary) && Has(b + 2, Role::kAuxiliary) && IsWord(b + 1) &&
          !Covered(b + 1) && LooksLikeName(b + 1))
        return Phrase{b + 1, b + 2, 0};  // «وكان كوهين قد …»
    }
    return Phrase{};
  }

  // No subject written: the latest party named before token j (a speaker of an earlier
  // attribution, or a person named as a sentence's subject).
  Party ZeroSubject(uint32_t j) {
    uint32_t pos = TokSpan(j, j + 1).begin;
    Party best;
    uint32_t best_pos = 0;
    const auto [lo, hi] = Near(j);
    for (int k = lo; k < hi; ++k) {
      const Attribution& a = a_.attributions[k];
      if (a.cue.begin >= pos || a.source.kind == SourceKind::kUnspecified ||
          a.rule.rfind("prep.", 0) == 0 || a.source.resolved.empty())
        continue;
      uint32_t at = a.source.mention.empty() ? a.cue.begin : a.source.mention.begin;
      if (!best.ok() || at >= best_pos) {
        best = PartyOf(a);
        best_pos = at;
      }
    }
    const TextMention* tm = LatestMention(j);
    if (tm && TokSpan(tm->begin, tm->end).begin > best_pos) {
      best = Party{tm->resolved, tm->entity.id};
      best_pos = TokSpan(tm->begin, tm->end).begin;
    }
    // The subject of the sentence before («العراق يدين الغارات .. وينفي التنसيق»).
    uint32_t s = sent_of_[j];
    if (s != kNone && s > 0) {
      Phrase ph = ClauseSubject(sents_[s - 1], sents_[s - 1].end, /*sentence=*/true);
      if (!ph.empty() && (!best.ok() || TokSpan(ph.begin, ph.end).begin > best_pos))
        best = PartyOf(ph, j);  // («العراق يدين الغارات.. وينفي التنسيق»: even at offset 0)
    }
    return best;
  }

  // The latest attribution before token j, in j's sentence or the one before, whose speaker is
  // a party other than `by` and that claimed something (not a denial, not «بحسب»).
  int Claimant(uint32_t j, uint32_t sent, const Party& by, bool accuse_only,
               bool same_sentence) const {
    const auto [lo, hi] = Near(j);
    for (int k = hi - 1; k >= lo; --k) {
      const AttrTokens& t = att_toks_[k];
      if (t.cue_b >= j) continue;
      if (t.sentence == kNone || t.sentence + (same_sentence ? 0 : 1) < sent) break;
      const Attribution& a = a_.attributions[k];
      if (a.source.kind == SourceKind::kUnspecified || a.source.resolved.empty()) continue;
      if (a.rule.rfind("prep.", 0) == 0 || a.stance == Stance::kDeny) continue;
      if (accuse_only && a.stance != Stance::kAccuse) continue;
      if (same_sentence && (a.rule.rfind("verb.", 0) != 0 || a.source.mention.empty())) continue;
      // A source phrase that names no party («مبررا لأن لا تكون روسيا»): no claimant; a
      // document of a known party is its claim («ويقول تقرير جديد للأمم المتحدة إنه …»).
      if (!a.source.mention.empty() && !PartyPhrase(PhraseOf(a.source.mention)) &&
          !(a.source.kind == SourceKind::kDocument && !a.source.entity.id.empty())) {
        // Reports of no named party in the denial's own sentence are what it answers («ردت
        // … على تقارير إعلامية، نقلت أنها …، نافية ذلك»), not an older speaker.
        if (t.sentence == sent &&
            (a.source.kind == SourceKind::kDocument || a.source.kind == SourceKind::kAnonymous ||
             a.source.kind == SourceKind::kOutlet))
          return k;
        continue;
      }
      if (SameParty(PartyOf(a), by)) continue;
      return k;
    }
    return -1;
  }

  // The claimant, a few sentences back, whose content the denied clause repeats: a content
  // word of it («وينفي مؤسس المنظمة … انتهاك القانون» after «وقال الوزير … إن السفينة انتهكت
  // القانون»).
  // …or two of its words, one not a name, each written with another ending («أن يكون حارسا
  // شخصيا سابقا لزعيم تنظيم القاعدة» after «وبأنه من فريق الحراس الشخصيين لبن لادن»).
  int ClaimantOf(uint32_t j, uint32_t sent, const Party& by, uint32_t ob, uint32_t oe) const {
    // The latest attributions only: a sentence that never ends («نفت موسكو مزاعم واشنطن و…»)
    // would otherwise compare each denial with the contents of hundreds of them.
    constexpr int kClaimantsExamined = 32;
    std::set<std::string, std::less<>> denied;
    std::vector<std::pair<std::string_view, bool>> words;  // stem, a name's word
    for (uint32_t x = ob; x < oe && x < ob + 12; ++x) {
      if (toks_[x].kind != TokenKind::kWord) continue;
      bool name = CoveredByName(x);
      if (!name && Covered(x) && !Has(x, Role::kCommonWord)) continue;
      if (!name && StemOf(x).size() >= 8) denied.emplace(StemOf(x));
      if (StemOf(x).size() >= 6) words.emplace_back(StemOf(x), name);
    }
    if (denied.empty()) return -1;
    const auto [lo, hi] = Near(j);
    int examined = 0;
    for (int k = hi - 1; k >= lo; --k) {
      const AttrTokens& t = att_toks_[k];
      if (t.cue_b >= j || t.con_b == kNone) continue;
      if (t.sentence == kNone || t.sentence + kClaimSentences < sent) break;
      if (++examined > kClaimantsExamined) break;
      const Attribution& a = a_.attributions[k];
      if (a.source.kind == SourceKind::kUnspecified || a.source.resolved.empty()) continue;
      if (a.rule.rfind("prep.", 0) == 0 || a.stance == Stance::kDeny || a.rule == "headline")
        continue;
      if (t.con_b <= j && j < t.con_e) continue;  // it reports the denial
      if (InTitle(t.cue_b)) continue;
      if (!a.source.mention.empty() && !PartyPhrase(PhraseOf(a.source.mention))) continue;
      if (SameParty(PartyOf(a), by)) continue;
      for (uint32_t x = t.con_b; x < t.con_e; ++x)
        if (toks_[x].kind == TokenKind::kWord && denied.find(StemOf(x)) != denied.end()) return k;
      // (A weaker sign: not a party of the disputer's own country, which more often repeats
      // the denial than the claim.)
      if (SharedWords(words, t.con_b, t.con_e) >= 2 &&
          (a.source.country.empty() || a.source.country != CountryOf(by.entity)))
        return k;
    }
    return -1;
  }

  // How many of `words` tokens [b, e) repeat, a name's word as written, another word with the
  // same stem (SameStem); 0 when only names repeat.
  int SharedWords(const std::vector<std::pair<std::string_view, bool>>& words, uint32_t b,
                  uint32_t e) const {
    int n = 0;
    bool word = false;
    std::set<std::string_view> seen;
    for (const auto& [w, name] : words) {
      if (seen.count(w)) continue;
      for (uint32_t x = b; x < e && x < b + kMaxContentTokens; ++x) {
        if (toks_[x].kind != TokenKind::kWord) continue;
        if (name ? StemOf(x) == w : SameStem(StemOf(x), w)) {
          seen.insert(w);
          ++n;
          word |= !name;
          break;
        }
      }
    }
    return word ? n : 0;
  }

  // Two words of one stem: four letters or more in common at the start, then endings of at
  // most two letters («شخصيا», «شخصيين»).
  static bool SameStem(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    // Whole code points only.
    while (n > 0 && ((n < a.size() && (static_cast<unsigned char>(a[n]) & 0xC0) == 0x80) ||
                     (n < b.size() && (static_cast<unsigned char>(b[n]) & 0xC0) == 0x80)))
      --n;
    return n >= 8 && a.size() <= n + 4 && b.size() <= n + 4;
  }

  // A claimant written inside the denied object [ob, oe), before any comma: the party of a
  // reporting verb right after a relative pronoun, its named speaker («نفى ما ذكره بيرغمان»,
  // «خبر وفاته الذي أعلنته بعض وسائل الإعلام»), else, not the disputer, the pronoun's antecedent
  // when it names a party or accuses («مع "ذي صن" التي نقلت عن ترامب قوله …», «وجود أي علاقة مع
  // المشتكيات اللائي اتهمنه»).
  int ObjectClaimant(const SentenceRange& sr, uint32_t ob, uint32_t oe, const Party& by,
                     Party* party) {
    // A relative clause near the object's start: bounds the work in a sentence that never
    // ends (one comma check per attribution).
    constexpr uint32_t kObjectWords = 24;
    oe = std::min(oe, ob + kObjectWords);
    if (ob >= oe) return -1;
    const auto [lo, hi] = Near(ob);
    for (int k = lo; k < hi; ++k) {
      const AttrTokens& t = att_toks_[k];
      if (t.cue_b <= ob || t.cue_b >= oe || !Has(t.cue_b - 1, Role::kRelative)) continue;
      const Attribution& a = a_.attributions[k];
      if (a.stance == Stance::kDeny || a.rule.rfind("prep.", 0) == 0) continue;
      // Past a comma only an accusation of the disputer, its object pronoun («…، كما يعتبر
      // محاموه أن روايات النساء اللواتي يتهمنه باغتصابهن …»): not «…، وهو ما تؤكده الولايات
      // المتحدة».
      bool comma = false;
      for (uint32_t x = ob; x < t.cue_b && !comma; ++x) comma = IsPunct(x, ',');
      const LexHit* v = Hit(t.cue_b, Role::kVerb);
      if (comma && !(a.stance == Stance::kAccuse && v && (v->mask & kCliticPron))) continue;
      if (a.source.kind != SourceKind::kUnspecified && !a.source.resolved.empty() &&
          !a.source.mention.empty() && PartyPhrase(PhraseOf(a.source.mention)) &&
          !SameParty(PartyOf(a), by)) {
        *party = PartyOf(a);
        return k;
      }
      uint32_t r = t.cue_b - 1;
      Phrase ante = Antecedent(sr, r > sr.begin && IsQuote(r - 1) ? r - 1 : r);
      // Accusers may be named by a common noun: «المشتكيات اللائي اتهمنه», «النساء اللاتي اتهمنه».
      if (ante.empty() && a.stance == Stance::kAccuse && r > sr.begin && IsWord(r - 1) &&
          toks_[r - 1].kind == TokenKind::kWord &&
          !HasAny(r - 1, {Role::kPreposition, Role::kVerb, Role::kComplementizer, Role::kAdjunct,
                          Role::kClaimNoun, Role::kAnaphor}))
        ante = Phrase{r - 1, r, 0};
      if (ante.empty() || !(Anchored(ante) || a.stance == Stance::kAccuse)) continue;
      Party p = PartyOf(ante, t.cue_b);
      if (p.ok() && !SameParty(p, by)) {
        *party = p;
        return k;
      }
    }
    return -1;
  }

  // An accusation without its verb: the claimant of this sentence or the one before whose
  // content names the disputer («جاء فيه أن ماكيب "سرب أخبارا" … ونفى ماكيب الاتهامات»).
  int ClaimantAbout(uint32_t j, uint32_t sent, const Party& by) const {
    // A person only: a state's or institution's name recurs in any report about it.
    if (!by.ok() || by.entity.find("person:") == std::string::npos) return -1;
    size_t sp = by.name.rfind(' ');
    std::string last = sp == std::string::npos ? by.name : by.name.substr(sp + 1);
    if (last.size() < 6) return -1;  // at least three letters
    const auto [lo, hi] = Near(j);
    for (int k = hi - 1; k >= lo; --k) {
      const AttrTokens& t = att_toks_[k];
      if (t.cue_b >= j) continue;
      if (t.sentence == kNone || t.sentence + 1 < sent) break;
      const Attribution& a = a_.attributions[k];
      if (a.source.kind == SourceKind::kUnspecified || a.source.resolved.empty()) continue;
      if (a.rule.rfind("prep.", 0) == 0 || a.stance == Stance::kDeny) continue;
      if (SameParty(PartyOf(a), by)) continue;
      if (a.content_text.find(last) != std::string::npos) return k;
    }
    return -1;
  }

  // A deny verb whose object is a relative pronoun pointing back («وتقول السلطات التركية إنه
  // ربما قتل هناك، وهو ما تنفيه السعودية», «الأمر الذي نفته دمشق»): the object pronoun on the
  // verb stands for what was said before.
  // Returns the relative's token, or kNone.
  uint32_t RelativeObject(const DisputeCue& c, const SentenceRange& sr) const {
    if (c.kind != DisputeKind::kVerb || !(c.hit->mask & kCliticPron)) return kNone;
    const uint32_t k = BeforeAuxiliaries(c.b, sr.begin);
    return k > sr.begin && Has(k - 1, Role::kRelative) ? k - 1 : kNone;
  }

  // «نفت فرنسا الخطابي إلى جزيرة …», «نفيه إلى السعودية»: نفى in its sense "exiled". A
  // destination (exile_place) within a few words of the cue, before any complementizer; one
  // with `tail` only right after the cue, a bare «إلى» there only before a country or capital.
  bool ExileSense(const DisputeCue& c, uint32_t send) const {
    for (uint32_t j = c.e; j < send && j < c.e + 5; ++j) {
      if (IsPunct(j, ',') || Has(j, Role::kComplementizer)) return false;
      for (const LexHit& h : HitsAt(j)) {
        if (h.sense.role != Role::kExilePlace || h.end > send) continue;
        if (!rules_.markers()[h.sense.index].tail) return true;
        if (j != c.e) continue;
        if (h.end > h.begin + 1 || (h.end < send && HasAny(h.end, {Role::kState, Role::kCapital})))
          return true;
      }
    }
    return false;
  }

  void DisputeAt(const DisputeCue& c, const SentenceRange& sr, uint32_t s) {
    uint32_t send = sr.end;
    if (c.kind != DisputeKind::kFalsity && ExileSense(c, send)) return;
    // A deny verb in a quote: the quoted speaker's own denial («وذكرت الخارجية: "… فإنها تنفي
    // نفيا قاطعا وجود أي تنسيق"»), when the quote is an attribution's content.
    int quoter = -1;
    // A quoted fragment that the deny verb opens in running text («إن ترمب "نفى بقوة …"
    // المزاعم», «ولكنها "نفت أن تكون شريكة …"»): the writer's frame, its subject before the quote.
    const bool fragment = c.kind == DisputeKind::kVerb && c.b > sr.begin + 1 && IsQuote(c.b - 1) &&
                          IsWord(c.b - 2) && InsideQuote(sr.begin, c.b);
    if (InsideQuote(sr.begin, c.b)) {
      if (c.kind != DisputeKind::kVerb && c.kind != DisputeKind::kFalsity) return;
      if (c.kind == DisputeKind::kVerb) {
        const auto [lo, hi] = Near(c.b);
        for (int k = hi - 1; k >= lo && quoter < 0; --k)
          if (att_toks_[k].con_b <= c.b && c.b < att_toks_[k].con_e &&
              PartyOf(a_.attributions[k]).ok())
            quoter = k;
        if (quoter < 0 && !fragment) return;
      }
    }
    int ai = AttributionAt(c.b);
    const Attribution* at = ai >= 0 ? &a_.attributions[ai] : nullptr;
    bool verb_att = at && (at->rule.rfind("verb.", 0) == 0 || at->rule == "participle");
    Party by;
    uint32_t ob = c.e;  // where the object starts
    bool contrast = false;
    std::string rule = "dispute.clause";
    if (c.kind == DisputeKind::kVerb) {
      const VerbInfo& v = rules_.verbs()[c.hit->sense.index];
      Phrase after = SubjectAfter(c.e, send);
      uint32_t k = BeforeAuxiliaries(c.b, sr.begin);
      // A negated denial disputes nothing: «لا ينفي أن الفنان … قد ساهم», «لا تنفي أو تقر».
      if (k > sr.begin && Has(k - 1, Role::kNegation)) return;
      bool relative =
          k > sr.begin && Has(k - 1, Role::kRelative) && Norm(k - 1) != "\xD9\x85\xD8\xA7";
      Phrase before = SubjectBefore(sr, c.b, &contrast);
      if (Phrase q = QuotedTitleSubject(sr, k); !q.empty()) before = q;
      if (before.empty() && fragment) before = SubjectBefore(sr, c.b - 1, &contrast);
      if (fragment && quoter < 0 && before.empty()) return;
      if (quoter >= 0 || fragment) {
        // In a quote only a marked denial: an adverb of denial or a claim, a pointer back or a
        // clause as its object («فإنها تنفي نفيا قاطعا وجود …»); not «"كذبت كثيرا"», «"ينفي الآخر
        // في فرادته"».
        if (!after.empty()) return;
        uint32_t o = SkipAdjuncts(c.e, send, nullptr);
        bool marked =
            o > c.e ||
            (o < send && HasAny(o, {Role::kClaimNoun, Role::kAnaphor, Role::kComplementizer}));
        // …or a claim a few words on («"الرئيس ينفي بقوة ووضوح وبشكل ثابت هذه المزاعم"»).
        for (uint32_t x = o, xe = std::min(ClauseEnd(o, send), o + 8); !marked && x < xe; ++x)
          marked = Has(x, Role::kClaimNoun);
        if (!marked && !(fragment && !before.empty())) return;
      }
      if (relative && (after.empty() || !Anchored(after))) {
        Phrase ante = Antecedent(sr, k - 1);
        if (!ante.empty()) by = PartyOf(ante, c.b);
      } else if (!after.empty() && (before.empty() || (Anchored(after) && !Anchored(before)))) {
        by = PartyOf(after, c.b);
        ob = after.end;
      } else if (!before.empty()) {
        // «يُذكر أن عنان نفى امتلاكه …»: the subject before the verb; what follows is its object.
        by = PartyOf(before, c.b);
      }
      if (!by.ok() && before.empty() && !relative) by = AccusedParty(c.b, s);
      if (!by.ok()) {
        // «العراق يدين الغارات … وينفي التنسيق»: a second verb shares its clause's subject.
        Phrase cs = ClauseSubject(sr, c.b);
        if (!cs.empty()) by = PartyOf(cs, c.b);
      }
      if (!by.ok() && verb_att &&
          (at->source.mention.empty() || PartyPhrase(PhraseOf(at->source.mention))))
        by = PartyOf(*at);
      if (!by.ok() && quoter >= 0) by = PartyOf(a_.attributions[quoter]);
      if (!by.ok()) by = ZeroSubject(c.b);
      ob = SkipAdjuncts(ob, send, nullptr);
      for (const std::string& w : v.not_dispute_next)
        if ((c.e < send && Norm(c.e) == w) || (ob < send && Norm(ob) == w)) return;
    } else if (c.kind == DisputeKind::kParticiple) {
      // The participle continues its clause's speaker: the subject of the sentence's main
      // verb («ردت الجزائرية أسماء بنت قادة … على تقارير …، نافية ذلك»), else the last speaker
      // of the sentence.
      Phrase cs = ClauseSubject(sr, c.b, /*sentence=*/true);
      if (!cs.empty()) by = PartyOf(cs, c.b);
      for (int k = ai - 1; !by.ok() && k >= std::max(0, ai - kMaxLookback); --k)
        if (att_toks_[k].sentence == s && a_.attributions[k].rule.rfind("prep.", 0) != 0 &&
            PartyOf(a_.attributions[k]).ok()) {
          by = PartyOf(a_.attributions[k]);
          break;
        }
      if (!by.ok() && at) by = PartyOf(*at);
      if (!by.ok()) by = ZeroSubject(c.b);
      ob = SkipAdjuncts(c.e, send, nullptr);
      if (ob < send && Has(ob, Role::kPreposition)) ++ob;
    } else if (c.kind == DisputeKind::kNoun) {
      Phrase agent = SourcePhrase(c.e, send);
      if (PartyPhrase(agent)) {
        by = PartyOf(agent, c.b);
        ob = agent.end;
      } else {
        Phrase cs = ClauseSubject(sr, c.b);
        if (!cs.empty()) by = PartyOf(cs, c.b);
      }
      if (!by.ok()) by = ZeroSubject(c.b);
      rule = "dispute.noun";
    }
    // The object: a claim noun and its possessor, or a pointer back.
    uint32_t oe = ClauseEnd(ob, send);
    const LexHit* claim = nullptr;
    bool anaphor = false;
    if (c.kind == DisputeKind::kFalsity) {
      // Said of a claim just before («الاتهامات "لا أساس لها"», «هذه التقارير بأنها زائفة»).
      uint32_t j = c.b;
      bool described = false;
      for (int n = 0; j > sr.begin && n < 5; ++n) {
        --j;
        if (IsQuote(j) || IsPunct(j, ',')) continue;
        if (Has(j, Role::kComplementizer)) {
          described = true;
          continue;
        }
        if (const LexHit* h = Hit(j, Role::kClaimNoun)) {
          claim = h;
          break;
        }
        if (!described) break;  // «الاتهامات التي لا أساس لها» describes, not disputes
      }
      if (!claim) return;
      // «بتهمة نشر أخبار كاذبة», «إذاعة أخبار وبيانات كاذبة»: the false claim names an offence.
      for (uint32_t k = claim->begin, n = 0; k > sr.begin && n < 4; ++n) {
        --k;
        if (Has(k, Role::kOffence)) return;
        if (!IsWord(k) && !IsQuote(k)) break;
      }
      anaphor = claim->begin > sr.begin && Has(claim->begin - 1, Role::kAnaphor);
      // The speaker: the attribution whose content holds the predicate, or a later one whose
      // cue stands before the claim in the sentence («ونفت سوريا …، كما وصفت روسيا هذه التقارير
      // بأنها زائفة»), else the clause's.
      const auto [lo, hi] = Near(c.b);
      for (int k = hi - 1; k >= lo; --k)
        if (((att_toks_[k].con_b <= c.b && c.b < att_toks_[k].con_e) ||
             (att_toks_[k].sentence == s && att_toks_[k].cue_e <= claim->begin)) &&
            PartyOf(a_.attributions[k]).ok()) {
          by = PartyOf(a_.attributions[k]);
          at = &a_.attributions[k];
          ai = k;
          break;
        }
      if (!by.ok()) {
        Phrase cs = ClauseSubject(sr, claim->begin);
        // «انتقد مبعوث الرئيس الأميركي …، بقوله إن "ادعاءاته الكاذبة" …»: the sentence's.
        if (cs.empty()) cs = ClauseSubject(sr, claim->begin, /*sentence=*/true);
        if (!cs.empty()) by = PartyOf(cs, c.b);
      }
      if (!by.ok()) return;
      ob = claim->begin;
      oe = c.b;
      rule = "dispute.falsity";
    } else {
      bool claim_object =
          c.kind == DisputeKind::kVerb &&
          rules_.verbs()[c.hit->sense.index].dispute == VerbInfo::Dispute::kClaimObject;
      uint32_t limit = std::min(oe, ob + (claim_object ? 2u : 12u));
      for (uint32_t j = ob; j < limit; ++j) {
        if (IsPunct(j, ',') && claim_object) break;
        if (const LexHit* h = Hit(j, Role::kClaimNoun)) {
          claim = h;
          break;
        }
        // «نفت ذلك», «نفى هذا الأمر»: the object itself; a demonstrative deeper in a denied
        // clause («أن تكون حملته قد تواطأت في هذا العمل») points back to nothing.
        if (Has(j, Role::kAnaphor) && j <= ob + 1) anaphor = true;
      }
      if (claim_object && !claim) return;
      if (claim && claim->end < send && Has(claim->end, Role::kAnaphor)) anaphor = true;
    }
    Dispute d;
    d.cue = TokSpan(c.b, c.e);
    d.cue_text = Orig(d.cue);
    d.by = by.name;
    d.by_entity = by.entity;
    if (at && c.kind != DisputeKind::kFalsity && at->content.end > at->content.begin) {
      d.about = Truncate(at->content_text, 120);
      d.about_span = at->content;
    } else if (oe > ob) {
      d.about_span = TokSpan(ob, oe);
      d.about = Truncate(Orig(d.about_span), 120);
    }
    d.evidence = TokSpan(sr.begin, sr.end);
    d.attribution = ai;
    Phrase against;
    bool generic = false;  // a claim described by its topic, not pointing back: «المزاعم بشأن …»
    if (claim) {
      rule = rule == "dispute.falsity" ? rule : "dispute.object";
      if (claim->end < send && (Has(claim->end, Role::kDemonym) || !anaphor)) {
        against = ClaimOwner(*claim, send);
        // A definite claim that no preposition describes points back («رفضت ميانمار التقرير
        // لأنه …», «نفى الاتهامات التي وجهت لمصر»).
        if (against.empty() &&
            !(IsPunct(claim->end, ',') || IsPunct(claim->end, '.') ||
              Has(claim->end, Role::kAdjunct) || IsQuote(claim->end) ||
              ((claim->mask & kCliticArticle) && !Has(claim->end, Role::kPreposition))))
          generic = true;
      }
    }
    if (!against.empty()) {
      if (Has(against.begin, Role::kDemonym) && against.end == against.begin + 1) {
        // «الاتهامات الأميركية»: the party of that country that spoke last, else the state.
        const LexHit* h = Hit(against.begin, Role::kDemonym);
        const EntityInfo& e = rules_.entities()[h->sense.index];
        d.against = e.name_ar;
        d.against_entity = e.id;
        const auto [lo, hi] = Near(c.b);
        uint32_t at_pos = 0;
        for (int k = hi - 1; k >= lo; --k)
          if (att_toks_[k].cue_b < c.b && a_.attributions[k].source.country == e.country &&
              a_.attributions[k].source.kind != SourceKind::kUnspecified) {
            d.against = a_.attributions[k].source.resolved;
            d.against_entity = a_.attributions[k].source.entity.id;
            at_pos = att_toks_[k].cue_b;
            break;
          }
        // …or a later party of that country named in this sentence or the one before
        // («قدمت وزارة الدفاع الأميركية شكوى … وتنفي بكين الاتهامات الأميركية»).
        for (uint32_t j = c.b; j > std::max(at_pos, s > 0 ? sents_[s - 1].begin : sr.begin);) {
          --j;
          if (!HasAny(j, {Role::kInstitutionHead, Role::kInstitution, Role::kOfficialHead,
                          Role::kTitle, Role::kPersonRole, Role::kPerson}) ||
              (j > 0 && HasAny(j - 1, {Role::kInstitutionHead, Role::kTitle})))
            continue;
          Phrase ph = SourcePhrase(j, c.b);
          if (ph.empty() || !PartyPhrase(ph)) continue;
          Source src;
          Classify(ph, &src);
          if (src.country != e.country) continue;
          Party p = PartyOf(ph, c.b);
          if (!p.ok()) continue;
          d.against = p.name;
          d.against_entity = p.entity;
          break;
        }
      } else {
        Party p = PartyOf(against, c.b);
        d.against = p.name;
        d.against_entity = p.entity;
      }
    } else if (!generic) {
      int k = -1;
      Party inside;  // a claimant written in the denied object (ObjectClaimant)
      if (const uint32_t rel = RelativeObject(c, sr); !claim && !anaphor && rel != kNone) {
        // «وتقول السلطات التركية إنه ربما قتل هناك، وهو ما تنفيه السعودية»: the party that
        // accused the disputer, else the speaker of this sentence whose content the relative
        // follows (not «أعلن ترامب قبول استقالتها …، لتنتشر شائعات …، وهو الأمر الذي نفته»).
        k = Claimant(c.b, s, by, true, false);
        if (k < 0) {
          k = Claimant(c.b, s, by, false, /*same_sentence=*/true);
          if (k >= 0 && (att_toks_[k].con_b == kNone || att_toks_[k].con_e + 3 < rel)) k = -1;
        }
      }
      if (k < 0 && ((claim && !generic) || anaphor)) {
        // Points back: the accuser just before, else the last claimant. An accusation
        // («هذه الاتهامات», a claim noun of stance accuse) answers the accuser, or a claim it is
        // contrasted with («لكن المنظمة نفت صحة هذه الاتهامات»); after an accusation written
        // without its author («وجهت فيها أصابع الاتهام نحو روسيا») no one.
        if (!anaphor) k = ObjectClaimant(sr, ob, oe, by, &inside);
        if (k < 0) k = Claimant(c.b, s, by, true, false);
        bool accusation = claim && rules_.markers()[claim->sense.index].stance == Stance::kAccuse;
        if (k < 0 && (!accusation || contrast)) k = Claimant(c.b, s, by, false, false);
        if (k < 0 && accusation) k = ClaimantAbout(c.b, s, by);
      } else if (k < 0) {
        // A denied clause or act: the party that accused the disputer, or the party it is
        // contrasted with in the same sentence.
        // («… وصرح دبلوماسي "…". لكن مسؤولا بالتحالف نفى خوض السعودية مفاوضات»).
        k = ObjectClaimant(sr, ob, oe, by, &inside);
        if (k < 0) k = Claimant(c.b, s, by, true, false);
        if (k < 0 && contrast) k = Claimant(c.b, s, by, false, true);
        if (k < 0 && contrast) k = Claimant(c.b, s, by, false, false);
        if (k < 0 && contrast) {
          // No claimant spoke: the subject of the clause the denial is contrasted with
          // («واتفق زعماء الاتحاد الأوروبي … على أنه …، لكن موسكو تنفي أي دور لها»).
          Phrase cs = ClauseSubject(sr, c.b, /*sentence=*/true);
          if (!cs.empty() && cs.end <= c.b) {
            Party p = PartyOf(cs, c.b);
            if (p.ok() && !SameParty(p, by)) {
              d.against = p.name;
              d.against_entity = p.entity;
            }
          }
        }
        // Else the party that said what is denied, a few sentences back.
        if (k < 0 && d.against.empty()) k = ClaimantOf(c.b, s, by, ob, oe);
      }
      if (k >= 0 && k == quoter) k = -1;  // it quotes the denial, it does not claim
      if (k >= 0) {
        const Source& src = a_.attributions[k].source;
        d.against = src.resolved;
        // A document's party by its name: «الأمم المتحدة» for «تقرير جديد للأمم المتحدة».
        if (src.kind == SourceKind::kDocument && !src.entity.name_ar.empty())
          d.against = src.entity.name_ar;
        d.against_entity = src.entity.id;
        if (inside.ok()) {
          d.against = inside.name;
          d.against_entity = inside.entity;
        }
        d.targets.push_back(k);
      }
    }
    // «انتقد مبعوث الرئيس الأميركي … مسؤولاً فلسطينياً مخضرماً، بقوله إن "ادعاءاته الكاذبة"»:
    // a claim with a possessive pronoun points back to its owner, even when a word describes it:
    // with no claimant found, the nearest party named before it in the sentence (outside
    // quotes), other than the disputer. (Not for a demonstrative: «ولكنه نفى تلك المزاعم» has
    // the disputer's own name before it.)
    if (d.against.empty() && claim && (claim->mask & kCliticPron)) {
      Party p = NearestPartyBefore(sr, claim->begin, by);
      d.against = p.name;
      d.against_entity = p.entity;
    }
    d.rule = rule;
    // Claims of the disputed party in this article are what the dispute contests.
    // (Those within kMaxLookback attributions: all of them in an article.)
    const std::string against_country =
        d.against_entity.rfind("state:", 0) == 0 ? CountryOf(d.against_entity) : std::string();
    const auto preset = d.targets.end() - d.targets.begin();  // k only once from the loop
    if (!d.against_entity.empty())
      for (int k = Near(c.b).first, hi = Near(c.b).second; k < hi; ++k) {
        if (k == ai) continue;
        const Source& src = a_.attributions[k].source;
        bool same = src.entity.id == d.against_entity ||
                    (!src.country.empty() && d.against_entity.rfind("state:", 0) == 0 &&
                     against_country == src.country);
        if (same && std::find(d.targets.begin(), d.targets.begin() + preset, k) ==
                        d.targets.begin() + preset)
          d.targets.push_back(static_cast<int>(k));
      }
    a_.disputes.push_back(std::move(d));
  }

  // «وتتهم تركيا برانسون بدعم …، وهو اتهام ينفيه»: a denial with no subject written, set
  // against an accusation of its sentence (AnsweredAccusation), is the accused party's.
  Party AccusedParty(uint32_t cue, uint32_t sent) {
    const Phrase accused = AnsweredAccusation(cue, sent);
    return accused.empty() ? Party{} : PartyOf(accused, cue);
  }

  // The party a claim noun names as its author: a demonym right after it («الاتهامات
  // الأميركية»), else a possessor phrase («قراءة واشنطن», «مزاعم فورد»); empty when none.
  Phrase ClaimOwner(const LexHit& claim, uint32_t send) const {
    if (claim.end >= send) return Phrase{};
    if (Has(claim.end, Role::kDemonym)) return Phrase{claim.end, claim.end + 1, 0};
    Phrase ph = SourcePhrase(claim.end, send);
    return (Plausible(ph) || FullName(ph)) && !StartsWithClaim(ph) ? ph : Phrase{};
  }

  // The party named closest before token `before` in its sentence that is not `by`: a head or
  // gazetteer phrase that names a party (at most kMaxLookbackWords words back).
  Party NearestPartyBefore(const SentenceRange& sr, uint32_t before, const Party& by) {
    constexpr uint32_t kMaxLookbackWords = 24;
    for (uint32_t j = before; j > sr.begin && j + kMaxLookbackWords > before;) {
      --j;
      if (!Anchor(j) || (j > sr.begin && Anchor(j - 1) && IsWord(j - 1))) continue;
      if (InsideQuote(sr.begin, j)) continue;  // «"دعم مجموعات وأفراد إرهابيين"»
      Phrase ph = SourcePhrase(j, before);
      if (ph.empty() || !PartyPhrase(ph)) continue;
      Party p = PartyOf(ph, before);
      if (p.ok() && !SameParty(p, by)) return p;
    }
    return Party{};
  }

  // A described person: a role noun, then a full name of unknown words («ادعاءات الجاسوس
  // البريطاني السابق كريستوفر ستيل»).
  bool FullName(const Phrase& ph) const {
    if (ph.empty() || ph.end - ph.begin > 6) return false;
    int run = 0;
    for (uint32_t j = ph.begin; j < ph.end; ++j) {
      if (Has(j, Role::kPerson)) return true;
      run = IsWord(j) && !Covered(j) && LooksLikeName(j) ? run + 1 : 0;
    }
    return run >= 2;  // the phrase ends with two name words
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
        return cue_gender_ == 0 || g == 0 || g == cue_gender_ || (cue_gender_ == 'p' && g != 0) ||
               (g == 'p' && cue_gender_ == 'm');
      };
      int ante = -1;
      for (auto it = sent_attrs_.rbegin(); it != sent_attrs_.rend(); ++it)
        if (a_.attributions[*it].source.kind != SourceKind::kUnspecified) {
          ante = *it;
          break;
        }
      // «وتتهم أنقرة غولن بتدبير الانقلاب، غير أنه ينفي التهمة»: a denial set against an
      // accusation of its sentence is the accused's.
      if (at->stance == Stance::kDeny) {
        if (const Phrase accused = AnsweredAccusation(cue_tok, sent_of_[cue_tok]);
            !accused.empty()) {
          FillSource(at, accused, cue_tok);
          s.mention = Span{};
          s.text.clear();
          s.antecedent = -1;
          at->explain.push_back("no subject written: the party accused before it «" + s.resolved +
                                "»");
          return;
        }
      }
      const TextMention* tm = nullptr;
      if (ante < 0) {
        // Candidates: speakers named (or continued) in earlier attributions, and subjects.
        uint32_t cue_pos = TokSpan(cue_tok, cue_tok + 1).begin;
        int best_attr = -1;
        uint32_t best_attr_pos = 0;
        const int oldest = std::max(0, static_cast<int>(explicit_.size()) - kMaxLookback);
        for (int k = static_cast<int>(explicit_.size()) - 1; k >= oldest; --k) {
          const Attribution& p = a_.attributions[explicit_[k]];
          if (!agrees(p.source.gender)) continue;
          best_attr = explicit_[k];
          best_attr_pos = p.source.mention.empty() ? p.cue.begin : p.source.mention.begin;
          break;
        }
        // The mentions before the cue (binary search: they are in text order), the latest
        // kMaxLookback of them.
        auto before = std::partition_point(
            text_mentions_.begin(), text_mentions_.end(),
            [&](const TextMention& m) { return TokSpan(m.begin, m.end).begin < cue_pos; });
        auto oldest_tm =
            before - std::min<ptrdiff_t>(before - text_mentions_.begin(), kMaxLookback);
        for (auto it = std::make_reverse_iterator(before);
             it != std::make_reverse_iterator(oldest_tm); ++it) {
          Span sp = TokSpan(it->begin, it->end);
          if (sp.begin >= cue_pos) continue;
          if (!(it->first_in_sentence || it->sentence == sent_of_[cue_tok])) continue;
          if (!agrees(it->gender)) continue;
          if (it->kind == SourceKind::kState && cue_gender_ != 'f') continue;
          if (best_attr < 0 || sp.begin > best_attr_pos) tm = &*it;
          break;
        }
        // In the cue's own sentence the subject («ورد رئيس الوزراء الإيطالي على الرئيس
        // الفرنسي، قائلا …») comes before other persons named in it.
        if (tm && tm->sentence == sent_of_[cue_tok] && !tm->first_in_sentence)
          for (const TextMention& m : text_mentions_)
            if (m.sentence == tm->sentence && m.first_in_sentence && m.begin < tm->begin &&
                agrees(m.gender) && (m.kind != SourceKind::kState || cue_gender_ == 'f')) {
              tm = &m;
              break;
            }
        // «وقالت» after a man spoke, with no woman as the subject of a sentence: the latest
        // woman named in the text, as a subject or not («سعت سو تشي … وتعهدت …. وقالت …»).
        if (!tm && best_attr < 0 && cue_gender_ == 'f' && last_explicit_ >= 0 &&
            !agrees(a_.attributions[last_explicit_].source.gender))
          for (auto it = std::make_reverse_iterator(before);
               it != std::make_reverse_iterator(oldest_tm); ++it)
            if (it->gender == cue_gender_ && TokSpan(it->begin, it->end).begin < cue_pos) {
              tm = &*it;
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
        // No antecedent found: the speaker is unknown, not anonymous (109 of the 118 zero
        // subjects of the dev gold continue a speaker who is not anonymous). Only agentless
        // cues are anonymous by construction.
        s.kind = SourceKind::kUnspecified;
        s.anonymous = false;
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

  // The party accused by the latest attribution before token `cue` in its sentence, when that
  // attribution is an accusation (DirectObject) that a denial at `cue` answers; else empty.
  Phrase AnsweredAccusation(uint32_t cue, uint32_t sent) const {
    const auto [lo, hi] = Near(cue);
    for (int k = hi - 1; k >= lo; --k) {
      const AttrTokens& t = att_toks_[k];
      if (t.cue_b >= cue) continue;
      if (t.sentence != sent || a_.attributions[k].stance != Stance::kAccuse || t.obj_b == kNone ||
          !AnswersAccusation(t.cue_e, cue))
        return Phrase{};
      return Phrase{t.obj_b, t.obj_e, 0};
    }
    return Phrase{};
  }

  // Between an accusation's verb (ending at `from`) and a denial at `cue` stands a contrast
  // («لكنه», «غير أنه», «إلا أنها») or a pronoun that opens a relative comment («وهو ما
  // ينفيه», «وهو اتهام ينفيه»): the denial answers the accusation. (A plain «و» continues its
  // speaker: «واتهم الشرطة بالمؤامرة ونفى …».)
  bool AnswersAccusation(uint32_t from, uint32_t cue) const {
    for (uint32_t j = from; j < cue; ++j) {
      if (Has(j, Role::kContrast)) return true;
      std::string_view w = Norm(j);
      if (w == "\xD9\x88\xD9\x87\xD9\x88" || w == "\xD9\x88\xD9\x87\xD9\x8A")  // وهو وهي
        return true;
    }
    return false;
  }

  // Kind, anonymity, entity, title and country from the phrase's lexicon hits.
  void Classify(const Phrase& ph, Source* s) const {
    const LexHit* first = nullptr;   // first head or entity hit, by position
    const LexHit* entity = nullptr;  // first entity (gazetteer) hit
    const LexHit* person = nullptr;  // first gazetteer person: «… البيت الأبيض سارة ساندرز»
    const LexHit* demonym = nullptr;
    bool vague = false, name = false;
    bool after_prep = false;  // past a preposition: «مسؤولون في إدارة ترامب»
    bool name_in_affiliation = false;
    bool in_place = false;  // past the preposition of the place a title is held in
    uint32_t covered_until = ph.begin;
    uint32_t title_end = ph.begin;
    for (uint32_t j = ph.begin; j < ph.end; ++j) {
      const LexHit* best = nullptr;
      for (const LexHit& h : HitsAt(j)) {
        if (h.end > ph.end) continue;
        Role r = h.sense.role;
        if (r == Role::kVague) vague = true;
        if (r == Role::kPreposition && j > ph.begin && HeldInPrep(ph, j)) in_place = true;
        if (r == Role::kDemonym && !demonym && !in_place) demonym = &h;
        if (IsEntityRole(r) && !in_place &&
            (!entity || (entity->begin == h.begin && h.end > entity->end)))
          if (!entity || entity->begin == h.begin) entity = &h;
        if ((r == Role::kPerson || r == Role::kPersonRole) && !in_place &&
            (!person || (person->begin == h.begin && h.end > person->end)))
          person = &h;
        if (IsAnchorRole(r) && (!best || h.end > best->end)) best = &h;
        if (r == Role::kPerson) (after_prep ? name_in_affiliation : name) = true;
        if (r == Role::kPreposition && j > ph.begin) after_prep = true;
      }
      if (best && !first) first = best;
      if (best && best->sense.role == Role::kTitle) title_end = std::max(title_end, best->end);
      bool known = j < covered_until;
      for (const LexHit& h : HitsAt(j))
        if (h.end <= ph.end) {
          known = true;
          covered_until = std::max(covered_until, h.end);
        }
      if (!known && IsWord(j) && toks_[j].kind == TokenKind::kWord && LooksLikeName(j))
        (after_prep ? name_in_affiliation : name) = true;
    }
    SourceKind kind = SourceKind::kPerson;
    Identification id = Identification::kNamed;
    if (first) {
      const Sense& f = first->sense;
      switch (f.role) {
        case Role::kDocumentHead:
          kind = SourceKind::kDocument;
          // «تقارير», «التقارير»: documents of no stated origin.
          if (rules_.heads()[f.index].unnamed && !HasEntity(ph, Role::kOutlet) &&
              !HasEntity(ph, Role::kInstitution) && !HasEntity(ph, Role::kState))
            id = Identification::kVague;
          break;
        case Role::kOutletHead:
          kind = SourceKind::kOutlet;
          if (rules_.heads()[f.index].unnamed && !HasEntity(ph, Role::kOutlet)) {
            id = Identification::kVague;
          } else if (!HasEntity(ph, Role::kOutlet) && !name && !HasQuotedName(ph)) {
            id = Identification::kNamed;
          }
          break;
        case Role::kOutlet:
          kind = SourceKind::kOutlet;
          break;
        case Role::kAnonymousHead:
          kind = name ? SourceKind::kPerson : SourceKind::kAnonymous;
          id = name ? Identification::kNamed : Identification::kVague;
          break;
        case Role::kOfficialHead:
          kind = name ? SourceKind::kPerson : SourceKind::kOfficial;
          id = name ? Identification::kNamed : Identification::kRole;
          break;
        case Role::kTitle: {
          if (name || name_in_affiliation || HasEntity(ph, Role::kPerson)) {
            kind = SourceKind::kPerson;
          } else {
            kind = rules_.heads()[f.index].unnamed_kind;
            id = kind == SourceKind::kOfficial ? Identification::kRole : Identification::kNamed;
          }
          break;
        }
        case Role::kPersonRole:
        case Role::kPerson:
          kind = SourceKind::kPerson;
          break;
        case Role::kInstitutionHead:
        case Role::kInstitution:
          kind = SourceKind::kInstitution;
          break;
        case Role::kStateHead:
        case Role::kState:
        case Role::kCapital:
        case Role::kSeat:
          kind = SourceKind::kState;
          break;
        default:
          break;
      }
    }
    (void)vague;
    // A person is never the entity of the body or country in their title («رئيس المجلس
    // الأوروبي دونالد توسك» is not org:eu): their own gazetteer entry or none; the title still
    // gives the country.
    const LexHit* affiliation = entity;
    if (kind == SourceKind::kPerson && entity && entity->sense.role != Role::kPerson &&
        entity->sense.role != Role::kPersonRole)
      entity = person;
    // A head with no gazetteer entity and no name in its phrase («البيان», «الشرطة», «وزارة
    // الدفاع», «المدير العام») identifies its source by role only (the graph keeps such a
    // source to its article).
    if (id == Identification::kNamed && first && IsHeadRole(first->sense.role) && !entity &&
        !name && !name_in_affiliation && !HasQuotedName(ph))
      id = Identification::kRole;
    // Grammatical gender, for agreement with a later verb: the head's, a state's (feminine).
    s->gender = 0;
    if (first) {
      Role r = first->sense.role;
      if (r == Role::kState || r == Role::kCapital)
        s->gender = 'f';
      else if (IsHeadRole(r))
        s->gender = first->sense.gender;
      else if (r == Role::kPerson || r == Role::kPersonRole)
        s->gender = 'm';
    }
    s->kind = kind;
    s->identification = id;
    s->anonymous = kind == SourceKind::kOfficial || kind == SourceKind::kAnonymous ||
                   kind == SourceKind::kUnspecified ||
                   ((kind == SourceKind::kOutlet || kind == SourceKind::kDocument) &&
                    id == Identification::kVague);
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
    if (affiliation && affiliation != entity && s->country.empty())
      s->country = rules_.entities()[affiliation->sense.index].country;
    if (demonym && s->country.empty()) s->country = rules_.entities()[demonym->sense.index].country;
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

  // The article- and prefix-stripped stem of a word: its shortest reading without a pronoun.
  static std::string_view StemOf(std::string_view norm, const Token& t) {
    std::string_view best = t.Text(norm);
    for (int k = 1; k < t.ncand; ++k)
      if (t.cand[k].suffix == 0 && !(t.cand[k].mask & kCliticConj))
        if (t.Stem(norm, k).size() < best.size()) best = t.Stem(norm, k);
    return best;
  }
  std::string_view StemOf(uint32_t j) const { return StemOf(norm_.text, toks_[j]); }

  static std::set<std::string> Stems(std::string_view norm, const std::vector<Token>& toks,
                                     uint32_t b, uint32_t e) {
    std::set<std::string> out;
    for (uint32_t j = b; j < e; ++j) {
      if (toks[j].kind == TokenKind::kWord) out.emplace(StemOf(norm, toks[j]));
    }
    return out;
  }

  // The stems of tokens [b, e) as a name: a connector written apart that is also written
  // joined to the next word is one stem with it («عبد السلام» = «عبدالسلام»).
  std::set<std::string> NameStems(uint32_t b, uint32_t e) const {
    std::set<std::string> out = Stems(norm_.text, toks_, b, e);
    for (uint32_t k = b; k + 1 < e; ++k) {
      const LexHit* c = Hit(k, Role::kNpConnector);
      if (!c || c->end != k + 1 || !rules_.markers()[c->sense.index].joined || !IsWord(k + 1))
        continue;
      out.erase(std::string(StemOf(k)));
      out.erase(std::string(StemOf(k + 1)));
      out.insert(std::string(StemOf(k)) + std::string(Norm(k + 1)));
      ++k;
    }
    return out;
  }

  // Two spellings of one name word: at least four letters, the same first letter, and two
  // adjacent letters swapped («طليب» / «طيلب»), as transliterated names often are.
  static bool SpellingVariant(std::string_view a, std::string_view b) {
    if (a.size() != b.size() || a == b) return false;
    std::u32string x, y;
    for (size_t i = 0; i < a.size();) {
      int n = 1;
      x.push_back(utf8::Decode(a, i, &n));
      i += n > 0 ? n : 1;
    }
    for (size_t i = 0; i < b.size();) {
      int n = 1;
      y.push_back(utf8::Decode(b, i, &n));
      i += n > 0 ? n : 1;
    }
    if (x.size() != y.size() || x.size() < 4 || x[0] != y[0]) return false;
    size_t i = 0;
    while (i < x.size() && x[i] == y[i]) ++i;
    if (i + 1 >= x.size() || x[i] != y[i + 1] || x[i + 1] != y[i]) return false;
    return x.compare(i + 2, std::u32string::npos, y, i + 2, std::u32string::npos) == 0;
  }

  // Every stem of `small` is in `big`, or is a spelling variant of one of its stems.
  static bool IncludesNameVariants(const std::set<std::string>& big,
                                   const std::set<std::string>& small) {
    for (const std::string& w : small) {
      if (big.count(w)) continue;
      bool found = false;
      for (const std::string& v : big)
        if (SpellingVariant(w, v)) found = true;
      if (!found) return false;
    }
    return true;
  }

  // Resolves a mention to its antecedent in the article: «المصدر» -> «مصدر مطلع»,
  // «الوكالة» -> «وكالة أنباء سبوتنيك», «بوتين» -> «الرئيس الروسي فلاديمير بوتين».
  void Resolve(const Phrase& ph, Attribution* at, uint32_t) {
    Source& s = at->source;
    s.resolved = s.text;
    std::set<std::string> mine = NameStems(ph.begin, ph.end);
    // A person named more fully elsewhere in the article («بوزداغ» -> «… بكر بوزداغ»), or the
    // same gazetteer person under a role («الرئيس الأميركي» -> «… دونالد ترامب»).
    if (s.kind == SourceKind::kPerson || s.kind == SourceKind::kOfficial) {
      const TextMention* fullest = nullptr;
      // A name spelled otherwise («طليب» / «طيلب») only when no mention spells it the same.
      const TextMention* variant = nullptr;
      // The kMaxLookback mentions on either side of the phrase (all of them in an article).
      size_t here = std::partition_point(text_mentions_.begin(), text_mentions_.end(),
                                         [&](const TextMention& m) { return m.begin < ph.begin; }) -
                    text_mentions_.begin();
      size_t lo = here > size_t{kMaxLookback} ? here - kMaxLookback : 0;
      size_t hi = std::min(text_mentions_.size(), here + kMaxLookback);
      for (const TextMention& m :
           std::span<const TextMention>(text_mentions_).subspan(lo, hi - lo)) {
        if (m.begin >= ph.begin && m.end <= ph.end) continue;  // the mention itself
        // A reading that runs on into the object cut off the phrase («السفير الروسي فاسيلي
        // نيبينزيا الغرب», DirectObject).
        if (!cut_object_.empty() && m.begin < cut_object_.end && m.end > cut_object_.begin)
          continue;
        bool subset = !mine.empty() && m.stems.size() > mine.size() &&
                      std::includes(m.stems.begin(), m.stems.end(), mine.begin(), mine.end());
        if (!subset && !mine.empty() && m.stems.size() > mine.size() &&
            IncludesNameVariants(m.stems, mine) &&
            (!variant || m.stems.size() > variant->stems.size()))
          variant = &m;
        bool same_entity = !s.entity.id.empty() && s.entity.id.rfind("local:", 0) != 0 &&
                           m.entity.id == s.entity.id;
        if ((subset || same_entity) && (!fullest || m.stems.size() > fullest->stems.size()))
          fullest = &m;
      }
      if (!fullest) fullest = variant;
      if (fullest && fullest->stems.size() > mine.size()) {
        s.resolved = fullest->resolved;
        if (s.entity.id.empty() || s.entity.id.rfind("local:", 0) == 0) s.entity = fullest->entity;
        at->explain.push_back("«" + s.text + "» is named in full as «" + fullest->resolved + "»");
        return;
      }
    }
    std::vector<std::string> my_groups = CoreferGroups(ph);
    int best = -1;
    const int oldest = std::max(0, static_cast<int>(mentions_.size()) - kMaxLookback);
    for (int k = static_cast<int>(mentions_.size()) - 1; k >= oldest; --k) {
      const Mention& m = mentions_[k];
      bool subset =
          !mine.empty() && std::includes(m.stems.begin(), m.stems.end(), mine.begin(), mine.end());
      // «المرصد» is not «مدير المرصد رامي عبد الرحمن», nor «الوزارة» «بيان الوزارة»: a
      // mention of another kind is the same source only if it has the same head word.
      if (subset && m.attribution >= 0 &&
          !SameHead(ph, s.kind, a_.attributions[m.attribution].source))
        subset = false;
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
      } else if (s.entity.id.empty() && !m.entity.id.empty()) {
        s.entity = m.entity;  // «وقالت الصحيفة» after «نقلت صحيفة واشنطن بوست عن …»
      }
      // Unknown to the gazetteers, the source is keyed by the name it refers back to, not by
      // its head word: «الصحيفة» of two articles are two newspapers.
      if (s.entity.id.empty()) mine = m.stems;
      at->explain.push_back("«" + s.text + "» refers back to «" + m.resolved + "»");
    } else if (RoleRef r = RoleAntecedent(ph, s); r.attribution >= 0) {
      const int k = r.attribution;
      const bool by_role = r.by_role;
      const Attribution& p = a_.attributions[k];
      s.kind = p.source.kind;
      s.anonymous = p.source.anonymous;
      s.identification = p.source.identification;
      s.resolved = p.source.resolved;
      if (by_role || s.entity.id.empty()) s.entity = p.source.entity;
      s.antecedent = k;
      if (by_role && at->via.empty() && k == last_speaker_) at->via = p.via;
      at->explain.push_back("«" + s.text + "» refers back to the latest speaker of that country «" +
                            p.source.resolved + "»");
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

  // A definite role of a country with no name, «المسؤول الأمريكي», «الوزير الإماراتي», is given
  // information: the latest speaker of that country who may hold it, or attribution -1;
  // by_role is set when the phrase is an official head and demonyms only.
  //  - «وقال المسؤول الأمريكي» after «قال وزير الخارجية الأمريكي، مايك بومبيو»: an official
  //    head with the article and nothing after it but demonyms is the latest speaker of that
  //    country and number, named or not (of the latest kMaxLookback);
  //  - otherwise a definite head of at most three words that writes no name is the latest of
  //    the last 8 speakers of that country, of the same gender, whose mention writes a name
  //    («جايسن غرينبلات مبعوث الرئيس الأمريكي»), and for a title, holds that title («السفير»,
  //    «الوزير»: the title's stem is in the speaker's mention; «المسؤول» may be any official).
  struct RoleRef {
    int attribution = -1;
    bool by_role = false;
  };
  RoleRef RoleAntecedent(const Phrase& ph, const Source& s) const {
    if (s.country.empty() || (s.kind != SourceKind::kOfficial && s.kind != SourceKind::kPerson))
      return {};
    if (const LexHit* head = Hit(ph.begin, Role::kOfficialHead);
        s.kind == SourceKind::kOfficial && head && (head->mask & kCliticArticle)) {
      bool demonyms_only = true;
      for (uint32_t j = head->end; j < ph.end && demonyms_only;) {
        const LexHit* d = Hit(j, Role::kDemonym);
        if (!d || d->end > ph.end)
          demonyms_only = false;
        else
          j = d->end;
      }
      if (demonyms_only) {
        const int oldest = std::max(0, static_cast<int>(explicit_.size()) - kMaxLookback);
        for (int k = static_cast<int>(explicit_.size()) - 1; k >= oldest; --k) {
          const Source& p = a_.attributions[explicit_[k]].source;
          if (p.kind != SourceKind::kPerson && p.kind != SourceKind::kOfficial) continue;
          if (p.country == s.country && (p.gender == 'p') == (head->sense.gender == 'p'))
            return {explicit_[k], true};
        }
      }
    }
    if (ph.end - ph.begin > 3 || !IsDefiniteHead(ph) || !HasArticleReading(ph.begin) ||
        WritesName(ph.begin, ph.end))
      return {};
    const int oldest_speaker = std::max(0, static_cast<int>(explicit_.size()) - 8);
    for (int k = static_cast<int>(explicit_.size()) - 1; k >= oldest_speaker; --k) {
      const Attribution& p = a_.attributions[explicit_[k]];
      if (p.source.country != s.country || p.source.mention.empty() ||
          (p.source.kind != SourceKind::kOfficial && p.source.kind != SourceKind::kPerson))
        continue;
      if (s.gender != 0 && p.source.gender != 0 && s.gender != p.source.gender) continue;
      Phrase pp = PhraseOf(p.source.mention);
      if (!WritesName(pp.begin, pp.end)) continue;
      if (!Has(ph.begin, Role::kOfficialHead) &&
          !Stems(norm_.text, toks_, pp.begin, pp.end).count(std::string(StemOf(ph.begin))))
        continue;
      return {explicit_[k], false};
    }
    return {};
  }

  // The phrase and an earlier source are of the same kind, or start with the same word
  // («المصدر» and «مصدر مسؤول»).
  bool SameHead(const Phrase& ph, SourceKind kind, const Source& other) const {
    if (ph.empty() || other.kind == kind) return true;
    Phrase o = PhraseOf(other.mention);
    if (o.empty()) return true;
    return StemOf(ph.begin) == StemOf(o.begin);
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
    const int oldest = std::max(0, static_cast<int>(mentions_.size()) - kMaxLookback);
    for (int k = static_cast<int>(mentions_.size()) - 1; k >= oldest; --k) {
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
    Source link;
    Classify(ph, &link);
    mentions_.push_back(Mention{mine, groups, Clean(name), -1, link.entity});
  }

  static std::string Clean(const std::string& s) {
    std::string out;
    for (char c : s)
      if (c != '"' && c != '#') out += c == '_' ? ' ' : c;  // a hashtag: «ريكس #تيلرسون»
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
    if (!at->source.mention.empty() && at->source.anonymous &&
        at->source.kind != SourceKind::kUnspecified) {
      // Anonymity reason stated in the same sentence (looked up once per sentence).
      if (reason_b_ != sr.begin || reason_e_ != sr.end) {
        reason_b_ = sr.begin;
        reason_e_ = sr.end;
        reason_ = nullptr;
        for (uint32_t j = sr.begin; j < sr.end && !reason_; ++j) reason_ = Hit(j, Role::kReason);
      }
      if (const LexHit* h = reason_) {
        // With its governing word: «طلب عدم الكشف عن هويته».
        uint32_t b = h->begin;
        if (b > sr.begin && IsWord(b - 1) && rules_.heads()[h->sense.index].governed) --b;
        at->source.reason = TokSpan(b, h->end);
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
      bool explicit_source =
          !done.source.mention.empty() && Plausible(PhraseOf(done.source.mention));
      if ((explicit_source || done.source.antecedent >= 0) && rule.rfind("prep.", 0) != 0) {
        // A verb that agrees with this speaker tells the gender of its earlier mentions of the
        // same name («زيد رعد» in a headline, then «وقال الحسين»).
        if (done.source.gender != 0 && !done.source.resolved.empty())
          for (int k = static_cast<int>(explicit_.size()) - 1;
               k >= 0 && k >= static_cast<int>(explicit_.size()) - kMaxLookback; --k) {
            Source& e = a_.attributions[explicit_[k]].source;
            if (e.gender == 0 && e.resolved == done.source.resolved) e.gender = done.source.gender;
          }
        last_explicit_ = idx;
        explicit_.push_back(idx);
      }
      if (!done.source.mention.empty()) {
        Phrase ph = PhraseOf(done.source.mention);
        Mention m{NameStems(ph.begin, ph.end), CoreferGroups(ph), done.source.resolved, idx};
        mentions_.push_back(std::move(m));
      }
    }
    last_ = idx;
  }

  Phrase PhraseOf(Span orig) const {
    // Tokens whose original span lies in `orig`.
    Phrase p;
    // Token spans only grow with j: skip those ending before `orig` by binary search.
    uint32_t lo = 0, hi = static_cast<uint32_t>(toks_.size());
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (TokSpan(mid, mid + 1).end <= orig.begin)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (uint32_t j = lo; j < toks_.size(); ++j) {
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
    uint32_t begin, end;  // tokens
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
    bool joined = false;  // a role and a name in apposition, joined into this mention
  };

  // Token j, a word no lexicon knows as anything but a common word, then an age in brackets:
  // «رمضان (55 عاماً)».
  bool AgedName(uint32_t j, uint32_t send) const {
    return j + 4 < send && toks_[j].kind == TokenKind::kWord && !CoveredByName(j) &&
           toks_[j].end - toks_[j].begin >= 6 &&  // three letters («أر (19 عاما)»: a initial)
           IsPunct(j + 1, '(') && toks_[j + 2].kind == TokenKind::kNumber &&
           Has(j + 3, Role::kAge) && IsPunct(j + 4, ')');
  }

  void FindTextMentions() {
    // The stems of the mentions of more than one word found so far, one bit each (a Bloom
    // filter): most words are in none, and skip the scan of the earlier mentions.
    std::array<uint64_t, 64> stem_bits{};
    auto stem_bit = [](std::string_view st) { return std::hash<std::string_view>{}(st)&4095; };
    for (uint32_t s = 0; s < sents_.size(); ++s) {
      const SentenceRange& sr = sents_[s];
      bool first = true;
      bool quoted = false;
      for (uint32_t j = sr.begin; j < sr.end;) {
        if (IsQuote(j)) quoted = !quoted;
        if (j == sr.begin && AgedName(j, sr.end)) {
          // «ورمضان (55 عاماً) مسجون …»: a word that opens its sentence with an age in brackets
          // is a person's name, the subject of the sentence.
          uint32_t b = toks_[j].begin;
          for (int k = 0; k < toks_[j].ncand; ++k)  // without a conjunction («و»), when the rest
            if (toks_[j].cand[k].mask == kCliticConj && toks_[j].cand[k].suffix == 0 &&
                toks_[j].end - toks_[j].begin - toks_[j].cand[k].prefix >= 8)  // has 4 letters
              b = toks_[j].begin + toks_[j].cand[k].prefix;
          TextMention m{j,
                        j + 1,
                        s,
                        true,
                        SourceKind::kPerson,
                        false,
                        Identification::kNamed,
                        Clean(Orig(norm_.ToOriginal(b, toks_[j].end))),
                        Entity{},
                        "",
                        NameStems(j, j + 1),
                        0};
          text_mentions_.push_back(std::move(m));
          first = false;
          j += 5;
          continue;
        }
        if (!quoted && toks_[j].kind == TokenKind::kWord && !CoveredByName(j) &&
            !Has(j, Role::kCommonWord) && toks_[j].end - toks_[j].begin >= 4 &&
            !HasAny(j, {Role::kTitle, Role::kOfficialHead, Role::kPerson, Role::kPersonRole})) {
          // A bare name that repeats part of a person named earlier («لكن بوزداغ أشاد …»
          // after «… نائب رئيس الوزراء بكر بوزداغ»): the same person, mentioned again.
          const size_t bit = stem_bit(StemOf(j));
          if (!((stem_bits[bit >> 6] >> (bit & 63)) & 1)) {
            ++j;
            continue;
          }
          const std::string stem(StemOf(j));
          for (auto it = text_mentions_.rbegin();
               it != text_mentions_.rend() && it - text_mentions_.rbegin() < kMaxLookback; ++it) {
            if (it->stems.size() <= 1 || !it->stems.count(stem)) continue;
            std::set<std::string> st{stem};
            TextMention m = *it;
            m.begin = j;
            m.end = j + 1;
            m.sentence = s;
            m.first_in_sentence = first && j <= sr.begin + 2;
            m.stems = st;
            text_mentions_.push_back(std::move(m));
            first = false;
            break;
          }
          ++j;
          continue;
        }
        // A state as the subject of its sentence's first verb, reporting or not: «وأعادت
        // واشنطن فرض عقوبات على طهران …، قائلة إن …», «ووضعت إيران شروطا …. لكنها قالت …».
        // It may be the speaker of a later feminine cue with no subject.
        if (!quoted && first && j == sr.begin + 1 && IsWord(sr.begin) &&
            (!Covered(sr.begin) || Has(sr.begin, Role::kVerb)) &&
            !Has(sr.begin, Role::kPreposition))
          if (const LexHit* st = StateSubjectAt(j, sr.end)) {
            Phrase ph{j, st->end, 0};
            Source src;
            Classify(ph, &src);
            TextMention m{j,
                          st->end,
                          s,
                          true,
                          SourceKind::kState,
                          false,
                          src.identification,
                          Clean(Orig(TokSpan(j, st->end))),
                          src.entity,
                          src.country,
                          NameStems(j, st->end),
                          'f'};
            m.joined = true;  // nothing joins a state
            text_mentions_.push_back(std::move(m));
            first = false;
            j = st->end;
            continue;
          }
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
          // A role in apposition to the person just named (or a name in apposition to a role)
          // is that person: «العميد حسين سلامي، نائب القائد العام للحرس الثوري», «المتحدثة باسم
          // البيت الأبيض، سارة ساندرز». One mention, named by both; two names are two people.
          // So is a name after a role and the place it is held in: «المبعوث الأمريكي إلى الشرق
          // الأوسط جيسون غرينبلات», «السفير الروسي في واشنطن …».
          bool named_here = WritesName(ph.begin, ph.end);
          bool named_before = !text_mentions_.empty() &&
                              WritesName(text_mentions_.back().begin, text_mentions_.back().end);
          if (!text_mentions_.empty() && text_mentions_.back().sentence == s &&
              !text_mentions_.back().joined && !Coordinated(ph.begin) &&
              ((ph.begin >= 1 && IsPunct(ph.begin - 1, ',') &&
                text_mentions_.back().end + 1 == ph.begin && named_before != named_here) ||
               (!named_before && named_here && src.title.empty() &&
                HeldIn(text_mentions_.back().end, ph.begin)))) {
            TextMention& prev = text_mentions_.back();
            prev.end = ph.end;
            prev.resolved = Clean(Orig(TokSpan(prev.begin, prev.end)));
            std::set<std::string> more = NameStems(ph.begin, ph.end);
            prev.stems.insert(more.begin(), more.end());
            if (prev.kind == SourceKind::kOfficial && src.kind == SourceKind::kPerson) {
              prev.kind = src.kind;
              prev.anonymous = src.anonymous;
              prev.identification = src.identification;
            }
            if (prev.entity.id.empty() || prev.entity.id.rfind("local:", 0) == 0) {
              if (!src.entity.id.empty() && src.entity.id.rfind("local:", 0) != 0)
                prev.entity = src.entity;  // the gazetteer person the name is
              else
                prev.entity.name_ar = prev.resolved;
            }
            prev.joined = true;
            j = ph.end;
            continue;
          }
          bool subject = first && ph.begin <= sr.begin + 2;
          TextMention m{ph.begin,
                        ph.end,
                        s,
                        subject,
                        src.kind,
                        src.anonymous,
                        src.identification,
                        Clean(Orig(TokSpan(ph.begin, ph.end))),
                        src.entity,
                        src.country,
                        NameStems(ph.begin, ph.end),
                        src.gender};
          // The fullest earlier mention of the same person names it (of the latest kMaxLookback).
          for (auto it = text_mentions_.rbegin();
               it != text_mentions_.rend() && it - text_mentions_.rbegin() < kMaxLookback; ++it)
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
          if (m.stems.size() > 1) {
            for (const std::string& st : m.stems) {
              const size_t bit = stem_bit(st);
              stem_bits[bit >> 6] |= uint64_t{1} << (bit & 63);
            }
          }
          text_mentions_.push_back(std::move(m));
          first = false;
        }
        j = ph.end;
      }
    }
  }

  // The word at j opens a new conjunct or a prepositional phrase, no apposition: «وولي عهده»,
  // «والزعيم الكوري الشمالي», «للرئيس الصيني».
  bool Coordinated(uint32_t j) const {
    bool with = false, without = false;
    for (const LexHit& h : HitsAt(j)) {
      if (h.begin != j) continue;
      ((h.mask & (kCliticConj | kCliticPrep)) ? with : without) = true;
    }
    return with && !without;
  }

  // A state, its capital or seat at token j written with no clitic, ending before `limit`.
  const LexHit* StateSubjectAt(uint32_t j, uint32_t limit) const {
    for (const LexHit& h : HitsAt(j))
      if ((h.sense.role == Role::kState || h.sense.role == Role::kCapital ||
           h.sense.role == Role::kSeat) &&
          h.mask == 0 && h.end <= limit)
        return &h;
    return nullptr;
  }

  // Tokens [b, e) write a person's name (from the gazetteer, or an unknown name-like word).
  bool WritesName(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k)
      if (Has(k, Role::kPerson) || (IsWord(k) && !Covered(k) && LooksLikeName(k))) return true;
    return false;
  }

  // A title of the phrase before token j is held in a place introduced by the preposition j
  // («مبعوث … إلى», «سفير … لدى»: the title's `held_in`).
  bool HeldInPrep(const Phrase& ph, uint32_t j) const {
    if (j >= toks_.size() || !Has(j, Role::kPreposition)) return false;
    const std::string_view w = Norm(j);
    for (uint32_t k = ph.begin; k < ph.end && k < j; ++k)
      for (const LexHit& h : HitsAt(k))
        if (h.sense.role == Role::kTitle)
          for (const std::string& prep : rules_.heads()[h.sense.index].held_in)
            if (prep == w) return true;
    return false;
  }

  // Tokens [b, e) are a short place phrase after a role: «إلى الشرق الأوسط», «لدى إسرائيل».
  bool HeldIn(uint32_t b, uint32_t e) const {
    if (e < b + 2 || e > b + 4 || !Has(b, Role::kPreposition)) return false;
    for (uint32_t k = b; k < e; ++k)
      if (!IsWord(k) || (k > b && (Has(k, Role::kPreposition) || StopsPhrase(k)))) return false;
    return true;
  }

  // The latest person mentioned as a sentence's first person before token `tok`, or earlier in
  // tok's own sentence.
  const TextMention* LatestMention(uint32_t tok) const {
    uint32_t sent = sent_of_[tok];
    // The mentions ending by tok (binary search: they are in text order), the latest
    // kMaxLookback of them.
    auto upto = std::partition_point(text_mentions_.begin(), text_mentions_.end(),
                                     [&](const TextMention& m) { return m.end <= tok; });
    auto oldest = upto - std::min<ptrdiff_t>(upto - text_mentions_.begin(), kMaxLookback);
    for (auto it = std::make_reverse_iterator(upto); it != std::make_reverse_iterator(oldest);
         ++it) {
      if (it->end > tok) continue;
      if (it->kind == SourceKind::kState) continue;  // a state subject: zero subjects only
      if (it->sentence == sent || it->first_in_sentence) return &*it;
    }
    return nullptr;
  }

  // Token ranges of an attribution, for the dispute pass.
  struct AttrTokens {
    uint32_t cue_b = kNone, cue_e = kNone, con_b = kNone, con_e = kNone, sentence = kNone;
    uint32_t obj_b = kNone, obj_e = kNone;  // the party accused (DirectObject)
    int dispute = 0;                        // 0 never, 1 always, 2 when the object names a claim
  };

  struct Mention {
    std::set<std::string> stems;
    std::vector<std::string> groups;
    std::string resolved;
    int attribution;
    Entity entity = {};  // of a chain link (attribution -1): «صحيفة واشنطن بوست» -> outlet:wapo
  };

  const RuleSet& rules_;
  const SentenceSplitter& splitter_;
  const AnalyzeOptions& opt_;
  Analysis& a_;
  NormalizedText norm_;
  std::vector<Token> toks_;
  std::vector<LexHit> hits_;
  std::vector<uint32_t> first_;
  std::vector<uint64_t> roles_at_;       // by token: bit r set when a hit with role r starts there
  std::vector<uint32_t> quotes_before_;  // quote tokens in [0, i)
  mutable std::vector<uint32_t> clause_cut_;  // ClauseStart: 1 + the last comma, colon or quote
  mutable std::unordered_map<std::string_view, uint32_t> word_count_;  // RepeatedName
  uint32_t reason_b_ = kNone, reason_e_ = kNone;  // the sentence reason_ was looked up in
  const LexHit* reason_ = nullptr;
  std::vector<SentenceRange> sents_;
  std::vector<uint32_t> sent_of_;
  std::vector<int> sent_attrs_;
  std::vector<Mention> mentions_;
  std::vector<TextMention> text_mentions_;
  std::vector<AttrTokens> att_toks_;
  AttrTokens pending_;
  Phrase cut_object_;  // the object DirectObject cut off the verb's subject phrase (Resolve)
  int last_speaker_ = -1;
  int last_explicit_ = -1;     // the last speaker named in the text (or continued)
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
