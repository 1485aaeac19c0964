// LINKGRAPH_EXPORT marks the public API. The library is compiled with hidden visibility, so
// only what carries this mark is exported from the shared library (its version script also
// keeps out anything outside namespace linkgraph).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define LINKGRAPH_EXPORT __attribute__((visibility("default")))
#else
#define LINKGRAPH_EXPORT
#endif
