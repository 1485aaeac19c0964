#include "modules/commit.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "dsl/location.h"
#include "engine/store/transaction.h"
#include "engine/store/redo.h"
#include "modules/cascade.h"
#include "modules/checkpoint.h"
#include "modules/change_collector.h"
#include "modules/guard.h"
#include "modules/json_objects.h"
#include "modules/link_writer.h"
#include "modules/row_selection.h"
#include "modules/row_writer.h"
#include "modules/stage.h"
#include "dsl/json_input.h"

namespace linkgraph::modules {

namespace {

using simdjson::ondemand::json_type;

}  // namespace

int64_t ReadCommitClock(Database::State* state) {
  int64_t now;
  if (state->unused_commit_micros) {
    // The time read for a commit that failed: a failed commit does not advance the clock.
    now = *state->unused_commit_micros;
    state->unused_commit_micros.reset();
  } else if (state->options.clock) {
    now = state->options.clock();
  } else {
    now = std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count();
  }
  // Commit times increase strictly, so a soft delete's stamp identifies its cascade.
  if (now <= state->last_commit_micros) now = state->last_commit_micros + 1;
  return now;
}

namespace {

absl::Status ApplyCreateLines(CommitContext* ctx, store::Transaction* txn,
                              const StagedOp& staged, OpResult* out) {
  // One row per line: room for them up front (columns, primary key index), and the ordered
  // indexes built once at the end of the op. An op that fails is rolled back whole, so its
  // deferred rows are dropped instead (rollback leaves indexes that never held a row as they
  // are); the guard does that on every early return and on a failed allocation.
  store::Table& table = txn->store().table(staged.entity);
  table.Reserve(staged.lines);
  table.DeferOrderedIndexes();
  struct DropUnflushed {
    store::Table& table;
    ~DropUnflushed() { table.DropDeferredOrderedIndexes(); }
  } drop{table};
  StagedRows::Cursor cursor(staged.rows);
  LG_RETURN_IF_ERROR(ApplyStagedCreates(ctx, txn, staged.entity, staged.style, cursor,
                                        staged.label, staged.form, &out->rows));
  table.FlushOrderedIndexes();
  return absl::OkStatus();
}

absl::Status ApplyCreate(CommitContext* ctx, store::Transaction* txn, const StagedOp& staged,
                         OpResult* out) {
  StagedRows::Cursor cursor(staged.rows);
  return ApplyStagedCreates(ctx, txn, staged.entity, staged.style, cursor, staged.label,
                            staged.form, &out->rows);
}

// Update items: rows carrying their key, or a selector (evaluated here, on the committed rows)
// followed by the fields to set.
absl::Status ApplyUpdate(CommitContext* ctx, store::Transaction* txn, const StagedOp& staged,
                         OpResult* out) {
  RowWriter writer(ctx, txn, staged.entity, staged.style);
  StagedRows::Cursor cursor(staged.rows);
  while (!cursor.Done()) {
    if (cursor.Next() == StagedRows::Tag::kRow) {
      const uint32_t n = writer.Load(cursor, nullptr);
      LG_ASSIGN_OR_RETURN(uint32_t row,
                          writer.UpdateByKey(RowPlace{&staged.label, n, staged.form, {}}));
      out->rows.push_back(row);
      continue;
    }
    std::string_view selector;
    const uint32_t n = cursor.ReadSelector(&selector);
    LG_ASSIGN_OR_RETURN(std::vector<uint32_t> rows,
                        FilterRows(*ctx, staged.entity, selector, Visibility::kLive));
    if (cursor.Done()) break;  // phase 1 stopped at an error in the data: the batch's error
    cursor.Next();
    writer.Load(cursor, nullptr);
    const RowPlace place{&staged.label, n, staged.form, ".data"};
    for (uint32_t row : rows) {
      LG_RETURN_IF_ERROR(writer.UpdateRow(row, place));
      out->rows.push_back(row);
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyDelete(CommitContext* ctx, store::Transaction* txn, const WriteOp& op,
                         catalog::EntityId entity, OpResult* out) {
  Deleter::Mode mode = op.kind == WriteOp::Kind::kDelete       ? Deleter::Mode::kHard
                       : op.kind == WriteOp::Kind::kSoftDelete ? Deleter::Mode::kSoft
                                                               : Deleter::Mode::kRestore;
  Visibility visibility = mode == Deleter::Mode::kSoft ? Visibility::kLive : Visibility::kAll;
  // softDelete by id also accepts rows already soft-deleted (they are not counted).
  if (mode == Deleter::Mode::kSoft) visibility = Visibility::kAll;
  std::string what = op.where.empty() ? "ids" : op.where;
  absl::StatusOr<std::vector<uint32_t>> rows =
      SelectRows(*ctx, entity, op.json, visibility, what);
  if (!rows.ok()) return rows.status();
  Deleter deleter(ctx, txn, mode);
  for (uint32_t row : *rows) {
    if (deleter.Apply(entity, row)) out->rows.push_back(row);
  }
  return deleter.Finish();
}

// belongsTo values of every row the batch wrote must name a live target row (or be null when the
// relationship is nullable), checked once the whole batch is applied, so children may come
// before their parents.
absl::Status CheckBelongsTo(const CommitContext& ctx, const store::Transaction& txn) {
  if (ctx.rules.belongs_to.empty()) return absl::OkStatus();
  absl::Status status;
  txn.ForEachWrittenRow([&](catalog::EntityId entity, uint32_t row) {
    if (!status.ok()) return;
    const store::Table& table = ctx.store.table(entity);
    if (table.IsSoftDeleted(row)) return;
    for (const BelongsToInfo& b : ctx.rules.belongs_to) {
      if (b.owner != entity) continue;
      const store::Column& fk = table.column(b.fk);
      const catalog::EntityDef& def = table.def();
      auto where_it = ctx.write_where.find((uint64_t{entity} << 32) | row);
      std::string where = where_it == ctx.write_where.end() ? def.name : where_it->second;
      where += "." + def.columns[b.fk].name;
      if (fk.IsNull(row)) {
        if (!b.nullable) {
          status = dsl::InvalidAt("field '" + def.columns[b.fk].name + "' cannot be null", where);
        }
        continue;
      }
      const store::Table& target = ctx.store.table(b.target);
      int64_t t = target.FindByPk(fk.Get(row));
      if (t >= 0 && !target.IsSoftDeleted(static_cast<uint32_t>(t))) continue;
      std::string key = catalog::IsStringStored(fk.type()) ? std::string(fk.GetString(row))
                                                           : std::to_string(fk.GetInt(row));
      status = dsl::ErrorAt(absl::StatusCode::kFailedPrecondition,
                            def.name + "." + b.name + ": " + target.def().pascal + " with " +
                                target.def().columns[target.def().primary_key].name + ": " +
                                key + (t < 0 ? " was not found" : " is deleted"),
                            where);
      return;
    }
  });
  return status;
}

// The commit scopes of the calling thread, innermost first.
thread_local const CommitScope* tls_commit_scope = nullptr;

}  // namespace

CommitScope::CommitScope(const Database::State* state)
    : state_(state), outer_(tls_commit_scope) {
  tls_commit_scope = this;
}

CommitScope::~CommitScope() { tls_commit_scope = outer_; }

bool CommitScope::Active(const Database::State& state) {
  for (const CommitScope* s = tls_commit_scope; s != nullptr; s = s->outer_) {
    if (s->state_ == &state) return true;
  }
  return false;
}

absl::Status CheckNotInCommit(const Database::State& state) {
  if (!CommitScope::Active(state)) return absl::OkStatus();
  return dsl::ErrorAt(absl::StatusCode::kFailedPrecondition,
                      "the database was called from inside its own write's progress callback",
                      "OnProgress");
}

namespace {

absl::StatusOr<CommitResult> ApplyInTransaction(
    Database::State* state, CommitContext* ctx, store::Transaction* txn_ptr,
    const std::vector<WriteOp>& ops, const StagedBatch& staged,
    const std::function<void(const CommitResult&)>* inspect, const BeforeCommitFn* before_commit);

void Hook(const Database::State& state, std::string_view point) {
  if (state.commit_hook) state.commit_hook(point);
}

// The commit path. `inspect` (dry runs) sees the applied writes, which are then undone.
absl::StatusOr<CommitResult> ApplyAll(Database::State* state, const std::vector<WriteOp>& ops,
                                      const std::function<void(const CommitResult&)>* inspect,
                                      const ProgressFn* progress_fn,
                                      const BeforeCommitFn* before_commit) {
  Progress progress;
  progress.fn = progress_fn;
  for (const WriteOp& op : ops) progress.total += static_cast<int64_t>(op.json.size());
  // Locking again from the thread holding the lock would deadlock (or throw).
  LG_RETURN_IF_ERROR(CheckNotInCommit(*state));
  if (state->durable && inspect == nullptr) LG_RETURN_IF_ERROR(state->durable->Writable());
  CommitScope scope(state);
  // Phase 1, without the commit lock: the input parsed and type-checked against the published
  // catalog version. Nothing is written yet, so a failure here has nothing to undo.
  StagedBatch staged;
  try {
    staged = Stage(state->Published().catalog, ops, progress);
  } catch (...) {
    absl::Status failed = StatusFromException();
    return absl::Status(failed.code(),
                        std::string(failed.message()) + "; the write was rolled back");
  }
  Hook(*state, "staged");
  // Phase 2, under the lock: what needs the committed state, then the writes.
  std::unique_lock<std::mutex> lock(state->commit_mutex);
  if (staged.rules != state->rules_ptr()) {
    // A Register published a new catalog version meanwhile: staged again against it (rare; the
    // input was checked against names the new version may define differently).
    try {
      staged = Stage(state->rules_ptr(), ops, Progress{});
    } catch (...) {
      absl::Status failed = StatusFromException();
      return absl::Status(failed.code(),
                          std::string(failed.message()) + "; the write was rolled back");
    }
  }
  // A dry run, successful or not, leaves the id generator as it found it.
  struct RestoreIds {
    Database::State* state;
    types::UlidGenerator saved;
    bool active;
    ~RestoreIds() {
      if (active) state->ids = saved;
    }
  } restore_ids{state, state->ids, inspect != nullptr};
  int64_t now = ReadCommitClock(state);
  // The writer's version: published when the commit succeeds, dropped otherwise (after `txn`,
  // declared later, has freed the strings of a failed commit).
  struct EndWriting {
    Database::State* state;
    ~EndWriting() { state->EndWriting(); }
  } end_writing{state};
  try {
    state->BeginWriting();
  } catch (...) {
    state->unused_commit_micros = now;
    return StatusFromException();
  }
  // The commit's own context: the catalog version it checks against (the one staged against,
  // which stays the published one: Register waits for the commit lock), the writer's stores,
  // its clock reading.
  CommitContext ctx(*staged.rules, state->store, state->ids, now);
  store::Transaction txn(&state->store);
  try {
    return ApplyInTransaction(state, &ctx, &txn, ops, staged, inspect, before_commit);
  } catch (...) {
    // A failed allocation (or any exception) part way: every change is undone here, outside the
    // unwinding, and the caller gets ResourceExhausted (DESIGN.md §9).
    absl::Status failed = StatusFromException();
    txn.Rollback();
    state->unused_commit_micros = now;
    return absl::Status(failed.code(),
                        std::string(failed.message()) + "; the write was rolled back");
  }
}

// ApplyAll's work once the commit lock is held and `now` read: applies `ops` through `txn`, then
// the end-of-batch checks; on success commits (or, for a dry run, shows and undoes) the writes.
absl::StatusOr<CommitResult> ApplyInTransaction(
    Database::State* state, CommitContext* ctx, store::Transaction* txn_ptr,
    const std::vector<WriteOp>& ops, const StagedBatch& staged,
    const std::function<void(const CommitResult&)>* inspect, const BeforeCommitFn* before_commit) {
  store::Transaction& txn = *txn_ptr;
  const int64_t now = ctx->now;
  CommitResult result;
  for (size_t i = 0; i < staged.ops.size(); ++i) {
    const WriteOp& op = ops[i];
    const StagedOp& st = staged.ops[i];
    if (op.kind >= WriteOp::Kind::kLink) {
      absl::StatusOr<int64_t> n = ApplyLinkOp(ctx, &txn, op);
      if (!n.ok()) {
        state->unused_commit_micros = now;
        return n.status();
      }
      OpResult out;
      out.count = *n;
      result.rows += *n;
      result.ops.push_back(std::move(out));
      continue;
    }
    OpResult out;
    out.entity = st.entity;
    absl::Status s;
    switch (op.kind) {
      case WriteOp::Kind::kCreate: s = ApplyCreate(ctx, &txn, st, &out); break;
      case WriteOp::Kind::kCreateLines: s = ApplyCreateLines(ctx, &txn, st, &out); break;
      case WriteOp::Kind::kUpdate: s = ApplyUpdate(ctx, &txn, st, &out); break;
      case WriteOp::Kind::kDelete:
      case WriteOp::Kind::kSoftDelete:
      case WriteOp::Kind::kRestore: s = ApplyDelete(ctx, &txn, op, st.entity, &out); break;
      default: s = absl::InternalError("unexpected operation"); break;
    }
    if (!s.ok()) {
      state->unused_commit_micros = now;
      return s;  // txn rolls back
    }
    result.rows += static_cast<int64_t>(out.rows.size());
    result.ops.push_back(std::move(out));
  }
  // Phase 1's error comes after every write staged before it.
  if (!staged.error.ok()) {
    state->unused_commit_micros = now;
    return staged.error;  // txn rolls back
  }
  Hook(*state, "applied");
  // A dry run leaves the end-of-batch checks to the commit: rows queued later may still name
  // the targets (DESIGN.md §7).
  absl::Status checked = absl::OkStatus();
  if (inspect == nullptr) {
    checked = CheckBelongsTo(*ctx, txn);
    if (checked.ok()) checked = CheckPendingLinks(*ctx);
  }
  if (!checked.ok()) {
    state->unused_commit_micros = now;
    return checked;  // txn rolls back
  }
  result.rules = state->rules_ptr();
  if (inspect != nullptr) {
    // The dry run's results hold a version sharing the writer's tables: the strings they view
    // stay (the rollback keeps them) as long as the results do.
    result.version = std::make_shared<const store::Store>(state->store);
    (*inspect)(result);
    txn.Rollback(/*reclaim_strings=*/false);
    state->unused_commit_micros = now;
    return result;
  }
  // Columns whose replaced strings now outweigh their live ones move the live ones to a new
  // arena; the versions readers hold keep the old one (freed with the last of them).
  txn.CompactStrings();
  // The version to publish (a copy sharing every table with the writer's; may fail, and then so
  // does the commit). Results built below hold it.
  result.version = std::make_shared<const store::Store>(state->store);
  if (before_commit != nullptr) {
    absl::Status built = (*before_commit)(result);
    if (!built.ok()) {
      state->unused_commit_micros = now;
      return built;  // txn rolls back
    }
  }
  // The change feed reads the commit's writes before they are kept; building the event may fail
  // (an allocation), and then so does the commit, rolled back: a kept commit is never missing
  // from the feed.
  std::shared_ptr<const CommitEvent> event;
  if (state->feed->active()) {
    event = CollectChanges(*ctx, txn, state->commit_number + 1, state->feed->max_ids());
  }
  // Durable: the commit's writes are logged (and, per commit, synced) before they are kept. A
  // failure leaves the commit unapplied and the database refusing writes (Durable::Writable).
  if (state->durable) {
    std::string redo;
    store::EncodeRedo(txn, &redo);
    absl::Status logged = state->durable->LogCommit(state->commit_number + 1, now, redo);
    if (!logged.ok()) {
      state->unused_commit_micros = now;
      return logged;  // txn rolls back
    }
    result.log = state->durable->log_number();
    result.log_end = state->durable->log_end();
  }
  txn.Commit();
  state->Publish(result.version);
  state->last_commit_micros = now;
  result.commit = ++state->commit_number;
  // Under the commit lock: events enter every subscriber's queue in commit order.
  state->feed->Publish(result.commit, event);
  return result;
}

}  // namespace

absl::StatusOr<CommitResult> Commit(Database::State* state, const std::vector<WriteOp>& ops,
                                    const ProgressFn* progress,
                                    const BeforeCommitFn* before_commit) {
  absl::StatusOr<CommitResult> result = ApplyAll(state, ops, nullptr, progress, before_commit);
  if (!result.ok() || !state->durable) return result;
  Durable& durable = *state->durable;
  // Group sync, outside the commit lock: acknowledged once a sync covers the commit's records.
  LG_RETURN_IF_ERROR(durable.SyncCommit(result->log, result->log_end));
  // The commit that takes the log past its threshold writes a checkpoint (one at a time; a
  // failure leaves the log as it is, and a later commit tries again).
  if (durable.WantsCheckpoint() && !durable.checkpointing.exchange(true)) {
    (void)WriteCheckpoint(state);
    durable.checkpointing.store(false);
  }
  return result;
}

absl::Status DryRun(Database::State* state, const std::vector<WriteOp>& ops,
                    const std::function<void(const CommitResult&)>& inspect) {
  return ApplyAll(state, ops, &inspect, nullptr, nullptr).status();
}

}  // namespace linkgraph::modules
