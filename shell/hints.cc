#include "shell/hints.h"

#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "base/identifier.h"
#include "dsl/location.h"
#include "linkgraph/status.h"

namespace linkgraph::shell {

namespace {

// Words of SQL, GraphQL, MongoDB and ORMs, and what this shell says instead.
constexpr std::pair<std::string_view, std::string_view> kForeignWords[] = {
    {"limit", "take"},         {"top", "take"},          {"first", "take"},
    {"offset", "skip"},        {"select", "fields"},     {"from", "graph ENTITY"},
    {"orderby", "order by"},   {"order_by", "order by"}, {"sort", "order by"},
    {"sortby", "order by"},    {"sort_by", "order by"},  {"filter", "where"},
    {"filters", "where"},      {"having", "where"},      {"insert", "create"},
    {"remove", "delete"},      {"find", "graph"},        {"query", "graph"},
};
// At the start of a statement.
constexpr std::pair<std::string_view, std::string_view> kForeignStatements[] = {
    {"select", "graph ENTITY fields ..."}, {"find", "graph"},    {"query", "graph"},
    {"insert", "create"},                  {"remove", "delete"},
};

}  // namespace

absl::Status WithForeignWordHint(const absl::Status& status, const Source& source) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return status;
  std::string message(dsl::MessageWithoutWhere(status));
  if (message.find("did you mean") != std::string::npos) return status;
  std::string where = StatusLocation(status);
  Position position;
  if (!ParseWhere(where, &position)) return status;
  size_t at = OffsetAt(source.text, position);
  size_t end = at;
  while (end < source.text.size() && base::IsIdentifierChar(source.text[end])) ++end;
  if (end == at) return status;
  std::string word = source.text.substr(at, end - at);
  absl::AsciiStrToLower(&word);
  bool statement = message.rfind("unknown statement", 0) == 0;
  using Words = std::span<const std::pair<std::string_view, std::string_view>>;
  for (const auto& [foreign, ours] : statement ? Words(kForeignStatements) : Words(kForeignWords)) {
    if (word != foreign) continue;
    return dsl::ErrorAt(status.code(), message + "; did you mean '" + std::string(ours) + "'?",
                        where);
  }
  return status;
}

}  // namespace linkgraph::shell
