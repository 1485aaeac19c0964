// The inside of a Database: the published version (catalog and stores), the commit path's lock,
// clock and id generator, and the change feed.
//
// Locks and versions (DESIGN.md §5):
//   - `published` is the current version: a CatalogVersion (catalog and write rules) and a store
//     version built for it, both immutable. A query copies the two pointers (under
//     `published_mutex`, for nanoseconds) and reads that version to its end, so neither commits
//     nor Register ever wait for readers, and readers never wait for them.
//   - `commit_mutex` admits one writer (a commit or a Register) at a time. A commit copies the
//     published stores into `store` (sharing every table), writes them, and publishes them whole
//     on success; on failure it drops them, so a failed commit changes nothing anyone can see.
//     Register does the same with a copy of the catalog version too, and publishes both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "engine/types/ulid.h"
#include "linkgraph/database.h"
#include "modules/catalog_version.h"
#include "modules/change_feed.h"
#include "modules/durable.h"
#include "modules/value_reader.h"

namespace linkgraph {

// What queries read: a catalog version and the store version built for it (every table's
// definition points into that catalog).
struct PublishedVersion {
  std::shared_ptr<const CatalogVersion> catalog = std::make_shared<const CatalogVersion>();
  std::shared_ptr<const store::Store> store = std::make_shared<const store::Store>();
};

struct Database::State {
  explicit State(DatabaseOptions opts);

  DatabaseOptions options;
  // One writer at a time: commits and Register.
  std::mutex commit_mutex;
  // The writer's version of the stores, during a commit or Register (under commit_mutex).
  store::Store store;

  // The published version.
  PublishedVersion Published() const {
    std::lock_guard<std::mutex> lock(published_mutex);
    return published;
  }
  // The catalog version a writer works with: the published one, which only a writer replaces.
  // REQUIRES: commit_mutex held.
  const CatalogVersion& rules() const { return *published.catalog; }
  const std::shared_ptr<const CatalogVersion>& rules_ptr() const { return published.catalog; }
  // Makes `store` (built for the published catalog) the version new queries read. Does not
  // throw. REQUIRES: commit_mutex held.
  void Publish(std::shared_ptr<const store::Store> store) {
    std::lock_guard<std::mutex> lock(published_mutex);
    published.store.swap(store);
    // The old version, now in `store`, is released after the lock; its last holder frees it.
  }
  // Makes `catalog` and `store` (built for it) the version new queries read (Register).
  void Publish(std::shared_ptr<const CatalogVersion> catalog,
               std::shared_ptr<const store::Store> store) {
    std::lock_guard<std::mutex> lock(published_mutex);
    published.catalog.swap(catalog);
    published.store.swap(store);
  }
  // Starts a writer's version: a copy of the published stores (sharing every table) that may be
  // written. REQUIRES: commit_mutex held.
  void BeginWriting() {
    store = *Published().store;
    store.BeginWrite(store::NewStamp());
  }
  // Drops the writer's version (a failed commit, a dry run, or after publishing it).
  void EndWriting() { store = store::Store(); }

  mutable std::mutex published_mutex;
  PublishedVersion published;
  types::UlidGenerator ids;
  int64_t last_commit_micros = 0;
  // The number of the last successful commit (0 before the first); written under the commit
  // lock.
  uint64_t commit_number = 0;
  // The subscribers (Database::Subscribe); shared with their handles, which may outlive it.
  std::shared_ptr<modules::ChangeFeed> feed = std::make_shared<modules::ChangeFeed>();
  std::optional<int64_t> unused_commit_micros;  // read by a commit that failed
  // Tests only: called on the committing thread at named points of the commit path — "staged"
  // (phase 1 done, the commit lock not yet taken) and "applied" (every write applied and
  // checked, under the lock, before the version is published). Set before any write runs.
  std::function<void(std::string_view point)> commit_hook;
  // A durable database's directory and log (Database::Open); null in memory.
  std::unique_ptr<modules::Durable> durable;
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

// A consistent read view: the published version (catalog and stores) when it was taken. Holds
// no lock: commits and Register publish new versions meanwhile without waiting for it.
class Snapshot {
 public:
  explicit Snapshot(const Database::State& state) : version_(state.Published()) {}
  const catalog::Catalog& catalog() const { return version_.catalog->catalog; }
  // The catalog version: the catalog with the write rules and schemas registered with it.
  const CatalogVersion& rules() const { return *version_.catalog; }
  const std::shared_ptr<const CatalogVersion>& rules_ptr() const { return version_.catalog; }
  const store::Store& store() const { return *version_.store; }
  // The version read, for results that view its strings (ResultData::keep_alive).
  const std::shared_ptr<const store::Store>& store_ptr() const { return version_.store; }

 private:
  PublishedVersion version_;
};

}  // namespace modules
}  // namespace linkgraph
