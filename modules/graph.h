// query.graph: the compile chain in one place.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"
#include "engine/exec/interrupt.h"
#include "linkgraph/query.h"
#include "linkgraph/result.h"
#include "modules/state.h"

namespace linkgraph::modules {

// How a result's metadata reads: query.graph's {count, skip, take}, or a service list's
// {count: rows returned}.
enum class Metadata { kGraph, kRows };

// dsl::Request -> plan::Bind -> exec::Build -> Execute -> Result, on one snapshot.
absl::StatusOr<Result> RunRequest(const Database::State& state, const dsl::Request& request,
                                  Metadata metadata = Metadata::kGraph,
                                  const QueryOptions& options = {});

// QueryOptions as the executor's limits.
exec::QueryLimits Limits(const QueryOptions& options);

// `fields` as `*` for the rows `rows` of `entity`, in that order (write results), read from
// `store` (a snapshot's, or the version a commit publishes), which the result keeps alive.
absl::StatusOr<Result> RowsResultIn(const catalog::Catalog& catalog,
                                    std::shared_ptr<const store::Store> store,
                                    catalog::EntityId entity, const std::vector<uint32_t>& rows);
// The primary keys of `rows` of `entity` as `{"data":[ids],"metadata":{"count":N}}`.
absl::StatusOr<Result> IdsResultIn(const catalog::Catalog& catalog,
                                   std::shared_ptr<const store::Store> store,
                                   catalog::EntityId entity, const std::vector<uint32_t>& rows);

// A C++ GraphRequest -> dsl::Request (parsing fields, filters and order).
absl::StatusOr<dsl::Request> ParseGraphRequest(const GraphRequest& request);

}  // namespace linkgraph::modules
