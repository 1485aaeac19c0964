#include "shell/tokens.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "base/identifier.h"
#include "base/utf8.h"
#include "shell/json_text.h"
#include "shell/source.h"

namespace linkgraph::shell {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Past the closing `quote` of the quoted text opening at text[pos] (the quote doubled inside),
// or npos; the decoded text in *decoded.
size_t ScanQuoted(std::string_view text, size_t pos, size_t end, char quote, std::string* decoded) {
  for (size_t i = pos + 1; i < end; ++i) {
    if (text[i] != quote) {
      decoded->push_back(text[i]);
    } else if (i + 1 < end && text[i + 1] == quote) {
      decoded->push_back(quote);
      ++i;
    } else {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

size_t ScanNumber(std::string_view text, size_t pos, size_t end) {
  size_t i = pos;
  if (text[i] == '-') ++i;
  while (i < end && IsDigit(text[i])) ++i;
  if (i + 1 < end && text[i] == '.' && IsDigit(text[i + 1])) {
    ++i;
    while (i < end && IsDigit(text[i])) ++i;
  }
  if (i < end && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < end && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < end && IsDigit(text[j])) {
      i = j;
      while (i < end && IsDigit(text[i])) ++i;
    }
  }
  return i;
}

// Past the `)` closing the parenthesis at text[pos] (quotes inside honoured), or npos.
size_t ScanParens(std::string_view text, size_t pos, size_t end) {
  int depth = 0;
  std::string ignored;
  for (size_t i = pos; i < end; ++i) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      i = ScanQuoted(text, i, end, c, &ignored);
      if (i == std::string_view::npos) return i;
      --i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool Token::Is(std::string_view keyword) const {
  if (kind != Kind::kWord || text.size() != keyword.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != keyword[i]) return false;
  }
  return true;
}

bool IsReserved(std::string_view word) {
  static constexpr std::array<std::string_view, 37> kReserved = {
      "graph",    "fields", "where",   "order",  "by",     "asc",  "desc",   "skip",
      "take",     "with",   "deleted", "create", "update", "set",  "delete", "soft",
      "restore",  "link",   "dismiss", "unlink", "load",   "from", "begin",  "commit",
      "rollback", "and",    "or",      "not",    "in",     "like", "ilike",  "contains",
      "is",       "null",   "true",    "false",  "exists"};
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kReserved.begin(), kReserved.end(), lower) != kReserved.end();
}

absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> tokens;
  size_t i = begin;
  while (i < end) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    if (base::IsIdentifierStart(c)) {
      t.kind = Token::Kind::kWord;
      while (i < end && base::IsIdentifierChar(text[i])) ++i;
      t.text = std::string(text.substr(t.begin, i - t.begin));
    } else if (c == '"' || c == '\'') {
      t.kind = c == '"' ? Token::Kind::kName : Token::Kind::kString;
      i = ScanQuoted(text, i, end, c, &t.text);
      if (i == std::string_view::npos) {
        return InvalidAt(text, t.begin,
                         c == '"' ? "unterminated quoted name" : "unterminated string");
      }
    } else if (IsDigit(c) || (c == '-' && i + 1 < end && IsDigit(text[i + 1]))) {
      t.kind = Token::Kind::kNumber;
      i = ScanNumber(text, i, end);
      t.text = std::string(text.substr(t.begin, i - t.begin));
    } else if (c == '(') {
      t.kind = Token::Kind::kGroup;
      i = ScanParens(text, i, end);
      if (i == std::string_view::npos) return InvalidAt(text, t.begin, "missing ')'");
      t.text = std::string(text.substr(t.begin, i - t.begin));
    } else if (c == '{' || c == '[') {
      t.kind = Token::Kind::kGroup;
      i = SkipJsonValue(text.substr(0, end), i);
      if (i == std::string_view::npos) {
        return InvalidAt(text, t.begin,
                         c == '{' ? "unterminated JSON object" : "unterminated JSON array");
      }
      t.text = std::string(text.substr(t.begin, i - t.begin));
    } else if (c == ')' || c == '}' || c == ']') {
      return InvalidAt(text, i, std::string("unexpected '") + c + "'");
    } else {
      t.kind = Token::Kind::kPunct;
      // A UTF-8 sequence is one token.
      i = std::min(base::SkipCodePoint(text, i), end);
      t.text = std::string(text.substr(t.begin, i - t.begin));
    }
    t.end = i;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace linkgraph::shell
