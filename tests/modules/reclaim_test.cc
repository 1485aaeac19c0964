// Replaced values are reclaimed (issue #16 item 3): a column whose replaced strings outweigh its
// live ones moves the live ones to a new arena in the commit, and the old arena goes with the
// last version that reads it — a running query, a held Result — so memory under churn stays
// bounded by what readers still hold.
#include <catch2/catch.hpp>

#include <string>

#include "linkgraph/database.h"
#include "linkgraph/service.h"

namespace {

const char* kSchema = R"({"modules":[{"name":"product","models":[{"name":"product",
  "properties":{"id":{"type":"text","primaryKey":true},"title":{"type":"text"},
                "handle":{"type":"text","unique":true}}}]}]})";

constexpr int64_t kBig = 8 << 20;  // 8 MiB

std::string TitleOf(linkgraph::Database& db, const std::string& id) {
  auto r = db.GraphJson(R"({"entity":"product","fields":["title"],"filters":{"id":")" + id +
                        "\"}}");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  return std::string(r->row(0).GetString("title"));
}

}  // namespace

TEST_CASE("100 updates of an 8 MB value keep a few copies, not 100", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":")" + std::string(static_cast<size_t>(kBig), 'a') +
                                       R"(","handle":"h"})")
              .ok());
  // A result read before the updates: it keeps its version's text readable to the end.
  auto held = db.GraphJson(R"({"entity":"product","fields":["id","title"]})");
  REQUIRE(held.ok());
  int64_t peak = 0;
  for (int i = 0; i < 100; ++i) {
    std::string value(static_cast<size_t>(kBig), static_cast<char>('b' + i % 20));
    value += std::to_string(i);
    auto u = db.Service("product").Update(R"({"id":"p1","title":")" + value + "\"}");
    REQUIRE(u.ok());
    peak = std::max(peak, db.Stats().bytes);
  }
  linkgraph::DatabaseStats stats = db.Stats();
  // At most three values' worth in the newest arena (it compacts when the replaced text exceeds
  // the live text), plus the columns and indexes.
  CHECK(peak < int64_t{4} * kBig);
  CHECK(stats.bytes < int64_t{4} * kBig);
  CHECK(stats.reclaimable_bytes <= int64_t{2} * kBig + 16);
  CHECK(stats.modules.at(0).reclaimable_bytes == stats.reclaimable_bytes);
  CHECK(stats.modules.at(0).tables.at(0).reclaimable_bytes == stats.reclaimable_bytes);
  std::string last(static_cast<size_t>(kBig), static_cast<char>('b' + 99 % 20));
  last += "99";
  CHECK(TitleOf(db, "p1") == last);
  // The held result still reads the value of its version (under ASan, a freed arena would fail).
  REQUIRE(held->size() == 1);
  std::string_view old = held->row(0).GetString("title");
  CHECK(old.size() == static_cast<size_t>(kBig));
  CHECK(old.find_first_not_of('a') == std::string_view::npos);
}

TEST_CASE("a compacted unique column is still found through its hash index", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  const std::string big(3 << 20, 'h');
  REQUIRE(db.Service("product").Create(R"([{"id":"p1","title":"Mug","handle":"one"},
                                           {"id":"p2","title":"Cup","handle":"two"}])")
              .ok());
  for (int i = 0; i < 6; ++i) {
    REQUIRE(db.Service("product")
                .Update(R"({"id":"p1","handle":")" + big + std::to_string(i) + "\"}")
                .ok());
  }
  // The handles moved to a new arena: the unique index found them there.
  CHECK(db.Stats().reclaimable_bytes < int64_t{2} * (3 << 20) + 16);
  auto found = db.GraphJson(R"({"entity":"product","fields":["id"],"filters":{"handle":")" +
                            big + "5\"}}");
  REQUIRE(found.ok());
  CHECK(found->ToJson() == R"({"data":[{"id":"p1"}],"metadata":{"count":1,"skip":0,"take":null}})");
  auto two = db.GraphJson(R"({"entity":"product","fields":["id"],"filters":{"handle":"two"}})");
  REQUIRE(two.ok());
  CHECK(two->size() == 1);
  // Uniqueness is still checked against the compacted values.
  auto dup = db.Service("product").Create(R"({"id":"p3","title":"Pot","handle":"two"})");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.status().code() == absl::StatusCode::kAlreadyExists);
  REQUIRE(db.Service("product").Create(R"({"id":"p3","title":"Pot","handle":")" + big + "4\"}").ok());
}

TEST_CASE("hard-deleted rows' text is reclaimed", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"keep","title":"Mug","handle":"k"})").ok());
  const std::string big(2 << 20, 'd');
  for (int i = 0; i < 30; ++i) {
    std::string id = "tmp" + std::to_string(i);
    REQUIRE(db.Service("product")
                .Create(R"({"id":")" + id + R"(","title":")" + big + R"(","handle":")" + id +
                        "\"}")
                .ok());
    auto deleted = db.Service("product").Delete("\"" + id + "\"");
    REQUIRE(deleted.ok());
    // The delete's result lists the id it removed, read in the commit that killed the row.
    CHECK(deleted->ToJson().find(id) != std::string::npos);
  }
  // 60 MB of titles were created and deleted; what stays is bounded by the compaction rule.
  CHECK(db.Stats().bytes < int64_t{8} << 20);
  CHECK(TitleOf(db, "keep") == "Mug");
}
