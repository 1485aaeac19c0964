// The ordered index: kept exact under appends, updates, hard and soft deletes, and rollback.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <random>
#include <string>

#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "engine/store/transaction.h"
#include "tests/support/store_versions.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::catalog::EntityDef;
using linkgraph::store::Cell;
using linkgraph::store::IndexKey;
using linkgraph::store::OrderedIndex;
using linkgraph::store::Table;
using linkgraph::testing::RowsOf;
using linkgraph::testing::WriterOf;

constexpr uint32_t kId = 0, kScore = 1, kStatus = 2, kName = 3, kPrice = 4, kDeleted = 5;

std::unique_ptr<EntityDef> ItemEntity() {
  auto e = std::make_unique<EntityDef>();
  e->name = "item";
  e->plural = "items";
  e->module = "catalog";
  ColumnDef id{"id", ColumnType::kText};
  id.primary_key = true;
  id.hash_indexed = true;
  ColumnDef score{"score", ColumnType::kNumber};
  score.nullable = true;
  score.index = true;
  ColumnDef status{"status", ColumnType::kEnum};
  status.enum_values = {"zeta", "alpha", "mid"};  // code order differs from text order
  status.index = true;
  ColumnDef name{"name", ColumnType::kText};
  name.nullable = true;
  name.index = true;
  ColumnDef price{"price", ColumnType::kBigNumber};
  price.nullable = true;
  price.index = true;
  ColumnDef deleted{"deleted_at", ColumnType::kDateTime};
  deleted.nullable = true;
  e->columns = {id, score, status, name, price, deleted};
  e->primary_key = kId;
  e->deleted_at = kDeleted;
  e->Reindex();
  return e;
}

struct Fixture {
  Fixture() {
    catalog.AddEntity(ItemEntity());
    store.AddTable(catalog.entity(0));
  }
  const Table& table() const { return store.table(0); }

  linkgraph::catalog::Catalog catalog;
  linkgraph::store::Store store;
};

std::vector<uint32_t> IndexRows(const OrderedIndex& idx) {
  return std::vector<uint32_t>(idx.begin(), idx.end());
}

// The rows the index on `col` must hold, in its order: every live or soft-deleted row by
// (value, primary key), nulls last.
std::vector<uint32_t> Expected(const Table& t, uint32_t col) {
  std::vector<uint32_t> rows = RowsOf(t.pk_order());
  const OrderedIndex& idx = *t.ordered_index(col);
  std::sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
    int c = idx.CompareRowValues(a, b);
    return c != 0 ? c < 0 : t.PkLess(a, b);
  });
  return rows;
}

void CheckAllIndexes(const Table& t) {
  for (uint32_t col : {kScore, kStatus, kName, kPrice}) {
    INFO("column " << col);
    REQUIRE(t.ordered_index(col) != nullptr);
    CHECK(IndexRows(*t.ordered_index(col)) == Expected(t, col));
  }
}

std::vector<Cell> Row(const std::string& id, std::optional<int64_t> score, int64_t status,
                      const char* name, const char* price) {
  return {Cell::Str(id), score ? Cell::Int(*score) : Cell::Null(), Cell::Int(status),
          name ? Cell::Str(name) : Cell::Null(), price ? Cell::Str(price) : Cell::Null(),
          Cell::Null()};
}

}  // namespace

