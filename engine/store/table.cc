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

Table::Table(const Table& other)
    : def_(other.def_),
      columns_(other.columns_),
      hash_indexes_(other.hash_indexes_.size()),
      ordered_indexes_(other.ordered_indexes_.size()),
      dead_(other.dead_),
      pk_order_(other.pk_order_),
      row_count_(other.row_count_),
      live_count_(other.live_count_) {
  for (ColumnId c = 0; c < columns_.size(); ++c) {
    if (other.hash_indexes_[c]) {
      hash_indexes_[c] = std::make_unique<HashIndex>(*other.hash_indexes_[c]);
      hash_indexes_[c]->Rebind(&columns_[c]);
    }
  }
  // In the order of other's list, so both walk their indexes alike.
  for (const OrderedIndex* idx : other.ordered_list_) {
    auto copy = std::make_unique<OrderedIndex>(*idx);
    copy->Rebind(this);
    ordered_list_.push_back(copy.get());
    ordered_indexes_[idx->column_id()] = std::move(copy);
  }
}

void Table::BeginWrite(Stamp stamp) {
  stamp_ = stamp;
  for (Column& c : columns_) c.BeginWrite(stamp);
  for (auto& idx : hash_indexes_) {
    if (idx) idx->BeginWrite(stamp);
  }
  for (OrderedIndex* idx : ordered_list_) idx->BeginWrite(stamp);
  dead_.BeginWrite(stamp);
  pk_order_.BeginWrite(stamp);
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
  idx->BeginWrite(stamp_);
  auto less = [this](uint32_t a, uint32_t b) { return PkLess(a, b); };
  for (uint32_t pos : pk_order_) {
    if (!col.IsNull(pos)) idx->Insert(col.Get(pos), pos, less);
  }
  hash_indexes_[id] = std::move(idx);
}

void Table::EnsureOrderedIndex(ColumnId id) {
  auto idx = std::make_unique<OrderedIndex>(this, id);
  idx->BeginWrite(stamp_);
  idx->InsertMany(std::vector<uint32_t>(pk_order_.begin(), pk_order_.end()));
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
  if (deferred_.empty()) return;
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
  if (pk_order_.empty() || PkLess(*pk_order_.rbegin(), row)) {
    pk_order_.InsertAt(pk_order_.end(), row);
    return;
  }
  pk_order_.InsertAt(pk_order_.PartitionPoint([&](uint32_t r) { return !PkLess(row, r); }), row);
}

void Table::ErasePkOrder(uint32_t row) {
  auto pos = pk_order_.PartitionPoint([&](uint32_t r) { return PkLess(r, row); });
  while (pos != pk_order_.end() && *pos != row) ++pos;
  if (pos != pk_order_.end()) pk_order_.EraseAt(pos);
}

void Table::Reserve(size_t rows) {
  const size_t total = row_count_ + rows;
  for (Column& c : columns_) c.Reserve(total);
  dead_.Reserve(total);
  if (hash_indexes_[def_->primary_key]) hash_indexes_[def_->primary_key]->Reserve(total);
}

uint32_t Table::AppendRow(const std::vector<Cell>& cells) {
  const uint32_t row = row_count_;
  for (ColumnId c = 0; c < columns_.size(); ++c) columns_[c].Append(cells[c]);
  dead_.push_back(0);
  ++row_count_;
  InsertPkOrder(row);
  IndexRow(row);
  if (!IsSoftDeleted(row)) CountLive(row, +1);
  return row;
}

uint32_t Table::AppendDeadRow() {
  const uint32_t row = row_count_;
  for (Column& c : columns_) c.Append(Cell::Null());
  dead_.push_back(1);
  ++row_count_;
  return row;
}

void Table::SetCell(uint32_t row, ColumnId col, const Cell& value) {
  Column& c = columns_[col];
  const bool dead = IsDead(row);
  // Ordered indexes order by (value, primary key): a row leaves the index of the written column
  // (every ordered index when the primary key is written) while its value changes.
  const bool pk = col == def_->primary_key;
  auto for_each_ordered = [&](auto fn) {
    if (pk) {
      for (OrderedIndex* idx : ordered_list_) fn(idx);
    } else if (ordered_indexes_[col]) {
      fn(ordered_indexes_[col].get());
    }
  };
  if (!dead) {
    if (!IsSoftDeleted(row)) CountLive(row, -1);
    if (hash_indexes_[col]) hash_indexes_[col]->Erase(c.Get(row), row);
    for_each_ordered([row](OrderedIndex* idx) { idx->Erase(row); });
    if (pk) ErasePkOrder(row);
  }
  c.Set(row, value);
  if (dead) return;
  if (hash_indexes_[col] && !c.IsNull(row)) {
    hash_indexes_[col]->Insert(c.Get(row), row,
                               [this](uint32_t a, uint32_t b) { return PkLess(a, b); });
  }
  if (pk) InsertPkOrder(row);
  for_each_ordered([row](OrderedIndex* idx) { idx->Insert(row); });
  if (!IsSoftDeleted(row)) CountLive(row, +1);
}

void Table::Kill(uint32_t row) {
  if (!IsSoftDeleted(row)) CountLive(row, -1);
  UnindexRow(row);
  ErasePkOrder(row);
  dead_.Set(row, 1);
  for (Column& c : columns_) c.ForgetString(row);
}

void Table::CompactStrings(ColumnId col, const std::vector<uint32_t>& keep_dead) {
  columns_[col].CompactStrings([&](uint32_t row) {
    return !IsDead(row) || std::binary_search(keep_dead.begin(), keep_dead.end(), row);
  });
  // Kept for the commit's own reads, not live.
  for (uint32_t row : keep_dead) columns_[col].ForgetString(row);
  if (hash_indexes_[col] && col != def_->primary_key) EnsureHashIndex(col);
}

size_t Table::MemoryBytes() const {
  size_t bytes = dead_.MemoryBytes() + pk_order_.MemoryBytes();
  for (const Column& c : columns_) bytes += c.MemoryBytes();
  for (const auto& idx : hash_indexes_) {
    if (idx) bytes += idx->MemoryBytes();
  }
  for (const OrderedIndex* idx : ordered_list_) bytes += idx->MemoryBytes();
  return bytes;
}

}  // namespace linkgraph::store
