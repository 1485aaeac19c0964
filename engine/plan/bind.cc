#include "engine/plan/bind.h"

#include <algorithm>

#include "dsl/location.h"
#include "engine/catalog/suggest.h"

namespace linkgraph::plan {

namespace {

using catalog::ColumnId;
using catalog::EntityDef;

class FieldBinder {
 public:
  explicit FieldBinder(const catalog::Catalog& catalog) : catalog_(catalog) {}

  absl::Status BindField(const dsl::FieldPath& field, Node* root) {
    Node* node = root;
    size_t n = field.segments.size();
    for (size_t i = 0; i < n; ++i) {
      const dsl::FieldSegment& seg = field.segments[i];
      const EntityDef& entity = catalog_.entity(node->entity);
      bool last = i + 1 == n && !field.star;
      if (last) {
        ColumnId col = entity.ColumnIndex(seg.name);
        if (col != catalog::kNoColumn) {
          AddColumn(node, entity, col);
          return absl::OkStatus();
        }
      }
      const catalog::RelationDef* rel = entity.FindRelation(seg.name);
      if (rel == nullptr) {
        std::string where = dsl::FieldWhere(field.index, field.text, seg.offset);
        if (!last && entity.FindColumn(seg.name) != nullptr) {
          return dsl::InvalidAt("'" + seg.name + "' is a field of entity '" + entity.name +
                                    "', not a relation",
                                where);
        }
        std::vector<std::string_view> known = entity.RelationNames();
        if (last) {
          std::vector<std::string_view> cols = entity.ColumnNames();
          cols.insert(cols.end(), known.begin(), known.end());
          known = std::move(cols);
        }
        return dsl::InvalidAt(std::string(last ? "unknown field '" : "unknown alias '") + seg.name +
                                  "' on entity '" + entity.name + "'; " +
                                  catalog::Suggest(seg.name, known),
                              where);
      }
      absl::StatusOr<Node*> child = ChildFor(node, *rel, seg, field);
      if (!child.ok()) return child.status();
      node = *child;
      if (last) ExpandStar(node);  // a bare relation name means relation.*
    }
    if (field.star) ExpandStar(node);
    return absl::OkStatus();
  }

  static void ExpandStar(Node* node, const EntityDef& entity) {
    for (ColumnId c = 0; c < entity.columns.size(); ++c) AddColumn(node, entity, c);
  }

 private:
  void ExpandStar(Node* node) { ExpandStar(node, catalog_.entity(node->entity)); }

  static void AddColumn(Node* node, const EntityDef& entity, ColumnId col) {
    const std::string& key = entity.columns[col].name;
    for (const Output& o : node->outputs) {
      if (o.key == key) return;
    }
    node->outputs.push_back(Output{key, false, col, 0});
  }

  absl::StatusOr<Node*> ChildFor(Node* node, const catalog::RelationDef& rel,
                                 const dsl::FieldSegment& seg, const dsl::FieldPath& field) {
    Node* child = nullptr;
    for (const Output& o : node->outputs) {
      if (o.is_relation && o.key == rel.name) child = node->children[o.child].get();
    }
    if (child == nullptr) {
      auto created = std::make_unique<Node>();
      created->entity = rel.target;
      created->relation = &rel;
      node->outputs.push_back(Output{rel.name, true, catalog::kNoColumn,
                                     static_cast<uint32_t>(node->children.size())});
      node->children.push_back(std::move(created));
      child = node->children.back().get();
    }
    if (seg.args == nullptr) return child;
    std::string where = dsl::FieldWhere(field.index, field.text, seg.offset);
    if (child->args != nullptr) {
      if (*child->args == *seg.args) return child;
      return dsl::InvalidAt("relation '" + rel.name + "' has two different argument lists, at " +
                                child->args_where + " and here",
                            where);
    }
    child->args = seg.args.get();
    child->args_where = where;
    absl::Status s = ApplyArgs(*seg.args, child, where);
    if (!s.ok()) return s;
    return child;
  }

