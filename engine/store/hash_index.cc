#include "engine/store/hash_index.h"

namespace linkgraph::store {

HashIndex::HashIndex(const Column* column, bool unique)
    : text_keys_(catalog::IsStringStored(column->type())),
      unique_(unique),
      set_(0, RowHash{column, text_keys_}, RowEq{column}) {}

void HashIndex::Erase(const Cell& key, uint32_t row) {
  if (unique_) {
    set_.erase(row);
    return;
  }
  auto erase_from = [row](auto& map, auto it) {
    if (it == map.end()) return;
    Posting& p = it->second;
    auto pos = std::find(p.begin(), p.end(), row);
    if (pos != p.end()) p.erase(pos);
    if (p.empty()) map.erase(it);
  };
  if (key.is_null) return;
  if (text_keys_) {
    erase_from(text_, text_.find(ToAbsl(key.s)));
  } else {
    erase_from(ints_, ints_.find(key.i));
  }
}

size_t HashIndex::MemoryBytes() const {
  if (unique_) return set_.capacity() * (sizeof(uint32_t) + 1);
  size_t per_slot = sizeof(Posting) + (text_keys_ ? sizeof(absl::string_view) : sizeof(int64_t)) + 1;
  size_t bytes = (text_keys_ ? text_.capacity() : ints_.capacity()) * per_slot;
  auto spill = [&](const auto& map) {
    for (const auto& [k, p] : map) {
      if (p.capacity() > kInlineRows) bytes += p.capacity() * sizeof(uint32_t);
    }
  };
  text_keys_ ? spill(text_) : spill(ints_);
  return bytes;
}

}  // namespace linkgraph::store
