#include "bench/harness/engine_linkgraph.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "bench/harness/schema.h"
#include "linkgraph/status.h"

namespace linkgraph::bench {

LinkgraphEngine::LinkgraphEngine() : db_(std::make_unique<Database>()) {}

absl::Status LinkgraphEngine::Load(const Dataset& data) {
  LG_RETURN_IF_ERROR(db_->RegisterJson(kLinkgraphSchema));
  for (const EntityFile& file : data.files) {
    LG_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(file.path));
    auto loaded = db_->LoadJsonLines(file.entity, text);
    if (!loaded.ok()) {
      return absl::Status(loaded.status().code(),
                          absl::StrCat(file.path, ": ", loaded.status().message()));
    }
  }
  return absl::OkStatus();
}

std::string LinkgraphEngine::RequestJson(QueryId query, const QueryArgs& args) {
  switch (query) {
    case QueryId::kQ1:
      return absl::StrCat(
          R"({"entity":"product","fields":["id","title","product_reviews.*"],"filters":{"id":")",
          args.product_id, R"("}})");
    case QueryId::kQ1p:
      return R"({"entity":"product","fields":["id","title","product_reviews.*"],)"
             R"("filters":{"id":{"$param":"id"}}})";
    case QueryId::kQ2:
      return R"({"entity":"product","fields":["id","title","created_at",)"
             R"("product_reviews.rating","product_reviews.content","collections.title"],)"
             R"("filters":{"status":"published"},)"
             R"("pagination":{"order":{"created_at":"DESC"},"take":100}})";
    case QueryId::kQ3:
      return R"({"entity":"product","fields":["id","title","product_reviews.*"]})";
    case QueryId::kQ4:
      return R"({"entity":"review","fields":["id","rating","product.title","customer.email"],)"
             R"("filters":{"rating":{"$gte":4}},)"
             R"("pagination":{"order":{"id":"ASC"},"take":1000,"count":false}})";
    case QueryId::kQ5:
      return absl::StrCat(
          R"({"entity":"product","fields":["id","title","collections.title"],)"
          R"("filters":{"product_reviews":{"rating":5,"customer_id":{"$lt":")",
          args.customer_bound,
          R"("}}},"pagination":{"order":{"created_at":"DESC"},"take":50,"count":false}})");
  }
  return "";
}

absl::Status LinkgraphEngine::Prepare(QueryId query) {
  if (query != QueryId::kQ1p || point_.has_value()) return absl::OkStatus();
  LG_ASSIGN_OR_RETURN(PreparedQuery q, db_->PrepareJson(RequestJson(query, {})));
  point_.emplace(std::move(q));
  return absl::OkStatus();
}

absl::StatusOr<Result> LinkgraphEngine::Run(QueryId query, const QueryArgs& args) {
  if (query == QueryId::kQ1p) {
    if (!point_.has_value()) return absl::FailedPreconditionError("Q1p is not prepared");
    return point_->Execute({{"id", args.product_id}});
  }
  return db_->GraphJson(RequestJson(query, args));
}

int64_t LinkgraphEngine::AccountedBytes() { return db_->Stats().bytes; }

absl::Status LinkgraphEngine::CreateReviews(const std::vector<NewReview>& rows, bool one_commit) {
  auto json = [](const NewReview& r) {
    return absl::StrCat(R"({"id":")", r.id, R"(","product_id":")", r.product_id,
                        R"(","customer_id":")", r.customer_id, R"(","rating":)", r.rating,
                        R"(,"content":")", r.content, R"(","created_at":")", r.created_at,
                        R"(","updated_at":")", r.created_at, R"("})");
  };
  if (one_commit) {
    return db_->Write([&](WriteBatch& b) {
                for (const NewReview& r : rows) b.Create("review", json(r));
              })
        .status();
  }
  for (const NewReview& r : rows) {
    LG_RETURN_IF_ERROR(db_->Write([&](WriteBatch& b) { b.Create("review", json(r)); }).status());
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::bench
