// The memory of full-size column chunks (ChunkedArray): 32 KiB blocks carved from 2 MiB
// mappings advised to use transparent huge pages, so random reads across a large column cost a
// cache miss and rarely a TLB miss, as one huge array's would. Freed blocks are kept for reuse
// (a column's old versions free theirs when their last reader lets go, on any thread); the
// mappings stay with the process.
//
// Under AddressSanitizer blocks come from operator new, so use after free is still caught.
#pragma once

#include <cstddef>

namespace linkgraph::store {

inline constexpr size_t kPoolBlockBytes = size_t{32} << 10;

// A block of kPoolBlockBytes. Thread-safe; throws std::bad_alloc.
void* AllocatePoolBlock();
// Returns a block from AllocatePoolBlock. Thread-safe; does not throw.
void FreePoolBlock(void* block) noexcept;

}  // namespace linkgraph::store
