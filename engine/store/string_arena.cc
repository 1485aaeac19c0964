#include "engine/store/string_arena.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace linkgraph::store {

StringArena::~StringArena() { Truncate(Mark{}); }

StringArena::Ref StringArena::Append(std::string_view s) {
  if (s.empty()) return 0;
  if (chunks_.empty() || chunks_.back().capacity - chunks_.back().used < s.size()) {
    const size_t n = chunks_.size();
    if (n == kMaxChunks) throw std::bad_alloc();
    // Chunks grow geometrically from 4 KiB to the 16 MiB address space of one chunk.
    size_t cap = chunks_.empty() ? 4096 : std::min(chunks_.back().capacity * 2, kChunkSpace);
    cap = std::max(cap, s.size());
    // Room first, so nothing below can fail once the chunk is allocated.
    chunks_.reserve(n + 1);
    if (n == dir_capacity_) {
      const size_t bigger = std::max<size_t>(8, dir_capacity_ * 2);
      dirs_.reserve(dirs_.size() + 1);
      auto dir = std::make_unique<const char*[]>(bigger);
      std::copy(dir_, dir_ + n, dir.get());
      dir_ = dir.get();
      dir_capacity_ = bigger;
      dirs_.push_back(std::move(dir));
    }
    char* data = BigAllocator<char>().allocate(cap);
    dir_[n] = data;
    chunks_.push_back(ChunkInfo{cap, 0});
    reserved_ += cap;
  }
  const size_t n = chunks_.size() - 1;
  ChunkInfo& c = chunks_.back();
  uint64_t addr = (uint64_t{n} << 24) | c.used;
  std::memcpy(const_cast<char*>(dir_[n]) + c.used, s.data(), s.size());
  c.used += s.size();
  used_ += s.size();
  return (addr << 24) | s.size();
}

void StringArena::Truncate(const Mark& mark) {
  while (chunks_.size() > mark.chunks) {
    const size_t n = chunks_.size() - 1;
    reserved_ -= chunks_.back().capacity;
    BigAllocator<char>().deallocate(const_cast<char*>(dir_[n]), chunks_.back().capacity);
    dir_[n] = nullptr;
    chunks_.pop_back();
  }
  if (!chunks_.empty()) chunks_.back().used = mark.used;
  used_ = 0;
  for (const ChunkInfo& c : chunks_) used_ += c.used;
}

}  // namespace linkgraph::store
