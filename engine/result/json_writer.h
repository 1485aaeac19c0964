// Our streaming JSON writer for results (DESIGN.md §7 output rules; STYLE.md explains why it is
// our own): compact, keys in request order, values read straight from result columns.
//
// A large document can be written on several threads: its root rows are cut into ranges,
// written each into a buffer of its own on whichever thread is free, and joined in order, so
// the text is the same whatever the number of threads.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "engine/result/result_data.h"

namespace linkgraph::result {

struct JsonWriteOptions {
  // Threads writing at once, the caller's included.
  unsigned threads = 1;
  // Documents estimated smaller are written on the caller's thread alone: starting a thread
  // costs more than it saves.
  size_t parallel_min_bytes = size_t{1} << 20;
  // About the size of the row ranges written in parallel, and at most that of the pieces
  // WriteJson hands the stream.
  size_t chunk_bytes = size_t{256} << 10;
};

// Appends `{"data":[...],"metadata":{...}}`.
void AppendJson(const ResultData& data, std::string* out, const JsonWriteOptions& options = {});

// Writes the same document to `os` in pieces as it goes: at most a few per thread are held at
// once, never the whole text.
void WriteJson(const ResultData& data, std::ostream& os, const JsonWriteOptions& options = {});

// Appends row `row` of `node` as a JSON object.
void AppendRowJson(const Node& node, uint32_t row, std::string* out);

// Appends the JSON of one scalar value.
void AppendValueJson(const ValueColumn& column, uint32_t row, std::string* out);

}  // namespace linkgraph::result
