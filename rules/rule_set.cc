#include "rules/rule_set.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "analyzer/normalizer.h"
#include "rules/embedded.h"

namespace isnad {

using json = nlohmann::json;

const char* RoleName(Role r) {
  static const char* const kNames[] = {
      "verb", "agentless_verb", "cue_prep", "cue_nominal", "cue_participle", "complementizer",
      "quote_intro", "relay_from", "via_intro", "adjunct", "content_stop", "aside",
      "np_connector", "preposition", "auxiliary", "relative", "claim_noun", "anaphor",
      "dispute_noun", "common_word", "anonymous_head", "official_head", "title", "outlet_head",
      "document_head", "institution_head", "state_head", "vague", "reason", "state",
      "capital", "seat", "demonym", "outlet", "person", "person_role", "institution",
      "falsity", "negation", "exile_place", "contrast"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(Role::kCount));
  return r < Role::kCount ? kNames[static_cast<int>(r)] : "?";
}

const char* StanceName(Stance s) {
  switch (s) {
    case Stance::kAssert: return "assert";
    case Stance::kDeny: return "deny";
    case Stance::kAccuse: return "accuse";
    case Stance::kWarn: return "warn";
    case Stance::kCall: return "call";
    case Stance::kOpinion: return "opinion";
  }
  return "assert";
}

const char* SourceKindName(SourceKind k) {
  switch (k) {
    case SourceKind::kPerson: return "person";
    case SourceKind::kOfficial: return "official";
    case SourceKind::kAnonymous: return "anonymous";
    case SourceKind::kState: return "state";
    case SourceKind::kInstitution: return "institution";
    case SourceKind::kOutlet: return "outlet";
    case SourceKind::kDocument: return "document";
    case SourceKind::kUnspecified: return "unspecified";
  }
  return "unspecified";
}

namespace {

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return static_cast<size_t>(h);
  }
};

constexpr char kArticle[] = "\xD8\xA7\xD9\x84";  // ال

bool ParseStance(const std::string& s, Stance* out) {
  static const std::pair<const char*, Stance> kMap[] = {
      {"assert", Stance::kAssert}, {"deny", Stance::kDeny}, {"accuse", Stance::kAccuse},
      {"warn", Stance::kWarn},     {"call", Stance::kCall}, {"opinion", Stance::kOpinion}};
  for (auto& [n, v] : kMap)
    if (s == n) { *out = v; return true; }
  return false;
}

bool ParseKind(const std::string& s, SourceKind* out) {
  for (int k = 0; k <= static_cast<int>(SourceKind::kUnspecified); ++k)
    if (s == SourceKindName(static_cast<SourceKind>(k))) {
      *out = static_cast<SourceKind>(k);
      return true;
    }
  return false;
}

// One entry of a category, with where it came from (for error messages).
struct Located {
  std::string file;
  std::string pointer;  // "/entries/3"
  json value;
  bool removed = false;  // replaced or disabled by a later entry with the same key
};

}  // namespace

struct RuleSet::Impl {
  std::vector<VerbInfo> verbs;
  std::vector<MarkerInfo> markers;
  std::vector<HeadInfo> heads;
  std::vector<EntityInfo> entities;
  std::vector<PatternInfo> patterns;
  PatternInfo unknown_pattern{"unknown", "", 0.0f, false};
  std::map<std::string, std::string, std::less<>> category_json;
  std::string empty;
  std::string version;
  size_t phrases = 0;

  std::unordered_map<std::string, uint32_t, SvHash, std::equal_to<>> words;
  std::unordered_map<uint64_t, uint32_t> edges;
  std::vector<std::vector<Sense>> node_senses{1};

  uint32_t WordId(std::string_view w) {
    auto it = words.find(w);
    if (it != words.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(words.size());
    words.emplace(std::string(w), id);
    return id;
  }
  // The matching index, built once by Seal() when the rules are complete: most stems Match looks
  // up are no lexicon word, so a bit filter (16 bits per word, one bit set per word) rejects
  // most of them before the open-addressing table of every word is touched; the root's
  // children are an array by word id. Read-only afterwards.
  struct WordSlot {
    uint64_t hash = 0;
    uint32_t id = kNoWord;
    uint32_t len = 0;
  };
  static constexpr uint32_t kNoWord = 0xFFFFFFFF;
  std::vector<WordSlot> table;       // power-of-two size, at most half full
  std::vector<uint64_t> filter;      // filter_bits bits, about 16 per word
  int filter_shift = 48;             // the filter bit of a word is its hash >> filter_shift
  std::string pool;                  // the words' bytes, by id at pool_at[id]
  std::vector<uint32_t> pool_at;
  std::vector<int32_t> root_child;   // by word id; -1: no phrase starts with the word
  size_t max_word = 0;
  std::vector<Token> add_toks;               // AddPhrase's buffers
  std::vector<std::string_view> add_words;

  static uint64_t Hash(std::string_view s) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    uint64_t h = s.size() * kMul;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (((h << 5) | (h >> 59)) ^ w) * kMul;
    }
    if (i < s.size()) {
      uint64_t w = 0;
      for (size_t k = i; k < s.size(); ++k)
        w |= static_cast<uint64_t>(static_cast<unsigned char>(s[k])) << (8 * (k - i));
      h = (((h << 5) | (h >> 59)) ^ w) * kMul;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
  }

