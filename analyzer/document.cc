// temporary stub
#include "analyzer/document.h"
#include <fstream>
#include <sstream>
#include <deque>
#include <nlohmann/json.hpp>
namespace isnad {
Result<Document> MakeDocument(std::string text, std::string name, const ReadOptions&) {
  Document d; d.text = std::move(text); d.id = name; d.source = name; d.body = Span{0, (uint32_t)d.text.size()}; return d; }
void RecognizeLayout(Document*) {}
struct DocumentReader::Impl { std::deque<Document> q; std::vector<Diagnostic> diags; };
DocumentReader::DocumentReader(ReadOptions) : impl_(new Impl) {}
DocumentReader::~DocumentReader() = default;
void DocumentReader::Add(std::string path) {
  std::ifstream in(path); std::string line;
  if (path.size() > 6 && path.substr(path.size()-6) == ".jsonl") {
    while (std::getline(in, line)) { auto j = nlohmann::json::parse(line, nullptr, false); if (j.is_discarded()) continue;
      Document d; d.id = j["id"]; d.text = j["text"]; if (j.contains("outlet") && j["outlet"].is_string()) d.outlet = j["outlet"]; d.body = Span{0,(uint32_t)d.text.size()}; impl_->q.push_back(d);} return; }
  std::stringstream ss; ss << in.rdbuf(); Document d; d.id = path; d.text = ss.str(); d.body = Span{0,(uint32_t)d.text.size()}; impl_->q.push_back(d);
}
bool DocumentReader::Next(Document* d) { if (impl_->q.empty()) return false; *d = impl_->q.front(); impl_->q.pop_front(); return true; }
const std::vector<Diagnostic>& DocumentReader::diagnostics() const { return impl_->diags; }
}
