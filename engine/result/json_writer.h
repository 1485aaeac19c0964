// Our streaming JSON writer for results (DESIGN.md §7 output rules; STYLE.md explains why it is
// our own): compact, keys in request order, values read straight from result columns.
#pragma once

#include <ostream>
#include <string>

#include "engine/result/result_data.h"

namespace linkgraph::result {

// Appends `{"data":[...],"metadata":{...}}`.
void AppendJson(const ResultData& data, std::string* out);

// Writes the same document to `os` in chunks as it goes.
void WriteJson(const ResultData& data, std::ostream& os);

// Appends row `row` of `node` as a JSON object.
void AppendRowJson(const Node& node, uint32_t row, std::string* out);

// Appends the JSON of one scalar value.
void AppendValueJson(const ValueColumn& column, uint32_t row, std::string* out);

}  // namespace linkgraph::result
