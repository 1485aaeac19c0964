// A failed batch leaves memory as it was (issue #15 item 18): the strings it appended are freed
// when it rolls back. (Values replaced by successful writes: reclaim_test.cc.)
#include <catch2/catch.hpp>

#include <string>

#include "linkgraph/database.h"
#include "linkgraph/service.h"

namespace {

const char* kSchema = R"({"modules":[{"name":"product","models":[{"name":"product",
  "properties":{"id":{"type":"text","primaryKey":true},"title":{"type":"text"},
                "handle":{"type":"text","unique":true}}}]}]})";

}  // namespace

TEST_CASE("failed batches leave the store's memory as it was", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":"Mug","handle":"mug"})").ok());
  const int64_t before = db.Stats().bytes;
  const std::string big(1 << 20, 'x');
  int64_t after_first = 0;
  for (int i = 0; i < 20; ++i) {
    // An update of a 1 MB title, then a duplicate key: the whole batch fails.
    auto w = db.Write([&](linkgraph::WriteBatch& b) {
      b.Update("product", R"({"id":"p1","title":")" + big + std::to_string(i) + "\"}");
      b.Create("product", R"({"id":"p2","title":")" + big + R"(","handle":"mug"})");
    });
    REQUIRE_FALSE(w.ok());
    CHECK(w.status().code() == absl::StatusCode::kAlreadyExists);
    if (i == 0) after_first = db.Stats().bytes;
  }
  // 20 MB of strings were written and rolled back: none of it is kept. What the first failure
  // left (room the columns and indexes grew, a few KB) is reused, not added to.
  CHECK(db.Stats().bytes == after_first);
  CHECK(after_first - before < 64 * 1024);
  // A load of 200 rows whose last line is bad.
  std::string lines;
  for (int i = 0; i < 200; ++i) {
    lines += R"({"id":"q)" + std::to_string(i) + R"(","title":")" + std::string(10000, 'y') +
             R"(","handle":"h)" + std::to_string(i) + "\"}\n";
  }
  lines += "{\"id\":\n";
  REQUIRE_FALSE(db.LoadJsonLines("product", lines).ok());
  const int64_t after_load = db.Stats().bytes;
  CHECK(after_load - before < 256 * 1024);  // 2 MB of strings loaded and rolled back
  for (int i = 0; i < 5; ++i) REQUIRE_FALSE(db.LoadJsonLines("product", lines).ok());
  CHECK(db.Stats().bytes == after_load);
  // The data reads as before, and later writes work.
  auto r = db.GraphJson(R"({"entity":"product","fields":["id","title"]})");
  REQUIRE(r.ok());
  CHECK(r->ToJson() == R"({"data":[{"id":"p1","title":"Mug"}],"metadata":{"count":1,"skip":0,"take":null}})");
  REQUIRE(db.Service("product").Update(R"({"id":"p1","title":"Cup"})").ok());
  CHECK(db.GraphJson(R"({"entity":"product","fields":["title"]})")->ToJson() ==
        R"({"data":[{"title":"Cup"}],"metadata":{"count":1,"skip":0,"take":null}})");
}
