// The write-ahead log's commit payload (engine/store/redo.h): replaying a commit's writes on the
// version it started from rebuilds the version it published, and a damaged payload is DataLoss,
// never a crash or a silently different table.
#include <catch2/catch.hpp>

#include <random>

#include "engine/catalog/catalog.h"
#include "engine/store/redo.h"
#include "engine/store/store.h"
#include "engine/store/transaction.h"
#include "tests/support/store_versions.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::catalog::EntityDef;
using linkgraph::store::Cell;
using linkgraph::store::Store;
using linkgraph::store::Transaction;
using linkgraph::testing::RowsOf;

std::unique_ptr<EntityDef> ItemEntity() {
  auto e = std::make_unique<EntityDef>();
  e->name = "item";
  e->plural = "items";
  e->module = "item";
  ColumnDef id{"id", ColumnType::kId};
  id.primary_key = true;
  id.hash_indexed = true;
  ColumnDef sku{"sku", ColumnType::kText};
  sku.hash_indexed = true;
  sku.nullable = true;
  ColumnDef qty{"qty", ColumnType::kNumber};
  qty.index = true;
  ColumnDef weight{"weight", ColumnType::kFloat};
  weight.nullable = true;
  ColumnDef status{"status", ColumnType::kEnum};
  status.enum_values = {"draft", "published"};
  ColumnDef deleted{"deleted_at", ColumnType::kDateTime};
  deleted.nullable = true;
  e->columns = {id, sku, qty, weight, status, deleted};
  e->primary_key = 0;
  e->deleted_at = 5;
  e->Reindex();
  return e;
}

// Every cell, dead flag, primary-key order and hash-index posting of table 0.
std::string Dump(const Store& store) {
  const auto& t = store.table(0);
  std::string out;
  for (uint32_t row = 0; row < t.row_count(); ++row) {
    out += std::to_string(row) + (t.IsDead(row) ? " dead" : "") + ":";
    for (linkgraph::catalog::ColumnId c = 0; c < t.def().columns.size(); ++c) {
      const auto& col = t.column(c);
      if (col.IsNull(row)) {
        out += " null";
      } else if (linkgraph::catalog::IsStringStored(col.type())) {
        out += " '" + std::string(col.GetString(row)) + "'";
      } else if (col.type() == ColumnType::kFloat) {
        out += " " + std::to_string(col.GetFloat(row));
      } else {
        out += " " + std::to_string(col.GetInt(row));
      }
    }
    out += "\n";
  }
  out += "pk order:";
  for (uint32_t row : RowsOf(t.pk_order())) out += " " + std::to_string(row);
  out += "\nlive " + std::to_string(t.live_count()) + ", published " +
         std::to_string(t.column(4).live_counts()[1]) + "\nsku:";
  for (const char* sku : {"a", "b", "c", "d"}) {
    auto p = t.hash_index(1)->Find(std::string_view(sku));
    out += std::string(" ") + sku + "=";
    if (p != nullptr) {
      for (uint32_t row : *p) out += std::to_string(row) + ",";
    }
  }
  if (const auto* qty = t.ordered_index(2)) {
    out += "\nqty order:";
    for (auto it = qty->begin(); it != qty->end(); ++it) out += " " + std::to_string(*it);
  }
  return out;
}

// Encodes `txn`'s writes, commits it, and replays them on a writer's copy of `base`.
Store CommitAndReplay(Transaction& txn, const Store& base) {
  std::string redo;
  linkgraph::store::EncodeRedo(txn, &redo);
  txn.Commit();
  Store replayed = base;
  replayed.BeginWrite(linkgraph::store::NewStamp());
  Transaction again(&replayed);
  absl::Status s = linkgraph::store::ApplyRedo(redo, &again);
  INFO(s.message());
  REQUIRE(s.ok());
  again.Commit();
  return replayed;
}

}  // namespace

