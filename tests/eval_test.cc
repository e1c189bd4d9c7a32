// Accuracy as a regression guard, and the scorer under test: `isnad eval` must print exactly
// the figures of the reference scorer score.py on the same predictions.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Proc {
  int status;
  std::string out;
};

Proc Capture(const std::string& cmd) {
  Proc r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  r.status = pclose(p);
  return r;
}

std::string Gold(const std::string& name) {
  return std::string(ISNAD_TEST_DATA_DIR) + "/gold/" + name;
}

// "attribution_full     P 0.680  R 0.656  F1 0.668  (...)" -> 0.668
double F1(const std::string& out, const std::string& metric) {
  std::regex re(metric + R"(\s+P [0-9.]+\s+R [0-9.]+\s+F1 ([0-9.]+))");
  std::smatch m;
  if (!std::regex_search(out, m, re)) return -1;
  return std::stod(m[1]);
}

nlohmann::json Baseline() {
  std::ifstream in(std::string(ISNAD_TEST_DATA_DIR) + "/accuracy_baseline.json");
  return nlohmann::json::parse(in);
}

struct Case {
  const char* file;
  const char* key;
};

class AccuracyTest : public ::testing::TestWithParam<Case> {};

TEST_P(AccuracyTest, DoesNotDropBelowTheLastFigures) {
  const Case& c = GetParam();
  Proc r = Capture(std::string(ISNAD_BINARY) + " eval " + Gold(c.file) + " 2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  nlohmann::json base = Baseline()[c.key];
  for (auto& [metric, floor] : base.items()) {
    double f1 = F1(r.out, metric);
    ASSERT_GE(f1, 0) << "no " << metric << " line in:\n" << r.out;
    EXPECT_GE(f1 + 1e-9, floor.get<double>()) << metric << " dropped below the baseline\n" << r.out;
  }
}

TEST_P(AccuracyTest, PrintsExactlyWhatScorePyPrints) {
  if (std::system("python3 --version >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 is not installed: cannot run the reference scorer";
  const Case& c = GetParam();
  fs::path pred = fs::temp_directory_path() / ("isnad-eval-" + std::string(c.key) + ".jsonl");
  Proc ours = Capture(std::string(ISNAD_BINARY) + " eval " + Gold(c.file) + " --write-pred " +
                      pred.string() + " 2>/dev/null");
  ASSERT_EQ(ours.status, 0);
  Proc ref = Capture("python3 " + Gold("score.py") + " " + Gold(c.file) + " " + pred.string());
  ASSERT_EQ(ref.status, 0) << ref.out;
  EXPECT_EQ(ours.out, ref.out);
  // And on the saved predictions, through --pred.
  Proc again =
      Capture(std::string(ISNAD_BINARY) + " eval " + Gold(c.file) + " --pred " + pred.string());
  EXPECT_EQ(again.out, ref.out);
  fs::remove(pred);
}

INSTANTIATE_TEST_SUITE_P(Gold, AccuracyTest,
                         ::testing::Values(Case{"dev.jsonl", "dev"},
                                           Case{"disputes-dev.jsonl", "disputes-dev"}),
                         [](const auto& info) {
                           return std::string(info.param.key) == "dev" ? "Dev" : "DisputesDev";
                         });

// Hand-made predictions exercise the scorer's corner cases (optional gold items, names that
// agree by containment, missing documents, via chains) against score.py.
TEST(ScorerTest, AgreesWithScorePyOnCornerCases) {
  if (std::system("python3 --version >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 is not installed";
  fs::path dir = fs::temp_directory_path() / "isnad-scorer-test";
  fs::create_directories(dir);
  std::ofstream(dir / "gold.jsonl")
      << R"({"id":"a","attributions":[)"
      << R"({"cue":{"start":0,"end":4,"text":"وقال"},"source":{"start":5,"end":10,"text":"x"},"source_resolved":"الرئيس الأميركي جو بايدن","source_type":"person","anonymous":false,"content":{"start":12,"end":40,"text":"c"},"form":"indirect","via":["وكالة رويترز"],"stance":"assert"},)"
      << R"({"cue":{"start":50,"end":54,"text":"قال"},"source":null,"source_resolved":"بايدن","source_type":"person","anonymous":false,"content":{"start":55,"end":70,"text":"c"},"form":"direct","via":[],"stance":"assert","optional":true},)"
      << R"({"cue":{"start":80,"end":84,"text":"نفت"},"source":null,"source_resolved":null,"source_type":"unspecified","anonymous":true,"content":{"start":85,"end":99,"text":"c"},"form":"indirect","via":[],"stance":"deny"}],)"
      << R"("disputes":[{"cue":{"start":80,"end":84,"text":"نفت"},"by":"موسكو","against":"واشنطن"}]})"
      << "\n"
      << R"({"id":"b","attributions":[{"cue":{"start":0,"end":3,"text":"قال"},"source":null,"source_resolved":"مصدر مطلع","source_type":"anonymous","anonymous":true,"content":{"start":4,"end":9,"text":"c"},"form":"indirect","via":[],"stance":"assert"}]})"
      << "\n";
  std::ofstream(dir / "pred.jsonl")
      << R"({"id":"a","attributions":[)"
      << R"({"cue":{"start":1,"end":4,"text":"قال"},"source":null,"source_resolved":"بايدن","source_type":"official","anonymous":true,"content":{"start":14,"end":40,"text":"c"},"form":"mixed","via":["رويترز"],"stance":"assert"},)"
      << R"({"cue":{"start":50,"end":54,"text":"قال"},"source":null,"source_resolved":"x","source_type":"person","anonymous":false,"content":{"start":55,"end":70,"text":"c"},"form":"direct","via":[],"stance":"assert"},)"
      << R"({"cue":{"start":200,"end":204,"text":"قال"},"source":null,"source_resolved":null,"source_type":"unspecified","anonymous":true,"content":null,"form":"indirect","via":[],"stance":"deny"}],)"
      << R"("disputes":[{"cue":{"start":81,"end":83,"text":"نف"},"by":"الكرملين","against":"واشنطن"}]})"
      << "\n";
  Proc ref = Capture("python3 " + Gold("score.py") + " " + (dir / "gold.jsonl").string() + " " +
                     (dir / "pred.jsonl").string());
  Proc ours = Capture(std::string(ISNAD_BINARY) + " eval " + (dir / "gold.jsonl").string() +
                      " --pred " + (dir / "pred.jsonl").string());
  ASSERT_EQ(ref.status, 0) << ref.out;
  EXPECT_EQ(ours.out, ref.out);
  fs::remove_all(dir);
}

}  // namespace
