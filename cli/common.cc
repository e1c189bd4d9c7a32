#include <iostream>

#include "cli/commands.h"

namespace isnad::cli {

void RulesOption::Add(CLI::App* app) {
  app->add_option("--rules", dirs,
                  "Directory (or file) of rules JSON that adds to or overrides the built-in "
                  "rules; repeatable. See rules/README.md.")
      ->type_name("DIR")
      ->allow_extra_args(false);
}

bool RulesOption::Load(RuleSet* out) const {
  Result<RuleSet> r = dirs.empty() ? RuleSet::LoadDefault() : RuleSet::Load(dirs);
  if (!r.ok()) {
    std::cerr << "isnad: rules: " << r.error().ToString() << "\n";
    return false;
  }
  *out = std::move(r).value();
  return true;
}

}  // namespace isnad::cli
