#include <algorithm>
#include <memory>
#include <span>
#include <string>

#include "base/json_string.h"
#include "dsl/location.h"
#include "engine/exec/access.h"
#include "engine/exec/gather.h"
#include "engine/exec/hop.h"
#include "engine/exec/index_scan.h"
#include "engine/exec/per_parent.h"
#include "engine/exec/program.h"
#include "engine/exec/scan.h"

namespace linkgraph::exec {

namespace {

absl::Status CheckParams(const plan::Predicate& p) {
  for (const plan::BoundValue& v : p.values) {
    if (!v.param.empty()) return absl::InvalidArgumentError("unbound parameter $" + v.param);
  }
  for (const plan::Predicate& c : p.children) {
    absl::Status s = CheckParams(c);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<NodeProgram>> BuildNode(const plan::Node& node, bool root,
                                                       const catalog::Catalog& catalog,
                                                       bool count) {
  auto prog = std::make_unique<NodeProgram>();
  prog->node = &node;
  if (node.filter) {
    absl::Status s = CheckParams(*node.filter);
    if (!s.ok()) return s;
  }
  if (root) prog->access = ChooseAccess(node, catalog, count);
  for (const auto& child : node.children) {
    auto c = BuildNode(*child, false, catalog, count);
    if (!c.ok()) return c.status();
    prog->children.push_back(std::move(*c));
  }
  return prog;
}

bool RequiresIndex(const store::Table& table, const AccessPath& access) {
  switch (access.kind) {
    case AccessPath::Kind::kPkOrderScan: return true;
    case AccessPath::Kind::kIndexLookup: return table.hash_index(access.column) != nullptr;
    case AccessPath::Kind::kIndexRange:
    case AccessPath::Kind::kIndexOrder: return table.ordered_index(access.column) != nullptr;
  }
  return false;
}

// Fills `out` with the outputs of `prog` for `rows`, recursing into relations. Every array of
// the result is taken from `arena`.
//
// For a few scattered rows (a point query, a short nested list) the cost is cache misses, so the
// order of work is chosen to overlap them: first start loading every scalar output value, then
// walk the relations' indexes (chains of dependent misses) while those loads are in flight, then
// gather the now-cached values, then descend.
void Materialize(const store::Store& store, const NodeProgram& prog,
                 std::span<const uint32_t> rows, result::Arena& arena, result::Node* out) {
  const plan::Node& node = *prog.node;
  const store::Table& table = store.table(node.entity);
  out->rows = static_cast<uint32_t>(rows.size());
  size_t relations = 0;
  for (const plan::Output& o : node.outputs) relations += o.is_relation ? 1 : 0;
  std::span<result::Key> keys = arena.Allocate<result::Key>(node.outputs.size());
  std::span<result::ValueColumn> columns =
      arena.Allocate<result::ValueColumn>(node.outputs.size() - relations);
  std::span<result::ChildRows> children = arena.Allocate<result::ChildRows>(relations);
  out->keys = keys;
  out->columns = columns;
  out->children = children;

  if (rows.size() <= kPrefetchRows) {
    for (const plan::Output& o : node.outputs) {
      if (o.is_relation) continue;
      const store::Column& column = table.column(o.column);
      for (uint32_t r : rows) column.Prefetch(r);
    }
  }

  // Keys, and the hop of each relation output.
  std::vector<std::vector<uint32_t>> child_rows(relations);
  size_t ncol = 0, nrel = 0;
  std::string json;
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    const plan::Output& o = node.outputs[k];
    result::Key& key = keys[k];
    key.name = arena.CopyString(o.key);
    json.clear();
    base::AppendJsonString(o.key, &json);
    json.push_back(':');
    key.json = arena.CopyString(json);
    key.is_relation = o.is_relation;
    if (!o.is_relation) {
      key.index = static_cast<uint32_t>(ncol++);
      continue;
    }
    const plan::Node& cn = *prog.children[o.child]->node;
    result::ChildRows& rel = children[nrel];
    std::vector<uint32_t>& related = child_rows[nrel];
    key.index = static_cast<uint32_t>(nrel++);
    rel.is_list = cn.relation->kind == catalog::RelationKind::kList;
    std::vector<uint32_t> offsets;
    if (InterruptCheck()) return;
    Hop(store, *cn.relation, rows, cn.with_deleted, cn.filter ? &*cn.filter : nullptr, &offsets,
        &related);
    if (InterruptRequested()) return;
    if (!cn.order.empty() || cn.skip > 0 || cn.take) {
      OrderAndSlicePerParent(store, cn, &offsets, &related);
    }
    rel.offsets = arena.Copy(std::span<const uint32_t>(offsets));
  }

  // Scalar values.
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    const plan::Output& o = node.outputs[k];
    if (o.is_relation) continue;
    result::ValueColumn& c = columns[keys[k].index];
    c = GatherColumn(table, o.column, rows, arena);
    if (Interrupt* interrupt = Interrupt::Current()) {
      if (interrupt->AddBytes(c.string_bytes + rows.size() * 8)) return;
    }
  }

  // Related rows.
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    const plan::Output& o = node.outputs[k];
    if (!o.is_relation) continue;
    const uint32_t r = keys[k].index;
    std::span<result::Node> child_node = arena.Allocate<result::Node>(1);
    children[r].node = child_node.data();
    Materialize(store, *prog.children[o.child], child_rows[r], arena, child_node.data());
    if (InterruptRequested()) return;
  }
}

// EXISTS filters, evaluated per candidate row as semi-joins (anti under NOT) through the
// relation's indexes.
void DumpFilter(const plan::Predicate& p, const catalog::Catalog& catalog, int depth, bool negated,
                std::string* out) {
  using K = plan::Predicate::Kind;
  if (p.kind == K::kExists) {
    out->append(static_cast<size_t>(depth) * 2, ' ');
    *out += std::string(negated ? "AntiSemiJoin " : "SemiJoin ") + p.relation->name + " -> " +
            catalog.entity(p.relation->target).QualifiedName() + " (" +
            std::to_string(p.relation->steps.size()) +
            (p.relation->steps.size() == 1 ? " step" : " steps") +
            (p.children.empty() ? ")" : ", filter)") + "\n";
    for (const plan::Predicate& c : p.children) DumpFilter(c, catalog, depth + 1, false, out);
    return;
  }
  for (const plan::Predicate& c : p.children) {
    DumpFilter(c, catalog, depth, negated != (p.kind == K::kNot), out);
  }
}

// Estimated rows of the root: the postings of an index lookup, the page of an ordered walk that
// stops early, else the table's live rows.
double EstimateRoot(const NodeProgram& prog, const store::Store& store) {
  const plan::Node& node = *prog.node;
  const store::Table& table = store.table(node.entity);
  double live = static_cast<double>(table.live_count());
  if (prog.access.kind == AccessPath::Kind::kIndexLookup) {
    return static_cast<double>(IndexLookupRows(table, prog.access).size());
  }
  if (prog.access.ordered && node.take) {
    return std::min(live, static_cast<double>(node.SkipPlusTake()));
  }
  return live;
}

// Estimated rows of a hop from `parents` rows: rows per parent from the two tables' sizes.
double EstimateHop(const plan::Node& node, double parents, const store::Store& store) {
  const store::Table& from = store.table(node.relation->source);
  const store::Table& to = store.table(node.entity);
  double per_parent = from.live_count() == 0 ? 0.0
                                             : static_cast<double>(to.live_count()) /
                                                   static_cast<double>(from.live_count());
  if (node.relation->kind == catalog::RelationKind::kSingle) per_parent = std::min(1.0, per_parent);
  double rows = parents * per_parent;
  if (node.take) rows = std::min(rows, parents * static_cast<double>(*node.take));
  return rows;
}

void Dump(const NodeProgram& prog, const catalog::Catalog& catalog, const store::Store* store,
          double parent_rows, int depth, std::string* out) {
  const plan::Node& node = *prog.node;
  const catalog::EntityDef& e = catalog.entity(node.entity);
  out->append(static_cast<size_t>(depth) * 2, ' ');
  if (node.relation == nullptr) {
    *out += DescribeAccess(prog.access, node, e);
  } else {
    *out += "Hop " + node.relation->name + " -> " + e.QualifiedName() + " (" +
            std::to_string(node.relation->steps.size()) + " step";
    *out += node.relation->steps.size() == 1 ? ")" : "s)";
  }
  double rows = 0;
  if (store != nullptr) {
    rows = node.relation == nullptr ? EstimateRoot(prog, *store)
                                    : EstimateHop(node, parent_rows, *store);
    *out += " [est. " + std::to_string(static_cast<int64_t>(rows + 0.5)) + " rows]";
  }
  *out += "\n";
  if (node.filter) DumpFilter(*node.filter, catalog, depth + 1, false, out);
  for (const auto& c : prog.children) Dump(*c, catalog, store, rows, depth + 1, out);
}

}  // namespace

