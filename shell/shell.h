// The shell's executor: runs the statements and dot commands of each source against one
// Database (DESIGN.md §6), prints their output, keeps the session state (format, timer,
// parameters, the open transaction) and the exit status.
//
// Example:
//   linkgraph::shell::Shell shell(&db, Format::kJson, std::cout, std::cerr);
//   shell.Run(std::make_shared<Source>(Source{"-c", "graph product fields id"}));
//   shell.Finish();
//   return shell.ExitCode();
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "linkgraph/database.h"
#include "shell/load.h"
#include "shell/output.h"
#include "shell/source.h"
#include "shell/statement.h"
#include "shell/statement.h"
#include "shell/table_columns.h"

namespace linkgraph::shell {

class Shell {
 public:
  Shell(Database* db, Format format, std::ostream& out, std::ostream& err);

  // Runs every statement and dot command of `source`, carrying on after errors. Returns false
  // once `.quit` has run (the caller reads no more input).
  bool Run(const SourcePtr& source);

  // The end of the input: an open transaction is rolled back and reported as a failed
  // statement (`transaction not committed`).
  void Finish();

  // A failed write to standard output (a full disk, a closed pipe) is reported once on standard
  // error after the statement that wrote; it fails that statement and ends the run (Run returns
  // false, exit 1).

  // 0 when every statement succeeded, 1 when one failed, 2 when a refused command (`.checkpoint`,
  // `.backup`) was run.
  int ExitCode() const { return usage_error_ ? 2 : failed_ ? 1 : 0; }

  // Query limits (`.timeout`, `.maxbytes`): `cancel` (Ctrl-C at a terminal) cancels the running
  // query and skips the source's remaining statements; `max_result_bytes` is the initial
  // `.maxbytes` (0 = none).
  void SetCancelFlag(const std::atomic<bool>* cancel) { cancel_ = cancel; }
  void SetMaxResultBytes(size_t bytes) { max_result_bytes_ = bytes; }
  // The initial `.maxrows`: the rows a table shows (0 = all).
  void SetMaxRows(size_t rows) { max_rows_ = rows; }
  // Whether `begin` opened a transaction not yet committed or rolled back (the prompt's `(tx)`),
  // and how many write statements it holds.
  bool InTransaction() const { return txn_.has_value(); }
  size_t QueuedStatements() const { return txn_ ? txn_->queue.size() : 0; }
  // At a terminal: `.quit` and `.exit` with a transaction open run only when `confirm` returns
  // true (asked before rolling it back); without it they always run.
  void SetQuitConfirm(std::function<bool()> confirm) { confirm_quit_ = std::move(confirm); }

 private:
  // A write statement made ready for the library: the arguments of the Service, Links or load
  // call, which are also those of the WriteBatch op queued inside a transaction.
  struct WriteCall {
    Statement::Kind kind = Statement::Kind::kCreate;
    std::string entity;
    std::string json;  // rows, `{"selector":…}` or link rows
    std::optional<LoadFile> load;
  };
  struct Queued {
    WriteCall call;
    SourcePtr source;
    size_t offset = 0;  // the statement's first keyword
  };
  struct Transaction {
    SourcePtr source;
    size_t offset = 0;  // the `begin`
    std::vector<Queued> queue;
  };

  void RunChunk(const SourcePtr& source, const Split& split, const Chunk& chunk);
  void RunStatement(const SourcePtr& source, const Statement& st);
  // A failed statement (or dot command) of `source`.
  void Fail(const absl::Status& status, const Source* source);
  // Reports a failed write to standard output, once (see Finish).
  void CheckOutput();

  // shell.cc: queries.
  absl::Status Graph(const Source& source, const Statement& st);
  GraphRequest RequestOf(const Statement& st) const;
  // The table columns of a graph statement's result (its entity and field strings).
  std::vector<TableColumn> Columns(const Statement& st);
  // The limits of the next query, its deadline counted from now.
  QueryOptions Limits() const;

  // writes.cc: writes, loads and transactions.
  // The library call of `st`; a load's file is read here (its errors located at the file name).
  absl::StatusOr<WriteCall> PrepareWrite(const Source& source, const Statement& st) const;
  // Runs `call` as its own commit; the statement's output line, and the rows it wrote for
  // `.timer` (-1 when not a load).
  absl::StatusOr<std::string> Execute(const WriteCall& call, int64_t* rows);
  static void AddToBatch(const WriteCall& call, WriteBatch* batch);
  absl::Status Write(const Source& source, const Statement& st, int64_t* rows);
  absl::Status Queue(const SourcePtr& source, const Statement& st);
  absl::Status Begin(const SourcePtr& source, const Statement& st);
  absl::Status Commit(int64_t* statements);
  absl::Status Rollback(int64_t* statements);

  // schema_statement.cc: schema text (`module … { … }`, `defineLink(…)`) registered into the
  // running database.
  absl::Status RunSchema(const Source& source, const Chunk& chunk);

  // dot_commands.cc.
  void RunDot(const SourcePtr& source, const Split& split, const Chunk& chunk);
  absl::Status Dot(const SourcePtr& source, const Split& split, const Chunk& chunk);
  absl::Status Explain(const SourcePtr& source, const Split& split, size_t begin, size_t end,
                       bool analyze);
  absl::Status Read(const std::string& path);

  Database* db_;
  Output out_;
  bool timer_ = false;
  int64_t timeout_ms_ = 0;  // 0: none
  size_t max_result_bytes_ = 0;
  size_t max_rows_ = 0;  // 0: all
  const std::atomic<bool>* cancel_ = nullptr;
  Params params_;
  std::optional<Transaction> txn_;
  bool failed_ = false;
  bool usage_error_ = false;
  bool quit_ = false;
  std::function<bool()> confirm_quit_;
  int read_depth_ = 0;
};

}  // namespace linkgraph::shell
