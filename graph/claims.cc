#include "graph/claims.h"

#include <algorithm>

#include "analyzer/normalizer.h"
#include "analyzer/utf8.h"

namespace isnad {
namespace {

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return SplitMix64(h);
}

}  // namespace

std::vector<std::string_view> ContentWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    int len = 1;
    char32_t c = utf8::Decode(s, i, &len);
    if (IsWordChar(c)) {
      if (start == std::string_view::npos) start = i;
    } else if (start != std::string_view::npos) {
      out.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

std::vector<uint64_t> Shingles(std::string_view normalized, int k) {
  std::vector<uint64_t> out;
  if (k < 1) k = 1;
  std::string joined;
  for (std::string_view w : ContentWords(normalized)) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  if (joined.empty()) return out;
  std::vector<uint32_t> starts;  // code point boundaries, plus the end
  for (size_t i = 0; i < joined.size(); ++i)
    if ((static_cast<unsigned char>(joined[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(joined.size());
  size_t n = starts.size() - 1;
  if (n <= static_cast<size_t>(k)) {
    out.push_back(HashBytes(joined));
    return out;
  }
  out.reserve(n - k + 1);
  for (size_t i = 0; i + k <= n; ++i)
    out.push_back(HashBytes(std::string_view(joined).substr(starts[i], starts[i + k] - starts[i])));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

MinHasher::MinHasher(int num_hashes, uint64_t seed) {
  if (num_hashes < 1) num_hashes = 1;
  uint64_t s = seed;
  for (int i = 0; i < num_hashes; ++i) {
    s = SplitMix64(s);
    mul_.push_back(s | 1);  // odd multipliers: multiply-shift hashing
    s = SplitMix64(s);
    add_.push_back(s);
  }
}

std::vector<uint32_t> MinHasher::Signature(const std::vector<uint64_t>& shingles) const {
  std::vector<uint32_t> sig(mul_.size(), 0xffffffffu);
  for (uint64_t x : shingles) {
    for (size_t i = 0; i < mul_.size(); ++i) {
      uint32_t h = static_cast<uint32_t>((mul_[i] * x + add_[i]) >> 32);
      sig[i] = std::min(sig[i], h);
    }
  }
  return sig;
}

double MinHasher::Similarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0;
  size_t eq = 0;
  for (size_t i = 0; i < n; ++i) eq += a[i] == b[i];
  return static_cast<double>(eq) / static_cast<double>(n);
}

LshIndex::LshIndex(int hashes, int bands)
    : hashes_(hashes), bands_(std::max(1, bands)), rows_(std::max(1, hashes / std::max(1, bands))) {
  band_keys_.resize(bands_);
}

uint32_t LshIndex::Add(const std::vector<uint32_t>& sig) {
  for (int b = 0; b < bands_; ++b) {
    uint64_t h = static_cast<uint64_t>(b) * 0x9e3779b97f4a7c15ULL;
    for (int r = 0; r < rows_; ++r) {
      size_t i = static_cast<size_t>(b) * rows_ + r;
      h = SplitMix64(h ^ (i < sig.size() ? sig[i] : 0));
    }
    band_keys_[b].push_back(h);
  }
  return static_cast<uint32_t>(n_++);
}

std::vector<std::pair<uint32_t, uint32_t>> LshIndex::Candidates(size_t max_bucket) const {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<std::pair<uint64_t, uint32_t>> keyed(n_);
  for (int b = 0; b < bands_; ++b) {
    for (size_t i = 0; i < n_; ++i) keyed[i] = {band_keys_[b][i], static_cast<uint32_t>(i)};
    std::sort(keyed.begin(), keyed.end());
    for (size_t s = 0; s < keyed.size();) {
      size_t e = s + 1;
      while (e < keyed.size() && keyed[e].first == keyed[s].first) ++e;
      if (e - s > 1 && (max_bucket == 0 || e - s <= max_bucket)) {
        for (size_t i = s; i < e; ++i)
          for (size_t j = i + 1; j < e; ++j) pairs.emplace_back(keyed[i].second, keyed[j].second);
      }
      s = e;
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace isnad
