// Text-form filters: the grammar, equality with the object form, positioned errors, limits.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar_filter.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "tests/dsl/filter_dump.h"

namespace {

using linkgraph::dsl::CompareOp;
using linkgraph::dsl::FilterExpr;
using linkgraph::dsl::Literal;
using linkgraph::dsl::ParseFilterJson;
using linkgraph::dsl::testing::Dump;
using linkgraph::dsl::testing::ShapeError;
using linkgraph::dsl::testing::TextExpressible;
using linkgraph::dsl::testing::ToText;

absl::StatusOr<FilterExpr> Text(const std::string& text) {
  linkgraph::dsl::TextWhere where("filters", text);
  return linkgraph::dsl::ParseFilterText(text, std::ref(where));
}

std::string Message(const absl::Status& s) { return std::string(s.message()); }

}  // namespace

TEST_CASE("filter and order grammars have no cycles without progress", "[dsl]") {
  CHECK(tao::pegtl::analyze<linkgraph::dsl::grammar::filter>() == 0);
  CHECK(tao::pegtl::analyze<linkgraph::dsl::grammar::order_text>() == 0);
  CHECK(tao::pegtl::analyze<linkgraph::dsl::grammar::order_value>() == 0);
}

TEST_CASE("text and object forms give equal trees", "[dsl]") {
  struct Row {
    const char* json;
    const char* text;
    const char* dump;  // the tree both give
  };
  const std::vector<Row> rows = {
      // Each operator.
      {R"({"status":"published"})", "status = 'published'", "and(status = 'published')"},
      {R"({"status":{"$eq":"published"}})", "status='published'", "and(status = 'published')"},
      {R"({"rating":{"$ne":3}})", "rating != 3", "and(rating != 3)"},
      {R"({"rating":{"$ne":3}})", "rating <> 3", "and(rating != 3)"},
      {R"({"rating":{"$gt":3}})", "rating > 3", "and(rating > 3)"},
      {R"({"rating":{"$gte":3}})", "rating >= 3", "and(rating >= 3)"},
      {R"({"rating":{"$lt":3}})", "rating < 3", "and(rating < 3)"},
      {R"({"rating":{"$lte":3}})", "rating<=3", "and(rating <= 3)"},
      {R"({"id":["a","b"]})", "id in ('a', 'b')", "and(id in ['a', 'b'])"},
      {R"({"id":{"$in":["a","b"]}})", "id in('a','b')", "and(id in ['a', 'b'])"},
      {R"({"id":[]})", "id in ()", "and(id in [])"},
      {R"({"id":{"$nin":["a"]}})", "id not in ('a')", "and(id nin ['a'])"},
      {R"({"title":{"$like":"%shirt%"}})", "title like '%shirt%'", "and(title like '%shirt%')"},
      {R"({"title":{"$ilike":"%Shirt%"}})", "title ilike '%Shirt%'",
       "and(title ilike '%Shirt%')"},
      {R"({"title":{"$re":"^s.*t$"}})", "title ~ '^s.*t$'", "and(title ~ '^s.*t$')"},
      {R"({"tags":{"$contains":["a","b"]}})", "tags contains ('a', 'b')",
       "and(tags contains ['a', 'b'])"},
      {R"({"tags":{"$contains":"a"}})", "tags contains 'a'", "and(tags contains ['a'])"},
      {R"({"product_reviews":{"$exists":true}})", "product_reviews exists",
       "and(product_reviews exists true)"},
      {R"({"product_reviews":{"$exists":false}})", "not product_reviews exists",
       "and(product_reviews exists false)"},
      {R"({"$not":{"product_reviews":{"$exists":true}}})", "not (product_reviews exists)",
       "and(not(and(product_reviews exists true)))"},
      {R"({"rating":{"$gte":1,"$lte":5}})", "rating >= 1 and rating <= 5",
       "and(rating >= 1, rating <= 5)"},
      // Null forms.
      {R"({"deleted_at":null})", "deleted_at = null", "and(deleted_at = null)"},
      {R"({"deleted_at":null})", "deleted_at is null", "and(deleted_at = null)"},
      {R"({"deleted_at":{"$eq":null}})", "deleted_at IS NULL", "and(deleted_at = null)"},
      {R"({"deleted_at":{"$ne":null}})", "deleted_at != null", "and(deleted_at != null)"},
      {R"({"deleted_at":{"$ne":null}})", "deleted_at <> null", "and(deleted_at != null)"},
      {R"({"deleted_at":{"$ne":null}})", "deleted_at is not null", "and(deleted_at != null)"},
      {R"({"id":["a",null]})", "id in ('a', null)", "and(id in ['a', null])"},
      {R"({"id":{"$nin":["a",null]}})", "id not in ('a', null)", "and(id nin ['a', null])"},
      // $not at filter and field level.
      {R"({"$not":{"status":"draft"}})", "not status = 'draft'",
       "and(not(and(status = 'draft')))"},
      {R"({"rating":{"$not":{"$gt":3}}})", "not rating > 3", "and(not(and(rating > 3)))"},
      {R"({"rating":{"$not":{"$gt":1,"$lt":5}}})", "not (rating > 1 and rating < 5)",
       "and(not(and(rating > 1, rating < 5)))"},
      {R"({"$not":{"a":1,"b":2}})", "NOT (a = 1 AND b = 2)", "and(not(and(a = 1, b = 2)))"},
      {R"({"$not":{"$not":{"a":1}}})", "not not a = 1", "and(not(and(not(and(a = 1)))))"},
      {R"({"$not":{"$or":[{"a":1},{"b":2}]}})", "not (a = 1 or b = 2)",
       "and(not(and(or(and(a = 1), and(b = 2)))))"},
      {R"({"$not":{"a":1},"b":2})", "not a = 1 and b = 2", "and(not(and(a = 1)), b = 2)"},
      // $and / $or nesting.
      {R"({"a":1,"b":2})", "a = 1 and b = 2", "and(a = 1, b = 2)"},
      {R"({"$and":[{"a":1},{"b":2}]})", "a = 1 and b = 2", "and(a = 1, b = 2)"},
      {R"({"a":1,"b":2,"c":3})", "a = 1 and (b = 2 and c = 3)", "and(a = 1, b = 2, c = 3)"},
      {R"({"a":1})", "((a = 1))", "and(a = 1)"},
      {R"({"$or":[{"a":1},{"b":2}]})", "a = 1 or b = 2", "and(or(and(a = 1), and(b = 2)))"},
      {R"({"$or":[{"a":1},{"b":2},{"c":3}]})", "a = 1 or b = 2 or c = 3",
       "and(or(and(a = 1), and(b = 2), and(c = 3)))"},
      {R"({"$or":[{"a":1},{"b":2,"c":3}]})", "a = 1 or b = 2 and c = 3",
       "and(or(and(a = 1), and(b = 2, c = 3)))"},
      {R"({"a":1,"$or":[{"b":2},{"c":3}]})", "a = 1 and (b = 2 or c = 3)",
       "and(a = 1, or(and(b = 2), and(c = 3)))"},
      {R"({"$and":[{"a":1},{"$or":[{"b":2},{"c":3}]}]})", "a = 1 and (b = 2 or c = 3)",
       "and(a = 1, or(and(b = 2), and(c = 3)))"},
      {R"({"$or":[{"$or":[{"a":1},{"b":2}]},{"c":3}]})", "(a = 1 or b = 2) or c = 3",
       "and(or(and(or(and(a = 1), and(b = 2))), and(c = 3)))"},
      {R"({"$or":[{"$and":[{"a":1},{"b":2}]},{"c":3}]})", "(a = 1 and b = 2) or c = 3",
       "and(or(and(a = 1, b = 2), and(c = 3)))"},
      {R"({"$or":[{"a":1,"b":2}],"c":3})", "a = 1 and b = 2 and c = 3",
       "and(a = 1, b = 2, c = 3)"},
      // Linked paths and the EXISTS grouping rule (DESIGN.md §7).
      {R"({"product_reviews.rating":{"$gte":4}})", "product_reviews.rating >= 4",
       "and(product_reviews.rating >= 4)"},
      {R"({"product_reviews":{"rating":{"$gte":4},"content":{"$like":"%fit%"}}})",
       "product_reviews.(rating >= 4 and content like '%fit%')",
       "and(group product_reviews(rating >= 4, content like '%fit%'))"},
      {R"({"product_reviews.rating":{"$gte":4},"product_reviews.content":{"$like":"%fit%"}})",
       "product_reviews.rating >= 4 and product_reviews.content like '%fit%'",
       "and(product_reviews.rating >= 4, product_reviews.content like '%fit%')"},
      {R"({"product_reviews":{"rating":5}})", "product_reviews . ( rating = 5 )",
       "and(group product_reviews(rating = 5))"},
      {R"({"product.collections":{"title":"x"}})", "product.collections.(title = 'x')",
       "and(group product.collections(title = 'x'))"},
      {R"({"product":{"collections":{"title":"x"}}})", "product.(collections.(title = 'x'))",
       "and(group product(group collections(title = 'x')))"},
      {R"({"product_reviews":{"$or":[{"rating":5},{"rating":1}]}})",
       "product_reviews.(rating = 5 or rating = 1)",
       "and(group product_reviews(or(and(rating = 5), and(rating = 1))))"},
      {R"({"product_reviews":{"rating":5,"$and":[{"x":1}]}})",
       "product_reviews.(rating = 5 and x = 1)",
       "and(group product_reviews(rating = 5, x = 1))"},
      // A linked sub-object is one EXISTS, also under $not (issue #15 item 10).
      {R"({"product_reviews":{"$not":{"rating":1}}})", "product_reviews.(not rating = 1)",
       "and(group product_reviews(not(and(rating = 1))))"},
      {R"({"$not":{"product_reviews":{"rating":1}}})", "not product_reviews.(rating = 1)",
       "and(not(and(group product_reviews(rating = 1))))"},
      {R"({"product_reviews":{"rating":5,"$not":{"x":1}}})",
       "product_reviews.(rating = 5 and not x = 1)",
       "and(group product_reviews(rating = 5, not(and(x = 1))))"},
      {R"({"$or":[{"product_reviews.rating":5},{"product_reviews":{"$exists":false}}]})",
       "product_reviews.rating = 5 or not product_reviews exists",
       "and(or(and(product_reviews.rating = 5), and(product_reviews exists false)))"},
      // Parameters, q.
      {R"({"rating":{"$param":"min"}})", "rating = $min", "and(rating = $min)"},
      {R"({"rating":{"$gte":{"$param":"min"}}})", "rating >= $min", "and(rating >= $min)"},
      {R"({"id":[{"$param":"a"},"b"]})", "id in ($a, 'b')", "and(id in [$a, 'b'])"},
      {R"({"q":"shirt"})", "q = 'shirt'", "and(q 'shirt')"},
      {R"({"q":"shirt","status":"published"})", "q = 'shirt' and status = 'published'",
       "and(q 'shirt', status = 'published')"},
      {R"({"product_reviews":{"q":"fit"}})", "product_reviews.(q = 'fit')",
       "and(group product_reviews(q 'fit'))"},
      // Keywords are case-insensitive; quoted names; '' escapes; literals as written.
      {R"({"a":1,"$or":[{"b":null},{"c":{"$nin":[true]}}]})",
       "a = 1 AND (b Is NuLL oR c NOT In (TRUE))",
       "and(a = 1, or(and(b = null), and(c nin [true])))"},
      {R"({"in":1,"and.or":2})", R"("in" = 1 and "and"."or" = 2)", "and(in = 1, and.or = 2)"},
      {R"({"Title":"x"})", R"("Title" = 'x')", "and(Title = 'x')"},
      {R"({"title":"it's"})", "title = 'it''s'", "and(title = 'it's')"},
      {R"({"title":""})", "title = ''", "and(title = '')"},
      {R"({"title":"''"})", "title = ''''''", "and(title = '''')"},
      {R"({"title":"é ü"})", "title = 'é ü'", "and(title = 'é ü')"},
      {R"({"price":-1.50})", "price = -1.50", "and(price = -1.50)"},
      {R"({"n":1e3,"m":2.5E-2})", "n = 1e3 and m = 2.5E-2", "and(n = 1e3, m = 2.5E-2)"},
      {R"({"b":true,"c":false})", "b = true and c = FALSE", "and(b = true, c = false)"},
      {R"({"title":"and or not"})", "title='and or not'", "and(title = 'and or not')"},
      {R"({})", "", "and()"},
      {R"({})", " \t\n ", "and()"},
      {R"({"a":1,"b":2})", "\n  a = 1\n  and b = 2\n", "and(a = 1, b = 2)"},
  };
  for (const Row& row : rows) {
    INFO("json: " << row.json << "\ntext: " << row.text);
    absl::StatusOr<FilterExpr> j = ParseFilterJson(row.json);
    absl::StatusOr<FilterExpr> t = Text(row.text);
    REQUIRE(j.ok());
    REQUIRE(t.ok());
    CHECK(Dump(*j) == row.dump);
    CHECK(Dump(*t) == row.dump);
    CHECK(*j == *t);
    CHECK(ShapeError(*j).empty());
    CHECK(ShapeError(*t).empty());
    // Printed back to text, the tree parses to itself.
    REQUIRE(TextExpressible(*t));
    std::string printed = ToText(*t);
    INFO("printed: " << printed);
    absl::StatusOr<FilterExpr> again = Text(printed);
    REQUIRE(again.ok());
    CHECK(*again == *t);
  }
}

