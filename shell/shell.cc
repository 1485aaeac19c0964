// The executor's core: walking a source, dispatching statements, and queries.
#include "shell/shell.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <new>
#include <stdexcept>

#include "dsl/location.h"
#include "shell/hints.h"
#include "shell/json_text.h"
#include "shell/locate.h"

namespace linkgraph::shell {

Shell::Shell(Database* db, Format format, std::ostream& out, std::ostream& err)
    : db_(db), out_(out, err, format) {}

bool Shell::Run(const SourcePtr& source) {
  Split split = dsl::SplitScript(source->text);
  for (const Chunk& chunk : split.chunks) {
    if (quit_) break;
    if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
      Fail(absl::CancelledError("interrupted: the remaining statements were not run"), nullptr);
      break;
    }
    try {
      RunChunk(source, split, chunk);
    } catch (const std::bad_alloc&) {
      // The library rolled back any write it had started (it reports its own allocation
      // failures as statuses); what ran out here is the shell's own memory for the statement.
      Fail(absl::ResourceExhaustedError("out of memory running the statement"), nullptr);
    } catch (const std::length_error&) {
      Fail(absl::ResourceExhaustedError("out of memory running the statement"), nullptr);
    }
    CheckOutput();
  }
  return !quit_;
}

void Shell::CheckOutput() {
  absl::Status status = out_.TakeWriteError();
  if (status.ok()) return;
  // Nothing more can be shown: the statement failed and the run ends (exit 1).
  failed_ = true;
  quit_ = true;
  out_.ErrorBlock(status, nullptr);
}

void Shell::RunChunk(const SourcePtr& source, const Split& split, const Chunk& chunk) {
  if (chunk.kind == Chunk::Kind::kDot) {
    RunDot(source, split, chunk);
    return;
  }
  if (chunk.kind == Chunk::Kind::kSchema) {
    absl::Status status = RunSchema(*source, chunk);
    if (!status.ok()) Fail(status, source.get());
    return;
  }
  absl::StatusOr<Statement> st = dsl::ParseStatement(source->text, split.blanked, chunk);
  if (!st.ok()) {
    Fail(st.status(), source.get());
    return;
  }
  RunStatement(source, *st);
}

void Shell::RunStatement(const SourcePtr& source, const Statement& st) {
  auto start = std::chrono::steady_clock::now();
  int64_t rows = -1;
  absl::Status status;
  if (!st.entity.empty()) {
    // An unknown entity is reported at its name.
    status = db_->PrimaryKeyOf(st.entity).status();
    if (!status.ok()) status = Relocate(status, source->text, st);
  }
  if (status.ok()) {
    switch (st.kind) {
      case Statement::Kind::kGraph:
      case Statement::Kind::kGraphJson:
        status = Graph(*source, st);
        break;
      case Statement::Kind::kBegin:
        status = Begin(source, st);
        if (status.ok()) out_.Line("{\"metadata\":{\"count\":0}}");
        break;
      case Statement::Kind::kCommit:
      case Statement::Kind::kRollback: {
        int64_t n = 0;
        status = st.kind == Statement::Kind::kCommit ? Commit(&n) : Rollback(&n);
        if (status.ok()) out_.Line("{\"metadata\":{\"count\":" + std::to_string(n) + "}}");
        break;
      }
      default:
        status = txn_ ? Queue(source, st) : Write(*source, st, &rows);
        break;
    }
  }
  if (!status.ok()) Fail(status, source.get());
  if (timer_) {
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
    out_.Timer(ms.count(), rows);
  }
}

void Shell::Fail(const absl::Status& status, const Source* source) {
  failed_ = true;
  out_.Error(source != nullptr ? WithForeignWordHint(status, *source) : status, source);
}

void Shell::Finish() {
  if (txn_) {
    Transaction txn = std::move(*txn_);
    txn_.reset();
    // Located at its `begin`.
    Fail(dsl::ErrorAt(absl::StatusCode::kFailedPrecondition, "transaction not committed",
                      Where(PositionAt(txn.source->text, txn.offset))),
         txn.source.get());
  }
  CheckOutput();
}

GraphRequest Shell::RequestOf(const Statement& st) const {
  GraphRequest req;
  req.entity = st.entity;
  for (const Piece& field : st.fields) req.fields.push_back(field.text);
  if (st.filter) req.filters = st.filter->text;
  if (st.order) req.pagination.order = st.order->text;
  req.pagination.skip = st.skip;
  req.pagination.take = st.take;
  req.with_deleted = st.with_deleted;
  return req;
}

QueryOptions Shell::Limits() const {
  QueryOptions options;
  options.cancel = cancel_;
  options.max_result_bytes = max_result_bytes_;
  if (timeout_ms_ > 0) {
    options.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
  }
  return options;
}

std::vector<TableColumn> Shell::Columns(const Statement& st) {
  std::string entity = st.entity;
  std::vector<std::string> fields;
  if (st.kind == Statement::Kind::kGraphJson) {
    // The entity and fields of the request object (already validated by the query).
    for (const JsonEntry& e : ObjectEntries(st.json.text).value_or(std::vector<JsonEntry>{})) {
      if (e.key == "entity") entity = DecodeJsonString(e.value).value_or("");
      if (e.key != "fields") continue;
      for (std::string_view item : ArrayItems(e.value).value_or(std::vector<std::string_view>{})) {
        fields.push_back(DecodeJsonString(item).value_or(""));
      }
    }
  } else {
    for (const Piece& f : st.fields) fields.push_back(f.text);
  }
  return TableColumns(*db_, entity, fields);
}

absl::Status Shell::Graph(const Source& source, const Statement& st) {
  absl::StatusOr<Result> result;
  if (st.kind == Statement::Kind::kGraphJson) {
    if (params_.empty()) {
      result = db_->GraphJson(st.json.text, Limits());
    } else {
      absl::StatusOr<PreparedQuery> q = db_->PrepareJson(st.json.text);
      result = q.ok() ? q->Execute(params_, Limits()) : absl::StatusOr<Result>(q.status());
    }
  } else {
    GraphRequest req = RequestOf(st);
    if (params_.empty()) {
      result = db_->Graph(req, Limits());
    } else {
      absl::StatusOr<PreparedQuery> q = db_->Prepare(req);
      result = q.ok() ? q->Execute(params_, Limits()) : absl::StatusOr<Result>(q.status());
    }
  }
  if (!result.ok()) return Relocate(result.status(), source.text, st);
  std::vector<TableColumn> columns;
  if (out_.format() == Format::kTable) columns = Columns(st);
  out_.Graph(*result, columns, max_rows_);
  return absl::OkStatus();
}

}  // namespace linkgraph::shell
