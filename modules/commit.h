// The single commit path: every write (service call, write batch, load) becomes a list of
// WriteOps applied here under the exclusive lock, inside one store::Transaction, so a failure
// anywhere leaves no trace. Durability (a write-ahead log) and subscriptions hang off this point.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "modules/state.h"

namespace linkgraph::modules {

struct WriteOp {
  enum class Kind : uint8_t { kCreate, kCreateLines };
  Kind kind = Kind::kCreate;
  std::string entity;  // as the caller named it
  std::string json;    // kCreate: an object or an array of objects; kCreateLines: JSON Lines
  // Locates rows: kCreate `rows[i]`, or `<where>[i]` (a data document key); kCreateLines
  // `line N`, or `<where>:N` (a file name).
  std::string where;
};

struct OpResult {
  catalog::EntityId entity = 0;
  std::vector<uint32_t> rows;  // rows written, in input order
};

struct CommitResult {
  std::vector<OpResult> ops;
  int64_t rows = 0;
};

// Applies `ops` as one atomic commit. REQUIRES: the caller does not hold state->mutex.
absl::StatusOr<CommitResult> Commit(Database::State* state, const std::vector<WriteOp>& ops);

}  // namespace linkgraph::modules
