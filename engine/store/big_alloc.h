// The allocator of the store's large arrays: column values, null bitmaps, string arena chunks
// and hash index tables. Blocks of 2 MiB and more are mapped on their own and advised to use
// transparent huge pages (Linux `madvise(MADV_HUGEPAGE)`, honoured when THP is `madvise` or
// `always`), so a random row of a table of millions costs a cache miss rather than a cache miss
// plus a TLB miss and a page walk; mappings start on a 2 MiB boundary, as a huge page must.
// Smaller blocks come from operator new. Where huge pages are off, the mapping is an ordinary
// one.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace linkgraph::store {

inline constexpr size_t kBigBlockBytes = size_t{2} << 20;

// REQUIRES: bytes >= kBigBlockBytes. Throws std::bad_alloc when the mapping fails.
void* AllocateBig(size_t bytes);
void FreeBig(void* p, size_t bytes);

template <class T>
struct BigAllocator {
  using value_type = T;

  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) {}  // NOLINT: rebinding is implicit

  T* allocate(size_t n) {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
    const size_t bytes = n * sizeof(T);
    if (bytes >= kBigBlockBytes) return static_cast<T*>(AllocateBig(bytes));
    return static_cast<T*>(::operator new(bytes));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes >= kBigBlockBytes) {
      FreeBig(p, bytes);
    } else {
      ::operator delete(p);
    }
  }

  template <class U>
  bool operator==(const BigAllocator<U>&) const {
    return true;
  }
};

template <class T>
using BigVector = std::vector<T, BigAllocator<T>>;

}  // namespace linkgraph::store
