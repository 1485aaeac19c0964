#include "shell/splitter.h"

#include <cctype>

#include "base/identifier.h"

namespace linkgraph::shell {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Past the end of the quoted text opening at text[pos] (`quote` doubled inside, or escaped with
// a backslash when `backslash`); the end of the text when it is not closed.
size_t SkipQuoted(std::string_view text, size_t pos, char quote, bool backslash) {
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (backslash && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (!backslash && i + 1 < text.size() && text[i + 1] == quote) {
        ++i;
        continue;
      }
      return i + 1;
    }
  }
  return text.size();
}

// Blanks the comment starting at (*blanked)[pos] up to the line break; returns its end.
size_t BlankComment(std::string* blanked, size_t pos) {
  size_t i = pos;
  while (i < blanked->size() && (*blanked)[i] != '\n') (*blanked)[i++] = ' ';
  return i;
}

// The word (letters, digits, '_') starting at text[pos].
std::string_view WordAt(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && base::IsIdentifierChar(text[end])) ++end;
  return text.substr(pos, end - pos);
}

// Whether a statement starting at text[pos] is schema text (docs/schema.md).
bool IsSchemaStart(std::string_view text, size_t pos) {
  std::string_view word = WordAt(text, pos);
  for (std::string_view w : {"module", "Module", "defineLink", "model", "import", "export",
                             "const", "let", "var", "class"}) {
    if (word == w) return true;
  }
  return false;
}

// Whether the line starting (blanks skipped) at text[pos] begins something that is not schema
// text: a dot command, a `--` comment or a shell statement. Schema text without a `;` ends there.
bool EndsSchema(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r')) ++pos;
  if (pos >= text.size()) return false;
  if (text.substr(pos, 2) == "--") return true;
  bool dot = text[pos] == '.';
  std::string word(WordAt(text, dot ? pos + 1 : pos));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (dot) {
    for (std::string_view w : {"schema", "tables", "explain", "timer", "format", "maxrows",
                               "timeout", "maxbytes", "param", "dump", "read", "checkpoint",
                               "backup", "help", "version", "quit", "exit"}) {
      if (word == w) return true;
    }
    return false;
  }
  for (std::string_view w : {"graph", "create", "update", "delete", "soft", "restore", "link",
                             "dismiss", "unlink", "load", "begin", "commit", "rollback"}) {
    if (word == w) return true;
  }
  return false;
}

// Past the blanks and `//` / `/* */` comments from text[pos].
size_t SkipComments(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    if (IsBlank(text[pos])) {
      ++pos;
    } else if (text.substr(pos, 2) == "//") {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else if (text.substr(pos, 2) == "/*") {
      size_t close = text.find("*/", pos + 2);
      pos = close == std::string_view::npos ? text.size() : close + 2;
    } else {
      break;
    }
  }
  return pos;
}

// Schema text from text[begin]: up to `;` outside strings, comments and brackets, or up to a
// line EndsSchema at bracket depth 0, or the end. Sets `*terminated` when it ends at `;`, or at
// the end of the text just after a closing bracket at depth 0 (a complete definition typed at
// the prompt). Returns the end (the `;` itself not included).
size_t SchemaEnd(std::string_view text, size_t begin, bool* terminated) {
  int depth = 0;
  size_t last = begin;  // the last character that is neither blank nor comment
  size_t i = begin;
  *terminated = false;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' || c == '\'' || c == '`') {
      i = SkipQuoted(text, i, c, true);
      last = i - 1;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t close = text.find("*/", i + 2);
      i = close == std::string_view::npos ? text.size() : close + 2;
    } else if (c == ';' && depth == 0) {
      // Schema statements in a row are one text (a model, then the Module(…) that owns it);
      // a `module NAME { … }` block starts a statement of its own.
      size_t next = SkipComments(text, i + 1);
      if (next < text.size() && IsSchemaStart(text, next) && WordAt(text, next) != "module") {
        i = next;
        continue;
      }
      *terminated = true;
      return i;
    } else if (c == '\n') {
      if (depth == 0 && EndsSchema(text, i + 1)) return i;
      ++i;
    } else {
      if (c == '{' || c == '[' || c == '(') ++depth;
      if ((c == '}' || c == ']' || c == ')') && depth > 0) --depth;
      if (!IsBlank(c)) last = i;
      ++i;
    }
  }
  *terminated = depth == 0 && (text[last] == '}' || text[last] == ')');
  return text.size();
}

size_t TrimEnd(std::string_view text, size_t begin, size_t end) {
  while (end > begin && IsBlank(text[end - 1])) --end;
  return end;
}

}  // namespace

Split SplitStatements(std::string_view text) {
  Split split;
  split.blanked = std::string(text);
  std::string& blanked = split.blanked;
  size_t i = 0;
  size_t line_start = 0;  // offset of the current line's first character
  while (i < text.size()) {
    // Between statements: blanks, comments, empty statements and dot commands.
    char c = text[i];
    if (c == '\n') {
      line_start = ++i;
      continue;
    }
    if (IsBlank(c) || c == ';') {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      i = BlankComment(&blanked, i);
      continue;
    }
    // `//` and `/* */` comments too, as schema text (docs/schema.md) writes them.
    if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      size_t end = SkipComments(text, i);
      for (size_t j = i; j < end; ++j) {
        if (blanked[j] != '\n') blanked[j] = ' ';
      }
      for (size_t j = i; j < end; ++j) {
        if (text[j] == '\n') line_start = j + 1;
      }
      i = end;
      continue;
    }
    bool first_on_line = true;
    for (size_t j = line_start; j < i; ++j) first_on_line = first_on_line && IsBlank(blanked[j]);
    if (c == '.' && first_on_line) {
      size_t eol = text.find('\n', i);
      size_t end = eol == std::string_view::npos ? text.size() : eol;
      split.chunks.push_back(
          Chunk{Chunk::Kind::kDot, i, TrimEnd(text, i, end), eol != std::string_view::npos});
      i = end;
      continue;
    }
    if (IsSchemaStart(text, i)) {
      Chunk chunk{Chunk::Kind::kSchema, i, text.size(), false};
      size_t end = SchemaEnd(text, i, &chunk.terminated);
      chunk.end = TrimEnd(text, i, end);
      split.chunks.push_back(chunk);
      i = end < text.size() && text[end] == ';' ? end + 1 : end;
      continue;
    }
    // A statement: up to `;` outside quotes and JSON.
    Chunk chunk{Chunk::Kind::kStatement, i, text.size(), false};
    int json_depth = 0;
    while (i < text.size()) {
      char d = text[i];
      if (d == '\'') {
        i = SkipQuoted(text, i, '\'', false);
      } else if (d == '"') {
        i = SkipQuoted(text, i, '"', json_depth > 0);
      } else if (d == '-' && json_depth == 0 && i + 1 < text.size() && text[i + 1] == '-') {
        i = BlankComment(&blanked, i);
      } else if (d == '{' || d == '[') {
        ++json_depth;
        ++i;
      } else if (d == '}' || d == ']') {
        if (json_depth > 0) --json_depth;
        ++i;
      } else if (d == ';' && json_depth == 0) {
        chunk.end = i;
        chunk.terminated = true;
        ++i;
        break;
      } else {
        if (d == '\n') line_start = i + 1;
        ++i;
      }
    }
    if (!chunk.terminated) chunk.end = text.size();
    chunk.end = TrimEnd(blanked, chunk.begin, chunk.end);
    split.chunks.push_back(chunk);
  }
  return split;
}

}  // namespace linkgraph::shell
