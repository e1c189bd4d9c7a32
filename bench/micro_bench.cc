// Micro-benchmarks of isnad's stages on real articles (Google Benchmark).
//
//   build/bench/isnad_micro_bench                              # everything
//   build/bench/isnad_micro_bench --benchmark_filter=Analyze   # one stage
//
// Articles: tests/data/seed.txt (the seed article, web-page layout) and the records of
// tests/data/corpus-small.jsonl (ANT corpus articles). "bytes_per_second" is original text
// bytes per second; "items_per_second" is articles per second.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/document.h"
#include "analyzer/normalizer.h"
#include "analyzer/segmenter.h"
#include "analyzer/tokenizer.h"
#include "reports/json_report.h"
#include "rules/rule_set.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "isnad_micro_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The benchmark articles, read once.
const std::vector<isnad::Document>& Articles(bool seed_only) {
  static const auto* all = [] {
    auto* docs = new std::vector<isnad::Document>;
    const std::string dir = std::string(ISNAD_SOURCE_DIR) + "/tests/data/";
    auto seed = isnad::MakeDocument(ReadFile(dir + "seed.txt"), "seed.txt");
    if (!seed.ok()) std::exit(2);
    docs->push_back(*seed);
    isnad::DocumentReader reader;
    reader.Add(dir + "corpus-small.jsonl");
    isnad::Document d;
    while (reader.Next(&d))
      if (d.error.ok()) docs->push_back(d);
    return docs;
  }();
  static const auto* seed = new std::vector<isnad::Document>(all->begin(), all->begin() + 1);
  return seed_only ? *seed : *all;
}

const isnad::RuleSet& Rules() {
  static const isnad::RuleSet* rules = [] {
    auto r = isnad::RuleSet::LoadDefault();
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.error().ToString().c_str());
      std::exit(2);
    }
    return new isnad::RuleSet(*r);
  }();
  return *rules;
}

int64_t TotalBytes(const std::vector<isnad::Document>& docs) {
  int64_t n = 0;
  for (const auto& d : docs) n += static_cast<int64_t>(d.text.size());
  return n;
}

void Report(benchmark::State& state, const std::vector<isnad::Document>& docs) {
  state.SetBytesProcessed(state.iterations() * TotalBytes(docs));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}

// range(0): 1 = the seed article only, 0 = all benchmark articles.
void BM_MakeDocument(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  for (auto _ : state)
    for (const auto& d : docs) {
      auto r = isnad::MakeDocument(d.text, "bench");
      benchmark::DoNotOptimize(r);
    }
  Report(state, docs);
}
BENCHMARK(BM_MakeDocument)->Arg(1)->Arg(0);

void BM_Normalize(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  for (auto _ : state)
    for (const auto& d : docs) {
      isnad::NormalizedText n = isnad::Normalize(d.text);
      benchmark::DoNotOptimize(n);
    }
  Report(state, docs);
}
BENCHMARK(BM_Normalize)->Arg(1)->Arg(0);

void BM_Tokenize(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  std::vector<isnad::NormalizedText> norm;
  for (const auto& d : docs) norm.push_back(isnad::Normalize(d.text));
  for (auto _ : state)
    for (const auto& n : norm) {
      std::vector<isnad::Token> t = isnad::Tokenize(n.text);
      benchmark::DoNotOptimize(t);
    }
  Report(state, docs);
}
BENCHMARK(BM_Tokenize)->Arg(1)->Arg(0);

void BM_SplitSentences(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  isnad::SentenceSplitter splitter;
  std::vector<isnad::NormalizedText> norm;
  std::vector<std::vector<isnad::Token>> toks;
  for (const auto& d : docs) {
    norm.push_back(isnad::Normalize(d.text));
    toks.push_back(isnad::Tokenize(norm.back().text));
  }
  for (auto _ : state)
    for (size_t i = 0; i < norm.size(); ++i) {
      auto s = splitter.Split(norm[i].text, toks[i]);
      benchmark::DoNotOptimize(s);
    }
  Report(state, docs);
}
BENCHMARK(BM_SplitSentences)->Arg(1)->Arg(0);

void BM_LexiconMatch(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  const isnad::RuleSet& rules = Rules();
  std::vector<isnad::NormalizedText> norm;
  std::vector<std::vector<isnad::Token>> toks;
  for (const auto& d : docs) {
    norm.push_back(isnad::Normalize(d.text));
    toks.push_back(isnad::Tokenize(norm.back().text));
  }
  std::vector<isnad::LexHit> hits;
  for (auto _ : state)
    for (size_t i = 0; i < norm.size(); ++i) {
      hits.clear();
      rules.Match(norm[i].text, toks[i], &hits);
      benchmark::DoNotOptimize(hits.data());
    }
  Report(state, docs);
}
BENCHMARK(BM_LexiconMatch)->Arg(1)->Arg(0);

// Whole-article analysis (normalize, tokenize, match, sentences, attributions, disputes).
// Analyze takes the Document by value: the copy of each article is included.
void BM_Analyze(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  isnad::Analyzer analyzer(Rules());
  for (auto _ : state)
    for (const auto& d : docs) {
      isnad::Analysis a = analyzer.Analyze(d);
      benchmark::DoNotOptimize(a);
    }
  Report(state, docs);
}
BENCHMARK(BM_Analyze)->Arg(1)->Arg(0);

void BM_AnalyzeToJson(benchmark::State& state) {
  const auto& docs = Articles(state.range(0));
  isnad::Analyzer analyzer(Rules());
  for (auto _ : state)
    for (const auto& d : docs) {
      std::string s = isnad::ToJson(analyzer.Analyze(d)).dump();
      benchmark::DoNotOptimize(s);
    }
  Report(state, docs);
}
BENCHMARK(BM_AnalyzeToJson)->Arg(1)->Arg(0);

// Loading, validating and compiling the built-in rules (target: <= 50 ms).
void BM_RulesLoadDefault(benchmark::State& state) {
  for (auto _ : state) {
    auto r = isnad::RuleSet::LoadDefault();
    if (!r.ok()) state.SkipWithError("the built-in rules do not load");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_RulesLoadDefault)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
