// isnad — who said it, through whom, and who disputes it. See README.md.
#include <iostream>

#include "cli/commands.h"
#include "isnad_version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "isnad (إسناد): finds every attributed statement in Arabic news — who is said to have\n"
      "said it, through which outlets it reached the page, and who disputes it.\n\n"
      "Exit status: 0 ok; 1 some inputs could not be read (the rest were processed);\n"
      "2 bad command line or rules; 3 the command failed (I/O, store); 4 audit findings at or\n"
      "above --fail-on.",
      "isnad"};
  app.set_version_flag("--version", std::string("isnad ") + ISNAD_VERSION_STRING);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  isnad analyze samples/                         attributions of the bundled samples\n"
      "  isnad analyze article.txt --format json        one JSON document\n"
      "  zcat corpus.jsonl.gz | isnad analyze - --format jsonl   a stdin->stdout map\n"
      "  isnad eval gold/dev.jsonl --errors 20          precision/recall against a gold set\n"
      "Run 'isnad COMMAND --help' for a command's options.");
  isnad::cli::Action action;
  isnad::cli::AddAnalyze(app, &action);
  isnad::cli::AddEval(app, &action);
  isnad::cli::AddStoreCommands(app, &action);
  isnad::cli::AddReportCommands(app, &action);
  isnad::cli::AddGraphCommands(app, &action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : isnad::cli::kExitUsage;
  }
  if (!action) return isnad::cli::kExitUsage;
  try {
    return action();
  } catch (const std::exception& e) {
    std::cerr << "isnad: internal error: " << e.what() << "\n";
    return isnad::cli::kExitFailed;
  }
}
