// The single commit path's unit of work: every write to a table of a writer's store version goes
// through a Transaction, which records what was written (for the change feed and end-of-batch
// checks) and where each written column's strings began. The version itself is the undo: a
// failed commit drops it, and the published version never saw a write. Rollback() (or
// destruction without Commit()) frees the strings the writes appended.
//
// Example:
//   store::Store version = *current;     // shares every table
//   version.BeginWrite(store::NewStamp());
//   store::Transaction txn(&version);
//   uint32_t row = txn.Append(entity_id, cells);
//   if (!valid) return status;   // txn's destructor frees the strings; `version` is dropped
//   txn.Commit();
//   Publish(std::move(version));
#pragma once

#include <cstdint>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/cell.h"
#include "engine/store/store.h"

namespace linkgraph::store {

class Transaction {
 public:
  explicit Transaction(Store* store) : store_(store) {}
  ~Transaction() { Rollback(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Store& store() { return *store_; }

  uint32_t Append(catalog::EntityId entity, const std::vector<Cell>& cells);
  void Set(catalog::EntityId entity, uint32_t row, catalog::ColumnId col, const Cell& value);
  void Kill(catalog::EntityId entity, uint32_t row);

  // Forgets the writes since construction (or the last Commit) and frees the strings they
  // appended (no reader can have seen them). The store version written is then not to be
  // published. A dry run, whose results still view those strings, passes reclaim_strings = false.
  void Rollback(bool reclaim_strings = true);
  // Gives each string column written since construction whose replaced strings outweigh its
  // live ones (Column::ShouldCompactStrings) a new arena holding only the live strings; the
  // versions read before keep the old one. Call once every write is applied, before the version
  // is published. Rows this transaction killed keep their strings (the commit still reads them).
  void CompactStrings();
  // Keeps the writes.
  void Commit() {
    log_.clear();
    marks_.clear();
    all_marked_entity_ = -1;
  }
  size_t write_count() const { return log_.size(); }

  // Calls fn(entity, row) for each row appended or changed since construction (a row may come
  // more than once); hard-deleted rows are skipped.
  template <typename Fn>
  void ForEachWrittenRow(const Fn& fn) const {
    for (const Logged& u : log_) {
      if (u.kind == Kind::kKill) continue;
      if (store_->table(u.entity).IsDead(u.row)) continue;
      fn(u.entity, u.row);
    }
  }

  // One write since construction, as ForEachWrite reports it.
  enum class Kind : uint8_t { kAppend, kSet, kKill };
  struct Write {
    Kind kind;
    catalog::EntityId entity;
    uint32_t row;
    catalog::ColumnId col;  // kSet: the column set
    bool was_null;          // kSet: the column was null before this write
  };
  // Calls fn(const Write&) for every write since construction (or the last Commit), oldest
  // first: what the change feed reads of a commit before it is kept.
  template <typename Fn>
  void ForEachWrite(const Fn& fn) const {
    for (const Logged& u : log_) fn(Write{u.kind, u.entity, u.row, u.col, u.was_null});
  }

 private:
  void ReserveLog();
  // Records the string arena marks of `entity`'s string columns (`col`, or all) before a write.
  void MarkStrings(catalog::EntityId entity, catalog::ColumnId col);

  struct Logged {
    Kind kind;
    bool was_null;
    catalog::EntityId entity;
    uint32_t row;
    catalog::ColumnId col;
  };
  Store* store_;
  std::vector<Logged> log_;
  struct StringMark {
    catalog::EntityId entity;
    catalog::ColumnId col;
    Column::StringsMark mark;
  };
  std::vector<StringMark> marks_;  // the first mark of each column written, in write order
  int64_t all_marked_entity_ = -1;  // an entity all of whose string columns are in marks_
};

}  // namespace linkgraph::store
