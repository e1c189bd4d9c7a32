// isnad report (the annotated article; the corpus report) and isnad audit.
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "cli/commands.h"
#include "isnad_version.h"
#include "reports/audit.h"
#include "reports/corpus_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"

namespace isnad::cli {
namespace {

namespace fs = std::filesystem;

std::string Generator() { return std::string("isnad ") + ISNAD_VERSION_STRING; }

bool WriteCsvDir(const std::string& dir,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "isnad report: cannot create directory " << dir << ": " << ec.message() << "\n";
    return false;
  }
  for (const auto& [name, text] : files)
    if (!WriteFileAtomically((fs::path(dir) / name).string(), "report", text)) return false;
  return true;
}

bool LoadAuditRules(const RuleSet& rules, AuditRules* out) {
  Result<AuditRules> ar = AuditRules::FromRuleSet(rules);
  if (!ar.ok()) {
    std::cerr << "isnad: rules: " << ar.error().ToString() << "\n";
    return false;
  }
  *out = std::move(ar).value();
  return true;
}

// ---- isnad report ------------------------------------------------------------------------

struct ReportArgs {
  std::vector<std::string> inputs;  // the article (a file, or a JSONL with --id)
  std::vector<std::string> corpus;
  std::string db;  // the corpus report of a store
  std::string id;
  std::string html, md, csv;
  std::string title;
  size_t top = 15;
  bool no_audit = false;
  RulesOption rules;
  size_t max_bytes = 8u << 20;
};

int RunArticleReport(const ReportArgs& args, const RuleSet& rules) {
  AuditRules audit_rules;
  if (!args.no_audit && !LoadAuditRules(rules, &audit_rules)) return kExitUsage;
  ReadOptions ropt;
  ropt.max_bytes = args.max_bytes;
  DocumentReader reader(ropt);
  for (const std::string& in : args.inputs) reader.Add(in);
  Document doc, chosen;
  size_t found = 0, failed = 0;
  while (reader.Next(&doc)) {
    if (!doc.error.ok()) {
      ++failed;
      if (!args.id.empty() && doc.id == args.id) {
        std::cerr << "isnad report: " << doc.error.ToString() << "\n";
        return kExitInputErrors;
      }
      continue;
    }
    if (!args.id.empty() && doc.id != args.id) continue;
    if (++found == 1) chosen = std::move(doc);
    if (found > 1 || !args.id.empty()) break;
    doc = Document();
  }
  size_t diag_errors = PrintDiagnostics(reader, "report");
  if (found == 0) {
    if (!args.id.empty())
      std::cerr << "isnad report: no article with id \"" << args.id << "\" in the input\n";
    else if (diag_errors == 0 && failed == 0)
      std::cerr << "isnad report: no article found in the input\n";
    return diag_errors || failed ? kExitInputErrors : kExitUsage;
  }
  if (found > 1 && args.id.empty()) {
    std::cerr << "isnad report: the input holds several articles; choose one with --id ID, or "
                 "report on all of them with --corpus\n";
    return kExitUsage;
  }
  Analyzer analyzer(rules);
  Analysis a = analyzer.Analyze(std::move(chosen));
  std::vector<Finding> findings;
  if (!args.no_audit) findings = Audit(a, audit_rules);
  ArticleReportOptions opt;
  opt.findings = args.no_audit ? nullptr : &findings;
  opt.generator = Generator();
  if (!args.html.empty()) {
    std::ostringstream o;
    WriteArticleHtml(a, opt, o);
    if (!WriteFileAtomically(args.html, "report", o.str())) return kExitFailed;
  }
  if (!args.md.empty()) {
    std::ostringstream o;
    WriteArticleMarkdown(a, opt, o);
    if (!WriteFileAtomically(args.md, "report", o.str())) return kExitFailed;
  }
  if (!args.csv.empty()) {
    std::vector<std::pair<std::string, std::string>> files = {
        {"attributions.csv", ArticleAttributionsCsv(a)}, {"disputes.csv", ArticleDisputesCsv(a)}};
    if (!args.no_audit) files.emplace_back("findings.csv", ArticleFindingsCsv(a, findings));
    if (!WriteCsvDir(args.csv, files)) return kExitFailed;
  }
  std::cerr << "isnad report: " << a.doc.id << ": " << a.attributions.size() << " attributions, "
            << a.disputes.size() << " disputes";
  if (!args.no_audit) std::cerr << ", " << findings.size() << " audit findings";
  std::cerr << "\n";
  return (diag_errors || failed) && args.id.empty() ? kExitInputErrors : kExitOk;
}

// Renders a corpus report from aggregated figures (from analyses in memory, or a store).
int WriteCorpusOutputs(const CorpusStats& stats, const ReportArgs& args) {
  CorpusReportOptions opt;
  opt.generator = Generator();
  if (!args.html.empty()) {
    std::ostringstream o;
    WriteCorpusHtml(stats, opt, o);
    if (!WriteFileAtomically(args.html, "report", o.str())) return kExitFailed;
  }
  if (!args.md.empty()) {
    std::ostringstream o;
    WriteCorpusMarkdown(stats, opt, o);
    if (!WriteFileAtomically(args.md, "report", o.str())) return kExitFailed;
  }
  if (!args.csv.empty() && !WriteCsvDir(args.csv, CorpusCsvFiles(stats))) return kExitFailed;
  return kExitOk;
}

// The corpus report of the articles of files (analyzed here) or of a store (its current
// analyses, as `isnad ingest` or `reanalyze` left them).
int RunCorpusReport(const ReportArgs& args, const RuleSet& rules) {
  CorpusOptions copt;
  copt.top = args.top;
  copt.rules = &rules;
  CorpusAggregator agg(copt);
  size_t failed = 0, diag_errors = 0;
  if (!args.db.empty()) {
    int rc = ForEachStoredAnalysis(args.db, "report", [&](Analysis&& a) { agg.Add(a); });
    if (rc != kExitOk) return rc;
  } else {
    ReadOptions ropt;
    ropt.max_bytes = args.max_bytes;
    DocumentReader reader(ropt);
    for (const std::string& in : args.corpus) reader.Add(in);
    Analyzer analyzer(rules);
    Document doc;
    while (reader.Next(&doc)) {
      if (!doc.error.ok()) {
        ++failed;
        agg.AddUnreadable();
      } else {
        agg.Add(analyzer.Analyze(std::move(doc)));
      }
      doc = Document();
    }
    diag_errors = PrintDiagnostics(reader, "report");
    for (size_t i = failed; i < diag_errors; ++i) agg.AddUnreadable();
  }
  CorpusStats stats = agg.Finish();
  stats.title = args.title;
  if (stats.articles == 0) {
    if (!args.db.empty()) {
      std::cerr << "isnad report: the store " << args.db
                << " holds no article (add some with 'isnad ingest')\n";
      return kExitFailed;
    }
    std::cerr << "isnad report: no readable article in the corpus\n";
    return diag_errors || failed ? kExitInputErrors : kExitUsage;
  }
  int rc = WriteCorpusOutputs(stats, args);
  if (rc != kExitOk) return rc;
  std::cerr << "isnad report: " << stats.articles << " articles from " << stats.outlets.size()
            << " outlets, " << stats.attributions << " attributions (" << stats.anonymous
            << " anonymous), " << stats.disputes << " disputes";
  if (stats.unreadable) std::cerr << "; " << stats.unreadable << " inputs could not be read";
  std::cerr << "\n";
  return (diag_errors || failed) ? kExitInputErrors : kExitOk;
}

int RunReport(const ReportArgs& args) {
  if (args.html.empty() && args.md.empty() && args.csv.empty()) {
    std::cerr << "isnad report: say what to write: --html OUT.html, --md OUT.md and/or --csv DIR "
                 "(see 'isnad report --help')\n";
    return kExitUsage;
  }
  if (!args.inputs.empty() + !args.corpus.empty() + !args.db.empty() != 1) {
    std::cerr << "isnad report: give one of: an article (isnad report FILE --html OUT.html), a "
                 "corpus of files (isnad report --corpus PATH... --html OUT.html) or a store "
                 "(isnad report --db FILE --html OUT.html)\n";
    return kExitUsage;
  }
  if (args.inputs.empty() && !args.id.empty()) {
    std::cerr << "isnad report: --id picks one article of FILE; it does not go with --corpus "
                 "or --db\n";
    return kExitUsage;
  }
  int stdout_outputs = (args.html == "-") + (args.md == "-");
  if (stdout_outputs > 1) {
    std::cerr << "isnad report: only one of --html and --md can be '-' (standard output)\n";
    return kExitUsage;
  }
  std::optional<RuleSet> loaded = args.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
  return args.inputs.empty() ? RunCorpusReport(args, rules) : RunArticleReport(args, rules);
}

// ---- isnad audit ---------------------------------------------------------------------------

struct AuditArgs {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string fail_on = "none";
  RulesOption rules;
  size_t max_bytes = 8u << 20;
};

int RunAudit(const AuditArgs& args) {
  std::optional<RuleSet> loaded = args.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
  AuditRules audit_rules;
  if (!LoadAuditRules(rules, &audit_rules)) return kExitUsage;
  bool gate = args.fail_on != "none";
  Severity level = Severity::kError;
  if (gate) (void)ParseSeverity(args.fail_on, &level);

  std::vector<std::string> inputs;
  if (!InputsOrStdin(args.inputs, "audit", &inputs)) return kExitUsage;
  ReadOptions ropt;
  ropt.max_bytes = args.max_bytes;
  DocumentReader reader(ropt);
  for (const std::string& in : inputs) reader.Add(in);
  Analyzer analyzer(rules);
  std::ostream& out = std::cout;
  Document doc;
  size_t n = 0, failed = 0, failing_docs = 0;
  std::vector<nlohmann::json> buffered;
  while (reader.Next(&doc)) {
    if (!doc.error.ok()) {
      ++failed;
      if (args.format == "jsonl") out << ErrorJson(doc).dump() << "\n";
      doc = Document();
      continue;
    }
    ++n;
    Analysis a = analyzer.Analyze(std::move(doc));
    std::vector<Finding> f = Audit(a, audit_rules);
    if (gate && AnyAtOrAbove(f, level)) ++failing_docs;
    if (args.format == "jsonl") {
      out << AuditJson(a, f).dump() << "\n";
    } else if (args.format == "json") {
      buffered.push_back(AuditJson(a, f));
    } else {
      if (n > 1) out << "\n";
      WriteAuditText(a, f, out);
    }
    doc = Document();
  }
  if (args.format == "json")
    out << (buffered.size() == 1 ? buffered[0] : nlohmann::json(buffered)).dump(2) << "\n";
  out.flush();
  size_t diag_errors = PrintDiagnostics(reader, "audit");
  if (n == 0 && diag_errors == 0 && failed == 0)
    std::cerr << "isnad audit: no documents found in the inputs\n";
  if (failing_docs) {
    std::cerr << "isnad audit: " << failing_docs << " of " << n << " document"
              << (n == 1 ? "" : "s") << " with findings at or above " << args.fail_on << "\n";
    return kExitAuditFailed;
  }
  return (diag_errors || failed) ? kExitInputErrors : kExitOk;
}

}  // namespace

