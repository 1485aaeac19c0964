// An ordered index over one column: the table's rows ordered by (value, primary key, row id),
// kept current on every write by the owning Table, as its hash indexes are.
//
// Values order as queries order them (DESIGN.md §7): text and id by UTF-8 bytes, numbers and
// dateTimes numerically, bigNumbers by value, enums by their text, false before true. Nulls come
// after every value, so a forward walk gives ASC with nulls last and a backward walk DESC with
// nulls first; equal values are in primary-key order, so a DESC walk that must keep ties in
// ascending primary key walks the groups of equal values backwards and each group forwards
// (GroupBegin). Hard-deleted rows are removed; soft-deleted rows stay (readers filter them).
//
// The set holds row ids only; its comparator reads the values from the table's columns, so a
// row's value or primary key must not change while the row is in the index: the Table erases the
// row before a write and inserts it again after.
//
// Example:
//   const store::OrderedIndex* idx = table.ordered_index(created_at);
//   for (auto it = idx->LowerBound(store::IndexKey::Of(Cell::Int(t0))); it != idx->NullsBegin();
//        ++it) { ... rows with created_at >= t0, ascending ... }
#pragma once

#include <cstdint>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/types/compare.h"
#include "engine/catalog/catalog.h"
#include "engine/store/cell.h"

namespace linkgraph::store {

class Column;
class Table;

// A value to search the index for, typed like the indexed column (store::Cell's members):
// enums by their text in `cell.s`.
struct IndexKey {
  Cell cell;

  static IndexKey Of(const Cell& cell) { return IndexKey{cell}; }
};

class OrderedIndex {
 public:
  // REQUIRES: `table` outlives the index and its column `column` has an orderable type (not
  // json or array).
  OrderedIndex(const Table* table, catalog::ColumnId column);
  OrderedIndex(const OrderedIndex&) = delete;
  OrderedIndex& operator=(const OrderedIndex&) = delete;

 private:
  // A search position: just before (`after` false) or just after every row whose value equals
  // the key (or the value of `row` when `by_row`). Never equivalent to a row.
  struct Probe {
    const IndexKey* key = nullptr;
    uint32_t row = 0;
    bool by_row = false;
    bool is_null = false;
    bool after = false;
  };

  // Three-way comparison of rows by (value, primary key, row id), and of rows with probes.
  class RowCompare {
   public:
    using is_transparent = void;
    explicit RowCompare(const OrderedIndex* index) : index_(index) {}
    absl::weak_ordering operator()(uint32_t a, uint32_t b) const;
    absl::weak_ordering operator()(uint32_t a, const Probe& p) const;
    absl::weak_ordering operator()(const Probe& p, uint32_t a) const;

   private:
    const OrderedIndex* index_;
  };

  using Set = absl::btree_set<uint32_t, RowCompare>;

 public:
  using const_iterator = Set::const_iterator;

  catalog::ColumnId column_id() const { return column_id_; }
  catalog::ColumnType column_type() const;
  size_t size() const { return rows_.size(); }

  // Adds `row`. REQUIRES: the row is not in the index.
  void Insert(uint32_t row);
  // Adds many rows at once: sorts them on a 64-bit prefix of their values (the full comparison
  // only for ties), then inserts them in order, each next to the one before. A row already in
  // the index is left as it is.
  void InsertMany(std::vector<uint32_t> rows);
  // Removes `row`. REQUIRES: its value and primary key are those it was inserted with.
  void Erase(uint32_t row);

  const_iterator begin() const { return rows_.begin(); }
  const_iterator end() const { return rows_.end(); }
  // The first row whose value is >= key (LowerBound) or > key (UpperBound); nulls are greater
  // than every value. REQUIRES: !key.cell.is_null.
  const_iterator LowerBound(const IndexKey& key) const;
  const_iterator UpperBound(const IndexKey& key) const;
  // The first row with a null value (end() when there is none).
  const_iterator NullsBegin() const;
  // The first row whose value equals the value of `row` (the start of its group of ties).
  // REQUIRES: `row` is in the index.
  const_iterator GroupBegin(uint32_t row) const;

  // Compares the values of two rows (<0, 0, >0); nulls are equal to each other and greater than
  // every value. The primary key is not consulted.
  int CompareRowValues(uint32_t a, uint32_t b) const;
  // Compares the value of `row` with `key` (<0, 0, >0). REQUIRES: the row's value is not null.
  int CompareWithKey(uint32_t row, const IndexKey& key) const;

  // Approximate bytes held by the index.
  size_t MemoryBytes() const;

 private:
  // <0, 0, >0 comparing the value of `row` with the probe's value (nulls greatest).
  int CompareRowWithProbe(uint32_t row, const Probe& p) const;

  const Table* table_;
  catalog::ColumnId column_id_;
  const Column* column_;
  std::vector<uint32_t> enum_rank_;  // enums: code -> rank of its text among the values
  Set rows_;
};

}  // namespace linkgraph::store
