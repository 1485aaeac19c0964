#include "engine/exec/gather.h"

namespace linkgraph::exec {


result::ValueColumn GatherColumn(const store::Table& table, catalog::ColumnId column,
                                 std::span<const uint32_t> rows, result::Arena& arena) {
  const store::Column& src = table.column(column);
  result::ValueColumn out;
  out.type = src.type();
  std::span<uint8_t> nulls = arena.Allocate<uint8_t>(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) nulls[i] = src.IsNull(rows[i]) ? 1 : 0;
  out.nulls = nulls;
  if (catalog::IsStringStored(src.type())) {
    std::span<std::string_view> strings = arena.Allocate<std::string_view>(rows.size());
    size_t total = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      strings[i] = src.GetString(rows[i]);
      total += strings[i].size();
    }
    // A few rows: the JSON writer reads these bytes next, so start their cache misses now,
    // together. (For many rows the writer prefetches a few rows ahead itself.)
    if (rows.size() <= kPrefetchRows) {
      for (std::string_view s : strings) __builtin_prefetch(s.data());
    }
    out.strings = strings;
    out.string_bytes = total;
  } else if (src.type() == catalog::ColumnType::kEnum) {
    std::span<std::string_view> strings = arena.Allocate<std::string_view>(rows.size());
    size_t total = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (nulls[i]) continue;
      strings[i] = src.EnumText(src.GetInt(rows[i]));
      total += strings[i].size();
    }
    out.strings = strings;
    out.string_bytes = total;
  } else if (src.type() == catalog::ColumnType::kFloat) {
    std::span<double> floats = arena.Allocate<double>(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) floats[i] = src.GetFloat(rows[i]);
    out.floats = floats;
  } else {
    std::span<int64_t> ints = arena.Allocate<int64_t>(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) ints[i] = src.GetInt(rows[i]);
    out.ints = ints;
  }
  return out;
}

}  // namespace linkgraph::exec
