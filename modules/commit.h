// The single commit path: every write (service call, write batch, load) becomes a list of
// WriteOps, committed in two phases (DESIGN.md §5). Phase 1, without the commit lock, parses and
// type-checks their JSON into staged rows (stage.h); phase 2, under the lock, runs the checks
// that need the committed state (keys, unique values, belongsTo, link ends, cascades) and
// applies the writes inside one store::Transaction, so a failure anywhere leaves no trace. Durability (a write-ahead log) will hang off this point; the change
// feed does: a commit kept is numbered and, when someone subscribes, its event published.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "modules/commit_context.h"
#include "modules/state.h"

namespace linkgraph::modules {

// The clock reading of a commit (or migration): DatabaseOptions::clock or the system clock,
// later than the last commit's; a reading a failed commit left unused first. The caller that
// does not use it puts it back (State::unused_commit_micros). REQUIRES: the commit lock.
int64_t ReadCommitClock(Database::State* state);

struct WriteOp {
  enum class Kind : uint8_t {
    kCreate, kCreateLines, kUpdate, kDelete, kSoftDelete, kRestore,
    kLink, kDismiss, kUnlink, kLinkRestore
  };
  Kind kind = Kind::kCreate;
  std::string entity;  // as the caller named it
  // kCreate: an object or an array of objects; kCreateLines: JSON Lines; kUpdate: rows carrying
  // their primary key, or {"selector": filter, "data": fields} (or an array of either);
  // kDelete/kSoftDelete/kRestore: an id, an array of ids, a filter or {"selector": filter};
  // link kinds: a link row or an array of them (links.h); `entity` is unused.
  std::string json;
  // Locates rows: kCreate `rows[i]`, or `<where>[i]` (a data document key); kCreateLines
  // `line N`, or `<where>:N` (a file name).
  std::string where;
};

struct OpResult {
  catalog::EntityId entity = 0;
  // Rows written, in input order (creates, updates by key) or primary-key order (selector
  // updates, deletes); rows reached by a cascade are not listed.
  std::vector<uint32_t> rows;
  int64_t count = -1;  // link kinds: rows created/restored/updated/dismissed/deleted
};

struct CommitResult {
  std::vector<OpResult> ops;
  int64_t rows = 0;
  uint64_t commit = 0;  // the commit's number (0 for a dry run)
  // What results of the commit are built from (BeforeCommitFn, a dry run's inspect): the
  // catalog version it checked against, and the store version it publishes (for a dry run, one
  // sharing its writes before they are undone).
  std::shared_ptr<const CatalogVersion> rules;
  std::shared_ptr<const store::Store> version;
  // Durable databases: the log the commit's records went to, and where they end (group sync).
  uint64_t log = 0;
  uint64_t log_end = 0;
};

// Reports the input bytes applied so far and in all (WriteBatch::OnProgress).
using ProgressFn = std::function<void(int64_t done_bytes, int64_t total_bytes)>;

// Applies `ops` as one atomic commit, reporting to `progress` when given.
// `before_commit`, when given, runs once every write is applied and checked, just before the
// writes are kept, with the commit lock held: a caller builds what it returns there (the
// created rows), so that a failure building it — an allocation — rolls the write back instead
// of reporting a failed write that was kept. Its error is the commit's.
using BeforeCommitFn = std::function<absl::Status(const CommitResult&)>;
absl::StatusOr<CommitResult> Commit(Database::State* state, const std::vector<WriteOp>& ops,
                                    const ProgressFn* progress = nullptr,
                                    const BeforeCommitFn* before_commit = nullptr);

// Applies `ops` exactly as Commit would, calls `inspect` with the result while the writes are
// visible (under the commit path's lock: `inspect` must not call into the Database), then undoes
// everything — rows, indexes, the id generator and the commit clock — so that a following Commit
// of the same ops assigns the same ids and timestamps. The end-of-batch checks (belongsTo
// targets) are left to the commit, as rows added later to the batch may satisfy them.
absl::Status DryRun(Database::State* state, const std::vector<WriteOp>& ops,
                    const std::function<void(const CommitResult&)>& inspect);

}  // namespace linkgraph::modules
