// Access path selection for the root node (the rules are listed on exec::AccessPath).
#pragma once

#include <string>

#include "engine/catalog/catalog.h"
#include "engine/exec/program.h"
#include "engine/plan/plan.h"

namespace linkgraph::exec {

// Chooses how the root rows of `node` are found and where their count comes from (`count`:
// whether metadata.count is requested). The returned path points into `node.filter`.
// REQUIRES: `node` is the plan's root and outlives the path.
AccessPath ChooseAccess(const plan::Node& node, const catalog::Catalog& catalog, bool count);
// The same with the node's entity given (`entity` is catalog.entity(node.entity)).
AccessPath ChooseAccess(const plan::Node& node, const catalog::EntityDef& entity, bool count);

// One line describing `access` for DumpProgram / Explain, e.g.
//   "IndexOrder product.product.created_at desc, filter, stop after 100, count: enum counter
//   status" or "IndexRange catalog.item.qty >= 3 and < 10, filter, sort, count: rows".
std::string DescribeAccess(const AccessPath& access, const plan::Node& node,
                           const catalog::EntityDef& entity);

}  // namespace linkgraph::exec
