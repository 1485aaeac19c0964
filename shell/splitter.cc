#include "shell/splitter.h"

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
