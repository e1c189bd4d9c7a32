// The fact-checker's annotated article: one self-contained, right-to-left HTML page showing
// the original text with every attribution highlighted, a table of the attributions beside
// it, the disputes and the audit findings; and the same table as Markdown and CSV.
//
//   isnad::Analysis a = analyzer.Analyze(doc);
//   std::vector<isnad::Finding> f = isnad::Audit(a, audit_rules);   // optional
//   isnad::ArticleReportOptions opt;
//   opt.findings = &f;
//   std::ofstream out("article.html");
//   isnad::WriteArticleHtml(a, opt, out);
//   isnad::WriteArticleMarkdown(a, opt, md);
//   std::string csv = isnad::ArticleAttributionsCsv(a);
//
// The page. The article text is rendered exactly as written (white space kept), split into
// segments at every span boundary; each segment carries the classes of every span that
// covers it (cue `q`, source `s` plus its kind `k-<kind>`, content `c`, nested content `c2`,
// stated reason `r`, intermediary `v`) and `data-a`, the numbers of the attributions it
// belongs to, so overlapping and nested attributions all stay visibly marked. Attribution N
// (1-based, as in `isnad analyze`) starts with a numbered badge `<a id="attr-N"
// href="#row-N">`; its table row is `<tr id="row-N">` and links back. Anonymous sources are
// marked with a word badge («مجهول»), not colour alone. No external assets, no JavaScript,
// a Content-Security-Policy that forbids scripts; print styles; keyboard focus is visible.
//
// Untrusted text. Everything from the article or the analysis is HTML-escaped (& < > " ')
// and bidi embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) are replaced
// by visible markers, so article text can neither inject markup nor reorder the page around
// its element. Invalid spans (past the text, reversed, inside a UTF-8 sequence) are clamped
// to the text and to code point boundaries; they never crash the renderer.
//
// Threads: every function here is pure and may be called concurrently.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analysis.h"
#include "reports/audit.h"

namespace isnad {

struct ArticleReportOptions {
  // Audit findings to show beside the attributions (Audit(a, rules)); nullptr: none shown.
  const std::vector<Finding>* findings = nullptr;
  // Printed in the footer ("isnad 0.1.0"); empty: no generator line (golden files).
  std::string generator;
};

// The annotated article as one HTML document.
void WriteArticleHtml(const Analysis& a, const ArticleReportOptions& opt, std::ostream& out);

// The header, the attribution table, the disputes and the findings as GitHub Markdown.
void WriteArticleMarkdown(const Analysis& a, const ArticleReportOptions& opt, std::ostream& out);

// CSV (RFC 4180 quoting, LF line ends, UTF-8 without BOM, header row, offsets in code points), one
// row per attribution:
// n,cue,cue_start,cue_end,source,source_start,source_end,resolved,entity,kind,anonymous,
// identification,reason,via,stance,form,rule,confidence,content,content_start,content_end,
// antecedent.
std::string ArticleAttributionsCsv(const Analysis& a);
// One row per dispute: n,by,against,by_entity,against_entity,about,cue,attribution,targets,
// rule,evidence (attribution numbers 1-based).
std::string ArticleDisputesCsv(const Analysis& a);
// One row per finding: kind,severity,start,end,text,attribution,message_ar,message_en.
std::string ArticleFindingsCsv(const Analysis& a, const std::vector<Finding>& findings);

// ---- Text helpers shared by the reports -------------------------------------------------

// Escapes & < > " ' for HTML text and attribute values, and neutralizes bidi controls
// (see NeutralizeBidi). Precondition: valid UTF-8.
std::string HtmlEscape(std::string_view s);
// Replaces every bidi embedding, override and isolate control (U+202A-U+202E,
// U+2066-U+2069) by a visible marker such as "[U+202E]". Other text is unchanged.
std::string NeutralizeBidi(std::string_view s);
// For one-line output (tables, messages): bidi controls removed, newlines, tabs and other
// control characters turned into spaces, runs of spaces collapsed, and clipped to
// `max_code_points` with "…" (0: no limit).
std::string OneLine(std::string_view s, size_t max_code_points = 0);
// A CSV field of article text: bidi controls made visible (NeutralizeBidi), then CsvField
// (base/csv.h: RFC 4180 quoting, spreadsheet formulas neutralized).
std::string CsvText(std::string_view s);
// A Markdown table cell: one line; | \ * _ ` [ ] # backslash-escaped, < > & as entities
// (so no raw HTML reaches a renderer).
std::string MarkdownCell(std::string_view s);

// Clamps a span to the text and moves both ends back to code point boundaries; a reversed
// span becomes empty.
Span ClampSpan(Span s, std::string_view text);

// Arabic labels for the reports.
const char* SourceKindLabelAr(SourceKind k);  // "مسؤول", "مصدر مجهول", ...
const char* StanceLabelAr(Stance s);          // "تأكيد", "نفي", ...
const char* FormLabelAr(Form f);              // "مباشر", "غير مباشر", "مختلط"
const char* IdentificationLabelAr(Identification i);
// The colour of a source kind: a strong tone for marks and charts (contrast >= 4.5:1 on
// white) and a light tint for highlighted text (black text on it >= 7:1).
const char* SourceKindColor(SourceKind k);
const char* SourceKindTint(SourceKind k);

}  // namespace isnad
