// A hash index over one column: key -> the rows holding it, in the rows' primary-key order.
//
// Text keys are views into the indexed column's arena (stable for the table's life), so the
// index holds no copy of the keys. Null values are not indexed. Hard-deleted rows are removed;
// soft-deleted rows stay (readers filter them).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "engine/store/big_alloc.h"
#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"
#include "engine/store/cell.h"

namespace linkgraph::store {

class HashIndex {
 public:
  using Posting = boost::container::small_vector<uint32_t, 1>;

  explicit HashIndex(bool text_keys) : text_keys_(text_keys) {}

  bool text_keys() const { return text_keys_; }

  // Adds `row` under `key`, keeping the posting sorted by `less` (row primary-key order).
  // REQUIRES: !key.is_null; for text keys, key.s points into the indexed column's arena.
  template <typename Less>
  void Insert(const Cell& key, uint32_t row, const Less& less) {
    Posting& p = text_keys_ ? text_[ToAbsl(key.s)] : ints_[key.i];
    if (p.empty() || less(p.back(), row)) {
      p.push_back(row);
    } else {
      p.insert(std::upper_bound(p.begin(), p.end(), row, less), row);
    }
  }

  // Removes `row` from `key`'s posting.
  void Erase(const Cell& key, uint32_t row);

  // The rows holding `key`, or nullptr.
  const Posting* Find(std::string_view key) const {
    auto it = text_.find(ToAbsl(key));
    return it == text_.end() ? nullptr : &it->second;
  }
  const Posting* Find(int64_t key) const {
    auto it = ints_.find(key);
    return it == ints_.end() ? nullptr : &it->second;
  }
  const Posting* Find(const Cell& key) const {
    if (key.is_null) return nullptr;
    return text_keys_ ? Find(key.s) : Find(key.i);
  }

  size_t key_count() const { return text_keys_ ? text_.size() : ints_.size(); }
  size_t MemoryBytes() const;

 private:
  static absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

  bool text_keys_;
  template <class K>
  using Map = absl::flat_hash_map<K, Posting, absl::Hash<K>, std::equal_to<K>,
                                  BigAllocator<std::pair<const K, Posting>>>;
  Map<absl::string_view> text_;
  Map<int64_t> ints_;
};

}  // namespace linkgraph::store
