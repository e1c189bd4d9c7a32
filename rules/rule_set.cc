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

// Objects as vectors of (key, value) in file order rather than std::map nodes: the rules are
// read once, field by field, and the smaller tree is fewer fresh pages for the first load.
using json = nlohmann::ordered_json;

const char* RoleName(Role r) {
  static const char* const kNames[] = {"verb",           "agentless_verb",
                                       "cue_prep",       "cue_nominal",
                                       "cue_participle", "complementizer",
                                       "quote_intro",    "relay_from",
                                       "via_intro",      "adjunct",
                                       "content_stop",   "aside",
                                       "np_connector",   "preposition",
                                       "auxiliary",      "relative",
                                       "claim_noun",     "anaphor",
                                       "dispute_noun",   "common_word",
                                       "anonymous_head", "official_head",
                                       "title",          "outlet_head",
                                       "document_head",  "institution_head",
                                       "state_head",     "vague",
                                       "reason",         "state",
                                       "capital",        "seat",
                                       "demonym",        "outlet",
                                       "person",         "person_role",
                                       "institution",    "falsity",
                                       "negation",       "exile_place",
                                       "contrast",       "offence",
                                       "concession",     "age"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(Role::kCount));
  return r < Role::kCount ? kNames[static_cast<int>(r)] : "?";
}

RoleTable TableOf(Role r) {
  switch (r) {
    case Role::kVerb:
    case Role::kAgentlessVerb:
      return RoleTable::kVerbs;
    case Role::kAnonymousHead:
    case Role::kOfficialHead:
    case Role::kTitle:
    case Role::kOutletHead:
    case Role::kDocumentHead:
    case Role::kInstitutionHead:
    case Role::kStateHead:
    case Role::kVague:
    case Role::kReason:
      return RoleTable::kHeads;
    case Role::kState:
    case Role::kCapital:
    case Role::kSeat:
    case Role::kDemonym:
    case Role::kOutlet:
    case Role::kPerson:
    case Role::kPersonRole:
    case Role::kInstitution:
      return RoleTable::kEntities;
    case Role::kCount:
      return RoleTable::kNone;
    default:
      return RoleTable::kMarkers;
  }
}

const char* StanceName(Stance s) {
  switch (s) {
    case Stance::kAssert:
      return "assert";
    case Stance::kDeny:
      return "deny";
    case Stance::kAccuse:
      return "accuse";
    case Stance::kWarn:
      return "warn";
    case Stance::kCall:
      return "call";
    case Stance::kOpinion:
      return "opinion";
  }
  return "assert";
}

const char* SourceKindName(SourceKind k) {
  switch (k) {
    case SourceKind::kPerson:
      return "person";
    case SourceKind::kOfficial:
      return "official";
    case SourceKind::kAnonymous:
      return "anonymous";
    case SourceKind::kState:
      return "state";
    case SourceKind::kInstitution:
      return "institution";
    case SourceKind::kOutlet:
      return "outlet";
    case SourceKind::kDocument:
      return "document";
    case SourceKind::kUnspecified:
      return "unspecified";
  }
  return "unspecified";
}

