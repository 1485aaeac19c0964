// linkgraph: the shell (DESIGN.md §6). Order of work: options and environment, the schema, the
// `--load` files (one atomic batch), each `-c`, then SCRIPT — or standard input when neither is
// given. Exit 0 when every statement succeeded, 1 when one failed, 2 on a usage error or a failed
// startup step (then nothing runs and standard output stays empty).
#include <unistd.h>

#include <csignal>

#include <iostream>
#include <optional>
#include <string>

#include "shell/progress.h"
#include "shell/args.h"
#include "shell/completion.h"
#include "shell/confirm.h"
#include "shell/interactive.h"
#include "shell/interrupt.h"
#include "shell/load.h"
#include "dsl/location.h"
#include "dsl/statement.h"
#include "shell/read_file.h"
#include "shell/shell.h"
#include "shell/stored_schema.h"

namespace {

using linkgraph::shell::Source;

int UsageError(const absl::Status& status, bool show_usage) {
  std::cerr << "error: " << status.message() << '\n';
  if (show_usage) std::cerr << linkgraph::shell::Usage();
  return 2;
}

int Main(int argc, char** argv) {
  namespace shell = linkgraph::shell;
  // A closed standard output is an error of the statement writing (EPIPE), not a silent end.
  signal(SIGPIPE, SIG_IGN);
  absl::StatusOr<shell::Args> args = shell::ParseArgs(argc, argv);
  if (!args.ok()) return UsageError(args.status(), true);
  if (args->help) {
    std::cout << shell::Usage() << std::flush;
    return std::cout.good() ? 0 : 1;
  }
  if (args->version) {
    std::cout << "linkgraph " << linkgraph::Database::Version() << "\n" << std::flush;
    return std::cout.good() ? 0 : 1;
  }
  absl::StatusOr<linkgraph::DatabaseOptions> options = shell::OptionsFromEnvironment();
  if (!options.ok()) return UsageError(options.status(), false);

  // Everything that can fail at startup is read before anything runs.
  std::string script;
  if (!args->script.empty()) {
    absl::StatusOr<std::string> text = shell::ReadFile(args->script, shell::FileUse::kScript);
    if (!text.ok()) return UsageError(text.status(), false);
    script = std::move(*text);
  }
  // In memory, or the durable database --db names (created when missing).
  std::unique_ptr<linkgraph::Database> opened;
  if (args->db.empty()) {
    opened = std::make_unique<linkgraph::Database>(std::move(*options));
  } else {
    absl::StatusOr<std::unique_ptr<linkgraph::Database>> durable =
        linkgraph::Database::Open(args->db, std::move(*options));
    if (!durable.ok()) {
      return UsageError(absl::Status(durable.status().code(),
                                     args->db + ": " + std::string(durable.status().message())),
                        false);
    }
    opened = std::move(*durable);
  }
  linkgraph::Database& db = *opened;
  // A durable database keeps its schema: --schema then only has to match it.
  const bool stored_schema = !args->db.empty() && shell::HasSchema(db);
  if (!args->schema.empty() && stored_schema) {
    absl::Status same = shell::CheckSameSchema(db, args->db, args->schema);
    if (!same.ok()) return UsageError(same, false);
  } else if (!args->schema.empty()) {
    // `.json` is the §8 JSON; any other name the schema language (docs/schema.md).
    const std::string& path = args->schema;
    bool json = path.size() >= 5 && path.substr(path.size() - 5) == ".json";
    absl::StatusOr<std::string> text = shell::ReadFile(path);
    if (!text.ok()) return UsageError(text.status(), false);
    absl::Status registered = json ? db.RegisterJson(*text) : db.RegisterText(*text);
    if (json && !registered.ok() &&
        linkgraph::dsl::MessageWithoutWhere(registered).rfind("invalid JSON", 0) == 0) {
      // The library reports invalid JSON without a position: the statement grammar's JSON
      // rules find it.
      if (std::optional<linkgraph::dsl::JsonSyntaxError> error =
              linkgraph::dsl::FindJsonSyntaxError(*text)) {
        std::string message = error->message;
        if (message.rfind("invalid JSON", 0) != 0) message = "invalid JSON: " + message;
        registered = shell::InvalidAt(*text, error->offset, message);
        json = false;  // shown with its line and a caret, as schema text is
      }
    }
    if (!registered.ok()) {
      if (!json && !linkgraph::StatusLocation(registered).empty()) {
        // Located `line L, column C` in the file: shown with its line and a caret.
        absl::Status named = linkgraph::dsl::ErrorAt(
            registered.code(), path + ": " + linkgraph::dsl::MessageWithoutWhere(registered),
            linkgraph::StatusLocation(registered));
        Source source{path, *text};
        shell::Output(std::cout, std::cerr, shell::Format::kJson).ErrorBlock(named, &source);
        return 2;
      }
      return UsageError(
          absl::Status(registered.code(), path + ": " + std::string(registered.message())), false);
    }
  }
  if (!args->loads.empty()) {
    std::vector<shell::LoadFile> files;
    std::string schema_json = db.SchemaJson();
    for (const shell::Args::Load& load : args->loads) {
      absl::StatusOr<shell::LoadFile> file =
          shell::ReadLoadFile(load.entity, load.path, schema_json);
      if (!file.ok()) return UsageError(file.status(), false);
      files.push_back(std::move(*file));
    }
    absl::StatusOr<linkgraph::WriteSummary> loaded = db.Write([&](linkgraph::WriteBatch& b) {
      for (const shell::LoadFile& f : files) shell::AddLoad(f, &b);
      b.OnProgress(shell::TerminalProgress());
    });
    if (!loaded.ok()) {
      std::vector<const shell::LoadFile*> checked;
      for (const shell::LoadFile& f : files) checked.push_back(&f);
      return UsageError(shell::LocateJsonError(loaded.status(), checked), false);
    }
  }

  shell::Format format =
      args->format.value_or(isatty(STDOUT_FILENO) ? shell::Format::kTable : shell::Format::kJson);
  shell::Shell sh(&db, format, std::cout, std::cerr);
  bool go_on = true;
  for (const std::string& command : args->commands) {
    if (!go_on) break;
    go_on = sh.Run(std::make_shared<Source>(Source{"-c", command}));
  }
  if (go_on && !args->script.empty()) {
    go_on = sh.Run(std::make_shared<Source>(Source{args->script, std::move(script)}));
  }
  if (args->commands.empty() && args->script.empty()) {
    if (isatty(STDIN_FILENO)) {
      // At a terminal: Ctrl-C cancels the running query instead of ending the shell, and a
      // runaway result stops at 1 GB (.maxbytes), and a table shown on the terminal its first 40
      // rows (.maxrows; output piped elsewhere gets every row).
      sh.SetCancelFlag(&shell::InterruptFlag());
      sh.SetMaxResultBytes(size_t{1} << 30);
      sh.SetMaxRows(isatty(STDOUT_FILENO) ? 40 : 0);
      // Leaving with a transaction open asks first (Ctrl-D, .quit, .exit).
      auto confirm_quit = [&] { return shell::ConfirmRollback(sh.QueuedStatements()); };
      sh.SetQuitConfirm(confirm_quit);
      std::cout << shell::Banner(db) << std::flush;
      shell::RunInteractive(
          [&](const shell::SourcePtr& source) { return sh.Run(source); },
          [&](std::string_view text) { return shell::Completions(db, text); },
          [&] { return sh.InTransaction(); }, confirm_quit);
    } else {
      absl::StatusOr<std::string> input = shell::ReadStandardInput();
      if (!input.ok()) return UsageError(input.status(), false);
      sh.Run(std::make_shared<Source>(Source{"<stdin>", std::move(*input)}));
    }
  }
  sh.Finish();
  return sh.ExitCode();
}

}  // namespace

int main(int argc, char** argv) { return Main(argc, argv); }
