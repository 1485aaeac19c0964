// Relation arguments in field strings, order texts, and text filters inside requests.
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>
#include <vector>

#include "dsl/grammar_fields.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "tests/dsl/filter_dump.h"

namespace {

using linkgraph::dsl::FieldPath;
using linkgraph::dsl::FilterExpr;
using linkgraph::dsl::OrderKey;
using linkgraph::dsl::ParseField;
using linkgraph::dsl::RelationArgs;
using linkgraph::dsl::testing::Dump;

std::string Message(const absl::Status& s) { return std::string(s.message()); }

std::string DumpOrder(const std::vector<OrderKey>& keys) {
  std::string out;
  for (const OrderKey& k : keys) {
    if (!out.empty()) out += ", ";
    out += linkgraph::dsl::testing::DumpPath(k.path) + (k.descending ? " desc" : " asc");
  }
  return out;
}

}  // namespace

TEST_CASE("field grammar with relation arguments has no cycles without progress", "[dsl]") {
  CHECK(tao::pegtl::analyze<linkgraph::dsl::grammar::field>() == 0);
}

TEST_CASE("relation arguments parse into FieldSegment::args", "[dsl]") {
  auto f = ParseField("product_reviews(rating >= 4, order: created_at desc, take: 3).content", 1);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 2);
  CHECK(f->segments[1].name == "content");
  CHECK(f->segments[1].args == nullptr);
  CHECK(f->segments[1].offset == 62);
  REQUIRE(f->segments[0].args != nullptr);
  const RelationArgs& args = *f->segments[0].args;
  REQUIRE(args.filter.has_value());
  CHECK(Dump(*args.filter) == "and(rating >= 4)");
  CHECK(args.filter->children[0].where == "fields[1], column 17");
  CHECK(args.filter->children[0].offset == 16);
  CHECK(DumpOrder(args.order) == "created_at desc");
  CHECK(args.order[0].where == "fields[1], column 37");
  CHECK(args.take == 3);
  CHECK_FALSE(args.skip.has_value());
  CHECK_FALSE(args.with_deleted);

  f = ParseField("product_reviews(order: (rating desc, created_at))", 0);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 1);
  CHECK_FALSE(f->star);
  REQUIRE(f->segments[0].args != nullptr);
  CHECK_FALSE(f->segments[0].args->filter.has_value());
  CHECK(DumpOrder(f->segments[0].args->order) == "rating desc, created_at asc");

  f = ParseField(
      " product_reviews ( ORDER : rating DESC , Skip : 2 , TAKE:0, WithDeleted: true ) . * ", 0);
  REQUIRE(f.ok());
  CHECK(f->star);
  REQUIRE(f->segments.size() == 1);
  const RelationArgs& a = *f->segments[0].args;
  CHECK(DumpOrder(a.order) == "rating desc");
  CHECK(a.skip == 2);
  CHECK(a.take == 0);
  CHECK(a.with_deleted);

  f = ParseField("a(withDeleted: false, order: product.title asc).b(skip: 1).c", 0);
  REQUIRE(f.ok());
  REQUIRE(f->segments.size() == 3);
  CHECK_FALSE(f->segments[0].args->with_deleted);
  CHECK(DumpOrder(f->segments[0].args->order) == "product.title asc");
  CHECK(f->segments[1].args->skip == 1);
  CHECK(f->segments[2].args == nullptr);

  // A field named like an argument key is a filter when no ':' follows.
  f = ParseField("a(order = 1 or take > 2, take: 5)", 0);
  REQUIRE(f.ok());
  CHECK(Dump(*f->segments[0].args->filter) == "and(or(and(order = 1), and(take > 2)))");
  CHECK(f->segments[0].args->take == 5);

  // The whole filter language is available.
  f = ParseField("a(x.(y = 'it''s' and not z exists) and q = 'shirt')", 0);
  REQUIRE(f.ok());
  CHECK(Dump(*f->segments[0].args->filter) ==
        "and(group x(y = 'it's', z exists false), q 'shirt')");
}

