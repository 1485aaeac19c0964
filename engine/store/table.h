// The rows of one entity, column by column, with their indexes: one version of them.
//
// Row ids are dense 32-bit positions and never reused; a hard delete marks the row dead and
// removes it from every index, a soft delete sets `deleted_at`.
//
// Versions: a copy of a Table shares its columns, indexes and row flags (all copy on write) and
// costs about a pointer per column and index. A copy given a writer's stamp (BeginWrite) may be
// written through store::Transaction; the tables it was copied from — which queries may be
// reading on other threads — never see those writes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "engine/store/chunked_array.h"
#include "engine/store/column.h"
#include "engine/store/hash_index.h"
#include "engine/store/ordered_index.h"
#include "engine/store/row_list.h"
#include "engine/store/version_stamp.h"

namespace linkgraph::store {

class Table {
 public:
  explicit Table(const catalog::EntityDef* def);
  // A version sharing everything with `other` (read-only until BeginWrite).
  Table(const Table& other);
  Table& operator=(const Table&) = delete;

  const catalog::EntityDef& def() const { return *def_; }
  uint32_t row_count() const { return row_count_; }  // dead rows included
  size_t live_count() const { return live_count_; }  // neither hard- nor soft-deleted

  bool IsDead(uint32_t row) const { return dead_[row] != 0; }
  bool IsSoftDeleted(uint32_t row) const {
    return def_->deleted_at != catalog::kNoColumn && !columns_[def_->deleted_at].IsNull(row);
  }
  // Visible to a query: not hard-deleted, and not soft-deleted unless `with_deleted`.
  bool IsVisible(uint32_t row, bool with_deleted) const {
    return !IsDead(row) && (with_deleted || !IsSoftDeleted(row));
  }

  const Column& column(catalog::ColumnId id) const { return columns_[id]; }
  const Column& pk_column() const { return columns_[def_->primary_key]; }
  // The hash index on `id`, or nullptr when the column has none.
  const HashIndex* hash_index(catalog::ColumnId id) const { return hash_indexes_[id].get(); }
  // The ordered index on `id`, or nullptr when the column has none.
  const OrderedIndex* ordered_index(catalog::ColumnId id) const {
    return ordered_indexes_[id].get();
  }
  // Live-or-soft-deleted rows in primary-key order.
  const RowList& pk_order() const { return pk_order_; }

  // Finds the row whose primary key equals `key` (dead rows excluded), or -1.
  int64_t FindByPk(const Cell& key) const;

  // Compares the primary keys of two rows (text by bytes, numbers numerically).
  int ComparePk(uint32_t a, uint32_t b) const;
  bool PkLess(uint32_t a, uint32_t b) const { return ComparePk(a, b) < 0; }

  // Lets this version be written (see the file comment).
  void BeginWrite(Stamp stamp);
  // Points this version at `def`: the same entity in the next version of the catalog, with the
  // same columns (registration adds relations and hash indexes, never columns). REQUIRES: a
  // writer; `def` outlives this version.
  void Rebind(const catalog::EntityDef* def) { def_ = def; }

  // Builds (or rebuilds) a hash index on `id` from the current rows. REQUIRES: a writer.
  void EnsureHashIndex(catalog::ColumnId id);
  // Builds (or rebuilds) an ordered index on `id` from the current rows. Every column declared
  // `index` of an orderable type (not json or array) gets one at construction. REQUIRES: a
  // writer.
  void EnsureOrderedIndex(catalog::ColumnId id);

  // Writes. REQUIRES: a writer (BeginWrite), called by store::Transaction. A write that fails
  // part way (std::bad_alloc) leaves this version inconsistent: its commit fails and drops it.
  uint32_t AppendRow(const std::vector<Cell>& cells);
  // Appends a row that is already dead (every value null, in no index): a table rebuilt from
  // another (a migration) keeps its row ids.
  uint32_t AppendDeadRow();
  // Bulk appends: until FlushOrderedIndexes, appended rows skip the ordered indexes (hash
  // indexes, which writes check against, stay current); the flush adds the rows that still
  // exist, sorted, in one pass per index. REQUIRES: nothing reads the ordered indexes between.
  void DeferOrderedIndexes() { defer_ordered_ = true; }
  void FlushOrderedIndexes();
  // Ends a deferral without adding the deferred rows (a bulk append that failed).
  void DropDeferredOrderedIndexes() {
    defer_ordered_ = false;
    deferred_.clear();
  }
  // Makes room for `rows` more rows in the columns and the primary key index, so a bulk load
  // neither copies growing arrays nor rehashes.
  void Reserve(size_t rows);
  void SetCell(uint32_t row, catalog::ColumnId col, const Cell& value);
  void Kill(uint32_t row);
  // Moves column `col`'s live strings to a new arena (Column::CompactStrings) and rebuilds its
  // hash index, whose keys view the strings (a primary key index reads them from the column and
  // stays). Rows dead before are not kept, except `keep_dead` (sorted): rows the running commit
  // killed, which it still reads. REQUIRES: a writer; a string-stored column.
  void CompactStrings(catalog::ColumnId col, const std::vector<uint32_t>& keep_dead);

