#include "engine/exec/access.h"

#include <algorithm>

#include "engine/types/datetime.h"
#include "engine/types/float_format.h"

namespace linkgraph::exec {

namespace {

using catalog::ColumnType;
using dsl::CompareOp;
using plan::Predicate;

// The conjuncts of the top-level AND of a filter (nested ANDs spliced).
void Conjuncts(const Predicate& p, std::vector<const Predicate*>* out) {
  if (p.kind != Predicate::Kind::kAnd) {
    out->push_back(&p);
    return;
  }
  for (const Predicate& c : p.children) Conjuncts(c, out);
}

bool Literal(const plan::BoundValue& v) { return v.param.empty(); }

bool HasOrderedIndex(const catalog::ColumnDef& c) {
  return c.index && c.type != ColumnType::kJson && c.type != ColumnType::kArray;
}

// An $eq/$in on a hash-indexed column: hash keys compare bytes, so neither bigNumber (compared
// by value) nor float is looked up this way.
bool IsHashLookup(const Predicate& p, const catalog::EntityDef& entity) {
  if (p.kind != Predicate::Kind::kCompare) return false;
  const catalog::ColumnDef& col = entity.columns[p.column];
  if (!col.hash_indexed || col.type == ColumnType::kBigNumber || col.type == ColumnType::kFloat) {
    return false;
  }
  if (p.op != CompareOp::kEq && p.op != CompareOp::kIn) return false;
  if (p.in_has_null) return false;
  return std::all_of(p.values.begin(), p.values.end(),
                     [](const plan::BoundValue& v) { return Literal(v); });
}

// A comparison usable as a bound of an ordered index.
bool IsRange(const Predicate& p, const catalog::EntityDef& entity) {
  if (p.kind != Predicate::Kind::kCompare || !HasOrderedIndex(entity.columns[p.column])) {
    return false;
  }
  if (p.op != CompareOp::kEq && p.op != CompareOp::kGt && p.op != CompareOp::kGte &&
      p.op != CompareOp::kLt && p.op != CompareOp::kLte) {
    return false;
  }
  return p.values.size() == 1 && Literal(p.values[0]);
}

// Folds the range conjuncts on `column` into bounds: an $eq fixes both; otherwise the first
// lower and the first upper bound (the filter is still evaluated on every row, so any bound
// that holds for all matching rows is correct).
void FoldBounds(const std::vector<const Predicate*>& conjuncts, const catalog::EntityDef& entity,
                catalog::ColumnId column, AccessPath* access) {
  for (const Predicate* p : conjuncts) {
    if (!IsRange(*p, entity) || p->column != column) continue;
    const plan::BoundValue* v = &p->values[0];
    switch (p->op) {
      case CompareOp::kEq:
        access->lower = {v, true};
        access->upper = {v, true};
        return;
      case CompareOp::kGt:
      case CompareOp::kGte:
        if (access->lower.value == nullptr) access->lower = {v, p->op == CompareOp::kGte};
        break;
      case CompareOp::kLt:
      case CompareOp::kLte:
        if (access->upper.value == nullptr) access->upper = {v, p->op == CompareOp::kLte};
        break;
      default:
        break;
    }
  }
}

// An $eq/$in on an enum column whose rows the per-value live counters count.
bool EnumCountable(const Predicate& p, const catalog::EntityDef& entity) {
  return p.kind == Predicate::Kind::kCompare &&
         entity.columns[p.column].type == ColumnType::kEnum &&
         (p.op == CompareOp::kEq || p.op == CompareOp::kIn) && !p.in_has_null &&
         std::all_of(p.values.begin(), p.values.end(), Literal);
}

// Where the count of an `ordered` walk over the whole table comes from.
void ChooseCount(const std::vector<const Predicate*>& conjuncts, const plan::Node& node,
                 const catalog::EntityDef& entity, AccessPath* access) {
  bool whole_table = access->lower.value == nullptr && access->upper.value == nullptr;
  if (!whole_table) return;
  if (conjuncts.empty()) {
    access->count = AccessPath::Count::kLiveRows;
    return;
  }
  if (conjuncts.size() == 1 && !node.with_deleted && EnumCountable(*conjuncts[0], entity)) {
    access->count = AccessPath::Count::kEnumCounter;
    access->count_column = conjuncts[0]->column;
    for (const plan::BoundValue& v : conjuncts[0]->values) access->count_codes.push_back(v.i);
    std::sort(access->count_codes.begin(), access->count_codes.end());
    access->count_codes.erase(std::unique(access->count_codes.begin(), access->count_codes.end()),
                              access->count_codes.end());
  }
}

void AppendValue(const plan::BoundValue& v, ColumnType type, std::string* out) {
  switch (type) {
    case ColumnType::kNumber:
      *out += std::to_string(v.i);
      return;
    case ColumnType::kFloat:
      types::AppendFloat(v.f, out);
      return;
    case ColumnType::kBoolean:
      *out += v.i ? "true" : "false";
      return;
    case ColumnType::kDateTime:
      *out += '\'';
      types::AppendDateTime(v.i, out);
      *out += '\'';
      return;
    case ColumnType::kBigNumber:
      *out += v.s;
      return;
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kEnum:
    case ColumnType::kJson:
    case ColumnType::kArray:
      *out += "'" + v.s + "'";
      return;
  }
}

void AppendBounds(const AccessPath& access, ColumnType type, std::string* out) {
  const AccessPath::Bound& lo = access.lower;
  const AccessPath::Bound& hi = access.upper;
  if (lo.value != nullptr && lo.value == hi.value) {
    *out += " = ";
    AppendValue(*lo.value, type, out);
    return;
  }
  if (lo.value != nullptr) {
    *out += lo.inclusive ? " >= " : " > ";
    AppendValue(*lo.value, type, out);
  }
  if (hi.value != nullptr) {
    *out += lo.value != nullptr ? " and" : "";
    *out += hi.inclusive ? " <= " : " < ";
    AppendValue(*hi.value, type, out);
  }
}

}  // namespace

std::string DescribeAccess(const AccessPath& access, const plan::Node& node,
                           const catalog::EntityDef& entity) {
  std::string out;
  switch (access.kind) {
    case AccessPath::Kind::kPkOrderScan:
      out = "PkOrderScan ";
      break;
    case AccessPath::Kind::kIndexLookup:
      out = "IndexLookup ";
      break;
    case AccessPath::Kind::kIndexRange:
      out = "IndexRange ";
      break;
    case AccessPath::Kind::kIndexOrder:
      out = "IndexOrder ";
      break;
  }
  out += entity.QualifiedName();
  if (access.column != catalog::kNoColumn) {
    const catalog::ColumnDef& col = entity.columns[access.column];
    out += "." + col.name;
    AppendBounds(access, col.type, &out);
  }
  if (access.ordered) out += access.descending ? " desc" : " asc";
  if (node.filter) out += ", filter";
  bool more_keys = access.kind == AccessPath::Kind::kIndexOrder && node.order.size() > 1;
  if ((!access.ordered && !node.order.empty()) || more_keys) out += ", sort";
  if (access.ordered && node.take) {
    out += ", stop after " + std::to_string(node.SkipPlusTake());
  }
  switch (access.count) {
    case AccessPath::Count::kNone:
      out += ", count: none";
      break;
    case AccessPath::Count::kRows:
      out += ", count: rows";
      break;
    case AccessPath::Count::kLiveRows:
      out += ", count: live rows";
      break;
    case AccessPath::Count::kEnumCounter:
      out += ", count: enum counter " + entity.columns[access.count_column].name;
      break;
  }
  return out;
}

AccessPath ChooseAccess(const plan::Node& node, const catalog::Catalog& catalog, bool count) {
  return ChooseAccess(node, catalog.entity(node.entity), count);
}

AccessPath ChooseAccess(const plan::Node& node, const catalog::EntityDef& entity, bool count) {
  AccessPath access;
  access.count = count ? AccessPath::Count::kRows : AccessPath::Count::kNone;
  std::vector<const Predicate*> conjuncts;
  if (node.filter) Conjuncts(*node.filter, &conjuncts);

  // 1. A hash lookup.
  for (const Predicate* p : conjuncts) {
    if (!IsHashLookup(*p, entity)) continue;
    access.kind = AccessPath::Kind::kIndexLookup;
    access.column = p->column;
    for (const plan::BoundValue& v : p->values) access.keys.push_back(&v);
    return access;
  }

  // The walk in the requested order, if any: the primary key's or an ordered index's.
  enum class Walk : uint8_t { kNone, kPk, kIndex } walk = Walk::kNone;
  catalog::ColumnId walk_column = catalog::kNoColumn;
  bool descending = false;
  if (node.order.empty()) {
    walk = Walk::kPk;
  } else if (node.order[0].path.empty()) {
    walk_column = node.order[0].column;
    descending = node.order[0].descending;
    if (walk_column == entity.primary_key) {
      walk = Walk::kPk;
    } else if (HasOrderedIndex(entity.columns[walk_column])) {
      walk = Walk::kIndex;
    }
  }
  catalog::ColumnId range_column = catalog::kNoColumn;
  for (const Predicate* p : conjuncts) {
    if (IsRange(*p, entity)) {
      range_column = p->column;
      break;
    }
  }
  // The walk, with its count: a walk visits the whole table (or the range on its own column)
  // unless it can stop early, which needs a take and a count it need not visit rows for.
  AccessPath walked = access;
  walked.ordered = true;
  walked.descending = descending;
  if (walk == Walk::kIndex) {
    walked.kind = AccessPath::Kind::kIndexOrder;
    walked.column = walk_column;
    FoldBounds(conjuncts, entity, walk_column, &walked);
  }
  if (count) ChooseCount(conjuncts, node, entity, &walked);
  bool walk_stops_early = node.take && walked.count != AccessPath::Count::kRows;
  bool walk_has_range = walked.lower.value != nullptr || walked.upper.value != nullptr;

  if (walk != Walk::kNone &&
      (walk_has_range || range_column == catalog::kNoColumn || walk_stops_early)) {
    return walked;  // rule 2
  }
  if (range_column != catalog::kNoColumn) {
    // 3. A range: it bounds the rows visited, where the walk would visit the whole table.
    access.kind = AccessPath::Kind::kIndexRange;
    access.column = range_column;
    FoldBounds(conjuncts, entity, range_column, &access);
  }
  return access;  // rule 3, or rule 4: scan, then sort
}

}  // namespace linkgraph::exec