TEST_CASE("ordered index orders by value, then primary key, nulls last", "[store][ordered]") {
  Fixture f;
  linkgraph::store::Transaction txn(&f.store);
  txn.Append(0, Row("c", 5, 0, "b", "19.990"));
  txn.Append(0, Row("a", 5, 1, nullptr, "19.99"));
  txn.Append(0, Row("b", std::nullopt, 2, "a", "3"));
  txn.Append(0, Row("d", 1, 1, "b", nullptr));
  txn.Commit();
  const Table& t = f.table();
  CHECK(IndexRows(*t.ordered_index(kScore)) == std::vector<uint32_t>{3, 1, 0, 2});
  // Enums order by text: alpha (1), mid (2), zeta (0).
  CHECK(IndexRows(*t.ordered_index(kStatus)) == std::vector<uint32_t>{1, 3, 2, 0});
  CHECK(IndexRows(*t.ordered_index(kName)) == std::vector<uint32_t>{2, 0, 3, 1});
  // bigNumber by value: 3 < 19.99 == 19.990 (ties by primary key: a before c), null last.
  CHECK(IndexRows(*t.ordered_index(kPrice)) == std::vector<uint32_t>{2, 1, 0, 3});

  const OrderedIndex& score = *t.ordered_index(kScore);
  CHECK(*score.LowerBound(IndexKey::Of(Cell::Int(5))) == 1);
  CHECK(*score.UpperBound(IndexKey::Of(Cell::Int(1))) == 1);
  CHECK(*score.LowerBound(IndexKey::Of(Cell::Int(2))) == 1);
  CHECK(score.UpperBound(IndexKey::Of(Cell::Int(5))) == score.NullsBegin());
  CHECK(*score.NullsBegin() == 2);
  CHECK(*score.GroupBegin(0) == 1);  // c's group (score 5) starts at a
  CHECK(*score.GroupBegin(2) == 2);
  // A non-integral bound (`score >= 4.5`) reaches the index fitted to an integer by the binder
  // (plan::FitIntegerCompare: `score > 4`).
  CHECK(*score.UpperBound(IndexKey::Of(Cell::Int(4))) == 1);
}

TEST_CASE("ordered indexes follow updates, deletes and rollback exactly", "[store][ordered]") {
  Fixture f;
  {
    linkgraph::store::Transaction txn(&f.store);
    for (int i = 0; i < 6; ++i) {
      txn.Append(0, Row("r" + std::to_string(i), i % 3, i % 3, "n", "1"));
    }
    txn.Commit();
  }
  const Table& t = f.table();
  CheckAllIndexes(t);
  std::vector<uint32_t> before = IndexRows(*t.ordered_index(kScore));
  {
    linkgraph::store::Store writer = WriterOf(f.store);
    linkgraph::store::Transaction txn(&writer);
    txn.Append(0, Row("r9", 0, 1, nullptr, nullptr));
    txn.Set(0, 0, kScore, Cell::Int(7));      // move r0 to the end
    txn.Set(0, 1, kScore, Cell::Null());      // r1 to the nulls
    txn.Set(0, 2, kName, Cell::Str("a"));
    txn.Set(0, 3, kDeleted, Cell::Int(1));    // soft delete: stays indexed
    txn.Kill(0, 4);                           // hard delete: leaves every index
    txn.Set(0, 5, kId, Cell::Str("r00"));     // a primary-key write reorders ties
    CheckAllIndexes(writer.table(0));
    CHECK(writer.table(0).ordered_index(kScore)->size() == 6);
    CheckAllIndexes(t);
    CHECK(IndexRows(*t.ordered_index(kScore)) == before);
    // Dropped without Commit.
  }
  CheckAllIndexes(t);
  CHECK(IndexRows(*t.ordered_index(kScore)) == before);
  CHECK(t.ordered_index(kScore)->size() == 6);
}

