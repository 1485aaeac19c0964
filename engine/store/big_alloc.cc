#include "engine/store/big_alloc.h"

#include <sys/mman.h>

#include <cstdint>

namespace linkgraph::store {

namespace {

size_t Rounded(size_t bytes) { return (bytes + kBigBlockBytes - 1) & ~(kBigBlockBytes - 1); }

}  // namespace

void* AllocateBig(size_t bytes) {
  const size_t size = Rounded(bytes);
  // A huge page needs a 2 MiB aligned address: map one block more than asked and give back the
  // unaligned head and the tail, so even a single 2 MiB block is one huge page.
  void* mapped = mmap(nullptr, size + kBigBlockBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(mapped);
  const uintptr_t aligned = (start + kBigBlockBytes - 1) & ~uintptr_t{kBigBlockBytes - 1};
  if (aligned > start) munmap(mapped, aligned - start);
  const size_t tail = start + kBigBlockBytes - aligned;
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + size), tail);
  void* p = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
  madvise(p, size, MADV_HUGEPAGE);  // advice only: without THP the mapping works as it is
#endif
  return p;
}

void FreeBig(void* p, size_t bytes) { munmap(p, Rounded(bytes)); }

}  // namespace linkgraph::store
