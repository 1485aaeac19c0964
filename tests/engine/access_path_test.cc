// Root access paths: which one Build chooses (DumpProgram), and that every ordered walk and
// index range returns exactly what the plain scan + sort returns (rows and count) on random data
// with nulls, ties, soft- and hard-deleted rows.
#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <string>

#include "dsl/parse.h"
#include "engine/catalog/catalog.h"
#include "engine/exec/program.h"
#include "engine/exec/scan.h"
#include "engine/plan/bind.h"
#include "engine/store/store.h"
#include "engine/store/transaction.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::catalog::EntityDef;
using linkgraph::exec::AccessPath;
using linkgraph::store::Cell;

// Column ids, in the order of ProductEntity's columns.
constexpr uint32_t kId = 0, kCreated = 4, kUpdated = 5, kDeleted = 6;

std::unique_ptr<EntityDef> ProductEntity() {
  auto e = std::make_unique<EntityDef>();
  e->name = "product";
  e->plural = "products";
  e->module = "catalog";
  ColumnDef id{"id", ColumnType::kId};
  id.primary_key = true;
  id.hash_indexed = true;
  ColumnDef title{"title", ColumnType::kText};
  ColumnDef status{"status", ColumnType::kEnum};
  status.enum_values = {"published", "draft", "archived"};
  ColumnDef rating{"rating", ColumnType::kNumber};
  rating.nullable = true;
  rating.index = true;
  ColumnDef created{"created_at", ColumnType::kDateTime};
  created.index = true;
  created.implicit = true;
  ColumnDef updated{"updated_at", ColumnType::kDateTime};
  updated.implicit = true;
  ColumnDef deleted{"deleted_at", ColumnType::kDateTime};
  deleted.nullable = true;
  deleted.implicit = true;
  e->columns = {id, title, status, rating, created, updated, deleted};
  e->primary_key = kId;
  e->created_at = kCreated;
  e->updated_at = kUpdated;
  e->deleted_at = kDeleted;
  e->Reindex();
  return e;
}

constexpr int64_t kT0 = 1767225600000000;  // 2026-01-01T00:00:00Z

struct Db {
  explicit Db(int rows, uint32_t seed) {
    catalog.AddEntity(ProductEntity());
    catalog.IndexNames();
    store.AddTable(catalog.entity(0));
    std::mt19937 rng(seed);
    std::vector<int> ids(static_cast<size_t>(rows));
    for (int i = 0; i < rows; ++i) ids[static_cast<size_t>(i)] = i;
    std::shuffle(ids.begin(), ids.end(), rng);  // row order differs from primary-key order
    linkgraph::store::Transaction txn(&store);
    for (int i : ids) {
      char id[16];
      std::snprintf(id, sizeof id, "p%04d", i);
      std::string title = "t" + std::to_string(rng() % 7);
      Cell rating = rng() % 5 == 0 ? Cell::Null() : Cell::Int(static_cast<int64_t>(rng() % 10));
      int64_t created = kT0 + static_cast<int64_t>(rng() % 40) * 1000;  // many ties
      Cell deleted = rng() % 10 == 0 ? Cell::Int(kT0) : Cell::Null();
      uint32_t row = txn.Append(0, {Cell::Str(id), Cell::Str(title),
                                    Cell::Int(static_cast<int64_t>(rng() % 3)), rating,
                                    Cell::Int(created), Cell::Int(created), deleted});
      if (rng() % 20 == 0) txn.Kill(0, row);
    }
    txn.Commit();
  }

  linkgraph::catalog::Catalog catalog;
  linkgraph::store::Store store;
};

struct Run {
  std::string dump;
  linkgraph::exec::ScanOutput chosen, reference;
};

Run RunRequest(const Db& db, const std::string& json) {
  absl::StatusOr<linkgraph::dsl::Request> request = linkgraph::dsl::ParseRequestJson(json);
  INFO(json << ": " << request.status());
  REQUIRE(request.ok());
  absl::StatusOr<linkgraph::plan::Plan> plan = linkgraph::plan::Bind(*request, db.catalog);
  INFO(plan.status());
  REQUIRE(plan.ok());
  absl::StatusOr<linkgraph::exec::Program> program = linkgraph::exec::Build(*plan, db.catalog);
  REQUIRE(program.ok());
  Run run;
  run.dump = linkgraph::exec::DumpProgram(*program, db.catalog);
  const linkgraph::plan::Node& root = *plan->root;
  run.chosen = linkgraph::exec::ScanRoot(db.store, root, program->root->access);
  run.reference = linkgraph::exec::ScanRoot(db.store, root, AccessPath{});  // scan + sort
  return run;
}

std::string Dump(const Db& db, const std::string& json) {
  std::string d = RunRequest(db, json).dump;
  return d.substr(0, d.find('\n'));
}

}  // namespace

