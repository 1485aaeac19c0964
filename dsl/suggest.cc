#include "dsl/suggest.h"

#include <algorithm>

namespace linkgraph::dsl {

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
  // ("titel" -> "title") each cost 1.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string Suggest(std::string_view name, const std::vector<std::string_view>& known) {
  size_t limit = std::max<size_t>(1, name.size() / 3);
  std::vector<std::pair<size_t, std::string_view>> near;
  for (std::string_view k : known) {
    size_t d = EditDistance(name, k);
    if (d <= limit) near.emplace_back(d, k);
  }
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  // The same name may be known twice (a name and a plural); keep the first.
  std::vector<std::string_view> picked;
  for (const auto& [d, k] : near) {
    if (std::find(picked.begin(), picked.end(), k) == picked.end()) picked.push_back(k);
    if (picked.size() == 3) break;
  }
  std::string out;
  if (!picked.empty()) {
    out = "did you mean ";
    for (size_t i = 0; i < picked.size(); ++i) {
      if (i) out += ", ";
      out += "'";
      out += picked[i];
      out += "'";
    }
    out += "?";
    return out;
  }
  out = "known: ";
  if (known.empty()) return out + "none";
  for (size_t i = 0; i < known.size(); ++i) {
    if (i) out += ", ";
    out += known[i];
  }
  return out;
}

}  // namespace linkgraph::dsl