TEST_CASE("argument lists compare equal as parsed, wherever they are written", "[dsl]") {
  auto a = ParseField("product_reviews(rating >= 4, order: created_at desc, take: 3).content", 0);
  auto b = ParseField("  product_reviews( RATING_X >= 4 ).id", 1);
  auto c = ParseField("product_reviews (rating>=4,ORDER:created_at DESC,take:3) . id", 2);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(*a->segments[0].args == *c->segments[0].args);
  CHECK_FALSE(*a->segments[0].args == *b->segments[0].args);
}

TEST_CASE("relation argument errors are positioned", "[dsl]") {
  const std::string value =
      "expected a value (a 'string', a number, true, false, null or a $parameter)";
  const std::string next =
      "expected an argument (order:, skip:, take:, withDeleted:); the filter comes first and "
      "several order keys go in parentheses";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"product_reviews()",
       "expected a filter or an argument (order:, skip:, take:, withDeleted:) (fields[0], column "
       "17)"},
      {"product_reviews( )",
       "expected a filter or an argument (order:, skip:, take:, withDeleted:) (fields[0], column "
       "18)"},
      {"product_reviews(take: 3, take: 4)", "duplicate argument 'take' (fields[0], column 26)"},
      {"product_reviews(order: a, ORDER: b)", "duplicate argument 'order' (fields[0], column 27)"},
      {"product_reviews(take: -1)", "expected a non-negative integer (fields[0], column 23)"},
      {"product_reviews(take: 3x)", "expected a non-negative integer (fields[0], column 23)"},
      {"product_reviews(skip: 99999999999999999999)", "number too large (fields[0], column 23)"},
      {"product_reviews(take: 3, rating > 4)", next + " (fields[0], column 26)"},
      {"product_reviews(order: a desc, b)", next + " (fields[0], column 32)"},
      {"product_reviews(rating >= 4 take: 3)", "expected ',' or ')' (fields[0], column 29)"},
      {"product_reviews(take: 3", "expected ',' or ')' (fields[0], column 24)"},
      {"product_reviews(rating >= )", value + " (fields[0], column 27)"},
      {"product_reviews(rating >= 4 and)",
       "expected a condition after 'and' (fields[0], column 32)"},
      {"product_reviews(order: )",
       "expected an order key or '(' and a list of order keys (fields[0], column 24)"},
      {"product_reviews(order: (a, ))",
       "expected an order key (a field name) (fields[0], column 28)"},
      {"product_reviews(order: (a b))", "expected ',' or ')' (fields[0], column 27)"},
      {"product_reviews(order: a.)", "expected a field name after '.' (fields[0], column 26)"},
      {"product_reviews(withDeleted: yes)", "expected true or false (fields[0], column 30)"},
      {"product_reviews(take 3)",
       "expected an operator (=, !=, <>, <, <=, >, >=, ~, in, not in, like, ilike, contains, "
       "is, exists) or '.(' (fields[0], column 22)"},
      {"product_reviews(rating = 'x)", "unterminated string (fields[0], column 26)"},
      {"product_reviews(take: 1)(skip: 1)",
       "unexpected character; expected '.' or the end of the field (fields[0], column 25)"},
      {"*(take: 1)",
       "unexpected character; expected '.' or the end of the field (fields[0], column 2)"},
      {"a.*(take: 1)",
       "unexpected character; expected '.' or the end of the field (fields[0], column 4)"},
      {"a(take: 1).", "expected field name or '*' after '.' (fields[0], column 12)"},
      {"a(x < null)", "null can only be compared with = or != (use is null) (fields[0], column 7)"},
      {"a(\xff = 1)", "invalid UTF-8 (fields[0], column 3)"},
  };
  for (const auto& [text, message] : rows) {
    INFO("field: " << text);
    absl::StatusOr<FieldPath> f = ParseField(text, 0);
    REQUIRE_FALSE(f.ok());
    CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(Message(f.status()) == message);
  }
}

