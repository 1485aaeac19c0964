// Shared pieces of the dsl's JSON readers (filters, requests). Internal to dsl/.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"
#include "dsl/json_input.h"
#include "dsl/location.h"

namespace linkgraph::dsl::internal {

inline constexpr size_t kMaxJsonBytes = 16 * 1024 * 1024;

// The keys of one JSON object read so far (a hash set: an object may have a million keys).
using SeenKeys = std::unordered_set<std::string>;

// Refuses a repeated object key (DESIGN.md §7: JSON is read keeping key order and refusing
// duplicate keys): throws JsonError "duplicate key '<key>'" at `where` when `key` is in `seen`,
// else adds it. One `seen` per JSON object.
inline void CheckUniqueKey(const std::string& key, const std::string& where, SeenKeys* seen) {
  if (!seen->insert(key).second) throw JsonError{"duplicate key '" + Clip(key) + "'", where};
}

// A literal: null, true/false, a number (text kept as written), a string, or {"$param": name}.
Literal ReadLiteral(JsonValue value, const std::string& where);

// "created_at desc, product.title" -> order keys (grammar_filter.h's order_text). Throws
// JsonError located at "<where>, column C".
std::vector<OrderKey> ParseOrderText(std::string_view text, const std::string& where);

// A filter object (Medusa's object form).
FilterExpr ReadFilterValue(JsonValue value, const std::string& where);

// Parses `json` with simdjson On-Demand and calls `read(root value)`. simdjson errors become
// InvalidArgument "invalid JSON: …" located at `what`; JsonError becomes InvalidArgument located
// at its own `where`. Trailing content after the value is an error.
template <typename Read>
auto WithJson(std::string_view json, std::string_view what, const Read& read)
    -> absl::StatusOr<decltype(read(std::declval<JsonValue>()))> {
  if (json.size() > kMaxJsonBytes) {
    return InvalidAt("input longer than " + std::to_string(kMaxJsonBytes) + " bytes",
                     what);
  }
  simdjson::padded_string padded = Padded(std::string_view(json.data(), json.size()));
  ParserLease parser(padded.size());
  try {
    simdjson::ondemand::document doc = Iterate(parser, padded);
    JsonValue root = doc.get_value();
    auto result = read(root);
    if (doc.current_location().error() == simdjson::SUCCESS) {
      return InvalidAt("invalid JSON: trailing content", what);
    }
    return result;
  } catch (const JsonError& e) {
    return InvalidAt(e.message, e.where);
  } catch (const simdjson::simdjson_error& e) {
    RethrowIfOutOfMemory(e);
    return InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()), what);
  }
}

}  // namespace linkgraph::dsl::internal
