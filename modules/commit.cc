#include "modules/commit.h"

#include <chrono>
#include <mutex>

#include "dsl/location.h"
#include "engine/store/transaction.h"
#include "modules/row_writer.h"

namespace linkgraph::modules {

namespace {

using simdjson::ondemand::json_type;

int64_t Now(Database::State* state) {
  int64_t now;
  if (state->options.clock) {
    now = state->options.clock();
  } else {
    now = std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count();
  }
  state->last_commit_micros = now;
  return now;
}

// `rows[3]`, or `<key>[3]` inside a data document.
std::string RowWhere(const WriteOp& op, size_t i) {
  return (op.where.empty() ? std::string("rows") : op.where) + "[" + std::to_string(i) + "]";
}

absl::Status ApplyCreate(Database::State* state, store::Transaction* txn, const WriteOp& op,
                         catalog::EntityId entity, int64_t now, OpResult* out) {
  RowWriter writer(state, txn, entity, now);
  simdjson::padded_string padded(op.json);
  simdjson::ondemand::parser parser;
  std::string what = op.where.empty() ? "rows" : op.where;
  try {
    simdjson::ondemand::document doc = parser.iterate(padded);
    json_type t = doc.type();
    if (t == json_type::object) {
      absl::StatusOr<uint32_t> row = writer.Create(doc.get_object(), RowWhere(op, 0));
      if (!row.ok()) return row.status();
      out->rows.push_back(*row);
    } else if (t == json_type::array) {
      size_t i = 0;
      for (auto item : doc.get_array()) {
        std::string where = RowWhere(op, i++);
        simdjson::ondemand::value v = item.value();
        if (v.type() != json_type::object) return dsl::InvalidAt("a row is a JSON object", where);
        absl::StatusOr<uint32_t> row = writer.Create(v.get_object(), where);
        if (!row.ok()) return row.status();
        out->rows.push_back(*row);
      }
    } else {
      return dsl::InvalidAt("rows are a JSON object or an array of objects", what);
    }
  } catch (const simdjson::simdjson_error& e) {
    return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()), what);
  }
  return absl::OkStatus();
}

absl::Status ApplyCreateLines(Database::State* state, store::Transaction* txn, const WriteOp& op,
                              catalog::EntityId entity, int64_t now, OpResult* out) {
  RowWriter writer(state, txn, entity, now, RowWriter::FieldStyle::kLine);
  simdjson::ondemand::parser parser;
  std::string_view text = op.json;
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = op.where.empty() ? "line " + std::to_string(line_no)
                                        : op.where + ":" + std::to_string(line_no);
    simdjson::padded_string padded(line);
    try {
      simdjson::ondemand::document doc = parser.iterate(padded);
      if (doc.type() != json_type::object) return dsl::InvalidAt("a row is a JSON object", where);
      absl::StatusOr<uint32_t> row = writer.Create(doc.get_object(), where);
      if (!row.ok()) return row.status();
      out->rows.push_back(*row);
    } catch (const simdjson::simdjson_error& e) {
      return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                            where);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CommitResult> Commit(Database::State* state, const std::vector<WriteOp>& ops) {
  std::unique_lock<std::shared_mutex> lock(state->mutex);
  int64_t now = Now(state);
  store::Transaction txn(&state->store);
  CommitResult result;
  for (const WriteOp& op : ops) {
    absl::StatusOr<catalog::EntityId> entity = state->catalog.ResolveEntity(op.entity);
    if (!entity.ok()) return dsl::InvalidAt(dsl::Msg(entity.status()), op.where);
    OpResult out;
    out.entity = *entity;
    absl::Status s = op.kind == WriteOp::Kind::kCreate
                         ? ApplyCreate(state, &txn, op, *entity, now, &out)
                         : ApplyCreateLines(state, &txn, op, *entity, now, &out);
    if (!s.ok()) return s;  // txn rolls back
    result.rows += static_cast<int64_t>(out.rows.size());
    result.ops.push_back(std::move(out));
  }
  txn.Commit();
  return result;
}

}  // namespace linkgraph::modules
