// The dsl's JSON readers (filters, orders, requests) on the contract points of issue #15: a
// linked sub-object under $not is one EXISTS; $contains takes JSON documents in the object form;
// dotted order keys inside an order object; depth checked before recursion everywhere a JSON
// structure nests, with one short line as the message.
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "dsl/location.h"
#include "dsl/parse.h"
#include "filter_dump.h"

namespace {

using linkgraph::dsl::FilterExpr;
using linkgraph::dsl::Literal;
using linkgraph::dsl::OrderKey;
using linkgraph::dsl::ParseFilterJson;
using linkgraph::dsl::ParseOrder;
using linkgraph::dsl::ParseRequestJson;
using linkgraph::dsl::testing::Dump;
using linkgraph::dsl::testing::ShapeError;

absl::StatusOr<FilterExpr> Text(const std::string& text) {
  linkgraph::dsl::TextWhere where("filters", text);
  return linkgraph::dsl::ParseFilterText(text, std::ref(where));
}

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// One line, under 300 bytes, containing `fragment`.
void CheckShortError(const absl::Status& s, const std::string& fragment) {
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  std::string m = Message(s);
  INFO("message (" << m.size() << " bytes): " << m.substr(0, 400));
  CHECK(m.size() < 300);
  CHECK(m.find('\n') == std::string::npos);
  CHECK(m.find(fragment) != std::string::npos);
  CHECK(linkgraph::dsl::WhereOf(s).size() < 300);
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<std::string> Path(const OrderKey& k) { return k.path; }

}  // namespace

TEST_CASE("a linked sub-object under $not is one EXISTS with the not inside", "[dsl]") {
  const std::string dump = "and(group product_reviews(not(and(rating = 1))))";
  const char* forms[] = {
      R"({"product_reviews":{"$not":{"rating":1}}})",
      R"({"product_reviews":{"$and":[{"$not":{"rating":1}}]}})",
  };
  auto text = Text("product_reviews.(not rating = 1)");
  REQUIRE(text.ok());
  CHECK(Dump(*text) == dump);
  for (const char* json : forms) {
    INFO(json);
    auto j = ParseFilterJson(json);
    REQUIRE(j.ok());
    CHECK(Dump(*j) == dump);
    CHECK(*j == *text);
    CHECK(ShapeError(*j).empty());
  }
  // NOT EXISTS is written with $not above the relation.
  auto j = ParseFilterJson(R"({"$not":{"product_reviews":{"rating":1}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(not(and(group product_reviews(rating = 1))))");
  // A chain of $not over a filter stays inside the EXISTS.
  j = ParseFilterJson(R"({"product_reviews":{"$not":{"$not":{"rating":1}}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(group product_reviews(not(and(not(and(rating = 1))))))");
  // $not over an $or, and a dotted relation path.
  j = ParseFilterJson(R"({"product_reviews.customer":{"$not":{"$or":[{"a":1},{"b":2}]}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) ==
        "and(group product_reviews.customer(not(and(or(and(a = 1), and(b = 2))))))");
  // Field-level $not over operators is unchanged.
  j = ParseFilterJson(R"({"rating":{"$not":{"$gt":3}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(not(and(rating > 3)))");
  j = ParseFilterJson(R"({"rating":{"$not":{"$not":{"$gt":3}}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(not(and(not(and(rating > 3)))))");
  // Operators beside a $not over a filter are a mix.
  j = ParseFilterJson(R"({"product_reviews":{"$exists":true,"$not":{"rating":1}}})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) ==
        "cannot mix operators and field names in one object (filters.product_reviews)");
}

TEST_CASE("$contains takes a JSON object or array document in the object form", "[dsl]") {
  auto j = ParseFilterJson(R"({"attrs":{"$contains":{"color": "red"}}})");
  REQUIRE(j.ok());
  const FilterExpr& c = j->children.at(0);
  REQUIRE(c.values.size() == 1);
  CHECK(c.values[0].kind == Literal::Kind::kJson);
  CHECK(c.values[0].text == R"({"color": "red"})");
  // An array holding a document is one document; an array of scalars stays a list.
  j = ParseFilterJson(R"({"attrs":{"$contains":[{"k":"v"}, 3]}})");
  REQUIRE(j.ok());
  REQUIRE(j->children.at(0).values.size() == 1);
  CHECK(j->children.at(0).values[0].kind == Literal::Kind::kJson);
  CHECK(j->children.at(0).values[0].text == R"([{"k":"v"}, 3])");
  j = ParseFilterJson(R"({"attrs":{"$contains":[[1]]}})");
  REQUIRE(j.ok());
  CHECK(j->children.at(0).values.at(0).kind == Literal::Kind::kJson);
  j = ParseFilterJson(R"({"tags":{"$contains":["a","b"]}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(tags contains ['a', 'b'])");
  // A parameter object is still a parameter.
  j = ParseFilterJson(R"({"attrs":{"$contains":{"$param":"x"}}})");
  REQUIRE(j.ok());
  CHECK(j->children.at(0).values.at(0).kind == Literal::Kind::kParam);
  // Other operators still take values only.
  j = ParseFilterJson(R"({"attrs":{"$eq":{"color":"red"}}})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) == "expected a value, got an object (filters.attrs.$eq)");
  // A deep document is skipped without recursion here; the binder bounds its depth
  // (tests/modules/filter_limits_test.cc).
  std::string deep = R"({"attrs":{"$contains":)" + Repeat(R"({"a":)", 100000) + "1" +
                     std::string(100000, '}') + "}}";
  j = ParseFilterJson(deep);
  REQUIRE(j.ok());
  CHECK(j->children.at(0).values.at(0).text.size() == 600001);
  deep = R"({"attrs":{"$contains":[)" + std::string(100000, '[') + std::string(100000, ']') +
         "]}}";
  j = ParseFilterJson(deep);
  REQUIRE(j.ok());
  CHECK(j->children.at(0).values.at(0).kind == Literal::Kind::kJson);
}

TEST_CASE("dotted order keys inside an order object equal the nested and text forms", "[dsl]") {
  const std::vector<std::string> want = {"product", "title"};
  for (const char* order : {R"({"product.title":"ASC"})", R"({"product":{"title":"ASC"}})",
                            "product.title asc"}) {
    INFO(order);
    auto keys = ParseOrder(order);
    REQUIRE(keys.ok());
    REQUIRE(keys->size() == 1);
    CHECK(Path(keys->at(0)) == want);
    CHECK_FALSE(keys->at(0).descending);
  }
  auto keys = ParseOrder(R"({"a.b":{"c.d":"desc"},"e":"asc"})");
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 2);
  CHECK(Path(keys->at(0)) == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(keys->at(0).descending);
  auto req = ParseRequestJson(
      R"({"entity":"review","fields":["id"],"pagination":{"order":{"product.title":"DESC"}}})");
  REQUIRE(req.ok());
  REQUIRE(req->pagination.order.size() == 1);
  CHECK(Path(req->pagination.order[0]) == want);
  CHECK(req->pagination.order[0].where == "pagination.order.product.title");
  // Empty names are refused.
  for (const char* bad : {R"({"product.":"ASC"})", R"({".title":"ASC"})", R"({"a..b":"ASC"})",
                          R"({"":"ASC"})"}) {
    INFO(bad);
    auto k = ParseOrder(bad);
    REQUIRE_FALSE(k.ok());
    CHECK(Message(k.status()).rfind("empty name in order key", 0) == 0);
  }
}

TEST_CASE("order objects nested deeply are refused before recursing", "[dsl]") {
  // Each level names a relation: past 32 relations (kMaxFieldDepth) the key is refused, before
  // the next level is read.
  for (size_t n : {34, 65, 10000, 20000, 200000}) {
    INFO(n);
    std::string order = Repeat(R"({"p":)", n) + R"("ASC")" + std::string(n, '}');
    CheckShortError(ParseOrder(order).status(), "order key deeper than 32 relations");
    std::string request = R"({"entity":"product","fields":["id"],"pagination":{"order":)" +
                          order + "}}";
    CheckShortError(ParseRequestJson(request).status(), "order key deeper than 32 relations");
  }
  // 32 relations and the field are fine.
  std::string order = Repeat(R"({"p":)", 32) + R"({"id":"ASC"})" + std::string(32, '}');
  auto keys = ParseOrder(order);
  REQUIRE(keys.ok());
  CHECK(keys->at(0).path.size() == 33);
  // Long keys do not make long messages.
  std::string key(100000, 'k');
  order = Repeat("{\"" + key + "\":", 70) + R"("ASC")" + std::string(70, '}');
  CheckShortError(ParseOrder(order).status(), "order key deeper than 32 relations");
  CheckShortError(ParseOrder("{\"" + key + "\":5}").status(), "order direction");
}

TEST_CASE("object-form filters nested 100000 deep are refused with a short message", "[dsl]") {
  const size_t n = 100000;
  struct Shape {
    std::string open, close;
  };
  const std::vector<Shape> shapes = {
      {R"({"$and":[)", "]}"},
      {R"({"$or":[)", "]}"},
      {R"({"$not":)", "}"},
      {R"({"product_reviews":)", "}"},
      {R"({"a.b":)", "}"},
      {R"({"product_reviews":{"$not":)", "}}"},
      {R"({"$and":[{"$or":[{"x":1},)", "]}]}"},
  };
  for (const Shape& s : shapes) {
    INFO(s.open);
    std::string json = Repeat(s.open, n) + R"({"id":1})" + Repeat(s.close, n);
    CheckShortError(ParseFilterJson(json).status(), "");
    for (size_t depth : {66, 200}) {
      json = Repeat(s.open, depth) + R"({"id":1})" + Repeat(s.close, depth);
      CheckShortError(ParseFilterJson(json).status(), "filter nested deeper than 64");
    }
  }
  // Field-level $not chains.
  std::string json = R"({"rating":)" + Repeat(R"({"$not":)", n) + R"({"$gt":1})" +
                     std::string(n + 1, '}');
  CheckShortError(ParseFilterJson(json).status(), "");
  json = R"({"rating":)" + Repeat(R"({"$not":)", 100) + R"({"$gt":1})" + std::string(101, '}');
  CheckShortError(ParseFilterJson(json).status(), "filter nested deeper than 64");
  // Long keys at every level keep the location short.
  std::string key(50000, 'k');
  json = Repeat("{\"" + key + "\":", 70) + R"({"id":1})" + std::string(70, '}');
  CheckShortError(ParseFilterJson(json).status(), "filter nested deeper than 64");
}

TEST_CASE("long filter keys make short messages", "[dsl]") {
  // A 4 MB key of 2M dots splits in linear time; an empty name is refused in one short line.
  std::string key = Repeat("p.", 2000000) + "id";
  auto j = ParseFilterJson("{\"" + key + "\":\"x\"}");
  REQUIRE(j.ok());
  CHECK(j->children.at(0).path.size() == 2000001);
  CheckShortError(ParseFilterJson("{\"" + Repeat("p.", 2000000) + "\":\"x\"}").status(),
                  "empty name in filter key");
  std::string op = "$" + std::string(1000000, 'x');
  CheckShortError(ParseFilterJson("{\"a\":{\"" + op + "\":1}}").status(), "unknown operator");
  CheckShortError(ParseFilterJson("{\"" + op + "\":1}").status(), "unknown operator");
  CheckShortError(ParseFilterJson("{\"a\\nb\":{\"$x\":1}}").status(), "unknown operator");
  std::string dup(100000, 'd');
  CheckShortError(ParseFilterJson("{\"" + dup + "\":1,\"" + dup + "\":2}").status(),
                  "duplicate key");
}
