// A typed column of one table: values, a null bitmap, and for enums per-value live counts.
//
// A Column is one version's view: copying it shares the values (chunked, copy on write) and the
// string arena (append-only, shared by the versions since the last compaction). A copy given a
// writer's stamp (BeginWrite) may be written; the versions it was copied from see none of its
// writes.
//
// Replaced strings stay in the arena; when they take more room than the strings this version's
// rows refer to (and at least kMinReclaimBytes), the writer moves the live strings to a new
// arena (CompactStrings). Versions read before keep the old arena until the last of them is
// gone, so the memory of replaced values is bounded by the versions still held.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
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
  // Where this column's next string goes, and back to there (a rolled-back commit's strings):
  // the mark names its arena, so it stays right after the column compacts into another one.
  // REQUIRES for Truncate: no version refers to a string appended since the mark.
  struct StringsMark {
    std::shared_ptr<StringArena> arena;
    StringArena::Mark mark;
    void Truncate() const { arena->Truncate(mark); }
  };
  StringsMark MarkStrings() const { return StringsMark{arena_, arena_->GetMark()}; }

  // String-stored types: bytes of the strings this version's cells refer to, and bytes its arena
  // holds beyond them (replaced values, and strings only other versions refer to).
  size_t LiveStringBytes() const { return string_bytes_; }
  size_t ReclaimableStringBytes() const {
    const size_t used = arena_ ? arena_->BytesUsed() : 0;
    return used > string_bytes_ ? used - string_bytes_ : 0;
  }
  // Stops counting `row`'s string as live: the row is hard-deleted, and the next compaction
  // drops its string. REQUIRES: a writer; called once per row.
  void ForgetString(uint32_t row) {
    if (catalog::IsStringStored(type_) && !IsNull(row)) string_bytes_ -= GetString(row).size();
  }
  static constexpr size_t kMinReclaimBytes = size_t{1} << 20;
  // True when the reclaimable bytes exceed both the live ones and kMinReclaimBytes: compacting
  // then costs at most one copy of the live strings per as many bytes of garbage.
  bool ShouldCompactStrings() const {
    return ReclaimableStringBytes() > std::max(string_bytes_, kMinReclaimBytes);
  }
  // Moves the strings of the rows `keep` accepts into a new arena and points this version at it;
  // other rows' strings read as empty. REQUIRES: a writer; a string-stored type. Views of this
  // version's strings taken before (hash index keys) must be rebuilt; other versions are
  // unaffected. A failed allocation part way leaves this version inconsistent (its commit fails
  // and drops it).
  void CompactStrings(const std::function<bool(uint32_t)>& keep);
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

  // Bulk reads (checkpoint images): call fn(const T* values, size_t n) for consecutive runs
  // covering the null words (ceil(size() / 64) of them; bits past size() are unspecified), the
  // int64 values (number, dateTime, boolean, enum) or the doubles (float). Null cells hold 0.
  template <class Fn>
  void ForEachNullWordRun(const Fn& fn) const {
    nulls_.ForEachChunk(fn);
  }
  template <class Fn>
  void ForEachIntRun(const Fn& fn) const {
    ints_.ForEachChunk(fn);
  }
  template <class Fn>
  void ForEachFloatRun(const Fn& fn) const {
    floats_.ForEachChunk(fn);
  }

  // Bulk loading (checkpoint images: engine/durable/image_reader.h), through Table::LoadColumn.
  // An empty column of a writer is given its null words, then its values (LoadInts, LoadFloats
  // or LoadStrings as the type stores them), in as many calls as suit, then EndLoad(rows); until
  // EndLoad, size() stays 0 and only the loader reads the appended values (GetInt, IsNull...).
  // Values are read in native layout from any alignment (they may sit anywhere in an image).
  // REQUIRES: a writer; the column was empty when loading began; each call matches the type.
  void LoadNullWords(const void* words, size_t n) { nulls_.AppendBulk(words, n); }
  void LoadInts(const void* values, size_t n) { ints_.AppendBulk(values, n); }
  void LoadFloats(const void* values, size_t n) { floats_.AppendBulk(values, n); }
  // Appends n strings, the i-th lengths[i] bytes long, laid end to end in `bytes`; a null (or
  // dead) row's string is empty. REQUIRES: every length <= StringArena::kMaxStringBytes.
  void LoadStrings(const uint32_t* lengths, size_t n, const char* bytes);
  // Ends a bulk load of `rows` rows. REQUIRES: ceil(rows / 64) null words and `rows` values were
  // loaded. Clears the null bits past `rows`, which appends expect clear.
  void EndLoad(size_t rows);

  // Enum only: the declared values and live-row counts per code.
  const std::vector<std::string>& enum_values() const { return *enum_values_; }
  std::string_view EnumText(int64_t code) const { return (*enum_values_)[code]; }
  const std::vector<int64_t>& live_counts() const { return live_counts_; }
  void AdjustLiveCount(int64_t code, int64_t delta) { live_counts_[code] += delta; }
  // Replaces the live counts (a bulk load's, counted once). REQUIRES: one count per value.
  void SetLiveCounts(std::vector<int64_t> counts) { live_counts_ = std::move(counts); }

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
  size_t string_bytes_ = 0;             // LiveStringBytes()
  std::shared_ptr<const std::vector<std::string>> enum_values_;
  std::vector<int64_t> live_counts_;
};

}  // namespace linkgraph::store