namespace {

constexpr char kArticle[] = "\xD8\xA7\xD9\x84";  // ال

bool ParseStance(const std::string& s, Stance* out) {
  static const std::pair<const char*, Stance> kMap[] = {
      {"assert", Stance::kAssert}, {"deny", Stance::kDeny}, {"accuse", Stance::kAccuse},
      {"warn", Stance::kWarn},     {"call", Stance::kCall}, {"opinion", Stance::kOpinion}};
  for (auto& [n, v] : kMap)
    if (s == n) {
      *out = v;
      return true;
    }
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

  // The phrase trie, built straight into the tables Match reads (no map, string or vector per
  // word or node: the first load of a process pays for every fresh page it touches):
  // - words: an open-addressing table (power-of-two size, at most half full) of WordSlot, the
  //   words' bytes in `pool` (word id -> pool_at[id]); Seal() adds a bit filter (16 bits per
  //   word, one bit set per word) that rejects most stems Match looks up, which are no lexicon
  //   word, before the table is touched;
  // - edges from the root: root_child, by word id (-1: no phrase starts with the word); the
  //   other edges: an open-addressing table keyed by (node << 32 | word), key 0 marking an
  //   empty slot (node > 0);
  // - senses: while building, a list per node in `links` (first/last per node); Seal() lays
  //   them out in one array, node n's at [sense_at[n], sense_at[n + 1]), in the order added.
  // Read-only once sealed.
  struct WordSlot {
    uint64_t hash = 0;
    uint32_t id = kNoWord;
    uint32_t len = 0;
  };
  static constexpr uint32_t kNoWord = 0xFFFFFFFF;
  std::vector<WordSlot> table;
  uint32_t nwords = 0;
  std::vector<uint64_t> filter;  // filter_bits bits, about 16 per word
  int filter_shift = 48;         // the filter bit of a word is its hash >> filter_shift
  std::string pool;
  std::vector<uint32_t> pool_at;
  std::vector<int32_t> root_child;
  struct EdgeSlot {
    uint64_t key = 0;
    uint32_t child = 0;
  };
  std::vector<EdgeSlot> edge_table;
  size_t nedges = 0;
  int edge_shift = 60;  // the slot of a key is its hash >> edge_shift
  struct SenseLink {
    Sense sense;
    uint32_t next = kNoWord;
  };
  std::vector<SenseLink> links;                         // build time only
  std::vector<uint32_t> first{kNoWord}, last{kNoWord};  // by node; node 0 is the root
  std::vector<uint32_t> sense_at;
  std::vector<Sense> senses;
  size_t max_word = 0;
  std::vector<Token> add_toks;  // AddPhrase's buffers
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
  size_t EdgeHash(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> edge_shift);
  }

  uint32_t WordId(std::string_view w) {
    if (2 * (nwords + 1) > table.size()) {
      std::vector<WordSlot> old(std::max<size_t>(1024, 2 * table.size()));
      old.swap(table);
      const size_t mask = table.size() - 1;
      for (const WordSlot& s : old) {
        if (s.id == kNoWord) continue;
        size_t at = s.hash & mask;
        while (table[at].id != kNoWord) at = (at + 1) & mask;
        table[at] = s;
      }
    }
    const uint64_t h = Hash(w);
    const size_t mask = table.size() - 1;
    for (size_t at = h & mask;; at = (at + 1) & mask) {
      WordSlot& s = table[at];
      if (s.id == kNoWord) {
        s = WordSlot{h, nwords, static_cast<uint32_t>(w.size())};
        pool_at.push_back(static_cast<uint32_t>(pool.size()));
        pool.append(w);
        root_child.push_back(-1);
        max_word = std::max(max_word, w.size());
        return nwords++;
      }
      if (s.hash == h && s.len == w.size() &&
          std::memcmp(pool.data() + pool_at[s.id], w.data(), w.size()) == 0)
        return s.id;
    }
  }

  // The child of `node` by word `word` (a word id), or -1. Without the filter: usable while
  // building.
  int32_t Edge(uint32_t node, uint32_t word) const {
    if (node == 0) return root_child[word];
    if (edge_table.empty()) return -1;
    const uint64_t key = (static_cast<uint64_t>(node) << 32) | word;
    const size_t mask = edge_table.size() - 1;
    for (size_t at = EdgeHash(key);; at = (at + 1) & mask) {
      const EdgeSlot& e = edge_table[at];
      if (e.key == key) return static_cast<int32_t>(e.child);
      if (e.key == 0) return -1;
    }
  }

  void AddEdge(uint32_t node, uint32_t word, uint32_t child) {
    if (node == 0) {
      root_child[word] = static_cast<int32_t>(child);
      return;
    }
    if (2 * (nedges + 1) > edge_table.size()) {
      std::vector<EdgeSlot> old(std::max<size_t>(1024, 2 * edge_table.size()));
      old.swap(edge_table);
      edge_shift = 64;
      for (size_t c = edge_table.size(); c > 1; c >>= 1) --edge_shift;
      const size_t mask = edge_table.size() - 1;
      for (const EdgeSlot& e : old) {
        if (e.key == 0) continue;
        size_t at = EdgeHash(e.key);
        while (edge_table[at].key != 0) at = (at + 1) & mask;
        edge_table[at] = e;
      }
    }
    const uint64_t key = (static_cast<uint64_t>(node) << 32) | word;
    const size_t mask = edge_table.size() - 1;
    size_t at = EdgeHash(key);
    while (edge_table[at].key != 0) at = (at + 1) & mask;
    edge_table[at] = EdgeSlot{key, child};
    ++nedges;
  }

