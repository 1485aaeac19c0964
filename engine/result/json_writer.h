// Our streaming JSON writer for results (DESIGN.md §7 output rules; STYLE.md explains why it is
// our own): compact, keys in request order, values read straight from result columns.
//
// A document over about a megabyte can be written on several threads: its root rows are cut
// into ranges of about kJsonChunkBytes, written each into a buffer of its own on whichever
// thread is free, and joined in order, so the text is the same whatever `threads` is.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "engine/result/result_data.h"

namespace linkgraph::result {

// The size of the pieces a document is written in: what WriteJson hands the stream at a time,
// and the row ranges of a parallel write.
inline constexpr size_t kJsonChunkBytes = 256 << 10;

// Appends `{"data":[...],"metadata":{...}}`, on up to `threads` threads (the caller's
// included; small documents on the caller's alone).
void AppendJson(const ResultData& data, std::string* out, unsigned threads = 1);

// Writes the same document to `os` in chunks as it goes: at most a few chunks per thread are
// held at once, never the whole text.
void WriteJson(const ResultData& data, std::ostream& os, unsigned threads = 1);

// Appends row `row` of `node` as a JSON object.
void AppendRowJson(const Node& node, uint32_t row, std::string* out);

// Appends the JSON of one scalar value.
void AppendValueJson(const ValueColumn& column, uint32_t row, std::string* out);

}  // namespace linkgraph::result
