#include "reports/html_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "analyzer/utf8.h"
#include "base/csv.h"

namespace isnad {

// ---- Text helpers ----------------------------------------------------------------------

namespace {

// Decodes one code point of possibly invalid UTF-8; invalid or truncated sequences decode
// as U+FFFD with length 1.
char32_t SafeDecode(std::string_view s, size_t i, int* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  size_t avail = s.size() - i;
  unsigned char c = p[0];
  int n = c < 0x80                  ? 1
          : (c >= 0xC2 && c < 0xE0) ? 2
          : (c >= 0xE0 && c < 0xF0) ? 3
          : (c >= 0xF0 && c < 0xF5) ? 4
                                    : 0;
  bool ok = n > 0 && static_cast<size_t>(n) <= avail;
  for (int k = 1; ok && k < n; ++k) ok = (p[k] & 0xC0) == 0x80;
  if (!ok) {
    *len = 1;
    return 0xFFFD;
  }
  return utf8::Decode(s, i, len);
}

bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string CodePointLabel(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// Appends s HTML-escaped. Bidi controls become a visible marker: a styled element when
// `element_markers`, plain text "[U+202E]" otherwise. Other control characters except
// TAB, LF and CR become U+FFFD.
void AppendEscaped(std::string* out, std::string_view s, bool element_markers) {
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    char32_t c = SafeDecode(s, i, &len);
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      case '\'':
        *out += "&#39;";
        break;
      default:
        if (IsBidiControl(c)) {
          if (element_markers)
            *out += "<span class=\"ctl\" title=\"bidi control " + CodePointLabel(c) +
                    " neutralized\">[" + CodePointLabel(c) + "]</span>";
          else
            *out += "[" + CodePointLabel(c) + "]";
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == 0xFFFD) {
          *out += "\xEF\xBF\xBD";
        } else {
          out->append(s.data() + i, len);
        }
    }
    i += len;
  }
}

std::string Esc(std::string_view s) { return HtmlEscape(s); }

std::string Pct(int64_t n, int64_t d) {
  if (d <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * static_cast<double>(n) / static_cast<double>(d));
  return buf;
}

std::string Fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  AppendEscaped(&out, s, false);
  return out;
}

std::string NeutralizeBidi(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    char32_t c = SafeDecode(s, i, &len);
    if (IsBidiControl(c))
      out += "[" + CodePointLabel(c) + "]";
    else
      out.append(s.data() + i, len);
    i += len;
  }
  return out;
}

std::string OneLine(std::string_view s, size_t max_cp) {
  std::string out;
  size_t cps = 0;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    char32_t c = SafeDecode(s, i, &len);
    i += len;
    if (IsBidiControl(c) || c == 0x200E || c == 0x200F || c == 0x061C) continue;
    if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 || c == ' ' || c == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (max_cp && cps + (space ? 1 : 0) >= max_cp) {
      out += "…";
      return out;
    }
    if (space) {
      out += ' ';
      ++cps;
      space = false;
    }
    utf8::Append(c, &out);
    ++cps;
  }
  return out;
}

std::string CsvText(std::string_view s) { return CsvField(NeutralizeBidi(s)); }

