#include "engine/store/ordered_index.h"

#include <algorithm>
#include <numeric>

#include "engine/store/column.h"
#include "engine/store/table.h"
#include "engine/types/decimal.h"

namespace linkgraph::store {

namespace {

using catalog::ColumnType;

template <typename T>
int Three(const T& x, const T& y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

int Bytes(std::string_view x, std::string_view y) {
  int c = x.compare(y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

OrderedIndex::OrderedIndex(const Table* table, catalog::ColumnId column)
    : table_(table), column_id_(column), column_(&table->column(column)) {
  if (column_->type() == ColumnType::kEnum) {
    const std::vector<std::string>& values = column_->enum_values();
    std::vector<uint32_t> by_text(values.size());
    std::iota(by_text.begin(), by_text.end(), 0);
    std::sort(by_text.begin(), by_text.end(),
              [&](uint32_t a, uint32_t b) { return values[a] < values[b]; });
    enum_rank_.resize(values.size());
    for (uint32_t rank = 0; rank < by_text.size(); ++rank) enum_rank_[by_text[rank]] = rank;
  }
}

void OrderedIndex::Rebind(const Table* table) {
  table_ = table;
  column_ = &table->column(column_id_);
}

catalog::ColumnType OrderedIndex::column_type() const { return column_->type(); }

int OrderedIndex::CompareRowValues(uint32_t a, uint32_t b) const {
  const Column& c = *column_;
  bool na = c.IsNull(a), nb = c.IsNull(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  switch (c.type()) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kJson:
    case ColumnType::kArray:
      return Bytes(c.GetString(a), c.GetString(b));
    case ColumnType::kBigNumber:
      return types::CompareDecimal(c.GetString(a), c.GetString(b));
    case ColumnType::kEnum:
      return Three(enum_rank_[c.GetInt(a)], enum_rank_[c.GetInt(b)]);
    case ColumnType::kFloat:
      return Three(c.GetFloat(a), c.GetFloat(b));
    case ColumnType::kNumber:
    case ColumnType::kBoolean:
    case ColumnType::kDateTime:
      return Three(c.GetInt(a), c.GetInt(b));
  }
  return 0;
}

int OrderedIndex::CompareWithKey(uint32_t row, const IndexKey& key) const {
  const Column& c = *column_;
  const Cell& k = key.cell;
  switch (c.type()) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kJson:
    case ColumnType::kArray:
      return Bytes(c.GetString(row), k.s);
    case ColumnType::kBigNumber:
      return types::CompareDecimal(c.GetString(row), k.s);
    case ColumnType::kEnum:
      return Bytes(c.EnumText(c.GetInt(row)), k.s);
    case ColumnType::kFloat:
      return Three(c.GetFloat(row), k.f);
    case ColumnType::kNumber:
    case ColumnType::kBoolean:
    case ColumnType::kDateTime:
      return Three(c.GetInt(row), k.i);
  }
  return 0;
}

bool OrderedIndex::RowLess(uint32_t a, uint32_t b) const {
  if (a == b) return false;
  int c = CompareRowValues(a, b);
  if (c == 0) c = table_->ComparePk(a, b);
  if (c == 0) c = a < b ? -1 : 1;
  return c < 0;
}

void OrderedIndex::Insert(uint32_t row) {
  rows_.InsertAt(rows_.PartitionPoint([&](uint32_t r) { return RowLess(r, row); }), row);
}

void OrderedIndex::InsertMany(std::vector<uint32_t> rows) {
  // Sort keys: nulls last, then a prefix whose order agrees with the values' (ints exactly,
  // enums by rank, text by its first 8 bytes big-endian); ties go to the index's own order.
  struct Keyed {
    bool is_null;
    uint64_t prefix;
    uint32_t row;
  };
  const Column& c = *column_;
  const ColumnType type = c.type();
  const bool exact = type == ColumnType::kNumber || type == ColumnType::kBoolean ||
                     type == ColumnType::kDateTime || type == ColumnType::kEnum;
  const bool text = type == ColumnType::kId || type == ColumnType::kText;
  std::vector<Keyed> keyed;
  keyed.reserve(rows.size());
  for (uint32_t r : rows) {
    Keyed k{c.IsNull(r), 0, r};
    if (!k.is_null) {
      if (type == ColumnType::kEnum) {
        k.prefix = enum_rank_[c.GetInt(r)];
      } else if (exact) {
        k.prefix = static_cast<uint64_t>(c.GetInt(r)) ^ (uint64_t{1} << 63);
      } else if (text) {
        std::string_view v = c.GetString(r);
        for (size_t i = 0; i < 8; ++i) {
          k.prefix = (k.prefix << 8) | (i < v.size() ? static_cast<unsigned char>(v[i]) : 0);
        }
      }
    }
    keyed.push_back(k);
  }
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.is_null != b.is_null) return b.is_null;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return RowLess(a.row, b.row);
  });
  // A few rows go in one by one (a block copy each); more are merged with the index's rows into
  // new blocks, in one pass.
  if (keyed.size() * 8 < rows_.size()) {
    for (const Keyed& k : keyed) {
      auto pos = rows_.PartitionPoint([&](uint32_t r) { return RowLess(r, k.row); });
      if (pos == rows_.end() || *pos != k.row) rows_.InsertAt(pos, k.row);
    }
    return;
  }
  std::vector<uint32_t> merged;
  merged.reserve(rows_.size() + keyed.size());
  auto it = rows_.begin();
  const auto end = rows_.end();
  for (const Keyed& k : keyed) {
    while (it != end && RowLess(*it, k.row)) merged.push_back(*it++);
    if (it != end && *it == k.row) continue;  // already indexed
    if (!merged.empty() && merged.back() == k.row) continue;
    merged.push_back(k.row);
  }
  while (it != end) merged.push_back(*it++);
  rows_.Assign(merged);
}

size_t OrderedIndex::LoadSorted(const std::vector<uint32_t>& rows) {
  // The rows come in value order, so each comparison reads cells all over the columns: the
  // slots of the row kPrefetch ahead are loaded, then the strings of the one half as far ahead.
  constexpr size_t kPrefetch = 16;
  const Column& pk = table_->pk_column();
  const bool strings = catalog::IsStringStored(column_->type());
  const bool pk_strings = catalog::IsStringStored(pk.type());
  for (size_t i = 1; i < rows.size(); ++i) {
    if (i + kPrefetch < rows.size()) {
      column_->Prefetch(rows[i + kPrefetch]);
      pk.Prefetch(rows[i + kPrefetch]);
    }
    if (i + kPrefetch / 2 < rows.size()) {
      const uint32_t r = rows[i + kPrefetch / 2];
      if (strings) __builtin_prefetch(column_->GetString(r).data());
      if (pk_strings) __builtin_prefetch(pk.GetString(r).data());
    }
    if (!RowLess(rows[i - 1], rows[i])) return i;
  }
  rows_.Assign(rows);
  return rows.size();
}

void OrderedIndex::Erase(uint32_t row) {
  auto pos = rows_.PartitionPoint([&](uint32_t r) { return RowLess(r, row); });
  if (pos != rows_.end() && *pos == row) rows_.EraseAt(pos);
}

OrderedIndex::const_iterator OrderedIndex::Bound(const IndexKey& key, bool after) const {
  return rows_.PartitionPoint([&](uint32_t r) {
    if (column_->IsNull(r)) return false;  // nulls are greater than every value
    const int c = CompareWithKey(r, key);
    return c < 0 || (c == 0 && after);
  });
}

OrderedIndex::const_iterator OrderedIndex::LowerBound(const IndexKey& key) const {
  return Bound(key, false);
}

OrderedIndex::const_iterator OrderedIndex::UpperBound(const IndexKey& key) const {
  return Bound(key, true);
}

OrderedIndex::const_iterator OrderedIndex::NullsBegin() const {
  return rows_.PartitionPoint([&](uint32_t r) { return !column_->IsNull(r); });
}

OrderedIndex::const_iterator OrderedIndex::GroupBegin(uint32_t row) const {
  return rows_.PartitionPoint([&](uint32_t r) { return CompareRowValues(r, row) < 0; });
}

}  // namespace linkgraph::store
