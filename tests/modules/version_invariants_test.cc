// Versions under load (issue #16): writers create, update, soft delete, load, link, dismiss and
// register modules while readers check invariants on every result. Every result must come from
// one version: a product has the three reviews created with it, each carrying its id; `count` (the live-row
// counter) equals the rows the scan returned; a product's collections are exactly the far ends
// of its visible pivot rows (no dismissed pivot row visible, no visible pivot row without its
// live end). Run under ThreadSanitizer in CI ([concurrency]).
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "linkgraph/database.h"
#include "linkgraph/links.h"
#include "linkgraph/service.h"

namespace {

const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
     "status":{"type":"enum","values":["draft","published"]}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "rating":{"type":"number","index":true}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]},
  {"name":"collection","models":[{"name":"collection","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"}}}]}],
  "defineLinks":[{"left":{"module":"product","entity":"product","isList":true},
                  "right":{"module":"collection","entity":"collection","isList":true}}]})";

std::string Id(const char* prefix, int i) { return prefix + std::to_string(i); }

std::string LinkRow(int product, int collection) {
  return R"({"product":{"product_id":")" + Id("p", product) + R"("},"collection":{"collection_id":")" +
         Id("c", collection) + R"("}})";
}

// Checks one product result; returns a description of the first broken invariant, or "".
std::string CheckProducts(const nlohmann::json& doc) {
  const auto& data = doc["data"];
  const auto& meta = doc["metadata"];
  if (meta["count"].get<size_t>() != data.size()) {
    return "count " + meta["count"].dump() + " but " + std::to_string(data.size()) + " rows";
  }
  for (const auto& p : data) {
    const std::string id = p["id"];
    // A product and its first three reviews are created in one batch.
    if (p["product_reviews"].size() < 3) return "product " + id + " without its three reviews";
    for (const auto& r : p["product_reviews"]) {
      if (r["product_id"] != id) return "review " + r.dump() + " under " + id;
    }
    std::set<std::string> via_link, via_pivot;
    for (const auto& c : p["collections"]) via_link.insert(c["id"].get<std::string>());
    for (const auto& row : p["collections_link"]) {
      if (!row["deleted_at"].is_null()) return "dismissed pivot row visible under " + id;
      via_pivot.insert(row["collection_id"].get<std::string>());
    }
    if (via_link != via_pivot) return "collections and pivot rows differ under " + id;
  }
  return "";
}

}  // namespace

TEST_CASE("readers see whole versions while every kind of write commits",
          "[modules][concurrency][snapshot]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  constexpr int kCollections = 5;
  for (int c = 0; c < kCollections; ++c) {
    REQUIRE(db.Service("collection").Create(R"({"id":")" + Id("c", c) + R"(","title":"C"})").ok());
  }
  constexpr int kRounds = 120;
  std::atomic<bool> done{false};
  std::atomic<int> write_failures{0};
  std::vector<std::string> write_errors;

  std::thread writer([&] {
    auto check = [&](const absl::Status& s) {
      if (!s.ok()) {
        if (write_failures.fetch_add(1) < 5) write_errors.push_back(s.ToString());
      }
    };
    for (int i = 0; i < kRounds; ++i) {
      const std::string p = Id("p", i);
      // A product with three reviews, one batch.
      check(db.Write([&](linkgraph::WriteBatch& b) {
                b.Create("product", R"({"id":")" + p + R"(","title":"t","status":"published"})");
                std::string reviews = "[";
                for (int r = 0; r < 3; ++r) {
                  reviews += std::string(r ? "," : "") + R"({"id":")" + p + "_r" +
                             std::to_string(r) + R"(","product_id":")" + p + R"(","rating":3})";
                }
                b.Create("review", reviews + "]");
              }).status());
      // Retitle every published product; link it to two collections.
      check(db.Write([&](linkgraph::WriteBatch& b) {
                b.Update("product", R"({"selector":{"status":"published"},"data":{"title":"t)" +
                                        std::to_string(i) + R"("}})");
              }).status());
      check(db.Links().Create("[" + LinkRow(i, i % kCollections) + "," +
                              LinkRow(i, (i + 1) % kCollections) + "]").status());
      if (i % 3 == 1) {  // dismiss one of an earlier product's links
        check(db.Links().Dismiss("[" + LinkRow(i - 1, (i - 1) % kCollections) + "]").status());
      }
      if (i % 4 == 2) {  // soft delete an earlier product
        check(db.Service("product").SoftDelete(R"([")" + Id("p", i - 2) + R"("])").status());
      }
      if (i % 10 == 5) {  // a load of reviews for this product
        std::string lines;
        for (int r = 0; r < 200; ++r) {
          lines += R"({"id":")" + p + "_l" + std::to_string(r) + R"(","product_id":")" + p +
                   R"(","rating":)" + std::to_string(1 + r % 5) + "}\n";
        }
        check(db.LoadJsonLines("review", lines).status());
      }
      if (i % 20 == 10) {  // a new module, registered while queries run
        check(db.RegisterJson(R"({"modules":[{"name":"note)" + std::to_string(i) +
                              R"(","models":[{"name":"note)" + std::to_string(i) +
                              R"(","properties":{"id":{"type":"id","primaryKey":true}}}]}]})"));
      }
    }
    done = true;
  });

  std::atomic<int> read_failures{0};
  std::atomic<int> reads{0};
  std::vector<std::string> read_errors(2);
  auto reader = [&](int which) {
    const std::string request =
        R"({"entity":"product","fields":["id","product_reviews.product_id","collections.id",
            "collections_link.collection_id","collections_link.deleted_at"],
            "pagination":{"take":100000000}})";
    int rounds = 0;
    while (!done || rounds < 3) {
      ++rounds;
      auto r = db.GraphJson(request);
      if (!r.ok()) {
        read_failures.fetch_add(1);
        read_errors[which] = r.status().ToString();
        continue;
      }
      std::string broken = CheckProducts(nlohmann::json::parse(r->ToJson()));
      if (!broken.empty()) {
        read_failures.fetch_add(1);
        read_errors[which] = broken;
      }
      reads.fetch_add(1);
    }
  };
  std::thread r0(reader, 0), r1(reader, 1);
  writer.join();
  r0.join();
  r1.join();
  INFO("write errors: " << (write_errors.empty() ? "" : write_errors[0]));
  CHECK(write_failures == 0);
  INFO("read errors: " << read_errors[0] << " / " << read_errors[1]);
  CHECK(read_failures == 0);
  CHECK(reads >= 6);
  // The final state: every product kept three reviews (and its loaded ones), soft-deleted ones
  // are gone from the default view.
  auto final = db.GraphJson(R"({"entity":"product","fields":["id"],"pagination":{"take":1}})");
  REQUIRE(final.ok());
  CHECK(*final->count() == kRounds - (kRounds - 2 + 3) / 4);
}
