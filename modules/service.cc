// The generated services: each call becomes a write through the commit path or a query through
// the graph pipeline.
#include "linkgraph/service.h"

#include "base/json_string.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "linkgraph/database.h"
#include "modules/commit.h"
#include "modules/graph.h"
#include "modules/guard.h"
#include "modules/state.h"
#include "modules/value_reader.h"

namespace linkgraph {

namespace {

absl::StatusOr<dsl::Request> FindRequest(const std::string& entity, std::string_view filters,
                                         const FindConfig& config) {
  GraphRequest g;
  g.entity = entity;
  if (config.select.empty()) {
    g.fields.push_back("*");
  } else {
    g.fields = config.select;
  }
  for (const std::string& rel : config.relations) g.fields.push_back(rel);
  g.filters = std::string(filters);
  g.pagination.skip = config.skip;
  g.pagination.take = config.take;
  g.pagination.order = config.order;
  g.with_deleted = config.with_deleted;
  return modules::ParseGraphRequest(g);
}

// Commits `op` and returns what `build` makes of the rows it wrote, built before the commit is
// kept: a failure building it (an allocation) rolls the write back.
absl::StatusOr<Result> CommitAndBuild(
    Database::State* state, modules::WriteOp op,
    absl::StatusOr<Result> (*build)(const catalog::Catalog&, std::shared_ptr<const store::Store>,
                                    catalog::EntityId, const std::vector<uint32_t>&)) {
  absl::StatusOr<Result> built = absl::InternalError("the commit built no result");
  const modules::BeforeCommitFn before_commit = [&](const modules::CommitResult& commit) {
    built = build(commit.rules->catalog, commit.version, commit.ops[0].entity, commit.ops[0].rows);
    return built.status();
  };
  std::vector<modules::WriteOp> ops;
  ops.push_back(std::move(op));  // the rows' JSON is not copied again
  LG_RETURN_IF_ERROR(modules::Commit(state, ops, nullptr, &before_commit).status());
  return built;
}

}  // namespace

absl::StatusOr<Result> Service::Create(std::string_view rows_json) try {
  modules::WriteOp op;
  op.kind = modules::WriteOp::Kind::kCreate;
  op.entity = entity_;
  op.json = std::string(rows_json);
  return CommitAndBuild(db_->state_.get(), std::move(op), modules::RowsResultIn);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Service::Update(std::string_view rows_json) try {
  modules::WriteOp op;
  op.kind = modules::WriteOp::Kind::kUpdate;
  op.entity = entity_;
  op.json = std::string(rows_json);
  return CommitAndBuild(db_->state_.get(), std::move(op), modules::RowsResultIn);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Service::WriteIds(IdWrite write, std::string_view selection_json) try {
  modules::WriteOp op;
  switch (write) {
    case IdWrite::kDelete: op.kind = modules::WriteOp::Kind::kDelete; break;
    case IdWrite::kSoftDelete: op.kind = modules::WriteOp::Kind::kSoftDelete; break;
    case IdWrite::kRestore: op.kind = modules::WriteOp::Kind::kRestore; break;
  }
  op.entity = entity_;
  op.json = std::string(selection_json);
  return CommitAndBuild(db_->state_.get(), std::move(op), modules::IdsResultIn);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Service::Delete(std::string_view selection_json) {
  return WriteIds(IdWrite::kDelete, selection_json);
}

absl::StatusOr<Result> Service::SoftDelete(std::string_view selection_json) {
  return WriteIds(IdWrite::kSoftDelete, selection_json);
}

absl::StatusOr<Result> Service::Restore(std::string_view selection_json) {
  return WriteIds(IdWrite::kRestore, selection_json);
}

absl::StatusOr<Result> Service::List(std::string_view filters_json, const FindConfig& config) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, FindRequest(entity_, filters_json, config));
  req.pagination.count = false;
  return modules::RunRequest(*db_->state_, req, modules::Metadata::kRows);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Service::ListAndCount(std::string_view filters_json,
                                             const FindConfig& config) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, FindRequest(entity_, filters_json, config));
  return modules::RunRequest(*db_->state_, req);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Service::Retrieve(std::string_view id, const FindConfig& config) try {
  Database::State& state = *db_->state_;
  std::string pk_name, pascal;
  {
    modules::Snapshot snap(state);
    absl::StatusOr<catalog::EntityId> e = snap.catalog().ResolveEntity(entity_);
    if (!e.ok()) return dsl::InvalidAt(dsl::Msg(e.status()), "entity");
    const catalog::EntityDef& def = snap.catalog().entity(*e);
    pk_name = def.columns[def.primary_key].name;
    pascal = def.pascal;
  }
  // The id as JSON: a quoted string or a number as given, else a bare text id.
  std::string id_json(id);
  bool is_json = !id.empty() && (id[0] == '"' || id[0] == '-' || std::isdigit(static_cast<unsigned char>(id[0])));
  if (!is_json) id_json = base::QuoteJson(id);
  std::string filters = "{" + base::QuoteJson(pk_name) + ":" + id_json + "}";
  LG_ASSIGN_OR_RETURN(dsl::Request req, FindRequest(entity_, filters, config));
  LG_ASSIGN_OR_RETURN(Result r, modules::RunRequest(state, req, modules::Metadata::kRows));
  if (r.size() == 0) {
    std::string shown(id);
    if (shown.size() >= 2 && shown.front() == '"' && shown.back() == '"') {
      shown = shown.substr(1, shown.size() - 2);
    }
    return absl::NotFoundError(pascal + " with " + pk_name + ": " + shown + " was not found");
  }
  return r;
} catch (...) {
  return modules::StatusFromException();
}

}  // namespace linkgraph
