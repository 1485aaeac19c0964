// A copy-on-write sequence of row ids kept in an order the caller defines: a table's primary-key
// order and its ordered indexes.
//
// Rows are held in blocks of at most kMaxBlock; copies share every block. A copy given a
// writer's stamp (BeginWrite) changes a block in place only when the block carries that stamp,
// and copies it otherwise, so inserting or erasing one row costs one block copy and the versions
// sharing the list never see it. Searches take the order as a predicate, so the list needs no
// pointer back to the table whose values order it.
//
// Example:
//   RowList list;
//   list.BeginWrite(NewStamp());
//   auto less = [&](uint32_t a, uint32_t b) { return key[a] < key[b]; };
//   list.InsertAt(list.PartitionPoint([&](uint32_t r) { return !less(row, r); }), row);
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

#include "engine/store/version_stamp.h"

namespace linkgraph::store {

class RowList {
  struct Block {
    Stamp stamp = kReadOnly;
    std::vector<uint32_t> rows;  // never empty
  };
  struct Dir {
    Stamp stamp = kReadOnly;
    std::vector<std::shared_ptr<Block>> blocks;
  };

 public:
  static constexpr size_t kMaxBlock = 512;

  // Walks rows in order; holds the current block's bounds, so stepping within a block is a
  // pointer increment.
  class const_iterator {
   public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = const uint32_t*;
    using reference = const uint32_t&;

    const_iterator() = default;
    const uint32_t& operator*() const { return *cur_; }
    const_iterator& operator++() {
      if (++cur_ == end_) Load(block_ + 1, false);
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++*this;
      return old;
    }
    const_iterator& operator--() {
      if (cur_ == nullptr || cur_ == begin_) {
        Load(block_ - 1, true);
      } else {
        --cur_;
      }
      return *this;
    }
    const_iterator operator--(int) {
      const_iterator old = *this;
      --*this;
      return old;
    }
    bool operator==(const const_iterator& o) const { return cur_ == o.cur_; }

   private:
    friend class RowList;
    // At row `pos` of block `block` (the end when block is the block count).
    const_iterator(const Dir* dir, uint32_t block, uint32_t pos) : dir_(dir) {
      Load(block, false);
      if (cur_ != nullptr) cur_ += pos;
    }
    // Moves to the first (or, `last`, the last) row of block `block`, or to the end.
    void Load(uint32_t block, bool last) {
      block_ = block;
      if (dir_ == nullptr || block >= dir_->blocks.size()) {
        begin_ = end_ = cur_ = nullptr;
        return;
      }
      const std::vector<uint32_t>& rows = dir_->blocks[block]->rows;
      begin_ = rows.data();
      end_ = begin_ + rows.size();
      cur_ = last ? end_ - 1 : begin_;
    }
    uint32_t pos() const { return cur_ == nullptr ? 0 : static_cast<uint32_t>(cur_ - begin_); }

    const Dir* dir_ = nullptr;
    uint32_t block_ = 0;
    const uint32_t* cur_ = nullptr;  // null at the end
    const uint32_t* begin_ = nullptr;
    const uint32_t* end_ = nullptr;
  };
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const_iterator begin() const { return {dir_.get(), 0, 0}; }
  const_iterator end() const { return {dir_.get(), block_count(), 0}; }
  const_reverse_iterator rbegin() const { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const { return const_reverse_iterator(begin()); }

  // The first position whose row r has !before(r). REQUIRES: `before` is true for a prefix of
  // the list and false after it.
  template <class Before>
  const_iterator PartitionPoint(const Before& before) const {
    if (!dir_) return end();
    const auto& blocks = dir_->blocks;
    auto b = std::partition_point(blocks.begin(), blocks.end(),
                                  [&](const auto& blk) { return before(blk->rows.back()); });
    if (b == blocks.end()) return end();
    const auto& rows = (*b)->rows;
    auto i = std::partition_point(rows.begin(), rows.end(), before);
    return {dir_.get(), static_cast<uint32_t>(b - blocks.begin()),
            static_cast<uint32_t>(i - rows.begin())};
  }

  // Lets this copy write (see the file comment).
  void BeginWrite(Stamp stamp) { stamp_ = stamp; }
  // Inserts `row` before `pos`. REQUIRES: a writer; `pos` from this list, unchanged since.
  void InsertAt(const_iterator pos, uint32_t row);
  // Erases the row at `pos`. REQUIRES: a writer; pos != end().
  void EraseAt(const_iterator pos);
  // Replaces the contents with `rows` (already in order). REQUIRES: a writer.
  void Assign(const std::vector<uint32_t>& rows);

  // Calls fn(const uint32_t* rows, size_t n) for each block in order.
  template <class Fn>
  void ForEachBlock(const Fn& fn) const {
    if (!dir_) return;
    for (const auto& b : dir_->blocks) fn(b->rows.data(), b->rows.size());
  }

  size_t MemoryBytes() const;

 private:
  uint32_t block_count() const { return dir_ ? static_cast<uint32_t>(dir_->blocks.size()) : 0; }
  Dir& MutableDir();
  Block& MutableBlock(uint32_t b);

  std::shared_ptr<Dir> dir_;
  size_t size_ = 0;
  Stamp stamp_ = kReadOnly;
};

}  // namespace linkgraph::store
