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

namespace linkgraph::types {

// Makes room for one more element: when the next insert could grow `map`, the larger table is
// allocated here, on its own, and the elements moved into it (no allocation), then swapped in.
// Below 25/32 of a capacity of at least 31, absl inserts without allocating (tombstones are
// dropped in place), so most calls do nothing.
template <class Map>
void GrowBeforeInsert(Map& map) {
  const size_t capacity = map.capacity();
  if (capacity >= 31 && (map.size() + 1) * 32 <= capacity * 25) return;
  alignas(Map) unsigned char storage[sizeof(Map)];
  Map* bigger = new (storage) Map(0, map.hash_function(), map.key_eq(), map.get_allocator());
  // If this throws, `bigger` is in the state described above but owns no memory: it is left
  // undestroyed on purpose.
  bigger->reserve(std::max<size_t>(24, (map.size() + 1) * 2));
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

}  // namespace linkgraph::types
