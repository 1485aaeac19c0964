// The inside of a Database: catalog, stores, the commit path's lock and clock, and what
// registration computed for writes (defaults, seed links).
//
// Locks and versions (DESIGN.md §5):
//   - `published` is the current version of the stores, immutable; a query copies the pointer
//     (under `published_mutex`, for nanoseconds) and reads that version to its end, so commits
//     never wait for readers and readers never wait for commits.
//   - `commit_mutex` admits one writer (a commit or a Register) at a time. A commit copies the
//     published version into `store` (sharing every table), writes it, and publishes it whole on
//     success; on failure it drops it, so a failed commit changes nothing anyone can see.
//   - `mutex` guards the catalog and registration outputs: queries share it, Register (which
//     changes them in place) holds it alone, after `commit_mutex`.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "engine/types/ulid.h"
#include "linkgraph/database.h"
#include "modules/change_feed.h"
#include "modules/value_reader.h"

namespace linkgraph {

// A seed-form link as registered, for CheckIntegrity and cascades.
struct SeedLinkInfo {
  std::string alias;
  std::string module;
  catalog::EntityId holder = 0;
  catalog::ColumnId foreign_key = catalog::kNoColumn;
  catalog::EntityId target = 0;
  catalog::ColumnId target_field = catalog::kNoColumn;
  bool delete_cascade = false;
};

// A defineLink as registered: its pivot entity and the columns joining each side.
struct DefineLinkInfo {
  std::string label;  // "defineLink(product.product, collection.collection)"
  bool read_only = false;
  catalog::EntityId pivot = 0;  // !read_only
  catalog::EntityId left = 0, right = 0;
  // Pivot columns holding each side's key (read-only: left_key is the FK column on left).
  catalog::ColumnId left_key = catalog::kNoColumn, right_key = catalog::kNoColumn;
  std::string left_module, right_module;
  std::string left_key_name, right_key_name;  // inner keys of link rows ("product_id")
  bool left_list = false, right_list = false;
  bool left_cascade = false, right_cascade = false;
};

// An in-module belongsTo, as the commit path needs it: `fk` of `owner` names a row of `target`.
// Pivot tables of manyToMany relationships have one per side.
struct BelongsToInfo {
  std::string name;  // the relationship ("product"); for messages
  catalog::EntityId owner = 0;
  catalog::ColumnId fk = catalog::kNoColumn;
  catalog::EntityId target = 0;
  bool nullable = false;
  // The owner's rows follow a deleted target (a cascade listed on the target's hasMany/hasOne,
  // or a manyToMany pivot); otherwise a live owner row refuses the target's delete.
  bool follows_delete = false;
};

// A hasMany whose rows may be created nested in their parent's row, or a manyToMany whose
// target ids may be given there.
struct NestedInfo {
  std::string name;
  catalog::EntityId owner = 0;
  bool many_to_many = false;
  catalog::EntityId child = 0;                        // hasMany: the child; manyToMany: pivot
  catalog::ColumnId child_fk = catalog::kNoColumn;    // the child's (pivot's) key to the owner
  catalog::ColumnId pivot_target_key = catalog::kNoColumn;  // manyToMany
  catalog::EntityId target = 0;                       // manyToMany: the far entity
};

struct Database::State {
  explicit State(DatabaseOptions opts);

  DatabaseOptions options;
  // The catalog lock: queries share it; Register holds it alone (see the file comment).
  mutable std::shared_mutex mutex;
  // One writer at a time: commits and Register.
  std::mutex commit_mutex;
  catalog::Catalog catalog;
  // The writer's version of the stores, during a commit or Register (under commit_mutex).
  store::Store store;

  // The published version of the stores.
  std::shared_ptr<const store::Store> Published() const {
    std::lock_guard<std::mutex> lock(published_mutex);
    return published;
  }
  // Makes `version` the one new queries read. Does not throw.
  void Publish(std::shared_ptr<const store::Store> version) {
    std::lock_guard<std::mutex> lock(published_mutex);
    published.swap(version);
    // The old version, now in `version`, is released after the lock; its last holder frees it.
  }
  // Starts a writer's version: a copy of the published one (sharing every table) that may be
  // written. REQUIRES: commit_mutex held.
  void BeginWriting() {
    store = *Published();
    store.BeginWrite(store::NewStamp());
  }
  // Drops the writer's version (a failed commit, a dry run, or after publishing it).
  void EndWriting() { store = store::Store(); }

  mutable std::mutex published_mutex;
  std::shared_ptr<const store::Store> published = std::make_shared<const store::Store>();
  types::UlidGenerator ids;
  // Per entity, per column: the default, when declared.
  std::vector<std::vector<std::optional<modules::OwnedCell>>> defaults;
  std::vector<SeedLinkInfo> seed_links;
  std::vector<DefineLinkInfo> define_links;
  std::vector<BelongsToInfo> belongs_to;
  std::vector<NestedInfo> nested;
  int64_t last_commit_micros = 0;
  // The number of the last successful commit (0 before the first); written under the commit
  // lock.
  uint64_t commit_number = 0;
  // The subscribers (Database::Subscribe); shared with their handles, which may outlive it.
  std::shared_ptr<modules::ChangeFeed> feed = std::make_shared<modules::ChangeFeed>();
  // Incremented by every successful Register: prepared queries re-bind when it moves.
  uint64_t catalog_version = 0;
  // During a commit: where each written row came from ("rows[3]"), for end-of-batch checks.
  absl::flat_hash_map<uint64_t, std::string> write_where;
  // During a commit: the link rows created or restored, in order, with where each came from;
  // their ends and cardinality are checked when the batch commits (DESIGN.md §7).
  struct PendingLink {
    const DefineLinkInfo* link = nullptr;
    uint32_t row = 0;  // in the link's pivot
    std::string where;
  };
  std::vector<PendingLink> pending_links;
  std::optional<int64_t> unused_commit_micros;  // read by a commit that failed
};

namespace modules {

// Marks the calling thread, while alive, as inside a commit of `state` (holding its commit
// mutex). Code the host gave the commit (a WriteBatch progress callback, the clock) runs then; a
// call from it back into the same Database must not lock the commit mutex again: public entry
// points refuse it with CheckNotInCommit. Other databases are unaffected. Not copyable; scopes nest (a callback writing to another
// Database whose callback calls the first one is refused too).
class CommitScope {
 public:
  explicit CommitScope(const Database::State* state);
  ~CommitScope();
  CommitScope(const CommitScope&) = delete;
  CommitScope& operator=(const CommitScope&) = delete;
  // True when the calling thread is inside a commit of `state`.
  static bool Active(const Database::State& state);

 private:
  const Database::State* state_;
  const CommitScope* outer_;
};

// FailedPrecondition when the calling thread is inside a commit of `state` (a progress callback
// calling back into the Database); Ok otherwise.
absl::Status CheckNotInCommit(const Database::State& state);

// A consistent read view: the published version of the stores when it was taken, and the
// catalog lock shared while alive (Register waits for it; commits do not).
class Snapshot {
 public:
  explicit Snapshot(const Database::State& state)
      : lock_(state.mutex), store_(state.Published()), state_(state) {}
  const catalog::Catalog& catalog() const { return state_.catalog; }
  const store::Store& store() const { return *store_; }
  // The version read, for results that view its strings (ResultData::keep_alive).
  const std::shared_ptr<const store::Store>& store_ptr() const { return store_; }

 private:
  std::shared_lock<std::shared_mutex> lock_;
  std::shared_ptr<const store::Store> store_;
  const Database::State& state_;
};

}  // namespace modules
}  // namespace linkgraph