  // Bulk loading (checkpoint images: engine/durable/image_reader.h): fills an empty table
  // without per-row index upkeep, in three steps.
  //   1. BeginLoad(rows) (room for them), then for every column LoadColumn(c) and Column's Load*
  //      calls, and LoadDeadFlags for the rows.
  //   2. EndLoad(rows): the table reads as `rows` rows (values, nulls, dead flags); its indexes,
  //      pk_order and live counts are still empty.
  //   3. FinishLoad: sets pk_order and the given ordered indexes from orders written by
  //      pk_order() and ordered_index(c), after checking them; builds the other ordered indexes
  //      by sorting, every hash index in one pass over pk_order, and the live counts. The table
  //      is then what the same rows appended, written and killed one by one make of it (row ids
  //      included), except that dead rows' strings read as empty.
  // REQUIRES: a writer; row_count() == 0 before step 1; nothing else reads the table meanwhile.
  // On an error, or a failed allocation (std::bad_alloc), the table is inconsistent: the caller
  // drops the version.
  void BeginLoad(uint32_t rows);
  Column& LoadColumn(catalog::ColumnId id) { return columns_[id]; }
  // Instead of loading column `id`: a version sharing everything with `from` (a column of another
  // table version, of the same type, holding every row), written copy on write.
  void AdoptColumn(catalog::ColumnId id, const Column& from) {
    columns_[id] = from;
    columns_[id].BeginWrite(stamp_);
  }
  // `n` flags, 1 for a dead row, 0 otherwise; any alignment.
  void LoadDeadFlags(const void* flags, size_t n) { dead_.AppendBulk(flags, n); }
  // REQUIRES: `rows` values and dead flags loaded in every column (see Column::EndLoad).
  void EndLoad(uint32_t rows);
  // One ordered index's rows in its order, as ordered_index(column) walks them.
  struct LoadedOrder {
    catalog::ColumnId column;
    std::vector<uint32_t> rows;
  };
  struct LoadedIndexes {
    std::vector<uint32_t> pk_order;   // as pk_order() walks it
    std::vector<LoadedOrder> ordered;  // indexes without one here are sorted
    // Per column (or empty): how many keys its hash index held when the orders were taken, 0
    // when unknown. A hint: the index is sized once for them instead of splitting as it grows.
    std::vector<size_t> hash_keys;
  };
  // Returns InvalidArgument, naming what is wrong, when pk_order or an order is not the table's
  // live-or-soft-deleted rows each once in that index's order (strictly increasing), or a row of
  // pk_order has a null primary key. REQUIRES: after EndLoad; every enum cell holds a declared
  // code; each `ordered` column has an ordered index, at most once.
  absl::Status FinishLoad(LoadedIndexes indexes);
  // FinishLoad in parts that may run on different threads at once (each builds another index
  // or checks another order; none writes what another reads); FinishLoad runs them in turn.
  // Checks first, here, that pk_order's rows exist (every part reads them). The parts hold what
  // they need; the table must outlive them. A part's error is FinishLoad's.
  using LoadTask = std::function<absl::Status()>;
  absl::StatusOr<std::vector<LoadTask>> FinishLoadTasks(LoadedIndexes indexes);

  size_t MemoryBytes() const;

 private:
  // Adds `row` to the hash indexes, and to the ordered ones unless they are deferred.
  void IndexRow(uint32_t row);
  void UnindexRow(uint32_t row);
  void CountLive(uint32_t row, int64_t delta);
  void InsertPkOrder(uint32_t row);
  void ErasePkOrder(uint32_t row);

  const catalog::EntityDef* def_;
  std::vector<Column> columns_;
  std::vector<std::unique_ptr<HashIndex>> hash_indexes_;
  std::vector<std::unique_ptr<OrderedIndex>> ordered_indexes_;
  std::vector<OrderedIndex*> ordered_list_;  // the non-null entries of ordered_indexes_
  bool defer_ordered_ = false;
  std::vector<uint32_t> deferred_;  // rows appended while ordered indexes are deferred
  ChunkedArray<uint8_t> dead_;
  RowList pk_order_;
  uint32_t row_count_ = 0;
  size_t live_count_ = 0;
  Stamp stamp_ = kReadOnly;
};

}  // namespace linkgraph::store
