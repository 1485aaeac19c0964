// The generated service of one data model (DESIGN.md §2): create, list, listAndCount,
// retrieve, update, delete, softDelete, restore. Rows and filters travel as JSON text; results
// come back as linkgraph::Result (rows written exactly as `graph ENTITY fields *` writes them).
//
// Example:
//   linkgraph::Service reviews = db.Service("review");
//   auto created = reviews.Create(R"([{"product_id":"prod_1","rating":5}])");
//   auto listed = reviews.List(R"({"product_id":"prod_1"})");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "linkgraph/export.h"
#include "linkgraph/result.h"

namespace linkgraph {

class Database;

// Medusa's find config.
struct FindConfig {
  std::vector<std::string> select{};     // fields; empty means "*"
  std::vector<std::string> relations{};  // relations to load, each as "relation.*"
  std::optional<int64_t> skip{};
  std::optional<int64_t> take{};
  std::string order{};  // JSON object text or "created_at desc, title"
  bool with_deleted = false;
};

class LINKGRAPH_EXPORT Service {
 public:
  Service(Database* db, std::string entity) : db_(db), entity_(std::move(entity)) {}

  const std::string& entity() const { return entity_; }

  // Creates one row (a JSON object) or several (an array); one atomic batch. Returns the rows
  // as stored, in input order; metadata.count = rows created.
  absl::StatusOr<Result> Create(std::string_view rows_json);
  // Rows matching `filters_json` (object form, or "" for all), primary-key order by default.
  absl::StatusOr<Result> List(std::string_view filters_json = "", const FindConfig& config = {});
  // As List, with metadata.count = every matching row (before skip/take).
  absl::StatusOr<Result> ListAndCount(std::string_view filters_json = "",
                                      const FindConfig& config = {});
  // The row with primary key `id` (JSON text of the key: "\"prod_1\"" or "7"; a bare text id
  // is accepted too). NotFound: `<Entity> with id: <id> was not found`.
  absl::StatusOr<Result> Retrieve(std::string_view id, const FindConfig& config = {});

  // Partial updates: rows carrying their primary key (`{"id":"p1","title":"New"}` or an array),
  // or `{"selector": filter, "data": fields}`. Returns the updated rows as stored; updated_at
  // is set unless given. Updating a primary key is InvalidArgument; an unknown key NotFound.
  // A selector is an object-form filter or a JSON string holding a text-form filter
  // (`{"selector": "status = 'draft'", "data": {...}}`; errors located `filters, column C`).
  absl::StatusOr<Result> Update(std::string_view rows_json);
  // Hard delete of an id (JSON text), an array of ids, a filter or `{"selector": filter}`
  // (soft-deleted rows included); the selector may be a text-form filter in a JSON string, as for
  // Update. Returns `{"data":[ids],"metadata":{"count":N}}` in
  // primary-key order; rows reached by a cascade are neither listed nor counted.
  absl::StatusOr<Result> Delete(std::string_view selection_json);
  // Sets deleted_at on live rows named as for Delete.
  absl::StatusOr<Result> SoftDelete(std::string_view selection_json);
  // Clears deleted_at (and restores what the soft delete's cascade removed).
  absl::StatusOr<Result> Restore(std::string_view selection_json);

 private:
  // The writes that take a selection and return ids.
  enum class IdWrite { kDelete, kSoftDelete, kRestore };
  absl::StatusOr<Result> WriteIds(IdWrite write, std::string_view selection_json);

  Database* db_;
  std::string entity_;
};

}  // namespace linkgraph
