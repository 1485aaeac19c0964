// Store versions in engine tests, as the commit path makes them.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/store/row_list.h"
#include "engine/store/store.h"
#include "engine/store/version_stamp.h"

namespace linkgraph::testing {

// A writer's version of `published`: shares every table until written.
inline store::Store WriterOf(const store::Store& published) {
  store::Store writer = published;
  writer.BeginWrite(store::NewStamp());
  return writer;
}

inline std::vector<uint32_t> RowsOf(const store::RowList& list) {
  return std::vector<uint32_t>(list.begin(), list.end());
}

}  // namespace linkgraph::testing