  void Seal() {
    pool_at.assign(words.size(), 0);
    pool.clear();
    std::vector<const std::string*> by_id(words.size());
    for (const auto& [w, id] : words) by_id[id] = &w;
    for (uint32_t id = 0; id < by_id.size(); ++id) {
      pool_at[id] = static_cast<uint32_t>(pool.size());
      pool += *by_id[id];
      max_word = std::max(max_word, by_id[id]->size());
    }
    size_t cap = 16;
    while (cap < 2 * words.size() + 1) cap *= 2;
    table.assign(cap, WordSlot{});
    int filter_bits = 16;
    while (filter_bits < 24 && (size_t{1} << filter_bits) < 16 * words.size()) ++filter_bits;
    filter_shift = 64 - filter_bits;
    filter.assign((size_t{1} << filter_bits) / 64, 0);
    for (uint32_t id = 0; id < by_id.size(); ++id) {
      uint64_t h = Hash(*by_id[id]);
      size_t at = h & (cap - 1);
      while (table[at].id != kNoWord) at = (at + 1) & (cap - 1);
      table[at] = WordSlot{h, id, static_cast<uint32_t>(by_id[id]->size())};
      uint64_t bit = h >> filter_shift;
      filter[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    root_child.assign(words.size(), -1);
    for (const auto& [key, child] : edges)
      if ((key >> 32) == 0) root_child[static_cast<uint32_t>(key)] = static_cast<int32_t>(child);
  }

  // Precondition: Seal() was called.
  int32_t FindWord(std::string_view w) const {
    if (w.size() > max_word || table.empty()) return -1;
    uint64_t h = Hash(w);
    uint64_t bit = h >> filter_shift;
    if (!((filter[bit >> 6] >> (bit & 63)) & 1)) return -1;
    const size_t mask = table.size() - 1;
    for (size_t at = h & mask;; at = (at + 1) & mask) {
      const WordSlot& s = table[at];
      if (s.id == kNoWord) return -1;
      if (s.hash == h && s.len == w.size() && std::memcmp(pool.data() + pool_at[s.id], w.data(), w.size()) == 0)
        return static_cast<int32_t>(s.id);
    }
  }
  int32_t Child(uint32_t node, int32_t word) const {
    if (word < 0) return -1;
    if (node == 0) return root_child[static_cast<uint32_t>(word)];
    auto it = edges.find((static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(word));
    return it == edges.end() ? -1 : static_cast<int32_t>(it->second);
  }

  // Adds a phrase; returns false when it has no words.
  bool AddPhrase(std::string_view phrase, Sense sense) {
    std::string key = NormalizeKey(phrase);
    // Buffers reused from phrase to phrase (16,000 phrases: no allocation per phrase and word).
    std::vector<Token>& toks = add_toks;
    std::vector<std::string_view>& ws = add_words;
    toks.clear();
    ws.clear();
    Tokenize(key, &toks);
    for (const Token& t : toks)
      if (t.kind != TokenKind::kQuote && t.kind != TokenKind::kNewline)
        ws.push_back(t.Text(key));
    if (ws.empty()) return false;
    if (ws[0].size() >= 8 && ws[0].compare(0, 4, kArticle) == 0 &&
        (sense.allowed & kCliticArticle)) {
      ws[0] = ws[0].substr(4);
      sense.need_article = true;
    }
    uint32_t node = 0;
    for (std::string_view w : ws) {
      uint32_t wid = WordId(w);
      uint64_t key2 = (static_cast<uint64_t>(node) << 32) | wid;
      auto it = edges.find(key2);
      if (it == edges.end()) {
        uint32_t child = static_cast<uint32_t>(node_senses.size());
        node_senses.emplace_back();
        edges.emplace(key2, child);
        node = child;
      } else {
        node = it->second;
      }
    }
    auto& v = node_senses[node];
    for (const Sense& s : v)
      if (s.role == sense.role && s.index == sense.index && s.need_article == sense.need_article)
        return true;
    v.push_back(sense);
    ++phrases;
    return true;
  }
};

namespace {

class Loader {
 public:
  explicit Loader(RuleSet::Impl* impl) : impl_(impl) {}

  Status AddFile(const std::string& name, const std::string& text) {
    hash_ = Fnv(hash_, name);
    hash_ = Fnv(hash_, text);
    json doc;
    try {
      doc = json::parse(text);
    } catch (const json::parse_error& e) {
      return Status(ErrorCode::kBadJson, std::string("malformed JSON: ") + Short(e.what()),
                    name + ": byte " + std::to_string(e.byte));
    } catch (const std::exception& e) {
      return Status(ErrorCode::kBadJson, std::string("malformed JSON: ") + e.what(), name);
    }
    if (!doc.is_object()) return Err(name, "", "a rules file must be a JSON object");
    auto cat = doc.find("category");
    if (cat == doc.end() || !cat->is_string())
      return Err(name, "/category", "missing string field \"category\"");
    static const std::set<std::string> kCategories = {
        "verbs", "markers", "sources", "states", "outlets", "people", "institutions",
        "patterns", "audit"};
    std::string c = cat->get<std::string>();
    if (!kCategories.count(c))
      return Err(name, "/category", "unknown category \"" + c + "\" (expected one of verbs, "
                 "markers, sources, states, outlets, people, institutions, patterns, audit)");
    auto src = doc.find("source");
    if (src == doc.end() || !src->is_string() || src->get<std::string>().empty())
      return Err(name, "/source", "missing field \"source\": say where the entries come from");
    auto entries = doc.find("entries");
    if (entries == doc.end() || !entries->is_array())
      return Err(name, "/entries", "missing array field \"entries\"");
    auto& list = by_category_[c];
    // Where each key's live entry is in `list` (a replaced entry is marked removed and dropped
    // by Compile), so merging stays linear in the number of entries.
    auto& index = keys_[c];
    if (c == "audit") raw_[c] = doc.dump();
    for (size_t i = 0; i < entries->size(); ++i) {
      json& e = (*entries)[i];
      std::string ptr = "/entries/" + std::to_string(i);
      if (!e.is_object()) return Err(name, ptr, "an entry must be a JSON object");
      // Entries with an id (or a phrase) replace or remove earlier ones with the same key.
      std::string key = KeyOf(e);
      bool disabled = e.contains("disabled") && e["disabled"].is_boolean() && e["disabled"];
      if (!key.empty()) {
        auto it = index.find(key);
        if (it != index.end()) {
          Located& old = list[it->second];
          if (old.file == name && !disabled && e.contains("id"))
            return Err(name, ptr + "/id", "duplicate id \"" + key.substr(3) + "\" (also at " +
                       old.pointer + ")");
          old.removed = true;
          index.erase(it);
        }
      }
      if (disabled) continue;
      if (!key.empty()) index.emplace(std::move(key), list.size());
      list.push_back(Located{name, std::move(ptr), std::move(e)});
    }
    return Status::Ok();
  }

  Status Compile() {
    for (auto& [category, list] : by_category_)
      std::erase_if(list, [](const Located& l) { return l.removed; });
    Status s;
    if (!(s = CompileVerbs()).ok()) return s;
    if (!(s = CompileMarkers()).ok()) return s;
    if (!(s = CompileSources()).ok()) return s;
    if (!(s = CompileStates()).ok()) return s;
    if (!(s = CompileNamed("outlets", SourceKind::kOutlet, Role::kOutlet)).ok()) return s;
    if (!(s = CompileNamed("institutions", SourceKind::kInstitution, Role::kInstitution)).ok())
      return s;
    if (!(s = CompilePeople()).ok()) return s;
    if (!(s = CompilePatterns()).ok()) return s;
    for (auto& [k, v] : raw_) impl_->category_json[k] = v;
    char buf[17];
    snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
    impl_->version = buf;
    return Status::Ok();
  }

 private:
  static uint64_t Fnv(uint64_t h, std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
  }
  static std::string Short(const char* what) {
    std::string w = what;
    auto p = w.find("] ");
    return p == std::string::npos ? w : w.substr(p + 2);
  }
  static std::string KeyOf(const json& e) {
    if (e.contains("id") && e["id"].is_string()) return "id:" + e["id"].get<std::string>();
    if (e.contains("phrase") && e["phrase"].is_string())
      return "phrase:" + e["phrase"].get<std::string>() + "|" +
             (e.contains("role") && e["role"].is_string() ? e["role"].get<std::string>() : "");
    if (e.contains("lemma") && e["lemma"].is_string())
      return "lemma:" + e["lemma"].get<std::string>();
    return "";
  }
  static Status Err(const std::string& file, const std::string& ptr, const std::string& msg) {
    return Status(ErrorCode::kBadRules, msg, file + "#" + (ptr.empty() ? "/" : ptr));
  }

  // Field readers: each returns an error naming FILE#/pointer/field.
  Status Str(const Located& l, const char* field, std::string* out, bool required = true) {
    auto it = l.value.find(field);
    if (it == l.value.end()) {
      if (!required) return Status::Ok();
      return Err(l.file, l.pointer + "/" + field, std::string("missing field \"") + field + "\"");
    }
    if (it->is_null() && !required) return Status::Ok();
    if (!it->is_string())
      return Err(l.file, l.pointer + "/" + field, std::string("\"") + field + "\" must be a string");
    *out = it->get<std::string>();
    if (required && out->empty())
      return Err(l.file, l.pointer + "/" + field, std::string("\"") + field + "\" is empty");
    return Status::Ok();
  }
  Status StrList(const Located& l, const char* field, std::vector<std::string>* out,
                 bool required = false) {
    auto it = l.value.find(field);
    if (it == l.value.end()) {
      if (!required) return Status::Ok();
      return Err(l.file, l.pointer + "/" + field, std::string("missing field \"") + field + "\"");
    }
    if (it->is_null()) return Status::Ok();
    if (!it->is_array())
      return Err(l.file, l.pointer + "/" + field,
                 std::string("\"") + field + "\" must be an array of strings");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string() || (*it)[i].get<std::string>().empty())
        return Err(l.file, l.pointer + "/" + field + "/" + std::to_string(i),
                   "expected a non-empty string");
      out->push_back((*it)[i].get<std::string>());
    }
    return Status::Ok();
  }
  Status Bool(const Located& l, const char* field, bool* out) {
    auto it = l.value.find(field);
    if (it == l.value.end() || it->is_null()) return Status::Ok();
    if (!it->is_boolean())
      return Err(l.file, l.pointer + "/" + field, std::string("\"") + field + "\" must be true or false");
    *out = it->get<bool>();
    return Status::Ok();
  }
  Status Phrase(const Located& l, const std::string& ptr, std::string_view phrase, Sense s) {
    if (!impl_->AddPhrase(phrase, s))
      return Err(l.file, ptr, "phrase \"" + std::string(phrase) + "\" has no words");
    return Status::Ok();
  }
  Status StanceOf(const Located& l, Stance* out) {
    std::string st = "assert";
    Status s = Str(l, "stance", &st, false);
    if (!s.ok()) return s;
    if (!ParseStance(st, out))
      return Err(l.file, l.pointer + "/stance", "unknown stance \"" + st +
                 "\" (expected assert, deny, accuse, warn, call or opinion)");
    return Status::Ok();
  }

#define ISNAD_TRY(expr)            \
  do {                             \
    Status _s = (expr);            \
    if (!_s.ok()) return _s;       \
  } while (0)

  Status CompileVerbs() {
    for (const Located& l : by_category_["verbs"]) {
      VerbInfo v;
      ISNAD_TRY(Str(l, "lemma", &v.lemma));
      ISNAD_TRY(StanceOf(l, &v.stance));
      std::string cls = "speech", content = "clause";
      ISNAD_TRY(Str(l, "class", &cls, false));
      ISNAD_TRY(Str(l, "content", &content, false));
      if (cls != "speech" && cls != "opinion" && cls != "relay" && cls != "agentless")
        return Err(l.file, l.pointer + "/class", "unknown class \"" + cls +
                   "\" (expected speech, opinion, relay or agentless)");
      if (content != "clause" && content != "object" && content != "either")
        return Err(l.file, l.pointer + "/content", "unknown content \"" + content +
                   "\" (expected clause, object or either)");
      std::string dispute;
      ISNAD_TRY(Str(l, "dispute", &dispute, false));
      if (dispute == "always") v.dispute = VerbInfo::Dispute::kAlways;
      else if (dispute == "claim_object") v.dispute = VerbInfo::Dispute::kClaimObject;
      else if (!dispute.empty())
        return Err(l.file, l.pointer + "/dispute", "unknown dispute \"" + dispute +
                   "\" (expected always or claim_object)");
      v.relay = cls == "relay";
      v.clause_only = content == "clause";
      std::vector<std::string> forms, agentless, preps, next;
      ISNAD_TRY(StrList(l, "forms", &forms, true));
      ISNAD_TRY(StrList(l, "agentless_forms", &agentless));
      ISNAD_TRY(StrList(l, "object_preps", &preps));
      ISNAD_TRY(StrList(l, "requires_next", &next));
      std::vector<std::string> not_dispute_next;
      ISNAD_TRY(StrList(l, "not_dispute_next", &not_dispute_next));
      for (auto& p : not_dispute_next) v.not_dispute_next.push_back(NormalizeKey(p));
      if (forms.empty() && agentless.empty())
        return Err(l.file, l.pointer + "/forms", "a verb needs at least one form");
      for (auto& p : preps) v.object_preps.push_back(NormalizeKey(p));
      for (auto& p : next) v.requires_next.push_back(NormalizeKey(p));
      uint32_t idx = static_cast<uint32_t>(impl_->verbs.size());
      impl_->verbs.push_back(std::move(v));
      std::vector<std::string> fem, plural;
      ISNAD_TRY(StrList(l, "feminine", &fem));
      ISNAD_TRY(StrList(l, "plural", &plural));
      for (size_t i = 0; i < forms.size(); ++i) {
        char g = 'm';
        if (std::find(fem.begin(), fem.end(), forms[i]) != fem.end()) g = 'f';
        if (std::find(plural.begin(), plural.end(), forms[i]) != plural.end()) g = 'p';
        ISNAD_TRY(Phrase(l, l.pointer + "/forms/" + std::to_string(i), forms[i],
                         Sense{Role::kVerb, kCliticConj | kCliticPron, false, idx, g}));
      }
      for (size_t i = 0; i < agentless.size(); ++i)
        ISNAD_TRY(Phrase(l, l.pointer + "/agentless_forms/" + std::to_string(i), agentless[i],
                         Sense{Role::kAgentlessVerb, kCliticConj, false, idx, 0}));
    }
    return Status::Ok();
  }

  Status CompileMarkers() {
    static const std::pair<const char*, Role> kRoles[] = {
        {"cue_prep", Role::kCuePrep},         {"cue_nominal", Role::kCueNominal},
        {"cue_participle", Role::kCueParticiple}, {"complementizer", Role::kComplementizer},
        {"quote_intro", Role::kQuoteIntro},   {"relay_from", Role::kRelayFrom},
        {"via_intro", Role::kViaIntro},       {"adjunct", Role::kAdjunct},
        {"content_stop", Role::kContentStop}, {"aside", Role::kAside},
        {"np_connector", Role::kNpConnector}, {"preposition", Role::kPreposition},
        {"auxiliary", Role::kAuxiliary},       {"relative", Role::kRelative},
        {"claim_noun", Role::kClaimNoun},     {"anaphor", Role::kAnaphor},
        {"dispute_noun", Role::kDisputeNoun}, {"common_word", Role::kCommonWord},
        {"falsity", Role::kFalsity},         {"negation", Role::kNegation},
        {"exile_place", Role::kExilePlace}, {"contrast", Role::kContrast}};
    for (const Located& l : by_category_["markers"]) {
      // A compact list: {"role": "common_word", "phrases": [...]}.
      if (l.value.contains("phrases")) {
        std::string role;
        ISNAD_TRY(Str(l, "role", &role));
        if (role != "common_word")
          return Err(l.file, l.pointer + "/role", "a \"phrases\" list is only for role common_word");
        std::vector<std::string> phrases;
        ISNAD_TRY(StrList(l, "phrases", &phrases, true));
        uint32_t idx = static_cast<uint32_t>(impl_->markers.size());
        impl_->markers.push_back(MarkerInfo{"(common word)"});
        for (size_t i = 0; i < phrases.size(); ++i)
          ISNAD_TRY(Phrase(l, l.pointer + "/phrases/" + std::to_string(i), phrases[i],
                           Sense{Role::kCommonWord, kCliticConj | kCliticPrep | kCliticArticle | kCliticPron,
                                 false, idx, 0}));
        continue;
      }
      MarkerInfo m;
      std::string role;
      ISNAD_TRY(Bool(l, "tail", &m.tail));
      std::string mdispute;
      ISNAD_TRY(Str(l, "dispute", &mdispute, false));
      if (!mdispute.empty() && mdispute != "always")
        return Err(l.file, l.pointer + "/dispute", "a marker's \"dispute\" can only be \"always\"");
      m.dispute = !mdispute.empty();
      ISNAD_TRY(Str(l, "phrase", &m.phrase));
      ISNAD_TRY(Str(l, "role", &role));
      ISNAD_TRY(StanceOf(l, &m.stance));
      ISNAD_TRY(Bool(l, "needs_verb", &m.needs_verb));
      ISNAD_TRY(Bool(l, "anaphoric", &m.anaphoric));
      ISNAD_TRY(Bool(l, "strong", &m.strong));
      Role r = Role::kCount;
      for (auto& [n, v] : kRoles)
        if (role == n) r = v;
      if (r == Role::kCount)
        return Err(l.file, l.pointer + "/role", "unknown role \"" + role + "\" for markers");
      uint8_t allowed = kCliticConj;
      if (r == Role::kComplementizer || r == Role::kRelayFrom || r == Role::kPreposition ||
          r == Role::kNpConnector || r == Role::kContrast)
        allowed = kCliticConj | kCliticPron;
      if (r == Role::kClaimNoun || r == Role::kAnaphor || r == Role::kDisputeNoun ||
          r == Role::kFalsity)
        allowed = kCliticConj | kCliticPrep | kCliticArticle | kCliticPron;
      std::string mg;
      ISNAD_TRY(Str(l, "gender", &mg, false));
      if (!mg.empty() && mg != "m" && mg != "f" && mg != "pl")
        return Err(l.file, l.pointer + "/gender", "gender must be m, f or pl");
      char g = mg.empty() ? 0 : (mg == "pl" ? 'p' : mg[0]);
      uint32_t idx = static_cast<uint32_t>(impl_->markers.size());
      impl_->markers.push_back(m);
      ISNAD_TRY(Phrase(l, l.pointer + "/phrase", m.phrase, Sense{r, allowed, false, idx, g}));
    }
    return Status::Ok();
  }

  Status CompileSources() {
    static const std::pair<const char*, Role> kRoles[] = {
        {"anonymous_head", Role::kAnonymousHead}, {"official_head", Role::kOfficialHead},
        {"title", Role::kTitle},                  {"outlet_head", Role::kOutletHead},
        {"document_head", Role::kDocumentHead},   {"institution_head", Role::kInstitutionHead},
        {"state_head", Role::kStateHead},         {"vague", Role::kVague},
        {"reason", Role::kReason}};
    for (const Located& l : by_category_["sources"]) {
      HeadInfo h;
      std::string role, kind, gender = "m";
      ISNAD_TRY(Str(l, "phrase", &h.phrase));
      ISNAD_TRY(Str(l, "role", &role));
      ISNAD_TRY(Str(l, "unnamed_kind", &kind, false));
      ISNAD_TRY(Str(l, "gender", &gender, false));
      ISNAD_TRY(Bool(l, "unnamed", &h.unnamed));
      std::vector<std::string> coref;
      ISNAD_TRY(StrList(l, "corefer", &coref));
      for (auto& c : coref) h.corefer.push_back(NormalizeKey(c));
      if (!kind.empty() && !ParseKind(kind, &h.unnamed_kind))
        return Err(l.file, l.pointer + "/unnamed_kind", "unknown kind \"" + kind + "\"");
      if (gender != "m" && gender != "f" && gender != "pl")
        return Err(l.file, l.pointer + "/gender", "gender must be m, f or pl");
      h.gender = gender == "pl" ? 'p' : gender[0];
      Role r = Role::kCount;
      for (auto& [n, v] : kRoles)
        if (role == n) r = v;
      if (r == Role::kCount)
        return Err(l.file, l.pointer + "/role", "unknown role \"" + role + "\" for sources");
      uint8_t allowed = kCliticConj | kCliticPrep | kCliticArticle;
      if (r == Role::kReason) allowed = kCliticConj | kCliticPrep;
      uint32_t idx = static_cast<uint32_t>(impl_->heads.size());
      impl_->heads.push_back(h);
      ISNAD_TRY(Phrase(l, l.pointer + "/phrase", h.phrase, Sense{r, allowed, false, idx, h.gender}));
    }
    return Status::Ok();
  }

  static constexpr uint8_t kNounClitics = kCliticConj | kCliticPrep | kCliticArticle;

  Status NamesOf(const Located& l, const char* field, Role role, uint32_t idx, char gender = 0) {
    std::vector<std::string> names;
    ISNAD_TRY(StrList(l, field, &names));
    for (size_t i = 0; i < names.size(); ++i)
      ISNAD_TRY(Phrase(l, l.pointer + "/" + field + "/" + std::to_string(i), names[i],
                       Sense{role, kNounClitics, false, idx, gender}));
    return Status::Ok();
  }

  Status Entity(const Located& l, SourceKind kind, EntityInfo* e) {
    e->kind = kind;
    ISNAD_TRY(Str(l, "id", &e->id));
    ISNAD_TRY(Str(l, "name_ar", &e->name_ar));
    ISNAD_TRY(Str(l, "name_en", &e->name_en, false));
    std::string country;
    if (l.value.contains("iso2")) ISNAD_TRY(Str(l, "iso2", &country, false));
    else ISNAD_TRY(Str(l, "country", &country, false));
    e->country = country;
    return Status::Ok();
  }

  Status CompileStates() {
    for (const Located& l : by_category_["states"]) {
      EntityInfo e;
      ISNAD_TRY(Entity(l, SourceKind::kState, &e));
      uint32_t idx = static_cast<uint32_t>(impl_->entities.size());
      impl_->entities.push_back(e);
      ISNAD_TRY(Phrase(l, l.pointer + "/name_ar", e.name_ar,
                       Sense{Role::kState, kNounClitics, false, idx, 0}));
      ISNAD_TRY(NamesOf(l, "aliases", Role::kState, idx));
      ISNAD_TRY(NamesOf(l, "capital", Role::kCapital, idx));
      ISNAD_TRY(NamesOf(l, "seats", Role::kSeat, idx));
      auto dem = l.value.find("demonyms");
      if (dem != l.value.end() && !dem->is_null()) {
        if (!dem->is_object())
          return Err(l.file, l.pointer + "/demonyms", "\"demonyms\" must be an object {m, f, pl}");
        Located sub{l.file, l.pointer + "/demonyms", *dem};
        ISNAD_TRY(NamesOf(sub, "m", Role::kDemonym, idx, 'm'));
        ISNAD_TRY(NamesOf(sub, "f", Role::kDemonym, idx, 'f'));
        ISNAD_TRY(NamesOf(sub, "pl", Role::kDemonym, idx, 'p'));
      }
    }
    return Status::Ok();
  }

  Status CompileNamed(const char* category, SourceKind kind, Role role) {
    for (const Located& l : by_category_[category]) {
      EntityInfo e;
      ISNAD_TRY(Entity(l, kind, &e));
      if (kind == SourceKind::kOutlet) {
        ISNAD_TRY(Str(l, "kind", &e.subtype, false));
        ISNAD_TRY(Bool(l, "state_media", &e.state_media));
      } else {
        ISNAD_TRY(Str(l, "type", &e.subtype, false));
      }
      uint32_t idx = static_cast<uint32_t>(impl_->entities.size());
      impl_->entities.push_back(e);
      ISNAD_TRY(Phrase(l, l.pointer + "/name_ar", e.name_ar, Sense{role, kNounClitics, false, idx, 0}));
      ISNAD_TRY(NamesOf(l, "aliases", role, idx));
      ISNAD_TRY(NamesOf(l, "latin", role, idx));
    }
    return Status::Ok();
  }

  Status CompilePeople() {
    for (const Located& l : by_category_["people"]) {
      EntityInfo e;
      ISNAD_TRY(Entity(l, SourceKind::kPerson, &e));
      uint32_t idx = static_cast<uint32_t>(impl_->entities.size());
      impl_->entities.push_back(e);
      ISNAD_TRY(Phrase(l, l.pointer + "/name_ar", e.name_ar,
                       Sense{Role::kPerson, kNounClitics, false, idx, 0}));
      ISNAD_TRY(NamesOf(l, "aliases", Role::kPerson, idx));
      auto roles = l.value.find("roles");
      if (roles != l.value.end() && !roles->is_null()) {
        if (!roles->is_array())
          return Err(l.file, l.pointer + "/roles", "\"roles\" must be an array of {title, from, to}");
        for (size_t i = 0; i < roles->size(); ++i) {
          Located sub{l.file, l.pointer + "/roles/" + std::to_string(i), (*roles)[i]};
          if (!sub.value.is_object())
            return Err(l.file, sub.pointer, "a role must be an object {title, from, to}");
          std::string title;
          ISNAD_TRY(Str(sub, "title", &title));
          // Only current roles designate a person by role alone; past roles stay documented.
          auto to = sub.value.find("to");
          if (to != sub.value.end() && !to->is_null()) continue;
          ISNAD_TRY(Phrase(sub, sub.pointer + "/title", title,
                           Sense{Role::kPersonRole, kNounClitics, false, idx, 0}));
        }
      }
    }
    return Status::Ok();
  }

  Status CompilePatterns() {
    for (const Located& l : by_category_["patterns"]) {
      PatternInfo p;
      ISNAD_TRY(Str(l, "id", &p.id));
      ISNAD_TRY(Str(l, "description", &p.description, false));
      ISNAD_TRY(Bool(l, "enabled", &p.enabled));
      auto c = l.value.find("confidence");
      if (c != l.value.end()) {
        if (!c->is_number() || c->get<double>() < 0 || c->get<double>() > 1)
          return Err(l.file, l.pointer + "/confidence", "\"confidence\" must be a number in [0, 1]");
        p.confidence = c->get<float>();
      }
      impl_->patterns.push_back(p);
    }
    return Status::Ok();
  }
#undef ISNAD_TRY

  RuleSet::Impl* impl_;
  std::map<std::string, std::vector<Located>> by_category_;
  std::map<std::string, std::unordered_map<std::string, size_t>> keys_;  // key -> index in list
  std::map<std::string, std::string> raw_;
  uint64_t hash_ = 1469598103934665603ULL;
};

Status ReadFile(const std::filesystem::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status(ErrorCode::kIo, "cannot open rules file", p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return Status::Ok();
}

}  // namespace

Result<RuleSet> RuleSet::LoadFromStrings(
    const std::vector<std::pair<std::string, std::string>>& files, bool with_defaults) {
  auto impl = std::make_shared<Impl>();
  Loader loader(impl.get());
  if (with_defaults) {
    for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
      Status s = loader.AddFile("(built-in)/" + std::string(f.name), std::string(f.text));
      if (!s.ok()) return s;
    }
  }
  for (const auto& [name, text] : files) {
    Status s = loader.AddFile(name, text);
    if (!s.ok()) return s;
  }
  Status s = loader.Compile();
  if (!s.ok()) return s;
  impl->Seal();
  return RuleSet(std::move(impl));
}

Result<RuleSet> RuleSet::LoadDefault() { return LoadFromStrings({}, true); }

Result<RuleSet> RuleSet::Load(const std::vector<std::string>& dirs) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& d : dirs) {
    std::error_code ec;
    if (!fs::exists(d, ec))
      return Status(ErrorCode::kNotFound, "rules directory does not exist", d);
    std::vector<fs::path> paths;
    if (fs::is_regular_file(d, ec)) {
      paths.push_back(d);
    } else {
      for (const auto& e : fs::directory_iterator(d, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") paths.push_back(e.path());
      if (ec) return Status(ErrorCode::kIo, "cannot list rules directory: " + ec.message(), d);
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::string text;
      Status s = ReadFile(p, &text);
      if (!s.ok()) return s;
      files.emplace_back(p.string(), std::move(text));
    }
  }
  return LoadFromStrings(files, true);
}

void RuleSet::Match(std::string_view norm, std::span<const Token> toks,
                    std::vector<LexHit>* out) const {
  const Impl& im = *impl_;
  const size_t n = toks.size();
  for (size_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    if (t.kind == TokenKind::kNewline || t.kind == TokenKind::kQuote) continue;
    size_t first_hit = out->size();
    for (int k = 0; k < t.ncand; ++k) {
      const Candidate& c = t.cand[k];
      int32_t node = im.Child(0, im.FindWord(t.Stem(norm, k)));
      if (node < 0) continue;
      size_t j = i + 1;
      while (true) {
        for (const Sense& s : im.node_senses[node]) {
          bool ok = s.need_article ? (c.mask & kCliticArticle) &&
                                         (c.mask & ~(s.allowed | kCliticArticle)) == 0
                                   : (c.mask & ~s.allowed) == 0;
          if (!ok) continue;
          LexHit h{static_cast<uint32_t>(i), static_cast<uint32_t>(j), s, c.mask};
          bool dup = false;
          for (size_t q = first_hit; q < out->size(); ++q) {
            const LexHit& o = (*out)[q];
            if (o.end == h.end && o.sense.role == s.role && o.sense.index == s.index) {
              dup = true;
              break;
            }
          }
          if (!dup) out->push_back(h);
        }
        if (j >= n) break;
        const Token& u = toks[j];
        if (u.kind == TokenKind::kNewline) break;
        int32_t next = -1;
        for (int q = 0; q < u.ncand && next < 0; ++q) {
          if (u.cand[q].mask & ~kCliticPron) continue;
          next = im.Child(static_cast<uint32_t>(node), im.FindWord(u.Stem(norm, q)));
        }
        if (next < 0) break;
        node = next;
        ++j;
      }
    }
  }
}

const std::vector<VerbInfo>& RuleSet::verbs() const { return impl_->verbs; }
const std::vector<MarkerInfo>& RuleSet::markers() const { return impl_->markers; }
const std::vector<HeadInfo>& RuleSet::heads() const { return impl_->heads; }
const std::vector<EntityInfo>& RuleSet::entities() const { return impl_->entities; }
const std::vector<PatternInfo>& RuleSet::patterns() const { return impl_->patterns; }
const PatternInfo& RuleSet::pattern(std::string_view id) const {
  for (const PatternInfo& p : impl_->patterns)
    if (p.id == id) return p;
  return impl_->unknown_pattern;
}
const std::string& RuleSet::category_json(std::string_view c) const {
  auto it = impl_->category_json.find(c);
  return it == impl_->category_json.end() ? impl_->empty : it->second;
}
const std::string& RuleSet::version() const { return impl_->version; }
size_t RuleSet::phrase_count() const { return impl_->phrases; }

}  // namespace isnad
