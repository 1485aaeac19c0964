// The executor's writes: create, update, delete, soft delete, restore, link, dismiss, unlink and
// load, each its own commit — or, inside `begin … commit`, queued and applied as one
// Database::Write batch.
#include <string>

#include "base/json_string.h"
#include "dsl/location.h"
#include "shell/json_text.h"
#include "shell/locate.h"
#include "shell/progress.h"
#include "shell/shell.h"

namespace linkgraph::shell {

namespace {

using Kind = Statement::Kind;

std::string CountLine(int64_t n) { return "{\"metadata\":{\"count\":" + std::to_string(n) + "}}"; }

// `ops[K]` at the start of `where`: K and what follows the `.` (or "" when nothing does).
bool SplitOpWhere(std::string_view where, size_t* op, std::string* rest) {
  if (where.substr(0, 4) != "ops[") return false;
  size_t close = where.find(']');
  if (close == std::string_view::npos) return false;
  size_t k = 0;
  for (size_t i = 4; i < close; ++i) {
    if (where[i] < '0' || where[i] > '9') return false;
    k = k * 10 + static_cast<size_t>(where[i] - '0');
  }
  *op = k;
  std::string_view tail = where.substr(close + 1);
  if (!tail.empty() && tail[0] == '.') tail.remove_prefix(1);
  *rest = std::string(tail);
  return true;
}

}  // namespace

absl::StatusOr<Shell::WriteCall> Shell::PrepareWrite(const Source& source,
                                                     const Statement& st) const {
  WriteCall call;
  call.kind = st.kind;
  call.entity = st.entity;
  // A text filter travels as a JSON string (the library's selector takes either form).
  std::string selector;
  if (st.filter) {
    selector =
        KindOf(st.filter->text) == JsonKind::kObject ? st.filter->text : base::QuoteJson(st.filter->text);
  }
  switch (st.kind) {
    case Kind::kCreate:
    case Kind::kUpdate:
    case Kind::kLink:
    case Kind::kDismiss:
    case Kind::kUnlink:
      call.json = st.json.text;
      break;
    case Kind::kUpdateSet:
      call.json = "{\"selector\":" + selector + ",\"data\":" + st.json.text + "}";
      break;
    case Kind::kDelete:
    case Kind::kSoftDelete:
    case Kind::kRestore:
      call.json = "{\"selector\":" + selector + "}";
      break;
    case Kind::kLoad: {
      absl::StatusOr<LoadFile> file = ReadLoadFile(st.entity, st.file, db_->SchemaJson());
      if (!file.ok())
        return WithWhere(file.status(), Where(PositionAt(source.text, st.file_offset)));
      call.load = std::move(*file);
      break;
    }
    default:
      return absl::InternalError("not a write statement");
  }
  return call;
}

void Shell::AddToBatch(const WriteCall& call, WriteBatch* batch) {
  switch (call.kind) {
    case Kind::kCreate:
      batch->Create(call.entity, call.json);
      break;
    case Kind::kUpdate:
    case Kind::kUpdateSet:
      batch->Update(call.entity, call.json);
      break;
    case Kind::kDelete:
      batch->Delete(call.entity, call.json);
      break;
    case Kind::kSoftDelete:
      batch->SoftDelete(call.entity, call.json);
      break;
    case Kind::kRestore:
      batch->Restore(call.entity, call.json);
      break;
    case Kind::kLink:
      batch->Link(call.json);
      break;
    case Kind::kDismiss:
      batch->Dismiss(call.json);
      break;
    case Kind::kUnlink:
      batch->Unlink(call.json);
      break;
    case Kind::kLoad:
      AddLoad(*call.load, batch);
      break;
    default:
      break;
  }
}

absl::StatusOr<std::string> Shell::Execute(const WriteCall& call, int64_t* rows) {
  absl::StatusOr<Result> r;
  linkgraph::Service service = db_->Service(call.entity);
  switch (call.kind) {
    case Kind::kCreate:
      r = service.Create(call.json);
      break;
    case Kind::kUpdate:
    case Kind::kUpdateSet:
      r = service.Update(call.json);
      break;
    case Kind::kDelete:
      r = service.Delete(call.json);
      break;
    case Kind::kSoftDelete:
      r = service.SoftDelete(call.json);
      break;
    case Kind::kRestore:
      r = service.Restore(call.json);
      break;
    case Kind::kLink:
      r = db_->Links().Create(call.json);
      break;
    case Kind::kDismiss:
      r = db_->Links().Dismiss(call.json);
      break;
    case Kind::kUnlink:
      r = db_->Links().Delete(call.json);
      break;
    case Kind::kLoad: {
      absl::StatusOr<WriteSummary> summary = db_->Write([&](WriteBatch& b) {
        AddToBatch(call, &b);
        b.OnProgress(TerminalProgress());
      });
      if (!summary.ok()) return LocateJsonError(summary.status(), {&*call.load});
      *rows = summary->rows;
      return CountLine(summary->rows);
    }
    default:
      return absl::InternalError("not a write statement");
  }
  if (!r.ok()) return r.status();
  return r->ToJson();
}

absl::Status Shell::Write(const Source& source, const Statement& st, int64_t* rows) {
  LG_ASSIGN_OR_RETURN(WriteCall call, PrepareWrite(source, st));
  absl::StatusOr<std::string> line = Execute(call, rows);
  if (!line.ok()) return Relocate(line.status(), source.text, st);
  out_.Line(*line);
  return absl::OkStatus();
}

absl::Status Shell::Begin(const SourcePtr& source, const Statement& st) {
  if (txn_) {
    return absl::FailedPreconditionError(
        "a transaction is already open (begun at " +
        Where(PositionAt(txn_->source->text, txn_->offset)) +
        (txn_->source == source ? "" : " of " + txn_->source->name) + ")");
  }
  txn_ = Transaction{source, st.offset, {}};
  return absl::OkStatus();
}

absl::Status Shell::Queue(const SourcePtr& source, const Statement& st) {
  LG_ASSIGN_OR_RETURN(WriteCall call, PrepareWrite(*source, st));
  // Checked against the committed state plus the statements queued before it, by a dry run of
  // the queue and this statement: nothing is written before `commit`, and the line printed
  // shows the rows (ids and timestamps included) that `commit` will write.
  size_t n = txn_->queue.size();
  absl::StatusOr<std::vector<Result>> trial = db_->DryRun([&](WriteBatch& b) {
    for (const Queued& q : txn_->queue) AddToBatch(q.call, &b);
    AddToBatch(call, &b);
  });
  if (!trial.ok()) {
    std::string where = StatusLocation(trial.status());
    size_t op = 0;
    std::string rest;
    absl::Status error = trial.status();
    if (SplitOpWhere(where, &op, &rest)) {
      error = WithWhere(error, rest);
    } else if (n != 0) {
      return trial.status();
    }
    return Relocate(error, source->text, st);
  }
  txn_->queue.push_back(Queued{std::move(call), source, st.offset});
  out_.Line(trial->back().ToJson());
  return absl::OkStatus();
}

absl::Status Shell::Commit(int64_t* statements) {
  if (!txn_) return absl::FailedPreconditionError("no transaction is open: 'commit' needs 'begin'");
  Transaction txn = std::move(*txn_);
  txn_.reset();
  absl::StatusOr<WriteSummary> done = db_->Write([&](WriteBatch& b) {
    for (const Queued& q : txn.queue) AddToBatch(q.call, &b);
    b.OnProgress(TerminalProgress());
  });
  if (!done.ok()) {
    // Name the statement: `ops[K].rows[1].title` becomes `line L, rows[1].title`.
    std::string where = StatusLocation(done.status());
    size_t op = 0;
    std::string rest = where;
    bool found = SplitOpWhere(where, &op, &rest);
    if (!found && txn.queue.size() == 1) found = true;  // a batch of one has no `ops[K]`
    if (!found || op >= txn.queue.size()) return done.status();
    const Queued& q = txn.queue[op];
    std::string line = "line " + std::to_string(PositionAt(q.source->text, q.offset).line);
    if (q.source != txn.source) line += " of " + q.source->name;
    return WithWhere(done.status(), rest.empty() ? line : line + ", " + rest);
  }
  *statements = static_cast<int64_t>(txn.queue.size());
  return absl::OkStatus();
}

absl::Status Shell::Rollback(int64_t* statements) {
  if (!txn_) {
    return absl::FailedPreconditionError("no transaction is open: 'rollback' needs 'begin'");
  }
  *statements = static_cast<int64_t>(txn_->queue.size());
  txn_.reset();
  return absl::OkStatus();
}

}  // namespace linkgraph::shell
