// Registration: a Schema -> catalog entities, columns, relations and tables. Every name the
// binder needs is computed here, into the next catalog version and the writer's stores; the
// caller publishes both when it succeeds and drops both when it fails.
#pragma once

#include "absl/status/status.h"
#include "linkgraph/schema.h"
#include "engine/store/store.h"
#include "modules/catalog_version.h"

namespace linkgraph::modules {

// Registers `schema` into `next` (a copy of the published catalog version) and `store` (the
// writer's version of the stores, bound to `next`: store::Store::Rebind). REQUIRES: the commit
// lock held.
absl::Status RegisterSchema(const Schema& schema, CatalogVersion* next, store::Store* store);

}  // namespace linkgraph::modules
