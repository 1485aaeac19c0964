// A copy-on-write array of trivially copyable values in fixed-size chunks: the storage of a
// column's values and null bits and of a table's row flags.
//
// Copies are cheap and share every chunk. A copy given a writer's stamp (BeginWrite) changes a
// chunk in place only when the chunk carries that stamp; any other chunk is copied first, so the
// versions sharing it never see the change. Appending is the exception that keeps loads fast: a
// value appended past every slot any writer has used in a chunk (the chunk's `claimed` mark) is
// invisible to every other version, which reads only its own `size()` values, so it is written in
// place. Readers of published versions never wait and never see a partial write.
//
// Example:
//   ChunkedArray<int64_t> a;      // empty
//   a.BeginWrite(NewStamp());
//   a.push_back(7);
//   ChunkedArray<int64_t> b = a;  // shares a's chunk
//   b.BeginWrite(NewStamp());
//   b.Set(0, 8);                  // copies the chunk: a[0] is still 7
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include "engine/store/big_alloc.h"
#include "engine/store/chunk_pool.h"
#include "engine/store/version_stamp.h"

namespace linkgraph::store {

template <class T>
class ChunkedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  // 32 KiB of values per chunk: copying one to change a value costs about a microsecond.
  static constexpr int kShift = sizeof(T) >= 8 ? 12 : (sizeof(T) >= 4 ? 13 : 15);
  static constexpr size_t kChunk = size_t{1} << kShift;
  static constexpr size_t kMask = kChunk - 1;
  static_assert(kChunk * sizeof(T) == kPoolBlockBytes);

  ChunkedArray() = default;

  size_t size() const { return size_; }
  const T& operator[](size_t i) const { return ptrs_[i >> kShift][i & kMask]; }

  // Lets this copy write: what it creates from now on carries `stamp`.
  void BeginWrite(Stamp stamp) { stamp_ = stamp; }

  // True when slot `i` is in a chunk this writer created (no other version sees it).
  bool IsPrivate(size_t i) const { return dir_->chunks[i >> kShift]->stamp == stamp_; }

  // The slot of value `i`, copied into a private chunk first when shared.
  // REQUIRES: a writer (BeginWrite); i < size().
  T* MutableSlot(size_t i) {
    const size_t c = i >> kShift;
    if (dir_->chunks[c]->stamp != stamp_) ReplaceChunk(c, dir_->chunks[c]->capacity);
    return &ptrs_[c][i & kMask];
  }
  // The slot of value `i` in place, shared or not: for writes readers cannot observe half done
  // (atomic bit operations on a null word). REQUIRES: a writer; i < size().
  T* SharedSlot(size_t i) { return &ptrs_[i >> kShift][i & kMask]; }

  void Set(size_t i, const T& v) { *MutableSlot(i) = v; }

  void push_back(const T& v) {
    const size_t c = size_ >> kShift, off = size_ & kMask;
    if (c < chunk_count()) {
      Chunk& ch = *dir_->chunks[c];
      if (off >= ch.capacity) {
        ReplaceChunk(c, std::min(kChunk, ch.capacity * 2));
      } else if (ch.stamp != stamp_ && off < ch.claimed) {
        // Another writer (a failed or dry-run commit) used this slot: a version may read it.
        ReplaceChunk(c, ch.capacity);
      }
    } else {
      AddChunk(c == 0 ? std::min(kChunk, reserve_hint_) : kChunk);
    }
    Chunk& ch = *dir_->chunks[c];
    ch.data[off] = v;
    ch.claimed = std::max(ch.claimed, off + 1);
    ++size_;
  }

  // Appends the `n` values stored at `values` (native layout, any alignment: they may sit
  // anywhere in a checkpoint image): push_back's result, one memcpy per chunk touched.
  // REQUIRES: a writer.
  void AppendBulk(const void* values, size_t n) {
    const char* from = static_cast<const char*>(values);
    while (n > 0) {
      const size_t c = size_ >> kShift, off = size_ & kMask;
      if (c < chunk_count()) {
        Chunk& ch = *dir_->chunks[c];
        if (off >= ch.capacity) {
          ReplaceChunk(c, std::min(kChunk, ch.capacity * 2));
        } else if (ch.stamp != stamp_ && off < ch.claimed) {
          ReplaceChunk(c, ch.capacity);  // as in push_back
        }
      } else {
        AddChunk(c == 0 ? std::min(kChunk, reserve_hint_) : kChunk);
      }
      Chunk& ch = *dir_->chunks[c];
      const size_t k = std::min(n, ch.capacity - off);
      std::memcpy(ch.data + off, from, k * sizeof(T));
      ch.claimed = std::max(ch.claimed, off + k);
      size_ += k;
      from += k * sizeof(T);
      n -= k;
    }
  }

