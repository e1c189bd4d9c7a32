// The isnad binary against the store, as a user or a cluster runs it: kill -9 in the middle of
// an ingest or a reanalyze leaves a consistent store and the same command completes the work;
// the shard -> analyze (JSONL map) -> ingest --analyzed -> merge path equals a direct ingest.
//
// Store faults (issue 9): a read-only file or folder, a damaged file, a file that is not a
// store, two writers at once: each ends in a clear error naming the file, or a correct result,
// and nothing stored is lost. (A disk that fills is in store_test.cc, StoreFaultTest.)
//
// Input: a few thousand articles made from the seed (tests/data/seed.txt): its paragraphs in
// a different order and a numbered closing line per article, under distinct ids.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
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

// --- Store faults --------------------------------------------------------------------------

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `isnad ARGS...`; its standard error into *err. As root, the child first becomes the
// unprivileged `uid`, so that file permissions apply to it as to any user. Returns the exit
// status (-1 when it did not exit).
int RunIsnad(const std::vector<std::string>& args, std::string* err, uid_t uid) {
  char tmpl[] = "/tmp/isnad-stderr-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(uid) != 0 || setuid(uid) != 0)) {
      _exit(126);
    }
    std::vector<std::string> all = {Bin()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(fd, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(fd);
  *err = ReadAll(tmpl);
  unlink(tmpl);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Zeroes the first leaf page of the documents table (SQLite's dbstat): a damage every ingest
// meets, since it reads the stored ids first.
void ZeroDocumentsPage(const std::string& db) {
  int64_t page = 0, size = 0;
  {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    page = d.execAndGet(
                "SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf' "
                "ORDER BY pageno LIMIT 1")
               .getInt64();
    size = d.execAndGet("PRAGMA page_size").getInt64();
  }
  ASSERT_GT(page, 1);
  std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp((page - 1) * size);
  const std::string zeros(static_cast<size_t>(size), '\0');
  f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
}

// Each fault is made on a store holding a small corpus; `isnad ingest` of a larger one must then
// fail with exit status 3 and a message naming the store and saying what is wrong, leave the
// file byte for byte as it was, and — the fault repaired — the same command must complete.
TEST(StoreFaultTest, EachFaultEndsInAClearErrorAndLosesNothing) {
  // As root, the commands run as `nobody`: root ignores file permissions.
  const uid_t user = geteuid() == 0 ? 65534 : geteuid();
  using Step = std::function<void(const std::string& dir, const std::string& db)>;
  const Step nothing = [](const std::string&, const std::string&) {};
  struct Fault {
    const char* name;
    Step make, repair;
    std::vector<std::string> says;  // besides the store's name
    bool readable;                  // search, stats and show still work
  } faults[] = {
      {"read-only store file",
       [](auto&, auto& db) { chmod(db.c_str(), 0444); },
       [](auto&, auto& db) {
         for (const char* f : {"", "-wal", "-shm"}) chmod((db + f).c_str(), 0644);
       },
       {"read-only"},
       true},
      {"read-only folder",
       [](auto& dir, auto&) { chmod(dir.c_str(), 0555); },
       [](auto& dir, auto&) { chmod(dir.c_str(), 0755); },
       {"folder"},
       false},
      {"not a database",
       [](auto&, auto& db) {
         std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
         f << "these bytes are not the header of a SQLite file, whatever it was before....";
       },
       nothing,
       {"not a database", "damaged"},
       false},
      {"damaged page",
       [](auto&, auto& db) { ZeroDocumentsPage(db); },
       nothing,
       {"malformed", "damaged"},
       false},
  };
  for (const Fault& fault : faults) {
    SCOPED_TRACE(fault.name);
    TempDir tmp;
    const std::string dir = tmp / "store";
    fs::create_directory(dir);
    chmod(fs::path(dir).parent_path().c_str(), 0755);  // mkdtemp made it 0700
    chmod(dir.c_str(), 0755);
    if (geteuid() == 0) {
      ASSERT_EQ(chown(dir.c_str(), user, user), 0);
    }
    const std::string small = (fs::path(dir) / "small.jsonl").string(),
                      large = (fs::path(dir) / "large.jsonl").string(),
                      db = (fs::path(dir) / "s.db").string();
    MakeCorpus(small, 20);
    MakeCorpus(large, 60);  // the same 20 and 40 more
    const std::string clean = tmp / "clean.db";
    ASSERT_EQ(Shell(Bin() + " ingest " + large + " --db " + clean), 0);
    std::string err;
    ASSERT_EQ(RunIsnad({"ingest", small, "--db", db}, &err, user), 0) << err;
    fs::copy_file(db, tmp / "backup.db");
    fault.make(dir, db);
    const std::string broken = ReadAll(db);

    EXPECT_EQ(RunIsnad({"ingest", large, "--db", db}, &err, user), 3) << err;
    EXPECT_NE(err.find(db), std::string::npos) << err;
    for (const std::string& w : fault.says) EXPECT_NE(err.find(w), std::string::npos) << err;
    EXPECT_EQ(err.find("terminate"), std::string::npos) << err;
    EXPECT_EQ(ReadAll(db), broken) << "the failed command changed the file";
    const int read = RunIsnad({"stats", "--by", "all", "--db", db}, &err, user);
    if (fault.readable) {
      EXPECT_EQ(read, 0) << err;
    } else {
      EXPECT_EQ(read, 3) << err;
      EXPECT_NE(err.find(db), std::string::npos) << err;
    }
    EXPECT_EQ(ReadAll(db), broken) << "reading changed the file";

    fault.repair(dir, db);
    if (ReadAll(db) != ReadAll(tmp / "backup.db")) {  // damaged: back to the copy
      fs::copy_file(tmp / "backup.db", db, fs::copy_options::overwrite_existing);
    }
    ASSERT_EQ(RunIsnad({"ingest", large, "--db", db}, &err, user), 0) << err;
    ExpectConsistent(db, StoreMode::kReadOnly);
    EXPECT_EQ(Contents(db), Contents(clean));
  }
}

// Two writers on one store: while an ingest runs (it reads standard input, so it is held open
// as long as the test likes), every other writing command fails at once naming the store and
// the reason, and readers work; the first ingest completes unharmed.
TEST(StoreFaultTest, TwoWritersAtOnce) {
  TempDir dir;
  const std::string corpus = dir / "corpus.jsonl", other = dir / "other.jsonl";
  MakeCorpus(corpus, 400);
  {
    std::ofstream out(other);
    std::ifstream sample(std::string(ISNAD_TEST_DATA_DIR) + "/store_sample.jsonl");
    out << sample.rdbuf();
  }
  const std::string db = dir / "s.db", clean = dir / "clean.db", shard = dir / "shard.db";
  ASSERT_EQ(Shell(Bin() + " ingest " + corpus + " " + other + " --db " + clean), 0);
  ASSERT_EQ(Shell(Bin() + " ingest " + other + " --db " + shard), 0);
  std::vector<std::string> lines;
  {
    std::ifstream in(corpus);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  FILE* first =
      popen((Bin() + " ingest - --db " + db + " --batch 20 >/dev/null 2>&1").c_str(), "w");
  ASSERT_NE(first, nullptr);
  for (size_t i = 0; i < lines.size() / 2; ++i) std::fprintf(first, "%s\n", lines[i].c_str());
  std::fflush(first);
  // Wait for its first commits (it commits at least every second).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Count(db, "SELECT COUNT(*) FROM documents") < 100 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(Count(db, "SELECT COUNT(*) FROM documents"), 100);

  struct Second {
    std::vector<std::string> args;
    int status;
  } seconds[] = {
      {{"ingest", other, "--db", db}, 3},
      {{"ingest", "--analyzed", other, "--db", db}, 3},
      {{"reanalyze", "--db", db}, 3},
      {{"merge", shard, "--db", db}, 3},
      {{"stats", "--by", "all", "--db", db}, 0},
      {{"search", "دبلوماسيون", "--db", db}, 0},
      {{"stats", "--runs", "--db", db}, 0},
  };
  for (const Second& s : seconds) {
    SCOPED_TRACE(s.args[0] + " " + s.args[1]);
    std::string err;
    EXPECT_EQ(RunIsnad(s.args, &err, geteuid()), s.status) << err;
    if (s.status != 0) {
      EXPECT_NE(err.find(db), std::string::npos) << err;
      EXPECT_NE(err.find("another isnad process is writing"), std::string::npos) << err;
    }
  }
  for (size_t i = lines.size() / 2; i < lines.size(); ++i) {
    std::fprintf(first, "%s\n", lines[i].c_str());
  }
  const int status = pclose(first);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The refused ingest, run again now, completes the store.
  ASSERT_EQ(Shell(Bin() + " ingest " + other + " --db " + db), 0);
  ExpectConsistent(db, StoreMode::kReadWrite);
  std::map<std::string, json> want = Contents(clean), got = Contents(db);
  EXPECT_EQ(got.size(), want.size());
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace isnad