TEST_CASE("one EXISTS over a group differs from two EXISTS over dotted paths", "[dsl]") {
  auto grouped = Text("product_reviews.(rating >= 4 and content like '%fit%')");
  auto separate = Text("product_reviews.rating >= 4 and product_reviews.content like '%fit%'");
  REQUIRE(grouped.ok());
  REQUIRE(separate.ok());
  CHECK_FALSE(*grouped == *separate);
  CHECK(grouped->children.size() == 1);
  CHECK(separate->children.size() == 2);
}

TEST_CASE("text filters keep offsets and locations on every node", "[dsl]") {
  auto f = Text("status = 'x' or product_reviews.(rating >= $min)");
  REQUIRE(f.ok());
  CHECK(f->where == "filters, column 1");
  const FilterExpr& any = f->children.at(0);
  CHECK(any.kind == FilterExpr::Kind::kOr);
  const FilterExpr& first = any.children.at(0).children.at(0);
  CHECK(first.offset == 0);
  CHECK(first.where == "filters, column 1");
  CHECK(first.values.at(0).offset == 9);
  const FilterExpr& second = any.children.at(1);
  CHECK(second.offset == 16);
  CHECK(second.where == "filters, column 17");
  const FilterExpr& group = second.children.at(0);
  CHECK(group.kind == FilterExpr::Kind::kGroup);
  CHECK(group.where == "filters, column 17");
  const FilterExpr& rating = group.children.at(0);
  CHECK(rating.where == "filters, column 34");
  CHECK(rating.values.at(0).kind == Literal::Kind::kParam);
  CHECK(rating.values.at(0).text == "min");

  f = Text("a = 1\n  and bé = 'é' and c = 2");
  REQUIRE_FALSE(f.ok());  // 'bé' is not an identifier
  CHECK(Message(f.status()) ==
        "expected an operator (=, !=, <>, <, <=, >, >=, ~, in, not in, like, ilike, contains, is, "
        "exists) or '.(' (filters, line 2, column 8)");
  f = Text("a = 'é'\n  and b = 2");
  REQUIRE(f.ok());
  CHECK(f->children.at(1).where == "filters, line 2, column 7");
}

