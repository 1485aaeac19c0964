#include "engine/store/string_arena.h"

#include <algorithm>
#include <cstring>

namespace linkgraph::store {

StringArena::Ref StringArena::Append(std::string_view s) {
  if (s.empty()) return 0;
  if (chunks_.empty() || chunks_.back().capacity - chunks_.back().used < s.size()) {
    // Chunks grow geometrically from 4 KiB to the 16 MiB address space of one chunk.
    size_t cap = chunks_.empty() ? 4096 : std::min(chunks_.back().capacity * 2, kChunkSpace);
    cap = std::max(cap, s.size());
    Chunk c;
    c.data = std::unique_ptr<char[], ArenaChunkFree>(BigAllocator<char>().allocate(cap),
                                                     ArenaChunkFree{cap});
    c.capacity = cap;
    chunks_.push_back(std::move(c));
    reserved_ += cap;
  }
  Chunk& c = chunks_.back();
  uint64_t addr = (uint64_t{chunks_.size() - 1} << 24) | c.used;
  std::memcpy(c.data.get() + c.used, s.data(), s.size());
  c.used += s.size();
  return (addr << 24) | s.size();
}

void StringArena::Truncate(const Mark& mark) {
  while (chunks_.size() > mark.chunks) {
    reserved_ -= chunks_.back().capacity;
    chunks_.pop_back();
  }
  if (!chunks_.empty()) chunks_.back().used = mark.used;
}

}  // namespace linkgraph::store
