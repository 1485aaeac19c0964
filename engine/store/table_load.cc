// Table's bulk loading (checkpoint images): see the contract in table.h.
#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/store/table.h"

namespace linkgraph::store {

using catalog::ColumnId;
using catalog::ColumnType;

void Table::BeginLoad(uint32_t rows) {
  // Not Reserve: it also sizes the primary key index, which FinishLoad builds anew.
  for (Column& c : columns_) c.Reserve(rows);
  dead_.Reserve(rows);
}

void Table::EndLoad(uint32_t rows) {
  for (Column& c : columns_) c.EndLoad(rows);
  row_count_ = rows;
}

namespace {

// Checks that `rows` are the table's non-dead rows, each once. `seen` is scratch of
// row_count() bytes.
absl::Status CheckRowSet(const Table& table, const std::vector<uint32_t>& rows, size_t expected,
                         const std::string& what, std::vector<uint8_t>* seen) {
  if (rows.size() != expected) {
    return absl::InvalidArgumentError(absl::StrCat(what, " holds ", rows.size(),
                                                   " rows, the table ", expected,
                                                   " live or soft-deleted ones"));
  }
  std::fill(seen->begin(), seen->end(), 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t r = rows[i];
    if (r >= table.row_count() || table.IsDead(r) || (*seen)[r] != 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, " position ", i, ": row ", r,
          r >= table.row_count() ? " is past the last row"
                                 : (table.IsDead(r) ? " is dead" : " comes twice")));
    }
    (*seen)[r] = 1;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<Table::LoadTask>> Table::FinishLoadTasks(LoadedIndexes loaded) {
  auto indexes = std::make_shared<const LoadedIndexes>(std::move(loaded));
  const std::vector<uint32_t>& pk_order = indexes->pk_order;
  size_t expected = 0;
  for (uint32_t r = 0; r < row_count_; ++r) expected += dead_[r] == 0;
  // Every task below reads rows of pk_order: they are checked to exist first.
  std::vector<uint8_t> seen(row_count_);
  absl::Status s = CheckRowSet(*this, pk_order, expected, "pk_order", &seen);
  if (!s.ok()) return s;
  std::vector<bool> loaded_order(columns_.size());
  for (const LoadedOrder& o : indexes->ordered) loaded_order[o.column] = true;

  std::vector<LoadTask> tasks;
  tasks.push_back([this, indexes]() -> absl::Status {
    const std::vector<uint32_t>& pk_order = indexes->pk_order;
    const Column& pk = pk_column();
    for (size_t i = 0; i < pk_order.size(); ++i) {
      if (pk.IsNull(pk_order[i])) {
        return absl::InvalidArgumentError(
            absl::StrCat("row ", pk_order[i], " has a null primary key"));
      }
      // Strictly: two rows with one key would break the primary key index.
      if (i > 0 && ComparePk(pk_order[i - 1], pk_order[i]) >= 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "pk_order position ", i, ": not in strictly increasing primary-key order"));
      }
    }
    pk_order_.Assign(pk_order);
    return absl::OkStatus();
  });
  for (size_t k = 0; k < indexes->ordered.size(); ++k) {
    tasks.push_back([this, indexes, k, expected]() -> absl::Status {
      const LoadedOrder& o = indexes->ordered[k];
      const std::string what =
          absl::StrCat("ordered index on column ", def_->columns[o.column].name);
      std::vector<uint8_t> seen(row_count_);
      absl::Status s = CheckRowSet(*this, o.rows, expected, what, &seen);
      if (!s.ok()) return s;
      const size_t bad = ordered_indexes_[o.column]->LoadSorted(o.rows);
      if (bad != o.rows.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat(what, " position ", bad, ": not in the index's order"));
      }
      return absl::OkStatus();
    });
  }
  for (ColumnId c = 0; c < columns_.size(); ++c) {
    // Indexes the caller had no order for (declared since the orders were taken, or a column a
    // migration converted) are sorted here, into the empty index the table was made with.
    if (ordered_indexes_[c] && !loaded_order[c]) {
      tasks.push_back([this, indexes, c]() -> absl::Status {
        ordered_indexes_[c]->InsertMany(indexes->pk_order);
        return absl::OkStatus();
      });
    }
    if (hash_indexes_[c]) {
      tasks.push_back([this, indexes, c]() -> absl::Status {
        const bool unique = c == def_->primary_key;
        auto idx = std::make_unique<HashIndex>(&columns_[c], unique);
        idx->BeginWrite(stamp_);
        // Rows would overestimate a foreign key's keys, and split the index into more shards
        // than inserts do: the image's count sizes it.
        const size_t hint = c < indexes->hash_keys.size() ? indexes->hash_keys[c] : 0;
        idx->LoadRows(indexes->pk_order, std::min(hint, indexes->pk_order.size()));
        hash_indexes_[c] = std::move(idx);
        return absl::OkStatus();
      });
    }
  }
  // Live counts, one pass over the rows.
  tasks.push_back([this, indexes]() -> absl::Status {
    std::vector<ColumnId> enums;
    std::vector<std::vector<int64_t>> counts;
    for (ColumnId c = 0; c < columns_.size(); ++c) {
      if (columns_[c].type() != ColumnType::kEnum) continue;
      enums.push_back(c);
      counts.emplace_back(columns_[c].enum_values().size(), 0);
    }
    size_t live = 0;
    for (uint32_t r : indexes->pk_order) {
      if (IsSoftDeleted(r)) continue;
      ++live;
      for (size_t e = 0; e < enums.size(); ++e) {
        const Column& col = columns_[enums[e]];
        if (!col.IsNull(r)) ++counts[e][col.GetInt(r)];
      }
    }
    live_count_ = live;
    for (size_t e = 0; e < enums.size(); ++e) {
      columns_[enums[e]].SetLiveCounts(std::move(counts[e]));
    }
    return absl::OkStatus();
  });
  return tasks;
}

absl::Status Table::FinishLoad(LoadedIndexes indexes) {
  absl::StatusOr<std::vector<LoadTask>> tasks = FinishLoadTasks(std::move(indexes));
  if (!tasks.ok()) return tasks.status();
  for (const LoadTask& task : *tasks) {
    absl::Status s = task();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::store
