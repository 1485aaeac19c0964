// The inside of a Database: catalog, stores, the commit path's lock and clock, and what
// registration computed for writes (defaults, seed links).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "engine/types/ulid.h"
#include "linkgraph/database.h"
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

struct Database::State {
  explicit State(DatabaseOptions opts);

  DatabaseOptions options;
  // Readers share it (the snapshot handle); the commit path and registration hold it alone.
  mutable std::shared_mutex mutex;
  catalog::Catalog catalog;
  store::Store store;
  types::UlidGenerator ids;
  // Per entity, per column: the default, when declared.
  std::vector<std::vector<std::optional<modules::OwnedCell>>> defaults;
  std::vector<SeedLinkInfo> seed_links;
  int64_t last_commit_micros = 0;
};

namespace modules {

// A consistent read view: holds the shared lock while alive.
class Snapshot {
 public:
  explicit Snapshot(const Database::State& state) : lock_(state.mutex), state_(state) {}
  const catalog::Catalog& catalog() const { return state_.catalog; }
  const store::Store& store() const { return state_.store; }

 private:
  std::shared_lock<std::shared_mutex> lock_;
  const Database::State& state_;
};

}  // namespace modules
}  // namespace linkgraph
