#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

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

void Load(linkgraph::Database& db) {
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.LoadJson(R"({"product":[{"id":"p1","title":"Shirt"},{"id":"p2","title":"Mug"}],
     "review":[{"id":"r1","product_id":"p1","rating":5},{"id":"r2","product_id":"p1","rating":2},
               {"id":"r3","product_id":"p2","rating":4}]})")
              .ok());
}

}  // namespace

TEST_CASE("prepared queries bind parameters typed against their columns", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  auto q = db.PrepareJson(
      R"({"entity":"review","fields":["id"],"filters":{"rating":{"$gte":{"$param":"min"}},"product_id":{"$param":"product"}}})");
  REQUIRE(q.ok());
  auto r = q->Execute({{"min", 3}, {"product", "p1"}});
  REQUIRE(r.ok());
  CHECK(r->ToJson() == R"({"data":[{"id":"r1"}],"metadata":{"count":1,"skip":0,"take":null}})");
  r = q->Execute({{"min", 1}, {"product", "p1"}});
  REQUIRE(r.ok());
  CHECK(r->size() == 2);
  r = q->Execute({{"min", 3.5}, {"product", "p2"}});
  REQUIRE(r.ok());
  CHECK(r->size() == 1);

  auto missing = q->Execute({{"min", 3}});
  REQUIRE_FALSE(missing.ok());
  // Located where the request names the parameter, as through query.graph.
  CHECK(missing.status().message() == "unbound parameter $product (filters.product_id)");
  auto none = q->Execute();
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "unbound parameter $min (filters.rating.$gte)");
  auto wrong = q->Execute({{"min", "many"}, {"product", "p1"}});
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().message() ==
        "expected a number for 'rating', got 'many' (parameter $min)");
  auto wrong_text = q->Execute({{"min", 1}, {"product", 7}});
  REQUIRE_FALSE(wrong_text.ok());
  CHECK(wrong_text.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("unbound parameters are located where the request names them", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  linkgraph::GraphRequest req;
  req.entity = "product";
  req.fields = {"id", "product_reviews(rating >= $min).rating"};
  req.filters = "title = $title";
  auto q = db.Prepare(req);
  REQUIRE(q.ok());
  auto r = q->Execute({{"min", 3}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(r.status().message() == "unbound parameter $title (filters, column 9)");
  r = q->Execute({{"title", "Shirt"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "unbound parameter $min (fields[1], column 27)");
  r = q->Execute({{"title", "Shirt"}, {"min", 3}});
  REQUIRE(r.ok());
  CHECK(r->ToJson() ==
        R"({"data":[{"id":"p1","product_reviews":[{"rating":5}]}],"metadata":{"count":1,"skip":0,"take":null}})");
  // Without a prepared query a parameter has no value: the same message.
  auto direct = db.Graph(req);
  REQUIRE_FALSE(direct.ok());
  CHECK(direct.status().message() == "unbound parameter $title (filters, column 9)");
  auto explained = db.Explain(req);
  REQUIRE_FALSE(explained.ok());
  CHECK(explained.status().message() == "unbound parameter $title (filters, column 9)");
}

TEST_CASE("a prepared query re-binds after a registration", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  auto q = db.PrepareJson(R"({"entity":"product","fields":["id","product_reviews.rating"]})");
  REQUIRE(q.ok());
  REQUIRE(q->Execute().ok());
  // Registering more modules may move the catalog's relations: the plan is re-bound.
  for (int i = 0; i < 20; ++i) {
    std::string schema = R"({"modules":[{"name":"extra)" + std::to_string(i) +
                         R"(","models":[{"name":"note)" + std::to_string(i) +
                         R"(","properties":{"id":{"type":"id","primaryKey":true},"product_id":{"type":"text"}}}],
        "links":[{"alias":"notes)" + std::to_string(i) +
                         R"(","foreignKey":"product_id","primaryKey":"id","foreignKeyTargetField":"id"}]}]})";
    REQUIRE(db.RegisterJson(schema).ok());
  }
  auto r = q->Execute();
  REQUIRE(r.ok());
  CHECK(r->ToJson() ==
        R"({"data":[{"id":"p1","product_reviews":[{"rating":5},{"rating":2}]},{"id":"p2","product_reviews":[{"rating":4}]}],"metadata":{"count":2,"skip":0,"take":null}})");
}

