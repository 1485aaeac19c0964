#include "engine/store/column.h"

#include <bit>

namespace linkgraph::store {

using catalog::ColumnType;

Column::Column(const catalog::ColumnDef& def) : type_(def.type) {
  if (type_ == ColumnType::kEnum) {
    enum_values_ = def.enum_values;
    live_counts_.assign(enum_values_.size(), 0);
  }
}

Cell Column::Get(uint32_t row) const {
  if (IsNull(row)) return Cell::Null();
  if (catalog::IsStringStored(type_)) return Cell::Str(GetString(row));
  if (type_ == ColumnType::kFloat) return Cell::Float(floats_[row]);
  return Cell::Int(ints_[row]);
}

void Column::SetNullBit(uint32_t row, bool is_null) {
  uint64_t bit = uint64_t{1} << (row & 63);
  if (is_null) {
    nulls_[row >> 6] |= bit;
  } else {
    nulls_[row >> 6] &= ~bit;
  }
}

void Column::Reserve(size_t rows) {
  nulls_.reserve((rows + 63) / 64);
  if (catalog::IsStringStored(type_)) {
    refs_.reserve(rows);
  } else if (type_ == catalog::ColumnType::kFloat) {
    floats_.reserve(rows);
  } else {
    ints_.reserve(rows);
  }
}

void Column::Append(const Cell& value) {
  // Allocations first, each undone if a later one fails, so a failed append (std::bad_alloc)
  // leaves the column as it was; a string copied into the arena before is only unreferenced.
  uint32_t row = static_cast<uint32_t>(size_);
  if (catalog::IsStringStored(type_)) {
    refs_.push_back(value.is_null ? 0 : arena_.Append(value.s));
  } else if (type_ == ColumnType::kFloat) {
    floats_.push_back(value.is_null ? 0 : value.f);
  } else {
    ints_.push_back(value.is_null ? 0 : value.i);
  }
  if ((row & 63) == 0) {
    try {
      nulls_.push_back(0);
    } catch (...) {
      PopValue();
      throw;
    }
  }
  ++size_;
  SetNullBit(row, value.is_null);
}

void Column::Set(uint32_t row, const Cell& value) {
  if (catalog::IsStringStored(type_)) {
    // The arena copy first: a failed one leaves the cell as it was.
    uint64_t ref = refs_[row];
    if (value.is_null) {
      ref = 0;
    } else if (IsNull(row) || GetString(row).data() != value.s.data() ||
               GetString(row).size() != value.s.size()) {
      ref = arena_.Append(value.s);
    }
    SetNullBit(row, value.is_null);
    refs_[row] = ref;
    return;
  }
  SetNullBit(row, value.is_null);
  if (type_ == ColumnType::kFloat) {
    floats_[row] = value.is_null ? 0 : value.f;
  } else {
    ints_[row] = value.is_null ? 0 : value.i;
  }
}

uint64_t Column::GetRaw(uint32_t row) const {
  if (catalog::IsStringStored(type_)) return refs_[row];
  if (type_ == ColumnType::kFloat) return std::bit_cast<uint64_t>(floats_[row]);
  return static_cast<uint64_t>(ints_[row]);
}

void Column::SetRaw(uint32_t row, uint64_t raw, bool is_null) {
  SetNullBit(row, is_null);
  if (catalog::IsStringStored(type_)) {
    refs_[row] = raw;
  } else if (type_ == ColumnType::kFloat) {
    floats_[row] = std::bit_cast<double>(raw);
  } else {
    ints_[row] = static_cast<int64_t>(raw);
  }
}

void Column::PopValue() {
  if (catalog::IsStringStored(type_)) {
    refs_.pop_back();
  } else if (type_ == ColumnType::kFloat) {
    floats_.pop_back();
  } else {
    ints_.pop_back();
  }
}

void Column::PopBack() {
  --size_;
  PopValue();
  if ((size_ & 63) == 0) {
    nulls_.pop_back();
  } else {
    SetNullBit(static_cast<uint32_t>(size_), false);
  }
}

size_t Column::MemoryBytes() const {
  return nulls_.capacity() * 8 + ints_.capacity() * 8 + floats_.capacity() * 8 +
         refs_.capacity() * 8 + arena_.BytesReserved();
}

}  // namespace linkgraph::store
