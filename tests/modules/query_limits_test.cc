// Query limits as the operators see them (DESIGN.md §9, issue #15): a deadline or cancel flag
// stops even a small query, the result cap stops a fan-out as it grows, and a chain of EXISTS
// through many hops costs the edges of each hop, not the paths through all of them.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <string>

#include "linkgraph/database.h"

namespace {

const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"text","primaryKey":true}}}]},
  {"name":"customer","models":[{"name":"customer","properties":{
     "id":{"type":"text","primaryKey":true}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"text","primaryKey":true},"product_id":{"type":"text"},
     "customer_id":{"type":"text"},"content":{"type":"text"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"},
            {"alias":"reviews","foreignKey":"customer_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

constexpr int kProducts = 100, kCustomers = 100, kReviews = 2000;
int ProductOf(int review) { return review % kProducts; }
int CustomerOf(int review) { return (review / kProducts + review % 7) % kCustomers; }

// 100 products and 100 customers, 20 reviews each: every hop multiplies the paths by 20.
void Load(linkgraph::Database& db, int needle) {
  REQUIRE(db.RegisterJson(kSchema).ok());
  std::string products, customers, reviews;
  for (int i = 0; i < kProducts; ++i) products += R"({"id":"p)" + std::to_string(i) + "\"}\n";
  for (int i = 0; i < kCustomers; ++i) customers += R"({"id":"c)" + std::to_string(i) + "\"}\n";
  for (int i = 0; i < kReviews; ++i) {
    reviews += R"({"id":"r)" + std::to_string(i) + R"(","product_id":"p)" +
               std::to_string(ProductOf(i)) + R"(","customer_id":"c)" +
               std::to_string(CustomerOf(i)) + R"(","content":")" +
               (i == needle ? "needle" : "hay") + "\"}\n";
  }
  REQUIRE(db.LoadJsonLines("product", products).ok());
  REQUIRE(db.LoadJsonLines("customer", customers).ok());
  REQUIRE(db.LoadJsonLines("review", reviews).ok());
}

const char* kChain =
    "product_reviews.customer.reviews.product.product_reviews.customer.reviews.product."
    "product_reviews";

}  // namespace

TEST_CASE("an expired deadline or a set cancel flag stops even a two-row query", "[limits]") {
  linkgraph::Database db;
  Load(db, -1);
  const char* small = R"({"entity":"product","fields":["id"],"filters":{"id":["p1","p2"]}})";
  linkgraph::QueryOptions past;
  past.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  auto r = db.GraphJson(small, past);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kDeadlineExceeded);
  std::atomic<bool> cancel{true};
  linkgraph::QueryOptions cancelled;
  cancelled.cancel = &cancel;
  r = db.GraphJson(small, cancelled);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kCancelled);
  auto prepared = db.PrepareJson(small);
  REQUIRE(prepared.ok());
  CHECK(prepared->Execute({}, past).status().code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(db.GraphJson(small).ok());
}

TEST_CASE("the result cap stops a fan-out while it grows", "[limits]") {
  linkgraph::Database db;
  Load(db, -1);
  // Nine hops: 100 × 20^9 paths, far more than memory holds; the cap stops it at 1 MB.
  linkgraph::QueryOptions capped;
  capped.max_result_bytes = 1 << 20;
  auto r = db.GraphJson(std::string(R"({"entity":"product","fields":[")") + kChain + R"(.id"]})",
                        capped);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(std::string(r.status().message()).find("max_result_bytes") != std::string::npos);
}

TEST_CASE("a filter through nine hops costs the edges of each hop", "[limits]") {
  const int needle = 1234;
  linkgraph::Database db;
  Load(db, needle);
  linkgraph::QueryOptions guard;
  guard.max_result_bytes = 64 << 20;
  guard.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  auto none = db.GraphJson(std::string(R"({"entity":"product","fields":["id"],"filters":")") +
                               kChain + R"(.content = 'zzz'"})",
                           guard);
  INFO(none.status());
  REQUIRE(none.ok());
  CHECK(none->size() == 0);

  // The same chain walked back by hand from the needle.
  std::set<int> products = {ProductOf(needle)};
  for (int round = 0; round < 2; ++round) {
    std::set<int> customers, next;
    for (int r = 0; r < kReviews; ++r) {
      if (products.count(ProductOf(r))) customers.insert(CustomerOf(r));
    }
    for (int r = 0; r < kReviews; ++r) {
      if (customers.count(CustomerOf(r))) next.insert(ProductOf(r));
    }
    products = next;
  }
  auto some = db.GraphJson(std::string(R"({"entity":"product","fields":["id"],"filters":")") +
                               kChain + R"(.content = 'needle'"})",
                           guard);
  INFO(some.status());
  REQUIRE(some.ok());
  CHECK(some->size() == products.size());
}
