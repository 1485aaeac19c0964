// The syntax tree of a query request: field selections, filters, order and pagination.
// Every node keeps the byte offset of its text so later layers can point at it. Names are not
// resolved here: the binder (engine/plan) checks them against the catalog.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace linkgraph::dsl {

// A literal in a filter.
struct Literal {
  // kJson: a JSON object or array document, only as the value of $contains in the object form
  // (`{"attrs": {"$contains": {"color": "red"}}}`); `text` is its JSON text as written.
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kParam, kJson };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // kNumber: the number as written; kString: the decoded text; kParam: name;
                     // kJson: the document's JSON text
  uint32_t offset = 0;  // byte offset in text forms (not compared)
  std::string where;    // kParam only: its location, for "unbound parameter" (not compared)

  bool operator==(const Literal& o) const {
    return kind == o.kind && boolean == o.boolean && text == o.text;
  }
};

// A literal as a message or a dump shows it: null, true, 4.5, 'text', $name.
inline std::string Describe(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return "null";
    case Literal::Kind::kBool:
      return lit.boolean ? "true" : "false";
    case Literal::Kind::kNumber:
      return lit.text;
    case Literal::Kind::kString:
      return "'" + lit.text + "'";
    case Literal::Kind::kParam:
      return "$" + lit.text;
    case Literal::Kind::kJson:
      // Documents may be long: messages show their start.
      return lit.text.size() <= 40 ? lit.text : lit.text.substr(0, 40) + "...";
  }
  return "?";
}

enum class CompareOp : uint8_t {
  kEq, kNe, kGt, kGte, kLt, kLte, kIn, kNin, kLike, kILike, kRe, kContains, kExists,
};

// A filter expression. `path` names a field, possibly through relations
// (`product_reviews.rating`). Both forms of filters build the same trees (equal by operator==,
// which ignores `where` and `offset`); the shapes are documented in parse_filter_text.cc.
struct FilterExpr {
  enum class Kind : uint8_t {
    kAnd,      // children all true
    kOr,       // some child true
    kNot,      // children[0] false
    kCompare,  // path op values
    kGroup,    // one EXISTS over `path` (a relation) in which every child holds
    kSearch,   // q: free text over searchable properties; values[0]
  };
  Kind kind = Kind::kAnd;
  std::vector<std::string> path;
  CompareOp op = CompareOp::kEq;
  std::vector<Literal> values;
  std::vector<FilterExpr> children;
  std::string where;    // location for messages: "filters.product_reviews.rating.$gte"
  uint32_t offset = 0;  // byte offset in text-form filters

  bool operator==(const FilterExpr& o) const {
    return kind == o.kind && path == o.path && op == o.op && values == o.values &&
           children == o.children;
  }
};

struct OrderKey {
  std::vector<std::string> path;  // "created_at" or {"product", "title"}
  bool descending = false;
  std::string where;

  bool operator==(const OrderKey& o) const {
    return path == o.path && descending == o.descending;
  }
};

// Arguments written on a relation segment:
// `alias(filter, order: k desc, skip: N, take: N, withDeleted: true)`. operator== compares them
// as parsed (locations ignored): two different lists on one path are an error of the binder.
struct RelationArgs {
  std::optional<FilterExpr> filter;
  std::vector<OrderKey> order;
  std::optional<int64_t> skip;
  std::optional<int64_t> take;
  bool with_deleted = false;

  bool operator==(const RelationArgs&) const = default;
};

struct FieldSegment {
  std::string name;
  uint32_t offset = 0;
  std::shared_ptr<RelationArgs> args;  // null when none were written
};

// One field string: a path of names, ending in a name or `*`.
struct FieldPath {
  std::vector<FieldSegment> segments;  // empty for a bare "*"
  bool star = false;                   // ends in `*`
  uint32_t star_offset = 0;
  uint32_t index = 0;                  // position in `fields`
  std::string text;                    // the field string as given
};

struct Pagination {
  std::optional<int64_t> skip;
  std::optional<int64_t> take;
  std::vector<OrderKey> order;
  bool count = true;
};

// A query.graph request (DESIGN.md §4).
struct Request {
  std::string entity;
  std::vector<FieldPath> fields;
  std::optional<FilterExpr> filters;
  Pagination pagination;
  bool with_deleted = false;
};

}  // namespace linkgraph::dsl
