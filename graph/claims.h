// Near-duplicate detection for claims: character shingles of normalized text, MinHash
// signatures and LSH banding (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive
// Datasets", ch. 3). Boost-free; used by AttributionGraph::Finish and its tests.
//
//   std::string key = isnad::NormalizeKey(content);            // analyzer/normalizer.h
//   std::vector<uint64_t> sh = isnad::Shingles(key, 5);         // sorted, unique
//   isnad::MinHasher mh(64);
//   std::vector<uint32_t> sig = mh.Signature(sh);
//   double s = isnad::MinHasher::Similarity(sig, other_sig);     // estimates Jaccard(sh, other)
//   isnad::LshIndex lsh(64, 16);  lsh.Add(sig); ...
//   for (auto [i, j] : lsh.Candidates(400)) ...                  // pairs sharing a band
//
// With b bands of r rows, two sets of Jaccard similarity s share a band with probability
// 1 - (1 - s^r)^b: for 16 bands of 4 rows, 0.5 -> 0.65, 0.6 -> 0.88, 0.8 -> 0.9999; 0.2 -> 0.03.
// Hashes are fixed (seeded splitmix64), so signatures are the same on every run and machine.
// Nothing here throws or allocates beyond its results.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isnad {

// The words of normalized text (letters and digits of any script), in order.
std::vector<std::string_view> ContentWords(std::string_view normalized);

// Hashed character k-grams (k code points) of the words of `normalized` joined by one space;
// sorted and unique. A text shorter than k code points gives one shingle (itself); an empty
// text gives none. Precondition: k >= 1, valid UTF-8.
std::vector<uint64_t> Shingles(std::string_view normalized, int k);

// Exact Jaccard similarity of two sorted, unique sets (0 when both are empty).
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

class MinHasher {
 public:
  // Precondition: num_hashes >= 1.
  explicit MinHasher(int num_hashes, uint64_t seed = 0x15ad15ad15ad15adULL);
  int size() const { return static_cast<int>(mul_.size()); }
  // The signature of a shingle set; all 0xffffffff for an empty set.
  std::vector<uint32_t> Signature(const std::vector<uint64_t>& shingles) const;
  // Share of equal positions. Precondition: a.size() == b.size() > 0.
  static double Similarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

 private:
  std::vector<uint64_t> mul_, add_;
};

// LSH banding over signatures of one length.
class LshIndex {
 public:
  // Precondition: bands >= 1 and hashes % bands == 0.
  LshIndex(int hashes, int bands);
  // Adds a signature (copied); returns its index. Precondition: sig.size() == hashes.
  uint32_t Add(const std::vector<uint32_t>& sig);
  size_t size() const { return n_; }
  // Pairs (i < j) that agree on every row of at least one band, each pair once, sorted.
  // Buckets with more than max_bucket members are skipped (0: no limit).
  std::vector<std::pair<uint32_t, uint32_t>> Candidates(size_t max_bucket) const;

 private:
  int hashes_, bands_, rows_;
  size_t n_ = 0;
  std::vector<std::vector<uint64_t>> band_keys_;  // [band][item]
};

}  // namespace isnad