TEST_CASE("text filter syntax errors are positioned", "[dsl]") {
  struct Row {
    std::string text;
    const char* message;  // with its location
  };
  const char* kValue = "expected a value (a 'string', a number, true, false, null or a $parameter)";
  const std::string value(kValue);
  const std::string op =
      "expected an operator (=, !=, <>, <, <=, >, >=, ~, in, not in, like, ilike, contains, is, "
      "exists) or '.('";
  const std::string null_msg = "null can only be compared with = or != (use is null)";
  const std::string q_msg = "q is the text search and takes '=' (q = 'text')";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"status =", value + " (filters, column 9)"},
      {"= 1", "expected a condition (filters, column 1)"},
      {")", "expected a condition (filters, column 1)"},
      {"status 'x'", op + " (filters, column 8)"},
      {"status", op + " (filters, column 7)"},
      {"a = 1 and", "expected a condition after 'and' (filters, column 10)"},
      {"a = 1 or", "expected a condition after 'or' (filters, column 9)"},
      {"a = 1 or and b = 1", "expected a condition after 'or' (filters, column 10)"},
      {"not", "expected a condition after 'not' (filters, column 4)"},
      {"not not", "expected a condition after 'not' (filters, column 8)"},
      {"(a = 1", "expected 'and', 'or' or ')' (filters, column 7)"},
      {"(a = 1 b", "expected 'and', 'or' or ')' (filters, column 8)"},
      {"()", "expected a condition (filters, column 2)"},
      {"a = 1)", "expected 'and', 'or' or the end of the filter (filters, column 6)"},
      {"a = 1 b = 2", "expected 'and', 'or' or the end of the filter (filters, column 7)"},
      {"a = 1 andb = 2", "expected 'and', 'or' or the end of the filter (filters, column 7)"},
      {"a = 'x' 'y'", "expected 'and', 'or' or the end of the filter (filters, column 9)"},
      {"a exists 1", "expected 'and', 'or' or the end of the filter (filters, column 10)"},
      {"a = 'x", "unterminated string (filters, column 5)"},
      {"a = 'x'' and b = 1", "unterminated string (filters, column 5)"},
      {"a = 'é", "unterminated string (filters, column 5)"},
      {"\"a = 1", "unterminated quoted name (filters, column 1)"},
      {"\"\" = 1", "empty name (filters, column 1)"},
      {"a.\"\" = 1", "empty name (filters, column 3)"},
      {"a < null", null_msg + " (filters, column 5)"},
      {"a >= NULL", null_msg + " (filters, column 6)"},
      {"a like null", null_msg + " (filters, column 8)"},
      {"a ~ null", null_msg + " (filters, column 5)"},
      {"a contains (1, null)", null_msg + " (filters, column 16)"},
      {"a in 1", "expected '(' and a list of values (filters, column 6)"},
      {"a in (1", "expected ',' or ')' (filters, column 8)"},
      {"a in (1 2)", "expected ',' or ')' (filters, column 9)"},
      {"a in (1,)", value + " (filters, column 9)"},
      {"a in (,", "expected a value or ')' (filters, column 7)"},
      {"a not 1", "expected 'in' after 'not' (filters, column 7)"},
      {"a not in 1", "expected '(' and a list of values (filters, column 10)"},
      {"a is 1", "expected 'null' or 'not null' after 'is' (filters, column 6)"},
      {"a is not 1", "expected 'null' after 'is not' (filters, column 10)"},
      {"a contains", "expected a value or '(' and a list of values (filters, column 11)"},
      {"a like", value + " (filters, column 7)"},
      {"a = 1.", "expected a digit after '.' (filters, column 7)"},
      {"a = 1.x", "expected a digit after '.' (filters, column 7)"},
      {"a = 1e", "expected a digit in the exponent (filters, column 7)"},
      {"a = 1e+", "expected a digit in the exponent (filters, column 8)"},
      {"a = 12abc", "unexpected character after a number (filters, column 7)"},
      {"a = 1and b = 2", "unexpected character after a number (filters, column 6)"},
      {"a = $", "expected a parameter name after '$' (filters, column 6)"},
      {"a = $1", "expected a parameter name after '$' (filters, column 6)"},
      {"a = -", value + " (filters, column 5)"},
      {"a = - 1", value + " (filters, column 5)"},
      {"a = b", value + " (filters, column 5)"},
      {"a == 1", value + " (filters, column 4)"},
      {"a = +1", value + " (filters, column 5)"},
      {"a.", "expected a field name or '(' after '.' (filters, column 3)"},
      {"a.in (1)", "expected a field name or '(' after '.' (filters, column 3)"},
      {"a.(b = 1", "expected 'and', 'or' or ')' (filters, column 9)"},
      {"a.()", "expected a condition (filters, column 4)"},
      {"and = 1", "expected a condition (filters, column 1)"},
      {"a = 1 and or = 1", "expected a condition after 'and' (filters, column 11)"},
      {"Null = 1", "expected a condition (filters, column 1)"},
      {"9a = 1", "expected a condition (filters, column 1)"},
      {"é = 1", "expected a condition (filters, column 1)"},
      {"title = 'é' and é = 1", "expected a condition after 'and' (filters, column 17)"},
      {"q != 'x'", q_msg + " (filters, column 3)"},
      {"q is null", q_msg + " (filters, column 3)"},
      {"q exists", q_msg + " (filters, column 3)"},
      {"q in ('a')", q_msg + " (filters, column 3)"},
      {"a = 1 and q like 'x'", q_msg + " (filters, column 13)"},
      {"a = 1\nand b =", value + " (filters, line 2, column 8)"},
      {"a = '\xff'", "invalid UTF-8 (filters, column 6)"},
      {"a = '\xc0\x80'", "invalid UTF-8 (filters, column 6)"},
      {"a = '\xed\xa0\x80'", "invalid UTF-8 (filters, column 6)"},
      {std::string("a = 1\0", 6),
       "expected 'and', 'or' or the end of the filter (filters, column 6)"},
      {std::string("a = '\0'", 7) + " and",
       "expected a condition after 'and' (filters, column 12)"},
  };
  CHECK(rows.size() >= 40);
  for (const auto& [text, message] : rows) {
    INFO("text: " << text);
    absl::StatusOr<FilterExpr> f = Text(text);
    REQUIRE_FALSE(f.ok());
    CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(Message(f.status()) == message);
  }
}

