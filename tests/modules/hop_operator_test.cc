#include <catch2/catch.hpp>

#include "linkgraph/database.h"

// Links (both forms) and in-module relations are catalog relations executed by one operator.
TEST_CASE("one hop operator serves links and in-module relations", "[modules]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(R"({"modules":[
    {"name":"product","models":[
      {"name":"product","properties":{"id":{"type":"id","primaryKey":true}},
       "relationships":{"variants":{"type":"hasMany","target":"variant","mappedBy":"product"}}},
      {"name":"variant","properties":{"id":{"type":"id","primaryKey":true}},
       "relationships":{"product":{"type":"belongsTo","target":"product","mappedBy":"variants"}}}]},
    {"name":"review","models":[{"name":"review","properties":{"id":{"type":"id","primaryKey":true},
       "product_id":{"type":"text"}}}],
     "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
               "foreignKeyTargetField":"id"}]},
    {"name":"collection","models":[{"name":"collection","properties":{"id":{"type":"id","primaryKey":true}}}]}],
    "defineLinks":[{"left":{"module":"product","entity":"product","isList":true},
                    "right":{"module":"collection","entity":"collection","isList":true}}]})")
              .ok());
  auto plan = db.ExplainJson(
      R"({"entity":"product","fields":["id","variants.id","product_reviews.id","collections.id"]})");
  REQUIRE(plan.ok());
  INFO(*plan);
  CHECK(plan->find("  Hop variants -> product.variant (1 step)") != std::string::npos);
  CHECK(plan->find("  Hop product_reviews -> review.review (1 step)") != std::string::npos);
  CHECK(plan->find("  Hop collections -> collection.collection (2 steps)") != std::string::npos);
}
