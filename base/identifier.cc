#include "base/identifier.h"

namespace linkgraph::base {

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentifierStart(s[0])) return false;
  for (char c : s) {
    if (!IsIdentifierChar(c)) return false;
  }
  return true;
}

bool IsSchemaIdentifier(std::string_view s) {
  if (s.empty() || !(IsIdentifierStart(s[0]) || s[0] == '$')) return false;
  for (char c : s) {
    if (!(IsIdentifierChar(c) || c == '$')) return false;
  }
  return true;
}

}  // namespace linkgraph::base
