// The link service (DESIGN.md §3): creates, dismisses (soft), deletes (hard), restores and lists
// the rows of defineLink pivot tables, in Medusa's link-definition shape:
//   { "product": { "product_id": "prod_1" }, "collection": { "collection_id": "pcol_1" },
//     "data": { "position": 1 } }
// (modules in either order; `"link": "<pivot entity>"` picks among links joining the same pair).
// Each call is one atomic commit: both ends must exist and be live, cardinality is enforced
// (FailedPrecondition `Cannot create multiple links between 'product' and 'brand'`), and a
// failing row writes nothing. Read-only links refuse these calls with FailedPrecondition.
//
// Example:
//   auto n = db.Links().Create(R"([{"product":{"product_id":"p1"},
//                                   "collection":{"collection_id":"c1"}}])");
//   // n->count() == 1
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "linkgraph/export.h"
#include "linkgraph/result.h"

namespace linkgraph {

class Database;

class LINKGRAPH_EXPORT Links {
 public:
  explicit Links(Database* db) : db_(db) {}

  // Creates link rows (a live pair is updated with the new data, a dismissed pair restored).
  // metadata.count = rows created, restored or updated.
  absl::StatusOr<Result> Create(std::string_view links_json);
  // Soft-deletes pairs; a pair with no row is NotFound; an already dismissed pair counts 0.
  absl::StatusOr<Result> Dismiss(std::string_view links_json);
  // Hard-deletes pairs (dismissed rows included).
  absl::StatusOr<Result> Delete(std::string_view links_json);
  // Restores dismissed pairs.
  absl::StatusOr<Result> Restore(std::string_view links_json);
  // The link rows (every pivot column) of the pairs named, in pivot id order; a side may be
  // omitted to list every row of the other side's ids. Dismissed rows are included.
  absl::StatusOr<Result> List(std::string_view links_json);

 private:
  Database* db_;
};

}  // namespace linkgraph
