#include <catch2/catch.hpp>

#include "engine/catalog/suggest.h"

using linkgraph::catalog::EditDistance;
using linkgraph::catalog::Suggest;

TEST_CASE("edit distance counts adjacent transpositions once", "[catalog]") {
  CHECK(EditDistance("titel", "title") == 1);
  CHECK(EditDistance("product_reviewz", "product_reviews") == 1);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
}

TEST_CASE("suggestions: up to three within max(1, len/3), nearest first, else known", "[catalog]") {
  CHECK(Suggest("titel", {"id", "title", "handle"}) == "did you mean 'title'?");
  CHECK(Suggest("rat", {"rate", "cat", "rating", "bat", "mat"}) ==
        "did you mean 'rate', 'cat', 'bat'?");
  CHECK(Suggest("zzz", {"id", "title"}) == "known: id, title");
  CHECK(Suggest("zzz", {}) == "known: none");
}
