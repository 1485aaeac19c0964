// The schema half of the JSON interchange (DESIGN.md §8), written: Schema -> JSON text that
// ParseSchemaJson (schema_json.h) reads back to an equal Schema.
#pragma once

#include <string>
#include <vector>

#include "linkgraph/schema.h"

namespace linkgraph::modules {

// One compact §8 document holding the modules of every schema in `schemas`, then their
// defineLinks, in order. Keys with default values are left out.
std::string WriteSchemaJson(const std::vector<Schema>& schemas);

}  // namespace linkgraph::modules