  absl::Status ApplyArgs(const dsl::RelationArgs& args, Node* child, const std::string& where) {
    const catalog::EntityDef& target = catalog_.entity(child->entity);
    if (args.filter) {
      bool mentions_deleted = false;
      absl::StatusOr<Predicate> pred =
          BindFilter(*args.filter, catalog_, child->entity, &mentions_deleted);
      if (!pred.ok()) return pred.status();
      child->filter = std::move(*pred);
      if (mentions_deleted) child->with_deleted = true;
    }
    if (args.with_deleted) child->with_deleted = true;
    bool single = child->relation->kind == catalog::RelationKind::kSingle;
    if (single && (!args.order.empty() || args.skip || args.take)) {
      return dsl::InvalidAt("relation '" + child->relation->name +
                                "' is a single relation: it takes a filter only",
                            where);
    }
    absl::StatusOr<std::vector<OrderTerm>> order = BindOrder(args.order, catalog_, target);
    if (!order.ok()) return order.status();
    child->order = std::move(*order);
    child->skip = args.skip.value_or(0);
    child->take = args.take;
    return absl::OkStatus();
  }

  const catalog::Catalog& catalog_;
};

}  // namespace

absl::StatusOr<std::vector<OrderTerm>> BindOrder(const std::vector<dsl::OrderKey>& keys,
                                                 const catalog::Catalog& catalog,
                                                 const EntityDef& entity) {
  std::vector<OrderTerm> out;
  for (const dsl::OrderKey& key : keys) {
    OrderTerm term;
    term.descending = key.descending;
    const EntityDef* e = &entity;
    for (size_t i = 0; i + 1 < key.path.size(); ++i) {
      const catalog::RelationDef* rel = e->FindRelation(key.path[i]);
      if (rel == nullptr) {
        return dsl::InvalidAt("unknown alias '" + key.path[i] + "' on entity '" + e->name +
                                  "'; " + catalog::Suggest(key.path[i], e->RelationNames()),
                              key.where);
      }
      if (rel->kind != catalog::RelationKind::kSingle) {
        return dsl::InvalidAt("cannot order by '" + key.path[i] + "': it is a list relation of '" +
                                  e->name + "' (order through single relations only)",
                              key.where);
      }
      term.path.push_back(rel);
      e = &catalog.entity(rel->target);
    }
    const std::string& name = key.path.back();
    term.column = e->ColumnIndex(name);
    if (term.column == catalog::kNoColumn) {
      return dsl::InvalidAt("unknown field '" + name + "' on entity '" + e->name + "'; " +
                                catalog::Suggest(name, e->ColumnNames()),
                            key.where);
    }
    catalog::ColumnType t = e->columns[term.column].type;
    if (t == catalog::ColumnType::kJson || t == catalog::ColumnType::kArray) {
      return dsl::InvalidAt("cannot order by " + std::string(catalog::ColumnTypeName(t)) +
                                " field '" + name + "'",
                            key.where);
    }
    out.push_back(std::move(term));
  }
  return out;
}

absl::StatusOr<Plan> Bind(const dsl::Request& request, const catalog::Catalog& catalog) {
  absl::StatusOr<catalog::EntityId> entity = catalog.ResolveEntity(request.entity);
  if (!entity.ok()) return dsl::InvalidAt(dsl::Msg(entity.status()), "entity");
  Plan plan;
  plan.root = std::make_unique<Node>();
  plan.root->entity = *entity;
  plan.root->with_deleted = request.with_deleted;
  plan.count = request.pagination.count;
  if (request.fields.empty()) return dsl::InvalidAt("fields must not be empty", "fields");
  FieldBinder binder(catalog);
  for (const dsl::FieldPath& field : request.fields) {
    absl::Status s = binder.BindField(field, plan.root.get());
    if (!s.ok()) return s;
  }
  if (request.filters) {
    bool mentions_deleted = false;
    absl::StatusOr<Predicate> pred =
        BindFilter(*request.filters, catalog, *entity, &mentions_deleted);
    if (!pred.ok()) return pred.status();
    plan.root->filter = std::move(*pred);
    if (mentions_deleted) plan.root->with_deleted = true;
  }
  absl::StatusOr<std::vector<OrderTerm>> order =
      BindOrder(request.pagination.order, catalog, catalog.entity(*entity));
  if (!order.ok()) return order.status();
  plan.root->order = std::move(*order);
  plan.root->skip = request.pagination.skip.value_or(0);
  plan.root->take = request.pagination.take;
  // withDeleted applies to the whole query.
  if (request.with_deleted) {
    std::vector<Node*> stack = {plan.root.get()};
    while (!stack.empty()) {
      Node* n = stack.back();
      stack.pop_back();
      n->with_deleted = true;
      for (auto& c : n->children) stack.push_back(c.get());
    }
  }
  return plan;
}

}  // namespace linkgraph::plan