  void Seal() {
    int filter_bits = 16;
    while (filter_bits < 24 && (size_t{1} << filter_bits) < 16 * size_t{nwords}) ++filter_bits;
    filter_shift = 64 - filter_bits;
    filter.assign((size_t{1} << filter_bits) / 64, 0);
    for (const WordSlot& s : table) {
      if (s.id == kNoWord) continue;
      uint64_t bit = s.hash >> filter_shift;
      filter[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    const size_t nodes = first.size();
    sense_at.assign(nodes + 1, 0);
    senses.clear();
    senses.reserve(links.size());
    for (size_t n = 0; n < nodes; ++n) {
      sense_at[n] = static_cast<uint32_t>(senses.size());
      for (uint32_t l = first[n]; l != kNoWord; l = links[l].next) senses.push_back(links[l].sense);
    }
    sense_at[nodes] = static_cast<uint32_t>(senses.size());
    std::vector<SenseLink>().swap(links);
    std::vector<uint32_t>().swap(first);
    std::vector<uint32_t>().swap(last);
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
      if (s.hash == h && s.len == w.size() &&
          std::memcmp(pool.data() + pool_at[s.id], w.data(), w.size()) == 0)
        return static_cast<int32_t>(s.id);
    }
  }
  int32_t Child(uint32_t node, int32_t word) const {
    return word < 0 ? -1 : Edge(node, static_cast<uint32_t>(word));
  }
  std::span<const Sense> SensesOf(uint32_t node) const {
    return {senses.data() + sense_at[node], senses.data() + sense_at[node + 1]};
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
      if (t.kind != TokenKind::kQuote && t.kind != TokenKind::kNewline) ws.push_back(t.Text(key));
    if (ws.empty()) return false;
    if (ws[0].size() >= 8 && ws[0].compare(0, 4, kArticle) == 0 &&
        (sense.allowed & kCliticArticle)) {
      ws[0] = ws[0].substr(4);
      sense.need_article = true;
    }
    uint32_t node = 0;
    for (std::string_view w : ws) {
      uint32_t wid = WordId(w);
      int32_t child = Edge(node, wid);
      if (child < 0) {
        child = static_cast<int32_t>(first.size());
        first.push_back(kNoWord);
        last.push_back(kNoWord);
        AddEdge(node, wid, static_cast<uint32_t>(child));
      }
      node = static_cast<uint32_t>(child);
    }
    for (uint32_t l = first[node]; l != kNoWord; l = links[l].next) {
      const Sense& s = links[l].sense;
      if (s.role == sense.role && s.index == sense.index && s.need_article == sense.need_article)
        return true;
    }
    const uint32_t l = static_cast<uint32_t>(links.size());
    links.push_back(SenseLink{sense, kNoWord});
    if (last[node] == kNoWord)
      first[node] = l;
    else
      links[last[node]].next = l;
    last[node] = l;
    ++phrases;
    return true;
  }
};

namespace {

class Loader {
 public:
  explicit Loader(RuleSet::Impl* impl) : impl_(impl) {}