TEST_CASE("prepared queries execute from several threads at once", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  auto q = db.PrepareJson(
      R"({"entity":"review","fields":["id"],"filters":{"product_id":{"$param":"p"}}})");
  REQUIRE(q.ok());
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        bool first = (i + t) % 2 == 0;
        auto r = q->Execute({{"p", first ? "p1" : "p2"}});
        if (!r.ok() || r->size() != (first ? 2u : 1u)) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
}

TEST_CASE("explain shows the access path and the hops and analyze the rows", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  auto plain = db.ExplainJson(
      R"({"entity":"product","fields":["id","product_reviews.rating"],"filters":{"id":"p1"}})");
  REQUIRE(plain.ok());
  CHECK(plain->find("IndexLookup product.product.id") != std::string::npos);
  CHECK(plain->find("Hop product_reviews -> review.review") != std::string::npos);
  auto analyzed = db.ExplainJson(
      R"({"entity":"product","fields":["id","product_reviews.rating"],"filters":{"id":"p1"}})",
      {.analyze = true});
  REQUIRE(analyzed.ok());
  CHECK(analyzed->find("actual: root=1 product_reviews=2 rows; count=1") != std::string::npos);
}

TEST_CASE("stats count rows and bytes per module and table", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  linkgraph::DatabaseStats stats = db.Stats();
  REQUIRE(stats.modules.size() == 2);
  CHECK(stats.modules[1].module == "review");
  CHECK(stats.modules[1].rows == 3);
  CHECK(stats.modules[1].tables[0].entity == "review.review");
  CHECK(stats.modules[1].tables[0].live_rows == 3);
  CHECK(stats.modules[1].tables[0].index_bytes > 0);
  CHECK(stats.bytes > 0);
  CHECK(linkgraph::Database::Version() == "0.1.0");
}

TEST_CASE("query options: deadline, cancel from another thread, result size cap", "[prepared]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  std::string lines;
  for (int i = 0; i < 200000; ++i) {
    lines += R"({"id":"r)" + std::to_string(i) + R"(","product_id":"p)" + std::to_string(i % 7) +
             R"(","rating":)" + std::to_string(i % 5) + "}\n";
  }
  REQUIRE(db.LoadJsonLines("review", lines).ok());
  const char* scan = R"({"entity":"review","fields":["id"],"filters":{"rating":{"$gt":10}}})";

  linkgraph::QueryOptions past;
  past.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  auto r = db.GraphJson(scan, past);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kDeadlineExceeded);

  std::atomic<bool> cancel{true};
  linkgraph::QueryOptions cancelled;
  cancelled.cancel = &cancel;
  r = db.GraphJson(scan, cancelled);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kCancelled);

  // Cancelled from another thread while a query runs over and over.
  std::atomic<bool> flag{false};
  linkgraph::QueryOptions live;
  live.cancel = &flag;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    flag = true;
  });
  absl::Status last;
  for (int i = 0; i < 100000 && last.ok(); ++i) last = db.GraphJson(scan, live).status();
  canceller.join();
  CHECK(last.code() == absl::StatusCode::kCancelled);

  linkgraph::QueryOptions capped;
  capped.max_result_bytes = 1000;
  r = db.GraphJson(R"({"entity":"review","fields":["id","product_id"]})", capped);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
  // Without limits the same queries run.
  CHECK(db.GraphJson(scan).ok());
}

TEST_CASE("explain shows semi-joins for linked-path filters", "[prepared]") {
  linkgraph::Database db;
  Load(db);
  auto plan = db.ExplainJson(
      R"json({"entity":"product","fields":["id","product_reviews.rating"],"filters":"product_reviews.rating >= 4 and not product_reviews.(rating < 2)"})json");
  REQUIRE(plan.ok());
  INFO(*plan);
  CHECK(plan->find("  SemiJoin product_reviews -> review.review (1 step, filter)\n") !=
        std::string::npos);
  CHECK(plan->find("  AntiSemiJoin product_reviews -> review.review (1 step, filter)\n") !=
        std::string::npos);
  CHECK(plan->find("  Hop product_reviews -> review.review (1 step) [est. 3 rows]\n") !=
        std::string::npos);
}
