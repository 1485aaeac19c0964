#include "engine/exec/order.h"

#include <algorithm>

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

}  // namespace

void SortRows(const store::Table& table, const std::vector<plan::OrderTerm>& order,
              std::vector<uint32_t>* rows) {
  std::stable_sort(rows->begin(), rows->end(), [&](uint32_t a, uint32_t b) {
    for (const plan::OrderTerm& t : order) {
      const store::Column& c = table.column(t.column);
      bool na = c.IsNull(a), nb = c.IsNull(b);
      int r;
      if (na || nb) {
        if (na && nb) continue;
        // Nulls last on ASC, first on DESC: a null compares greater.
        r = na ? 1 : -1;
      } else {
        r = CompareValues(c, a, b);
      }
      if (r == 0) continue;
      return t.descending ? r > 0 : r < 0;
    }
    return false;
  });
}

}  // namespace linkgraph::exec
