// Relation arguments applied per parent: each parent's related rows ordered (then by child
// primary key) and cut by skip/take, in place on the hop's CSR output.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/plan/plan.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

void OrderAndSlicePerParent(const store::Store& store, const plan::Node& node,
                            std::vector<uint32_t>* offsets, std::vector<uint32_t>* rows);

}  // namespace linkgraph::exec
