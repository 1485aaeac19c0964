#include "engine/store/big_alloc.h"

#include <sys/mman.h>

namespace linkgraph::store {

namespace {

size_t Rounded(size_t bytes) { return (bytes + kBigBlockBytes - 1) & ~(kBigBlockBytes - 1); }

}  // namespace

void* AllocateBig(size_t bytes) {
  const size_t size = Rounded(bytes);
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, size, MADV_HUGEPAGE);  // advice only: without THP the mapping works as it is
#endif
  return p;
}

void FreeBig(void* p, size_t bytes) { munmap(p, Rounded(bytes)); }

}  // namespace linkgraph::store
