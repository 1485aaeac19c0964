// The logical plan: a request with every name resolved against the catalog and every literal
// converted to the type of the column it meets. Produced by plan::Bind, consumed by exec::Build.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.h"
#include "engine/catalog/catalog.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace linkgraph::plan {

// A literal converted to a column's type (see store::Cell for which member is meaningful).
struct BoundValue {
  bool is_null = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  // A number column's literal that no int64 equals (non-integral, or beyond the int64 range),
  // between BindLiteral and FitIntegerCompare (integer_compare.h), which rewrites the
  // comparison: `i` is its floor when `beyond` is 0; `beyond` is -1 / +1 when the value lies
  // below / above the int64 range. The executor never sees one.
  bool inexact = false;
  int8_t beyond = 0;
  std::string param;        // non-empty: a parameter, bound at execution
  std::string param_where;  // with `param`: where the request names it ("filters.rank.$gte")
};

// A bound filter. Evaluated with SQL three-valued logic.
//
// kCompare with op kRe: `regex` is the pattern compiled at bind time (values[0].s its text),
// matched as an unanchored search over the text (enums: their value's text). With op kContains:
// values[0].s is the canonical JSON text of what must be contained — for an array column the
// JSON array of the given texts, for a json column the given document (see BindContains) —
// tested with types::JsonContains.
struct Predicate {
  enum class Kind : uint8_t { kAnd, kOr, kNot, kCompare, kIsNull, kIsNotNull, kExists };
  Kind kind = Kind::kAnd;
  std::vector<Predicate> children;
  // kCompare / kIsNull / kIsNotNull
  catalog::ColumnId column = catalog::kNoColumn;
  catalog::ColumnType type = catalog::ColumnType::kText;
  dsl::CompareOp op = dsl::CompareOp::kEq;
  std::vector<BoundValue> values;
  bool in_has_null = false;  // kIn/kNin: the list holds null
  std::shared_ptr<const re2::RE2> regex;  // kRe; thread-safe to share between queries
  // kExists: some visible row reached through `relation` satisfies children[0] (if any).
  const catalog::RelationDef* relation = nullptr;
  bool with_deleted = false;
};

// An order key: `column` of the entity reached from the node's rows through `path` (single
// relations only; empty for the node's own column).
struct OrderTerm {
  std::vector<const catalog::RelationDef*> path;
  catalog::ColumnId column = catalog::kNoColumn;
  bool descending = false;
};

// One output key of a node, in request order.
struct Output {
  std::string key;
  bool is_relation = false;
  catalog::ColumnId column = catalog::kNoColumn;  // !is_relation
  uint32_t child = 0;                             // is_relation: index into Node::children
};

struct Node {
  catalog::EntityId entity = 0;
  const catalog::RelationDef* relation = nullptr;  // how the parent reaches this node; root: null
  std::vector<Output> outputs;
  std::vector<std::unique_ptr<Node>> children;
  std::optional<Predicate> filter;
  std::vector<OrderTerm> order;
  int64_t skip = 0;
  std::optional<int64_t> take;
  // skip + take, saturating at the int64 range (both may be up to INT64_MAX). REQUIRES: take.
  int64_t SkipPlusTake() const {
    int64_t sum = 0;
    if (__builtin_add_overflow(skip, *take, &sum)) return INT64_MAX;
    return sum;
  }
  bool with_deleted = false;
  // Relation nodes: where their argument list was written (to report a second, different one).
  const dsl::RelationArgs* args = nullptr;
  std::string args_where;
};

struct Plan {
  std::unique_ptr<Node> root;
  bool count = true;  // compute metadata.count
};

}  // namespace linkgraph::plan
