// What one commit works with (DESIGN.md §5): the catalog version it checks against (the
// published one, fixed for the commit: Register waits for the commit lock), the writer's version
// of the stores, the id generator, the commit's clock reading, and the commit's own scratch for
// the end-of-batch checks. Owned by the commit; the code applying writes (row_writer, cascade,
// link_writer, row_selection, change_collector) takes it instead of the whole Database::State.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/store/store.h"
#include "engine/types/ulid.h"
#include "modules/catalog_version.h"

namespace linkgraph::modules {

struct CommitContext {
  CommitContext(const CatalogVersion& rules, store::Store& store, types::UlidGenerator& ids,
                int64_t now)
      : rules(rules), store(store), ids(ids), now(now) {}
  CommitContext(const CommitContext&) = delete;
  CommitContext& operator=(const CommitContext&) = delete;

  const CatalogVersion& rules;
  store::Store& store;  // the writer's version
  types::UlidGenerator& ids;
  const int64_t now;  // microseconds since the epoch: created_at, updated_at, deleted_at
  // Where each written row came from ("rows[3]"), for the end-of-batch checks.
  absl::flat_hash_map<uint64_t, std::string> write_where;
  // The link rows created or restored, in order, with where each came from; their ends and
  // cardinality are checked when the batch commits (DESIGN.md §7).
  struct PendingLink {
    const DefineLinkInfo* link = nullptr;
    uint32_t row = 0;  // in the link's pivot
    std::string where;
  };
  std::vector<PendingLink> pending_links;
};

}  // namespace linkgraph::modules
