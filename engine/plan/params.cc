#include "engine/plan/params.h"

#include "dsl/location.h"
#include "engine/plan/bind.h"
#include "engine/plan/integer_compare.h"

namespace linkgraph::plan {

namespace {

std::unique_ptr<Node> CloneNode(const Node& n) {
  auto out = std::make_unique<Node>();
  out->entity = n.entity;
  out->relation = n.relation;
  out->outputs = n.outputs;
  out->filter = n.filter;
  out->order = n.order;
  out->skip = n.skip;
  out->take = n.take;
  out->with_deleted = n.with_deleted;
  out->args = n.args;
  out->args_where = n.args_where;
  for (const auto& c : n.children) out->children.push_back(CloneNode(*c));
  return out;
}

absl::Status Unbound(const BoundValue& v) {
  return dsl::InvalidAt("unbound parameter $" + v.param, v.param_where);
}

absl::Status CheckPredicate(const Predicate& p) {
  for (const BoundValue& v : p.values) {
    if (!v.param.empty()) return Unbound(v);
  }
  for (const Predicate& c : p.children) {
    absl::Status s = CheckPredicate(c);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckNode(const Node& n) {
  if (n.filter) {
    absl::Status s = CheckPredicate(*n.filter);
    if (!s.ok()) return s;
  }
  for (const auto& c : n.children) {
    absl::Status s = CheckNode(*c);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status BindPredicate(Predicate* p, catalog::EntityId entity, const ParamLiterals& params,
                           const catalog::Catalog& catalog) {
  if (p->kind == Predicate::Kind::kExists) {
    for (Predicate& c : p->children) {
      absl::Status s = BindPredicate(&c, p->relation->target, params, catalog);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }
  for (Predicate& c : p->children) {
    absl::Status s = BindPredicate(&c, entity, params, catalog);
    if (!s.ok()) return s;
  }
  for (BoundValue& v : p->values) {
    if (v.param.empty()) continue;
    auto it = params.find(v.param);
    if (it == params.end()) return Unbound(v);
    std::string where = "parameter $" + v.param;
    const catalog::ColumnDef& col = catalog.entity(entity).columns[p->column];
    if (it->second.kind == dsl::Literal::Kind::kNull) {
      return dsl::InvalidAt("parameter $" + v.param + " is null: use is null instead", where);
    }
    absl::StatusOr<BoundValue> bound = BindLiteral(it->second, col, where);
    if (!bound.ok()) return bound.status();
    v = std::move(*bound);
  }
  FitIntegerCompare(p);
  return absl::OkStatus();
}

absl::Status BindNode(Node* n, const ParamLiterals& params, const catalog::Catalog& catalog) {
  if (n->filter) {
    absl::Status s = BindPredicate(&*n->filter, n->entity, params, catalog);
    if (!s.ok()) return s;
  }
  for (auto& c : n->children) {
    absl::Status s = BindNode(c.get(), params, catalog);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

Plan ClonePlan(const Plan& plan) {
  Plan out;
  out.count = plan.count;
  out.root = CloneNode(*plan.root);
  return out;
}

absl::Status BindParams(Plan* plan, const ParamLiterals& params, const catalog::Catalog& catalog) {
  return BindNode(plan->root.get(), params, catalog);
}

absl::Status CheckNoParams(const Plan& plan) { return CheckNode(*plan.root); }

absl::Status CheckNoParams(const Predicate& filter) { return CheckPredicate(filter); }

}  // namespace linkgraph::plan
