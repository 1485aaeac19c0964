#include "shell/interactive.h"

#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cwchar>
#include <iostream>
#include <optional>
#include <string>

#include "shell/interrupt.h"
#include "shell/splitter.h"

#ifdef LG_HAVE_LIBEDIT
#include <histedit.h>
#endif

namespace linkgraph::shell {

namespace {

enum class ReadStatus { kLine, kInterrupted, kEnd };

#ifdef LG_HAVE_LIBEDIT
// libedit's own editor (not its readline emulation, which retries a read that Ctrl-C
// interrupts): characters come from GetChar, which decodes the terminal's multibyte text
// (setlocale(LC_CTYPE, "")) and reports a Ctrl-C as a failed read.
class LineEditor {
 public:
  LineEditor() {
    // Character classes and multibyte text from the environment (UTF-8); numbers stay in the
    // C locale (LC_NUMERIC is untouched).
    std::setlocale(LC_CTYPE, "");
    el_ = el_init("linkgraph", stdin, stdout, stderr);
    history_ = history_init();
    HistEvent event;
    history(history_, &event, H_SETSIZE, 1000);
    history(history_, &event, H_SETUNIQUE, 1);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_HIST, history, history_);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_PROMPT, &LineEditor::Prompt);
    el_set(el_, EL_GETCFN, &LineEditor::GetChar);
    el_source(el_, nullptr);  // the user's ~/.editrc
    history_path_ = HistoryPath();
    if (!history_path_.empty()) history(history_, &event, H_LOAD, history_path_.c_str());
  }
  ~LineEditor() {
    el_end(el_);
    history_end(history_);
  }
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  ReadStatus Read(const char* prompt, std::string* line) {
    prompt_ = prompt;
    int count = 0;
    const char* text = el_gets(el_, &count);
    if (text == nullptr || count <= 0) {
      if (InterruptFlag().load()) {
        el_reset(el_);  // the terminal back to its normal mode, the line discarded
        return ReadStatus::kInterrupted;
      }
      return ReadStatus::kEnd;
    }
    line->assign(text, static_cast<size_t>(count));
    if (!line->empty() && line->back() == '\n') line->pop_back();
    return ReadStatus::kLine;
  }

  // One history entry per statement (its lines kept), saved at once so that another session,
  // or this one after a crash, finds it.
  void Remember(std::string statement) {
    while (!statement.empty() && (statement.back() == '\n' || statement.back() == ' ')) {
      statement.pop_back();
    }
    if (statement.find_first_not_of(" \t\n") == std::string::npos) return;
    HistEvent event;
    history(history_, &event, H_ENTER, statement.c_str());
    if (!history_path_.empty()) history(history_, &event, H_SAVE, history_path_.c_str());
  }

 private:
  static char* Prompt(EditLine* el) {
    LineEditor* self = nullptr;
    el_get(el, EL_CLIENTDATA, &self);
    return const_cast<char*>(self->prompt_);
  }

  // One character from standard input: 1 with the character, 0 at the end of input, -1 on a
  // read error or when Ctrl-C interrupted the read.
  static int GetChar(EditLine*, wchar_t* out) {
    std::mbstate_t state{};
    while (true) {
      char byte = 0;
      ssize_t got = read(STDIN_FILENO, &byte, 1);
      if (got == 1) {
        wchar_t wc = 0;
        size_t used = std::mbrtowc(&wc, &byte, 1, &state);
        if (used == static_cast<size_t>(-2)) continue;  // more bytes of this character follow
        if (used == static_cast<size_t>(-1)) {            // not valid here: dropped
          state = std::mbstate_t{};
          continue;
        }
        *out = wc;
        return 1;
      }
      if (got == 0) return 0;
      if (errno == EINTR) {
        if (InterruptFlag().load()) return -1;
        continue;
      }
      return -1;
    }
  }

  // $LINKGRAPH_HISTORY, else ~/.linkgraph_history; empty (no file) when neither is known.
  static std::string HistoryPath() {
    if (const char* path = std::getenv("LINKGRAPH_HISTORY"); path != nullptr) return path;
    const char* home = std::getenv("HOME");
    return home != nullptr && *home != '\0' ? std::string(home) + "/.linkgraph_history" : "";
  }

  EditLine* el_ = nullptr;
  History* history_ = nullptr;
  const char* prompt_ = "";
  std::string history_path_;
};
#else
class LineEditor {
 public:
  ReadStatus Read(const char* prompt, std::string* line) {
    std::cout << prompt << std::flush;
    if (std::getline(std::cin, *line)) return ReadStatus::kLine;
    if (InterruptFlag().load() && !std::cin.eof()) {
      std::cin.clear();
      return ReadStatus::kInterrupted;
    }
    return ReadStatus::kEnd;
  }
  void Remember(const std::string&) {}
};
#endif

// Whether `text` ends outside a statement: every statement closed by `;` (a dot command ends
// with its line).
bool Complete(const std::string& text) {
  Split split = SplitStatements(text);
  return split.chunks.empty() || split.chunks.back().kind == Chunk::Kind::kDot ||
         split.chunks.back().terminated;
}

}  // namespace

void RunInteractive(const std::function<bool(const SourcePtr&)>& run) {
  CatchInterrupts();
  LineEditor editor;
  std::string pending;
  std::string line;
  while (true) {
    InterruptFlag().store(false);
    ReadStatus status = editor.Read(pending.empty() ? "linkgraph> " : "      ...> ", &line);
    if (status == ReadStatus::kInterrupted) {
      // As a shell does: the line (and any unfinished statement) is dropped, the prompt returns.
      std::cout << "^C\n" << std::flush;
      pending.clear();
      continue;
    }
    if (status == ReadStatus::kEnd) break;
    pending += line;
    pending.push_back('\n');
    if (!Complete(pending)) continue;
    editor.Remember(pending);
    InterruptFlag().store(false);
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
