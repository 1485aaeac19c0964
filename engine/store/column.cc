#include "engine/store/column.h"

namespace linkgraph::store {

using catalog::ColumnType;

Column::Column(const catalog::ColumnDef& def) : type_(def.type) {
  if (catalog::IsStringStored(type_)) arena_ = std::make_shared<StringArena>();
  if (type_ == ColumnType::kEnum) {
    enum_values_ = std::make_shared<const std::vector<std::string>>(def.enum_values);
    live_counts_.assign(def.enum_values.size(), 0);
  } else {
    enum_values_ = std::make_shared<const std::vector<std::string>>();
  }
}

Cell Column::Get(uint32_t row) const {
  if (IsNull(row)) return Cell::Null();
  if (catalog::IsStringStored(type_)) return Cell::Str(GetString(row));
  if (type_ == ColumnType::kFloat) return Cell::Float(floats_[row]);
  return Cell::Int(ints_[row]);
}

void Column::BeginWrite(Stamp stamp) {
  nulls_.BeginWrite(stamp);
  ints_.BeginWrite(stamp);
  floats_.BeginWrite(stamp);
  refs_.BeginWrite(stamp);
}

void Column::SetNullBit(uint32_t row, bool is_null, bool appended) {
  const uint64_t bit = uint64_t{1} << (row & 63);
  const size_t w = row >> 6;
  if (appended && !nulls_.IsPrivate(w)) {
    uint64_t* word = nulls_.SharedSlot(w);
    if (is_null) {
      __atomic_fetch_or(word, bit, __ATOMIC_RELAXED);
    } else {
      __atomic_fetch_and(word, ~bit, __ATOMIC_RELAXED);
    }
    return;
  }
  uint64_t* word = nulls_.MutableSlot(w);
  *word = is_null ? (*word | bit) : (*word & ~bit);
}

void Column::Reserve(size_t rows) {
  nulls_.Reserve((rows + 63) / 64);
  if (catalog::IsStringStored(type_)) {
    refs_.Reserve(rows);
  } else if (type_ == catalog::ColumnType::kFloat) {
    floats_.Reserve(rows);
  } else {
    ints_.Reserve(rows);
  }
}

void Column::Append(const Cell& value) {
  // A failed allocation part way leaves this version inconsistent; the commit that owns it fails
  // and drops it, and no other version sees the slots it wrote.
  uint32_t row = static_cast<uint32_t>(size_);
  if (catalog::IsStringStored(type_)) {
    refs_.push_back(value.is_null ? 0 : arena_->Append(value.s));
    strings_ = arena_->dir();
    if (!value.is_null) string_bytes_ += value.s.size();
  } else if (type_ == ColumnType::kFloat) {
    floats_.push_back(value.is_null ? 0 : value.f);
  } else {
    ints_.push_back(value.is_null ? 0 : value.i);
  }
  if ((row & 63) == 0) {
    nulls_.push_back(value.is_null ? 1 : 0);
  } else {
    SetNullBit(row, value.is_null, /*appended=*/true);
  }
  ++size_;
}

void Column::LoadStrings(const uint32_t* lengths, size_t n, const char* bytes) {
  // One arena append per string: a Ref names a chunk and an offset, so the strings cannot be
  // placed with one copy of the run (a chunk boundary may fall anywhere in it).
  for (size_t i = 0; i < n; ++i) {
    const std::string_view s(bytes, lengths[i]);
    refs_.push_back(arena_->Append(s));
    string_bytes_ += s.size();
    bytes += s.size();
  }
  strings_ = arena_->dir();
}

void Column::EndLoad(size_t rows) {
  size_ = rows;
  if ((rows & 63) != 0) {
    uint64_t* last = nulls_.MutableSlot(rows >> 6);
    *last &= (uint64_t{1} << (rows & 63)) - 1;
  }
}

void Column::Set(uint32_t row, const Cell& value) {
  if (catalog::IsStringStored(type_)) {
    // The arena copy first: a failed one leaves the cell as it was.
    uint64_t ref = refs_[row];
    if (value.is_null) {
      ref = 0;
    } else if (IsNull(row) || GetString(row).data() != value.s.data() ||
               GetString(row).size() != value.s.size()) {
      ref = arena_->Append(value.s);
      strings_ = arena_->dir();
    }
    const size_t old_bytes = IsNull(row) ? 0 : GetString(row).size();
    refs_.Set(row, ref);
    SetNullBit(row, value.is_null, /*appended=*/false);
    string_bytes_ = string_bytes_ - old_bytes + (value.is_null ? 0 : value.s.size());
    return;
  }
  if (type_ == ColumnType::kFloat) {
    floats_.Set(row, value.is_null ? 0 : value.f);
  } else {
    ints_.Set(row, value.is_null ? 0 : value.i);
  }
  SetNullBit(row, value.is_null, /*appended=*/false);
}

void Column::CompactStrings(const std::function<bool(uint32_t)>& keep) {
  auto arena = std::make_shared<StringArena>();
  size_t live = 0;
  for (uint32_t row = 0; row < size_; ++row) {
    if (refs_[row] == 0) continue;  // null or empty
    StringArena::Ref fresh = 0;
    if (keep(row)) {
      std::string_view s = GetString(row);  // through the old arena's directory
      fresh = arena->Append(s);
      live += s.size();
    }
    refs_.Set(row, fresh);
  }
  arena_ = std::move(arena);
  strings_ = arena_->dir();
  string_bytes_ = live;
}

size_t Column::MemoryBytes() const {
  return nulls_.MemoryBytes() + ints_.MemoryBytes() + floats_.MemoryBytes() +
         refs_.MemoryBytes() + (arena_ ? arena_->BytesReserved() : 0);
}

}  // namespace linkgraph::store
