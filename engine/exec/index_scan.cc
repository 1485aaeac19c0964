#include "engine/exec/index_scan.h"

#include <algorithm>

namespace linkgraph::exec {

namespace {

using catalog::ColumnType;

store::IndexKey KeyOf(const plan::BoundValue& v, ColumnType type) {
  store::IndexKey key;
  key.cell.is_null = false;
  switch (type) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kBigNumber:
    case ColumnType::kEnum:  // enums order and compare by their text
    case ColumnType::kJson:
    case ColumnType::kArray:
      key.cell.s = v.s;
      break;
    case ColumnType::kFloat:
      key.cell.f = v.f;
      break;
    case ColumnType::kNumber:
    case ColumnType::kBoolean:
    case ColumnType::kDateTime:
      key.cell.i = v.i;
      break;
  }
  return key;
}

}  // namespace

IndexSpan SpanOf(const store::OrderedIndex& index, const AccessPath& access) {
  const AccessPath::Bound& lo = access.lower;
  const AccessPath::Bound& hi = access.upper;
  if (lo.value == nullptr && hi.value == nullptr) return {index.begin(), index.end()};
  ColumnType type = index.column_type();
  IndexSpan span{index.begin(), index.NullsBegin()};
  if (lo.value != nullptr) {
    store::IndexKey key = KeyOf(*lo.value, type);
    span.begin = lo.inclusive ? index.LowerBound(key) : index.UpperBound(key);
  }
  if (hi.value != nullptr) {
    store::IndexKey key = KeyOf(*hi.value, type);
    span.end = hi.inclusive ? index.UpperBound(key) : index.LowerBound(key);
    // Crossed bounds (`x > 5 and x < 3`): begin would lie past end.
    if (span.begin == index.NullsBegin()) return {span.end, span.end};
    int c = index.CompareWithKey(*span.begin, key);
    if (c > 0 || (c == 0 && !hi.inclusive)) return {span.end, span.end};
  }
  return span;
}

std::vector<uint32_t> IndexLookupRows(const store::Table& table, const AccessPath& access) {
  const store::HashIndex& idx = *table.hash_index(access.column);
  std::vector<uint32_t> rows;
  for (const plan::BoundValue* key : access.keys) {
    store::HashIndex::Rows found =
        idx.text_keys() ? idx.Find(std::string_view(key->s)) : idx.Find(key->i);
    if (found) rows.insert(rows.end(), found->begin(), found->end());
  }
  return rows;
}

std::vector<uint32_t> IndexRangeRows(const store::Table& table, const AccessPath& access,
                                     RowOrder order) {
  const store::OrderedIndex& index = *table.ordered_index(access.column);
  std::vector<uint32_t> rows;
  WalkSpan(index, SpanOf(index, access), false, [&](uint32_t row) {
    rows.push_back(row);
    return true;
  });
  if (order == RowOrder::kPrimaryKey) {
    std::sort(rows.begin(), rows.end(),
              [&](uint32_t a, uint32_t b) { return table.PkLess(a, b); });
  } else {
    std::sort(rows.begin(), rows.end());
  }
  return rows;
}

}  // namespace linkgraph::exec
