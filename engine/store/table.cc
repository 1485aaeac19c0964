#include "engine/store/table.h"

#include <algorithm>
#include <string_view>

namespace linkgraph::store {

using catalog::ColumnId;
using catalog::ColumnType;

Table::Table(const catalog::EntityDef* def) : def_(def) {
  columns_.reserve(def->columns.size());
  for (const catalog::ColumnDef& c : def->columns) columns_.emplace_back(c);
  hash_indexes_.resize(def->columns.size());
  ordered_indexes_.resize(def->columns.size());
  for (ColumnId i = 0; i < def->columns.size(); ++i) {
    const catalog::ColumnDef& c = def->columns[i];
    if (c.hash_indexed) EnsureHashIndex(i);
    if (c.index && c.type != ColumnType::kJson && c.type != ColumnType::kArray) {
      EnsureOrderedIndex(i);
    }
  }
}

int Table::ComparePk(uint32_t a, uint32_t b) const {
  const Column& pk = pk_column();
  if (catalog::IsStringStored(pk.type())) {
    int c = pk.GetString(a).compare(pk.GetString(b));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  int64_t x = pk.GetInt(a), y = pk.GetInt(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

int64_t Table::FindByPk(const Cell& key) const {
  const HashIndex* idx = hash_indexes_[def_->primary_key].get();
  HashIndex::Rows p = idx->Find(key);
  if (p == nullptr || p->empty()) return -1;
  return (*p)[0];
}

void Table::EnsureHashIndex(ColumnId id) {
  const Column& col = columns_[id];
  auto idx = std::make_unique<HashIndex>(&col, id == def_->primary_key);
  auto less = [this](uint32_t a, uint32_t b) { return PkLess(a, b); };
  for (uint32_t pos : pk_order_) {
    if (!col.IsNull(pos)) idx->Insert(col.Get(pos), pos, less);
  }
  hash_indexes_[id] = std::move(idx);
}

void Table::EnsureOrderedIndex(ColumnId id) {
  auto idx = std::make_unique<OrderedIndex>(this, id);
  for (uint32_t pos : pk_order_) idx->Insert(pos);
  if (ordered_indexes_[id] == nullptr) {
    ordered_list_.push_back(idx.get());
  } else {
    std::replace(ordered_list_.begin(), ordered_list_.end(), ordered_indexes_[id].get(),
                 idx.get());
  }
  ordered_indexes_[id] = std::move(idx);
}

void Table::IndexRow(uint32_t row) {
  auto less = [this](uint32_t a, uint32_t b) { return PkLess(a, b); };
  for (ColumnId c = 0; c < columns_.size(); ++c) {
    if (hash_indexes_[c] && !columns_[c].IsNull(row)) {
      hash_indexes_[c]->Insert(columns_[c].Get(row), row, less);
    }
  }
  if (defer_ordered_) {
    if (!ordered_list_.empty()) deferred_.push_back(row);
    return;
  }
  for (OrderedIndex* idx : ordered_list_) idx->Insert(row);
}

void Table::FlushOrderedIndexes() {
  if (!defer_ordered_) return;
  defer_ordered_ = false;
  std::sort(deferred_.begin(), deferred_.end());
  deferred_.erase(std::unique(deferred_.begin(), deferred_.end()), deferred_.end());
  // Rows rolled back (and their ids perhaps reused) or hard-deleted since are left out.
  std::erase_if(deferred_, [&](uint32_t r) { return r >= row_count_ || IsDead(r); });
  for (OrderedIndex* idx : ordered_list_) idx->InsertMany(deferred_);
  deferred_.clear();
}

void Table::UnindexRow(uint32_t row) {
  for (ColumnId c = 0; c < columns_.size(); ++c) {
    if (hash_indexes_[c]) hash_indexes_[c]->Erase(columns_[c].Get(row), row);
  }
  for (OrderedIndex* idx : ordered_list_) idx->Erase(row);
}

void Table::CountLive(uint32_t row, int64_t delta) {
  live_count_ += delta;
  for (Column& c : columns_) {
    if (c.type() == ColumnType::kEnum && !c.IsNull(row)) c.AdjustLiveCount(c.GetInt(row), delta);
  }
}

void Table::InsertPkOrder(uint32_t row) {
  if (pk_order_.empty() || PkLess(pk_order_.back(), row)) {
    pk_order_.push_back(row);
    return;
  }
  auto pos = std::upper_bound(pk_order_.begin(), pk_order_.end(), row,
                              [this](uint32_t a, uint32_t b) { return PkLess(a, b); });
  pk_order_.insert(pos, row);
}

void Table::ErasePkOrder(uint32_t row) {
  auto pos = std::lower_bound(pk_order_.begin(), pk_order_.end(), row,
                              [this](uint32_t a, uint32_t b) { return PkLess(a, b); });
  while (pos != pk_order_.end() && *pos != row) ++pos;
  if (pos != pk_order_.end()) pk_order_.erase(pos);
}

void Table::Reserve(size_t rows) {
  const size_t total = row_count_ + rows;
  for (Column& c : columns_) c.Reserve(total);
  dead_.reserve(total);
  pk_order_.reserve(total);
  if (hash_indexes_[def_->primary_key]) hash_indexes_[def_->primary_key]->Reserve(total);
}

uint32_t Table::AppendRow(const std::vector<Cell>& cells) {
  // A failed allocation part way (std::bad_alloc) undoes what was done and rethrows: the table
  // is as it was, and the transaction, which records the append after it, has nothing to undo.
  const uint32_t row = row_count_;
  ColumnId appended = 0;
  bool counted = false, in_pk_order = false;
  try {
    for (; appended < columns_.size(); ++appended) columns_[appended].Append(cells[appended]);
    dead_.push_back(0);
    ++row_count_;
    counted = true;
    InsertPkOrder(row);
    in_pk_order = true;
    IndexRow(row);
  } catch (...) {
    if (in_pk_order) {
      UnindexRow(row);  // erases only what is there
      ErasePkOrder(row);
    }
    if (counted) {
      dead_.pop_back();
      --row_count_;
    }
    while (appended > 0) columns_[--appended].PopBack();
    throw;
  }
  if (!IsSoftDeleted(row)) CountLive(row, +1);
  return row;
}

void Table::PopRow() {
  uint32_t row = row_count_ - 1;
  if (!IsDead(row)) {
    if (!IsSoftDeleted(row)) CountLive(row, -1);
    UnindexRow(row);
    ErasePkOrder(row);
  }
  for (Column& c : columns_) c.PopBack();
  dead_.pop_back();
  --row_count_;
}

void Table::SetCell(uint32_t row, ColumnId col, const Cell& value) {
  Replace(row, col, [&](Column& c) { c.Set(row, value); });
}

void Table::SetRaw(uint32_t row, ColumnId col, uint64_t raw, bool is_null) {
  Replace(row, col, [&](Column& c) { c.SetRaw(row, raw, is_null); });
}

template <typename Write>
void Table::Replace(uint32_t row, ColumnId col, const Write& write) {
  Column& c = columns_[col];
  bool dead = IsDead(row);
  // Ordered indexes order by (value, primary key): a row leaves the index of the written column
  // (every ordered index when the primary key is written) while its value changes.
  bool pk = col == def_->primary_key;
  auto for_each_ordered = [&](auto fn) {
    if (pk) {
      for (OrderedIndex* idx : ordered_list_) fn(idx);
    } else if (ordered_indexes_[col]) {
      fn(ordered_indexes_[col].get());
    }
  };
  auto unindex = [&] {
    if (hash_indexes_[col]) hash_indexes_[col]->Erase(c.Get(row), row);
    for_each_ordered([row](OrderedIndex* idx) { idx->Erase(row); });
  };
  auto index = [&] {
    if (hash_indexes_[col] && !c.IsNull(row)) {
      hash_indexes_[col]->Insert(c.Get(row), row,
                                 [this](uint32_t a, uint32_t b) { return PkLess(a, b); });
    }
    for_each_ordered([row](OrderedIndex* idx) { idx->Insert(row); });
  };
  const uint64_t old_raw = c.GetRaw(row);
  const bool old_null = c.IsNull(row);
  if (!dead) {
    if (!IsSoftDeleted(row)) CountLive(row, -1);
    unindex();
  }
  try {
    write(c);
    if (!dead) index();
  } catch (...) {
    // A failed allocation (the new value's copy, an index node): back to the old value, indexed
    // as before, then rethrow.
    if (!dead) unindex();
    c.SetRaw(row, old_raw, old_null);
    if (!dead) {
      index();
      if (!IsSoftDeleted(row)) CountLive(row, +1);
    }
    throw;
  }
  if (!dead && !IsSoftDeleted(row)) CountLive(row, +1);
}

void Table::Kill(uint32_t row) {
  if (!IsSoftDeleted(row)) CountLive(row, -1);
  UnindexRow(row);
  ErasePkOrder(row);
  dead_[row] = 1;
}

void Table::Revive(uint32_t row) {
  dead_[row] = 0;
  InsertPkOrder(row);
  IndexRow(row);
  if (!IsSoftDeleted(row)) CountLive(row, +1);
}

size_t Table::MemoryBytes() const {
  size_t bytes = dead_.capacity() + pk_order_.capacity() * 4;
  for (const Column& c : columns_) bytes += c.MemoryBytes();
  for (const auto& idx : hash_indexes_) {
    if (idx) bytes += idx->MemoryBytes();
  }
  for (const OrderedIndex* idx : ordered_list_) bytes += idx->MemoryBytes();
  return bytes;
}

}  // namespace linkgraph::store
