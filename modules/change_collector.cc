#include "modules/change_collector.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "base/json_string.h"
#include "engine/types/hash_grow.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

namespace {

using store::Transaction;

// What the commit did to one row that existed before it.
struct Touched {
  catalog::EntityId entity = 0;
  uint32_t row = 0;
  size_t first = 0;          // index of its first write in the commit
  bool killed = false;
  bool fields_set = false;   // a column other than deleted_at
  bool deleted_at_set = false;
  bool soft_before = false;  // soft-deleted before the commit
};

// `ProductVariant` → `product-variant`, as Medusa names an object in its events.
std::string Kebab(const std::string& pascal) {
  std::string out;
  for (size_t i = 0; i < pascal.size(); ++i) {
    char c = pascal[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0) out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c == '_' ? '-' : c;
    }
  }
  return out;
}

std::string EventName(const catalog::EntityDef& def, ChangeKind kind, bool link) {
  if (link) {
    const char* action = kind == ChangeKind::kUpdated                                ? "updated"
                         : kind == ChangeKind::kAttached || kind == ChangeKind::kRestored ? "attached"
                                                                                        : "detached";
    return def.pascal + "." + action;
  }
  const char* action = kind == ChangeKind::kCreated    ? "created"
                       : kind == ChangeKind::kUpdated  ? "updated"
                       : kind == ChangeKind::kRestored ? "restored"
                                                       : "deleted";
  return Kebab(def.pascal) + "." + action;
}

std::string KeyJson(const store::Column& c, uint32_t row) {
  return catalog::IsStringStored(c.type()) ? base::QuoteJson(c.GetString(row))
                                           : std::to_string(c.GetInt(row));
}

// Groups rows into Changes by (entity, kind), in the order each group's first row was written.
class Collector {
 public:
  Collector(const CommitContext& ctx, size_t max_ids) : ctx_(ctx), max_ids_(max_ids) {
    link_of_.resize(ctx.rules.catalog.entities().size(), nullptr);
    for (const DefineLinkInfo& link : ctx.rules.define_links) {
      if (!link.read_only) link_of_[link.pivot] = &link;
    }
  }

  bool IsLink(catalog::EntityId entity) const { return link_of_[entity] != nullptr; }

  // The group of `kind` rows of `entity`; `order` places a new group.
  size_t Group(catalog::EntityId entity, ChangeKind kind, size_t order) {
    types::GrowBeforeInsert(groups_);
    auto [it, added] = groups_.try_emplace((uint64_t{entity} << 8) | static_cast<uint8_t>(kind),
                                           changes_.size());
    if (added) {
      Change c;
      c.entity = ctx_.rules.catalog.entity(entity).QualifiedName();
      c.kind = kind;
      c.link = IsLink(entity);
      c.event = EventName(ctx_.rules.catalog.entity(entity), kind, c.link);
      changes_.push_back(std::move(c));
      order_.push_back(order);
    }
    return it->second;
  }

  // Adds `row` of `entity` to `group`.
  void Add(size_t group, catalog::EntityId entity, uint32_t row) {
    Change& c = changes_[group];
    ++c.count;
    if (c.ids.size() < max_ids_) c.ids.push_back(Id(entity, row));
  }

  void Add(catalog::EntityId entity, uint32_t row, ChangeKind kind, size_t order) {
    Add(Group(entity, kind, order), entity, row);
  }

  std::vector<Change> Take() {
    std::vector<size_t> index(changes_.size());
    for (size_t i = 0; i < index.size(); ++i) index[i] = i;
    std::stable_sort(index.begin(), index.end(),
                     [&](size_t a, size_t b) { return order_[a] < order_[b]; });
    std::vector<Change> out;
    out.reserve(index.size());
    for (size_t i : index) {
      // A group opened for rows that all turned out not to count (created, then deleted).
      if (changes_[i].count > 0) out.push_back(std::move(changes_[i]));
    }
    return out;
  }

 private:
  // The row's primary key as JSON, or a link row in the link service's shape.
  std::string Id(catalog::EntityId entity, uint32_t row) const {
    const store::Table& table = ctx_.store.table(entity);
    const DefineLinkInfo* link = link_of_[entity];
    if (link == nullptr) return KeyJson(table.pk_column(), row);
    return "{" + base::QuoteJson(link->left_module) + ":{" + base::QuoteJson(link->left_key_name) + ":" +
           KeyJson(table.column(link->left_key), row) + "}," + base::QuoteJson(link->right_module) +
           ":{" + base::QuoteJson(link->right_key_name) + ":" +
           KeyJson(table.column(link->right_key), row) + "}}";
  }

