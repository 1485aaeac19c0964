#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "linkgraph/database.h"

// Every entry point answers malformed input with an InvalidArgument (or another clear status),
// never a crash: run under ASan/UBSan in CI.
TEST_CASE("malformed input gets a status at every entry point", "[modules]") {
  const std::vector<std::string> inputs = {
      "", " ", "{", "}", "[", "]", "[]", "{}", "null", "true", "1", "\"x\"", "{\"a\":}",
      "{\"a\":1,}", "[1,2", "{\"modules\":[{}]}", "{\"modules\":[{\"name\":1}]}",
      "{\"modules\":[{\"name\":\"m\",\"models\":[{\"name\":\"x\",\"properties\":{\"id\":{}}}]}]}",
      "{\"product\":[1]}", "{\"product\":{\"a\":1}}", "{\"links\":5}",
      "{\"entity\":\"product\",\"fields\":[\"id\"],\"filters\":\"(((\"}",
      "{\"entity\":\"product\",\"fields\":[\"product_reviews(\"]}",
      "{\"entity\":\"product\",\"fields\":[\"id\"],\"pagination\":{\"order\":{\"id\":5}}}",
      "{\"product\":{\"product_id\":[]},\"collection\":{}}",
      "{\"selector\":[],\"data\":5}", "{\"selector\":\"rating <\",\"data\":{}}",
      std::string("{\"id\":\"\xff\xfe\"}"), std::string(100000, '['), std::string(100000, '{'),
  };
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(R"({"modules":[
    {"name":"product","models":[{"name":"product","properties":{
       "id":{"type":"id","primaryKey":true},"title":{"type":"text","nullable":true}}}]},
    {"name":"review","models":[{"name":"review","properties":{
       "id":{"type":"id","primaryKey":true},"product_id":{"type":"text","nullable":true},
       "rating":{"type":"number","nullable":true}}}],
     "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
               "foreignKeyTargetField":"id"}]},
    {"name":"collection","models":[{"name":"collection","properties":{
       "id":{"type":"id","primaryKey":true}}}]}],
    "defineLinks":[{"left":{"module":"product","entity":"product","isList":true},
                    "right":{"module":"collection","entity":"collection","isList":true}}]})")
              .ok());
  for (const std::string& in : inputs) {
    INFO("input: " << in.substr(0, 80));
    if (in != "{}") CHECK_FALSE(db.RegisterJson(in).ok());  // {} registers nothing
    (void)db.LoadJson(in);
    (void)db.LoadJsonLines("review", in);
    CHECK_FALSE(db.GraphJson(in).ok());
    (void)db.ExplainJson(in);
    (void)db.PrepareJson(in);
    for (const char* method : {"createReviews", "listReviews", "updateReviews", "deleteReviews",
                               "softDeleteReviews", "restoreReviews", "retrieveReview"}) {
      (void)db.Call(method, in);
      (void)db.Call(method, "{}", in);
    }
    (void)db.Links().Create(in);
    (void)db.Links().Dismiss(in);
    (void)db.Links().List(in);
    (void)db.DryRun([&](linkgraph::WriteBatch& b) {
      b.Create("review", in);
      b.Update("review", in);
      b.LoadJson(in);
    });
    linkgraph::GraphRequest req{.entity = "product", .fields = {"id"}};
    req.filters = in;
    (void)db.Graph(req);
    req.filters = "";
    req.pagination.order = in;
    (void)db.Graph(req);
    req.pagination.order = "";
    req.fields = {in};
    (void)db.Graph(req);
  }
  // Whatever was accepted above, the database still answers.
  auto r = db.GraphJson(R"({"entity":"product","fields":["id","product_reviews.id"]})");
  CHECK(r.ok());
}
