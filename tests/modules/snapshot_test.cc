// Snapshots (DESIGN.md §5, issue #16): a query reads the version published when it started and
// never waits for a commit; a commit never waits for a query.
//
// A commit is held at a point of its two phases (DESIGN.md §5) by the commit path's test hook
// or its own progress callback (a latch, no sleeps).
// The checks that would hang if readers waited for writers (or writers for readers) run on
// another thread and are given a minute: not a timing test, a liveness check that turns a
// deadlock into a failure.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "linkgraph/database.h"
#include "modules/access.h"
#include "modules/state.h"

namespace {

const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "rating":{"type":"number","index":true}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

constexpr auto kLiveness = std::chrono::seconds(60);

// `rows` reviews of p1 as JSON Lines, ids r<first>... (about 3 MB for 60,000).
std::string ReviewLines(int first, int rows) {
  std::string lines;
  for (int i = first; i < first + rows; ++i) {
    lines += R"({"id":"r)" + std::to_string(i) + R"(","product_id":"p1","rating":)" +
             std::to_string(1 + i % 5) + "}\n";
  }
  return lines;
}

std::string P1Query() {
  return R"({"entity":"product","fields":["id","title","product_reviews.id"],"filters":{"id":"p1"}})";
}

int64_t ReviewCount(linkgraph::Database& db) {
  auto r = db.GraphJson(R"({"entity":"review","fields":["id"],"pagination":{"take":1}})");
  REQUIRE(r.ok());
  return *r->count();
}

// A latch the committing thread waits on inside its progress callback.
struct Pause {
  std::promise<void> reached, release;
  std::shared_future<void> released = release.get_future().share();
  bool paused = false;
  void Hook() {
    if (paused) return;
    paused = true;
    reached.set_value();
    released.wait();
  }
};

}  // namespace

TEST_CASE("queries run while a large load is paused inside its commit, and see the state before it",
          "[modules][concurrency][snapshot]") {
  // Paused in phase 2: every row appended and checked under the commit lock, not yet published.
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":"Mug"})").ok());
  REQUIRE(db.Service("review").Create(R"({"id":"r0","product_id":"p1","rating":5})").ok());
  auto prepared = db.Prepare(linkgraph::GraphRequest{
      .entity = "product", .fields = {"id", "title", "product_reviews.id"},
      .filters = R"({"id":{"$param":"id"}})"});
  REQUIRE(prepared.ok());
  const std::string before = db.GraphJson(P1Query())->ToJson();
  const std::string lines = ReviewLines(1, 60000);

  Pause pause;
  linkgraph::modules::DatabaseAccess::State(db).commit_hook = [&](std::string_view point) {
    if (point == "applied") pause.Hook();
  };
  auto load = std::async(std::launch::async, [&] {
    return db.Write([&](linkgraph::WriteBatch& b) { b.CreateLines("review", lines); });
  });
  REQUIRE(pause.reached.get_future().wait_for(kLiveness) == std::future_status::ready);

  // The load has appended rows and holds the commit; queries on this thread and another read
  // the published version, without waiting.
  auto queries = std::async(std::launch::async, [&] {
    std::string point = db.GraphJson(P1Query())->ToJson();
    std::string param = prepared->Execute({{"id", "p1"}})->ToJson();
    return std::make_pair(point, param);
  });
  const bool answered = queries.wait_for(kLiveness) == std::future_status::ready;
  CHECK(answered);
  if (answered) {
    auto [point, param] = queries.get();
    CHECK(point == before);
    CHECK(param == before);
    CHECK(ReviewCount(db) == 1);
  }
  pause.release.set_value();
  auto summary = load.get();
  REQUIRE(summary.ok());
  CHECK(ReviewCount(db) == 60001);
  CHECK(db.GraphJson(P1Query())->ToJson() != before);
}

TEST_CASE("a snapshot taken before a commit keeps its version after the commit",
          "[modules][concurrency][snapshot]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":"Mug"})").ok());
  linkgraph::Database::State& state = linkgraph::modules::DatabaseAccess::State(db);
  linkgraph::modules::Snapshot old_snapshot(state);
  auto product = old_snapshot.catalog().ResolveEntity("product");
  REQUIRE(product.ok());

  const linkgraph::store::Table& old_table = old_snapshot.store().table(*product);
  // Commits while the snapshot is held (on another thread: a commit that waited for readers
  // would never finish).
  auto writes = std::async(std::launch::async, [&] {
    bool ok = db.Service("product").Create(R"({"id":"p2","title":"Cup"})").ok();
    ok = ok && db.Service("product").Update(R"({"id":"p1","title":"Big mug"})").ok();
    ok = ok && db.Service("product").Delete(R"(["p1"])").ok();
    return ok;
  });
  REQUIRE(writes.wait_for(kLiveness) == std::future_status::ready);
  REQUIRE(writes.get());

  CHECK(old_table.live_count() == 1);
  CHECK(old_table.row_count() == 1);
  const int64_t p1 = old_table.FindByPk(linkgraph::store::Cell::Str("p1"));
  REQUIRE(p1 == 0);
  const linkgraph::catalog::EntityDef& def = old_snapshot.catalog().entity(*product);
  CHECK(old_table.column(def.ColumnIndex("title")).GetString(0) == "Mug");

  linkgraph::modules::Snapshot new_snapshot(state);
  const linkgraph::store::Table& new_table = new_snapshot.store().table(*product);
  CHECK(new_table.live_count() == 1);
  CHECK(new_table.FindByPk(linkgraph::store::Cell::Str("p1")) == -1);
  CHECK(new_table.column(def.ColumnIndex("title")).GetString(0) == "Big mug");
}

