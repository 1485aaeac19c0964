// The dsl's JSON readers and their fixed names (DESIGN.md §7): duplicate keys refused wherever
// they occur (request, pagination, order objects, filters, `$param` objects); unknown
// operators and keys suggested per the rule; parameters keep where the request names them.
#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "dsl/location.h"
#include "dsl/parse.h"
#include "dsl/suggest.h"

namespace {

using linkgraph::dsl::FilterExpr;
using linkgraph::dsl::Literal;
using linkgraph::dsl::ParseFilterJson;
using linkgraph::dsl::ParseOrder;
using linkgraph::dsl::ParseRequestJson;
using linkgraph::dsl::WhereOf;

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// A request for `product` with `pagination` as given.
absl::StatusOr<linkgraph::dsl::Request> WithPagination(const std::string& pagination) {
  return ParseRequestJson(R"({"entity":"product","fields":["id"],"pagination":)" + pagination +
                          "}");
}

absl::StatusOr<FilterExpr> Text(const std::string& text) {
  linkgraph::dsl::TextWhere where("filters", text);
  return linkgraph::dsl::ParseFilterText(text, std::ref(where));
}

}  // namespace

TEST_CASE("duplicate keys inside pagination are refused at the repeated key", "[dsl]") {
  struct Row {
    std::string pagination;
    std::string message;
  };
  const Row rows[] = {
      {R"({"take":1,"take":2})", "duplicate key 'take' (pagination.take)"},
      {R"({"skip":0,"count":true,"skip":1})", "duplicate key 'skip' (pagination.skip)"},
      {R"({"count":true,"count":false})", "duplicate key 'count' (pagination.count)"},
      {R"({"order":"rank","order":{"rank":"asc"}})", "duplicate key 'order' (pagination.order)"},
      {R"({"order":{"rank":"asc","rank":"desc"}})", "duplicate key 'rank' (pagination.order.rank)"},
      {R"({"order":{"product":{"title":"asc","title":"desc"}}})",
       "duplicate key 'title' (pagination.order.product.title)"},
      {R"({"order":{"product":{"title":"asc"},"product":{"id":"asc"}}})",
       "duplicate key 'product' (pagination.order.product)"},
      {R"({"order":{"a":{"b":{"c":"asc","c":"asc"}}}})",
       "duplicate key 'c' (pagination.order.a.b.c)"},
      // Keys compared after unescaping: "\u0074ake" is "take".
      {R"({"take":1,"\u0074ake":2})", "duplicate key 'take' (pagination.take)"},
  };
  for (const Row& row : rows) {
    INFO(row.pagination);
    auto r = WithPagination(row.pagination);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(Message(r.status()) == row.message);
    CHECK(Message(r.status()).find(" (" + WhereOf(r.status()) + ")") != std::string::npos);
  }

  // The same name at different levels, or once per object, is no duplicate.
  auto r = WithPagination(
      R"({"take":1,"order":{"title":"asc","product":{"title":"desc","id":"asc"}},"skip":0})");
  REQUIRE(r.ok());
  REQUIRE(r->pagination.order.size() == 3);
  CHECK(r->pagination.order[1].path == std::vector<std::string>{"product", "title"});
  CHECK(r->pagination.order[1].descending);
  CHECK(r->pagination.take == 1);
}

TEST_CASE("ParseOrder refuses duplicate keys in an order object", "[dsl]") {
  auto keys = ParseOrder(R"({"created_at":"DESC","created_at":"ASC"})");
  REQUIRE_FALSE(keys.ok());
  CHECK(Message(keys.status()) == "duplicate key 'created_at' (pagination.order.created_at)");
  keys = ParseOrder(R"({"product":{"title":"ASC","title":"DESC"}})");
  REQUIRE_FALSE(keys.ok());
  CHECK(WhereOf(keys.status()) == "pagination.order.product.title");
  keys = ParseOrder(R"({"created_at":"DESC","product":{"created_at":"ASC"}})");
  REQUIRE(keys.ok());
  CHECK(keys->size() == 2);
}

TEST_CASE("a $param object holds $param once and nothing else", "[dsl]") {
  auto f = ParseFilterJson(R"({"rank":{"$gte":{"$param":"a","$param":"b"}}})");
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "duplicate key '$param' (filters.rank.$gte.$param)");
  f = ParseFilterJson(R"({"rank":{"$gte":{"$param":"a","x":1}}})");
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "expected a value, got an object (filters.rank.$gte)");
  f = ParseFilterJson(R"({"rank":{"$gte":{}}})");
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "expected a value, got an object (filters.rank.$gte)");
  f = ParseFilterJson(R"({"rank":{"$param":"a","$param":"b"}})");
  REQUIRE_FALSE(f.ok());
  CHECK(Message(f.status()) == "duplicate key '$param' (filters.rank.$param)");
}

