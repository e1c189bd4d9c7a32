#include <fstream>
#include <iostream>
#include <memory>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "cli/commands.h"
#include "reports/json_report.h"
#include "reports/score.h"

namespace isnad::cli {
namespace {

struct EvalArgs {
  std::string gold;
  std::string pred;
  std::string write_pred;
  int errors = 0;
  bool json = false;
  RulesOption rules;
};

bool LoadJsonl(const std::string& path, DocMap* out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "isnad eval: " << path << ": cannot open\n";
    return false;
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json d = nlohmann::json::parse(line, nullptr, false);
    if (d.is_discarded() || !d.is_object() || !d.contains("id")) {
      std::cerr << "isnad eval: " << path << ":" << n << ": not a JSON object with an \"id\"\n";
      return false;
    }
    std::string id = d["id"].is_string() ? d["id"].get<std::string>() : d["id"].dump();
    (*out)[id] = std::move(d);
  }
  return true;
}

int RunEval(const EvalArgs& args) {
  DocMap gold, pred;
  if (!LoadJsonl(args.gold, &gold)) return kExitFailed;
  if (!args.pred.empty()) {
    if (!LoadJsonl(args.pred, &pred)) return kExitFailed;
  } else {
    std::optional<RuleSet> loaded = args.rules.Load();
    if (!loaded) return kExitUsage;
    RuleSet& rules = *loaded;
    Analyzer analyzer(rules);
    DocumentReader reader;
    reader.Add(args.gold);
    Document doc;
    std::unique_ptr<std::ofstream> w;
    if (!args.write_pred.empty()) w = std::make_unique<std::ofstream>(args.write_pred);
    while (reader.Next(&doc)) {
      if (!doc.error.ok()) continue;
      Analysis a = analyzer.Analyze(std::move(doc));
      nlohmann::json j = ToJson(a);
      if (w) *w << j.dump() << "\n";
      pred[a.doc.id] = std::move(j);
      doc = Document();
    }
    for (const Diagnostic& d : reader.diagnostics())
      std::cerr << "isnad eval: " << d.status.ToString() << "\n";
  }
  std::vector<nlohmann::json> errs;
  ScoreReport r = Score(gold, pred, args.errors > 0 ? &errs : nullptr);
  if (args.json) {
    nlohmann::json j;
    auto prf = [](const Prf& p) {
      return nlohmann::json{
          {"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}, {"tp", p.tp},
          {"predicted", p.predicted}, {"gold", p.gold}};
    };
    j["documents"] = r.documents;
    j["attribution_cue"] = prf(r.cue);
    j["attribution_full"] = prf(r.full);
    j["anonymous_sources"] = prf(r.anonymous);
    j["disputes"] = prf(r.disputes);
    j["disputes_full"] = prf(r.disputes_full);
    for (auto& [k, v] : r.on_matched) j["on_matched"][k] = v;
    j["type_confusion"] = nlohmann::json::object();
    for (auto& [k, v] : r.type_confusion) j["type_confusion"][k] = v;
    std::cout << j.dump(1) << "\n";
  } else {
    std::cout << FormatScore(r);
  }
  for (int i = 0; i < args.errors && i < static_cast<int>(errs.size()); ++i)
    std::cerr << errs[i].dump() << "\n";
  return kExitOk;
}

}  // namespace

void AddEval(CLI::App& app, Action* action) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score isnad against a gold set (the figures of ../shared/gold/score.py).");
  cmd->add_option("gold", args->gold, "Gold JSONL (format of ../shared/gold/FORMAT.md)")
      ->required()
      ->type_name("GOLD.jsonl");
  cmd->add_option("--pred", args->pred,
                  "Score this prediction file instead of analyzing the gold texts")
      ->type_name("FILE");
  cmd->add_option("--write-pred", args->write_pred, "Also write the predictions (JSONL) here")
      ->type_name("FILE");
  cmd->add_option("--errors", args->errors, "List N misses, false alarms and partial matches")
      ->type_name("N");
  cmd->add_flag("--json", args->json, "Print the figures as JSON");
  args->rules.Add(cmd);
  cmd->callback([args, action] { *action = [args] { return RunEval(*args); }; });
}

}  // namespace isnad::cli
