// A typed column of one table: values, a null bitmap, and for enums per-value live counts.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/big_alloc.h"
#include "engine/store/cell.h"
#include "engine/store/string_arena.h"

namespace linkgraph::store {

class Column {
 public:
  explicit Column(const catalog::ColumnDef& def);

  catalog::ColumnType type() const { return type_; }
  size_t size() const { return size_; }

  bool IsNull(uint32_t row) const { return (nulls_[row >> 6] >> (row & 63)) & 1; }
  int64_t GetInt(uint32_t row) const { return ints_[row]; }
  double GetFloat(uint32_t row) const { return floats_[row]; }
  std::string_view GetString(uint32_t row) const { return arena_.Get(refs_[row]); }
  // The string arena's mark, and back to it (store::Transaction's rollback). REQUIRES for
  // TruncateStrings: no row refers to a string appended since the mark.
  StringArena::Mark StringMark() const { return arena_.GetMark(); }
  void TruncateStrings(const StringArena::Mark& mark) { arena_.Truncate(mark); }
  Cell Get(uint32_t row) const;
  // Starts loading the cache lines that hold `row`'s null bit and value (not a string's bytes).
  void Prefetch(uint32_t row) const {
    __builtin_prefetch(&nulls_[row >> 6]);
    if (catalog::IsStringStored(type_)) {
      __builtin_prefetch(&refs_[row]);
    } else if (type_ == catalog::ColumnType::kFloat) {
      __builtin_prefetch(&floats_[row]);
    } else {
      __builtin_prefetch(&ints_[row]);
    }
  }

  // Appends a value. Strings are copied into the column's arena.
  void Append(const Cell& value);
  // Capacity for `rows` rows in all.
  void Reserve(size_t rows);
  // Replaces the value of `row`.
  void Set(uint32_t row, const Cell& value);
  // Removes the last row (undo of Append).
  void PopBack();

  // The stored bits of a cell (int, float bits or string ref) for undo: SetRaw(row, GetRaw(row),
  // IsNull(row)) restores a value without copying strings again.
  uint64_t GetRaw(uint32_t row) const;
  void SetRaw(uint32_t row, uint64_t raw, bool is_null);

  // Enum only: the declared values and live-row counts per code.
  const std::vector<std::string>& enum_values() const { return enum_values_; }
  std::string_view EnumText(int64_t code) const { return enum_values_[code]; }
  const std::vector<int64_t>& live_counts() const { return live_counts_; }
  void AdjustLiveCount(int64_t code, int64_t delta) { live_counts_[code] += delta; }

  // Bytes held by values, bitmap and arena.
  size_t MemoryBytes() const;

 private:
  // Drops the last value of the typed vector (not the null bit nor size_).
  void PopValue();
  void SetNullBit(uint32_t row, bool is_null);

  catalog::ColumnType type_;
  size_t size_ = 0;
  BigVector<uint64_t> nulls_;
  BigVector<int64_t> ints_;     // number, dateTime, boolean, enum code
  BigVector<double> floats_;    // float
  BigVector<StringArena::Ref> refs_;  // string-stored types
  StringArena arena_;
  std::vector<std::string> enum_values_;
  std::vector<int64_t> live_counts_;
};

}  // namespace linkgraph::store
