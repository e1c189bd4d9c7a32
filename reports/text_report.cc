#include "reports/text_report.h"

#include <cstdio>

#include "analyzer/utf8.h"

namespace isnad {
namespace {

// First Strong Isolate ... Pop Directional Isolate.
std::string Iso(std::string_view s) {
  std::string out = "\xE2\x81\xA8";
  for (char c : s) out += (c == '\n') ? ' ' : c;
  out += "\xE2\x81\xA9";
  return out;
}

std::string Fixed(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

void WriteText(const Analysis& a, const TextOptions& opt, std::ostream& out) {
  const Document& d = a.doc;
  utf8::CodePointIndex cp(d.text);
  auto at = [&](const Span& s) {
    return "[" + std::to_string(cp.ToCodePoint(s.begin)) + "-" +
           std::to_string(cp.ToCodePoint(s.end)) + ")";
  };
  out << "== " << d.id;
  if (!d.outlet.empty()) out << "  outlet " << Iso(d.outlet);
  if (!d.date.empty()) out << "  date " << Iso(d.date);
  out << "\n";
  if (!d.title.empty()) out << "title:    " << Iso(d.title) << "\n";
  if (!d.credits.empty()) {
    out << "credits:  ";
    for (size_t i = 0; i < d.credits.size(); ++i) out << (i ? ", " : "") << Iso(d.credits[i]);
    out << "\n";
  }
  out << a.attributions.size() << " attribution" << (a.attributions.size() == 1 ? "" : "s") << ", "
      << a.disputes.size() << " dispute" << (a.disputes.size() == 1 ? "" : "s") << "\n";
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& t = a.attributions[i];
    const Source& s = t.source;
    out << "\n[" << i + 1 << "] cue " << Iso(t.cue_text) << " " << at(t.cue) << "  stance "
        << StanceName(t.stance) << "  form " << FormName(t.form) << "\n";
    out << "    source   ";
    if (!s.mention.empty())
      out << Iso(s.text) << " " << at(s.mention);
    else if (s.kind == SourceKind::kUnspecified)
      out << "(none: agentless)";
    else
      out << "(not written)";
    out << "\n";
    if (!s.resolved.empty() && s.resolved != s.text)
      out << "    resolved " << Iso(s.resolved) << "\n";
    out << "    kind     " << SourceKindName(s.kind) << (s.anonymous ? ", ANONYMOUS" : "")
        << ", identified: " << IdentificationName(s.identification);
    if (!s.country.empty()) out << ", country " << s.country;
    out << "\n";
    if (!s.entity.id.empty()) {
      out << "    entity   " << s.entity.id;
      if (!s.entity.name_en.empty()) out << " (" << s.entity.name_en << ")";
      if (!s.entity.via_seat.empty()) out << " via seat " << Iso(s.entity.via_seat);
      out << "\n";
    }
    if (!s.reason.empty()) out << "    reason   " << Iso(s.reason.In(d.text)) << "\n";
    out << "    content  " << Iso(t.content_text) << " " << at(t.content) << "\n";
    if (!t.via.empty()) {
      out << "    via      ";
      for (size_t k = 0; k < t.via.size(); ++k) out << (k ? " > " : "") << Iso(t.via[k]);
      out << "\n";
    }
    out << "    rule     " << t.rule << " (confidence " << Fixed(t.confidence) << ")\n";
    if (opt.explain)
      for (const std::string& e : t.explain) out << "    why      " << e << "\n";
  }
  if (!a.disputes.empty()) out << "\ndisputes:\n";
  for (const Dispute& ds : a.disputes) {
    out << "  " << Iso(ds.by.empty() ? "?" : ds.by) << " disputes "
        << Iso(ds.against.empty() ? "(unnamed)" : ds.against) << ": " << Iso(ds.about) << " "
        << at(ds.cue) << "\n";
  }
  if (opt.lexicon && !a.lexicon.empty()) {
    out << "\nlexicon matches:\n";
    for (const LexiconMatch& m : a.lexicon)
      out << "  " << at(m.span) << " " << RoleName(m.role) << " " << Iso(m.span.In(d.text))
          << " -> " << Iso(m.what) << "\n";
  }
  for (const std::string& w : a.warnings) out << "warning: " << w << "\n";
}

}  // namespace isnad
