// A typed column of one table: values, a null bitmap, and for enums per-value live counts.
//
// A Column is one version's view: copying it shares the values (chunked, copy on write) and the
// string arena (shared by every version: append-only). A copy given a writer's stamp
// (BeginWrite) may be written; the versions it was copied from see none of its writes.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/cell.h"
#include "engine/store/chunked_array.h"
#include "engine/store/string_arena.h"
#include "engine/store/version_stamp.h"

namespace linkgraph::store {

class Column {
 public:
  explicit Column(const catalog::ColumnDef& def);

  catalog::ColumnType type() const { return type_; }
  size_t size() const { return size_; }

  // Null words are read atomically: a writer may set the bit of a row it appends in a word a
  // reader is reading for an earlier row.
  bool IsNull(uint32_t row) const {
    return (__atomic_load_n(&nulls_[row >> 6], __ATOMIC_RELAXED) >> (row & 63)) & 1;
  }
  int64_t GetInt(uint32_t row) const { return ints_[row]; }
  double GetFloat(uint32_t row) const { return floats_[row]; }
  std::string_view GetString(uint32_t row) const {
    return StringArena::Get(strings_, refs_[row]);
  }
  // The string arena's mark, and back to it (a rolled-back commit's strings). REQUIRES for
  // TruncateStrings: no version refers to a string appended since the mark.
  StringArena::Mark StringMark() const { return arena_->GetMark(); }
  void TruncateStrings(const StringArena::Mark& mark) { arena_->Truncate(mark); }
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

  // Lets this copy write (see ChunkedArray::BeginWrite).
  void BeginWrite(Stamp stamp);
  // Appends a value. Strings are copied into the column's arena.
  void Append(const Cell& value);
  // Room for `rows` rows in all (a first chunk of that size while the column is empty).
  void Reserve(size_t rows);
  // Replaces the value of `row`.
  void Set(uint32_t row, const Cell& value);

  // Enum only: the declared values and live-row counts per code.
  const std::vector<std::string>& enum_values() const { return *enum_values_; }
  std::string_view EnumText(int64_t code) const { return (*enum_values_)[code]; }
  const std::vector<int64_t>& live_counts() const { return live_counts_; }
  void AdjustLiveCount(int64_t code, int64_t delta) { live_counts_[code] += delta; }

  // Bytes held by values and bitmap (this version's chunks), and by the arena.
  size_t MemoryBytes() const;

 private:
  // Sets the null bit of `row`: in place (atomically) when the row was just appended, since
  // readers may be reading its word for earlier rows; through a private copy otherwise.
  void SetNullBit(uint32_t row, bool is_null, bool appended);

  catalog::ColumnType type_;
  size_t size_ = 0;
  ChunkedArray<uint64_t> nulls_;
  ChunkedArray<int64_t> ints_;     // number, dateTime, boolean, enum code
  ChunkedArray<double> floats_;    // float
  ChunkedArray<StringArena::Ref> refs_;  // string-stored types
  std::shared_ptr<StringArena> arena_;
  StringArena::Dir strings_ = nullptr;  // arena_'s directory, as of this version's last append
  std::shared_ptr<const std::vector<std::string>> enum_values_;
  std::vector<int64_t> live_counts_;
};

}  // namespace linkgraph::store
