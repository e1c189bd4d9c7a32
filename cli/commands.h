// The isnad command line: each subcommand registers itself on the CLI11 app and returns the
// process exit status. Subcommands are thin: they parse options, call the libraries and
// print; no analysis logic lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "rules/rule_set.h"

namespace isnad::cli {

// Exit statuses, documented in README.md and `isnad --help`.
constexpr int kExitOk = 0;
constexpr int kExitInputErrors = 1;  // some inputs could not be read (the rest were processed)
constexpr int kExitUsage = 2;        // bad command line, rules that do not load
constexpr int kExitFailed = 3;       // the command could not do its work (store, I/O)
constexpr int kExitAuditFailed = 4;  // audit findings at or above --fail-on

using Action = std::function<int()>;

// Options shared by commands that analyze text.
struct RulesOption {
  std::vector<std::string> dirs;
  void Add(CLI::App* app);
  // Loads the rules or prints the error; returns false on failure.
  bool Load(RuleSet* out) const;
};

void AddAnalyze(CLI::App& app, Action* action);   // analyze_cmd.cc
void AddEval(CLI::App& app, Action* action);      // eval_cmd.cc
// store_cmds.cc: ingest, reanalyze, search, stats, show, merge
void AddStoreCommands(CLI::App& app, Action* action);
// report_cmds.cc: report (article HTML, corpus HTML/MD/CSV), audit
void AddReportCommands(CLI::App& app, Action* action);
// graph_cmds.cc: graph (GraphML/DOT/JSON export, metrics), contested
void AddGraphCommands(CLI::App& app, Action* action);

}  // namespace isnad::cli