TEST_CASE("unknown operators get suggestions, else the known ones", "[dsl]") {
  struct Row {
    std::string filter;
    std::string message;
  };
  const std::string known =
      "known: $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte, $like, $ilike, $re, $exists, $contains, "
      "$and, $or, $not";
  const Row rows[] = {
      {R"({"title":{"$eqq":"x"}})",
       "unknown operator '$eqq'; did you mean '$eq'? (filters.title.$eqq)"},
      {R"({"rank":{"$gtx":1}})",
       "unknown operator '$gtx'; did you mean '$gt', '$gte'? (filters.rank.$gtx)"},
      {R"({"rank":{"$foo":1}})", "unknown operator '$foo'; " + known + " (filters.rank.$foo)"},
      {R"({"tags":{"$contain":["a"]}})",
       "unknown operator '$contain'; did you mean '$contains'? (filters.tags.$contain)"},
      {R"({"title":{"$iilke":"x"}})",
       "unknown operator '$iilke'; did you mean '$ilike', '$like'? (filters.title.$iilke)"},
      {R"({"a.b":{"$nin":[1],"$exist":true}})",
       "unknown operator '$exist'; did you mean '$exists'? (filters.a.b.$exist)"},
      {R"({"p":{"r":{"$lr":1}}})",
       "unknown operator '$lr'; did you mean '$lt', '$or'? (filters.p.r.$lr)"},
      {R"({"rank":{"$not":{"$eqq":1}}})",
       "unknown operator '$eqq'; did you mean '$eq'? (filters.rank.$not.$eqq)"},
      // At the level of a filter the operators are $and, $or and $not.
      {R"({"$nott":{"a":1}})", "unknown operator '$nott'; did you mean '$not'? (filters.$nott)"},
      {R"({"$xyz":[]})", "unknown operator '$xyz'; known: $and, $or, $not (filters.$xyz)"},
      {R"({"$or":[{"$adn":[]}]})",
       "unknown operator '$adn'; did you mean '$and'? (filters.$or[0].$adn)"},
      {R"({"$gte":1})",
       R"(operator '$gte' applies to a field: write {"<field>": {"$gte": ...}} (filters.$gte))"},
      {R"({"$param":"x"})",
       R"(operator '$param' applies to a field: write {"<field>": {"$param": ...}} (filters.$param))"},
  };
  for (const Row& row : rows) {
    INFO(row.filter);
    auto f = ParseFilterJson(row.filter);
    REQUIRE_FALSE(f.ok());
    CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(Message(f.status()) == row.message);
  }
  // The same through a request, with the location as payload.
  auto r = ParseRequestJson(R"({"entity":"p","fields":["id"],"filters":{"a":{"$eqq":1}}})");
  REQUIRE_FALSE(r.ok());
  CHECK(WhereOf(r.status()) == "filters.a.$eqq");
}

TEST_CASE("unknown request and pagination keys get suggestions, else the known ones", "[dsl]") {
  auto r = ParseRequestJson(R"({"entity":"p","fields":["id"],"withdeleted":true})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "unknown request key 'withdeleted'; did you mean 'withDeleted'? (withdeleted)");
  r = ParseRequestJson(R"({"entity":"p","fields":["id"],"filter":{}})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) == "unknown request key 'filter'; did you mean 'filters'? (filter)");
  r = ParseRequestJson(R"({"entity":"p","fields":["id"],"context":{}})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "unknown request key 'context'; known: entity, fields, filters, pagination, withDeleted "
        "(context)");
  r = WithPagination(R"({"tkae":1})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "unknown pagination key 'tkae'; did you mean 'take'? (pagination.tkae)");
  r = WithPagination(R"({"orders":"id"})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "unknown pagination key 'orders'; did you mean 'order'? (pagination.orders)");
  r = WithPagination(R"({"limit":1})");
  REQUIRE_FALSE(r.ok());
  CHECK(Message(r.status()) ==
        "unknown pagination key 'limit'; known: skip, take, order, count (pagination.limit)");
}

TEST_CASE("parameters keep where the request names them", "[dsl]") {
  auto f = ParseFilterJson(
      R"({"rank":{"$gte":{"$param":"min"}},"id":{"$param":"id"},"tag":{"$in":["a",{"$param":"t"}]},"p":{"r":{"$lt":{"$param":"max"}}}})");
  REQUIRE(f.ok());
  CHECK(f->children.at(0).values.at(0).kind == Literal::Kind::kParam);
  CHECK(f->children.at(0).values.at(0).where == "filters.rank.$gte");
  CHECK(f->children.at(1).values.at(0).where == "filters.id");
  CHECK(f->children.at(2).values.at(0).where.empty());  // only parameters keep one
  CHECK(f->children.at(2).values.at(1).where == "filters.tag.$in[1]");
  CHECK(f->children.at(3).children.at(0).values.at(0).where == "filters.p.r.$lt");

  auto t = Text("rank >= $min and (id = 'x' or tag in ('a', $t))");
  REQUIRE(t.ok());
  CHECK(t->children.at(0).values.at(0).where == "filters, column 9");
  const FilterExpr& any = t->children.at(1);
  CHECK(any.children.at(1).children.at(0).values.at(1).where == "filters, column 44");
  t = Text("id = 'x'\n  and rank < $max");
  REQUIRE(t.ok());
  CHECK(t->children.at(1).values.at(0).where == "filters, line 2, column 14");
  // Not compared: the two forms still give equal trees.
  auto j = ParseFilterJson(R"({"id":"x","rank":{"$lt":{"$param":"max"}}})");
  REQUIRE(j.ok());
  CHECK(*t == *j);

  // In a relation argument's filter, located inside the field string.
  auto field = linkgraph::dsl::ParseField("product_reviews(rating >= $min).rating", 1);
  REQUIRE(field.ok());
  const auto& args = field->segments.at(0).args;
  REQUIRE(args != nullptr);
  REQUIRE(args->filter.has_value());
  CHECK(args->filter->children.at(0).values.at(0).where == "fields[1], column 27");
}

TEST_CASE("the dsl's suggestion helper is the catalog's", "[dsl]") {
  CHECK(linkgraph::dsl::Suggest("$eqq", {"$eq", "$ne"}) == "did you mean '$eq'?");
  CHECK(linkgraph::dsl::Suggest("zzz", {"id", "title"}) == "known: id, title");
  CHECK(linkgraph::dsl::EditDistance("$nto", "$not") == 1);
}
