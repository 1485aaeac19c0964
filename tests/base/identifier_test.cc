// Tests for base/identifier: the names the grammars and the registrar accept.
#include <catch2/catch.hpp>
#include <string>

#include "base/identifier.h"

namespace linkgraph::base {
namespace {

TEST_CASE("base/Identifier: names", "[base][identifier]") {
  CHECK(IsIdentifier("a"));
  CHECK(IsIdentifier("_"));
  CHECK(IsIdentifier("product_reviews"));
  CHECK(IsIdentifier("Z9_x"));
  CHECK_FALSE(IsIdentifier(""));
  CHECK_FALSE(IsIdentifier("9a"));
  CHECK_FALSE(IsIdentifier("a-b"));
  CHECK_FALSE(IsIdentifier("a.b"));
  CHECK_FALSE(IsIdentifier("a b"));
  CHECK_FALSE(IsIdentifier("$a"));
  CHECK_FALSE(IsIdentifier("caf\xC3\xA9"));  // letters outside ASCII are not identifier letters
  CHECK_FALSE(IsIdentifier(std::string("a\0b", 3)));
}

TEST_CASE("base/Identifier: schema language names allow $", "[base][identifier]") {
  CHECK(IsSchemaIdentifier("$meta"));
  CHECK(IsSchemaIdentifier("a$b"));
  CHECK(IsSchemaIdentifier("product"));
  CHECK_FALSE(IsSchemaIdentifier(""));
  CHECK_FALSE(IsSchemaIdentifier("1$"));
  CHECK_FALSE(IsSchemaIdentifier("a-b"));
}

TEST_CASE("base/Identifier: characters", "[base][identifier]") {
  int starts = 0;
  int chars = 0;
  for (int c = 0; c < 256; ++c) {
    starts += IsIdentifierStart(static_cast<char>(c));
    chars += IsIdentifierChar(static_cast<char>(c));
  }
  CHECK(starts == 53);  // 26 + 26 + '_'
  CHECK(chars == 63);   // and 10 digits
}

}  // namespace
}  // namespace linkgraph::base
