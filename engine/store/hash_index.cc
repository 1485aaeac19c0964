#include "engine/store/hash_index.h"

namespace linkgraph::store {

// Staged posting lists move when their vector grows, rather than being copied.
static_assert(std::is_nothrow_move_constructible_v<HashIndex::Posting>);

HashIndex::HashIndex(const Column* column, bool unique)
    : column_(column),
      text_keys_(catalog::IsStringStored(column->type())),
      unique_(unique) {
  auto dir = std::make_shared<Dir>();
  dir->shards.resize(1);
  SetDir(std::move(dir));
}

HashIndex::Shard& HashIndex::MutableShard(size_t i) {
  if (dir_->stamp != stamp_) {
    auto d = std::make_shared<Dir>(*dir_);
    d->stamp = stamp_;
    SetDir(std::move(d));
  }
  std::shared_ptr<Shard>& slot = dir_->shards[i];
  if (slot == nullptr) {
    slot = std::make_shared<Shard>();
    slot->stamp = stamp_;
  } else if (slot->stamp != stamp_) {
    // Copied without absl's copy constructors, which leave a container corrupt when an
    // allocation fails (see types::ReserveSafely).
    auto copy = std::make_shared<Shard>();
    copy->stamp = stamp_;
    if (unique_) {
      types::ReserveSafely(copy->set, slot->set.size());
      for (uint64_t e : slot->set) copy->set.insert(e);
    } else if (text_keys_) {
      types::CopySafely(slot->text, copy->text);
    } else {
      types::CopySafely(slot->ints, copy->ints);
    }
    slot = std::move(copy);
  }
  return *slot;
}

void HashIndex::Reshard(int bits) {
  const size_t n = size_t{1} << bits;
  auto shard_of = [&](size_t h) { return ShardOf(h, bits); };
  // Staged in vectors first (they clean up after themselves if an allocation fails), then moved
  // into containers reserved safely (see types::ReserveSafely).
  std::vector<std::vector<uint64_t>> elements(unique_ ? n : 0);
  std::vector<std::vector<std::pair<TextKey, Posting>>> text(unique_ || !text_keys_ ? 0 : n);
  std::vector<std::vector<std::pair<int64_t, Posting>>> ints(unique_ || text_keys_ ? 0 : n);
  const size_t room = (key_count_ >> bits) + 16;
  for (auto& v : elements) v.reserve(room);
  for (auto& v : text) v.reserve(room);
  for (auto& v : ints) v.reserve(room);
  // A posting list of this writer's own shard moves (no other version sees the shard, and a
  // failed write drops the writer's version); a shared shard's is copied. Copying the lists a
  // load's shards outgrow would leave their old buffers freed all over the heap, and later
  // allocations would draw on them cold (at 5M reviews: +12% on a point query, in malloc).
  for (const auto& old : dir_->shards) {
    if (old == nullptr) continue;
    for (uint64_t e : old->set) {
      const uint32_t row = static_cast<uint32_t>(e);
      const size_t h = text_keys_ ? absl::Hash<absl::string_view>()(ToAbsl(column_->GetString(row)))
                                  : absl::Hash<int64_t>()(column_->GetInt(row));
      elements[shard_of(h)].push_back(e);
    }
    const bool own = old->stamp == stamp_;
    for (auto& [k, p] : old->text) {
      auto& to = text[shard_of(absl::Hash<absl::string_view>()(ToAbsl(k.view())))];
      own ? to.emplace_back(k, std::move(p)) : to.emplace_back(k, p);
    }
    for (auto& [k, p] : old->ints) {
      auto& to = ints[shard_of(absl::Hash<int64_t>()(k))];
      own ? to.emplace_back(k, std::move(p)) : to.emplace_back(k, p);
    }
  }
  auto d = std::make_shared<Dir>();
  d->stamp = stamp_;
  d->bits = bits;
  d->shards.resize(n);
  for (size_t i = 0; i < n; ++i) {
    auto shard = std::make_shared<Shard>();
    shard->stamp = stamp_;
    if (unique_) {
      types::ReserveSafely(shard->set, std::max(room, elements[i].size()));
      for (uint64_t e : elements[i]) shard->set.insert(e);
    } else if (text_keys_) {
      types::ReserveSafely(shard->text, std::max(room, text[i].size()));
      for (auto& [k, p] : text[i]) shard->text.emplace(k, std::move(p));
    } else {
      types::ReserveSafely(shard->ints, std::max(room, ints[i].size()));
      for (auto& [k, p] : ints[i]) shard->ints.emplace(k, std::move(p));
    }
    d->shards[i] = std::move(shard);
  }
  SetDir(std::move(d));
}

void HashIndex::Reserve(size_t keys) {
  int bits = bits_;
  while (keys > (kShardKeys << bits)) bits += 2;
  if (bits != bits_) Reshard(bits);
}

void HashIndex::LoadRows(const std::vector<uint32_t>& rows, size_t keys) {
  if (unique_) keys = rows.size();
  Reserve(keys);
  // Each row's key is read once, in pk order (near the rows' order), with its hash: the inserts
  // below go shard by shard, in an order random to the column, and would otherwise load each
  // row's string reference again (a cache miss per row).
  struct Keyed {
    size_t h;
    uint32_t row;
    uint32_t len;       // text keys
    const char* text;   // text keys
    int64_t value;      // integer keys
  };
  const size_t shards = size_t{1} << bits_;
  std::vector<Keyed> keyed;
  keyed.reserve(rows.size());
  std::vector<size_t> start(shards + 1, 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t r = rows[i];
    if (i + 8 < rows.size()) column_->Prefetch(rows[i + 8]);
    if (column_->IsNull(r)) continue;
    Keyed k{0, r, 0, nullptr, 0};
    if (text_keys_) {
      const std::string_view v = column_->GetString(r);
      k.h = absl::Hash<absl::string_view>()(ToAbsl(v));
      k.text = v.data();
      k.len = static_cast<uint32_t>(v.size());
    } else {
      k.value = column_->GetInt(r);
      k.h = absl::Hash<int64_t>()(k.value);
    }
    keyed.push_back(k);
    ++start[ShardOf(k.h) + 1];
  }
  for (size_t i = 0; i < shards; ++i) start[i + 1] += start[i];
  std::vector<Keyed> by_shard(keyed.size());
  {
    std::vector<size_t> at(start.begin(), start.end() - 1);
    for (const Keyed& k : keyed) by_shard[at[ShardOf(k.h)]++] = k;  // stable: pk order kept
  }
  keyed = std::vector<Keyed>();
  for (size_t i = 0; i < shards; ++i) {
    if (start[i] == start[i + 1]) continue;
    Shard& shard = MutableShard(i);
    // This shard's share of the keys (all of its rows for a unique index).
    const size_t n = start[i + 1] - start[i];
    const size_t room = unique_ ? n : (keys == 0 ? 0 : std::min(n, static_cast<size_t>(static_cast<double>(keys) * static_cast<double>(n) /
                                          static_cast<double>(by_shard.size())) + 8));
    if (unique_) {
      types::ReserveSafely(shard.set, room);
    } else if (text_keys_) {
      types::ReserveSafely(shard.text, room);
    } else {
      types::ReserveSafely(shard.ints, room);
    }
    for (size_t j = start[i]; j < start[i + 1]; ++j) {
      // A shard's keys lie anywhere in the column's arena: their bytes are loaded ahead.
      if (text_keys_ && j + 8 < by_shard.size()) __builtin_prefetch(by_shard[j + 8].text);
      const Keyed& k = by_shard[j];
      if (unique_) {
        types::GrowBeforeInsert(shard.set);
        shard.set.insert(Element(k.h, k.row));
        ++key_count_;
        continue;
      }
      Posting* p;
      if (text_keys_) {
        types::GrowBeforeInsert(shard.text);
        auto [it, added] = shard.text.try_emplace(TextKey::Of({k.text, k.len}, k.h));
        key_count_ += added;
        p = &it->second;
      } else {
        types::GrowBeforeInsert(shard.ints);
        auto [it, added] = shard.ints.try_emplace(k.value);
        key_count_ += added;
        p = &it->second;
      }
      p->push_back(k.row);
    }
  }
  Reserve(key_count_);  // splits the shards if they were not sized for the keys
}

void HashIndex::Erase(const Cell& key, uint32_t row) {
  if (key.is_null) return;
  const size_t h = HashOf(key);
  const size_t i = ShardOf(h);
  if (dir_->shards[i] == nullptr) return;
  Shard& shard = MutableShard(i);
  if (unique_) {
    key_count_ -= shard.set.erase(Element(h, row));
    return;
  }
  auto erase_from = [&](auto& map, auto it) {
    if (it == map.end()) return;
    Posting& p = it->second;
    auto pos = std::find(p.begin(), p.end(), row);
    if (pos != p.end()) p.erase(pos);
    if (p.empty()) {
      map.erase(it);
      --key_count_;
    }
  };
  if (text_keys_) {
    erase_from(shard.text, shard.text.find(TextKey::Of(key.s, h)));
  } else {
    erase_from(shard.ints, shard.ints.find(key.i));
  }
}

size_t HashIndex::MemoryBytes() const {
  size_t bytes = dir_->shards.capacity() * sizeof(std::shared_ptr<Shard>);
  const size_t per_slot =
      sizeof(Posting) + (text_keys_ ? sizeof(TextKey) : sizeof(int64_t)) + 1;
  for (const auto& shard : dir_->shards) {
    if (shard == nullptr) continue;
    bytes += sizeof(Shard);
    if (unique_) {
      bytes += shard->set.capacity() * (sizeof(uint64_t) + 1);
      continue;
    }
    bytes += (text_keys_ ? shard->text.capacity() : shard->ints.capacity()) * per_slot;
    auto spill = [&](const auto& map) {
      for (const auto& [k, p] : map) {
        if (p.capacity() > kInlineRows) bytes += p.capacity() * sizeof(uint32_t);
      }
    };
    text_keys_ ? spill(shard->text) : spill(shard->ints);
  }
  return bytes;
}

}  // namespace linkgraph::store
