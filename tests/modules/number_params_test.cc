// Prepared-query parameters meet number and dateTime columns with the rules of written literals:
// decimals compare exactly with integers, out-of-range epoch milliseconds are refused, located
// at the parameter.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "linkgraph/database.h"

namespace {

const char* kSchema = R"({"modules":[
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"rating":{"type":"number","index":true},
     "score":{"type":"number"}}}]}]})";

void Load(linkgraph::Database& db) {
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.LoadJson(R"({"review":[
     {"id":"r1","rating":5,"score":9223372036854775807},
     {"id":"r2","rating":2,"score":-9223372036854775808},
     {"id":"r3","rating":4,"score":250}]})")
              .ok());
}

std::string Ids(const absl::StatusOr<linkgraph::Result>& r) {
  if (!r.ok()) return "error: " + std::string(r.status().message());
  std::string json = r->ToJson();
  return json.substr(0, json.find(",\"metadata\""));
}

}  // namespace

TEST_CASE("number parameters compare exactly with integer columns", "[prepared][numbers]") {
  linkgraph::Database db;
  Load(db);
  auto gte = db.PrepareJson(
      R"({"entity":"review","fields":["id"],"filters":{"rating":{"$gte":{"$param":"r"}}}})");
  REQUIRE(gte.ok());
  // As a double 4.0000000000000001 is 4, which would keep r3.
  CHECK(Ids(gte->Execute({{"r", "4.0000000000000001"}})) == R"({"data":[{"id":"r1"}])");
  CHECK(Ids(gte->Execute({{"r", "4.000"}})) == R"({"data":[{"id":"r1"},{"id":"r3"}])");
  CHECK(Ids(gte->Execute({{"r", 3.5}})) == R"({"data":[{"id":"r1"},{"id":"r3"}])");
  CHECK(Ids(gte->Execute({{"r", 1e30}})) == R"({"data":[])");
  CHECK(Ids(gte->Execute({{"r", -1e30}})) == R"({"data":[{"id":"r1"},{"id":"r2"},{"id":"r3"}])");
  CHECK(Ids(gte->Execute({{"r", "9223372036854775808"}})) == R"({"data":[])");

  auto score = db.Prepare([] {
    linkgraph::GraphRequest req;
    req.entity = "review";
    req.fields = {"id"};
    req.filters = "score > $s or score = $e or score in ($a, $b)";
    return req;
  }());
  REQUIRE(score.ok());
  CHECK(Ids(score->Execute({{"s", "9223372036854775806.5"}, {"e", 4.5}, {"a", 4.5}, {"b", 1e300}})) ==
        R"({"data":[{"id":"r1"}])");
  CHECK(Ids(score->Execute({{"s", "249.99999999999999"}, {"e", 4.5}, {"a", 4.5}, {"b", 1e300}})) ==
        R"({"data":[{"id":"r1"},{"id":"r3"}])");
  CHECK(Ids(score->Execute({{"s", std::numeric_limits<int64_t>::max()}, {"e", "-9223372036854775808.0"},
                            {"a", "250.5"}, {"b", 250}})) == R"({"data":[{"id":"r2"},{"id":"r3"}])");

  auto ne = db.PrepareJson(
      R"({"entity":"review","fields":["id"],"filters":{"rating":{"$ne":{"$param":"r"}}}})");
  REQUIRE(ne.ok());
  CHECK(Ids(ne->Execute({{"r", 4.5}})) == R"({"data":[{"id":"r1"},{"id":"r2"},{"id":"r3"}])");
  CHECK(Ids(ne->Execute({{"r", 4}})) == R"({"data":[{"id":"r1"},{"id":"r2"}])");
  // The same prepared query again: each execution binds into its own copy of the plan.
  CHECK(Ids(gte->Execute({{"r", 4}})) == R"({"data":[{"id":"r1"},{"id":"r3"}])");
}

TEST_CASE("dateTime parameters outside years 1-9999 are refused at the parameter",
          "[prepared][numbers]") {
  linkgraph::Database db;
  Load(db);
  auto q = db.PrepareJson(
      R"({"entity":"review","fields":["id"],"filters":{"created_at":{"$gt":{"$param":"t"}}}})");
  REQUIRE(q.ok());
  const std::string range = "the dateTime range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";
  // Epoch ms x 1000 overflowed int64 here: undefined behaviour that returned every row.
  auto r = q->Execute({{"t", std::numeric_limits<int64_t>::max()}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(r.status().message() ==
        "epoch milliseconds 9223372036854775807 are outside " + range + " (parameter $t)");
  r = q->Execute({{"t", std::numeric_limits<int64_t>::min()}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "epoch milliseconds -9223372036854775808 are outside " + range + " (parameter $t)");
  r = q->Execute({{"t", 1e300}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "epoch milliseconds 1e+300 are outside " + range + " (parameter $t)");
  r = q->Execute({{"t", "0000-12-31"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "dateTime '0000-12-31' is outside the range 0001-01-01T00:00:00Z to "
        "9999-12-31T23:59:59.999999Z (parameter $t)");
  // In range: every row was created after 1970.
  CHECK(Ids(q->Execute({{"t", 0}})) == R"({"data":[{"id":"r1"},{"id":"r2"},{"id":"r3"}])");
  CHECK(Ids(q->Execute({{"t", int64_t{253402300799999}}})) == R"({"data":[])");
}

TEST_CASE("skip and take near INT64_MAX add up without overflow", "[prepared][numbers]") {
  linkgraph::Database db;
  Load(db);
  // An ordered walk that stops after skip + take rows: the sum saturates (explain and the row
  // estimate added two int64s).
  const std::string request =
      R"({"entity":"review","fields":["id"],"pagination":{"order":{"rating":"ASC"},)"
      R"("skip":9223372036854775807,"take":9223372036854775807}})";
  auto explained = db.ExplainJson(request);
  REQUIRE(explained.ok());
  CHECK(explained->find("stop after 9223372036854775807") != std::string::npos);
  CHECK(explained->find("stop after -") == std::string::npos);
  CHECK(Ids(db.GraphJson(request)) == R"({"data":[])");
  auto few = db.GraphJson(
      R"({"entity":"review","fields":["id"],"pagination":{"order":{"rating":"ASC"},"skip":1,"take":9223372036854775807}})");
  CHECK(Ids(few) == R"({"data":[{"id":"r3"},{"id":"r1"}])");
}
