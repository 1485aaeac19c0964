// linkgraph::Links: the link service over the commit path.
#include "modules/access.h"
#include "linkgraph/links.h"

#include <algorithm>

#include "dsl/location.h"
#include "engine/result/result_data.h"
#include "linkgraph/database.h"
#include "modules/commit.h"
#include "modules/graph.h"
#include "modules/guard.h"
#include "modules/link_writer.h"
#include "modules/value_reader.h"

namespace linkgraph {

namespace {

absl::StatusOr<Result> CountResult(Database::State* state, modules::WriteOp::Kind kind,
                                   std::string_view json) {
  modules::WriteOp op;
  op.kind = kind;
  op.json = std::string(json);
  // Allocated before the commit: nothing can fail after the write is kept.
  auto data = std::make_shared<result::ResultData>();
  std::vector<modules::WriteOp> ops;
  ops.push_back(std::move(op));  // the links' JSON is not copied again
  LG_ASSIGN_OR_RETURN(modules::CommitResult commit, modules::Commit(state, ops));
  data->metadata_only = true;
  data->meta.count = commit.rows;
  return modules::ResultAccess::Make(std::move(data));
}

}  // namespace

absl::StatusOr<Result> Links::Create(std::string_view links_json) try {
  return CountResult(db_->state_.get(), modules::WriteOp::Kind::kLink, links_json);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Links::Dismiss(std::string_view links_json) try {
  return CountResult(db_->state_.get(), modules::WriteOp::Kind::kDismiss, links_json);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Links::Delete(std::string_view links_json) try {
  return CountResult(db_->state_.get(), modules::WriteOp::Kind::kUnlink, links_json);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Links::Restore(std::string_view links_json) try {
  return CountResult(db_->state_.get(), modules::WriteOp::Kind::kLinkRestore, links_json);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Links::List(std::string_view links_json) try {
  Database::State& state = *db_->state_;
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(state));
  catalog::EntityId pivot_id = 0;
  std::vector<uint32_t> rows;
  {
    modules::Snapshot snap(state);
    LG_ASSIGN_OR_RETURN(std::vector<modules::LinkPair> pairs,
                        modules::ResolveLinkRows(snap.rules(), links_json, false));
    if (pairs.empty()) return dsl::InvalidAt("name at least one link row", "rows");
    const DefineLinkInfo* link = pairs[0].link;
    for (const modules::LinkPair& p : pairs) {
      if (p.link != link) return dsl::InvalidAt("list one link at a time", "rows");
    }
    pivot_id = link->pivot;
    const store::Table& pivot = snap.store().table(pivot_id);
    const catalog::EntityDef& left = snap.catalog().entity(link->left);
    const catalog::EntityDef& right = snap.catalog().entity(link->right);
    for (const modules::LinkPair& p : pairs) {
      modules::OwnedCell a, b;
      if (!p.left_json.empty()) {
        LG_RETURN_IF_ERROR(modules::ReadOwnedCell(p.left_json, left.columns[left.primary_key], &a));
      }
      if (!p.right_json.empty()) {
        LG_RETURN_IF_ERROR(
            modules::ReadOwnedCell(p.right_json, right.columns[right.primary_key], &b));
      }
      bool by_left = !p.left_json.empty();
      store::HashIndex::Rows posting =
          pivot.hash_index(by_left ? link->left_key : link->right_key)->Find(by_left ? a.Get() : b.Get());
      if (posting == nullptr) continue;
      for (uint32_t row : *posting) {
        if (by_left && !p.right_json.empty()) {
          const store::Column& rk = pivot.column(link->right_key);
          store::Cell key = b.Get();
          bool same = catalog::IsStringStored(rk.type()) ? rk.GetString(row) == key.s
                                                         : rk.GetInt(row) == key.i;
          if (!same) continue;
        }
        rows.push_back(row);
      }
    }
    std::sort(rows.begin(), rows.end(), [&](uint32_t x, uint32_t y) { return pivot.PkLess(x, y); });
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return modules::RowsResultIn(snap.catalog(), snap.store_ptr(), pivot_id, rows);
  }
} catch (...) {
  return modules::StatusFromException();
}

}  // namespace linkgraph
