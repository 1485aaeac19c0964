// The root scan: finds the root rows through the access path, keeps the visible rows satisfying
// the filter, counts them, orders them (ties by primary key) and applies skip/take. Ordered
// access paths (a walk in the requested order) are run by TopK (top_k.h); the others visit
// their candidate rows in primary-key order, then sort.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/exec/program.h"

namespace linkgraph::exec {

struct ScanOutput {
  std::vector<uint32_t> rows;
  int64_t count = 0;  // rows matching before skip/take (unspecified when access.count is kNone)
};

// REQUIRES: the access path was chosen for `node` (exec::ChooseAccess) and names existing
// indexes of the node's table.
ScanOutput ScanRoot(const store::Store& store, const plan::Node& node, const AccessPath& access);

}  // namespace linkgraph::exec
