#include "shell/interactive.h"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "shell/splitter.h"

#ifdef LG_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

namespace linkgraph::shell {

namespace {

std::optional<std::string> ReadLine(const char* prompt) {
#ifdef LG_HAVE_LIBEDIT
  char* line = readline(prompt);
  if (line == nullptr) return std::nullopt;
  std::string text(line);
  std::free(line);
  if (!text.empty()) add_history(text.c_str());
  return text;
#else
  std::cout << prompt << std::flush;
  std::string text;
  if (!std::getline(std::cin, text)) return std::nullopt;
  return text;
#endif
}

// Whether `text` ends outside a statement: every statement closed by `;` (a dot command ends
// with its line).
bool Complete(const std::string& text) {
  Split split = SplitStatements(text);
  return split.chunks.empty() || split.chunks.back().kind == Chunk::Kind::kDot ||
         split.chunks.back().terminated;
}

}  // namespace

void RunInteractive(const std::function<bool(const SourcePtr&)>& run) {
  std::string pending;
  while (true) {
    std::optional<std::string> line = ReadLine(pending.empty() ? "linkgraph> " : "      ...> ");
    if (!line) break;
    pending += *line;
    pending.push_back('\n');
    if (!Complete(pending)) continue;
    bool go_on = run(std::make_shared<Source>(Source{"<stdin>", std::move(pending)}));
    pending.clear();
    if (!go_on) return;
  }
  if (pending.find_first_not_of(" \t\r\n") != std::string::npos) {
    run(std::make_shared<Source>(Source{"<stdin>", std::move(pending)}));
  }
  std::cout << '\n';
}

}  // namespace linkgraph::shell
