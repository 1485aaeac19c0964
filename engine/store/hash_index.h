// A hash index over one column: key -> the rows holding it, in the rows' primary-key order.
//
// Text keys are views into the indexed column's arena (stable for the table's life), so the
// index holds no copy of the keys. Null values are not indexed. Hard-deleted rows are removed;
// soft-deleted rows stay (readers filter them).
//
// A primary key index holds at most one row per key, so it is a set of row ids whose keys are
// read from the column when compared: 9 bytes a slot (the row and 32 bits of its key's hash)
// instead of a key view and a posting list (about 50).
//
// The index is split in shards by the keys' hash, each copied on write: copies of the index
// share every shard, and a copy given a writer's stamp (BeginWrite) copies a shard before its
// first change to it, so a write costs one shard copy and the versions sharing the index never
// see it. Shards split (4 for 1) as the index grows, so each holds about kShardKeys keys.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"
#include "engine/store/big_alloc.h"
#include "engine/store/cell.h"
#include "engine/store/column.h"
#include "engine/store/version_stamp.h"
#include "engine/types/hash_grow.h"

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

  // REQUIRES: `column` outlives the index (or the index is rebound to a copy of it first).
  // `unique`: the primary key (at most one row per key).
  HashIndex(const Column* column, bool unique);
  // A copy shares the shards; it reads keys from the column it is rebound to.
  HashIndex(const HashIndex&) = default;
  HashIndex& operator=(const HashIndex&) = delete;
  // Points the index at `column`, a copy of the column it was built for.
  void Rebind(const Column* column) { column_ = column; }
  // Lets this copy write (see the file comment).
  void BeginWrite(Stamp stamp) { stamp_ = stamp; }

  bool text_keys() const { return text_keys_; }

  // Adds `row` under `key`, keeping the posting sorted by `less` (row primary-key order).
  // REQUIRES: a writer; !key.is_null; the column holds `key` at `row`; for text keys, key.s
  // points into the indexed column's arena.
  template <typename Less>
  void Insert(const Cell& key, uint32_t row, const Less& less) {
    const size_t h = HashOf(key);
    if (key_count_ + 1 > (kShardKeys << bits_)) Reshard(bits_ + 2);
    Shard& shard = MutableShard(ShardOf(h));
    if (unique_) {
      types::GrowBeforeInsert(shard.set);
      shard.set.insert(Element(h, row));
      ++key_count_;
      return;
    }
    Posting* p;
    if (text_keys_) {
      types::GrowBeforeInsert(shard.text);
      auto [it, added] = shard.text.try_emplace(TextKey::Of(key.s, h));
      key_count_ += added;
      p = &it->second;
    } else {
      types::GrowBeforeInsert(shard.ints);
      auto [it, added] = shard.ints.try_emplace(key.i);
      key_count_ += added;
      p = &it->second;
    }
    if (p->empty() || less(p->back(), row)) {
      p->push_back(row);
    } else {
      p->insert(std::upper_bound(p->begin(), p->end(), row, less), row);
    }
  }

  // Adds `rows` (walked in primary-key order, so each posting stays in that order) under their
  // keys in the column; null keys are skipped. The rows are grouped by shard first and each
  // shard sized once and filled while its table is in cache, where Insert row by row probes
  // anywhere in the whole index and grows each shard's table step by step. `keys`: how many
  // distinct keys the rows hold (a hint; 0 when unknown), which sizes the shards. Ends with the
  // shard count Insert would have reached. REQUIRES: a writer; the index is empty.
  void LoadRows(const std::vector<uint32_t>& rows, size_t keys);

  // Removes `row` from `key`'s posting. REQUIRES: a writer; the column still holds `key` at
  // `row`.
  void Erase(const Cell& key, uint32_t row);

  // The rows holding `key`, or null.
  Rows Find(std::string_view key) const {
    const size_t h = absl::Hash<absl::string_view>()(ToAbsl(key));
    const Shard* shard = shards_[ShardOf(h)].get();
    if (shard == nullptr) return Rows();
    if (unique_) return FindUnique(*shard, Lookup{static_cast<uint32_t>(h), key, 0, column_});
    auto it = shard->text.find(TextKey::Of(key, h));
    return it == shard->text.end() ? Rows() : Rows(it->second.data(), it->second.size());
  }
  Rows Find(int64_t key) const {
    const size_t h = absl::Hash<int64_t>()(key);
    const Shard* shard = shards_[ShardOf(h)].get();
    if (shard == nullptr) return Rows();
    if (unique_) return FindUnique(*shard, Lookup{static_cast<uint32_t>(h), {}, key, column_});
    auto it = shard->ints.find(key, h);
    return it == shard->ints.end() ? Rows() : Rows(it->second.data(), it->second.size());
  }
  Rows Find(const Cell& key) const {
    if (key.is_null) return Rows();
    return text_keys_ ? Find(key.s) : Find(key.i);
  }

  // Looks up the key `keys` holds at each of `rows` and calls `fn(i, Rows)` for i = 0, 1, ... in
  // order (null keys find nothing), until `fn` returns false. The same answers as Find, with the
  // cache misses of many lookups overlapped: a lookup is a chain of dependent misses (the key's
  // value, its bytes, the shard, the table group, the stored key), so each lookup's first links
  // are started a few lookups ahead of the one being finished. `keys` is read as this version of
  // its table holds it; its type is the indexed column's.
  template <typename Fn>
  void FindEach(const Column& keys, std::span<const uint32_t> rows, Fn&& fn) const {
    // Stage lags, in lookups: read the key (its value's line was prefetched kRead lookups ago),
    // hash it and prefetch the shard, prefetch the table group, [unique index: take the
    // candidate row whose stored hash bits match and prefetch its key's reference, then its
    // bytes,] probe (a unique index checks the candidate's key, else finds as Find does).
    constexpr size_t kRead = 4, kShard = 8, kGroup = 12, kCandidate = 16, kCandidateKey = 20,
                     kProbe = 24, kRing = 32, kFewRows = 2;
    struct Pending {
      Cell key;
      size_t h = 0;
      const Shard* shard = nullptr;
      const uint64_t* candidate = nullptr;
    };
    Pending ring[kRing];
    const size_t n = rows.size();
    if (n <= kFewRows) {  // nothing to overlap
      for (size_t i = 0; i < n; ++i) {
        if (!fn(i, Find(keys.Get(rows[i])))) return;
      }
      return;
    }
    const bool text_unique = unique_ && catalog::IsStringStored(column_->type());
    auto at = [&](size_t i, size_t lag) -> Pending* {
      return i >= lag && i - lag < n ? &ring[(i - lag) % kRing] : nullptr;
    };
    for (size_t i = 0; i < n + kProbe; ++i) {
      if (i < n) keys.Prefetch(rows[i]);
      if (Pending* p = at(i, kRead)) {
        p->key = keys.Get(rows[i - kRead]);
        p->shard = nullptr;
        p->candidate = nullptr;
        if (!p->key.is_null && text_keys_) __builtin_prefetch(p->key.s.data());
      }
      if (Pending* p = at(i, kShard); p != nullptr && !p->key.is_null) {
        p->h = HashOf(p->key);
        p->shard = shards_[ShardOf(p->h)].get();
        if (p->shard != nullptr) __builtin_prefetch(p->shard);
      }
      if (Pending* p = at(i, kGroup); p != nullptr && p->shard != nullptr) {
        PrefetchGroup(*p->shard, p->key, p->h);
      }
      if (unique_) {
        if (Pending* p = at(i, kCandidate); p != nullptr && p->shard != nullptr) {
          auto it = p->shard->set.find(HashOnly{static_cast<uint32_t>(p->h)});
          if (it != p->shard->set.end()) {
            p->candidate = &*it;
            column_->Prefetch(static_cast<uint32_t>(*it));
          }
        }
        if (Pending* p = at(i, kCandidateKey); p != nullptr && p->candidate && text_unique) {
          __builtin_prefetch(column_->GetString(static_cast<uint32_t>(*p->candidate)).data());
        }
      }
      if (i >= kProbe) {
        const Pending& p = ring[(i - kProbe) % kRing];
        Rows found;
        if (p.candidate != nullptr && CandidateHolds(*p.candidate, p.key)) {
          static_assert(std::endian::native == std::endian::little);
          found = Rows(reinterpret_cast<const uint32_t*>(p.candidate), 1);
        } else if (p.shard != nullptr) {
          found = FindHashed(*p.shard, p.key, p.h);
        }
        if (!fn(i - kProbe, found)) return;
      }
    }
  }

  // Room for `keys` keys in all: shards for them (the primary key index before a load).
  // REQUIRES: a writer.
  void Reserve(size_t keys);

  size_t key_count() const { return key_count_; }
  size_t MemoryBytes() const;

 private:
  // A commit copies each shard it writes, so this bounds a small commit's copying; the
  // directory a written index copies grows as keys / kShardKeys. linkgraph-bench writes at S
  // (500k reviews): one-row creates 1,082/s with 4,096 keys a shard, 4,278/s with 1,024,
  // 9,250/s with 256 (RSS 170, 177, 184 MB); at 5M keys 1,024 keeps the directory at 5k shards.
  static constexpr size_t kShardKeys = 1024;
  static absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

  // A unique index's element: 32 bits of the key's hash above the row id. The row is read back
  // with `static_cast<uint32_t>(e)`.
  static uint64_t Element(size_t h, uint32_t row) {
    return (uint64_t{static_cast<uint32_t>(h)} << 32) | row;
  }
  // A looked-up key with the column to compare stored rows' keys with (this version's).
  struct Lookup {
    uint32_t h32;
    std::string_view s;
    int64_t i;
    const Column* column;
  };
  // A looked-up hash alone: finds the first element whose stored hash bits match, without
  // reading its key (a candidate, checked later).
  struct HashOnly {
    uint32_t h32;
  };
  struct ElementHash {
    using is_transparent = void;
    size_t operator()(uint64_t e) const { return absl::Hash<uint32_t>()(e >> 32); }
    size_t operator()(const Lookup& k) const { return absl::Hash<uint32_t>()(k.h32); }
    size_t operator()(const HashOnly& k) const { return absl::Hash<uint32_t>()(k.h32); }
  };
  struct ElementEq {
    using is_transparent = void;
    bool operator()(uint64_t a, uint64_t b) const { return a == b; }
    bool operator()(uint64_t e, const Lookup& k) const {
      if ((e >> 32) != k.h32) return false;
      const uint32_t row = static_cast<uint32_t>(e);
      return catalog::IsStringStored(k.column->type()) ? k.column->GetString(row) == k.s
                                                       : k.column->GetInt(row) == k.i;
    }
    bool operator()(const Lookup& k, uint64_t e) const { return (*this)(e, k); }
    bool operator()(uint64_t e, const HashOnly& k) const { return (e >> 32) == k.h32; }
    bool operator()(const HashOnly& k, uint64_t e) const { return (*this)(e, k); }
  };

  // A text key: a view of the column's bytes with the low 32 bits of its hash, in the 16 bytes
  // of a string_view. A commit copies each shard it writes, and a copy inserts every key again:
  // with the hash at hand that reads none of the keys' bytes (scattered over the arena; reading
  // them was half the cost of a one-row commit).
  struct TextKey {
    const char* data;
    uint32_t size;
    uint32_t h32;
    static TextKey Of(std::string_view s, size_t h) {
      return TextKey{s.data(), static_cast<uint32_t>(s.size()), static_cast<uint32_t>(h)};
    }
    std::string_view view() const { return {data, size}; }
  };
  struct TextKeyHash {
    // The 32 bits spread over 64 (the table's position and control bits read different ones).
    size_t operator()(const TextKey& k) const { return k.h32 * uint64_t{0x9E3779B97F4A7C15}; }
  };
  struct TextKeyEq {
    bool operator()(const TextKey& a, const TextKey& b) const {
      return a.h32 == b.h32 && a.view() == b.view();
    }
  };
  template <class K, class H = absl::Hash<K>, class Eq = std::equal_to<K>>
  using Map = absl::flat_hash_map<K, Posting, H, Eq, BigAllocator<std::pair<const K, Posting>>>;
  using Set = absl::flat_hash_set<uint64_t, ElementHash, ElementEq, BigAllocator<uint64_t>>;

  struct Shard {
    Stamp stamp = kReadOnly;
    Map<TextKey, TextKeyHash, TextKeyEq> text;
    Map<int64_t> ints;
    Set set;
  };
  struct Dir {
    Stamp stamp = kReadOnly;
    int bits = 0;  // shards = 2^bits, chosen by the hash's top bits
    std::vector<std::shared_ptr<Shard>> shards;
  };

  size_t HashOf(const Cell& key) const {
    return text_keys_ ? absl::Hash<absl::string_view>()(ToAbsl(key.s))
                      : absl::Hash<int64_t>()(key.i);
  }
  static size_t ShardOf(size_t h, int bits) { return bits == 0 ? 0 : h >> (64 - bits); }
  size_t ShardOf(size_t h) const { return ShardOf(h, bits_); }
  // Starts loading the table group and slots where `key` (hashed to `h`) would be. Always
  // inlined: GCC finds a call that only prefetches free of effects and drops it.
  [[gnu::always_inline]] void PrefetchGroup(const Shard& shard, const Cell& key, size_t h) const {
    if (unique_) {
      shard.set.prefetch(Lookup{static_cast<uint32_t>(h), key.s, key.i, column_});
    } else if (text_keys_) {
      shard.text.prefetch(TextKey::Of(key.s, h));
    } else {
      shard.ints.prefetch(key.i);
    }
  }
  // True when a unique index's element `e` holds `key`.
  bool CandidateHolds(uint64_t e, const Cell& key) const {
    const uint32_t row = static_cast<uint32_t>(e);
    return catalog::IsStringStored(column_->type()) ? column_->GetString(row) == key.s
                                                    : column_->GetInt(row) == key.i;
  }
  // Find of a non-null `key` hashed to `h` in its shard.
  Rows FindHashed(const Shard& shard, const Cell& key, size_t h) const {
    if (unique_) {
      return FindUnique(shard, Lookup{static_cast<uint32_t>(h), key.s, key.i, column_});
    }
    if (text_keys_) {
      auto it = shard.text.find(TextKey::Of(key.s, h));
      return it == shard.text.end() ? Rows() : Rows(it->second.data(), it->second.size());
    }
    auto it = shard.ints.find(key.i, h);
    return it == shard.ints.end() ? Rows() : Rows(it->second.data(), it->second.size());
  }
  Rows FindUnique(const Shard& shard, const Lookup& key) const {
    auto it = shard.set.find(key);
    if (it == shard.set.end()) return Rows();
    // The row id is the element's low half.
    static_assert(std::endian::native == std::endian::little);
    return Rows(reinterpret_cast<const uint32_t*>(&*it), 1);
  }
  // This writer's own copy of shard `i` (created when absent).
  Shard& MutableShard(size_t i);
  // Splits the index into 2^bits shards, every one new.
  void Reshard(int bits);
  // Makes `dir` this version's directory.
  void SetDir(std::shared_ptr<Dir> dir) {
    dir_ = std::move(dir);
    shards_ = dir_->shards.data();
    bits_ = dir_->bits;
  }

  const Column* column_;
  bool text_keys_;
  bool unique_;
  size_t key_count_ = 0;
  Stamp stamp_ = kReadOnly;
  std::shared_ptr<Dir> dir_;
  // dir_'s shards and bits, read by every lookup without going through dir_.
  const std::shared_ptr<Shard>* shards_ = nullptr;
  int bits_ = 0;
};

}  // namespace linkgraph::store
