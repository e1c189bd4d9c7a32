#include <iostream>
#include <memory>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "cli/commands.h"
#include "reports/json_report.h"
#include "reports/text_report.h"

namespace isnad::cli {
namespace {

struct AnalyzeArgs {
  std::vector<std::string> inputs;
  std::string format = "text";
  RulesOption rules;
  bool explain = false, lexicon = false, sentences = false, with_text = false;
  size_t max_bytes = 8u << 20;
};

int RunAnalyze(const AnalyzeArgs& args) {
  std::optional<RuleSet> loaded = args.rules.Load();
  if (!loaded) return kExitUsage;
  RuleSet& rules = *loaded;
  AnalyzeOptions aopt;
  aopt.explain = args.explain;
  aopt.lexicon_hits = args.lexicon;
  aopt.sentences = args.sentences;
  Analyzer analyzer(rules, aopt);
  JsonOptions jopt{args.explain, args.sentences, args.lexicon, args.with_text};
  TextOptions topt{args.explain, args.lexicon};

  ReadOptions ropt;
  ropt.max_bytes = args.max_bytes;
  DocumentReader reader(ropt);
  std::vector<std::string> inputs;
  if (!InputsOrStdin(args.inputs, "analyze", &inputs)) return kExitUsage;
  for (const std::string& in : inputs) reader.Add(in);

  std::ostream& out = std::cout;
  Document doc;
  size_t n = 0, failed = 0;
  std::vector<nlohmann::json> buffered;  // --format json with several documents: one array
  while (reader.Next(&doc)) {
    if (!doc.error.ok()) {
      ++failed;
      if (args.format == "jsonl") out << ErrorJson(doc).dump() << "\n";
      continue;
    }
    ++n;
    Analysis a = analyzer.Analyze(std::move(doc));
    if (args.format == "jsonl") {
      out << ToJson(a, jopt).dump() << "\n";
    } else if (args.format == "json") {
      buffered.push_back(ToJson(a, jopt));
    } else {
      if (n > 1) out << "\n";
      WriteText(a, topt, out);
    }
    doc = Document();
  }
  if (args.format == "json") {
    if (buffered.size() == 1)
      out << buffered[0].dump(2) << "\n";
    else
      out << nlohmann::json(buffered).dump(2) << "\n";
  }
  out.flush();
  size_t diag_errors = 0;
  for (const Diagnostic& d : reader.diagnostics()) {
    std::cerr << "isnad: " << (d.severity == Diagnostic::Severity::kError ? "error" : "warning")
              << ": " << d.status.ToString() << "\n";
    diag_errors += d.severity == Diagnostic::Severity::kError;
  }
  if (n == 0 && diag_errors == 0 && failed == 0)
    std::cerr << "isnad analyze: no documents found in the inputs\n";
  return (diag_errors || failed) ? kExitInputErrors : kExitOk;
}

}  // namespace

void AddAnalyze(CLI::App& app, Action* action) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Find the attributions (cue, source, content, chain, stance) and disputes in articles.");
  cmd->add_option("inputs", args->inputs,
                  "Files (.txt plain or web-page text, .jsonl, .jsonl.gz), folders, or '-' for "
                  "standard input (JSONL when it starts with '{').")
      ->type_name("PATH...");
  cmd->add_option("-f,--format", args->format,
                  "text: a readable listing; json: one JSON document (an array for several); "
                  "jsonl: one line per document — for JSONL input exactly one line per record, "
                  "errors included, in bounded memory")
      ->check(CLI::IsMember({"text", "json", "jsonl"}))
      ->default_val("text");
  args->rules.Add(cmd);
  cmd->add_flag("--explain", args->explain, "Show why each attribution was found");
  cmd->add_flag("--lexicon", args->lexicon, "Also list every lexicon match with its span");
  cmd->add_flag("--sentences", args->sentences, "Also list the sentences (JSON)");
  cmd->add_flag("--with-text", args->with_text, "Include the document text in JSON output");
  cmd->add_option("--max-bytes", args->max_bytes, "Refuse files or records larger than this")
      ->default_val(8u << 20);
  cmd->footer(
      "Examples:\n"
      "  isnad analyze samples/alaraby-russian-diplomats-leave-ukraine.txt\n"
      "  isnad analyze article.txt --format json --explain\n"
      "  isnad analyze corpus.jsonl.gz --format jsonl > analyzed.jsonl\n"
      "Offsets in JSON are Unicode code points into the document text.");
  cmd->callback([args, action] { *action = [args] { return RunAnalyze(*args); }; });
}

}  // namespace isnad::cli