TEST_CASE("text filter location payload is the where", "[dsl]") {
  auto f = Text("a = ");
  REQUIRE_FALSE(f.ok());
  CHECK(linkgraph::dsl::WhereOf(f.status()) == "filters, column 5");
}

TEST_CASE("deep nesting is refused cleanly in both forms", "[dsl]") {
  const size_t n = 100000;
  std::string parens = std::string(n, '(') + "a = 1" + std::string(n, ')');
  auto f = Text(parens);
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "filter nested deeper than 64 (filters, column 65)");

  std::string nots;
  for (size_t i = 0; i < n; ++i) nots += "not ";
  f = Text(nots + "a = 1");
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "filter nested deeper than 64 (filters, column 257)");

  std::string groups;
  for (size_t i = 0; i < n; ++i) groups += "a.(";
  f = Text(groups);
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "filter nested deeper than 64 (filters, column 194)");

  std::string unclosed(n, '(');
  f = Text(unclosed);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);

  // 64 levels are fine.
  f = Text(std::string(64, '(') + "a = 1" + std::string(64, ')'));
  CHECK(f.ok());
  f = Text(std::string(65, '(') + "a = 1" + std::string(65, ')'));
  CHECK_FALSE(f.ok());

  std::string json;
  for (size_t i = 0; i < n; ++i) json += R"({"$not":)";
  json += "{}" + std::string(n, '}');
  auto j = ParseFilterJson(json);
  REQUIRE_FALSE(j.ok());
  CHECK(j.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("text filters over the size limit are refused", "[dsl]") {
  std::string big = "title = '" + std::string(linkgraph::dsl::kMaxFilterBytes, 'x') + "'";
  auto f = Text(big);
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "filter longer than 1048576 bytes (filters, column 1)");

  // Many predicates: linear, and each keeps its location.
  std::string many = "a = 1";
  for (int i = 0; i < 20000; ++i) many += " or a = " + std::to_string(i);
  f = Text(many);
  REQUIRE(f.ok());
  REQUIRE(f->children.at(0).children.size() == 20001);
  CHECK(f->children.at(0).children.back().children.at(0).where.rfind("filters, column ", 0) == 0);
}

