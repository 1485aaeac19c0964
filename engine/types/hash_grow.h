// Growing an absl hash container without the risk of corrupting it.
//
// Debian's abseil (20220623) raw_hash_set::resize records the new capacity before it allocates
// the larger table: an allocation that fails while an insert grows the container leaves it
// corrupt (its destructor walks and frees what it does not own). Allocation failure must roll a
// write back and fail a query cleanly (DESIGN.md §9), so every container that can grow while a
// write or query runs calls GrowBeforeInsert before its inserts.
//
// Example:
//   types::GrowBeforeInsert(map);   // may throw std::bad_alloc; `map` is then as it was
//   map[key] = value;               // does not grow
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <new>
#include <utility>
#include <vector>

namespace linkgraph::types {

// Makes room for `n` elements in all without the risk above: when `map` could grow before
// holding `n`, a larger table is allocated on its own, and the elements moved into it (no
// allocation), then swapped in. Throws std::bad_alloc with `map` as it was.
template <class Map>
void ReserveSafely(Map& map, size_t n) {
  const size_t capacity = map.capacity();
  if (capacity >= 31 && n * 32 <= capacity * 25) return;
  alignas(Map) unsigned char storage[sizeof(Map)];
  Map* bigger = new (storage) Map(0, map.hash_function(), map.key_eq(), map.get_allocator());
  // If this throws, `bigger` is in the state described above but owns no memory: it is left
  // undestroyed on purpose.
  bigger->reserve(std::max<size_t>(24, n));
  // One walk (extracting an element keeps the other iterators valid). Taking begin() again
  // after each extract rescans the emptied prefix: quadratic, 1.6 s of a 500k-row load.
  for (auto it = map.begin(), end = map.end(); it != end;) {
    auto next = std::next(it);
    bigger->insert(map.extract(it));
    it = next;
  }
  map.swap(*bigger);
  bigger->~Map();
}

// Makes room for one more element (ReserveSafely, doubling). Below 25/32 of a capacity of at
// least 31, absl inserts without allocating (tombstones are dropped in place), so most calls do
// nothing.
template <class Map>
void GrowBeforeInsert(Map& map) {
  const size_t capacity = map.capacity();
  if (capacity >= 31 && (map.size() + 1) * 32 <= capacity * 25) return;
  ReserveSafely(map, (map.size() + 1) * 2);
}

// Makes `to` (empty) a copy of `from`, or throws std::bad_alloc with `to` still empty: the
// values are copied first into a vector (which cleans up after itself), then moved in after a
// safe reserve. REQUIRES: moving a value does not allocate or throw.
template <class Map>
void CopySafely(const Map& from, Map& to) {
  using Value = std::pair<typename Map::key_type, typename Map::mapped_type>;
  std::vector<Value> staged(from.begin(), from.end());
  ReserveSafely(to, staged.size());
  for (Value& v : staged) to.emplace(std::move(v.first), std::move(v.second));
}

// A map whose copies are made by CopySafely: a copy that fails leaves nothing corrupt behind.
// Members of values copied while a write runs (the catalog a Register or migration edits).
template <class Map>
class SafelyCopied : public Map {
 public:
  using Map::Map;
  SafelyCopied() = default;
  SafelyCopied(const SafelyCopied& other) : Map() { CopySafely<Map>(other, *this); }
  SafelyCopied& operator=(const SafelyCopied& other) {
    if (this != &other) {
      SafelyCopied copy(other);
      this->swap(copy);
    }
    return *this;
  }
  SafelyCopied(SafelyCopied&&) = default;
  SafelyCopied& operator=(SafelyCopied&&) = default;
};

}  // namespace linkgraph::types
