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
  auto posting = t.hash_index(1)->Find(std::string_view("p1"));
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

TEST_CASE("a rolled-back transaction leaves ordered indexes exactly as they were", "[store]") {
  auto def = ReviewEntity();
  def->columns[2].index = true;  // status: an ordered index (enums order by their text)
  def->columns[3].index = true;  // deleted_at
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(std::move(def));
  linkgraph::store::Store store;
  store.AddTable(e);
  {
    linkgraph::store::Transaction txn(&store);
    txn.Append(0, {Cell::Str("r2"), Cell::Str("p1"), Cell::Int(1), Cell::Null()});
    txn.Append(0, {Cell::Str("r1"), Cell::Str("p1"), Cell::Int(1), Cell::Null()});
    txn.Append(0, {Cell::Str("r3"), Cell::Str("p1"), Cell::Int(0), Cell::Int(5)});
    txn.Commit();
  }
  const auto& t = store.table(0);
  auto rows = [&](uint32_t col) {
    const linkgraph::store::OrderedIndex& idx = *t.ordered_index(col);
    return std::vector<uint32_t>(idx.begin(), idx.end());
  };
  // draft (r3) before published (r1, r2 by primary key); deleted_at 5 before the nulls.
  REQUIRE(rows(2) == std::vector<uint32_t>{2, 1, 0});
  REQUIRE(rows(3) == std::vector<uint32_t>{2, 1, 0});
  {
    linkgraph::store::Transaction txn(&store);
    txn.Append(0, {Cell::Str("r0"), Cell::Str("p2"), Cell::Int(0), Cell::Null()});
    txn.Set(0, 1, 2, Cell::Int(0));     // r1 -> draft
    txn.Set(0, 0, 3, Cell::Int(1));     // soft delete r2: stays, moves in deleted_at's index
    txn.Set(0, 2, 3, Cell::Null());     // restore r3
    txn.Kill(0, 1);                     // hard delete r1: leaves every index
    CHECK(rows(2) == std::vector<uint32_t>{3, 2, 0});
    CHECK(rows(3) == std::vector<uint32_t>{0, 3, 2});
  }
  CHECK(rows(2) == std::vector<uint32_t>{2, 1, 0});
  CHECK(rows(3) == std::vector<uint32_t>{2, 1, 0});
  CHECK(t.ordered_index(1) == nullptr);  // product_id is not declared `index`
}
