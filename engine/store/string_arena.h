// Append-only string storage with stable addresses, shared by every version of a column.
//
// Strings live in chunks that never move, so a std::string_view into the arena stays valid for
// the arena's lifetime (hash indexes key on such views, results hold them). A string is referred
// to by a 64-bit `Ref`: 40 bits of address (chunk << 24 | offset) and 24 bits of length, so one
// string is at most kMaxStringBytes and one arena at most 1 TiB. The strings a rolled-back
// transaction appended are freed (Mark, Truncate); replaced strings stay until the column moves
// its live strings to a new arena (Column::CompactStrings) and the last version using this one
// is gone.
//
// One writer appends while readers of published versions read. Readers find chunks through a
// directory of chunk addresses that each column version caches (dir()); when the writer needs a
// larger directory it copies it and keeps the old one until the arena dies, so a cached
// directory stays valid and holds every chunk its version refers to.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/store/big_alloc.h"

namespace linkgraph::store {

class StringArena {
 public:
  using Ref = uint64_t;
  static constexpr size_t kMaxStringBytes = (size_t{1} << 24) - 1;

  StringArena() = default;
  ~StringArena();
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;

  // Copies `s` into the arena. REQUIRES: s.size() <= kMaxStringBytes; one writer at a time.
  Ref Append(std::string_view s);

  // The chunk directory to cache: valid, and holding every chunk appended so far, for the
  // arena's life.
  using Dir = const char* const*;
  Dir dir() const { return dir_; }

  // The string `ref` names, through a directory dir() returned after the string was appended.
  static std::string_view Get(Dir dir, Ref ref) {
    size_t len = ref & kLenMask;
    if (len == 0) return {};
    uint64_t addr = ref >> 24;
    return {dir[addr >> 24] + (addr & kOffMask), len};
  }
  std::string_view Get(Ref ref) const { return Get(dir_, ref); }

  // Bytes reserved by the arena's chunks, and bytes of the strings appended to them.
  size_t BytesReserved() const { return reserved_; }
  size_t BytesUsed() const { return used_; }

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
  static constexpr size_t kMaxChunks = size_t{1} << 16;  // 16 bits of chunk number in a Ref
  struct ChunkInfo {
    size_t capacity = 0;
    size_t used = 0;
  };

  const char** dir_ = nullptr;  // dir_capacity_ slots; the newest of dirs_
  size_t dir_capacity_ = 0;
  std::vector<std::unique_ptr<const char*[]>> dirs_;  // every directory, kept for cached copies
  std::vector<ChunkInfo> chunks_;  // the writer's bookkeeping
  size_t reserved_ = 0;
  size_t used_ = 0;
};

}  // namespace linkgraph::store
