#include <catch2/catch.hpp>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar_fields.h"
#include "dsl/location.h"
#include "dsl/parse.h"

using linkgraph::dsl::FieldPath;
using linkgraph::dsl::ParseField;

TEST_CASE("field grammar has no cycles without progress", "[dsl]") {
  CHECK(tao::pegtl::analyze<linkgraph::dsl::grammar::field>() == 0);
}

TEST_CASE("field selections parse into segments with offsets", "[dsl]") {
  auto f = ParseField("id", 0);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 1);
  CHECK(f->segments[0].name == "id");
  CHECK_FALSE(f->star);

  f = ParseField("*", 0);
  REQUIRE(f.ok());
  CHECK(f->segments.empty());
  CHECK(f->star);

  f = ParseField("product_reviews.*", 0);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 1);
  CHECK(f->segments[0].name == "product_reviews");
  CHECK(f->star);
  CHECK(f->star_offset == 16);

  f = ParseField("product_reviews.customer.email", 3);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 3);
  CHECK(f->segments[1].name == "customer");
  CHECK(f->segments[1].offset == 16);
  CHECK(f->segments[2].offset == 25);
  CHECK(f->index == 3);
}

TEST_CASE("whitespace is allowed around dots", "[dsl]") {
  auto f = ParseField("  product_reviews . rating ", 0);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 2);
  CHECK(f->segments[0].offset == 2);
  CHECK(f->segments[1].name == "rating");
  f = ParseField("a .\t*", 0);
  REQUIRE(f.ok());
  CHECK(f->star);
}

TEST_CASE("field syntax errors are positioned", "[dsl]") {
  auto f = ParseField("product_reviews.", 2);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.status().message() ==
        "expected field name or '*' after '.' (fields[2], column 17)");
  CHECK(linkgraph::dsl::WhereOf(f.status()) == "fields[2], column 17");

  f = ParseField("", 0);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "expected field name or '*' (fields[0], column 1)");

  f = ParseField("9lives", 1);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "expected field name or '*' (fields[1], column 1)");

  f = ParseField("title title", 0);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() ==
        "unexpected character; expected '.' or the end of the field (fields[0], column 7)");

  f = ParseField("a.*.b", 0);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "nothing may follow '*' (fields[0], column 5)");

  f = ParseField("a..b", 0);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "expected field name or '*' after '.' (fields[0], column 3)");
}

TEST_CASE("columns count code points", "[dsl]") {
  auto f = ParseField("é.", 0);  // two bytes, one code point, then an invalid start
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "expected field name or '*' (fields[0], column 1)");
  CHECK(linkgraph::dsl::LineColumnAt("ééx", 4).column == 3);
}

TEST_CASE("requests parse from Medusa-shaped JSON", "[dsl]") {
  auto r = linkgraph::dsl::ParseRequestJson(
      R"({"entity":"product","fields":["id","product_reviews.*"],"filters":{"status":"published","rating":{"$gte":4}},"pagination":{"skip":1,"take":2,"order":{"created_at":"DESC"}},"withDeleted":true})");
  REQUIRE(r.ok());
  CHECK(r->entity == "product");
  CHECK(r->fields.size() == 2);
  REQUIRE(r->filters.has_value());
  CHECK(r->filters->children.size() == 2);
  CHECK(r->pagination.skip == 1);
  CHECK(r->pagination.take == 2);
  REQUIRE(r->pagination.order.size() == 1);
  CHECK(r->pagination.order[0].descending);
  CHECK(r->with_deleted);
}

TEST_CASE("request errors name the key", "[dsl]") {
  auto r = linkgraph::dsl::ParseRequestJson(R"({"entity":"product","fields":["id"],"context":{}})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "unknown request key 'context'; known: entity, fields, filters, pagination, withDeleted "
        "(context)");
  r = linkgraph::dsl::ParseRequestJson(R"({"entity":"product","fields":[]})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "fields must not be empty (fields)");
  r = linkgraph::dsl::ParseRequestJson(R"({"entity":"product","fields":["id"],"filters":{"a":{"$gtx":1}}})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "unknown operator '$gtx'; did you mean '$gt', '$gte'? (filters.a.$gtx)");
  CHECK(linkgraph::dsl::WhereOf(r.status()) == "filters.a.$gtx");
  r = linkgraph::dsl::ParseRequestJson(R"({"entity":"product","fields":["id"]} x)");
  REQUIRE_FALSE(r.ok());
  r = linkgraph::dsl::ParseRequestJson(R"({"entity":"product","fields":["id"],"fields":["x"]})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "duplicate key 'fields' (fields)");
}

TEST_CASE("object-form filters build the expected tree", "[dsl]") {
  using linkgraph::dsl::CompareOp;
  using linkgraph::dsl::FilterExpr;
  auto f = linkgraph::dsl::ParseFilterJson(
      R"({"id":["a","b"],"deleted_at":null,"product_reviews":{"rating":{"$gte":4}},"$or":[{"x":1},{"y":{"$not":{"$eq":2}}}]})");
  REQUIRE(f.ok());
  REQUIRE(f->children.size() == 4);
  CHECK(f->children[0].op == CompareOp::kIn);
  CHECK(f->children[0].values.size() == 2);
  CHECK(f->children[1].values[0].kind == linkgraph::dsl::Literal::Kind::kNull);
  CHECK(f->children[2].kind == FilterExpr::Kind::kGroup);
  CHECK(f->children[2].children[0].op == CompareOp::kGte);
  CHECK(f->children[2].children[0].values[0].text == "4");
  CHECK(f->children[3].kind == FilterExpr::Kind::kOr);
  CHECK(f->children[3].children[1].children[0].kind == FilterExpr::Kind::kNot);
}

TEST_CASE("field paths deeper than the limit are refused at the first segment beyond it", "[dsl]") {
  using linkgraph::dsl::kMaxFieldDepth;
  std::string ok;
  for (size_t i = 0; i < kMaxFieldDepth; ++i) ok += "p.";
  CHECK(ParseField(ok + "id", 0).ok());
  std::string deep;
  for (int i = 0; i < 25000; ++i) deep += "p.";  // 50 KB: under kMaxFieldBytes
  auto f = ParseField(deep + "id", 3);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "field path deeper than 32 relations (fields[3], column " +
                                    std::to_string(2 * (kMaxFieldDepth + 1) + 1) + ")");
  // Relation arguments on every hop count the same.
  std::string args;
  for (int i = 0; i < 5000; ++i) args += "c(take: 1).";
  f = ParseField(args + "id", 0);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message().find("field path deeper than 32 relations") == 0);
}

TEST_CASE("field names may be quoted", "[dsl]") {
  auto f = ParseField("items.\"order\".email", 1);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 3);
  CHECK(f->segments[1].name == "order");
  CHECK(f->segments[1].offset == 6);
  f = ParseField("\"a\"\"b\"(take: 1).*", 0);
  REQUIRE(f.ok());
  CHECK(f->segments[0].name == "a\"b");
  CHECK(f->star);
  f = ParseField("items.\"order", 0);
  REQUIRE_FALSE(f.ok());
  CHECK(linkgraph::dsl::Msg(f.status()) == "unterminated quoted name (fields[0], column 7)");
}