absl::StatusOr<Program> Build(const plan::Plan& plan, const catalog::Catalog& catalog) {
  Program program;
  program.count = plan.count;
  auto root = BuildNode(*plan.root, true, catalog, plan.count);
  if (!root.ok()) return root.status();
  program.root = std::move(*root);
  return program;
}

absl::StatusOr<std::shared_ptr<result::ResultData>> Execute(const Program& program,
                                                            const store::Store& store,
                                                            const QueryLimits& limits) {
  const plan::Node& root = *program.root->node;
  if (!RequiresIndex(store.table(root.entity), program.root->access)) {
    return absl::InternalError("access path names a column without an index");
  }
  Interrupt interrupt(limits);
  if (interrupt.Check()) return interrupt.status();
  ScanOutput scan = ScanRoot(store, root, program.root->access);
  if (!interrupt.status().ok()) return interrupt.status();
  auto data = std::make_shared<result::ResultData>();
  data->meta.paged = true;
  if (program.count) data->meta.count = scan.count;
  data->meta.skip = root.skip;
  data->meta.take = root.take;
  Materialize(store, *program.root, scan.rows, data->arena, &data->root);
  if (!interrupt.status().ok()) return interrupt.status();
  return data;
}

absl::StatusOr<std::shared_ptr<result::ResultData>> ExecuteRows(
    const Program& program, const store::Store& store, const std::vector<uint32_t>& rows) {
  auto data = std::make_shared<result::ResultData>();
  data->meta.paged = false;
  data->meta.count = static_cast<int64_t>(rows.size());
  Materialize(store, *program.root, rows, data->arena, &data->root);
  return data;
}

std::string DumpProgram(const Program& program, const catalog::Catalog& catalog,
                        const store::Store* store) {
  std::string out;
  Dump(*program.root, catalog, store, 0, 0, &out);
  return out;
}

}  // namespace linkgraph::exec
