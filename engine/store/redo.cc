#include "engine/store/redo.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace linkgraph::store {

namespace {

enum class CellKind : uint8_t { kNull, kInt, kFloat, kText };

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

void PutCell(std::string* out, const Column& column, uint32_t row) {
  if (column.IsNull(row)) {
    Put(out, CellKind::kNull);
  } else if (catalog::IsStringStored(column.type())) {
    std::string_view s = column.GetString(row);
    Put(out, CellKind::kText);
    Put(out, static_cast<uint32_t>(s.size()));
    out->append(s);
  } else if (column.type() == catalog::ColumnType::kFloat) {
    Put(out, CellKind::kFloat);
    Put(out, column.GetFloat(row));
  } else {
    Put(out, CellKind::kInt);
    Put(out, column.GetInt(row));
  }
}

// Reads a payload with every length checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  size_t offset() const { return pos_; }
  bool done() const { return pos_ == bytes_.size(); }
  template <typename T>
  bool Get(T* v) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetBytes(size_t n, std::string_view* v) {
    if (bytes_.size() - pos_ < n) return false;
    *v = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  // A cell for `column`; false when it is cut short, of the wrong kind, or out of the column's
  // range (an enum code, a boolean).
  bool GetCell(const catalog::ColumnDef& column, Cell* cell) {
    const catalog::ColumnType type = column.type;
    CellKind kind;
    if (!Get(&kind)) return false;
    switch (kind) {
      case CellKind::kNull: *cell = Cell::Null(); return true;
      case CellKind::kInt: {
        if (catalog::IsStringStored(type) || type == catalog::ColumnType::kFloat) return false;
        int64_t v;
        if (!Get(&v)) return false;
        if (type == catalog::ColumnType::kEnum &&
            (v < 0 || static_cast<uint64_t>(v) >= column.enum_values.size())) {
          return false;
        }
        if (type == catalog::ColumnType::kBoolean && v != 0 && v != 1) return false;
        *cell = Cell::Int(v);
        return true;
      }
      case CellKind::kFloat: {
        if (type != catalog::ColumnType::kFloat) return false;
        double v;
        if (!Get(&v)) return false;
        *cell = Cell::Float(v);
        return true;
      }
      case CellKind::kText: {
        if (!catalog::IsStringStored(type)) return false;
        uint32_t n;
        std::string_view s;
        if (!Get(&n) || n > StringArena::kMaxStringBytes || !GetBytes(n, &s)) return false;
        *cell = Cell::Str(s);
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

absl::Status Corrupt(size_t offset, std::string_view what) {
  return absl::DataLossError("commit record is corrupt at byte " + std::to_string(offset) +
                             " of its payload: " + std::string(what));
}

}  // namespace

void EncodeRedo(const Transaction& txn, std::string* out) {
  const Store& store = const_cast<Transaction&>(txn).store();
  const size_t count_at = out->size();
  uint32_t count = 0;
  Put(out, count);
  txn.ForEachWrite([&](const Transaction::Write& w) {
    const Table& table = store.table(w.entity);
    Put(out, w.kind);
    Put(out, static_cast<uint32_t>(w.entity));
    Put(out, w.row);
    switch (w.kind) {
      case Transaction::Kind::kAppend:
        for (catalog::ColumnId c = 0; c < table.def().columns.size(); ++c) {
          PutCell(out, table.column(c), w.row);
        }
        break;
      case Transaction::Kind::kSet:
        Put(out, static_cast<uint16_t>(w.col));
        PutCell(out, table.column(w.col), w.row);
        break;
      case Transaction::Kind::kKill: break;
    }
    ++count;
  });
  std::memcpy(&(*out)[count_at], &count, sizeof count);
}

absl::Status ApplyRedo(std::string_view redo, Transaction* txn) {
  Store& store = txn->store();
  Reader in(redo);
  uint32_t count;
  if (!in.Get(&count)) return Corrupt(0, "no write count");
  // Appends run as a load's do: a table taking many rows builds its ordered indexes once, after
  // them (or before the first other write to it, which may read them).
  std::vector<uint8_t> deferred(store.table_count(), 0);
  struct Flush {
    Store& store;
    std::vector<uint8_t>& deferred;
    bool ok = false;
    void One(uint32_t entity) {
      if (!deferred[entity]) return;
      deferred[entity] = 0;
      store.table(entity).FlushOrderedIndexes();
    }
    ~Flush() {
      for (uint32_t e = 0; e < deferred.size(); ++e) {
        if (!deferred[e]) continue;
        if (ok) {
          store.table(e).FlushOrderedIndexes();
        } else {
          store.table(e).DropDeferredOrderedIndexes();
        }
      }
    }
  } flush{store, deferred};
  constexpr uint32_t kDeferAfter = 256;  // appends in a row to one table
  uint32_t run_entity = UINT32_MAX, run = 0;
  std::vector<Cell> cells;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t at = in.offset();
    Transaction::Kind kind;
    uint32_t entity, row;
    if (!in.Get(&kind) || !in.Get(&entity) || !in.Get(&row)) return Corrupt(at, "cut short");
    if (entity >= store.table_count()) return Corrupt(at, "unknown entity");
    const Table& table = store.table(entity);
    const catalog::EntityDef& def = table.def();
    switch (kind) {
      case Transaction::Kind::kAppend: {
        if (row != table.row_count()) return Corrupt(at, "an append out of row order");
        run = entity == run_entity ? run + 1 : 1;
        run_entity = entity;
        if (run == kDeferAfter && !deferred[entity]) {
          deferred[entity] = 1;
          store.table(entity).DeferOrderedIndexes();
        }
        cells.resize(def.columns.size());
        for (catalog::ColumnId c = 0; c < def.columns.size(); ++c) {
          if (!in.GetCell(def.columns[c], &cells[c])) return Corrupt(at, "a bad cell");
        }
        txn->Append(entity, cells);
        break;
      }
      case Transaction::Kind::kSet: {
        uint16_t col;
        Cell cell;
        if (!in.Get(&col) || col >= def.columns.size()) return Corrupt(at, "a bad column");
        if (row >= table.row_count()) return Corrupt(at, "a set of no row");
        if (!in.GetCell(def.columns[col], &cell)) return Corrupt(at, "a bad cell");
        flush.One(entity);
        run_entity = UINT32_MAX;
        txn->Set(entity, row, col, cell);
        break;
      }
      case Transaction::Kind::kKill:
        if (row >= table.row_count() || table.IsDead(row)) return Corrupt(at, "a kill of no row");
        flush.One(entity);
        run_entity = UINT32_MAX;
        txn->Kill(entity, row);
        break;
      default: return Corrupt(at, "an unknown write kind");
    }
  }
  if (!in.done()) return Corrupt(in.offset(), "bytes after the last write");
  flush.ok = true;
  return absl::OkStatus();
}

}  // namespace linkgraph::store
