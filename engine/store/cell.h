// One typed value moving into or out of a column.
#pragma once

#include <cstdint>
#include <string_view>

namespace linkgraph::store {

// The value of one cell. Which member is meaningful depends on the column type:
// `i` for number, dateTime (µs), boolean (0/1) and enum (dictionary code); `f` for float;
// `s` for id, text, bigNumber, json and array. `s` borrows its bytes.
struct Cell {
  bool is_null = true;
  int64_t i = 0;
  double f = 0;
  std::string_view s;

  static Cell Null() { return Cell{}; }
  static Cell Int(int64_t v) { return Cell{false, v, 0, {}}; }
  static Cell Float(double v) { return Cell{false, 0, v, {}}; }
  static Cell Str(std::string_view v) { return Cell{false, 0, 0, v}; }
};

}  // namespace linkgraph::store
