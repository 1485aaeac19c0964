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

absl::weak_ordering ToOrdering(int c) {
  return c < 0 ? absl::weak_ordering::less
               : (c > 0 ? absl::weak_ordering::greater : absl::weak_ordering::equivalent);
}

}  // namespace

OrderedIndex::OrderedIndex(const Table* table, catalog::ColumnId column)
    : table_(table), column_id_(column), column_(&table->column(column)), rows_(RowCompare(this)) {
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

int OrderedIndex::CompareRowWithProbe(uint32_t row, const Probe& p) const {
  if (p.by_row) return CompareRowValues(row, p.row);
  bool null_row = column_->IsNull(row);
  if (null_row || p.is_null) return null_row == p.is_null ? 0 : (null_row ? 1 : -1);
  return CompareWithKey(row, *p.key);
}

absl::weak_ordering OrderedIndex::RowCompare::operator()(uint32_t a, uint32_t b) const {
  if (a == b) return absl::weak_ordering::equivalent;
  int c = index_->CompareRowValues(a, b);
  if (c == 0) c = index_->table_->ComparePk(a, b);
  if (c == 0) c = a < b ? -1 : 1;
  return ToOrdering(c);
}

absl::weak_ordering OrderedIndex::RowCompare::operator()(uint32_t a, const Probe& p) const {
  int c = index_->CompareRowWithProbe(a, p);
  if (c == 0) c = p.after ? -1 : 1;  // a probe sits before or after its whole group
  return ToOrdering(c);
}

absl::weak_ordering OrderedIndex::RowCompare::operator()(const Probe& p, uint32_t a) const {
  int c = index_->CompareRowWithProbe(a, p);
  if (c == 0) c = p.after ? -1 : 1;
  return ToOrdering(-c);
}

void OrderedIndex::Insert(uint32_t row) { rows_.insert(row); }

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
  RowCompare full(this);
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.is_null != b.is_null) return b.is_null;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return full(a.row, b.row) < 0;
  });
  auto hint = rows_.end();
  for (const Keyed& k : keyed) hint = std::next(rows_.insert(hint, k.row));
}

void OrderedIndex::Erase(uint32_t row) { rows_.erase(row); }

OrderedIndex::const_iterator OrderedIndex::LowerBound(const IndexKey& key) const {
  return rows_.lower_bound(Probe{&key, 0, false, false, false});
}

OrderedIndex::const_iterator OrderedIndex::UpperBound(const IndexKey& key) const {
  return rows_.lower_bound(Probe{&key, 0, false, false, true});
}

OrderedIndex::const_iterator OrderedIndex::NullsBegin() const {
  return rows_.lower_bound(Probe{nullptr, 0, false, true, false});
}

OrderedIndex::const_iterator OrderedIndex::GroupBegin(uint32_t row) const {
  return rows_.lower_bound(Probe{nullptr, row, true, false, false});
}

size_t OrderedIndex::MemoryBytes() const {
  // A btree of 4-byte keys in 256-byte nodes is about 3/4 full on random inserts.
  return rows_.size() * sizeof(uint32_t) * 4 / 3 + 256;
}

}  // namespace linkgraph::store
