#include "modules/row_selection.h"

#include <algorithm>
#include <functional>

#include <simdjson.h>

#include "dsl/json_input.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "engine/exec/access.h"
#include "engine/exec/scan.h"
#include "engine/plan/bind.h"
#include "engine/plan/params.h"
#include "linkgraph/status.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

using simdjson::ondemand::json_type;

absl::StatusOr<std::vector<uint32_t>> FilterRows(const CommitContext& ctx,
                                                 catalog::EntityId entity,
                                                 std::string_view filter_json,
                                                 Visibility visibility) {
  dsl::FilterExpr filter;
  size_t first = filter_json.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && filter_json[first] == '"') {
    // A text-form filter given as a JSON string (DESIGN.md §7: filters may be either form).
    std::string text;
    simdjson::padded_string padded = dsl::internal::Padded(filter_json);
    dsl::internal::ParserLease parser(padded.size());
    try {
      simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
      text = std::string(doc.get_string().value());
    } catch (const simdjson::simdjson_error& e) {
      dsl::internal::RethrowIfOutOfMemory(e);
      return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                            "filters");
    }
    dsl::TextWhere where("filters", text);
    LG_ASSIGN_OR_RETURN(filter, dsl::ParseFilterText(text, std::ref(where)));
  } else {
    LG_ASSIGN_OR_RETURN(filter, dsl::ParseFilterJson(filter_json));
  }
  bool with_deleted = visibility == Visibility::kAll;
  bool mentions_deleted = false;
  LG_ASSIGN_OR_RETURN(plan::Predicate pred,
                      plan::BindFilter(filter, ctx.rules.catalog, entity, &mentions_deleted));
  // Evaluated as it is: a `$param` here has no value (it would compare as 0 or '').
  LG_RETURN_IF_ERROR(plan::CheckNoParams(pred));
  // The rows are found as a query's root rows are: through an index when a conjunct allows
  // (`id = 'x'`, `sku in (…)`, a range on an `index` column), evaluated a batch at a time, in
  // primary-key order (the node has no order, so its rows come by primary key).
  plan::Node node;
  node.entity = entity;
  node.filter = std::move(pred);
  node.with_deleted = with_deleted;
  exec::AccessPath access = exec::ChooseAccess(node, ctx.rules.catalog.entity(entity), false);
  return exec::ScanRoot(ctx.store, node, access).rows;
}

absl::StatusOr<std::vector<uint32_t>> SelectRows(const CommitContext& ctx,
                                                 catalog::EntityId entity,
                                                 std::string_view selection_json,
                                                 Visibility visibility, const std::string& where) {
  const catalog::EntityDef& def = ctx.rules.catalog.entity(entity);
  const catalog::ColumnDef& pk = def.columns[def.primary_key];
  const store::Table& table = ctx.store.table(entity);
  std::vector<std::string> ids_json;  // each id as JSON text
  std::string filter_json;
  size_t first = selection_json.find_first_not_of(" \t\r\n");
  bool scalar = first == std::string_view::npos ||
                (selection_json[first] != '[' && selection_json[first] != '{');
  if (scalar) {
    // One id; wrapped so that simdjson reads it as a value.
    return SelectRows(ctx, entity, "[" + std::string(selection_json) + "]", visibility, where);
  }
  simdjson::padded_string padded = dsl::internal::Padded(selection_json);
  dsl::internal::ParserLease parser(padded.size());
  try {
    simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
    simdjson::ondemand::value root = doc.get_value();
    json_type t = root.type();
    if (t == json_type::array) {
      for (auto item : root.get_array()) ids_json.emplace_back(dsl::internal::RawJson(item.value()));
    } else if (t == json_type::object) {
      simdjson::ondemand::object obj = root.get_object();
      bool selector = false;
      for (auto field : obj) {
        if (dsl::internal::RawKeyIs(field.key(), "selector")) {
          selector = true;
          filter_json = std::string(dsl::internal::RawJson(field.value()));
        }
      }
      if (!selector) {
        obj.reset();
        filter_json = std::string(obj.raw_json().value());
      }
    }
  } catch (const simdjson::simdjson_error& e) {
    dsl::internal::RethrowIfOutOfMemory(e);
    return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                          where);
  }
  if (!filter_json.empty()) return FilterRows(ctx, entity, filter_json, visibility);
  std::vector<uint32_t> rows;
  for (size_t i = 0; i < ids_json.size(); ++i) {
    OwnedCell key;
    std::string iwhere = where + "[" + std::to_string(i) + "]";
    absl::Status s = ReadOwnedCell(ids_json[i], pk, &key);
    if (!s.ok()) return dsl::InvalidAt(dsl::Msg(s), iwhere);
    if (key.cell.is_null) return dsl::InvalidAt("an id cannot be null", iwhere);
    int64_t row = table.FindByPk(key.Get());
    if (row < 0 || (visibility == Visibility::kLive && table.IsSoftDeleted(static_cast<uint32_t>(row)))) {
      std::string shown = catalog::IsStringStored(pk.type) ? key.storage
                                                           : std::to_string(key.cell.i);
      return dsl::ErrorAt(absl::StatusCode::kNotFound,
                          def.pascal + " with " + pk.name + ": " + shown + " was not found",
                          iwhere);
    }
    rows.push_back(static_cast<uint32_t>(row));
  }
  std::sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) { return table.PkLess(a, b); });
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

}  // namespace linkgraph::modules
