// Tab completion at the interactive prompt: statement keywords, dot commands, entity names, and
// the fields and relations of the entity a dotted path reaches from the statement's entity
// (`product_reviews.` offers the review's fields and relations).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "linkgraph/database.h"

namespace linkgraph::shell {

// The word being typed at the end of `text` (letters, digits, `_`, `.`, and a leading `.` of a
// dot command).
std::string_view WordBeforeCursor(std::string_view text);

// The completions of the word at the end of `text` (the statement typed so far, its earlier
// lines included), sorted, each a whole word that starts with it; a relation is offered with its
// '.' (`product_reviews.`), ready for the field after it.
std::vector<std::string> Completions(Database& db, std::string_view text);

}  // namespace linkgraph::shell
