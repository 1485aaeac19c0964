// A bump allocator owned by one result. Every array and string a result owns lives in it, so a
// result costs a few allocations in all instead of several per column: small allocations taken
// one by one from a large, long-lived heap come back scattered and cold, and at a million rows
// that was a fifth of a point query's time. Only trivially destructible values go in; the
// arena frees its blocks at once and runs no destructors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace linkgraph::result {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // `n` value-initialised elements.
  template <class T>
  std::span<T> Allocate(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return {};
    T* p = static_cast<T*>(AllocateBytes(n * sizeof(T), alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    return {p, n};
  }

  // `n` elements copied from `src`.
  template <class T>
  std::span<const T> Copy(std::span<const T> src) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (src.empty()) return {};
    T* p = static_cast<T*>(AllocateBytes(src.size() * sizeof(T), alignof(T)));
    std::memcpy(p, src.data(), src.size() * sizeof(T));
    return {p, src.size()};
  }

  std::string_view CopyString(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(AllocateBytes(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  // Bytes taken from the heap (inline space excluded).
  size_t BytesReserved() const { return reserved_; }

 private:
  void* AllocateBytes(size_t bytes, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + align - 1) & ~(uintptr_t{align} - 1);
    if (p + bytes <= reinterpret_cast<uintptr_t>(end_)) {
      cur_ = reinterpret_cast<char*>(p + bytes);
      return reinterpret_cast<void*>(p);
    }
    return Grow(bytes, align);
  }
  void* Grow(size_t bytes, size_t align);

  static constexpr size_t kInlineBytes = 2048;
  alignas(16) char inline_[kInlineBytes];
  char* cur_ = inline_;
  char* end_ = inline_ + kInlineBytes;
  size_t next_block_ = 8192;
  size_t reserved_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
};

}  // namespace linkgraph::result
