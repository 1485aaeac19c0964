// The link service's writes inside a commit: link rows in Medusa's shape resolved to a
// defineLink, ends checked, cardinality enforced, pivot rows created, updated, dismissed,
// deleted or restored through the transaction.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "engine/store/transaction.h"
#include "modules/commit.h"
#include "modules/commit_context.h"

namespace linkgraph::modules {

// Applies one link-kind WriteOp; returns the number of rows it counted.
// The end-of-batch checks of the link rows a commit created or restored (ctx.pending_links):
// both ends exist and are live, and no live link row breaks the link's cardinality (a clash is
// reported at the later of the two rows). Rows dismissed or deleted later in the batch are
// skipped.
absl::Status CheckPendingLinks(const CommitContext& ctx);

absl::StatusOr<int64_t> ApplyLinkOp(CommitContext* ctx, store::Transaction* txn,
                                    const WriteOp& op);

// One resolved link row: its link and the two keys (as JSON text), for List.
struct LinkPair {
  const DefineLinkInfo* link = nullptr;
  std::string left_json, right_json;  // empty when that side was not given
};

// Resolves the link rows of `json` (an object or an array) against the links of `rules`.
absl::StatusOr<std::vector<LinkPair>> ResolveLinkRows(const CatalogVersion& rules,
                                                      std::string_view json, bool need_both);

}  // namespace linkgraph::modules