TEST_CASE("ordered indexes stay exact under random writes and rollbacks", "[store][ordered]") {
  Fixture f;
  std::mt19937 rng(7);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  int next_id = 0;
  const char* names[] = {"a", "b", "c", nullptr};
  const char* prices[] = {"1", "1.0", "2.50", "-3", nullptr};
  for (int round = 0; round < 60; ++round) {
    linkgraph::store::Store writer = WriterOf(f.store);
    const std::vector<uint32_t> published_before = IndexRows(*f.table().ordered_index(kScore));
    linkgraph::store::Transaction txn(&writer);
    for (int op = 0; op < 12; ++op) {
      const Table& t = writer.table(0);
      int kind = t.row_count() == 0 ? 0 : pick(5);
      uint32_t row = t.row_count() == 0 ? 0 : static_cast<uint32_t>(pick(t.row_count()));
      if (kind == 0) {
        std::optional<int64_t> score;
        if (pick(4) != 0) score = pick(5);
        txn.Append(0, Row("k" + std::to_string(1000 + next_id++), score, pick(3),
                          names[pick(4)], prices[pick(5)]));
      } else if (t.IsDead(row)) {
        continue;
      } else if (kind == 1) {
        txn.Set(0, row, kScore, pick(4) ? Cell::Int(pick(5)) : Cell::Null());
      } else if (kind == 2) {
        txn.Set(0, row, kStatus, Cell::Int(pick(3)));
        txn.Set(0, row, kPrice, prices[pick(4)] ? Cell::Str(prices[pick(4)]) : Cell::Null());
      } else if (kind == 3) {
        txn.Set(0, row, kDeleted, t.IsSoftDeleted(row) ? Cell::Null() : Cell::Int(5));
      } else {
        txn.Kill(0, row);
      }
    }
    CheckAllIndexes(writer.table(0));
    // The published version is untouched by the writer.
    CheckAllIndexes(f.table());
    CHECK(IndexRows(*f.table().ordered_index(kScore)) == published_before);
    if (pick(2) == 0) {
      txn.Commit();
      f.store = writer;  // published
    }  // else dropped
  }
  CheckAllIndexes(f.table());
}

// Bulk loads defer the ordered indexes and add the appended rows in one sorted pass; the result
// must be the index that row-at-a-time inserts give, whatever happened to the rows meanwhile.
TEST_CASE("deferred ordered indexes equal row-at-a-time ones", "[store][ordered]") {
  Fixture f;
  std::mt19937 rng(11);
  auto pick = [&](uint32_t n) { return static_cast<int>(rng() % n); };
  const char* names[] = {"cus_0001", "cus_00010", "cus_0001\x01", "cus_0002", "cus_", "b", "",
                         "cus_00011", "zz"};
  const char* prices[] = {"1", "1.0", "19.99", "19.990", "0.5", "100"};
  std::deque<std::string> ids;  // the rows' cells view their ids until they are appended
  auto random_row = [&](int i) {
    std::optional<int64_t> score;
    if (pick(5) != 0) score = pick(7) - 3;
    ids.push_back("r" + std::to_string(1000 + pick(9000)) + "_" + std::to_string(i));
    return Row(ids.back(), score, pick(3),
               pick(6) == 0 ? nullptr : names[pick(9)], pick(6) == 0 ? nullptr : prices[pick(6)]);
  };
  linkgraph::store::Transaction txn(&f.store);
  for (int i = 0; i < 200; ++i) txn.Append(0, random_row(i));
  txn.Commit();

  {
    linkgraph::store::Store writer = WriterOf(f.store);
    linkgraph::store::Transaction load(&writer);
    Table& table = writer.table(0);
    table.DeferOrderedIndexes();
    std::vector<uint32_t> appended;
    for (int i = 200; i < 700; ++i) appended.push_back(load.Append(0, random_row(i)));
    load.Kill(0, appended[3]);     // hard-deleted before the flush
    load.Kill(0, appended[250]);
    table.FlushOrderedIndexes();
    CheckAllIndexes(table);
    // Dropped after the flush: the published indexes hold the committed 200 rows.
  }
  CheckAllIndexes(f.table());
  CHECK(f.table().ordered_index(kScore)->size() == 200);

  // Flushed again with ids reused after the drop, and committed.
  linkgraph::store::Store writer = WriterOf(f.store);
  linkgraph::store::Transaction load(&writer);
  Table& table = writer.table(0);
  table.DeferOrderedIndexes();
  for (int i = 700; i < 900; ++i) load.Append(0, random_row(i));
  table.FlushOrderedIndexes();
  load.Commit();
  f.store = writer;
  CheckAllIndexes(f.table());
  CHECK(f.table().ordered_index(kName)->size() == 400);
}
