// Filters: dsl::FilterExpr -> plan::Predicate, names resolved and literals typed.
#include <algorithm>

#include "dsl/location.h"
#include "engine/catalog/suggest.h"
#include "engine/plan/bind.h"
#include "engine/plan/bind_match.h"
#include "engine/plan/integer_compare.h"
#include "engine/types/value_convert.h"

namespace linkgraph::plan {

namespace {

using catalog::ColumnDef;
using catalog::ColumnType;
using catalog::EntityDef;
using dsl::CompareOp;
using dsl::FilterExpr;
using dsl::Literal;

// Levels of a bound filter: and, or, not, and one per relation a path goes through. Checked
// before each level is bound, a dotted path's whole length at once (before anything is copied).
constexpr size_t kMaxBindDepth = 256;

absl::Status TooDeep(const std::string& where) {
  return dsl::InvalidAt("filter nested deeper than " + std::to_string(kMaxBindDepth), where);
}

class FilterBinder {
 public:
  FilterBinder(const catalog::Catalog& catalog, bool* with_deleted)
      : catalog_(catalog), with_deleted_(with_deleted) {}

  absl::StatusOr<Predicate> Bind(const FilterExpr& f, catalog::EntityId entity, size_t depth) {
    if (depth > kMaxBindDepth) return TooDeep(f.where);
    const EntityDef& def = catalog_.entity(entity);
    switch (f.kind) {
      case FilterExpr::Kind::kAnd:
      case FilterExpr::Kind::kOr:
      case FilterExpr::Kind::kNot: {
        Predicate p;
        p.kind = f.kind == FilterExpr::Kind::kAnd  ? Predicate::Kind::kAnd
                 : f.kind == FilterExpr::Kind::kOr ? Predicate::Kind::kOr
                                                   : Predicate::Kind::kNot;
        for (const FilterExpr& c : f.children) {
          absl::StatusOr<Predicate> b = Bind(c, entity, depth + 1);
          if (!b.ok()) return b.status();
          p.children.push_back(std::move(*b));
        }
        return p;
      }
      case FilterExpr::Kind::kSearch:
        return BindSearch(f, def);
      case FilterExpr::Kind::kGroup:
      case FilterExpr::Kind::kCompare:
        break;
    }
    return BindPath(f, 0, entity, depth);
  }

 private:
  // `f` (a kCompare or kGroup) from its path's name `from` on, at `entity`: each relation on the
  // way is one EXISTS. The path is walked by index, never copied, so a long dotted path costs
  // its length once; its depth is checked before the walk.
  absl::StatusOr<Predicate> BindPath(const FilterExpr& f, size_t from, catalog::EntityId entity,
                                     size_t depth) {
    bool is_group = f.kind == FilterExpr::Kind::kGroup;
    if (from >= f.path.size()) return dsl::InvalidAt("a filter needs a field name", f.where);
    size_t hops = f.path.size() - from - (is_group ? 0 : 1);
    if (depth + hops > kMaxBindDepth) return TooDeep(f.where);
    const EntityDef& def = catalog_.entity(entity);
    const std::string& head = f.path[from];
    if (hops == 0) return BindCompare(f, head, def);
    const catalog::RelationDef* rel = def.FindRelation(head);
    if (rel == nullptr) {
      if (def.FindColumn(head) != nullptr) {
        return dsl::InvalidAt(
            "'" + dsl::Clip(head) + "' is a field of entity '" + def.name + "', not a relation",
            f.where);
      }
      return dsl::InvalidAt("unknown alias '" + dsl::Clip(head) + "' on entity '" + def.name +
                                "'; " + catalog::Suggest(head, def.RelationNames()),
                            f.where);
    }
    Predicate exists;
    exists.kind = Predicate::Kind::kExists;
    exists.relation = rel;
    if (is_group && from + 1 == f.path.size()) {
      // The group's children all hold for one related row.
      Predicate all;
      all.kind = Predicate::Kind::kAnd;
      for (const FilterExpr& c : f.children) {
        absl::StatusOr<Predicate> b = Bind(c, rel->target, depth + 2);
        if (!b.ok()) return b.status();
        all.children.push_back(std::move(*b));
      }
      exists.children.push_back(std::move(all));
      return exists;
    }
    absl::StatusOr<Predicate> inner = BindPath(f, from + 1, rel->target, depth + 1);
    if (!inner.ok()) return inner.status();
    exists.children.push_back(std::move(*inner));
    return exists;
  }

  absl::StatusOr<Predicate> BindSearch(const FilterExpr& f, const EntityDef& def) {
    if (f.values.empty() || f.values[0].kind != Literal::Kind::kString) {
      return dsl::InvalidAt("q takes a string", f.where);
    }
    Predicate any;
    any.kind = Predicate::Kind::kOr;
    for (catalog::ColumnId c = 0; c < def.columns.size(); ++c) {
      if (!def.columns[c].searchable) continue;
      Predicate p;
      p.kind = Predicate::Kind::kCompare;
      p.column = c;
      p.type = def.columns[c].type;
      p.op = CompareOp::kILike;
      // Substring match with % and _ literal: escape them for the like matcher.
      std::string pattern = "%";
      for (char ch : f.values[0].text) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
      }
      pattern += "%";
      BoundValue v;
      v.s = std::move(pattern);
      p.values.push_back(std::move(v));
      any.children.push_back(std::move(p));
    }
    if (any.children.empty()) {
      return dsl::InvalidAt("entity '" + def.name + "' has no searchable property for q", f.where);
    }
    return any;
  }

