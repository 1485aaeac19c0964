// Producing numbered pieces of one output on several threads while consuming them in order on
// the caller's: how the result writer writes row ranges of a large document in parallel and
// still streams it (a bounded number of pieces is held at once).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace linkgraph::result {

// Calls `produce(chunk, slot)` once for each chunk in [0, chunks), on up to `threads` threads
// (the caller's among them; at most threads - 1 are started, none when that fails), and
// `consume(text)` on the caller's thread with each chunk's text in chunk order. `produce`
// writes into storage of its own for slot `slot` (< window) and returns a view of it; the
// slot is not reused for another chunk until that text is consumed, so at most `window`
// chunks are held at once. If `produce` or `consume` throws, the threads stop after their
// current chunk and the first exception is rethrown here once they have finished.
// REQUIRES: threads >= 1, window >= 1.
void ProduceInOrder(size_t chunks, unsigned threads, size_t window,
                    const std::function<std::string_view(size_t chunk, size_t slot)>& produce,
                    const std::function<void(std::string_view text)>& consume);

}  // namespace linkgraph::result
