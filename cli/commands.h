// The isnad command line: each subcommand registers itself on the CLI11 app and returns the
// process exit status. Subcommands are thin: they parse options, call the libraries and
// print; no analysis logic lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/analysis.h"
#include "analyzer/document.h"
#include "analyzer/status.h"
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
  // Loads the rules (once: the built-in defaults, then `dirs`) or prints the error and
  // returns nothing.
  std::optional<RuleSet> Load() const;
};

// The inputs of a command that reads documents: `inputs`, or standard input ("-") when there
// are none and standard input is not a terminal. Prints the usage hint and returns false when
// there is nothing to read.
bool InputsOrStdin(const std::vector<std::string>& inputs, const char* command,
                   std::vector<std::string>* out);

// Prints the reader's diagnostics ("isnad COMMAND: error: ..."); returns how many were errors.
size_t PrintDiagnostics(const DocumentReader& reader, const char* command);

// Writes `path` through `write` ("-": standard output). A file is written to a temporary
// beside it and renamed into place, so a reader never sees half of it and a failure leaves
// nothing behind. Prints "isnad COMMAND: ..." and returns false on failure.
bool WriteFileAtomically(const std::string& path, const char* command,
                         const std::function<Status(std::ostream&)>& write);
bool WriteFileAtomically(const std::string& path, const char* command, const std::string& text);

// Calls `fn` with the current analysis of every document of the store at `path` (opened
// read-only), in document order. Store errors are printed as "isnad COMMAND: ..." and end
// the walk. Returns kExitOk, or kExitFailed when the store cannot be read.
int ForEachStoredAnalysis(const std::string& path, const char* command,
                          const std::function<void(Analysis&&)>& fn);

void AddAnalyze(CLI::App& app, Action* action);  // analyze_cmd.cc
void AddEval(CLI::App& app, Action* action);     // eval_cmd.cc
// store_cmds.cc: ingest, reanalyze, search, stats, show, merge
void AddStoreCommands(CLI::App& app, Action* action);
// report_cmds.cc: report (article HTML, corpus HTML/MD/CSV), audit
void AddReportCommands(CLI::App& app, Action* action);
// graph_cmds.cc: graph (GraphML/DOT/JSON export, metrics), contested
void AddGraphCommands(CLI::App& app, Action* action);

}  // namespace isnad::cli
