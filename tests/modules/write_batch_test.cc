#include <catch2/catch.hpp>

#include "linkgraph/database.h"

namespace {

const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","prefix":"prod","primaryKey":true},"title":{"type":"text"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "rating":{"type":"number"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

std::string Graph(linkgraph::Database& db, const char* request) {
  auto r = db.GraphJson(request);
  REQUIRE(r.ok());
  return r->ToJson();
}

}  // namespace

TEST_CASE("a batch with one invalid row leaves rows and indexes unchanged", "[modules]") {
  linkgraph::DatabaseOptions options;
  options.clock = linkgraph::TestClock(1767225600000000);
  options.id_seed = 7;
  linkgraph::Database db(options);
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"([{"id":"prod_1","title":"A"}])").ok());
  REQUIRE(db.Service("review").Create(R"([{"id":"r1","product_id":"prod_1","rating":5}])").ok());
  const char* by_product =
      R"({"entity":"review","fields":["id"],"filters":{"product_id":"prod_1"}})";
  const char* nested = R"({"entity":"product","fields":["id","product_reviews.id"]})";
  std::string before_lookup = Graph(db, by_product);
  std::string before_nested = Graph(db, nested);

  auto bad = db.Write([](linkgraph::WriteBatch& b) {
    b.Create("product", R"([{"id":"prod_2","title":"B"}])");
    b.Create("review", R"([{"id":"r2","product_id":"prod_1","rating":4},
                           {"id":"r3","product_id":"prod_2","rating":"many"}])");
  });
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(bad.status().message() ==
        "expected a number for 'rating', got 'many' (ops[1].rows[1].rating)");

  CHECK(Graph(db, by_product) == before_lookup);
  CHECK(Graph(db, nested) == before_nested);
  auto count = db.Service("review").ListAndCount();
  REQUIRE(count.ok());
  CHECK(count->count() == 1);
  // The primary keys of the failed batch are free again.
  auto again = db.Write([](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"prod_2","title":"B"})");
    b.Create("review", R"({"id":"r2","product_id":"prod_2","rating":4})");
  });
  REQUIRE(again.ok());
  CHECK(again->rows == 2);
  CHECK(Graph(db, nested) ==
        R"({"data":[{"id":"prod_1","product_reviews":[{"id":"r1"}]},{"id":"prod_2","product_reviews":[{"id":"r2"}]}],"metadata":{"count":2,"skip":0,"take":null}})");
}

TEST_CASE("a duplicate primary key in one batch is reported at the later row", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  auto r = db.Service("product").Create(R"([{"id":"p","title":"A"},{"id":"p","title":"B"}])");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(r.status().message() == "Product with id: p already exists (rows[1].id)");
  auto all = db.Service("product").List();
  REQUIRE(all.ok());
  CHECK(all->size() == 0);
}

TEST_CASE("a dry run shows what the commit will write and writes nothing", "[modules]") {
  linkgraph::DatabaseOptions options;
  options.clock = linkgraph::TestClock(1767225600000000);
  options.id_seed = 3;
  linkgraph::Database db(options);
  REQUIRE(db.RegisterJson(kSchema).ok());
  auto fill = [](linkgraph::WriteBatch& b) {
    b.Create("review", R"({"product_id":"prod_later","rating":4})");  // its product comes later
    b.Create("product", R"({"id":"prod_later","title":"Later"})");
  };
  auto dry = db.DryRun(fill);
  REQUIRE(dry.ok());
  REQUIRE(dry->size() == 2);
  CHECK(db.Service("review").ListAndCount()->count() == 0);
  auto again = db.DryRun(fill);
  REQUIRE(again.ok());
  CHECK((*again)[0].ToJson() == (*dry)[0].ToJson());
  REQUIRE(db.Write(fill).ok());
  auto stored = db.GraphJson(R"({"entity":"review","fields":["*"]})");
  REQUIRE(stored.ok());
  // The commit wrote exactly the row the dry run showed (same generated id and timestamps).
  std::string shown = (*dry)[0].ToJson();
  std::string row = shown.substr(shown.find("[{"), shown.find("}]") - shown.find("[{") + 2);
  CHECK(stored->ToJson().find(row) != std::string::npos);
  auto bad = db.DryRun([](linkgraph::WriteBatch& b) { b.Create("review", R"({"rating":"x"})"); });
  REQUIRE_FALSE(bad.ok());
  CHECK(db.Service("review").ListAndCount()->count() == 1);
}

TEST_CASE("a batch reports its progress while it commits", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  std::string lines;
  for (int i = 0; i < 60000; ++i) {
    lines += R"({"id":"r)" + std::to_string(i) + R"(","product_id":"p","rating":3})" "\n";
  }
  std::vector<std::pair<int64_t, int64_t>> reports;
  const std::string product = R"({"id":"p","title":"P"})";
  auto w = db.Write([&](linkgraph::WriteBatch& b) {
    b.CreateLines("review", lines);
    b.Create("product", product);
    b.OnProgress([&](int64_t done, int64_t total) { reports.emplace_back(done, total); });
  });
  REQUIRE(w.ok());
  REQUIRE(reports.size() >= 3);  // at least one mid-file report, then one per operation
  int64_t total = static_cast<int64_t>(lines.size() + product.size());
  for (size_t i = 1; i < reports.size(); ++i) CHECK(reports[i].first >= reports[i - 1].first);
  CHECK(reports.front().first < static_cast<int64_t>(lines.size()));
  CHECK(reports.back() == std::make_pair(total, total));
}

