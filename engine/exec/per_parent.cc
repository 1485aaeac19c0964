#include "engine/exec/per_parent.h"

#include <algorithm>

#include "engine/exec/order.h"

namespace linkgraph::exec {

void OrderAndSlicePerParent(const store::Store& store, const plan::Node& node,
                            std::vector<uint32_t>* offsets, std::vector<uint32_t>* rows) {
  const store::Table& table = store.table(node.entity);
  size_t parents = offsets->size() - 1;
  size_t out = 0;
  uint32_t begin = (*offsets)[0];
  for (size_t p = 0; p < parents; ++p) {
    uint32_t end = (*offsets)[p + 1];
    auto first = rows->begin() + begin, last = rows->begin() + end;
    SortRows(store, table, node.order, node.with_deleted, first, last);
    size_t n = end - begin;
    size_t skip = std::min<size_t>(static_cast<size_t>(node.skip), n);
    size_t keep = n - skip;
    if (node.take) keep = std::min<size_t>(keep, static_cast<size_t>(*node.take));
    std::copy(first + static_cast<std::ptrdiff_t>(skip),
              first + static_cast<std::ptrdiff_t>(skip + keep), rows->begin() + out);
    (*offsets)[p] = static_cast<uint32_t>(out);
    out += keep;
    begin = end;
  }
  (*offsets)[parents] = static_cast<uint32_t>(out);
  rows->resize(out);
}

}  // namespace linkgraph::exec
