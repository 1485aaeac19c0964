// Byte offsets of a PEGTL action's match in its whole input, for grammars whose ASTs locate
// their pieces in the source (schema text, shell statements). Internal to dsl/.
#pragma once

#include <cstddef>

namespace linkgraph::dsl::internal {

template <typename ActionInput>
size_t Begin(const ActionInput& in) {
  return static_cast<size_t>(in.begin() - in.input().begin());
}
template <typename ActionInput>
size_t End(const ActionInput& in) {
  return static_cast<size_t>(in.end() - in.input().begin());
}

}  // namespace linkgraph::dsl::internal
