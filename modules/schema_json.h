// The schema half of the JSON interchange (DESIGN.md §8) -> Schema.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "linkgraph/schema.h"

namespace linkgraph::modules {

// Parses a §8 schema document. Unknown keys and wrong types are InvalidArgument located by
// their JSON path (`modules[1].models[0].properties.rating.type`).
absl::StatusOr<Schema> ParseSchemaJson(std::string_view json);

}  // namespace linkgraph::modules
