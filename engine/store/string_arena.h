// Append-only string storage with stable addresses.
//
// Strings live in chunks that never move, so a std::string_view into the arena stays valid for
// the arena's lifetime (hash indexes key on such views). A string is referred to by a 64-bit
// `Ref`: 40 bits of address (chunk << 24 | offset) and 24 bits of length, so one string is at
// most kMaxStringBytes and one arena at most 1 TiB. Replaced strings are not reclaimed; the
// strings a rolled-back transaction appended are (Mark, Truncate).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/store/big_alloc.h"

namespace linkgraph::store {

// Frees one arena chunk of `capacity` bytes.
struct ArenaChunkFree {
  size_t capacity = 0;
  void operator()(char* p) const { BigAllocator<char>().deallocate(p, capacity); }
};

class StringArena {
 public:
  using Ref = uint64_t;
  static constexpr size_t kMaxStringBytes = (size_t{1} << 24) - 1;

  // Copies `s` into the arena. REQUIRES: s.size() <= kMaxStringBytes.
  Ref Append(std::string_view s);

  std::string_view Get(Ref ref) const {
    size_t len = ref & kLenMask;
    if (len == 0) return {};
    uint64_t addr = ref >> 24;
    return {chunks_[addr >> 24].data.get() + (addr & kOffMask), len};
  }

  // Bytes reserved by the arena's chunks.
  size_t BytesReserved() const { return reserved_; }

  // Where the next string goes, and back to there: Truncate frees what was appended since the
  // mark (whole chunks included). REQUIRES: no Ref or view of those strings is used again.
  struct Mark {
    size_t chunks = 0;
    size_t used = 0;  // of chunk `chunks - 1`
  };
  Mark GetMark() const {
    return chunks_.empty() ? Mark{} : Mark{chunks_.size(), chunks_.back().used};
  }
  void Truncate(const Mark& mark);

 private:
  static constexpr uint64_t kLenMask = (uint64_t{1} << 24) - 1;
  static constexpr uint64_t kOffMask = (uint64_t{1} << 24) - 1;
  static constexpr size_t kChunkSpace = size_t{1} << 24;
  struct Chunk {
    std::unique_ptr<char[], ArenaChunkFree> data;
    size_t capacity = 0;
    size_t used = 0;
  };
  std::vector<Chunk> chunks_;
  size_t reserved_ = 0;
};

}  // namespace linkgraph::store