  // `f`'s comparison on the field `name` of `def` (the last name of its path).
  absl::StatusOr<Predicate> BindCompare(const FilterExpr& f, const std::string& name,
                                        const EntityDef& def) {
    catalog::ColumnId col = def.ColumnIndex(name);
    if (col == catalog::kNoColumn) {
      const catalog::RelationDef* rel = def.FindRelation(name);
      if (rel != nullptr && f.op == CompareOp::kExists) {
        Predicate exists;
        exists.kind = Predicate::Kind::kExists;
        exists.relation = rel;
        if (f.values[0].boolean) return exists;
        Predicate neg;
        neg.kind = Predicate::Kind::kNot;
        neg.children.push_back(std::move(exists));
        return neg;
      }
      if (rel != nullptr) {
        return dsl::InvalidAt("'" + dsl::Clip(name) + "' is a relation of entity '" + def.name +
                                  "'; filter on its fields",
                              f.where);
      }
      std::vector<std::string_view> known = def.ColumnNames();
      for (std::string_view r : def.RelationNames()) known.push_back(r);
      return dsl::InvalidAt("unknown field '" + dsl::Clip(name) + "' on entity '" + def.name +
                                "'; " + catalog::Suggest(name, known),
                            f.where);
    }
    if (col == def.deleted_at) *with_deleted_ = true;
    const ColumnDef& cd = def.columns[col];
    Predicate p;
    p.kind = Predicate::Kind::kCompare;
    p.column = col;
    p.type = cd.type;
    p.op = f.op;
    if (f.op == CompareOp::kExists) {
      p.kind = f.values[0].boolean ? Predicate::Kind::kIsNotNull : Predicate::Kind::kIsNull;
      return p;
    }
    if (f.op == CompareOp::kEq || f.op == CompareOp::kNe) {
      if (f.values.size() == 1 && f.values[0].kind == Literal::Kind::kNull) {
        p.kind = f.op == CompareOp::kEq ? Predicate::Kind::kIsNull : Predicate::Kind::kIsNotNull;
        return p;
      }
    }
    bool list_op = f.op == CompareOp::kIn || f.op == CompareOp::kNin;
    if (f.op == CompareOp::kRe || f.op == CompareOp::kContains) {
      absl::Status s = f.op == CompareOp::kRe ? BindRegex(f, cd, &p) : BindContains(f, cd, &p);
      if (!s.ok()) return s;
      return p;
    }
    if (f.op == CompareOp::kLike || f.op == CompareOp::kILike) {
      if (cd.type != ColumnType::kText && cd.type != ColumnType::kId &&
          cd.type != ColumnType::kEnum) {
        return dsl::InvalidAt("like applies to text, not to " +
                                  std::string(catalog::ColumnTypeName(cd.type)) + " '" + cd.name +
                                  "'",
                              f.where);
      }
      if (f.values.size() != 1 || f.values[0].kind != Literal::Kind::kString) {
        return dsl::InvalidAt("like takes a string pattern", f.where);
      }
      BoundValue v;
      v.s = f.values[0].text;
      p.values.push_back(std::move(v));
      return p;
    }
    for (size_t i = 0; i < f.values.size(); ++i) {
      const Literal& lit = f.values[i];
      std::string where = list_op ? f.where + "[" + std::to_string(i) + "]" : f.where;
      if (lit.kind == Literal::Kind::kNull) {
        if (!list_op) return dsl::InvalidAt("null can only be compared with = or !=", f.where);
        p.in_has_null = true;
        continue;
      }
      absl::StatusOr<BoundValue> v = BindLiteral(lit, cd, where);
      if (!v.ok()) return v.status();
      p.values.push_back(std::move(*v));
    }
    FitIntegerCompare(&p);
    return p;
  }

  const catalog::Catalog& catalog_;
  bool* with_deleted_;
};

}  // namespace

types::InputValue InputOf(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return types::InputValue::Null();
    case Literal::Kind::kBool:
      return types::InputValue::Bool(lit.boolean);
    case Literal::Kind::kNumber:
      return types::InputValue::Number(lit.text);
    case Literal::Kind::kString:
    case Literal::Kind::kParam:
      return types::InputValue::String(lit.text);
    case Literal::Kind::kJson:
      return types::InputValue::Document(lit.text);
  }
  return types::InputValue::Null();
}

absl::StatusOr<BoundValue> BindLiteral(const Literal& lit, const ColumnDef& col,
                                       const std::string& where) {
  BoundValue v;
  if (lit.kind == Literal::Kind::kParam) {
    v.param = lit.text;
    v.param_where = lit.where.empty() ? where : lit.where;
    return v;
  }
  if (lit.kind == Literal::Kind::kNull) {
    v.is_null = true;
    return v;
  }
  if (col.type == ColumnType::kJson || col.type == ColumnType::kArray) {
    return dsl::InvalidAt("comparing " + std::string(catalog::ColumnTypeName(col.type)) +
                              " values is not supported yet",
                          where);
  }
  // The conversion writes use (engine/types/value_convert.h): the same texts are accepted and
  // refused, with the same messages.
  std::string scratch;
  absl::StatusOr<types::ConvertedValue> c =
      types::ConvertInput(InputOf(lit), col, types::InputUse::kFilter, &scratch);
  if (!c.ok()) return dsl::InvalidAt(dsl::Msg(c.status()), where);
  v.i = c->i;
  v.f = c->f;
  v.inexact = c->inexact;
  v.beyond = c->beyond;
  if (catalog::IsStringStored(col.type) || col.type == ColumnType::kEnum) v.s = std::string(c->s);
  return v;
}

absl::StatusOr<Predicate> BindFilter(const FilterExpr& filter, const catalog::Catalog& catalog,
                                     catalog::EntityId entity, bool* with_deleted) {
  FilterBinder binder(catalog, with_deleted);
  return binder.Bind(filter, entity, 0);
}

}  // namespace linkgraph::plan
