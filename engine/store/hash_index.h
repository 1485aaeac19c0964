// A hash index over one column: key -> the rows holding it, in the rows' primary-key order.
//
// Text keys are views into the indexed column's arena (stable for the table's life), so the
// index holds no copy of the keys. Null values are not indexed. Hard-deleted rows are removed;
// soft-deleted rows stay (readers filter them).
//
// A primary key index holds at most one row per key, so it is a set of row ids whose keys are
// read from the column when hashed or compared: 5 bytes a slot instead of a key view and a
// posting list (about 50). It was a quarter of the store's memory.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <span>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"
#include "engine/store/big_alloc.h"
#include "engine/types/hash_grow.h"
#include "engine/store/cell.h"
#include "engine/store/column.h"

namespace linkgraph::store {

class HashIndex {
 public:
  // Up to kInlineRows rows live in the slot: a parent's few children are found without another
  // cache miss (at 1M products, 9.0 -> 7.5 us for a point query with its reviews).
  static constexpr size_t kInlineRows = 6;
  using Posting = boost::container::small_vector<uint32_t, kInlineRows>;

  // The rows found for a key: tests like a pointer (null when the key is absent), reads like a
  // span of row ids. Valid until the index changes.
  class Rows {
   public:
    Rows() = default;
    Rows(std::nullptr_t) {}  // NOLINT: converts from nullptr like a pointer
    Rows(const uint32_t* data, size_t n) : rows_(data, n), found_(true) {}
    explicit operator bool() const { return found_; }
    bool operator==(std::nullptr_t) const { return !found_; }
    const std::span<const uint32_t>& operator*() const { return rows_; }
    const std::span<const uint32_t>* operator->() const { return &rows_; }

   private:
    std::span<const uint32_t> rows_;
    bool found_ = false;
  };

  // REQUIRES: `column` outlives the index. `unique`: the primary key (at most one row per key).
  HashIndex(const Column* column, bool unique);

  bool text_keys() const { return text_keys_; }

  // Adds `row` under `key`, keeping the posting sorted by `less` (row primary-key order).
  // REQUIRES: !key.is_null; the column holds `key` at `row`; for text keys, key.s points into
  // the indexed column's arena.
  template <typename Less>
  void Insert(const Cell& key, uint32_t row, const Less& less) {
    if (unique_) {
      types::GrowBeforeInsert(set_);
      set_.insert(row);
      return;
    }
    text_keys_ ? types::GrowBeforeInsert(text_) : types::GrowBeforeInsert(ints_);
    Posting& p = text_keys_ ? text_[ToAbsl(key.s)] : ints_[key.i];
    if (p.empty() || less(p.back(), row)) {
      p.push_back(row);
    } else {
      p.insert(std::upper_bound(p.begin(), p.end(), row, less), row);
    }
  }

  // Removes `row` from `key`'s posting. REQUIRES: the column still holds `key` at `row`.
  void Erase(const Cell& key, uint32_t row);

  // The rows holding `key`, or null.
  Rows Find(std::string_view key) const {
    if (unique_) return FindUnique(TextKey{key});
    auto it = text_.find(ToAbsl(key));
    return it == text_.end() ? Rows() : Rows(it->second.data(), it->second.size());
  }
  Rows Find(int64_t key) const {
    if (unique_) return FindUnique(IntKey{key});
    auto it = ints_.find(key);
    return it == ints_.end() ? Rows() : Rows(it->second.data(), it->second.size());
  }
  Rows Find(const Cell& key) const {
    if (key.is_null) return Rows();
    return text_keys_ ? Find(key.s) : Find(key.i);
  }

  // Room for `keys` keys without rehashing (the primary key index; others grow as needed).
  void Reserve(size_t keys) {
    if (unique_) set_.reserve(keys);
  }

  size_t key_count() const {
    return unique_ ? set_.size() : (text_keys_ ? text_.size() : ints_.size());
  }
  size_t MemoryBytes() const;

 private:
  static absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

  struct TextKey {
    std::string_view s;
  };
  struct IntKey {
    int64_t i;
  };
  // Hash and equality of the unique set: a stored row hashes as its key; rows compare by id,
  // and with a looked-up key by the row's value.
  struct RowHash {
    using is_transparent = void;
    const Column* column;
    bool text;
    size_t operator()(uint32_t row) const {
      return text ? (*this)(TextKey{column->GetString(row)}) : (*this)(IntKey{column->GetInt(row)});
    }
    size_t operator()(TextKey k) const { return absl::Hash<absl::string_view>()(ToAbsl(k.s)); }
    size_t operator()(IntKey k) const { return absl::Hash<int64_t>()(k.i); }
  };
  struct RowEq {
    using is_transparent = void;
    const Column* column;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t row, TextKey k) const { return column->GetString(row) == k.s; }
    bool operator()(uint32_t row, IntKey k) const { return column->GetInt(row) == k.i; }
    bool operator()(TextKey k, uint32_t row) const { return (*this)(row, k); }
    bool operator()(IntKey k, uint32_t row) const { return (*this)(row, k); }
  };

  template <typename Key>
  Rows FindUnique(Key key) const {
    auto it = set_.find(key);
    return it == set_.end() ? Rows() : Rows(&*it, 1);
  }

  template <class K>
  using Map = absl::flat_hash_map<K, Posting, absl::Hash<K>, std::equal_to<K>,
                                  BigAllocator<std::pair<const K, Posting>>>;
  using Set = absl::flat_hash_set<uint32_t, RowHash, RowEq, BigAllocator<uint32_t>>;

  bool text_keys_;
  bool unique_;
  Map<absl::string_view> text_;
  Map<int64_t> ints_;
  Set set_;
};

}  // namespace linkgraph::store
