#include "shell/table_columns.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "dsl/parse.h"

namespace linkgraph::shell {

namespace {

class Columns {
 public:
  // Adds the column of `keys` unless one with the same header is there already.
  void Add(std::vector<std::string> keys, bool relation) {
    std::string header = absl::StrJoin(keys, ".");
    for (const TableColumn& c : columns_) {
      if (c.header == header) return;
    }
    columns_.push_back(TableColumn{std::move(header), std::move(keys), relation});
  }
  std::vector<TableColumn> Take() { return std::move(columns_); }

 private:
  std::vector<TableColumn> columns_;
};

const RelationInfo* FindRelation(const EntityInfo& info, std::string_view name) {
  for (const RelationInfo& r : info.relations) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

// The columns of one parsed field path.
void AddPath(Database& db, std::string_view entity, const dsl::FieldPath& path, Columns* out) {
  std::vector<std::string> names;
  for (const dsl::FieldSegment& s : path.segments) names.push_back(s.name);
  // Walks the single relations at the path's start; `walked` names them, joined by '.'.
  std::string walked;
  for (size_t i = 0; i < names.size(); ++i) {
    absl::StatusOr<EntityInfo> info = db.Describe(entity, walked);
    const RelationInfo* rel = info.ok() ? FindRelation(*info, names[i]) : nullptr;
    if (rel == nullptr) {  // a field: the whole path is one column
      out->Add(names, false);
      return;
    }
    std::vector<std::string> prefix(names.begin(), names.begin() + static_cast<ptrdiff_t>(i + 1));
    bool last = i + 1 == names.size();
    if (rel->is_list || (last && !path.star)) {
      out->Add(std::move(prefix), true);
      return;
    }
    walked += (walked.empty() ? "" : ".") + names[i];
  }
  // `*` after single relations (or alone): the fields of the entity reached.
  absl::StatusOr<EntityInfo> info = db.Describe(entity, walked);
  if (!info.ok()) {
    out->Add({path.text}, false);
    return;
  }
  for (const FieldInfo& f : info->fields) {
    std::vector<std::string> keys = names;
    keys.push_back(f.name);
    out->Add(std::move(keys), false);
  }
}

}  // namespace

std::vector<TableColumn> TableColumns(Database& db, std::string_view entity,
                                      const std::vector<std::string>& fields) {
  Columns columns;
  for (size_t i = 0; i < fields.size(); ++i) {
    absl::StatusOr<dsl::FieldPath> path = dsl::ParseField(fields[i], static_cast<uint32_t>(i));
    if (!path.ok()) {
      columns.Add({fields[i]}, false);
      continue;
    }
    AddPath(db, entity, *path, &columns);
  }
  return columns.Take();
}

}  // namespace linkgraph::shell
