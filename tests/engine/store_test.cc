#include <catch2/catch.hpp>

#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "engine/store/transaction.h"
#include "tests/support/store_versions.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::catalog::EntityDef;
using linkgraph::store::Cell;
using linkgraph::testing::RowsOf;
using linkgraph::testing::WriterOf;

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
  REQUIRE(RowsOf(t.pk_order()) == std::vector<uint32_t>{1, 2, 0});
  auto posting = t.hash_index(1)->Find(std::string_view("p1"));
  REQUIRE(posting != nullptr);
  CHECK(std::vector<uint32_t>(posting->begin(), posting->end()) == std::vector<uint32_t>{1, 2, 0});
  CHECK(t.column(2).live_counts()[1] == 3);
}

TEST_CASE("a dropped writer's version leaves rows, indexes and counters unchanged", "[store]") {
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
  auto check_unchanged = [&] {
    CHECK(t.row_count() == 1);
    CHECK(t.live_count() == 1);
    CHECK(RowsOf(t.pk_order()) == std::vector<uint32_t>{0});
    CHECK(t.FindByPk(Cell::Str("r1")) == 0);
    CHECK(t.FindByPk(Cell::Str("r0")) == -1);
    CHECK(t.hash_index(1)->Find(std::string_view("p2")) == nullptr);
    CHECK(t.hash_index(1)->Find(std::string_view("p9")) == nullptr);
    REQUIRE(t.hash_index(1)->Find(std::string_view("p1")) != nullptr);
    CHECK(t.column(1).GetString(0) == "p1");
    CHECK(t.column(3).IsNull(0));
    CHECK(t.column(2).live_counts() == std::vector<int64_t>{1, 0});
  };
  {
    linkgraph::store::Store writer = WriterOf(store);
    linkgraph::store::Transaction txn(&writer);
    txn.Append(0, {Cell::Str("r0"), Cell::Str("p2"), Cell::Int(1), Cell::Null()});
    txn.Set(0, 0, 1, Cell::Str("p9"));       // move r1 to p9
    txn.Set(0, 0, 3, Cell::Int(1234));       // soft delete r1
    txn.Kill(0, 1);                          // hard delete r0
    const auto& w = writer.table(0);
    CHECK(w.live_count() == 0);
    CHECK(w.row_count() == 2);
    CHECK(w.hash_index(1)->Find(std::string_view("p9")) != nullptr);
    CHECK(w.FindByPk(Cell::Str("r0")) == -1);
    CHECK(w.column(1).GetString(0) == "p9");
    // The published version sees none of it while the writer works...
    check_unchanged();
    // ...nor after the writer's version is dropped.
  }
  check_unchanged();
  // A later writer appending where the dropped one did (row 1) does not disturb it either.
  linkgraph::store::Store writer = WriterOf(store);
  {
    linkgraph::store::Transaction txn(&writer);
    txn.Append(0, {Cell::Str("r5"), Cell::Null(), Cell::Int(0), Cell::Null()});
    txn.Commit();
  }
  check_unchanged();
  CHECK(writer.table(0).column(1).IsNull(1));
  CHECK(writer.table(0).FindByPk(Cell::Str("r5")) == 1);
}

TEST_CASE("a published version keeps its values while later versions change them", "[store]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ReviewEntity());
  linkgraph::store::Store v0;
  v0.AddTable(e);
  {
    linkgraph::store::Transaction txn(&v0);
    for (int i = 0; i < 10000; ++i) {  // more than one chunk of each column
      txn.Append(0, {Cell::Str("r" + std::to_string(i)), Cell::Str("p" + std::to_string(i % 7)),
                     Cell::Int(i % 2), i % 3 == 0 ? Cell::Int(i) : Cell::Null()});
    }
    txn.Commit();
  }
  linkgraph::store::Store v1 = WriterOf(v0);
  {
    linkgraph::store::Transaction txn(&v1);
    txn.Set(0, 9999, 1, Cell::Str("p-last"));
    txn.Set(0, 0, 3, Cell::Null());
    txn.Kill(0, 5000);
    txn.Commit();
  }
  linkgraph::store::Store v2 = WriterOf(v1);
  {
    linkgraph::store::Transaction txn(&v2);
    txn.Set(0, 9999, 1, Cell::Str("p-later"));
    txn.Append(0, {Cell::Str("r-new"), Cell::Str("p1"), Cell::Int(1), Cell::Null()});
    txn.Commit();
  }
  const auto &t0 = v0.table(0), &t1 = v1.table(0), &t2 = v2.table(0);
  CHECK(t0.column(1).GetString(9999) == "p3");
  CHECK(t1.column(1).GetString(9999) == "p-last");
  CHECK(t2.column(1).GetString(9999) == "p-later");
  CHECK_FALSE(t0.column(3).IsNull(0));
  CHECK(t1.column(3).IsNull(0));
  CHECK_FALSE(t0.IsDead(5000));
  CHECK(t1.IsDead(5000));
  CHECK(t0.FindByPk(Cell::Str("r5000")) == 5000);
  CHECK(t1.FindByPk(Cell::Str("r5000")) == -1);
  CHECK(t0.row_count() == 10000);
  CHECK(t1.row_count() == 10000);
  CHECK(t2.row_count() == 10001);
  CHECK(t1.FindByPk(Cell::Str("r-new")) == -1);
  CHECK(t2.FindByPk(Cell::Str("r-new")) == 10000);
  CHECK(t0.hash_index(1)->Find(std::string_view("p-last")) == nullptr);
  CHECK(t1.hash_index(1)->Find(std::string_view("p-last"))->size() == 1);
  CHECK(t2.hash_index(1)->Find(std::string_view("p-last")) == nullptr);
  CHECK(t0.hash_index(1)->Find(std::string_view("p1"))->size() == 1429);
  CHECK(t2.hash_index(1)->Find(std::string_view("p1"))->size() == 1430);
  CHECK(t0.pk_order().size() == 10000);
  CHECK(t1.pk_order().size() == 9999);
  CHECK(t2.pk_order().size() == 10000);
  for (uint32_t row = 0; row < 10000; row += 997) {
    CHECK(t0.FindByPk(Cell::Str("r" + std::to_string(row))) == row);
  }
}

