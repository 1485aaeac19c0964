// The rows of a write, parsed and type-checked before the commit lock (phase 1 of the commit,
// DESIGN.md §5), as a compact byte stream that phase 2 reads back under the lock.
//
// The stream is a sequence of records:
//   row:            tag, label (u32: rows[label] or line label), field count (u16), then per
//                   given field its column (u16), a value kind (u8) and the value (i64, f64, or
//                   u32 length + bytes); a field "from the parent" (a nested row's key to the
//                   row it is nested in) carries no value: phase 2 fills it in.
//   nested begin:   tag, the NestedInfo's index in the catalog version; the nested rows follow,
//   nested end:     tag.
//   selector:       tag, label, u32 length + the selector's JSON (a selector update; the row of
//                   its data follows).
// Values are stored as they will be appended (text normalised, JSON canonical): phase 2 copies
// them into columns without converting anything again. The stream holds only what the input
// gave; defaults, ids and timestamps are filled in phase 2, which alone reads the clock.
//
// Reading back yields string views into the stream: it must outlive the cells read from it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/cell.h"

namespace linkgraph::modules {

class StagedRows {
 public:
  enum class Tag : uint8_t { kRow = 1, kNestedBegin, kNestedEnd, kSelector };

  // Writing (phase 1).
  void Reserve(size_t bytes) { bytes_.reserve(bytes); }
  size_t Mark() const { return bytes_.size(); }
  // Drops what was written after `mark` (a row whose reading failed part way).
  void Truncate(size_t mark) { bytes_.resize(mark); }

  void BeginRow(uint32_t label);
  // `cell` for `col`: text when `string_stored`, else its number (i or f, by `is_float`).
  void Field(catalog::ColumnId col, const store::Cell& cell, bool string_stored, bool is_float);
  void FieldFromParent(catalog::ColumnId col);
  void EndRow();
  void BeginNested(uint32_t nested_index);
  void EndNested();
  void Selector(uint32_t label, std::string_view json);

  bool empty() const { return bytes_.empty(); }
  size_t bytes() const { return bytes_.size(); }

  // Reading (phase 2): records in order.
  class Cursor {
   public:
    explicit Cursor(const StagedRows& rows) : p_(rows.bytes_.data()), end_(p_ + rows.bytes_.size()) {}
    bool Done() const { return p_ == end_; }
    Tag Next() { return static_cast<Tag>(*p_++); }
    // After kRow: the label, then the fields: `given[col] = 1`, `cells[col]` set for each
    // (cells of fields from the parent are left for the caller, their columns in `from_parent`).
    uint32_t ReadRow(std::vector<store::Cell>* cells, std::vector<uint8_t>* given,
                     catalog::ColumnId* from_parent);
    // After kNestedBegin: the NestedInfo index.
    uint32_t ReadNested() { return U32(); }
    // After kSelector: the label and the selector's JSON.
    uint32_t ReadSelector(std::string_view* json);

   private:
    uint32_t U32() {
      uint32_t v;
      std::memcpy(&v, p_, 4);
      p_ += 4;
      return v;
    }
    const char* p_;
    const char* end_;
  };

 private:
  void Put(const void* p, size_t n) { bytes_.append(static_cast<const char*>(p), n); }
  template <typename T>
  void PutValue(T v) {
    Put(&v, sizeof v);
  }

  std::string bytes_;
  size_t row_start_ = 0;   // of the row being written: its field count is patched at EndRow
  uint16_t row_fields_ = 0;
};

}  // namespace linkgraph::modules
