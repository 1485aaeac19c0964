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
      node = ChildFor(node, *rel);
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

  Node* ChildFor(Node* node, const catalog::RelationDef& rel) {
    for (const Output& o : node->outputs) {
      if (o.is_relation && o.key == rel.name) return node->children[o.child].get();
    }
    auto child = std::make_unique<Node>();
    child->entity = rel.target;
    child->relation = &rel;
    node->outputs.push_back(
        Output{rel.name, true, catalog::kNoColumn, static_cast<uint32_t>(node->children.size())});
    node->children.push_back(std::move(child));
    return node->children.back().get();
  }

  const catalog::Catalog& catalog_;
};

}  // namespace

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
  const EntityDef& root = catalog.entity(*entity);
  for (const dsl::OrderKey& key : request.pagination.order) {
    if (key.path.size() != 1) {
      return dsl::InvalidAt("ordering through a relation is not supported yet", key.where);
    }
    ColumnId col = root.ColumnIndex(key.path[0]);
    if (col == catalog::kNoColumn) {
      return dsl::InvalidAt("unknown field '" + key.path[0] + "' on entity '" + root.name + "'; " +
                                catalog::Suggest(key.path[0], root.ColumnNames()),
                            key.where);
    }
    plan.root->order.push_back(OrderTerm{col, key.descending});
  }
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
