// Result::ToJson and WriteJson on several threads write the same text as on one.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "linkgraph/database.h"

TEST_CASE("a result written on two threads is the text written on one", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(R"({"modules":[
    {"name":"product","models":[{"name":"product","properties":{
      "id":{"type":"id","primaryKey":true},"title":{"type":"text"}}}]},
    {"name":"review","models":[{"name":"review","properties":{
      "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
      "rating":{"type":"number"},"content":{"type":"text","nullable":true}}}],
     "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
               "foreignKeyTargetField":"id"}]}]})")
              .ok());
  std::string products, reviews;
  for (int p = 0; p < 4000; ++p) {
    products += R"({"id":"prod_)" + std::to_string(p) + R"(","title":"T\"itle )" +
                std::to_string(p) + "\"}\n";
    for (int r = 0; r < p % 5; ++r) {
      reviews += R"({"id":"rev_)" + std::to_string(p) + "_" + std::to_string(r) +
                 R"(","product_id":"prod_)" + std::to_string(p) + R"(","rating":)" +
                 std::to_string(r) + R"(,"content":)" +
                 (r == 2 ? std::string("null") : "\"caf\xc3\xa9 \\n " + std::to_string(r) + "\"") +
                 "}\n";
    }
  }
  REQUIRE(db.LoadJsonLines("product", products).ok());
  REQUIRE(db.LoadJsonLines("review", reviews).ok());
  auto r = db.GraphJson(R"({"entity":"product","fields":["id","title","product_reviews.*"]})");
  REQUIRE(r.ok());
  const std::string serial = r->ToJson();
  REQUIRE(serial.size() > (size_t{1} << 20));  // past the size written in parallel
  CHECK(r->ToJson(2) == serial);
  CHECK(r->ToJson(0) == serial);
  std::ostringstream os;
  r->WriteJson(os, 2);
  CHECK(os.str() == serial);
}
