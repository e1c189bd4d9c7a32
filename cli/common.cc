#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "store/store.h"

namespace isnad::cli {

void RulesOption::Add(CLI::App* app) {
  app->add_option("--rules", dirs,
                  "Directory (or file) of rules JSON that adds to or overrides the built-in "
                  "rules; repeatable. See rules/README.md.")
      ->type_name("DIR")
      ->allow_extra_args(false);
}

std::optional<RuleSet> RulesOption::Load() const {
  Result<RuleSet> r = dirs.empty() ? RuleSet::LoadDefault() : RuleSet::Load(dirs);
  if (!r.ok()) {
    std::cerr << "isnad: rules: " << r.error().ToString() << "\n";
    return std::nullopt;
  }
  return std::move(r).value();
}

bool InputsOrStdin(const std::vector<std::string>& inputs, const char* command,
                   std::vector<std::string>* out) {
  *out = inputs;
  if (!out->empty()) return true;
  if (isatty(STDIN_FILENO)) {
    std::cerr << "isnad " << command << ": no input. Give files, folders or '-' for standard "
              << "input (see 'isnad " << command << " --help').\n";
    return false;
  }
  out->push_back("-");
  return true;
}

size_t PrintDiagnostics(const DocumentReader& reader, const char* command) {
  size_t errors = 0;
  for (const Diagnostic& d : reader.diagnostics()) {
    std::cerr << "isnad " << command << ": "
              << (d.severity == Diagnostic::Severity::kError ? "error" : "warning") << ": "
              << d.status.ToString() << "\n";
    errors += d.severity == Diagnostic::Severity::kError;
  }
  return errors;
}

bool WriteFileAtomically(const std::string& path, const char* command,
                         const std::function<Status(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  if (path == "-") {
    Status s = write(std::cout);
    std::cout.flush();
    if (s.ok() && std::cout) return true;
    std::cerr << "isnad " << command << ": writing to standard output failed"
              << (s.ok() ? "" : ": " + s.ToString()) << "\n";
    return false;
  }
  const std::string tmp = path + ".tmp" + std::to_string(getpid());
  std::error_code ec;
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) {
      std::cerr << "isnad " << command << ": cannot write " << path << ": " << std::strerror(errno)
                << "\n";
      return false;
    }
    Status s = write(f);
    f.close();
    if (!s.ok() || !f) {
      std::cerr << "isnad " << command << ": writing " << path
                << " failed: " << (s.ok() ? std::strerror(errno) : s.ToString()) << "\n";
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::cerr << "isnad " << command << ": cannot write " << path << ": " << ec.message() << "\n";
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

bool WriteFileAtomically(const std::string& path, const char* command, const std::string& text) {
  return WriteFileAtomically(path, command, [&](std::ostream& o) {
    o << text;
    return Status::Ok();
  });
}

int ForEachStoredAnalysis(const std::string& path, const char* command,
                          const std::function<void(Analysis&&)>& fn) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, {.mode = StoreMode::kReadOnly});
  if (!store.ok()) {
    std::cerr << "isnad " << command << ": " << store.error().ToString() << "\n";
    return kExitFailed;
  }
  int64_t after = 0;
  for (;;) {
    Result<std::vector<int64_t>> keys = (*store)->DocumentKeys(after, 512);
    if (!keys.ok()) {
      std::cerr << "isnad " << command << ": " << keys.error().ToString() << "\n";
      return kExitFailed;
    }
    if (keys->empty()) return kExitOk;
    for (int64_t key : *keys) {
      Result<DocRecord> rec = (*store)->ShowKey(key);
      if (!rec.ok()) {
        std::cerr << "isnad " << command << ": " << rec.error().ToString() << "\n";
        return kExitFailed;
      }
      fn(AnalysisFromRecord(*rec));
    }
    after = keys->back();
  }
}

}  // namespace isnad::cli
