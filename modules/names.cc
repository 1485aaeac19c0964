#include "modules/names.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace linkgraph::modules {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return IsLower(c) || IsUpper(c); }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
bool IsWord(char c) { return IsAlnum(c) || c == '_'; }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }
char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - ('a' - 'A')) : c; }

// /^([a-zA-Z][a-zA-Z0-9]*)(([A-Z][a-z0-9]+)+)$/: any split works once the last upper-case letter
// starts the final [A-Z][a-z0-9]+ segment, so it suffices that the string is ASCII alphanumeric,
// starts with a letter, and its last upper-case letter is neither first nor last.
bool IsAlreadyCamelOrPascal(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return false;
  size_t last_upper = std::string_view::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsAlnum(s[i])) return false;
    if (IsUpper(s[i])) last_upper = i;
  }
  return last_upper != std::string_view::npos && last_upper >= 1 && last_upper + 1 < s.size();
}

}  // namespace

std::string CamelToSnakeCase(std::string_view s) {
  // /([a-z])([A-Z])/g -> "$1_$2", then toLowerCase().
  std::string snake;
  snake.reserve(s.size() + s.size() / 2);
  for (size_t i = 0; i < s.size(); ++i) {
    snake.push_back(ToLower(s[i]));
    if (i + 1 < s.size() && IsLower(s[i]) && IsUpper(s[i + 1])) {
      snake.push_back('_');
      snake.push_back(ToLower(s[++i]));
    }
  }
  return snake;
}

std::string ToPascalCase(std::string_view s) {
  // /(^\w|_\w)/g, each match with '_' removed and upper-cased.
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  if (!s.empty() && IsWord(s[0])) {
    if (s[0] != '_') out.push_back(ToUpper(s[0]));
    i = 1;
  }
  while (i < s.size()) {
    if (s[i] == '_' && i + 1 < s.size() && IsWord(s[i + 1])) {
      if (s[i + 1] != '_') out.push_back(ToUpper(s[i + 1]));
      i += 2;
    } else {
      out.push_back(s[i]);
      ++i;
    }
  }
  return out;
}

std::string UpperCaseFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = ToUpper(out[0]);
  return out;
}

std::string LowerCaseFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = ToLower(out[0]);
  return out;
}

std::string ToCamelCase(std::string_view s) {
  if (IsAlreadyCamelOrPascal(s)) return std::string(s);
  // str.toLowerCase().replace(/[^a-zA-Z0-9]+(.)/g, (_, chr) => chr.toUpperCase()), on characters:
  // an ASCII byte, a UTF-8 sequence, or a byte that starts none.
  std::vector<std::string_view> chars;
  chars.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t len = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : base::Utf8SequenceLength(s, i);
    chars.push_back(s.substr(i, len == 0 ? 1 : len));
    i += chars.back().size();
  }
  auto alnum = [&](size_t k) { return chars[k].size() == 1 && IsAlnum(chars[k][0]); };
  auto line_terminator = [&](size_t k) { return chars[k] == "\n" || chars[k] == "\r"; };
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < chars.size()) {
    if (alnum(i)) {
      out.push_back(ToLower(chars[i++][0]));
      continue;
    }
    size_t run_end = i;
    while (run_end < chars.size() && !alnum(run_end)) ++run_end;
    // Greedy run, then backtrack until '.' finds a character that is not a line terminator.
    size_t dot = run_end;
    while (dot > i && (dot == chars.size() || line_terminator(dot))) --dot;
    if (dot > i) {
      out.append(chars[dot].size() == 1 ? std::string(1, ToUpper(chars[dot][0]))
                                        : std::string(chars[dot]));
      i = dot + 1;
    } else {
      out.append(chars[i++]);  // No match starting here; retry from the next character.
    }
  }
  return out;
}

}  // namespace linkgraph::modules