TEST_CASE("object-form filters keep their messages for the remaining errors", "[dsl]") {
  auto j = ParseFilterJson(R"({"rating":{"$gte":1,"x":2}})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) ==
        "cannot mix operators and field names in one object (filters.rating)");
  j = ParseFilterJson(R"({"rating":{"$gte":1,"$or":[]}})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) ==
        "cannot mix operators and field names in one object (filters.rating)");
  j = ParseFilterJson(R"({"$and":{}})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) == "$and takes an array of filters (filters.$and)");
  j = ParseFilterJson(R"({"$and":[1]})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) == "expected an object, got number (filters.$and[0])");
  j = ParseFilterJson(R"({"rating":{"$not":3}})");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) == "$not takes an object (filters.rating.$not)");
  j = ParseFilterJson(R"({"rating":{"$not":{}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(not(and()))");
  j = ParseFilterJson(std::string(R"({"a":4)") + '\x01' + "}");
  REQUIRE_FALSE(j.ok());
  CHECK(Message(j.status()) == "invalid JSON: malformed number (filters.a)");
  // Regression (fuzz): classifying a nested object must not unescape its keys a second time,
  // which overflowed simdjson's string buffer (ASan heap-buffer-overflow).
  std::string long_key(2000, 'k');
  j = ParseFilterJson(R"({"a":{")" + long_key + R"(":1}})");
  REQUIRE(j.ok());
  CHECK(j->children.at(0).children.at(0).path.at(0) == long_key);
  j = ParseFilterJson(R"({"a":{"\u0024gte":1,"\u0024not":{"\u0024lt":0}}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(a >= 1, not(and(a < 0)))");
  j = ParseFilterJson(R"({"a":{"\u0024or":[{"b":1},{"c":2}]}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(group a(or(and(b = 1), and(c = 2))))");
  j = ParseFilterJson(R"({"$or":[]})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(or())");
  CHECK_FALSE(TextExpressible(*j));
  j = ParseFilterJson(R"({"product_reviews":{}})");
  REQUIRE(j.ok());
  CHECK(Dump(*j) == "and(group product_reviews())");
}
