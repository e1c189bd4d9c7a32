#include "cli/commands.h"

namespace isnad::cli {

void AddStoreCommands(CLI::App& app, Action* action) {
  (void)app;
  (void)action;
}

}  // namespace isnad::cli