TEST_CASE("Register publishes a new catalog without waiting for running queries",
          "[modules][concurrency][snapshot]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":"Mug"})").ok());
  auto prepared = db.PrepareJson(R"({"entity":"product","fields":["id","title"]})");
  REQUIRE(prepared.ok());
  linkgraph::Database::State& state = linkgraph::modules::DatabaseAccess::State(db);

  // A query in progress: its snapshot holds the catalog and stores it started with.
  linkgraph::modules::Snapshot running(state);
  // A new module with a defineLink to product: it adds a relation to the registered product.
  auto registered = std::async(std::launch::async, [&] {
    return db.RegisterJson(R"({"modules":[{"name":"tag","models":[{"name":"tag","properties":{
        "id":{"type":"id","primaryKey":true},"value":{"type":"text"}}}]}],
      "defineLinks":[{"left":{"module":"product","entity":"product"},
                      "right":{"module":"tag","entity":"tag","isList":true}}]})");
  });
  // Before, Register waited for the running query's lock: this timed out.
  REQUIRE(registered.wait_for(kLiveness) == std::future_status::ready);
  absl::Status status = registered.get();
  REQUIRE(status.ok());

  // The running query still reads the catalog it started with.
  CHECK_FALSE(running.catalog().ResolveEntity("tag").ok());
  auto product = running.catalog().ResolveEntity("product");
  REQUIRE(product.ok());
  CHECK(running.catalog().entity(*product).FindRelation("tags") == nullptr);
  CHECK(running.store().table_count() == 2);
  CHECK(running.store().table(*product).def().name == "product");

  // New queries see the new catalog; the prepared query re-binds to it.
  linkgraph::modules::Snapshot next(state);
  CHECK(next.catalog().ResolveEntity("tag").ok());
  CHECK(next.catalog().entity(*product).FindRelation("tags") != nullptr);
  CHECK(&next.store().table(*product).def() == &next.catalog().entity(*product));
  REQUIRE(db.Service("tag").Create(R"({"id":"t1","value":"blue"})").ok());
  REQUIRE(db.Links().Create(R"({"product":{"product_id":"p1"},"tag":{"tag_id":"t1"}})").ok());
  auto graph = db.GraphJson(R"({"entity":"product","fields":["id","tags.value"]})");
  REQUIRE(graph.ok());
  CHECK(graph->ToJson() ==
        R"({"data":[{"id":"p1","tags":[{"value":"blue"}]}],"metadata":{"count":1,"skip":0,"take":null}})");
  auto again = prepared->Execute({});
  REQUIRE(again.ok());
  CHECK(again->ToJson() ==
        R"({"data":[{"id":"p1","title":"Mug"}],"metadata":{"count":1,"skip":0,"take":null}})");
  CHECK(db.SchemaJson().find("\"tag\"") != std::string::npos);
}

TEST_CASE("a load's JSON is read before the commit lock: other writes commit meanwhile",
          "[modules][concurrency][snapshot]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":"Mug"})").ok());
  const std::string lines = ReviewLines(1, 60000);

  // Paused in phase 1 by its progress callback (reported while the lines are read).
  Pause pause;
  auto load = std::async(std::launch::async, [&] {
    return db.Write([&](linkgraph::WriteBatch& b) {
      b.CreateLines("review", lines);
      b.OnProgress([&](int64_t, int64_t) { pause.Hook(); });
    });
  });
  REQUIRE(pause.reached.get_future().wait_for(kLiveness) == std::future_status::ready);
  // A write on another thread commits while the load is being read (before the two phases,
  // the load held the commit lock from its first byte: this timed out).
  auto write = std::async(std::launch::async, [&] {
    return db.Service("review").Create(R"({"id":"r0","product_id":"p1","rating":5})").ok();
  });
  const bool committed = write.wait_for(kLiveness) == std::future_status::ready;
  CHECK(committed);
  if (committed) {
    CHECK(write.get());
    CHECK(ReviewCount(db) == 1);
  }
  pause.release.set_value();
  REQUIRE(load.get().ok());
  CHECK(ReviewCount(db) == 60001);
}

TEST_CASE("a write read against one catalog is read again when Register publishes another",
          "[modules][concurrency][snapshot]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  const std::string lines = ReviewLines(1, 60000);
  // Staged against a catalog without `tag` (an unknown entity, then), committed after Register
  // added it: read again against the new catalog, the batch succeeds.
  Pause pause;
  linkgraph::modules::DatabaseAccess::State(db).commit_hook = [&](std::string_view point) {
    if (point == "staged") pause.Hook();
  };
  auto write = std::async(std::launch::async, [&] {
    return db.Write([&](linkgraph::WriteBatch& b) {
      b.CreateLines("review", lines);
      b.Create("tag", R"({"id":"t1","value":"blue"})");
    });
  });
  REQUIRE(pause.reached.get_future().wait_for(kLiveness) == std::future_status::ready);
  auto registered = std::async(std::launch::async, [&] {
    return db.RegisterJson(R"({"modules":[{"name":"tag","models":[{"name":"tag","properties":{
        "id":{"type":"id","primaryKey":true},"value":{"type":"text"}}}]}]})");
  });
  REQUIRE(registered.wait_for(kLiveness) == std::future_status::ready);
  REQUIRE(registered.get().ok());
  pause.release.set_value();
  auto written = write.get();
  REQUIRE(written.ok());
  CHECK(ReviewCount(db) == 60000);
  auto tags = db.GraphJson(R"({"entity":"tag","fields":["id","value"]})");
  REQUIRE(tags.ok());
  CHECK(tags->ToJson() ==
        R"({"data":[{"id":"t1","value":"blue"}],"metadata":{"count":1,"skip":0,"take":null}})");
}