std::string MarkdownCell(std::string_view s) {
  std::string one = OneLine(s);
  std::string out;
  for (char c : one) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (std::string_view("|\\*_`[]#").find(c) != std::string_view::npos)
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

const char* SourceKindLabelAr(SourceKind k) {
  switch (k) {
    case SourceKind::kPerson:
      return "شخص مسمّى";
    case SourceKind::kOfficial:
      return "مسؤول غير مسمّى";
    case SourceKind::kAnonymous:
      return "مصدر مجهول";
    case SourceKind::kState:
      return "دولة";
    case SourceKind::kInstitution:
      return "مؤسسة";
    case SourceKind::kOutlet:
      return "وسيلة إعلام";
    case SourceKind::kDocument:
      return "وثيقة";
    case SourceKind::kUnspecified:
      return "بلا فاعل";
  }
  return "غير محدد";
}

const char* StanceLabelAr(Stance s) {
  switch (s) {
    case Stance::kAssert:
      return "إفادة";
    case Stance::kDeny:
      return "نفي";
    case Stance::kAccuse:
      return "اتهام";
    case Stance::kWarn:
      return "تحذير";
    case Stance::kCall:
      return "دعوة";
    case Stance::kOpinion:
      return "رأي";
  }
  return "إفادة";
}

const char* FormLabelAr(Form f) {
  switch (f) {
    case Form::kDirect:
      return "مباشر";
    case Form::kIndirect:
      return "غير مباشر";
    case Form::kMixed:
      return "مختلط";
  }
  return "غير مباشر";
}

const char* IdentificationLabelAr(Identification i) {
  switch (i) {
    case Identification::kNamed:
      return "بالاسم";
    case Identification::kRole:
      return "بالصفة";
    case Identification::kVague:
      return "مبهم";
    case Identification::kNone:
      return "بلا فاعل";
  }
  return "";
}

// Strong tones: >= 4.5:1 against white; tints: black text >= 7:1.
const char* SourceKindColor(SourceKind k) {
  switch (k) {
    case SourceKind::kPerson:
      return "#1d4ed8";
    case SourceKind::kOfficial:
      return "#6d28d9";
    case SourceKind::kAnonymous:
      return "#b91c1c";
    case SourceKind::kState:
      return "#15803d";
    case SourceKind::kInstitution:
      return "#0f766e";
    case SourceKind::kOutlet:
      return "#c2410c";
    case SourceKind::kDocument:
      return "#4b5563";
    case SourceKind::kUnspecified:
      return "#be185d";
  }
  return "#4b5563";
}

const char* SourceKindTint(SourceKind k) {
  switch (k) {
    case SourceKind::kPerson:
      return "#dbeafe";
    case SourceKind::kOfficial:
      return "#ede9fe";
    case SourceKind::kAnonymous:
      return "#fee2e2";
    case SourceKind::kState:
      return "#dcfce7";
    case SourceKind::kInstitution:
      return "#ccfbf1";
    case SourceKind::kOutlet:
      return "#ffedd5";
    case SourceKind::kDocument:
      return "#e5e7eb";
    case SourceKind::kUnspecified:
      return "#fce7f3";
  }
  return "#e5e7eb";
}

Span ClampSpan(Span s, std::string_view text) {
  auto fix = [&](uint32_t p) {
    p = std::min<uint32_t>(p, static_cast<uint32_t>(text.size()));
    while (p > 0 && p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
    return p;
  };
  Span out{fix(s.begin), fix(s.end)};
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

// ---- The annotated article -------------------------------------------------------------

namespace {

constexpr SourceKind kAllKinds[] = {SourceKind::kPerson,      SourceKind::kOfficial,
                                    SourceKind::kAnonymous,   SourceKind::kState,
                                    SourceKind::kInstitution, SourceKind::kOutlet,
                                    SourceKind::kDocument,    SourceKind::kUnspecified};

const char* SeverityLabelAr(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "ملاحظة";
    case Severity::kWarning:
      return "تحذير";
    case Severity::kError:
      return "خطأ";
  }
  return "";
}

constexpr char kCss[] = R"css(
:root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--paper:#fff;--soft:#f9fafb;--accent:#1e3a8a;
--content:#fef3c7;--content2:#fde68a;--focus:#f59e0b}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;color:var(--ink);background:var(--paper);
font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Segoe UI","Tahoma","DejaVu Sans",sans-serif;line-height:1.6}
a{color:var(--accent)}
a:focus-visible,tr:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;inset-inline-start:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:9}
.skip:focus{inset-inline-start:1rem}
header.top{padding:1.25rem 2rem 1rem;border-bottom:4px solid var(--ink);background:var(--soft)}
.kicker{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.02em}
h1{margin:.25rem 0 .5rem;font-size:1.7rem;line-height:1.35}
h2{font-size:1.15rem;margin:0 0 .6rem;padding-bottom:.3rem;border-bottom:2px solid var(--ink)}
h2 small,th small,.en{font-weight:400;color:var(--muted);font-size:.78em}
.meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.25rem 0 .75rem;font-size:.9rem}
.meta div{display:flex;gap:.4rem}.meta dt{color:var(--muted)}.meta dd{margin:0;font-weight:600}
.figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:.5rem 0;padding:0;list-style:none}
.figures li{border:1px solid var(--line);background:#fff;border-radius:6px;padding:.35rem .75rem;min-width:9rem}
.figures b{display:block;font-size:1.25rem;line-height:1.3}
.figures span{font-size:.8rem;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.35rem .9rem;margin:.6rem 0 0;padding:0;list-style:none;font-size:.85rem;align-items:center}
.legend li{display:flex;gap:.35rem;align-items:center}
.sw{display:inline-block;padding:0 .35rem;border-radius:3px;line-height:1.5}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.1fr);gap:1.5rem;padding:1.25rem 2rem;align-items:start}
@media (max-width:1100px){.layout{grid-template-columns:1fr}}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.06rem;line-height:2.15;unicode-bidi:plaintext}
.text .bp{color:#6b7280}
.text .ttl{font-weight:700;font-size:1.12em}
.text .cr{color:var(--muted);font-style:italic}
.hl{border-radius:2px}
.c{background:var(--content)}
.c2{background:var(--content2)}
.q{font-weight:700;background:#fff;box-shadow:0 0 0 1.5px var(--ink)}
.s{border-bottom:3px solid var(--kc);background:var(--kt)}
.s.anon{border-bottom-style:dashed}
.r{text-decoration:underline wavy 1.5px #15803d;text-underline-offset:6px}
.v{border-bottom:3px double #c2410c}
.n{display:inline-block;min-width:1.45em;margin-inline-end:.2em;padding:0 .3em;border-radius:1em;
background:var(--ink);color:#fff;font:700 .72rem/1.55 "DejaVu Sans",sans-serif;text-align:center;text-decoration:none;vertical-align:.35em}
.n.sev-warning{background:#92400e}.n.sev-error{background:#b91c1c}
.anon-mark{display:inline-block;margin-inline-start:.15em;padding:0 .3em;border:1px solid #b91c1c;border-radius:3px;
color:#b91c1c;background:#fff;font-size:.68rem;font-weight:700;line-height:1.5;vertical-align:.3em}
.ctl{font:700 .72rem/1 "DejaVu Sans Mono",monospace;color:#fff;background:#7f1d1d;padding:0 .2em;border-radius:2px;unicode-bidi:isolate;direction:ltr}
.side{min-width:0;position:sticky;top:0;max-height:100vh;overflow:auto}
.side .table-wrap{overflow:visible}
@media (max-width:1100px){.side{position:static;max-height:none;overflow:visible}.side .table-wrap{overflow-x:auto}}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.84rem;line-height:1.45}
caption{text-align:start;padding:.4rem .6rem;color:var(--muted);font-size:.8rem;caption-side:bottom}
th,td{padding:.4rem .45rem;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
thead th{position:sticky;top:0;background:var(--ink);color:#fff;font-weight:600;z-index:1}
thead th small{color:#d1d5db}
tbody tr:nth-child(even){background:var(--soft)}
tbody tr:target,tbody tr.hot{background:#fef9c3;outline:2px solid var(--focus)}
table.attrs .w-cue{width:17%}table.attrs .w-src{width:27%}table.attrs .w-kind{width:22%}
table.attrs td a.tag{display:block;margin:0 0 .2rem;text-align:center;text-decoration:none}
table.attrs td.num{min-width:0}
.src{font-weight:600}
tr.anon-row td.num a{background:#b91c1c}
td.num a{display:inline-block;min-width:1.7em;text-align:center;font-weight:700;border-radius:1em;background:var(--ink);color:#fff;text-decoration:none}
.chip{display:inline-block;padding:0 .4em;border-radius:3px;border-inline-start:4px solid var(--kc);background:var(--kt);white-space:nowrap}
.tag{display:inline-block;padding:0 .35em;border-radius:3px;font-size:.78rem;font-weight:700;white-space:nowrap}
.tag.anon{color:#b91c1c;border:1px solid #b91c1c}
.tag.sev-info{background:#e0f2fe;color:#075985}.tag.sev-warning{background:#fef3c7;color:#92400e}.tag.sev-error{background:#fee2e2;color:#991b1b}
.muted{color:var(--muted)}
.mono{font-family:"DejaVu Sans Mono",monospace;font-size:.78rem;direction:ltr;unicode-bidi:isolate}
.quote{display:block;color:var(--muted);font-size:.8rem}
.block{padding:0 2rem 1.25rem}
.block ol,.block ul{padding-inline-start:1.4rem}
.block li{margin:.35rem 0}
.dispute{border-inline-start:4px solid #b91c1c;padding:.3rem .75rem;background:var(--soft);margin:.5rem 0}
footer{padding:1rem 2rem 2rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line)}
@media print{
 @page{margin:14mm}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 body{font-size:11pt}
 .skip{display:none}
 header.top{background:none;padding:0 0 .5rem}
 .layout{display:block;padding:0}
 .side{margin-top:1rem;position:static;max-height:none;overflow:visible}
 .table-wrap{overflow:visible;border:0}
 thead th{position:static}
 tr{break-inside:avoid}
 .block{padding:0}
 a{text-decoration:none;color:inherit}
 h2{break-after:avoid}
}
)css";

enum MarkRole : uint8_t { kContent, kCue, kSource, kReason, kVia };

struct Mark {
  uint32_t b, e;
  int attr;  // 0-based
  MarkRole role;
};

struct FindingIndex {
  std::vector<std::vector<int>> by_attr;  // finding indexes per attribution
  std::vector<int> worst;                 // worst severity per attribution, -1 none
};

FindingIndex IndexFindings(const Analysis& a, const std::vector<Finding>* f) {
  FindingIndex x;
  x.by_attr.resize(a.attributions.size());
  x.worst.assign(a.attributions.size(), -1);
  if (!f) return x;
  for (size_t k = 0; k < f->size(); ++k) {
    int i = (*f)[k].attribution;
    if (i < 0 || static_cast<size_t>(i) >= a.attributions.size()) continue;
    x.by_attr[i].push_back(static_cast<int>(k));
    x.worst[i] = std::max(x.worst[i], static_cast<int>((*f)[k].severity));
  }
  return x;
}

std::string SourceWritten(const Attribution& t) {
  if (!t.source.mention.empty()) return t.source.text;
  return {};
}

class ArticleHtml {
 public:
  ArticleHtml(const Analysis& a, const ArticleReportOptions& opt, std::ostream& out)
      : a_(a), opt_(opt), out_(out), cp_(a.doc.text), fi_(IndexFindings(a, opt.findings)) {}

  void Write() {
    const Document& d = a_.doc;
    std::string title = d.title.empty() ? d.id : d.title;
    out_ << "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
         << "<meta name=\"generator\" content=\"isnad\">\n"
         << "<title>" << Esc(OneLine(title, 120)) << " — إسناد</title>\n<style>" << kCss;
    WriteLinkCss();
    out_ << "</style>\n</head>\n<body>\n"
         << "<a class=\"skip\" href=\"#attributions\">انتقل إلى جدول الإسنادات</a>\n";
    WriteHeader(title);
    out_ << "<main class=\"layout\">\n";
    WriteText();
    WriteTable();
    out_ << "</main>\n";
    WriteDisputes();
    WriteFindings();
    out_ << "<footer>";
    out_ << "أُعدّ هذا التقرير آليًا: كل إسناد يشير إلى موضعه في النص الأصلي ويذكر القاعدة التي "
            "وجدته ودرجة الثقة، فراجِعه قبل الاعتماد عليه. "
            "<span class=\"en\" lang=\"en\" dir=\"ltr\">Machine-made: every attribution points "
            "into the original text and names the rule that found it; review before relying "
            "on it.</span>";
    if (!opt_.generator.empty())
      out_ << " <span class=\"mono\">" << Esc(opt_.generator) << "</span>";
    out_ << "</footer>\n</body>\n</html>\n";
  }

 private:
  // Hover and target linking between the text, the badges and the table rows, in CSS.
  void WriteLinkCss() {
    size_t n = std::min<size_t>(a_.attributions.size(), 2000);
    for (size_t i = 1; i <= n; ++i) {
      std::string k = std::to_string(i);
      out_ << "body:has(#row-" << k << ":hover,#row-" << k << ":target,#attr-" << k
           << ":target,.text [data-a~=\"" << k << "\"]:hover) :is(.text [data-a~=\"" << k
           << "\"],#attr-" << k << "){outline:2px solid var(--focus)}\n";
      out_ << "body:has(.text [data-a~=\"" << k << "\"]:hover) #row-" << k
           << "{background:#fef9c3}\n";
    }
    for (SourceKind k : kAllKinds)
      out_ << ".k-" << SourceKindName(k) << "{--kc:" << SourceKindColor(k)
           << ";--kt:" << SourceKindTint(k) << "}\n";
  }

  void WriteHeader(const std::string& title) {
    const Document& d = a_.doc;
    out_ << "<header class=\"top\">\n<p class=\"kicker\">إسناد · المقال المُعلَّم للتحقق "
            "<span class=\"en\" lang=\"en\" dir=\"ltr\">isnad · annotated article</span></p>\n"
         << "<h1>" << Esc(OneLine(title)) << "</h1>\n<dl class=\"meta\">";
    auto item = [&](const char* label, const std::string& value, bool mono = false) {
      if (value.empty()) return;
      out_ << "<div><dt>" << label << "</dt><dd" << (mono ? " class=\"mono\"" : "") << ">"
           << Esc(OneLine(value, 200)) << "</dd></div>";
    };
    item("الوسيلة:", d.outlet);
    item("التاريخ:", d.date);
    item("المعرّف:", d.id, true);
    if (!d.credits.empty()) {
      std::string c;
      for (size_t i = 0; i < d.credits.size(); ++i) c += (i ? "، " : "") + d.credits[i];
      item("المصادر المعلنة:", c);
    }
    if (!d.url.empty()) {
      bool web = d.url.rfind("http://", 0) == 0 || d.url.rfind("https://", 0) == 0;
      out_ << "<div><dt>الرابط:</dt><dd class=\"mono\">";
      if (web)
        out_ << "<a href=\"" << Esc(d.url) << "\" rel=\"noreferrer noopener\">"
             << Esc(OneLine(d.url, 80)) << "</a>";
      else
        out_ << Esc(OneLine(d.url, 80));
      out_ << "</dd></div>";
    }
    out_ << "</dl>\n";

    int64_t n = static_cast<int64_t>(a_.attributions.size()), anon = 0, named = 0, via = 0,
            direct = 0;
    for (const Attribution& t : a_.attributions) {
      anon += t.source.anonymous;
      named += t.source.identification == Identification::kNamed && !t.source.anonymous;
      via += !t.via.empty();
      direct += t.form != Form::kIndirect;
    }
    out_ << "<ul class=\"figures\" aria-label=\"أرقام المقال\">\n";
    out_ << "<li><b>" << n << "</b><span>إسنادًا في المقال <span class=\"en\" lang=\"en\">"
         << "attributions</span></span></li>\n";
    auto fig = [&](int64_t v, const char* ar, const char* en) {
      out_ << "<li><b>" << v << " / " << n << " <small>(" << Pct(v, n) << ")</small></b><span>"
           << ar << " <span class=\"en\" lang=\"en\">" << en << "</span></span></li>\n";
    };
    fig(anon, "مصادرها مجهولة", "anonymous");
    fig(named, "مصادرها مسمّاة", "named");
    fig(via, "منقولة عبر وسيط", "through an intermediary");
    fig(direct, "باقتباس مباشر", "quoted directly");
    out_ << "<li><b>" << a_.disputes.size()
         << "</b><span>خلافات صريحة <span class=\"en\" "
            "lang=\"en\">disputes</span></span></li>\n";
    if (opt_.findings) {
      std::array<int, 3> s{};
      for (const Finding& f : *opt_.findings) ++s[static_cast<size_t>(f.severity)];
      out_ << "<li><b><a href=\"#findings\">" << opt_.findings->size()
           << "</a></b><span>ملاحظات التدقيق: " << s[2] << " خطأ، " << s[1] << " تحذير، " << s[0]
           << " ملاحظة</span></li>\n";
    }
    out_ << "</ul>\n";

    out_ << "<ul class=\"legend\" aria-label=\"مفتاح الألوان\">\n"
         << "<li><span class=\"sw q\">قال</span> عبارة الإسناد</li>\n"
         << "<li><span class=\"sw c\">… المضمون …</span> المضمون</li>\n"
         << "<li><span class=\"sw c2\">… مضمون داخل مضمون …</span> مضمون متداخل</li>\n"
         << "<li><span class=\"n\">3</span> رقم الإسناد في الجدول</li>\n"
         << "<li><span class=\"sw s anon k-anonymous\">مصدر مطلع</span><span "
            "class=\"anon-mark\">مجهول</span> مصدر مجهول (خط متقطع)</li>\n"
         << "<li><span class=\"sw r\">طلب عدم الكشف عن هويته</span> سبب إخفاء الهوية</li>\n"
         << "<li><span class=\"sw v\">الوكالة</span> وسيط النقل</li>\n";
    out_ << "<li>أنواع المصادر:</li>\n";
    for (SourceKind k : kAllKinds)
      out_ << "<li><span class=\"sw s k-" << SourceKindName(k) << "\">" << SourceKindLabelAr(k)
           << "</span></li>\n";
    out_ << "</ul>\n</header>\n";
  }

  std::vector<Mark> CollectMarks() const {
    std::vector<Mark> marks;
    const std::string& text = a_.doc.text;
    for (size_t i = 0; i < a_.attributions.size(); ++i) {
      const Attribution& t = a_.attributions[i];
      int ai = static_cast<int>(i);
      auto add = [&](Span s, MarkRole r) {
        s = ClampSpan(s, text);
        if (!s.empty()) marks.push_back({s.begin, s.end, ai, r});
      };
      add(t.content, kContent);
      add(t.cue, kCue);
      add(t.source.mention, kSource);
      add(t.source.reason, kReason);
      for (const Span& v : t.via_spans) add(v, kVia);
    }
    return marks;
  }

  void WriteText() {
    const Document& d = a_.doc;
    const std::string& text = d.text;
    std::vector<Mark> marks = CollectMarks();
    Span body = ClampSpan(d.body, text), ttl = ClampSpan(d.title_span, text),
         cr = ClampSpan(d.credits_span, text);
    if (body.empty()) body = Span{0, static_cast<uint32_t>(text.size())};

    // Where each attribution's badge goes: the earliest start of any of its spans.
    const size_t na = a_.attributions.size();
    std::vector<uint32_t> first(na, UINT32_MAX), src_end(na, UINT32_MAX);
    for (const Mark& m : marks) first[m.attr] = std::min(first[m.attr], m.b);
    for (size_t i = 0; i < na; ++i) {
      if (first[i] == UINT32_MAX) first[i] = ClampSpan(a_.attributions[i].cue, text).begin;
      Span sm = ClampSpan(a_.attributions[i].source.mention, text);
      if (a_.attributions[i].source.anonymous && !sm.empty()) src_end[i] = sm.end;
    }
    std::set<uint32_t> cuts = {0, static_cast<uint32_t>(text.size()), body.begin, body.end};
    for (Span s : {ttl, cr})
      if (!s.empty()) cuts.insert({s.begin, s.end});
    for (const Mark& m : marks) cuts.insert({m.b, m.e});
    for (uint32_t f : first) cuts.insert(f);
    std::multimap<uint32_t, size_t> badges_at, anon_at;
    for (size_t i = 0; i < na; ++i) {
      badges_at.emplace(first[i], i);
      if (src_end[i] != UINT32_MAX) anon_at.emplace(src_end[i], i);
    }

    out_ << "<section class=\"article\" aria-labelledby=\"h-text\">\n<h2 id=\"h-text\">النص "
            "الأصلي <small lang=\"en\">original text, every attribution marked</small></h2>\n"
         << "<div class=\"text\" lang=\"ar\" dir=\"rtl\">";
    std::vector<uint32_t> pts(cuts.begin(), cuts.end());
    std::sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) { return x.b < y.b; });
    std::string buf;
    size_t next_mark = 0;
    std::vector<const Mark*> active;  // marks that have begun and not ended
    for (size_t k = 0; k < pts.size(); ++k) {
      uint32_t p = pts[k];
      for (auto [it, end] = badges_at.equal_range(p); it != end; ++it) WriteBadge(it->second);
      if (k + 1 >= pts.size()) break;
      uint32_t q = pts[k + 1];
      // Every mark covering [p, q): segments never straddle a mark boundary.
      while (next_mark < marks.size() && marks[next_mark].b <= p)
        active.push_back(&marks[next_mark++]);
      std::erase_if(active, [p](const Mark* m) { return m->e <= p; });
      std::vector<const Mark*> cov = active;
      std::sort(cov.begin(), cov.end(), [](const Mark* x, const Mark* y) {
        return x->attr != y->attr ? x->attr < y->attr : x->role < y->role;
      });
      std::string cls;
      if (p < body.begin || p >= body.end) cls += " bp";
      if (!ttl.empty() && p >= ttl.begin && q <= ttl.end) cls += " ttl";
      if (!cr.empty() && p >= cr.begin && q <= cr.end) cls += " cr";
      std::string data, tip;
      if (!cov.empty()) {
        int contents = 0;
        bool cue = false, reason = false, via = false;
        const Mark* src = nullptr;
        std::set<int> attrs;
        for (const Mark* m : cov) {
          attrs.insert(m->attr);
          contents += m->role == kContent;
          cue |= m->role == kCue;
          reason |= m->role == kReason;
          via |= m->role == kVia;
          if (m->role == kSource && !src) src = m;
        }
        cls += " hl";
        if (contents) cls += contents > 1 ? " c c2" : " c";
        if (cue) cls += " q";
        if (src) {
          const Source& s = a_.attributions[src->attr].source;
          cls += std::string(" s k-") + SourceKindName(s.kind);
          if (s.anonymous) cls += " anon";
        }
        if (reason) cls += " r";
        if (via) cls += " v";
        for (int x : attrs) data += (data.empty() ? "" : " ") + std::to_string(x + 1);
        for (const Mark* m : cov) {
          if (!tip.empty()) tip += " · ";
          tip += "[" + std::to_string(m->attr + 1) + "] ";
          switch (m->role) {
            case kContent:
              tip += "المضمون";
              break;
            case kCue:
              tip += "عبارة الإسناد";
              break;
            case kSource:
              tip +=
                  std::string("المصدر: ") + SourceKindLabelAr(a_.attributions[m->attr].source.kind);
              if (a_.attributions[m->attr].source.anonymous) tip += "، مجهول";
              break;
            case kReason:
              tip += "سبب إخفاء الهوية";
              break;
            case kVia:
              tip += "وسيط النقل";
              break;
          }
        }
      }
      std::string_view seg(text.data() + p, q - p);
      if (cls.empty()) {
        buf.clear();
        AppendEscaped(&buf, seg, true);
        out_ << buf;
      } else {
        out_ << "<span class=\"" << cls.substr(1) << "\"";
        if (!data.empty()) out_ << " data-a=\"" << data << "\" title=\"" << Esc(tip) << "\"";
        out_ << ">";
        buf.clear();
        AppendEscaped(&buf, seg, true);
        out_ << buf << "</span>";
      }
      for (auto [it, end] = anon_at.equal_range(q); it != end; ++it)
        out_ << "<span class=\"anon-mark\" title=\"مصدر مجهول — anonymous source\">مجهول</span>";
    }
    out_ << "</div>\n</section>\n";
  }

  void WriteBadge(size_t i) {
    std::string n = std::to_string(i + 1);
    std::string cls = "n";
    if (fi_.worst[i] == static_cast<int>(Severity::kError))
      cls += " sev-error";
    else if (fi_.worst[i] == static_cast<int>(Severity::kWarning))
      cls += " sev-warning";
    out_ << "<a class=\"" << cls << "\" id=\"attr-" << n << "\" href=\"#row-" << n << "\" data-a=\""
         << n << "\" title=\"الإسناد " << n << " في الجدول\" aria-label=\"الإسناد " << n << "\">"
         << n << "</a>";
  }

  void WriteTable() {
    const std::string& text = a_.doc.text;
    out_
        << "<section class=\"side\" id=\"attributions\" aria-labelledby=\"h-table\">\n"
        << "<h2 id=\"h-table\">الإسنادات <small lang=\"en\">attributions</small></h2>\n"
        << "<div class=\"table-wrap\">\n<table class=\"attrs\">\n<caption>"
        << a_.attributions.size()
        << " إسنادًا. رقم الصف يقود إلى موضع الإسناد في النص، ورقم النص يعود إلى الصف."
           "</caption>\n<thead><tr>"
        << "<th scope=\"col\">#</th>"
        << "<th scope=\"col\" class=\"w-cue\">العبارة <small>cue</small><br>الموقف · الصيغة "
           "<small>stance · "
           "form</small></th>"
        << "<th scope=\"col\" class=\"w-src\">المصدر كما ورد ← بعد الحل <small>source as written → "
           "resolved</small></th>"
        << "<th scope=\"col\" class=\"w-kind\">النوع والهوية <small>kind, anonymity, "
           "reason</small></th>"
        << "<th scope=\"col\">سلسلة النقل <small>chain</small></th>"
        << "<th scope=\"col\">القاعدة · الثقة <small>rule · confidence</small></th>";
    if (opt_.findings) out_ << "<th scope=\"col\">التدقيق <small>audit</small></th>";
    out_ << "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < a_.attributions.size(); ++i) {
      const Attribution& t = a_.attributions[i];
      const Source& s = t.source;
      std::string n = std::to_string(i + 1);
      out_ << "<tr id=\"row-" << n << "\"" << (s.anonymous ? " class=\"anon-row\"" : "") << ">";
      out_ << "<td class=\"num\"><a href=\"#attr-" << n << "\" aria-label=\"الإسناد " << n
           << " في النص\">" << n << "</a></td>";
      // Cue, stance and form.
      out_ << "<td><b class=\"cue\">" << Esc(OneLine(t.cue_text, 40)) << "</b>";
      if (!t.cue_lemma.empty() && NormalizeLemma(t.cue_lemma) != NormalizeLemma(t.cue_text))
        out_ << " <span class=\"muted\">(" << Esc(OneLine(t.cue_lemma, 30)) << ")</span>";
      out_ << "<span class=\"quote\">" << StanceLabelAr(t.stance) << " · " << FormLabelAr(t.form)
           << "</span></td>";
      // Source as written, then as resolved.
      out_ << "<td>";
      std::string written = SourceWritten(t);
      if (!written.empty())
        out_ << "<span class=\"src\">" << Esc(OneLine(written, 80)) << "</span>";
      else if (s.resolved.empty())
        out_ << "<span class=\"muted\">— بلا فاعل —</span>";
      else
        out_ << "<span class=\"muted\">— غير مذكور —</span>";
      if (!s.resolved.empty() && s.resolved != written)
        out_ << "<span class=\"quote\">← " << Esc(OneLine(s.resolved, 80)) << "</span>";
      if (!s.entity.name_en.empty())
        out_ << "<span class=\"quote en\" lang=\"en\" dir=\"ltr\">"
             << Esc(OneLine(s.entity.name_en, 60))
             << (s.country.empty() ? "" : " · " + Esc(s.country)) << "</span>";
      else if (!s.country.empty())
        out_ << "<span class=\"quote en\" dir=\"ltr\">" << Esc(s.country) << "</span>";
      if (!s.title.empty() && s.title != written)
        out_ << "<span class=\"quote\">الصفة: " << Esc(OneLine(s.title, 60)) << "</span>";
      if (s.antecedent >= 0 && static_cast<size_t>(s.antecedent) < a_.attributions.size())
        out_ << "<span class=\"quote\">يعود إلى <a href=\"#row-" << s.antecedent + 1 << "\">["
             << s.antecedent + 1 << "]</a></span>";
      out_ << "</td>";
      // Kind, anonymity and reason.
      out_ << "<td><span class=\"chip k-" << SourceKindName(s.kind) << "\">"
           << SourceKindLabelAr(s.kind) << "</span>";
      if (s.anonymous) out_ << " <span class=\"tag anon\">مجهول</span>";
      out_ << "<span class=\"quote\">تعريف " << IdentificationLabelAr(s.identification)
           << "</span>";
      Span reason = ClampSpan(s.reason, text);
      if (!reason.empty())
        out_ << "<span class=\"quote\">السبب: «" << Esc(OneLine(reason.In(text), 120))
             << "»</span>";
      else if (s.anonymous)
        out_ << "<span class=\"quote\">لا سبب مذكورًا للإخفاء</span>";
      out_ << "</td>";
      // Chain.
      out_ << "<td>";
      if (t.via.empty()) {
        out_ << "<span class=\"muted\">—</span>";
      } else {
        for (size_t k = 0; k < t.via.size(); ++k)
          out_ << (k ? " › " : "عبر ") << Esc(OneLine(t.via[k], 60));
      }
      out_ << "</td>";
      out_ << "<td><span class=\"mono\">" << Esc(t.rule) << "</span><span class=\"quote\">"
           << Fixed2(t.confidence) << "</span></td>";
      if (opt_.findings) {
        out_ << "<td>";
        for (int k : fi_.by_attr[i]) {
          const Finding& f = (*opt_.findings)[k];
          out_ << "<a class=\"tag sev-" << SeverityName(f.severity) << "\" href=\"#finding-"
               << k + 1 << "\" title=\"" << Esc(f.message_ar) << "\">"
               << SeverityLabelAr(f.severity) << "</a> ";
        }
        out_ << "</td>";
      }
      out_ << "</tr>\n";
    }
    if (a_.attributions.empty())
      out_ << "<tr><td colspan=\"7\">لم يجد المحلل أي إسناد في هذا النص.</td></tr>\n";
    out_ << "</tbody>\n</table>\n</div>\n</section>\n";
  }

  static std::string NormalizeLemma(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
      int len = 1;
      char32_t c = SafeDecode(s, i, &len);
      i += len;
      if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) continue;
      utf8::Append(c, &out);
    }
    if (out.rfind("\xD9\x88", 0) == 0 && out.size() > 4) out.erase(0, 2);  // و
    return out;
  }

  std::string AttrLink(int i) const {
    if (i < 0 || static_cast<size_t>(i) >= a_.attributions.size()) return "";
    std::string n = std::to_string(i + 1);
    return "<a href=\"#row-" + n + "\">[" + n + "]</a>";
  }

  void WriteDisputes() {
    const std::string& text = a_.doc.text;
    out_ << "<section class=\"block\" id=\"disputes\" aria-labelledby=\"h-disputes\">\n"
         << "<h2 id=\"h-disputes\">الخلافات والادعاءات المتنازع عليها <small lang=\"en\">disputes "
            "and contested claims</small></h2>\n";
    if (a_.disputes.empty()) {
      out_ << "<p class=\"muted\">لم يرصد المحلل خلافًا صريحًا بين أطراف هذا المقال. <span "
              "class=\"en\" lang=\"en\">No explicit dispute found.</span></p>\n";
    } else {
      out_ << "<ol>\n";
      for (size_t i = 0; i < a_.disputes.size(); ++i) {
        const Dispute& ds = a_.disputes[i];
        out_ << "<li class=\"dispute\" id=\"dispute-" << i + 1 << "\"><b>"
             << Esc(OneLine(ds.by.empty() ? "طرف غير محدد" : ds.by, 80)) << "</b> ينازع <b>"
             << Esc(OneLine(ds.against.empty() ? "طرفًا غير مسمّى" : ds.against, 80)) << "</b>";
        if (!ds.about.empty()) out_ << " في: «" << Esc(OneLine(ds.about, 160)) << "»";
        std::string link = AttrLink(ds.attribution);
        if (!link.empty()) out_ << " — الإسناد " << link;
        Span ev = ClampSpan(ds.evidence, text);
        if (!ev.empty())
          out_ << "<span class=\"quote\">الدليل: «" << Esc(OneLine(ev.In(text), 300)) << "»</span>";
        if (!ds.targets.empty()) {
          out_ << "<span class=\"quote\">الادعاءات المتنازع عليها:";
          for (int t : ds.targets) {
            std::string l = AttrLink(t);
            if (l.empty()) continue;
            out_ << " " << l << " «" << Esc(OneLine(a_.attributions[t].content_text, 100)) << "»";
          }
          out_ << "</span>";
        }
        if (!ds.rule.empty()) out_ << "<span class=\"quote mono\">" << Esc(ds.rule) << "</span>";
        out_ << "</li>\n";
      }
      out_ << "</ol>\n";
    }
    // Attributions that deny or accuse without a recognized dispute are still worth a look.
    std::vector<size_t> denials;
    for (size_t i = 0; i < a_.attributions.size(); ++i) {
      const Attribution& t = a_.attributions[i];
      if (t.stance != Stance::kDeny && t.stance != Stance::kAccuse) continue;
      bool covered = false;
      for (const Dispute& ds : a_.disputes) covered |= ds.attribution == static_cast<int>(i);
      if (!covered) denials.push_back(i);
    }
    if (!denials.empty()) {
      out_ << "<p>إسنادات بصيغة نفي أو اتهام لم يُحدَّد الطرف المقابل فيها:</p>\n<ul>\n";
      for (size_t i : denials) {
        const Attribution& t = a_.attributions[i];
        out_ << "<li>" << AttrLink(static_cast<int>(i)) << " "
             << Esc(OneLine(t.source.resolved.empty() ? t.source.text : t.source.resolved, 80))
             << " — " << StanceLabelAr(t.stance) << ": «" << Esc(OneLine(t.content_text, 140))
             << "»</li>\n";
      }
      out_ << "</ul>\n";
    }
    out_ << "</section>\n";
  }

  void WriteFindings() {
    if (!opt_.findings) return;
    const std::string& text = a_.doc.text;
    out_ << "<section class=\"block\" id=\"findings\" aria-labelledby=\"h-findings\">\n"
         << "<h2 id=\"h-findings\">تدقيق المصادر المجهولة <small lang=\"en\">anonymous-sourcing "
            "audit</small></h2>\n";
    if (opt_.findings->empty()) {
      out_ << "<p class=\"muted\">لا ملاحظات. <span class=\"en\" lang=\"en\">No findings.</span>"
              "</p>\n</section>\n";
      return;
    }
    out_ << "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">#</th>"
            "<th scope=\"col\">الدرجة<br><small>severity</small></th>"
            "<th scope=\"col\">الملاحظة<br><small>finding</small></th>"
            "<th scope=\"col\">الإسناد<br><small>attribution</small></th>"
            "<th scope=\"col\">الموضع<br><small>where</small></th></tr></thead>\n<tbody>\n";
    for (size_t k = 0; k < opt_.findings->size(); ++k) {
      const Finding& f = (*opt_.findings)[k];
      Span s = ClampSpan(f.span, text);
      out_ << "<tr id=\"finding-" << k + 1 << "\"><td>" << k + 1
           << "</td><td><span class=\"tag sev-" << SeverityName(f.severity) << "\">"
           << SeverityLabelAr(f.severity) << "</span><span class=\"quote mono\">"
           << FindingKindName(f.kind) << "</span></td><td>" << Esc(f.message_ar)
           << "<span class=\"quote en\" lang=\"en\" dir=\"ltr\">" << Esc(f.message_en)
           << "</span></td><td>" << AttrLink(f.attribution) << "</td><td>«"
           << Esc(OneLine(s.In(text), 80)) << "»<span class=\"quote mono\">"
           << cp_.ToCodePoint(s.begin) << "–" << cp_.ToCodePoint(s.end) << "</span></td></tr>\n";
    }
    out_ << "</tbody>\n</table></div>\n</section>\n";
  }

  const Analysis& a_;
  const ArticleReportOptions& opt_;
  std::ostream& out_;
  utf8::CodePointIndex cp_;
  FindingIndex fi_;
};

}  // namespace

void WriteArticleHtml(const Analysis& a, const ArticleReportOptions& opt, std::ostream& out) {
  ArticleHtml(a, opt, out).Write();
}

// ---- Markdown and CSV ------------------------------------------------------------------

void WriteArticleMarkdown(const Analysis& a, const ArticleReportOptions& opt, std::ostream& out) {
  const Document& d = a.doc;
  const std::string& text = d.text;
  utf8::CodePointIndex cp(text);
  out << "# " << MarkdownCell(d.title.empty() ? d.id : d.title) << "\n\n";
  if (!d.outlet.empty()) out << "- الوسيلة (outlet): " << MarkdownCell(d.outlet) << "\n";
  if (!d.date.empty()) out << "- التاريخ (date): " << MarkdownCell(d.date) << "\n";
  out << "- المعرّف (id): " << MarkdownCell(d.id) << "\n";
  if (!d.credits.empty()) {
    out << "- المصادر المعلنة (credits): ";
    for (size_t i = 0; i < d.credits.size(); ++i)
      out << (i ? "، " : "") << MarkdownCell(d.credits[i]);
    out << "\n";
  }
  int64_t n = static_cast<int64_t>(a.attributions.size()), anon = 0, via = 0;
  for (const Attribution& t : a.attributions) {
    anon += t.source.anonymous;
    via += !t.via.empty();
  }
  out << "- الإسنادات (attributions): " << n << "؛ مصادر مجهولة (anonymous): " << anon << " / " << n
      << " (" << Pct(anon, n) << ")؛ عبر وسيط (via): " << via << " / " << n << " (" << Pct(via, n)
      << ")؛ خلافات (disputes): " << a.disputes.size() << "\n\n";

  out << "## الإسنادات (attributions)\n\n";
  if (a.attributions.empty()) {
    out << "لم يجد المحلل أي إسناد في هذا النص.\n\n";
  } else {
    out << "| # | العبارة (cue) | المصدر كما ورد (as written) | المصدر بعد الحل (resolved) | "
           "النوع (kind) | مجهول (anonymous) | السبب (reason) | السلسلة (chain) | الموقف (stance) "
           "| "
           "الصيغة (form) | القاعدة (rule) | الثقة (confidence) | المضمون (content) |\n"
        << "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (size_t i = 0; i < a.attributions.size(); ++i) {
      const Attribution& t = a.attributions[i];
      const Source& s = t.source;
      std::string via_s;
      for (size_t k = 0; k < t.via.size(); ++k) via_s += (k ? " › " : "") + t.via[k];
      Span reason = ClampSpan(s.reason, text);
      out << "| " << i + 1 << " | " << MarkdownCell(t.cue_text) << " | "
          << (s.mention.empty() ? "—" : MarkdownCell(s.text)) << " | "
          << MarkdownCell(s.resolved.empty() ? s.text : s.resolved)
          << (s.entity.name_en.empty() ? "" : " (" + MarkdownCell(s.entity.name_en) + ")") << " | "
          << SourceKindLabelAr(s.kind) << " (" << SourceKindName(s.kind) << ") | "
          << (s.anonymous ? "نعم" : "لا") << " | "
          << (reason.empty() ? "—" : MarkdownCell(reason.In(text))) << " | "
          << (via_s.empty() ? "—" : MarkdownCell(via_s)) << " | " << StanceLabelAr(t.stance)
          << " | " << FormLabelAr(t.form) << " | " << MarkdownCell(t.rule) << " | "
          << Fixed2(t.confidence) << " | " << MarkdownCell(OneLine(t.content_text, 120)) << " |\n";
    }
    out << "\n";
  }
  out << "## الخلافات (disputes)\n\n";
  if (a.disputes.empty()) {
    out << "لم يرصد المحلل خلافًا صريحًا. (No explicit dispute found.)\n\n";
  } else {
    for (size_t i = 0; i < a.disputes.size(); ++i) {
      const Dispute& ds = a.disputes[i];
      out << i + 1 << ". **" << MarkdownCell(ds.by.empty() ? "?" : ds.by) << "** ينازع **"
          << MarkdownCell(ds.against.empty() ? "?" : ds.against) << "**";
      if (!ds.about.empty()) out << " في: «" << MarkdownCell(ds.about) << "»";
      if (ds.attribution >= 0) out << " — الإسناد " << ds.attribution + 1;
      if (!ds.targets.empty()) {
        out << "؛ الادعاءات المتنازع عليها:";
        for (int t : ds.targets) out << " " << t + 1;
      }
      out << "\n";
    }
    out << "\n";
  }
  if (opt.findings) {
    out << "## تدقيق المصادر المجهولة (audit)\n\n";
    if (opt.findings->empty()) {
      out << "لا ملاحظات. (No findings.)\n";
    } else {
      out << "| # | الدرجة (severity) | النوع (kind) | الإسناد | الموضع (code points) | الملاحظة | "
             "Finding |\n|---|---|---|---|---|---|---|\n";
      for (size_t k = 0; k < opt.findings->size(); ++k) {
        const Finding& f = (*opt.findings)[k];
        Span s = ClampSpan(f.span, text);
        out << "| " << k + 1 << " | " << SeverityName(f.severity) << " | `"
            << FindingKindName(f.kind) << "` | "
            << (f.attribution >= 0 ? std::to_string(f.attribution + 1) : "—") << " | "
            << cp.ToCodePoint(s.begin) << "–" << cp.ToCodePoint(s.end) << " | "
            << MarkdownCell(f.message_ar) << " | " << MarkdownCell(f.message_en) << " |\n";
      }
    }
  }
}

std::string ArticleAttributionsCsv(const Analysis& a) {
  const std::string& text = a.doc.text;
  utf8::CodePointIndex cp(text);
  std::ostringstream o;
  o << "n,cue,cue_start,cue_end,source,source_start,source_end,resolved,entity,kind,anonymous,"
       "identification,reason,via,stance,form,rule,confidence,content,content_start,content_end,"
       "antecedent\n";
  auto span = [&](Span s) {
    s = ClampSpan(s, text);
    if (s.empty()) return std::string(",");
    return std::to_string(cp.ToCodePoint(s.begin)) + "," + std::to_string(cp.ToCodePoint(s.end));
  };
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& t = a.attributions[i];
    const Source& s = t.source;
    std::string via;
    for (size_t k = 0; k < t.via.size(); ++k) via += (k ? " > " : "") + t.via[k];
    Span reason = ClampSpan(s.reason, text);
    o << i + 1 << "," << CsvText(t.cue_text) << "," << span(t.cue) << ","
      << CsvText(s.mention.empty() ? "" : s.text) << "," << span(s.mention) << ","
      << CsvText(s.resolved) << "," << CsvText(s.entity.id) << "," << SourceKindName(s.kind) << ","
      << (s.anonymous ? "true" : "false") << "," << IdentificationName(s.identification) << ","
      << CsvText(reason.In(text)) << "," << CsvText(via) << "," << StanceName(t.stance) << ","
      << FormName(t.form) << "," << CsvText(t.rule) << "," << Fixed2(t.confidence) << ","
      << CsvText(t.content_text) << "," << span(t.content) << ","
      << (s.antecedent >= 0 ? std::to_string(s.antecedent + 1) : "") << "\n";
  }
  return o.str();
}

std::string ArticleDisputesCsv(const Analysis& a) {
  const std::string& text = a.doc.text;
  std::ostringstream o;
  o << "n,by,against,by_entity,against_entity,about,cue,attribution,targets,rule,evidence\n";
  for (size_t i = 0; i < a.disputes.size(); ++i) {
    const Dispute& d = a.disputes[i];
    std::string targets;
    for (int t : d.targets) targets += (targets.empty() ? "" : " ") + std::to_string(t + 1);
    o << i + 1 << "," << CsvText(d.by) << "," << CsvText(d.against) << "," << CsvText(d.by_entity)
      << "," << CsvText(d.against_entity) << "," << CsvText(d.about) << "," << CsvText(d.cue_text)
      << "," << (d.attribution >= 0 ? std::to_string(d.attribution + 1) : "") << "," << targets
      << "," << CsvText(d.rule) << "," << CsvText(ClampSpan(d.evidence, text).In(text)) << "\n";
  }
  return o.str();
}

std::string ArticleFindingsCsv(const Analysis& a, const std::vector<Finding>& findings) {
  const std::string& text = a.doc.text;
  utf8::CodePointIndex cp(text);
  std::ostringstream o;
  o << "kind,severity,start,end,text,attribution,message_ar,message_en\n";
  for (const Finding& f : findings) {
    Span s = ClampSpan(f.span, text);
    o << FindingKindName(f.kind) << "," << SeverityName(f.severity) << ","
      << cp.ToCodePoint(s.begin) << "," << cp.ToCodePoint(s.end) << "," << CsvText(s.In(text))
      << "," << (f.attribution >= 0 ? std::to_string(f.attribution + 1) : "") << ","
      << CsvText(f.message_ar) << "," << CsvText(f.message_en) << "\n";
  }
  return o.str();
}

}  // namespace isnad
