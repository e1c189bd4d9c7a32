#include "cli/commands.h"

namespace isnad::cli {

void AddGraphCommands(CLI::App& app, Action* action) {
  (void)app;
  (void)action;
}

}  // namespace isnad::cli