// DESIGN.md §7: link ends and cardinality are checked when the batch commits, so a batch may
// link a row it creates later, or move a to-one link by dismissing the old one later.
TEST_CASE("link ends and cardinality are checked when the batch commits", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(R"({"modules":[
    {"name":"product","models":[{"name":"product","properties":{
       "id":{"type":"id","primaryKey":true}}}]},
    {"name":"brand","models":[{"name":"brand","properties":{
       "id":{"type":"id","primaryKey":true}}}]}],
    "defineLinks":[{"left":{"module":"product","entity":"product","isList":true},
                    "right":{"module":"brand","entity":"brand","isList":false}}]})")
              .ok());
  REQUIRE(db.Service("brand").Create(R"([{"id":"b1"},{"id":"b2"}])").ok());
  const char* brands = R"({"entity":"product","fields":["id","brand.id"]})";

  // The product is created after the link that names it.
  auto later_end = db.Write([](linkgraph::WriteBatch& b) {
    b.Link(R"({"product":{"product_id":"p1"},"brand":{"brand_id":"b1"}})");
    b.Create("product", R"({"id":"p1"})");
  });
  REQUIRE(later_end.ok());
  CHECK(Graph(db, brands) ==
        R"({"data":[{"id":"p1","brand":{"id":"b1"}}],"metadata":{"count":1,"skip":0,"take":null}})");

  // A second brand while the first link is live: refused at the later link row, nothing applied.
  auto clash = db.Write([](linkgraph::WriteBatch& b) {
    b.Link(R"({"product":{"product_id":"p1"},"brand":{"brand_id":"b2"}})");
  });
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(clash.status().message() ==
        "Cannot create multiple links between 'product' and 'brand' (rows[0])");

  // The same move, with the old link dismissed later in the batch: fine.
  auto moved = db.Write([](linkgraph::WriteBatch& b) {
    b.Link(R"({"product":{"product_id":"p1"},"brand":{"brand_id":"b2"}})");
    b.Dismiss(R"({"product":{"product_id":"p1"},"brand":{"brand_id":"b1"}})");
  });
  REQUIRE(moved.ok());
  CHECK(Graph(db, brands) ==
        R"({"data":[{"id":"p1","brand":{"id":"b2"}}],"metadata":{"count":1,"skip":0,"take":null}})");

  // An end that never appears: refused when the batch commits; the product created first is
  // rolled back with it.
  auto missing = db.Write([](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"p2"})");
    b.Link(R"({"product":{"product_id":"p2"},"brand":{"brand_id":"b9"}})");
  });
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(missing.status().message() ==
        "cannot link brand b9: Brand with id: b9 was not found (ops[1].rows[0])");
  CHECK(Graph(db, R"({"entity":"product","fields":["id"]})") ==
        R"({"data":[{"id":"p1"}],"metadata":{"count":1,"skip":0,"take":null}})");
}

// A progress callback runs while the commit holds the database: a call back into the same
// Database from it is refused with FailedPrecondition (no deadlock, no exception), and the
// commit itself goes on. Another Database may be used from the callback.
TEST_CASE("a progress callback that calls back into the database is refused", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  linkgraph::Database other;
  REQUIRE(other.RegisterJson(kSchema).ok());
  std::vector<absl::Status> seen;
  std::vector<absl::Status> elsewhere;
  auto w = db.Write([&](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"p","title":"P"})");
    b.OnProgress([&](int64_t, int64_t) {
      seen.push_back(db.GraphJson(R"({"entity":"product","fields":["id"]})").status());
      seen.push_back(db.Write([](linkgraph::WriteBatch& inner) {
                         inner.Create("product", R"({"id":"q","title":"Q"})");
                       }).status());
      seen.push_back(db.Service("product").List().status());
      seen.push_back(db.Service("product").Create(R"({"id":"q","title":"Q"})").status());
      seen.push_back(db.Links().List(R"({"product":{"product_id":"p"}})").status());
      seen.push_back(db.LoadJson(R"({"product":[{"id":"q","title":"Q"}]})").status());
      seen.push_back(db.PrepareJson(R"({"entity":"product","fields":["id"]})").status());
      seen.push_back(db.CheckIntegrity().status());
      seen.push_back(db.RegisterJson(R"({"modules":[{"name":"x","models":[{"name":"x",
          "properties":{"id":{"type":"id","primaryKey":true}}}]}]})"));
      (void)db.Stats();       // no status to return: answers without deadlocking
      (void)db.SchemaJson();
      elsewhere.push_back(other.Service("product").Create(R"({"id":"o","title":"O"})").status());
    });
  });
  REQUIRE(w.ok());
  REQUIRE(seen.size() == 9);
  for (const absl::Status& s : seen) {
    CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
    CHECK(std::string(s.message()) ==
          "the database was called from inside its own write's progress callback (OnProgress)");
  }
  REQUIRE(elsewhere.size() == 1);
  CHECK(elsewhere[0].ok());
  CHECK(Graph(db, R"({"entity":"product","fields":["id"]})") ==
        R"({"data":[{"id":"p"}],"metadata":{"count":1,"skip":0,"take":null}})");
  // After the commit, the same calls work again.
  CHECK(db.Service("product").Create(R"({"id":"q","title":"Q"})").ok());
}
