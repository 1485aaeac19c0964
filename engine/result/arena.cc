#include "engine/result/arena.h"

#include <algorithm>

namespace linkgraph::result {

void* Arena::Grow(size_t bytes, size_t align) {
  const size_t need = bytes + align;
  // A request larger than half a block gets a block of its own, so the current block's free
  // space stays usable and a big column wastes nothing.
  if (need > next_block_ / 2) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(need));
    reserved_ += need;
    uintptr_t p = (reinterpret_cast<uintptr_t>(blocks_.back().get()) + align - 1) &
                  ~(uintptr_t{align} - 1);
    return reinterpret_cast<void*>(p);
  }
  blocks_.push_back(std::make_unique_for_overwrite<char[]>(next_block_));
  reserved_ += next_block_;
  cur_ = blocks_.back().get();
  end_ = cur_ + next_block_;
  next_block_ = std::min<size_t>(next_block_ * 2, size_t{1} << 22);
  return AllocateBytes(bytes, align);
}

}  // namespace linkgraph::result
