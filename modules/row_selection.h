// Which rows a delete, softDelete, restore or selector update names: an id, a list of ids, a
// filter object, or `{ "selector": filter }`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "modules/commit_context.h"

namespace linkgraph::modules {

enum class Visibility : uint8_t { kLive, kAll };

// The rows of `entity` named by `selection_json`, in primary-key order. Ids that name no row are
// NotFound (`<Entity> with id: x was not found`); a filter matching nothing is an empty list.
// `visibility` decides whether soft-deleted rows can be named.
// REQUIRES: the caller holds the commit path's lock.
absl::StatusOr<std::vector<uint32_t>> SelectRows(const CommitContext& ctx,
                                                 catalog::EntityId entity,
                                                 std::string_view selection_json,
                                                 Visibility visibility, const std::string& where);

// Rows of `entity` matching `filter_json`, in primary-key order: an object-form filter, or a JSON
// string holding a text-form filter (located `filters, column C`).
absl::StatusOr<std::vector<uint32_t>> FilterRows(const CommitContext& ctx,
                                                 catalog::EntityId entity,
                                                 std::string_view filter_json,
                                                 Visibility visibility);

}  // namespace linkgraph::modules
