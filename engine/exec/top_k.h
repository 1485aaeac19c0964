// Top-k over a walk in the requested order: the root rows come from the primary-key order or an
// ordered index already in the order asked for, so the first skip + take rows passing the filter
// are the page, and the walk stops there (unless the count must visit every row). No full sort.
#pragma once

#include "engine/exec/program.h"
#include "engine/exec/scan.h"

namespace linkgraph::exec {

// Runs the root scan of `node` for an `ordered` access path (kPkOrderScan or kIndexOrder):
// visible rows passing the filter, in the node's order, cut by skip/take, and their count as
// `access.count` says. With several order keys, the group of rows sharing the last collected
// row's first-key value is completed before stopping, and the rows are then sorted by every key.
// REQUIRES: access.ordered; for kIndexOrder, the table has an ordered index on access.column.
ScanOutput TopK(const store::Store& store, const plan::Node& node, const AccessPath& access);

}  // namespace linkgraph::exec
