// What a commit changed, for the change feed: read from the commit's transaction (every row it
// appended, set or killed, cascades and nested creates included) just before the commit is kept,
// so a failed batch, which never gets there, emits nothing, and a commit no one subscribes to
// costs nothing here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "engine/store/transaction.h"
#include "linkgraph/change_feed.h"
#include "modules/commit_context.h"

namespace linkgraph::modules {

// The event of the commit numbered `commit` whose writes `txn` holds (ChangeKind describes the
// rules), listing at most `max_ids` ids per change. REQUIRES: the commit lock is held, and
// `txn` holds all of the commit's writes, not yet committed. May throw std::bad_alloc (the commit
// then fails and is rolled back).
std::shared_ptr<CommitEvent> CollectChanges(const CommitContext& ctx,
                                            const store::Transaction& txn, uint64_t commit,
                                            size_t max_ids);

}  // namespace linkgraph::modules
