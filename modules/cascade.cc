#include "modules/cascade.h"

#include <string>
#include <vector>

#include "engine/types/hash_grow.h"

namespace linkgraph::modules {

bool Deleter::Apply(catalog::EntityId entity, uint32_t row) {
  // A depth-first walk with its stack on the heap: each visited row's followers go on top of
  // the work list in reverse, so the first is visited next, as a recursion would.
  auto visit = [&](catalog::EntityId e, uint32_t r) {
    followers_.clear();
    if (!Visit(e, r)) return false;
    work_.insert(work_.end(), followers_.rbegin(), followers_.rend());
    return true;
  };
  if (!visit(entity, row)) return false;
  while (!work_.empty()) {
    RowRef next = work_.back();
    work_.pop_back();
    visit(next.first, next.second);
  }
  return true;
}

bool Deleter::Visit(catalog::EntityId entity, uint32_t row) {
  types::GrowBeforeInsert(visited_);
  if (!visited_.insert((uint64_t{entity} << 32) | row).second) return false;
  store::Table& table = ctx_->store.table(entity);
  const catalog::EntityDef& def = table.def();
  if (table.IsDead(row)) return false;
  int64_t stamp = 0;
  switch (mode_) {
    case Mode::kHard:
      Cascade(entity, row, 0);  // reads the row's keys and indexes before it goes
      txn_->Kill(entity, row);
      return true;
    case Mode::kSoft:
      if (table.IsSoftDeleted(row)) return false;
      txn_->Set(entity, row, def.deleted_at, store::Cell::Int(now_));
      Cascade(entity, row, 0);
      return true;
    case Mode::kRestore:
      if (!table.IsSoftDeleted(row)) return false;
      CheckRestorable(table, row);
      stamp = table.column(def.deleted_at).GetInt(row);
      txn_->Set(entity, row, def.deleted_at, store::Cell::Null());
      Cascade(entity, row, stamp);
      return true;
  }
  return false;
}

void Deleter::CascadePivots(catalog::EntityId entity, uint32_t row, int64_t restored_stamp) {
  const store::Table& table = ctx_->store.table(entity);
  store::Cell key = table.pk_column().Get(row);
  for (const DefineLinkInfo& link : ctx_->rules.define_links) {
    if (link.read_only) continue;
    for (int side = 0; side < 2; ++side) {
      // side 0: `entity` is the link's left; side 1: its right (both for a self-link).
      if ((side == 0 ? link.left : link.right) != entity) continue;
      catalog::ColumnId own_key = side == 0 ? link.left_key : link.right_key;
      catalog::ColumnId other_key = side == 0 ? link.right_key : link.left_key;
      catalog::EntityId other = side == 0 ? link.right : link.left;
      bool other_follows = side == 0 ? link.right_cascade : link.left_cascade;
      store::Table& pivot = ctx_->store.table(link.pivot);
      const catalog::EntityDef& pdef = pivot.def();
      store::HashIndex::Rows p = pivot.hash_index(own_key)->Find(key);
      if (p == nullptr) continue;
      std::vector<uint32_t> pivot_rows(p->begin(), p->end());
      const store::Table& other_table = ctx_->store.table(other);
      for (uint32_t pr : pivot_rows) {
        if (pivot.IsDead(pr)) continue;
        int64_t far = other_table.FindByPk(pivot.column(other_key).Get(pr));
        const store::Column& pdel = pivot.column(pdef.deleted_at);
        switch (mode_) {
          case Mode::kHard:
            txn_->Kill(link.pivot, pr);
            if (other_follows && far >= 0) {
              followers_.emplace_back(other, static_cast<uint32_t>(far));
            }
            break;
          case Mode::kSoft:
            if (!pdel.IsNull(pr)) break;
            txn_->Set(link.pivot, pr, pdef.deleted_at, store::Cell::Int(now_));
            if (other_follows && far >= 0) {
              followers_.emplace_back(other, static_cast<uint32_t>(far));
            }
            break;
          case Mode::kRestore: {
            if (pdel.IsNull(pr) || pdel.GetInt(pr) != restored_stamp) break;
            txn_->Set(link.pivot, pr, pdef.deleted_at, store::Cell::Null());
            if (!other_follows || far < 0) break;
            const store::Column& odel = other_table.column(other_table.def().deleted_at);
            uint32_t f = static_cast<uint32_t>(far);
            if (!odel.IsNull(f) && odel.GetInt(f) == restored_stamp) {
              followers_.emplace_back(other, f);
            }
            break;
          }
        }
      }
    }
  }
}

void Deleter::CascadeBelongsTo(catalog::EntityId entity, uint32_t row, int64_t restored_stamp) {
  const store::Table& table = ctx_->store.table(entity);
  store::Cell key = table.pk_column().Get(row);
  for (const BelongsToInfo& b : ctx_->rules.belongs_to) {
    if (b.target != entity) continue;
    if (!b.follows_delete) {
      if (mode_ != Mode::kRestore) refusals_.push_back(Refusal{&b, entity, row});
      continue;
    }
    const store::Table& owner = ctx_->store.table(b.owner);
    store::HashIndex::Rows p = owner.hash_index(b.fk)->Find(key);
    if (p == nullptr) continue;
    std::vector<uint32_t> dependants(p->begin(), p->end());  // the index changes as we go
    const store::Column& del = owner.column(owner.def().deleted_at);
    for (uint32_t d : dependants) {
      if (mode_ == Mode::kRestore && (del.IsNull(d) || del.GetInt(d) != restored_stamp)) continue;
      followers_.emplace_back(b.owner, d);
    }
  }
}

void Deleter::CheckRestorable(const store::Table& table, uint32_t row) {
  if (!conflict_.ok()) return;
  const catalog::EntityDef& def = table.def();
  for (catalog::ColumnId c = 0; c < def.columns.size(); ++c) {
    if (!def.columns[c].unique || table.column(c).IsNull(row)) continue;
    store::HashIndex::Rows p = table.hash_index(c)->Find(table.column(c).Get(row));
    if (p == nullptr) continue;
    for (uint32_t other : *p) {
      if (other == row || table.IsSoftDeleted(other)) continue;
      const store::Column& col = table.column(c);
      std::string value = catalog::IsStringStored(col.type()) ? std::string(col.GetString(row))
                                                              : std::to_string(col.GetInt(row));
      conflict_ = absl::AlreadyExistsError(def.pascal + " with " + def.columns[c].name + ": " +
                                           value + " already exists (cannot restore it)");
      return;
    }
  }
}

absl::Status Deleter::Finish() const {
  if (!conflict_.ok()) return conflict_;
  for (const Refusal& r : refusals_) {
    const store::Table& table = ctx_->store.table(r.entity);
    const store::Table& owner = ctx_->store.table(r.relation->owner);
    store::HashIndex::Rows p =
        owner.hash_index(r.relation->fk)->Find(table.pk_column().Get(r.row));
    if (p == nullptr) continue;
    std::string ids;
    for (uint32_t d : *p) {
      if (owner.IsDead(d) || owner.IsSoftDeleted(d)) continue;
      const store::Column& pk = owner.pk_column();
      ids += (ids.empty() ? "" : ", ") + (catalog::IsStringStored(pk.type())
                                              ? std::string(pk.GetString(d))
                                              : std::to_string(pk.GetInt(d)));
    }
    if (ids.empty()) continue;
    const store::Column& pk = table.pk_column();
    std::string id = catalog::IsStringStored(pk.type()) ? std::string(pk.GetString(r.row))
                                                        : std::to_string(pk.GetInt(r.row));
    return absl::FailedPreconditionError(
        "cannot delete " + table.def().name + " " + id + ": live " + owner.def().name + " rows " +
        ids + " belong to it through " + owner.def().name + "." + r.relation->name);
  }
  return absl::OkStatus();
}

void Deleter::Cascade(catalog::EntityId entity, uint32_t row, int64_t restored_stamp) {
  CascadeBelongsTo(entity, row, restored_stamp);
  CascadePivots(entity, row, restored_stamp);
  const store::Table& table = ctx_->store.table(entity);
  for (const SeedLinkInfo& link : ctx_->rules.seed_links) {
    if (!link.delete_cascade || link.target != entity) continue;
    store::Cell key = table.column(link.target_field).Get(row);
    if (key.is_null) continue;
    const store::Table& holder = ctx_->store.table(link.holder);
    store::HashIndex::Rows p = holder.hash_index(link.foreign_key)->Find(key);
    if (p == nullptr) continue;
    std::vector<uint32_t> referrers(p->begin(), p->end());  // the index changes as we go
    for (uint32_t r : referrers) {
      if (mode_ == Mode::kRestore) {
        const store::Column& del = holder.column(holder.def().deleted_at);
        if (del.IsNull(r) || del.GetInt(r) != restored_stamp) continue;
      }
      followers_.emplace_back(link.holder, r);
    }
  }
}

}  // namespace linkgraph::modules
