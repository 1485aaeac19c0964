// exec::LikeMatch (DESIGN.md §7: `$like` anchored and case-sensitive with `%`, `_` and `\`
// escapes; `$ilike` folds ASCII case), including the `%literal%` fast path, which must agree
// with the general matcher.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "engine/exec/eval.h"

using linkgraph::exec::LikeMatch;

TEST_CASE("LIKE: contains patterns and the general matcher agree", "[engine][like]") {
  CHECK(LikeMatch("A review of #12", "%#1%", false));
  CHECK_FALSE(LikeMatch("A review of #22", "%#1%", false));
  CHECK(LikeMatch("Blue Shirt", "%shirt%", true));
  CHECK_FALSE(LikeMatch("Blue Shirt", "%shirt%", false));
  CHECK(LikeMatch("", "%%", false));
  CHECK(LikeMatch("x", "%%", false));
  CHECK_FALSE(LikeMatch("ab", "%abc%", false));
  CHECK(LikeMatch("caf\xC3\xA9!", "%\xC3\xA9%", false));   // bytes of a UTF-8 text
  CHECK_FALSE(LikeMatch("\xC3\x89", "%\xC3\xA9%", true));  // folding is ASCII only
  CHECK(LikeMatch("50% off", "%0\\%%", false));            // an escape: the general matcher
  CHECK_FALSE(LikeMatch("50 off", "%0\\%%", false));
  CHECK(LikeMatch("a_b", "%_%", false));                   // `_` is a wildcard, not literal

  // Every `%literal%` over a small alphabet against the same pattern written so the fast path
  // cannot take it (a redundant leading `%`).
  std::mt19937 rng(5);
  const std::string alphabet = "aAbB%";
  auto random_text = [&](size_t max) {
    std::string s(rng() % (max + 1), ' ');
    for (char& c : s) c = alphabet[rng() % 4];
    return s;
  };
  for (int i = 0; i < 2000; ++i) {
    const std::string text = random_text(8), needle = random_text(3);
    for (bool fold : {false, true}) {
      INFO("text '" << text << "' needle '" << needle << "' fold " << fold);
      CHECK(LikeMatch(text, "%" + needle + "%", fold) ==
            LikeMatch(text, "%%" + needle + "%", fold));
    }
  }
}