  // Drops the values from `n` on (n <= size()): the slots stay claimed.
  void Shrink(size_t n) { size_ = std::min(size_, n); }

  // A first chunk sized for `n` values when the array is still empty (small tables stay small).
  void Reserve(size_t n) {
    if (chunk_count() == 0) reserve_hint_ = std::max<size_t>(reserve_hint_, n);
  }

  size_t MemoryBytes() const {
    size_t bytes = 0;
    if (dir_) {
      for (const auto& ch : dir_->chunks) bytes += ch->capacity * sizeof(T);
    }
    return bytes;
  }

  // Calls fn(const T* data, size_t n) for each chunk's values in order.
  template <class Fn>
  void ForEachChunk(const Fn& fn) const {
    for (size_t c = 0, left = size_; left > 0; ++c) {
      const size_t n = std::min(left, kChunk);
      fn(ptrs_[c], n);
      left -= n;
    }
  }

 private:
  struct Chunk {
    Stamp stamp = kReadOnly;
    size_t capacity = 0;
    size_t claimed = 0;  // slots [0, claimed) were written by some writer
    T* data = nullptr;
    // Full chunks come from the huge-page pool; a table's small first chunk from the heap.
    Chunk(Stamp s, size_t cap)
        : stamp(s),
          capacity(cap),
          data(cap == kChunk ? static_cast<T*>(AllocatePoolBlock())
                             : BigAllocator<T>().allocate(cap)) {}
    ~Chunk() {
      if (capacity == kChunk) {
        FreePoolBlock(data);
      } else {
        BigAllocator<T>().deallocate(data, capacity);
      }
    }
    Chunk(const Chunk&) = delete;
    Chunk& operator=(const Chunk&) = delete;
  };
  struct Dir {
    Stamp stamp = kReadOnly;
    std::vector<std::shared_ptr<Chunk>> chunks;
    std::vector<T*> ptrs;
  };

  size_t chunk_count() const { return dir_ ? dir_->chunks.size() : 0; }

  // This writer's own directory (copied when shared), with room for one more chunk.
  Dir& MutableDir() {
    if (!dir_ || dir_->stamp != stamp_) {
      auto d = dir_ ? std::make_shared<Dir>(*dir_) : std::make_shared<Dir>();
      d->stamp = stamp_;
      dir_ = std::move(d);
      ptrs_ = dir_->ptrs.data();
    }
    dir_->chunks.reserve(dir_->chunks.size() + 1);
    dir_->ptrs.reserve(dir_->chunks.size() + 1);
    ptrs_ = dir_->ptrs.data();
    return *dir_;
  }

  // Replaces chunk `c` with a private one of `capacity` holding this version's values of it.
  void ReplaceChunk(size_t c, size_t capacity) {
    auto fresh = std::make_shared<Chunk>(stamp_, capacity);
    const size_t first = c << kShift;
    const size_t n = size_ > first ? std::min(size_ - first, dir_->chunks[c]->capacity) : 0;
    std::memcpy(fresh->data, dir_->chunks[c]->data, n * sizeof(T));
    fresh->claimed = n;
    Dir& d = MutableDir();
    d.ptrs[c] = fresh->data;
    d.chunks[c] = std::move(fresh);
  }

  void AddChunk(size_t capacity) {
    auto fresh = std::make_shared<Chunk>(stamp_, std::max<size_t>(capacity, 8));
    Dir& d = MutableDir();  // reserves, so the push_backs below cannot throw
    d.ptrs.push_back(fresh->data);
    d.chunks.push_back(std::move(fresh));
  }

  std::shared_ptr<Dir> dir_;
  T* const* ptrs_ = nullptr;
  size_t size_ = 0;
  size_t reserve_hint_ = 8;
  Stamp stamp_ = kReadOnly;
};

}  // namespace linkgraph::store
