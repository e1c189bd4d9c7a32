// A main() for the fuzz targets when they are built without libFuzzer: it runs
// LLVMFuzzerTestOneInput over every file named on the command line and every regular file
// of every directory named there (recursively, sorted by path), so the ordinary build always
// compiles the targets and ctest replays their committed corpora.
//
//   fuzz_normalizer fuzz/corpus/fuzz_normalizer            # replay a corpus
//   fuzz_normalizer crash-1234 slow-unit-5678              # replay single inputs
//
// Arguments that start with '-' (libFuzzer flags such as -runs=100) are ignored, so the same
// command line works with both builds. Exit status: 0 when every input ran (a failed invariant
// aborts the process), 1 when an argument cannot be read or names no input at all.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool ReadAll(const std::filesystem::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  bool bad = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("-")) continue;
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(arg, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      if (ec) {
        std::fprintf(stderr, "replay: cannot list %s: %s\n", arg.c_str(), ec.message().c_str());
        bad = true;
      }
      std::sort(found.begin(), found.end());
      inputs.insert(inputs.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.emplace_back(arg);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", arg.c_str());
      bad = true;
    }
  }
  std::string data;
  for (const fs::path& p : inputs) {
    if (!ReadAll(p, &data)) {
      std::fprintf(stderr, "replay: cannot read %s\n", p.c_str());
      bad = true;
      continue;
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  std::printf("replay: %zu inputs run\n", inputs.size());
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs given\n");
    return 1;
  }
  return bad ? 1 : 0;
}
