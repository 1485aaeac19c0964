// Registration: a Schema -> catalog entities, columns, relations and tables. Every name the
// binder needs is computed here. All checks run before anything changes, so a failed
// registration leaves the database as it was.
#pragma once

#include "absl/status/status.h"
#include "linkgraph/schema.h"
#include "modules/state.h"

namespace linkgraph::modules {

// REQUIRES: the caller holds state->mutex exclusively.
absl::Status RegisterSchema(const Schema& schema, Database::State* state);

}  // namespace linkgraph::modules
