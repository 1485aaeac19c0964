#include "engine/exec/order.h"

#include <algorithm>

#include "engine/exec/hop.h"
#include "engine/types/decimal.h"

namespace linkgraph::exec {

namespace {

using catalog::ColumnType;

int CompareValues(const store::Column& c, uint32_t a, uint32_t b) {
  switch (c.type()) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kJson:
    case ColumnType::kArray: {
      int r = c.GetString(a).compare(c.GetString(b));
      return r < 0 ? -1 : (r > 0 ? 1 : 0);
    }
    case ColumnType::kBigNumber:
      return types::CompareDecimal(c.GetString(a), c.GetString(b));
    case ColumnType::kEnum: {
      int r = c.EnumText(c.GetInt(a)).compare(c.EnumText(c.GetInt(b)));
      return r < 0 ? -1 : (r > 0 ? 1 : 0);
    }
    case ColumnType::kFloat: {
      double x = c.GetFloat(a), y = c.GetFloat(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case ColumnType::kNumber:
    case ColumnType::kBoolean:
    case ColumnType::kDateTime: {
      int64_t x = c.GetInt(a), y = c.GetInt(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
  return 0;
}

constexpr uint32_t kMissing = UINT32_MAX;

// One order key resolved for the rows being sorted: the column and, for keys through
// relations, the related row of each sorted row (kMissing when there is none).
struct Key {
  const store::Column* column;
  bool descending;
  bool through;
  std::vector<uint32_t> target;  // indexed by position in the sorted range
};

}  // namespace

void SortRows(const store::Store& store, const store::Table& table,
              const std::vector<plan::OrderTerm>& order, bool with_deleted,
              std::vector<uint32_t>::iterator begin, std::vector<uint32_t>::iterator end) {
  if (order.empty() || end - begin < 2) return;
  size_t n = static_cast<size_t>(end - begin);
  std::vector<Key> keys;
  for (const plan::OrderTerm& t : order) {
    Key k{nullptr, t.descending, !t.path.empty(), {}};
    if (!k.through) {
      k.column = &table.column(t.column);
    } else {
      const catalog::RelationDef* last = t.path.back();
      k.column = &store.table(last->target).column(t.column);
      k.target.resize(n);
      for (size_t i = 0; i < n; ++i) {
        uint32_t row = begin[static_cast<std::ptrdiff_t>(i)];
        for (const catalog::RelationDef* rel : t.path) {
          uint32_t next = kMissing;
          ForEachRelated(store, *rel, row, with_deleted, [&](uint32_t r) {
            next = r;
            return false;
          });
          row = next;
          if (row == kMissing) break;
        }
        k.target[i] = row;
      }
    }
    keys.push_back(std::move(k));
  }
  // Sort positions, then permute, so keys through relations index by position.
  std::vector<uint32_t> pos(n);
  for (size_t i = 0; i < n; ++i) pos[i] = static_cast<uint32_t>(i);
  std::stable_sort(pos.begin(), pos.end(), [&](uint32_t pa, uint32_t pb) {
    for (const Key& k : keys) {
      uint32_t a = k.through ? k.target[pa] : begin[pa];
      uint32_t b = k.through ? k.target[pb] : begin[pb];
      bool na = a == kMissing || k.column->IsNull(a);
      bool nb = b == kMissing || k.column->IsNull(b);
      int r;
      if (na || nb) {
        if (na && nb) continue;
        r = na ? 1 : -1;  // nulls last on ASC, first on DESC: a null compares greater
      } else {
        r = CompareValues(*k.column, a, b);
      }
      if (r == 0) continue;
      return k.descending ? r > 0 : r < 0;
    }
    return false;
  });
  std::vector<uint32_t> sorted(n);
  for (size_t i = 0; i < n; ++i) sorted[i] = begin[pos[i]];
  std::copy(sorted.begin(), sorted.end(), begin);
}

}  // namespace linkgraph::exec