TEST_CASE("replaying a commit's redo rebuilds the version it published", "[store][durable]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ItemEntity());
  Store base;
  base.AddTable(e);
  {
    Transaction setup(&base);
    setup.Append(0, {Cell::Str("i2"), Cell::Str("a"), Cell::Int(5), Cell::Null(), Cell::Int(0), Cell::Null()});
    setup.Append(0, {Cell::Str("i1"), Cell::Str("b"), Cell::Int(7), Cell::Float(1.5), Cell::Int(1), Cell::Null()});
    setup.Commit();
  }
  // The commit: appends (one updated and one killed afterwards), updates, a soft delete, a kill.
  Store live = base;
  live.BeginWrite(linkgraph::store::NewStamp());
  Transaction txn(&live);
  txn.Append(0, {Cell::Str("i4"), Cell::Str("c"), Cell::Int(1), Cell::Null(), Cell::Int(0), Cell::Null()});
  txn.Set(0, 2, 1, Cell::Str("d"));
  txn.Set(0, 2, 4, Cell::Int(1));
  txn.Append(0, {Cell::Str("i3"), Cell::Str("c"), Cell::Int(9), Cell::Float(-2.25), Cell::Int(1), Cell::Null()});
  txn.Set(0, 0, 2, Cell::Int(6));
  txn.Set(0, 1, 5, Cell::Int(1700000000000000));
  txn.Kill(0, 3);
  txn.Set(0, 0, 1, Cell::Null());
  const Store replayed = CommitAndReplay(txn, base);
  CHECK(Dump(replayed) == Dump(live));
  CHECK(Dump(replayed) != Dump(base));
}

TEST_CASE("a damaged redo payload is DataLoss, never a crash", "[store][durable]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ItemEntity());
  Store base;
  base.AddTable(e);
  Store live = base;
  live.BeginWrite(linkgraph::store::NewStamp());
  Transaction txn(&live);
  txn.Append(0, {Cell::Str("i1"), Cell::Str("a"), Cell::Int(5), Cell::Float(2), Cell::Int(1), Cell::Null()});
  txn.Set(0, 0, 2, Cell::Int(6));
  txn.Kill(0, 0);
  std::string redo;
  linkgraph::store::EncodeRedo(txn, &redo);
  txn.Commit();

  auto replay = [&](std::string_view payload) {
    Store copy = base;
    copy.BeginWrite(linkgraph::store::NewStamp());
    Transaction t(&copy);
    absl::Status s = linkgraph::store::ApplyRedo(payload, &t);
    t.Rollback();
    return s;
  };
  REQUIRE(replay(redo).ok());
  // Every cut is refused.
  for (size_t n = 0; n < redo.size(); ++n) {
    absl::Status s = replay(std::string_view(redo).substr(0, n));
    CHECK(s.code() == absl::StatusCode::kDataLoss);
  }
  CHECK(replay(redo + "x").code() == absl::StatusCode::kDataLoss);
  // Random byte changes: accepted only as a well-formed payload, otherwise DataLoss.
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::string bad = redo;
    bad[rng() % bad.size()] = static_cast<char>(rng());
    absl::Status s = replay(bad);
    CHECK((s.ok() || s.code() == absl::StatusCode::kDataLoss));
  }
  // The append of a row id that is not the next one.
  std::string moved = redo;
  moved[4 + 1 + 4] = 1;  // first write's row: 0 -> 1
  CHECK(replay(moved).message() ==
        "commit record is corrupt at byte 4 of its payload: an append out of row order");
}

TEST_CASE("a replayed load builds its ordered indexes once and matches the commit",
          "[store][durable]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ItemEntity());
  Store base;
  base.AddTable(e);
  Store live = base;
  live.BeginWrite(linkgraph::store::NewStamp());
  Transaction txn(&live);
  auto append = [&](int i) {
    const std::string id = "k" + std::to_string(i);
    txn.Append(0, {Cell::Str(id), Cell::Str(i % 3 ? "a" : "b"), Cell::Int((i * 7919) % 1000),
                   Cell::Null(), Cell::Int(i % 2), Cell::Null()});
  };
  for (int i = 0; i < 600; ++i) append(i);
  txn.Set(0, 300, 2, Cell::Int(-1));  // a row whose ordered-index entry the replay deferred
  txn.Kill(0, 7);
  for (int i = 600; i < 900; ++i) append(i);
  txn.Set(0, 899, 2, Cell::Int(5000));
  for (int i = 900; i < 1200; ++i) append(i);  // deferred until the replay's end
  const Store replayed = CommitAndReplay(txn, base);
  CHECK(Dump(replayed) == Dump(live));
}