TEST_CASE("Build chooses the root access path by the documented rules", "[exec][access]") {
  Db db(50, 1);
  const std::string req = R"({"entity":"product","fields":["id"])";
  // A page of published products by created_at desc: top-k on the ordered index, count from the
  // enum's live counters.
  CHECK(Dump(db, req + R"(,"filters":{"status":"published"},
      "pagination":{"order":{"created_at":"DESC"},"take":100}})") ==
        "IndexOrder catalog.product.created_at desc, filter, stop after 100, "
        "count: enum counter status");
  // withDeleted: the enum counters count live rows only, so the count visits rows.
  CHECK(Dump(db, req + R"(,"filters":{"status":"published"},"withDeleted":true,
      "pagination":{"order":{"created_at":"DESC"},"take":100}})") ==
        "IndexOrder catalog.product.created_at desc, filter, stop after 100, count: rows");
  CHECK(Dump(db, req + R"(,"pagination":{"order":"created_at","skip":5,"take":10}})") ==
        "IndexOrder catalog.product.created_at asc, stop after 15, count: live rows");
  // A range on the order column bounds the walk.
  CHECK(Dump(db, req + R"(,"filters":{"rating":{"$gt":5}},
      "pagination":{"order":"rating desc"}})") ==
        "IndexOrder catalog.product.rating > 5 desc, filter, count: rows");
  // A range alone: the index range, then primary-key order.
  CHECK(Dump(db, req + R"(,"filters":{"rating":{"$gte":3,"$lt":7}}})") ==
        "IndexRange catalog.product.rating >= 3 and < 7, filter, count: rows");
  CHECK(Dump(db, req + R"(,"filters":{"rating":4}})") ==
        "IndexRange catalog.product.rating = 4, filter, count: rows");
  // A range on one column and an order on another: the range when the count must visit rows...
  CHECK(Dump(db, req + R"(,"filters":"rating >= 3",
      "pagination":{"order":"created_at desc","take":10}})") ==
        "IndexRange catalog.product.rating >= 3, filter, sort, count: rows");
  // ... the walk when it can stop early.
  CHECK(Dump(db, req + R"(,"filters":"rating >= 3",
      "pagination":{"order":"created_at desc","take":10,"count":false}})") ==
        "IndexOrder catalog.product.created_at desc, filter, stop after 10, count: none");
  // Equality on the primary key: a hash lookup.
  CHECK(Dump(db, req + R"(,"filters":{"id":"p0001"},"pagination":{"order":"created_at desc"}})") ==
        "IndexLookup catalog.product.id, filter, sort, count: rows");
  // No order: primary-key order, which is a walk too.
  CHECK(Dump(db, req + R"(,"pagination":{"take":10}})") ==
        "PkOrderScan catalog.product asc, stop after 10, count: live rows");
  CHECK(Dump(db, req + R"(,"pagination":{"order":"id desc","take":10}})") ==
        "PkOrderScan catalog.product desc, stop after 10, count: live rows");
  // An order on a column without an ordered index, or through a relation: scan and sort.
  CHECK(Dump(db, req + R"(,"pagination":{"order":"title","take":10}})") ==
        "PkOrderScan catalog.product, sort, count: rows");
  // Several keys: the first key's index, groups completed and sorted.
  CHECK(Dump(db, req + R"(,"pagination":{"order":"created_at desc, title","take":10}})") ==
        "IndexOrder catalog.product.created_at desc, sort, stop after 10, count: live rows");
}

TEST_CASE("index walks and ranges return what scan + sort returns", "[exec][access]") {
  Db db(300, 42);
  const char* orders[] = {
      "",
      R"("order":"rating")",
      R"("order":"rating desc")",
      R"("order":"created_at desc")",
      R"("order":"created_at")",
      R"("order":"rating desc, title")",
      R"("order":"created_at desc, rating, title desc")",
      R"("order":"id desc")",
  };
  const char* filters[] = {
      "",
      R"("filters":{"status":"published"},)",
      R"("filters":{"status":["draft","archived","draft"]},)",
      R"("filters":{"rating":{"$gte":3,"$lt":7}},)",
      R"("filters":{"rating":{"$gt":5}},)",
      R"("filters":{"rating":{"$lte":2,"$gt":6}},)",
      R"("filters":{"rating":4},)",
      R"("filters":{"rating":4.5},)",
      R"("filters":{"rating":{"$gt":4.5}},)",
      R"("filters":{"created_at":{"$lte":"2026-01-01T00:00:00.020Z"}},)",
      R"("filters":{"status":"published","rating":{"$lte":4}},)",
      R"("filters":{"title":{"$like":"t1%"}},)",
      R"("filters":"rating = null or rating > 8",)",
  };
  const char* pages[] = {"",  R"("take":5)", R"("skip":3,"take":10)", R"("take":0)",
                         R"("skip":290,"take":10)", R"("skip":10,"take":1000)", R"("skip":7)"};
  for (const char* order : orders) {
    for (const char* filter : filters) {
      for (const char* page : pages) {
        for (bool with_deleted : {false, true}) {
          for (bool count : {true, false}) {
            std::string pagination = std::string(order);
            if (*page) pagination += (pagination.empty() ? "" : ",") + std::string(page);
            if (!count) {
              pagination += (pagination.empty() ? "" : ",") + std::string("\"count\":false");
            }
            std::string json = std::string(R"({"entity":"product","fields":["id"],)") + filter +
                               R"("pagination":{)" + pagination + "}" +
                               (with_deleted ? R"(,"withDeleted":true})" : "}");
            Run run = RunRequest(db, json);
            INFO(json << "\n" << run.dump);
            CHECK(run.chosen.rows == run.reference.rows);
            if (count) CHECK(run.chosen.count == run.reference.count);
          }
        }
      }
    }
  }
}
