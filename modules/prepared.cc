// Prepared queries and Explain: the graph pipeline with binding done once.
#include <chrono>
#include <charconv>
#include <mutex>

#include "modules/access.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "engine/exec/program.h"
#include "engine/plan/bind.h"
#include "engine/plan/params.h"
#include "engine/result/result_data.h"
#include "linkgraph/database.h"
#include "modules/graph.h"
#include "modules/guard.h"
#include "modules/state.h"

namespace linkgraph {

struct PreparedQuery::Impl {
  Database::State* state;
  dsl::Request request;
  // Guarded by `mu`: the plan bound against catalog version `catalog` (held, so that a new
  // version is never mistaken for it).
  mutable std::mutex mu;
  mutable std::shared_ptr<const plan::Plan> plan;
  mutable std::shared_ptr<const CatalogVersion> catalog;
};

namespace {

dsl::Literal ToLiteral(const Value& v) {
  dsl::Literal lit;
  switch (v.kind()) {
    case Value::Kind::kNull: lit.kind = dsl::Literal::Kind::kNull; break;
    case Value::Kind::kBool:
      lit.kind = dsl::Literal::Kind::kBool;
      lit.boolean = v.boolean();
      break;
    case Value::Kind::kInt:
      lit.kind = dsl::Literal::Kind::kNumber;
      lit.text = std::to_string(v.integer());
      break;
    case Value::Kind::kDouble: {
      lit.kind = dsl::Literal::Kind::kNumber;
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.floating());
      lit.text.assign(buf, end);
      break;
    }
    case Value::Kind::kString:
      lit.kind = dsl::Literal::Kind::kString;
      lit.text = v.string();
      break;
  }
  return lit;
}

// The plan of `impl` for the catalog version `snapshot` reads, re-bound when it is not the one
// the plan was bound against (a Register published a new one).
absl::StatusOr<std::shared_ptr<const plan::Plan>> CurrentPlan(const PreparedQuery::Impl& impl,
                                                              const modules::Snapshot& snapshot) {
  std::lock_guard<std::mutex> lock(impl.mu);
  if (impl.plan == nullptr || impl.catalog != snapshot.rules_ptr()) {
    LG_ASSIGN_OR_RETURN(plan::Plan bound, plan::Bind(impl.request, snapshot.catalog()));
    impl.plan = std::make_shared<const plan::Plan>(std::move(bound));
    impl.catalog = snapshot.rules_ptr();
  }
  return impl.plan;
}

absl::StatusOr<PreparedQuery> MakePrepared(Database::State* state, dsl::Request request) {
  auto impl = std::make_shared<PreparedQuery::Impl>();
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state));
  impl->state = state;
  impl->request = std::move(request);
  {
    modules::Snapshot snapshot(*state);
    LG_RETURN_IF_ERROR(CurrentPlan(*impl, snapshot).status());
  }
  return PreparedQuery(std::move(impl));
}

absl::StatusOr<std::string> ExplainRequest(const Database::State& state,
                                           const dsl::Request& request, ExplainOptions options) {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(state));
  modules::Snapshot snapshot(state);
  LG_ASSIGN_OR_RETURN(plan::Plan plan, plan::Bind(request, snapshot.catalog()));
  LG_RETURN_IF_ERROR(plan::CheckNoParams(plan));
  LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(plan, snapshot.catalog()));
  std::string out = exec::DumpProgram(program, snapshot.catalog(), &snapshot.store());
  if (!options.analyze) return out;
  auto start = std::chrono::steady_clock::now();
  LG_ASSIGN_OR_RETURN(std::shared_ptr<result::ResultData> result,
                      exec::Execute(program, snapshot.store()));
  const result::ResultData& data = *result;
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();
  // Rows per result node, depth first, in the order DumpProgram lists the operators.
  std::string actual = "actual:";
  std::vector<std::pair<const result::Node*, std::string>> stack = {{&data.root, "root"}};
  while (!stack.empty()) {
    auto [node, name] = stack.back();
    stack.pop_back();
    actual += " " + name + "=" + std::to_string(node->rows);
    for (auto it = node->keys.rbegin(); it != node->keys.rend(); ++it) {
      if (it->is_relation) stack.push_back({node->children[it->index].node, std::string(it->name)});
    }
  }
  out += actual + " rows; count=" + (data.meta.count ? std::to_string(*data.meta.count) : "null") +
         "; time=" + std::to_string(micros) + "us\n";
  return out;
}

}  // namespace

absl::StatusOr<Result> PreparedQuery::Execute(const Params& params,
                                              const QueryOptions& options) const try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*impl_->state));
  modules::Snapshot snapshot(*impl_->state);
  LG_ASSIGN_OR_RETURN(std::shared_ptr<const plan::Plan> bound, CurrentPlan(*impl_, snapshot));
  const plan::Plan* plan = bound.get();
  plan::Plan with_params;
  if (!params.empty()) {
    plan::ParamLiterals literals;
    for (const auto& [name, value] : params) literals.emplace(name, ToLiteral(value));
    with_params = plan::ClonePlan(*bound);
    LG_RETURN_IF_ERROR(plan::BindParams(&with_params, literals, snapshot.catalog()));
    plan = &with_params;
  } else {
    LG_RETURN_IF_ERROR(plan::CheckNoParams(*plan));
  }
  LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(*plan, snapshot.catalog()));
  LG_ASSIGN_OR_RETURN(std::shared_ptr<result::ResultData> data,
                      exec::Execute(program, snapshot.store(), modules::Limits(options)));
  data->keep_alive = snapshot.store_ptr();
  return modules::ResultAccess::Make(std::move(data));
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<PreparedQuery> Database::Prepare(const GraphRequest& request) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, modules::ParseGraphRequest(request));
  return MakePrepared(state_.get(), std::move(req));
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<PreparedQuery> Database::PrepareJson(std::string_view request_json) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, dsl::ParseRequestJson(request_json));
  return MakePrepared(state_.get(), std::move(req));
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<std::string> Database::Explain(const GraphRequest& request,
                                              ExplainOptions options) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, modules::ParseGraphRequest(request));
  return ExplainRequest(*state_, req, options);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<std::string> Database::ExplainJson(std::string_view request_json,
                                                  ExplainOptions options) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, dsl::ParseRequestJson(request_json));
  return ExplainRequest(*state_, req, options);
} catch (...) {
  return modules::StatusFromException();
}

}  // namespace linkgraph
