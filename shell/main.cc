// linkgraph: the shell (DESIGN.md §6). Order of work: options and environment, the schema, the
// `--load` files (one atomic batch), each `-c`, then SCRIPT — or standard input when neither is
// given. Exit 0 when every statement succeeded, 1 when one failed, 2 on a usage error or a failed
// startup step (then nothing runs and standard output stays empty).
#include <unistd.h>

#include <csignal>

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "shell/progress.h"
#include "shell/args.h"
#include "shell/completion.h"
#include "shell/confirm.h"
#include "shell/interactive.h"
#include "shell/interrupt.h"
#include "shell/load.h"
#include "shell/migrate.h"
#include "shell/read_file.h"
#include "shell/shell.h"
#include "shell/schema_file.h"

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
  if (argc > 1 && std::string_view(argv[1]) == "migrate") {
    return shell::RunMigrate(argc, argv, std::cout, std::cerr);
  }
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
  // In memory, or the durable database --db names (created when missing). A durable database
  // keeps its schema: --schema is handed to Open, which registers it in a new database and
  // refuses one that differs from the stored schema (a migration: `linkgraph migrate`).
  std::unique_ptr<linkgraph::Database> opened;
  if (args->db.empty()) {
    opened = std::make_unique<linkgraph::Database>(std::move(*options));
    if (!args->schema.empty() && !shell::RegisterSchemaFile(*opened, args->schema, std::cerr)) {
      return 2;
    }
  } else {
    if (!args->schema.empty()) {
      std::optional<linkgraph::Schema> schema = shell::ReadSchemaFile(args->schema, std::cerr);
      if (!schema) return 2;
      options->schema = std::move(*schema);
    }
    absl::StatusOr<std::unique_ptr<linkgraph::Database>> durable =
        linkgraph::Database::Open(args->db, std::move(*options));
    if (!durable.ok()) {
      std::string message(durable.status().message());
      // A stored schema that differs names the command that migrates it: with this file.
      constexpr std::string_view kFile = "--schema FILE";
      if (!args->schema.empty() && message.size() >= kFile.size() &&
          message.compare(message.size() - kFile.size(), kFile.size(), kFile) == 0) {
        message.replace(message.size() - 4, 4, args->schema);
      }
      // Named by the database unless the message names it already.
      if (message.find(args->db) == std::string::npos) message = args->db + ": " + message;
      return UsageError(absl::Status(durable.status().code(), message), false);
    }
    opened = std::move(*durable);
  }
  linkgraph::Database& db = *opened;
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
