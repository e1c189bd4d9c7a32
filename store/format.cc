#include "store/format.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/utf8.h"

namespace isnad {

using json = nlohmann::json;

namespace {

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Pads to `width` code points (Arabic and Latin alike count one per code point).
std::string Pad(const std::string& s, size_t width) {
  size_t n = utf8::CodePointCount(s);
  return n >= width ? s + " " : s + std::string(width - n, ' ');
}

double Share(int64_t n, int64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string Tops(const StatsRow& r) {
  std::string out;
  for (const auto& [name, n] : r.top_sources) {
    out += (out.empty() ? "" : "; ") + name + " (" + std::to_string(n) + ")";
  }
  return out;
}

}  // namespace

OutputFormat ParseOutputFormat(std::string_view name) {
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return OutputFormat::kText;
}

void WriteSearch(const std::vector<SearchHit>& hits, bool attributions, OutputFormat f,
                 std::ostream& out) {
  if (f == OutputFormat::kJson) {
    json arr = json::array();
    for (const SearchHit& h : hits) {
      json x{{"doc_id", h.doc_id},
             {"outlet", NullIfEmpty(h.outlet)},
             {"date", NullIfEmpty(h.date)},
             {"title", NullIfEmpty(h.title)},
             {"rank", h.rank},
             {"snippet", {{"before", h.before}, {"match", h.match}, {"after", h.after}}}};
      if (attributions) {
        x["attribution"] = h.index;
        x["source"] = h.source;
        x["source_type"] = h.source_kind;
        x["anonymous"] = h.anonymous;
        x["cue"] = h.cue;
        x["content"] = h.content;
      }
      arr.push_back(std::move(x));
    }
    out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  if (f == OutputFormat::kCsv) {
    out << "doc_id,outlet,date,title,rank";
    if (attributions) out << ",attribution,source,source_type,anonymous,cue,content";
    out << ",snippet\n";
    for (const SearchHit& h : hits) {
      out << CsvField(h.doc_id) << "," << CsvField(h.outlet) << "," << CsvField(h.date) << ","
          << CsvField(h.title) << "," << Fixed(h.rank, 3);
      if (attributions) {
        out << "," << h.index << "," << CsvField(h.source) << "," << h.source_kind << ","
            << (h.anonymous ? "true" : "false") << "," << CsvField(h.cue) << ","
            << CsvField(h.content);
      }
      out << "," << CsvField(h.before + h.match + h.after) << "\n";
    }
    return;
  }
  if (hits.empty()) {
    out << "no matches\n";
    return;
  }
  for (size_t i = 0; i < hits.size(); ++i) {
    const SearchHit& h = hits[i];
    out << i + 1 << ". " << h.doc_id;
    if (!h.outlet.empty()) out << "  " << h.outlet;
    if (!h.date.empty()) out << "  " << h.date;
    out << "\n";
    if (attributions) {
      const bool flag = h.anonymous && h.source_kind != "anonymous";
      out << "   #" << h.index << " [" << h.source_kind << (flag ? ", anonymous" : "") << "] "
          << h.source << " — " << h.cue << "\n";
    } else if (!h.title.empty()) {
      out << "   " << h.title << "\n";
    }
    out << "   " << h.before << (h.match.empty() ? "" : "[" + h.match + "]") << h.after << "\n";
  }
}

void WriteStats(const std::vector<StatsRow>& rows, OutputFormat f, std::ostream& out) {
  const std::vector<std::string>& kinds = SourceKindNames();
  if (f == OutputFormat::kJson) {
    json arr = json::array();
    for (const StatsRow& r : rows) {
      json by_kind = json::object();
      for (const auto& [k, n] : r.by_kind) {
        by_kind[k] = {{"attributions", n}, {"share", Share(n, r.attributions)}};
      }
      json tops = json::array();
      for (const auto& [name, n] : r.top_sources)
        tops.push_back({{"name", name}, {"attributions", n}});
      arr.push_back({{"outlet", r.outlet},
                     {"month", r.month},
                     {"articles", r.articles},
                     {"attributions", r.attributions},
                     {"attributions_per_article", Share(r.attributions, r.articles)},
                     {"anonymous", r.anonymous},
                     {"anonymous_share", r.anonymous_share()},
                     {"by_kind", std::move(by_kind)},
                     {"top_sources", std::move(tops)}});
    }
    out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  if (f == OutputFormat::kCsv) {
    out << "outlet,month,articles,attributions,anonymous,anonymous_share";
    for (const std::string& k : kinds) out << ",share_" << k;
    out << ",top_sources\n";
    for (const StatsRow& r : rows) {
      out << CsvField(r.outlet) << "," << CsvField(r.month) << "," << r.articles << ","
          << r.attributions << "," << r.anonymous << "," << Fixed(r.anonymous_share(), 4);
      for (const auto& [k, n] : r.by_kind) out << "," << Fixed(Share(n, r.attributions), 4);
      out << "," << CsvField(Tops(r)) << "\n";
    }
    return;
  }
  if (rows.empty()) {
    out << "no documents\n";
    return;
  }
  // anon%: the share of attributions with an anonymous source (any kind); then the share of
  // each source kind: person official anonymous-source state institution outlet document
  // unspecified.
  static const std::vector<std::string> kShort = {"person", "offic", "anonsrc", "state",
                                                  "inst",   "outlt", "doc",     "unsp"};
  out << Pad("outlet", 16) << Pad("month", 10) << Pad("articles", 9) << Pad("attrib", 8)
      << Pad("anon%", 7);
  for (const std::string& k : kShort) out << Pad(k + "%", std::max<size_t>(7, k.size() + 2));
  out << "top sources\n";
  for (const StatsRow& r : rows) {
    out << Pad(r.outlet, 16) << Pad(r.month, 10) << Pad(std::to_string(r.articles), 9)
        << Pad(std::to_string(r.attributions), 8) << Pad(Percent(r.anonymous_share()), 7);
    for (size_t i = 0; i < r.by_kind.size(); ++i) {
      const size_t width = i < kShort.size() ? std::max<size_t>(7, kShort[i].size() + 2) : 7;
      out << Pad(Percent(Share(r.by_kind[i].second, r.attributions)), width);
    }
    out << Tops(r) << "\n";
  }
}

void WriteShow(const DocRecord& r, OutputFormat f, bool with_text, std::ostream& out) {
  if (f == OutputFormat::kJson) {
    out << RecordToJson(r).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  if (f == OutputFormat::kCsv) {
    out << "doc_id,index,cue,cue_lemma,stance,source,source_resolved,source_type,anonymous,"
           "identification,entity_id,content,form,via,rule,confidence,cue_start,cue_end,"
           "source_start,source_end,content_start,content_end\n";
    for (size_t i = 0; i < r.attributions.size(); ++i) {
      const StoredAttribution& a = r.attributions[i];
      std::string via;
      for (const std::string& v : a.via) via += (via.empty() ? "" : " > ") + v;
      auto num = [](int64_t v) { return v < 0 ? std::string() : std::to_string(v); };
      out << CsvField(r.id) << "," << i << "," << CsvField(a.cue.text) << ","
          << CsvField(a.cue_lemma) << "," << a.stance << "," << CsvField(a.source.text) << ","
          << CsvField(a.source_resolved) << "," << a.source_kind << ","
          << (a.anonymous ? "true" : "false") << "," << a.identification << ","
          << CsvField(a.entity_id) << "," << CsvField(a.content.text) << "," << a.form << ","
          << CsvField(via) << "," << CsvField(a.rule) << "," << Fixed(a.confidence, 2) << ","
          << num(a.cue.start) << "," << num(a.cue.end) << "," << num(a.source.start) << ","
          << num(a.source.end) << "," << num(a.content.start) << "," << num(a.content.end) << "\n";
    }
    return;
  }
  out << r.id;
  if (!r.outlet.empty()) out << " — " << r.outlet;
  if (!r.date.empty()) out << " — " << r.date;
  if (!r.month.empty()) out << " (" << r.month << ")";
  out << "\n";
  if (!r.title.empty()) out << r.title << "\n";
  if (!r.url.empty()) out << "url: " << r.url << "\n";
  if (!r.credits.empty()) {
    out << "credits:";
    for (const std::string& c : r.credits) out << " " << c;
    out << "\n";
  }
  out << "hash: " << r.content_hash << "   source: " << r.source << "\n";
  if (r.run_id > 0) {
    out << "analysis: run " << r.run_id << " (rules " << r.rules_version << ", isnad "
        << r.isnad_version << ") at " << r.analyzed_at << "\n";
  }
  out << r.attributions.size() << " attribution" << (r.attributions.size() == 1 ? "" : "s") << ", "
      << r.disputes.size() << " dispute" << (r.disputes.size() == 1 ? "" : "s") << "\n";
  for (size_t i = 0; i < r.attributions.size(); ++i) {
    const StoredAttribution& a = r.attributions[i];
    const bool flag = a.anonymous && a.source_kind != "anonymous";
    out << "\n"
        << i << ". [" << a.source_kind << (flag ? ", anonymous" : "") << "] "
        << (a.source.text.empty() ? "(" + a.source_resolved + ")" : a.source.text);
    if (!a.source_resolved.empty() && a.source_resolved != a.source.text) {
      out << " → " << a.source_resolved;
    }
    if (!a.entity_id.empty()) out << " {" << a.entity_id << "}";
    out << "\n   cue: " << a.cue.text << " (" << a.cue_lemma << ", " << a.stance << ", " << a.form
        << ")   rule: " << a.rule << " " << Fixed(a.confidence, 2) << "\n";
    if (!a.via.empty()) {
      out << "   via:";
      for (const std::string& v : a.via) out << " " << v;
      out << "\n";
    }
    if (!a.content.text.empty()) out << "   «" << a.content.text << "»\n";
  }
  if (!r.disputes.empty()) out << "\nDisputes:\n";
  for (size_t i = 0; i < r.disputes.size(); ++i) {
    const StoredDispute& d = r.disputes[i];
    out << i << ". " << (d.by.empty() ? "?" : d.by) << " disputes "
        << (d.against.empty() ? "?" : d.against);
    if (!d.about.empty()) out << " about «" << d.about << "»";
    out << " (cue «" << d.cue.text << "», rule " << d.rule << ")\n";
  }
  for (const std::string& w : r.warnings) out << "warning: " << w << "\n";
  if (with_text) out << "\n" << r.text << "\n";
}

void WriteRuns(const std::vector<RunInfo>& runs, OutputFormat f, std::ostream& out) {
  if (f == OutputFormat::kJson) {
    json arr = json::array();
    for (const RunInfo& r : runs) {
      arr.push_back({{"run", r.id},
                     {"kind", r.kind},
                     {"isnad_version", r.isnad_version},
                     {"rules_version", r.rules_version},
                     {"started_at", r.started_at},
                     {"finished_at", NullIfEmpty(r.finished_at)},
                     {"status", r.status},
                     {"documents", r.documents},
                     {"current_documents", r.current}});
    }
    out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  if (f == OutputFormat::kCsv) {
    out << "run,kind,isnad_version,rules_version,started_at,finished_at,status,documents,"
           "current_documents\n";
    for (const RunInfo& r : runs) {
      out << r.id << "," << r.kind << "," << CsvField(r.isnad_version) << ","
          << CsvField(r.rules_version) << "," << r.started_at << "," << r.finished_at << ","
          << r.status << "," << r.documents << "," << r.current << "\n";
    }
    return;
  }
  for (const RunInfo& r : runs) {
    out << "run " << r.id << ": " << r.kind << ", " << r.status << ", isnad " << r.isnad_version
        << ", rules " << r.rules_version << ", " << r.started_at << " – "
        << (r.finished_at.empty() ? "…" : r.finished_at) << ", " << r.documents
        << " analyzed, current for " << r.current << "\n";
  }
}

void WriteSummary(const std::string& verb, const IngestSummary& s, const StoreSummary* store,
                  OutputFormat f, size_t max_errors, std::ostream& out) {
  const uint64_t total = s.added + s.changed + s.reanalyzed + s.unchanged + s.failed;
  std::map<std::string, uint64_t> reasons;
  for (const Status& e : s.errors) ++reasons[ErrorCodeName(e.code())];
  if (f == OutputFormat::kJson) {
    json errs = json::array();
    for (size_t i = 0; i < s.errors.size() && i < max_errors; ++i) {
      errs.push_back({{"code", ErrorCodeName(s.errors[i].code())},
                      {"message", s.errors[i].message()},
                      {"where", s.errors[i].where()}});
    }
    json j{{"command", verb},
           {"run", s.run},
           {"documents", total},
           {"new", s.added},
           {"changed", s.changed},
           {"reanalyzed", s.reanalyzed},
           {"unchanged", s.unchanged},
           {"failed", s.failed},
           {"failed_by_reason", reasons},
           {"errors", std::move(errs)},
           {"attributions", s.attributions},
           {"disputes", s.disputes},
           {"seconds", s.seconds}};
    if (store != nullptr) {
      j["store"] = {{"documents", store->documents},
                    {"attributions", store->attributions},
                    {"file_bytes", store->file_bytes}};
    }
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  out << verb << ": " << total << " document" << (total == 1 ? "" : "s") << ": " << s.added
      << " new, " << s.changed << " changed, " << s.reanalyzed << " re-analyzed, " << s.unchanged
      << " unchanged, " << s.failed << " failed";
  out << "; " << s.attributions << " attributions and " << s.disputes << " disputes written in "
      << Fixed(s.seconds, 1) << " s";
  if (s.seconds > 0 && s.added + s.changed + s.reanalyzed > 0) {
    out << " (" << Fixed(static_cast<double>(s.added + s.changed + s.reanalyzed) / s.seconds, 0)
        << " documents/s)";
  }
  out << "\n";
  if (!reasons.empty()) {
    out << "failed:";
    bool first = true;
    for (const auto& [code, n] : reasons) {
      out << (first ? " " : ", ") << n << " " << code;
      first = false;
    }
    out << "\n";
    for (size_t i = 0; i < s.errors.size() && i < max_errors; ++i) {
      out << "  " << s.errors[i].ToString() << "\n";
    }
    if (s.errors.size() > max_errors)
      out << "  … and " << s.errors.size() - max_errors << " more\n";
  }
  if (store != nullptr) {
    out << "store: " << store->documents << " documents, " << store->attributions
        << " attributions, " << Fixed(static_cast<double>(store->file_bytes) / 1e6, 1) << " MB\n";
  }
}

}  // namespace isnad
