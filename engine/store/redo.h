// A commit's writes as bytes (the write-ahead log's payload) and back: what phase 2 of a commit
// applied, in order — rows appended (every cell), cells set, rows hard-deleted — addressed by
// entity and row id. Replaying them through a Transaction on the version the commit started
// from rebuilds the version it published: row ids are dense and never reused, so appends land on
// the same ids (checked), and indexes follow from the rows as they do for any write.
//
// Values are those the rows hold when the commit is encoded (after every write, before it is
// published): a row appended and then updated in the same commit is appended with its final
// values and set to them again, which ends in the same state. No check (unique values, links)
// runs again on replay: the commit passed them.
//
// Layout (little-endian): u32 write count, then per write a kind byte and
//   append: u32 entity, u32 row, a cell per column;
//   set:    u32 entity, u32 row, u16 column, a cell;
//   kill:   u32 entity, u32 row;
// a cell is a kind byte (null, int, float, text) and an i64, an f64, or u32 length + bytes.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/store/store.h"
#include "engine/store/transaction.h"

namespace linkgraph::store {

// Appends the writes of `txn` (since its construction) to `out`, reading values from the store
// version `txn` writes. Throws std::bad_alloc when memory runs out.
void EncodeRedo(const Transaction& txn, std::string* out);

// Applies the writes encoded in `redo` through `txn`. A payload that does not fit the store —
// an unknown entity or column, a value of the wrong kind, an append whose row id differs, bytes
// missing or left over — is DataLoss naming the write's offset in the payload; `txn` then holds
// a partial replay and must be rolled back.
absl::Status ApplyRedo(std::string_view redo, Transaction* txn);

}  // namespace linkgraph::store
