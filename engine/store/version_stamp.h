// Write stamps: how the store's copy-on-write structures tell what one writer may change in place.
//
// Every attempt to commit (successful or not) draws a fresh stamp. A structure (a chunk of a
// column, an index shard, a block of an ordered index) remembers the stamp of the writer that
// created it; a writer changes in place only what carries its own stamp, which no published
// version can see, and copies anything else before changing it. Stamps are never reused, so what
// a failed or dry-run commit created is never changed again by a later writer (a dry run's result
// may still be reading it).
#pragma once

#include <atomic>
#include <cstdint>

namespace linkgraph::store {

using Stamp = uint64_t;

// 0: read-only (a published version, or one not yet given to a writer).
inline constexpr Stamp kReadOnly = 0;

// A stamp no writer has had before.
inline Stamp NewStamp() {
  static std::atomic<Stamp> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace linkgraph::store
