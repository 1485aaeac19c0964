// Writing rows of one entity from JSON objects: field names checked, values converted, ids and
// timestamps generated, defaults applied, primary keys and unique values checked, then the row
// appended through the transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <simdjson.h>

#include "absl/status/statusor.h"
#include "engine/store/transaction.h"
#include "modules/commit_context.h"

namespace linkgraph::modules {

class RowWriter {
 public:
  // How a field is appended to a row's location: `rows[3].rating` (kDotted) or
  // `shop.jsonl:12, field 'rating'` (kLine).
  enum class FieldStyle : uint8_t { kDotted, kLine };

  RowWriter(CommitContext* ctx, store::Transaction* txn, catalog::EntityId entity,
            FieldStyle style = FieldStyle::kDotted);

  // Appends the row `object`; `where` locates it ("rows[3]"). Returns the row id.
  absl::StatusOr<uint32_t> Create(simdjson::ondemand::object object, const std::string& where);

  // Updates the live row named by the primary key inside `object` with the object's other
  // fields (partial update). NotFound when no live row has that key.
  absl::StatusOr<uint32_t> UpdateByKey(simdjson::ondemand::object object,
                                       const std::string& where);

  // Reads `data` once (the fields to set), for UpdateRow.
  absl::Status ReadUpdate(simdjson::ondemand::object data, const std::string& where);
  // Applies the fields read by ReadUpdate to `row`.
  absl::Status UpdateRow(uint32_t row, const std::string& where);

 private:
  absl::Status ReadFields(simdjson::ondemand::object object, const std::string& where);
  absl::Status CheckUnique(const std::string& where, int64_t self);
  // A hasMany's rows or a manyToMany's ids given inside a row being created.
  struct Nested {
    const NestedInfo* info;
    std::string json;   // the array as written
    std::string where;  // "rows[0].variants"
  };
  absl::Status CreateNested(uint32_t row, const std::vector<Nested>& nested);
  // Records where a written row came from, for the end-of-batch checks.
  void Remember(uint32_t row, const std::string& where);
  std::string FieldWhere(const std::string& where, std::string_view field) const;
  absl::Status Fill(const std::string& where);

  CommitContext* ctx_;
  store::Transaction* txn_;
  const catalog::EntityDef& entity_;
  store::Table& table_;
  int64_t now_;  // ctx->now
  FieldStyle style_;
  bool remember_;  // the entity has belongsTo relationships (end-of-batch checks)
  std::vector<store::Cell> cells_;
  std::vector<uint8_t> given_;
  std::vector<std::string> scratch_;
  std::vector<Nested> nested_;
};

}  // namespace linkgraph::modules
