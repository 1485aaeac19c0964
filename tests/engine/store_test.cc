#include <catch2/catch.hpp>

#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "engine/store/transaction.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::catalog::EntityDef;
using linkgraph::store::Cell;

std::unique_ptr<EntityDef> ReviewEntity() {
  auto e = std::make_unique<EntityDef>();
  e->name = "review";
  e->plural = "reviews";
  e->module = "review";
  ColumnDef id{"id", ColumnType::kId};
  id.primary_key = true;
  id.hash_indexed = true;
  ColumnDef fk{"product_id", ColumnType::kText};
  fk.hash_indexed = true;
  ColumnDef status{"status", ColumnType::kEnum};
  status.enum_values = {"draft", "published"};
  ColumnDef deleted{"deleted_at", ColumnType::kDateTime};
  deleted.nullable = true;
  e->columns = {id, fk, status, deleted};
  e->primary_key = 0;
  e->deleted_at = 3;
  e->Reindex();
  return e;
}

}  // namespace

TEST_CASE("tables keep primary-key order, postings in child key order", "[store]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ReviewEntity());
  linkgraph::store::Store store;
  store.AddTable(e);
  linkgraph::store::Transaction txn(&store);
  for (const char* id : {"r3", "r1", "r2"}) {
    txn.Append(0, {Cell::Str(id), Cell::Str("p1"), Cell::Int(1), Cell::Null()});
  }
  txn.Commit();
  const auto& t = store.table(0);
  REQUIRE(t.pk_order() == std::vector<uint32_t>{1, 2, 0});
  const auto* posting = t.hash_index(1)->Find(std::string_view("p1"));
  REQUIRE(posting != nullptr);
  CHECK(std::vector<uint32_t>(posting->begin(), posting->end()) == std::vector<uint32_t>{1, 2, 0});
  CHECK(t.column(2).live_counts()[1] == 3);
}

TEST_CASE("a rolled-back transaction leaves rows, indexes and counters unchanged", "[store]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ReviewEntity());
  linkgraph::store::Store store;
  store.AddTable(e);
  {
    linkgraph::store::Transaction txn(&store);
    txn.Append(0, {Cell::Str("r1"), Cell::Str("p1"), Cell::Int(0), Cell::Null()});
    txn.Commit();
  }
  const auto& t = store.table(0);
  {
    linkgraph::store::Transaction txn(&store);
    txn.Append(0, {Cell::Str("r0"), Cell::Str("p2"), Cell::Int(1), Cell::Null()});
    txn.Set(0, 0, 1, Cell::Str("p9"));       // move r1 to p9
    txn.Set(0, 0, 3, Cell::Int(1234));       // soft delete r1
    txn.Kill(0, 1);                          // hard delete r0
    CHECK(t.live_count() == 0);
    // Destroyed without Commit: rolls back.
  }
  CHECK(t.row_count() == 1);
  CHECK(t.live_count() == 1);
  CHECK(t.pk_order() == std::vector<uint32_t>{0});
  CHECK(t.FindByPk(Cell::Str("r1")) == 0);
  CHECK(t.FindByPk(Cell::Str("r0")) == -1);
  CHECK(t.hash_index(1)->Find(std::string_view("p2")) == nullptr);
  CHECK(t.hash_index(1)->Find(std::string_view("p9")) == nullptr);
  REQUIRE(t.hash_index(1)->Find(std::string_view("p1")) != nullptr);
  CHECK(t.column(1).GetString(0) == "p1");
  CHECK(t.column(3).IsNull(0));
  CHECK(t.column(2).live_counts() == std::vector<int64_t>{1, 0});
}