TEST_CASE("deep nesting inside relation arguments is refused cleanly", "[dsl]") {
  std::string text = "a(" + std::string(30000, '(') + "x = 1" + std::string(30000, ')') + ")";
  auto f = ParseField(text, 3);
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "filter nested deeper than 64 (fields[3], column 67)");
  std::string too_long(linkgraph::dsl::kMaxFieldBytes + 1, 'a');
  f = ParseField(too_long, 0);
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "field string longer than 65536 bytes (fields[0])");
}

TEST_CASE("order texts parse with the grammar", "[dsl]") {
  auto o = linkgraph::dsl::ParseOrder("created_at desc, product.title");
  REQUIRE(o.ok());
  CHECK(DumpOrder(*o) == "created_at desc, product.title asc");
  CHECK((*o)[1].where == "pagination.order, column 18");
  o = linkgraph::dsl::ParseOrder("  Title ASC ,\"desc\" DESC,desc");
  REQUIRE(o.ok());
  CHECK(DumpOrder(*o) == "Title asc, desc desc, desc asc");
  o = linkgraph::dsl::ParseOrder(R"({"created_at":"DESC","product":{"title":"asc"}})");
  REQUIRE(o.ok());
  CHECK(DumpOrder(*o) == "created_at desc, product.title asc");

  const std::vector<std::pair<std::string, std::string>> rows = {
      {"created_at sideways",
       "expected asc, desc, ',' or the end of the order (pagination.order, column 12)"},
      {"", "expected an order key (a field name) (pagination.order, column 1)"},
      {"a,", "expected an order key (a field name) (pagination.order, column 3)"},
      {"a, , b", "expected an order key (a field name) (pagination.order, column 4)"},
      {"a.", "expected a field name after '.' (pagination.order, column 3)"},
      {"a desc desc",
       "expected asc, desc, ',' or the end of the order (pagination.order, column 8)"},
      {"(a)", "expected an order key (a field name) (pagination.order, column 1)"},
  };
  for (const auto& [text, message] : rows) {
    INFO("order: " << text);
    auto r = linkgraph::dsl::ParseOrder(text);
    REQUIRE_FALSE(r.ok());
    CHECK(Message(r.status()) == message);
  }
}

TEST_CASE("requests take text-form filters and order texts", "[dsl]") {
  auto r = linkgraph::dsl::ParseRequestJson(
      R"({"entity":"product","fields":["id","product_reviews(rating >= 4, take: 2).content"],)"
      R"("filters":"status = 'published' and product_reviews.rating >= 4",)"
      R"("pagination":{"order":"created_at desc, product.title"}})");
  REQUIRE(r.ok());
  REQUIRE(r->filters.has_value());
  auto j = linkgraph::dsl::ParseFilterJson(
      R"({"status":"published","product_reviews.rating":{"$gte":4}})");
  REQUIRE(j.ok());
  CHECK(*r->filters == *j);
  CHECK(r->filters->children[1].where == "filters, column 26");
  CHECK(DumpOrder(r->pagination.order) == "created_at desc, product.title asc");
  REQUIRE(r->fields[1].segments[0].args != nullptr);
  CHECK(r->fields[1].segments[0].args->take == 2);

  r = linkgraph::dsl::ParseRequestJson(
      R"({"entity":"product","fields":["id"],"filters":"status ="})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "expected a value (a 'string', a number, true, false, null or a $parameter) (filters, "
        "column 9)");
  CHECK(linkgraph::dsl::WhereOf(r.status()) == "filters, column 9");

  r = linkgraph::dsl::ParseRequestJson(
      R"({"entity":"product","fields":["id"],"pagination":{"order":"a b c"}})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "expected asc, desc, ',' or the end of the order (pagination.order, column 3)");

  r = linkgraph::dsl::ParseRequestJson(R"({"entity":"product","fields":["id"],"filters":""})");
  REQUIRE(r.ok());
  CHECK(r->filters->children.empty());
}
