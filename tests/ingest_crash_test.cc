// The isnad binary against the store, as a user or a cluster runs it: kill -9 in the middle of
// an ingest or a reanalyze leaves a consistent store and the same command completes the work;
// the shard -> analyze (JSONL map) -> ingest --analyzed -> merge path equals a direct ingest.
//
// Input: a few thousand articles made from the seed (tests/data/seed.txt): its paragraphs in
// a different order and a numbered closing line per article, under distinct ids.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "store/record.h"
#include "store/store.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "isnad-crash-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

// Writes n articles built from the seed's paragraphs; returns their ids.
std::vector<std::string> MakeCorpus(const std::string& path, int n) {
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/seed.txt");
  std::vector<std::string> paras;
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 80) paras.push_back(line);  // the body's paragraphs
  }
  EXPECT_GE(paras.size(), 5u);
  const char* outlets[] = {"العربي", "Alarabia", "BBC"};
  std::ofstream out(path);
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    std::string text;
    for (size_t k = 0; k < paras.size(); ++k) {
      text += paras[(k + static_cast<size_t>(i)) % paras.size()] + "\n";
    }
    text += "وقال مراسل الوكالة إن الوضع بقي على حاله حتى المساء رقم " + std::to_string(i) + ".";
    json r{{"id", "seed-" + std::to_string(i)},
           {"outlet", outlets[i % 3]},
           {"date", "2022-0" + std::to_string(1 + i % 9) + "-15"},
           {"title", "دبلوماسيون روس بدأوا بمغادرة أوكرانيا " + std::to_string(i)},
           {"text", text}};
    out << r.dump() << "\n";
    ids.push_back(r["id"]);
  }
  return ids;
}

std::string Bin() { return ISNAD_BINARY; }