  Status AddFile(const std::string& name, std::string_view text) {
    hash_ = Fnv(hash_, name);
    hash_ = Fnv(hash_, text);
    json doc;
    try {
      doc = json::parse(text.begin(), text.end());
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
    static const std::set<std::string> kCategories = {"verbs",        "markers",  "sources",
                                                      "states",       "outlets",  "people",
                                                      "institutions", "patterns", "audit"};
    std::string c = cat->get<std::string>();
    if (!kCategories.count(c))
      return Err(name, "/category",
                 "unknown category \"" + c +
                     "\" (expected one of verbs, "
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
    // With sorted keys, as before the rules were read in file order (the audit parses it).
    if (c == "audit") raw_[c] = nlohmann::json::parse(doc.dump()).dump();
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
            return Err(name, ptr + "/id",
                       "duplicate id \"" + key.substr(3) + "\" (also at " + old.pointer + ")");
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

  // Compiles the merged entries. Each category's JSON is freed once compiled, so that what is
  // compiled next reuses its memory (a first load pays for every fresh page it touches).
  Status Compile() {
    decltype(keys_)().swap(keys_);
    for (auto& [category, list] : by_category_)
      std::erase_if(list, [](const Located& l) { return l.removed; });
    Status s;
    if (!(s = CompileVerbs()).ok()) return s;
    Drop("verbs");
    if (!(s = CompileMarkers()).ok()) return s;
    Drop("markers");
    if (!(s = CompileSources()).ok()) return s;
    Drop("sources");
    if (!(s = CompileStates()).ok()) return s;
    Drop("states");
    if (!(s = CompileNamed("outlets", SourceKind::kOutlet, Role::kOutlet)).ok()) return s;
    Drop("outlets");
    if (!(s = CompileNamed("institutions", SourceKind::kInstitution, Role::kInstitution)).ok())
      return s;
    Drop("institutions");
    if (!(s = CompilePeople()).ok()) return s;
    Drop("people");
    if (!(s = CompilePatterns()).ok()) return s;
    for (auto& [k, v] : raw_) impl_->category_json[k] = v;
    char buf[17];
    snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
    impl_->version = buf;
    return Status::Ok();
  }

 private:
  void Drop(const std::string& category) {
    auto it = by_category_.find(category);
    if (it != by_category_.end()) std::vector<Located>().swap(it->second);
  }
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
      return Err(l.file, l.pointer + "/" + field,
                 std::string("\"") + field + "\" must be a string");
    *out = it->get<std::string>();
    if (required && out->empty())
      return Err(l.file, l.pointer + "/" + field, std::string("\"") + field + "\" is empty");
    return Status::Ok();
  }
  // A list of words compared with normalized tokens (not_next, not_prev, held_in, …): read as
  // StrList reads it, then appended to *out in normalized form.
  Status KeyList(const Located& l, const char* field, std::vector<std::string>* out) {
    std::vector<std::string> words;
    Status s = StrList(l, field, &words);
    if (!s.ok()) return s;
    for (const std::string& w : words) out->push_back(NormalizeKey(w));
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
      return Err(l.file, l.pointer + "/" + field,
                 std::string("\"") + field + "\" must be true or false");
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
      return Err(
          l.file, l.pointer + "/stance",
          "unknown stance \"" + st + "\" (expected assert, deny, accuse, warn, call or opinion)");
    return Status::Ok();
  }

#define ISNAD_TRY(expr)      \
  do {                       \
    Status _s = (expr);      \
    if (!_s.ok()) return _s; \
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
        return Err(l.file, l.pointer + "/class",
                   "unknown class \"" + cls + "\" (expected speech, opinion, relay or agentless)");
      if (content != "clause" && content != "object" && content != "either")
        return Err(l.file, l.pointer + "/content",
                   "unknown content \"" + content + "\" (expected clause, object or either)");
      std::string dispute;
      ISNAD_TRY(Str(l, "dispute", &dispute, false));
      if (dispute == "always")
        v.dispute = VerbInfo::Dispute::kAlways;
      else if (dispute == "claim_object")
        v.dispute = VerbInfo::Dispute::kClaimObject;
      else if (!dispute.empty())
        return Err(l.file, l.pointer + "/dispute",
                   "unknown dispute \"" + dispute + "\" (expected always or claim_object)");
      v.relay = cls == "relay";
      v.clause_only = content == "clause";
      v.object_only = content == "object";
      std::vector<std::string> forms, agentless, apposition;
      ISNAD_TRY(StrList(l, "forms", &forms, true));
      ISNAD_TRY(StrList(l, "agentless_forms", &agentless));
      ISNAD_TRY(StrList(l, "apposition_forms", &apposition));
      for (auto& w : apposition) v.apposition_forms.push_back(NormalizeKey(w));
      ISNAD_TRY(KeyList(l, "object_preps", &v.object_preps));
      ISNAD_TRY(KeyList(l, "requires_next", &v.requires_next));
      ISNAD_TRY(KeyList(l, "not_next", &v.not_next));
      ISNAD_TRY(KeyList(l, "passive_after_relative", &v.passive_after_relative));
      ISNAD_TRY(Bool(l, "object_needs_prep", &v.object_needs_prep));
      ISNAD_TRY(Bool(l, "recipient", &v.recipient));
      ISNAD_TRY(Bool(l, "passive_before_prep", &v.passive_before_prep));
      ISNAD_TRY(Bool(l, "object_before_prep", &v.object_before_prep));
      if (v.object_before_prep && v.object_preps.empty())
        return Err(l.file, l.pointer + "/object_before_prep",
                   "object_before_prep needs object_preps");
      if (v.passive_before_prep && v.object_preps.empty())
        return Err(l.file, l.pointer + "/passive_before_prep",
                   "passive_before_prep needs object_preps");
      ISNAD_TRY(KeyList(l, "object_first", &v.object_first));
      if (v.recipient && !v.object_needs_prep)
        return Err(l.file, l.pointer + "/recipient", "recipient needs object_needs_prep");
      if (v.object_needs_prep && (content == "clause" || v.object_preps.empty()))
        return Err(l.file, l.pointer + "/object_needs_prep",
                   "object_needs_prep needs content \"object\" or \"either\" and object_preps");
      ISNAD_TRY(KeyList(l, "not_dispute_next", &v.not_dispute_next));
      if (forms.empty() && agentless.empty() && apposition.empty())
        return Err(l.file, l.pointer + "/forms", "a verb needs at least one form");
      uint32_t idx = static_cast<uint32_t>(impl_->verbs.size());
      impl_->verbs.push_back(std::move(v));
      std::vector<std::string> fem, plural, imperfect;
      ISNAD_TRY(StrList(l, "feminine", &fem));
      ISNAD_TRY(StrList(l, "plural", &plural));
      ISNAD_TRY(StrList(l, "imperfect", &imperfect));
      for (size_t i = 0; i < forms.size(); ++i) {
        char g = 'm';
        if (std::find(fem.begin(), fem.end(), forms[i]) != fem.end()) g = 'f';
        if (std::find(plural.begin(), plural.end(), forms[i]) != plural.end()) g = 'p';
        bool imp = std::find(imperfect.begin(), imperfect.end(), forms[i]) != imperfect.end();
        ISNAD_TRY(Phrase(l, l.pointer + "/forms/" + std::to_string(i), forms[i],
                         Sense{Role::kVerb, kCliticConj | kCliticPron, false, idx, g, imp}));
      }
      for (size_t i = 0; i < agentless.size(); ++i)
        ISNAD_TRY(Phrase(l, l.pointer + "/agentless_forms/" + std::to_string(i), agentless[i],
                         Sense{Role::kAgentlessVerb, kCliticConj, false, idx, 0}));
      for (size_t i = 0; i < apposition.size(); ++i)
        ISNAD_TRY(Phrase(l, l.pointer + "/apposition_forms/" + std::to_string(i), apposition[i],
                         Sense{Role::kAgentlessVerb, 0, false, idx, 0}));
    }
    return Status::Ok();
  }

  Status CompileMarkers() {
    static const std::pair<const char*, Role> kRoles[] = {{"cue_prep", Role::kCuePrep},
                                                          {"cue_nominal", Role::kCueNominal},
                                                          {"cue_participle", Role::kCueParticiple},
                                                          {"complementizer", Role::kComplementizer},
                                                          {"quote_intro", Role::kQuoteIntro},
                                                          {"relay_from", Role::kRelayFrom},
                                                          {"via_intro", Role::kViaIntro},
                                                          {"adjunct", Role::kAdjunct},
                                                          {"content_stop", Role::kContentStop},
                                                          {"aside", Role::kAside},
                                                          {"np_connector", Role::kNpConnector},
                                                          {"preposition", Role::kPreposition},
                                                          {"auxiliary", Role::kAuxiliary},
                                                          {"relative", Role::kRelative},
                                                          {"claim_noun", Role::kClaimNoun},
                                                          {"anaphor", Role::kAnaphor},
                                                          {"dispute_noun", Role::kDisputeNoun},
                                                          {"common_word", Role::kCommonWord},
                                                          {"falsity", Role::kFalsity},
                                                          {"negation", Role::kNegation},
                                                          {"exile_place", Role::kExilePlace},
                                                          {"contrast", Role::kContrast},
                                                          {"offence", Role::kOffence},
                                                          {"concession", Role::kConcession},
                                                          {"age", Role::kAge}};
    for (const Located& l : by_category_["markers"]) {
      // A compact list: {"role": "common_word", "phrases": [...]}.
      if (l.value.contains("phrases")) {
        std::string role;
        ISNAD_TRY(Str(l, "role", &role));
        if (role != "common_word")
          return Err(l.file, l.pointer + "/role",
                     "a \"phrases\" list is only for role common_word");
        std::vector<std::string> phrases;
        ISNAD_TRY(StrList(l, "phrases", &phrases, true));
        uint32_t idx = static_cast<uint32_t>(impl_->markers.size());
        impl_->markers.push_back(MarkerInfo{"(common word)"});
        for (size_t i = 0; i < phrases.size(); ++i)
          ISNAD_TRY(Phrase(
              l, l.pointer + "/phrases/" + std::to_string(i), phrases[i],
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
      ISNAD_TRY(Bool(l, "joined", &m.joined));
      ISNAD_TRY(Str(l, "name_spelling", &m.name_spelling, false));
      ISNAD_TRY(Bool(l, "subjunctive", &m.subjunctive));
      ISNAD_TRY(KeyList(l, "not_next", &m.not_next));
      ISNAD_TRY(KeyList(l, "not_prev", &m.not_prev));
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
          r == Role::kFalsity || r == Role::kOffence)
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
        {"anonymous_head", Role::kAnonymousHead},
        {"official_head", Role::kOfficialHead},
        {"title", Role::kTitle},
        {"outlet_head", Role::kOutletHead},
        {"document_head", Role::kDocumentHead},
        {"institution_head", Role::kInstitutionHead},
        {"state_head", Role::kStateHead},
        {"vague", Role::kVague},
        {"reason", Role::kReason}};
    for (const Located& l : by_category_["sources"]) {
      HeadInfo h;
      std::string role, kind, gender = "m";
      ISNAD_TRY(Str(l, "phrase", &h.phrase));
      ISNAD_TRY(Str(l, "role", &role));
      ISNAD_TRY(Str(l, "unnamed_kind", &kind, false));
      ISNAD_TRY(Str(l, "gender", &gender, false));
      ISNAD_TRY(Bool(l, "unnamed", &h.unnamed));
      ISNAD_TRY(Bool(l, "governed", &h.governed));
      ISNAD_TRY(KeyList(l, "corefer", &h.corefer));
      ISNAD_TRY(KeyList(l, "held_in", &h.held_in));
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
      ISNAD_TRY(
          Phrase(l, l.pointer + "/phrase", h.phrase, Sense{r, allowed, false, idx, h.gender}));
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
    if (l.value.contains("iso2"))
      ISNAD_TRY(Str(l, "iso2", &country, false));
    else
      ISNAD_TRY(Str(l, "country", &country, false));
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
      // "name_alone": false — the name is also a common word or another name («اللواء», a
      // rank; «الحياة»; «العراقية» after «الحكومة»): matched alone only between quotes
      // («صحيفة "اللواء"»), otherwise in the forms of "aliases".
      bool name_alone = true;
      ISNAD_TRY(Bool(l, "name_alone", &name_alone));
      uint32_t idx = static_cast<uint32_t>(impl_->entities.size());
      impl_->entities.push_back(e);
      Sense name{role, kNounClitics, false, idx, 0};
      name.quoted_only = !name_alone;
      ISNAD_TRY(Phrase(l, l.pointer + "/name_ar", e.name_ar, name));
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
          return Err(l.file, l.pointer + "/roles",
                     "\"roles\" must be an array of {title, from, to}");
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
          return Err(l.file, l.pointer + "/confidence",
                     "\"confidence\" must be a number in [0, 1]");
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
      Status s = loader.AddFile("(built-in)/" + std::string(f.name), f.text);
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
        for (const Sense& s : im.SensesOf(static_cast<uint32_t>(node))) {
          bool ok = s.need_article
                        ? (c.mask & kCliticArticle) && (c.mask & ~(s.allowed | kCliticArticle)) == 0
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
