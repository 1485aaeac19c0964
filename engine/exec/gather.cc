#include "engine/exec/gather.h"

namespace linkgraph::exec {

result::ValueColumn GatherColumn(const store::Table& table, catalog::ColumnId column,
                                 const std::vector<uint32_t>& rows) {
  const store::Column& src = table.column(column);
  result::ValueColumn out;
  out.type = src.type();
  out.nulls.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.nulls[i] = src.IsNull(rows[i]) ? 1 : 0;
  if (catalog::IsStringStored(src.type())) {
    size_t total = 0;
    for (uint32_t r : rows) total += src.GetString(r).size();
    out.bytes.reserve(total);
    out.offsets.reserve(rows.size() + 1);
    out.offsets.push_back(0);
    for (uint32_t r : rows) {
      out.bytes.append(src.GetString(r));
      out.offsets.push_back(out.bytes.size());
    }
  } else if (src.type() == catalog::ColumnType::kFloat) {
    out.floats.reserve(rows.size());
    for (uint32_t r : rows) out.floats.push_back(src.GetFloat(r));
  } else {
    out.ints.reserve(rows.size());
    for (uint32_t r : rows) out.ints.push_back(src.GetInt(r));
    if (src.type() == catalog::ColumnType::kEnum) out.enum_values = &src.enum_values();
  }
  return out;
}

}  // namespace linkgraph::exec