int Shell(const std::string& cmd) {
  int rc = std::system(("( " + cmd + " ) >/dev/null 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

pid_t Spawn(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// A count from the store as another process sees it; -1 while it cannot be read yet.
int64_t Count(const std::string& db, const std::string& sql) {
  try {
    SQLite::Database d(db, SQLite::OPEN_READONLY, 1000);
    return d.execAndGet(sql).getInt64();
  } catch (const std::exception&) {
    return -1;
  }
}

bool Running(pid_t pid) { return waitpid(pid, nullptr, WNOHANG) == 0; }

// Waits until `ready` holds (or the child ends), then kills the child with SIGKILL. Returns
// whether the child was still running when killed.
template <typename F>
bool KillWhen(pid_t pid, F ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) break;
    if (!Running(pid)) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  bool alive = kill(pid, SIGKILL) == 0;
  int status = 0;
  waitpid(pid, &status, 0);
  return alive && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

void ExpectConsistent(const std::string& db, StoreMode mode) {
  Result<std::unique_ptr<Store>> s = Store::Open(db, {.mode = mode});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  Result<std::vector<std::string>> problems = (*s)->Check();
  ASSERT_TRUE(problems.ok()) << problems.error().ToString();
  for (const std::string& p : *problems) ADD_FAILURE() << db << ": " << p;
}

// id -> the stored document and analysis, without run ids and timestamps.
std::map<std::string, json> Contents(const std::string& db) {
  std::map<std::string, json> out;
  Result<std::unique_ptr<Store>> s = Store::Open(db, {.mode = StoreMode::kReadOnly});
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  if (!s.ok()) return out;
  Result<std::vector<int64_t>> keys = (*s)->DocumentKeys(0, 10000000);
  for (int64_t k : *keys) {
    Result<DocRecord> r = (*s)->ShowKey(k);
    json j = RecordToJson(*r);
    for (const char* f : {"run", "ingested_at", "updated_at", "source"}) j.erase(f);
    EXPECT_FALSE(out.count(r->id)) << "duplicate " << r->id;
    out[r->id] = std::move(j);
  }
  return out;
}

TEST(IngestCrashTest, KillNineAtAnyPointThenRerunCompletes) {
  TempDir dir;
  const std::string corpus = dir / "corpus.jsonl";
  const std::vector<std::string> ids = MakeCorpus(corpus, 3000);
  const int64_t total = static_cast<int64_t>(ids.size());
  const std::string clean = dir / "clean.db", crash = dir / "crash.db";
  ASSERT_EQ(Shell(Bin() + " ingest " + corpus + " --db " + clean), 0);
  const std::map<std::string, json> expected = Contents(clean);
  ASSERT_EQ(static_cast<int64_t>(expected.size()), total);

  const std::vector<std::string> cmd = {Bin(), "ingest", corpus, "--db", crash, "--batch", "50"};
  // 1. Killed almost at once (creating the file, migrating, or in the first batch).
  {
    pid_t pid = Spawn(cmd);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    KillWhen(pid, [] { return true; });
    // Nothing to check when it died before its schema was committed.
    if (Count(crash, "SELECT COUNT(*) FROM sqlite_schema") > 0) {
      ExpectConsistent(crash, StoreMode::kReadOnly);
    }
  }
  // 2. Killed after its first commits, 3. killed half-way through the rest.
  int kills = 0;
  for (double fraction : {0.0, 0.5}) {
    const int64_t before = std::max<int64_t>(0, Count(crash, "SELECT COUNT(*) FROM documents"));
    const int64_t target = before + 1 + static_cast<int64_t>(fraction * (total - before));
    pid_t pid = Spawn(cmd);
    bool killed =
        KillWhen(pid, [&] { return Count(crash, "SELECT COUNT(*) FROM documents") >= target; });
    const int64_t stored = Count(crash, "SELECT COUNT(*) FROM documents");
    if (killed) {
      ++kills;
      EXPECT_LT(stored, total) << "killed after the work was done";
      EXPECT_GE(stored, target);
    }
    // Before any writer recovers it: every committed document has its complete analysis.
    ExpectConsistent(crash, StoreMode::kReadOnly);
  }
  EXPECT_EQ(kills, 2) << "the ingest finished before it could be killed";
  // The same command completes the work: nothing lost, nothing duplicated.
  ASSERT_EQ(Shell(Bin() + " ingest " + corpus + " --db " + crash), 0);
  ExpectConsistent(crash, StoreMode::kReadWrite);
  EXPECT_EQ(Contents(crash), expected);
  EXPECT_EQ(Count(crash, "SELECT COUNT(*) FROM runs WHERE status = 'running'"), 0);
  EXPECT_GE(Count(crash, "SELECT COUNT(*) FROM runs WHERE status = 'interrupted'"), 2);
  // And again: nothing to do.
  FILE* p = popen((Bin() + " ingest " + corpus + " --db " + crash + " --format json").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
  EXPECT_EQ(WEXITSTATUS(pclose(p)), 0);
  json summary = json::parse(out);
  EXPECT_EQ(summary["new"], 0);
  EXPECT_EQ(summary["unchanged"], total);

  // Reanalyze killed mid-way: queries keep reading the previous run; the rerun completes.
  const int64_t attributions = Count(
      crash,
      "SELECT COUNT(*) FROM documents d JOIN attributions a ON a.analysis_id = d.analysis_id");
  pid_t pid = Spawn({Bin(), "reanalyze", "--db", crash, "--batch", "50"});
  bool killed =
      KillWhen(pid, [&] { return Count(crash, "SELECT COUNT(*) FROM analyses") >= total + 100; });
  EXPECT_TRUE(killed) << "the reanalyze finished before it could be killed";
  EXPECT_EQ(Count(crash,
                  "SELECT COUNT(*) FROM documents d JOIN analyses a ON a.analysis_id = "
                  "d.analysis_id JOIN runs r ON r.run_id = a.run_id WHERE r.kind = "
                  "'reanalyze'"),
            0);
  EXPECT_EQ(Count(crash,
                  "SELECT COUNT(*) FROM documents d JOIN attributions a ON "
                  "a.analysis_id = d.analysis_id"),
            attributions);
  ExpectConsistent(crash, StoreMode::kReadWrite);  // the writer discards the partial run
  EXPECT_EQ(Count(crash, "SELECT COUNT(*) FROM analyses"), total);
  ASSERT_EQ(Shell(Bin() + " reanalyze --db " + crash), 0);
  EXPECT_EQ(Count(crash,
                  "SELECT COUNT(*) FROM documents d JOIN analyses a ON a.analysis_id = "
                  "d.analysis_id JOIN runs r ON r.run_id = a.run_id WHERE r.kind = "
                  "'reanalyze' AND r.status = 'complete'"),
            total);
  EXPECT_EQ(Count(crash, "SELECT COUNT(*) FROM analyses"), total);
  ExpectConsistent(crash, StoreMode::kReadWrite);
}

TEST(IngestCrashTest, ShardAnalyzeMergeEqualsDirectIngest) {
  TempDir dir;
  const std::string corpus = dir / "corpus.jsonl";
  MakeCorpus(corpus, 240);
  // Append the real sample articles too.
  {
    std::ifstream sample(std::string(ISNAD_TEST_DATA_DIR) + "/store_sample.jsonl");
    std::ofstream out(corpus, std::ios::app);
    out << sample.rdbuf();
  }
  const std::string direct = dir / "direct.db";
  ASSERT_EQ(Shell(Bin() + " ingest " + corpus + " --db " + direct), 0);
  // Split into 3 shards, line by line (what `split -n l/3` or a Spark partition does).
  std::vector<std::string> shards = {dir / "part-0.jsonl", dir / "part-1.jsonl",
                                     dir / "part-2.jsonl"};
  {
    std::ifstream in(corpus);
    std::vector<std::ofstream> outs;
    for (const std::string& s : shards) outs.emplace_back(s);
    size_t i = 0;
    for (std::string line; std::getline(in, line); ++i) outs[i % 3] << line << "\n";
  }
  std::string merge = Bin() + " merge";
  for (const std::string& s : shards) {
    // The map step: a pure stdin -> stdout filter, as RDD.pipe or Hadoop Streaming runs it.
    ASSERT_EQ(Shell("cat " + s + " | " + Bin() + " analyze - --format jsonl --with-text > " + s +
                    ".analyzed"),
              0);
    ASSERT_EQ(Shell(Bin() + " ingest --analyzed " + s + ".analyzed --db " + s + ".db"), 0);
    merge += " " + s + ".db";
  }
  const std::string merged = dir / "merged.db";
  ASSERT_EQ(Shell(merge + " --db " + merged), 0);
  ExpectConsistent(merged, StoreMode::kReadWrite);
  const std::map<std::string, json> want = Contents(direct), got = Contents(merged);
  EXPECT_EQ(got.size(), want.size());
  EXPECT_EQ(got, want);
  // Merging the shards again adds nothing.
  ASSERT_EQ(Shell(merge + " --db " + merged), 0);
  EXPECT_EQ(Contents(merged).size(), want.size());
  EXPECT_EQ(Count(merged, "SELECT COUNT(*) FROM analyses"), static_cast<int64_t>(want.size()));
}

}  // namespace
}  // namespace isnad
