#include "shell/interactive.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstdio>
#include <cwchar>
#include <iostream>
#include <optional>
#include <string>

#include "shell/completion.h"
#include "shell/interrupt.h"
#include "shell/statement.h"

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
  explicit LineEditor(Completer completer) : completer_(std::move(completer)) {
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
    // The wide form: libedit keeps these pointers as they are, where the narrow el_set copies
    // the strings and never frees the copies.
    el_wset(el_, EL_ADDFN, L"linkgraph-complete", L"complete a keyword, entity or field",
            &LineEditor::CompleteWord);
    el_set(el_, EL_BIND, "^I", "linkgraph-complete", nullptr);
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

  // `pending`: the earlier lines of the statement being typed (for completion).
  ReadStatus Read(const char* prompt, const std::string& pending, std::string* line) {
    prompt_ = prompt;
    pending_ = &pending;
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

  // Tab: the longest common start of the completions is inserted; when several remain they are
  // listed under the line.
  static unsigned char CompleteWord(EditLine* el, int) {
    LineEditor* self = nullptr;
    el_get(el, EL_CLIENTDATA, &self);
    const LineInfo* line = el_line(el);
    std::string text = *self->pending_;
    text.append(line->buffer, static_cast<size_t>(line->cursor - line->buffer));
    std::vector<std::string> options = self->completer_ ? self->completer_(text)
                                                        : std::vector<std::string>{};
    if (options.empty()) return CC_REFRESH_BEEP;
    std::string_view word = WordBeforeCursor(text);
    std::string common = options[0];
    for (const std::string& o : options) {
      size_t n = 0;
      while (n < common.size() && n < o.size() && common[n] == o[n]) ++n;
      common.resize(n);
    }
    if (common.size() > word.size()) {
      std::string insert = common.substr(word.size());
      if (options.size() == 1 && insert.back() != '.') insert.push_back(' ');
      el_insertstr(el, insert.c_str());
      return CC_REFRESH;
    }
    std::string listing = "\n";
    for (const std::string& o : options) listing += o + "  ";
    listing += "\n";
    std::fputs(listing.c_str(), stdout);
    std::fflush(stdout);
    return CC_REDISPLAY;
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

  // $LINKGRAPH_HISTORY, else ~/.linkgraph_history; empty (no file) when neither is known, or
  // when the path names something other than a regular file: /dev/null turns history off (and
  // is not touched: libedit's save would chmod it to 0600, which as root breaks /dev/null for
  // every other program), and a FIFO would block the load.
  static std::string HistoryPath() {
    std::string path;
    if (const char* env = std::getenv("LINKGRAPH_HISTORY"); env != nullptr) {
      path = env;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
      path = std::string(home) + "/.linkgraph_history";
    }
    struct stat st;
    if (!path.empty() && stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return "";
    return path;
  }

  Completer completer_;
  const std::string* pending_ = nullptr;
  EditLine* el_ = nullptr;
  History* history_ = nullptr;
  const char* prompt_ = "";
  std::string history_path_;
};
#else
class LineEditor {
 public:
  explicit LineEditor(Completer) {}
  ReadStatus Read(const char* prompt, const std::string&, std::string* line) {
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
  Split split = dsl::SplitScript(text);
  return split.chunks.empty() || split.chunks.back().kind == Chunk::Kind::kDot ||
         split.chunks.back().terminated;
}

}  // namespace

std::string Banner(Database& db) {
  int64_t entities = 0;
  int64_t rows = 0;
  for (const ModuleStats& m : db.Stats().modules) {
    for (const TableStats& t : m.tables) {
      ++entities;
      rows += t.live_rows;
    }
  }
  return "linkgraph " + std::string(Database::Version()) + ": " + std::to_string(entities) +
         (entities == 1 ? " entity, " : " entities, ") + std::to_string(rows) +
         (rows == 1 ? " row" : " rows") +
         ". Enter .help for the statements, .tables for the entities, Tab to complete.\n";
}

void RunInteractive(const std::function<bool(const SourcePtr&)>& run, Completer completer,
                    const std::function<bool()>& in_transaction,
                    const std::function<bool()>& confirm_quit) {
  CatchInterrupts();
  LineEditor editor(std::move(completer));
  std::string pending;
  std::string line;
  while (true) {
    InterruptFlag().store(false);
    bool tx = in_transaction && in_transaction();
    const char* prompt = pending.empty() ? (tx ? "linkgraph (tx)> " : "linkgraph> ")
                                         : (tx ? "           (tx)...> " : "      ...> ");
    ReadStatus status = editor.Read(prompt, pending, &line);
    if (status == ReadStatus::kInterrupted) {
      // As a shell does: the line (and any unfinished statement) is dropped, the prompt returns.
      std::cout << "^C\n" << std::flush;
      pending.clear();
      continue;
    }
    if (status == ReadStatus::kEnd) {
      if (tx && pending.empty() && confirm_quit) {
        std::cout << '\n' << std::flush;
        if (!confirm_quit()) continue;
      }
      break;
    }
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