  const CommitContext& ctx_;
  size_t max_ids_;
  std::vector<const DefineLinkInfo*> link_of_;  // per entity: the link whose pivot it is
  absl::flat_hash_map<uint64_t, size_t> groups_;
  std::vector<Change> changes_;
  std::vector<size_t> order_;
};

}  // namespace

std::shared_ptr<CommitEvent> CollectChanges(const CommitContext& ctx,
                                            const store::Transaction& txn, uint64_t commit,
                                            size_t max_ids) {
  const size_t entities = ctx.rules.catalog.entities().size();
  // Rows appended by the commit are, per table, the rows from the first one appended to the end:
  // a row at or past it is new, whatever else the commit did to it.
  constexpr int64_t kNone = -1;
  std::vector<int64_t> first_new(entities, kNone);
  std::vector<size_t> first_new_write(entities, 0);
  std::vector<Touched> touched;
  absl::flat_hash_map<uint64_t, size_t> touched_at;
  size_t index = 0;
  txn.ForEachWrite([&](const Transaction::Write& w) {
    size_t at = index++;
    if (w.kind == Transaction::Kind::kAppend) {
      if (first_new[w.entity] == kNone) {
        first_new[w.entity] = w.row;
        first_new_write[w.entity] = at;
      }
      return;
    }
    if (first_new[w.entity] != kNone && w.row >= first_new[w.entity]) return;
    uint64_t key = (uint64_t{w.entity} << 32) | w.row;
    types::GrowBeforeInsert(touched_at);
    auto [it, added] = touched_at.try_emplace(key, touched.size());
    const catalog::EntityDef& def = ctx.rules.catalog.entity(w.entity);
    if (added) {
      Touched t;
      t.entity = w.entity;
      t.row = w.row;
      t.first = at;
      // As it is now, unless the commit set its deleted_at (below).
      t.soft_before = ctx.store.table(w.entity).IsSoftDeleted(w.row);
      touched.push_back(t);
    }
    Touched& t = touched[it->second];
    if (w.kind == Transaction::Kind::kKill) {
      t.killed = true;
    } else if (w.col != def.deleted_at) {
      t.fields_set = true;
    } else if (!t.deleted_at_set) {
      t.deleted_at_set = true;  // its first set of deleted_at knows the value before the commit
      t.soft_before = !w.was_null;
    }
  });

  // Rows ordered by their first write in the commit: new rows at their table's first append.
  Collector collector(ctx, max_ids);
  struct Next {
    size_t order;
    bool is_new;
    size_t i;  // entity (new rows) or index into touched
  };
  std::vector<Next> sequence;
  for (catalog::EntityId e = 0; e < entities; ++e) {
    if (first_new[e] != kNone) sequence.push_back({first_new_write[e], true, e});
  }
  for (size_t i = 0; i < touched.size(); ++i) sequence.push_back({touched[i].first, false, i});
  std::sort(sequence.begin(), sequence.end(),
            [](const Next& a, const Next& b) { return a.order < b.order; });
  for (const Next& n : sequence) {
    if (n.is_new) {
      auto e = static_cast<catalog::EntityId>(n.i);
      const store::Table& table = ctx.store.table(e);
      bool link = collector.IsLink(e);
      // A load's rows: one group, looked up once.
      size_t created = collector.Group(e, link ? ChangeKind::kAttached : ChangeKind::kCreated,
                                       n.order);
      for (uint32_t row = static_cast<uint32_t>(first_new[e]); row < table.row_count(); ++row) {
        if (table.IsDead(row)) continue;  // created and deleted by the same commit
        collector.Add(created, e, row);
        if (table.IsSoftDeleted(row)) {
          collector.Add(e, row, link ? ChangeKind::kDismissed : ChangeKind::kSoftDeleted, n.order);
        }
      }
      continue;
    }
    const Touched& t = touched[n.i];
    if (t.killed) {
      collector.Add(t.entity, t.row, ChangeKind::kDeleted, n.order);
      continue;
    }
    bool link = collector.IsLink(t.entity);
    bool soft_after = ctx.store.table(t.entity).IsSoftDeleted(t.row);
    if (t.fields_set) collector.Add(t.entity, t.row, ChangeKind::kUpdated, n.order);
    if (!t.soft_before && soft_after) {
      collector.Add(t.entity, t.row, link ? ChangeKind::kDismissed : ChangeKind::kSoftDeleted,
                    n.order);
    } else if (t.soft_before && !soft_after) {
      collector.Add(t.entity, t.row, ChangeKind::kRestored, n.order);
    }
  }
  auto event = std::make_shared<CommitEvent>();
  event->commit = commit;
  event->changes = collector.Take();
  return event;
}

}  // namespace linkgraph::modules