TEST_CASE("what a dropped writer left stays out of later versions", "[store]") {
  linkgraph::catalog::Catalog catalog;
  EntityDef& e = catalog.AddEntity(ReviewEntity());
  linkgraph::store::Store store;
  store.AddTable(e);
  {
    linkgraph::store::Transaction txn(&store);
    txn.Append(0, {Cell::Str("r1"), Cell::Str("p1"), Cell::Int(0), Cell::Null()});
    txn.Commit();
  }
  // A dropped writer appends a row with a null deleted_at... (kept alive, like a dry run's view)
  linkgraph::store::Store dropped = WriterOf(store);
  {
    linkgraph::store::Transaction txn(&dropped);
    txn.Append(0, {Cell::Str("r2"), Cell::Str("p2"), Cell::Int(1), Cell::Int(77)});
    txn.Rollback(/*reclaim_strings=*/false);
  }
  // ...and the next writer appends a different row 1 in the same slots.
  linkgraph::store::Store next = WriterOf(store);
  {
    linkgraph::store::Transaction txn(&next);
    txn.Append(0, {Cell::Str("r3"), Cell::Str("p3"), Cell::Int(0), Cell::Null()});
    txn.Commit();
  }
  CHECK(dropped.table(0).column(0).GetString(1) == "r2");
  CHECK(dropped.table(0).column(3).GetInt(1) == 77);
  CHECK(next.table(0).column(0).GetString(1) == "r3");
  CHECK(next.table(0).column(3).IsNull(1));
  CHECK(next.table(0).FindByPk(Cell::Str("r2")) == -1);
  CHECK(store.table(0).row_count() == 1);
}

TEST_CASE("a dropped writer's version leaves ordered indexes exactly as they were", "[store]") {
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
    linkgraph::store::Store writer = WriterOf(store);
    linkgraph::store::Transaction txn(&writer);
    txn.Append(0, {Cell::Str("r0"), Cell::Str("p2"), Cell::Int(0), Cell::Null()});
    txn.Set(0, 1, 2, Cell::Int(0));     // r1 -> draft
    txn.Set(0, 0, 3, Cell::Int(1));     // soft delete r2: stays, moves in deleted_at's index
    txn.Set(0, 2, 3, Cell::Null());     // restore r3
    txn.Kill(0, 1);                     // hard delete r1: leaves every index
    auto writer_rows = [&](uint32_t col) {
      const linkgraph::store::OrderedIndex& idx = *writer.table(0).ordered_index(col);
      return std::vector<uint32_t>(idx.begin(), idx.end());
    };
    CHECK(writer_rows(2) == std::vector<uint32_t>{3, 2, 0});
    CHECK(writer_rows(3) == std::vector<uint32_t>{0, 3, 2});
    CHECK(rows(2) == std::vector<uint32_t>{2, 1, 0});  // the published version meanwhile
    CHECK(rows(3) == std::vector<uint32_t>{2, 1, 0});
  }
  CHECK(rows(2) == std::vector<uint32_t>{2, 1, 0});
  CHECK(rows(3) == std::vector<uint32_t>{2, 1, 0});
  CHECK(t.ordered_index(1) == nullptr);  // product_id is not declared `index`
}
