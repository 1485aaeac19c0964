#include "shell/completion.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "base/identifier.h"
#include "dsl/statement.h"

namespace linkgraph::shell {

namespace {

constexpr std::string_view kDotCommands[] = {
    ".schema", ".tables",  ".explain", ".timer", ".format", ".maxrows", ".timeout", ".maxbytes",
    ".param",  ".dump",    ".read",    ".checkpoint", ".backup", ".migrations", ".version",
    ".help",   ".quit",    ".exit"};

bool IsWordChar(char c) {
  return base::IsIdentifierChar(c) || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// The text of the statement being typed: after the last ';' (quotes are not tracked: a ';' in a
// string only narrows what is offered).
std::string_view CurrentStatement(std::string_view text) {
  size_t semi = text.rfind(';');
  return semi == std::string_view::npos ? text : text.substr(semi + 1);
}

// The words of `text`, split at blanks and punctuation.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordChar(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && IsWordChar(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The entity a statement names: the word after graph/create/update/delete/restore/load …
std::string EntityOf(const std::vector<std::string_view>& words) {
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::string w(words[i]);
    absl::AsciiStrToLower(&w);
    if (w == "graph" || w == "create" || w == "update" || w == "delete" || w == "restore") {
      return std::string(words[i + 1]);
    }
    if (w == "soft" && i + 2 < words.size()) return std::string(words[i + 2]);
  }
  return "";
}

void AddMatching(std::string_view word, std::string_view candidate, std::vector<std::string>* out) {
  if (candidate.size() >= word.size() && candidate.substr(0, word.size()) == word) {
    out->emplace_back(candidate);
  }
}

}  // namespace

std::string_view WordBeforeCursor(std::string_view text) {
  size_t start = text.size();
  while (start > 0 && IsWordChar(text[start - 1])) --start;
  return text.substr(start);
}

std::vector<std::string> Completions(Database& db, std::string_view text) {
  std::string_view statement = CurrentStatement(text);
  std::string_view word = WordBeforeCursor(statement);
  std::vector<std::string> out;
  std::string_view before = statement.substr(0, statement.size() - word.size());
  bool first_word = before.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (first_word && !word.empty() && word[0] == '.') {
    for (std::string_view c : kDotCommands) AddMatching(word, c, &out);
    return out;
  }
  std::vector<std::string_view> words = Words(before);
  std::string entity = EntityOf(words);
  size_t dot = word.rfind('.');
  if (dot != std::string_view::npos) {
    // A path: the fields and relations of the entity its relations reach.
    if (entity.empty()) return out;
    std::string_view path = word.substr(0, dot);
    absl::StatusOr<EntityInfo> info = db.Describe(entity, path);
    if (!info.ok()) return out;
    std::string prefix(word.substr(0, dot + 1));
    for (const FieldInfo& f : info->fields) AddMatching(word, prefix + f.name, &out);
    for (const RelationInfo& r : info->relations) AddMatching(word, prefix + r.name + ".", &out);
  } else {
    for (const std::string& k : dsl::ReservedWords()) AddMatching(word, k, &out);
    std::string last(words.empty() ? std::string_view() : words.back());
    absl::AsciiStrToLower(&last);
    if (words.empty() || last == "graph" || last == "create" || last == "update" ||
        last == "delete" || last == "restore" || last == "soft" || last == "from") {
      for (const ModuleStats& m : db.Stats().modules) {
        for (const TableStats& t : m.tables) {
          AddMatching(word, std::string_view(t.entity).substr(t.entity.find('.') + 1), &out);
        }
      }
    } else if (!entity.empty()) {
      absl::StatusOr<EntityInfo> info = db.Describe(entity);
      if (info.ok()) {
        for (const FieldInfo& f : info->fields) AddMatching(word, f.name, &out);
        for (const RelationInfo& r : info->relations) AddMatching(word, r.name + ".", &out);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace linkgraph::shell
