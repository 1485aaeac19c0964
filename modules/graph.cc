#include "modules/access.h"
#include "modules/graph.h"

#include <memory>

#include "dsl/location.h"
#include "dsl/parse.h"
#include "engine/exec/program.h"
#include "engine/plan/bind.h"
#include "engine/plan/params.h"

namespace linkgraph::modules {

exec::QueryLimits Limits(const QueryOptions& options) {
  exec::QueryLimits limits;
  limits.deadline = options.deadline;
  limits.cancel = options.cancel;
  limits.max_result_bytes = options.max_result_bytes;
  return limits;
}

absl::StatusOr<Result> RunRequest(const Database::State& state, const dsl::Request& request,
                                  Metadata metadata, const QueryOptions& options) {
  LG_RETURN_IF_ERROR(CheckNotInCommit(state));
  Snapshot snapshot(state);
  LG_ASSIGN_OR_RETURN(plan::Plan plan, plan::Bind(request, snapshot.catalog()));
  // A `$param` has no value outside a prepared query: refused where the request names it.
  LG_RETURN_IF_ERROR(plan::CheckNoParams(plan));
  LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(plan, snapshot.catalog()));
  LG_ASSIGN_OR_RETURN(std::shared_ptr<result::ResultData> data,
                      exec::Execute(program, snapshot.store(), Limits(options)));
  data->keep_alive = snapshot.store_ptr();
  if (metadata == Metadata::kRows) {
    data->meta.paged = false;
    data->meta.count = data->root.rows;
  }
  return modules::ResultAccess::Make(std::move(data));
}

absl::StatusOr<Result> RowsResultIn(const catalog::Catalog& catalog,
                                    std::shared_ptr<const store::Store> store,
                                    catalog::EntityId entity, const std::vector<uint32_t>& rows) {
  plan::Plan plan;
  plan.root = std::make_unique<plan::Node>();
  plan.root->entity = entity;
  plan.root->with_deleted = true;
  const catalog::EntityDef& def = catalog.entity(entity);
  for (catalog::ColumnId c = 0; c < def.columns.size(); ++c) {
    plan.root->outputs.push_back(plan::Output{def.columns[c].name, false, c, 0});
  }
  LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(plan, catalog));
  LG_ASSIGN_OR_RETURN(std::shared_ptr<result::ResultData> data,
                      exec::ExecuteRows(program, *store, rows));
  data->keep_alive = std::move(store);
  return modules::ResultAccess::Make(std::move(data));
}

absl::StatusOr<Result> IdsResultIn(const catalog::Catalog& catalog,
                                   std::shared_ptr<const store::Store> store,
                                   catalog::EntityId entity, const std::vector<uint32_t>& rows) {
  plan::Plan plan;
  plan.root = std::make_unique<plan::Node>();
  plan.root->entity = entity;
  const catalog::EntityDef& def = catalog.entity(entity);
  plan.root->outputs.push_back(
      plan::Output{def.columns[def.primary_key].name, false, def.primary_key, 0});
  LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(plan, catalog));
  LG_ASSIGN_OR_RETURN(std::shared_ptr<result::ResultData> data,
                      exec::ExecuteRows(program, *store, rows));
  data->keep_alive = std::move(store);
  data->scalar_rows = true;
  return modules::ResultAccess::Make(std::move(data));
}

absl::StatusOr<dsl::Request> ParseGraphRequest(const GraphRequest& request) {
  dsl::Request req;
  req.entity = request.entity;
  if (request.fields.empty()) return dsl::InvalidAt("fields must not be empty", "fields");
  for (uint32_t i = 0; i < request.fields.size(); ++i) {
    LG_ASSIGN_OR_RETURN(dsl::FieldPath f, dsl::ParseField(request.fields[i], i));
    req.fields.push_back(std::move(f));
  }
  std::string_view filters = request.filters;
  size_t first = filters.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos) {
    if (filters[first] != '{') {
      dsl::TextWhere where("filters", filters);
      LG_ASSIGN_OR_RETURN(req.filters, dsl::ParseFilterText(filters, std::ref(where)));
    } else {
      LG_ASSIGN_OR_RETURN(req.filters, dsl::ParseFilterJson(filters));
    }
  }
  req.pagination.skip = request.pagination.skip;
  req.pagination.take = request.pagination.take;
  req.pagination.count = request.pagination.count;
  if (req.pagination.skip && *req.pagination.skip < 0) {
    return dsl::InvalidAt("must not be negative", "pagination.skip");
  }
  if (req.pagination.take && *req.pagination.take < 0) {
    return dsl::InvalidAt("must not be negative", "pagination.take");
  }
  if (!request.pagination.order.empty()) {
    LG_ASSIGN_OR_RETURN(req.pagination.order, dsl::ParseOrder(request.pagination.order));
  }
  req.with_deleted = request.with_deleted;
  return req;
}

}  // namespace linkgraph::modules
