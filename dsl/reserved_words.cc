// dsl::ReservedWords: the words of the statement grammar's `reserved` rule, read from the rule.
#include <algorithm>
#include <string>
#include <tao/pegtl.hpp>
#include <utility>
#include <vector>

#include "dsl/grammar_statement.h"
#include "dsl/statement.h"

namespace linkgraph::dsl {

namespace {

// A keyword rule adds its letters (written lower case in the grammar).
template <char... Cs>
void AddWords(const grammar::ikeyword<Cs...>*, std::vector<std::string>* out) {
  out->push_back(std::string{Cs...});
}

// An alternative adds the words of each of its rules, in order.
template <typename... Rules>
void AddWords(const tao::pegtl::sor<Rules...>*, std::vector<std::string>* out) {
  (AddWords(static_cast<const Rules*>(nullptr), out), ...);
}

std::vector<std::string> CollectReservedWords() {
  std::vector<std::string> words;
  AddWords(static_cast<const grammar::statement::reserved*>(nullptr), &words);
  std::vector<std::string> once;
  for (std::string& w : words) {
    if (std::find(once.begin(), once.end(), w) == once.end()) once.push_back(std::move(w));
  }
  return once;
}

}  // namespace

const std::vector<std::string>& ReservedWords() {
  static const std::vector<std::string>* const words =
      new std::vector<std::string>(CollectReservedWords());
  return *words;
}

}  // namespace linkgraph::dsl
