#include "engine/store/chunk_pool.h"

#include <mutex>
#include <new>

#include "engine/store/big_alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define LG_POOL_DISABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LG_POOL_DISABLED 1
#endif
#endif

namespace linkgraph::store {

#ifdef LG_POOL_DISABLED

void* AllocatePoolBlock() { return ::operator new(kPoolBlockBytes); }
void FreePoolBlock(void* block) noexcept { ::operator delete(block); }

#else

namespace {

constexpr size_t kSlabBytes = size_t{2} << 20;

struct FreeBlock {
  FreeBlock* next;
};

struct Pool {
  std::mutex mu;
  FreeBlock* free = nullptr;
  char* slab = nullptr;  // the unused rest of the newest slab
  size_t slab_left = 0;
};

Pool& ThePool() {
  static Pool* pool = new Pool();  // never destroyed: blocks may be freed during exit
  return *pool;
}

}  // namespace

void* AllocatePoolBlock() {
  Pool& pool = ThePool();
  std::lock_guard<std::mutex> lock(pool.mu);
  if (pool.free != nullptr) {
    FreeBlock* b = pool.free;
    pool.free = b->next;
    return b;
  }
  if (pool.slab_left == 0) {
    pool.slab = static_cast<char*>(AllocateBig(kSlabBytes));  // throws std::bad_alloc
    pool.slab_left = kSlabBytes;
  }
  void* b = pool.slab;
  pool.slab += kPoolBlockBytes;
  pool.slab_left -= kPoolBlockBytes;
  return b;
}

void FreePoolBlock(void* block) noexcept {
  Pool& pool = ThePool();
  std::lock_guard<std::mutex> lock(pool.mu);
  auto* b = static_cast<FreeBlock*>(block);
  b->next = pool.free;
  pool.free = b;
}

#endif

}  // namespace linkgraph::store
