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
// The index holds row ids only (a RowList: copy on write, shared by the table's versions); its
// order reads the values from the table's columns, so a row's value or primary key must not
// change while the row is in the index: the Table erases the row before a write and inserts it
// again after.
//
// Example:
//   const store::OrderedIndex* idx = table.ordered_index(created_at);
//   for (auto it = idx->LowerBound(store::IndexKey::Of(Cell::Int(t0))); it != idx->NullsBegin();
//        ++it) { ... rows with created_at >= t0, ascending ... }
#pragma once

#include <cstdint>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/cell.h"
#include "engine/store/row_list.h"
#include "engine/store/version_stamp.h"

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
  using const_iterator = RowList::const_iterator;

  // REQUIRES: `table` outlives the index (or the index is rebound to a copy of it first) and its
  // column `column` has an orderable type (not json or array).
  OrderedIndex(const Table* table, catalog::ColumnId column);
  // A copy shares the rows; it reads values from the table it is rebound to.
  OrderedIndex(const OrderedIndex&) = default;
  OrderedIndex& operator=(const OrderedIndex&) = delete;
  // Points the index at `table`, a copy of the table it was built for (Table's copy).
  void Rebind(const Table* table);
  // Lets this copy write (see RowList).
  void BeginWrite(Stamp stamp) { rows_.BeginWrite(stamp); }

  catalog::ColumnId column_id() const { return column_id_; }
  catalog::ColumnType column_type() const;
  size_t size() const { return rows_.size(); }

  // Adds `row`. REQUIRES: the row is not in the index.
  void Insert(uint32_t row);
  // Adds many rows at once: sorts them on a 64-bit prefix of their values (the full comparison
  // only for ties), then merges them in. A row already in the index is left as it is.
  void InsertMany(std::vector<uint32_t> rows);
  // Replaces the rows with `rows` when they are strictly in the index's order, and returns the
  // position of the first row out of order (rows.size() when none; the index is then set).
  // Checks the order only: the caller checks which rows are present. REQUIRES: a writer.
  size_t LoadSorted(const std::vector<uint32_t>& rows);
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
  size_t MemoryBytes() const { return rows_.MemoryBytes(); }

 private:
  // The index's total order: (value, primary key, row id).
  bool RowLess(uint32_t a, uint32_t b) const;
  // The first row not below `key` (or, `after`, above it).
  const_iterator Bound(const IndexKey& key, bool after) const;

  const Table* table_;
  catalog::ColumnId column_id_;
  const Column* column_;
  std::vector<uint32_t> enum_rank_;  // enums: code -> rank of its text among the values
  RowList rows_;
};

}  // namespace linkgraph::store