void AddReportCommands(CLI::App& app, Action* action) {
  {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand(
        "report",
        "Write a report a person reads: the annotated article for a fact-checker (FILE), or the "
        "corpus report for a researcher (--corpus PATH... or --db FILE).");
    cmd->add_option("input", args->inputs,
                    "The article: a text file (plain or web-page layout), or a JSONL file with "
                    "--id")
        ->type_name("FILE");
    cmd->add_option("--corpus", args->corpus,
                    "Report on every article of these files, folders or JSONL(.gz) files, "
                    "analyzed in memory")
        ->type_name("PATH...");
    cmd->add_option("--db", args->db,
                    "Report on every article of this isnad store (SQLite, see 'isnad ingest'): "
                    "its current analyses, not analyzed again")
        ->type_name("FILE");
    cmd->add_option("--id", args->id, "The article to report on when FILE holds several");
    cmd->add_option("--html", args->html,
                    "Write one self-contained HTML page (no external assets; '-': standard "
                    "output)")
        ->type_name("OUT.html");
    cmd->add_option("--md", args->md, "Write the report as Markdown ('-': standard output)")
        ->type_name("OUT.md");
    cmd->add_option("--csv", args->csv,
                    "Write the report's tables as CSV files into this directory (article: "
                    "attributions.csv, disputes.csv, findings.csv; corpus: summary.csv, "
                    "outlets.csv, months.csv, ...)")
        ->type_name("DIR");
    cmd->add_option("--title", args->title, "Title of the corpus report");
    cmd->add_option("--top", args->top, "Length of the most-cited lists (corpus)")
        ->default_val(15)
        ->check(CLI::Range(1, 1000));
    cmd->add_flag("--no-audit", args->no_audit,
                  "Leave the anonymous-sourcing audit out of the article report");
    args->rules.Add(cmd);
    cmd->add_option("--max-bytes", args->max_bytes, "Refuse files or records larger than this")
        ->default_val(8u << 20);
    cmd->footer(
        "Examples:\n"
        "  isnad report samples/alaraby-russian-diplomats-leave-ukraine.txt --html article.html\n"
        "  isnad report gold.jsonl --id dev-00-seed-alaraby --html seed.html --md seed.md\n"
        "  isnad report --corpus corpus.jsonl.gz --html corpus.html --md corpus.md --csv tables/\n"
        "  isnad report --db isnad.db --html corpus.html --csv tables/\n"
        "The article page highlights every attribution in the original text (cue, source by "
        "kind, content; anonymous sources marked), lists them in a table with links both ways, "
        "and shows the disputes and the audit findings. Output files are replaced atomically.");
    cmd->callback([args, action] { *action = [args] { return RunReport(*args); }; });
  }
  {
    auto args = std::make_shared<AuditArgs>();
    CLI::App* cmd = app.add_subcommand(
        "audit",
        "The editor's anonymous-sourcing checklist: anonymous sources with no stated reason, "
        "claims resting on one anonymous source, vague and agentless attribution, unnamed "
        "intermediaries, anonymous direct quotes.");
    cmd->add_option("inputs", args->inputs,
                    "Files (.txt, .jsonl, .jsonl.gz), folders, or '-' for standard input")
        ->type_name("FILE...");
    cmd->add_option("-f,--format", args->format,
                    "text: a readable checklist; json: one JSON object per document (an array "
                    "for several); jsonl: one line per document")
        ->check(CLI::IsMember({"text", "json", "jsonl"}))
        ->default_val("text");
    cmd->add_option("--fail-on", args->fail_on,
                    "Exit with status 4 when a document has a finding at or above this "
                    "severity (none: never)")
        ->check(CLI::IsMember({"none", "info", "warning", "error"}))
        ->default_val("none");
    args->rules.Add(cmd);
    cmd->add_option("--max-bytes", args->max_bytes, "Refuse files or records larger than this")
        ->default_val(8u << 20);
    cmd->footer(
        "Examples:\n"
        "  isnad audit draft.txt\n"
        "  isnad audit drafts/ --fail-on warning        # a newsroom gate: exit 4 on warnings\n"
        "  isnad audit draft.txt --format json\n"
        "Severities, thresholds and the Arabic and English wording of every finding live in "
        "rules/lexicons/audit.json; override them with --rules DIR.");
    cmd->callback([args, action] { *action = [args] { return RunAudit(*args); }; });
  }
}

}  // namespace isnad::cli
