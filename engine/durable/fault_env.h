// FaultEnv: an Env for tests that wraps another (normally Env::Default() over a temporary
// directory) and injects the failures a durable database must survive: a failed Append, Sync,
// RenameFile or SyncDir; a torn write (an Append that writes only its first bytes, then fails);
// a full disk; and a crash (DropUnsyncedData), in the manner of leveldb's FaultInjectionTestEnv.
//
// Counting: each injection counts the calls of its operation made from the moment it is set
// (n = 1 is the next call), across all files. Failed calls count too.
//
// The crash model — what DropUnsyncedData undoes, for the files this FaultEnv has seen:
//  * File data: a file keeps exactly the bytes made durable by its last successful Sync
//    (WritableFile::Sync) — its "synced size" — and loses everything appended after it. A file
//    that existed before this FaultEnv first saw it counts as synced in full when first opened
//    for appending; NewWritableFile's truncation and TruncateFile are durable at once (the old
//    bytes never come back), and lower the synced size to the new size.
//  * Directory entries: a file this FaultEnv created (it did not exist before) has a durable
//    entry only after SyncDir of its directory; without one, the crash removes the file, even
//    if its data was synced.
//  * Renames: RenameFile(from, to) is durable only after SyncDir of to's directory. A crash
//    undoes the renames not yet made durable, newest first: the file goes back to `from` (and is
//    then removed if its entry there was not durable), and a file that `to` replaced comes back
//    with the contents it had durably (its synced bytes; all of it if this FaultEnv had not seen
//    it written) at the time of the rename.
//  Not modeled: RemoveFile and CreateDir are durable at once (a removed file never comes back);
//  a failed Sync makes nothing durable but loses nothing either (no "fsyncgate" page dropping);
//  writes are not reordered within a file (the data after a crash is always a prefix); a rename
//  across directories needs only the target directory's SyncDir. Directory paths compare as
//  spelled (after DirName), so spell them the same way everywhere.
//  After DropUnsyncedData, every WritableFile opened before it refuses further calls
//  (FailedPrecondition): the process that held them is gone. Open new ones to continue.
//
// Thread-safe (one mutex). Not for production: it keeps per-file state for every file it sees.
//
// Example:
//   FaultEnv env(Env::Default());
//   env.FailSync(1, absl::UnavailableError("injected"));   // the next Sync fails
//   env.SetDiskBudget(4096);                               // 4 KiB more, then the disk is full
//   ... write a log through `env` ...
//   LG_RETURN_IF_ERROR(env.DropUnsyncedData());            // the machine lost power
//   auto bytes = env.ReadFile(dir + "/wal.log");            // what survived
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/durable/env.h"

namespace linkgraph::durable {

class FaultEnv final : public Env {
 public:
  // `base` does the real work and must outlive this FaultEnv, which must outlive every
  // WritableFile it returns.
  explicit FaultEnv(Env* base);
  ~FaultEnv() override;

  enum class Op { kAppend, kSync, kRename, kSyncDir };

  // The `n`th call of `op` from now (n >= 1) fails with `status` (not OK) without doing
  // anything; with `and_after`, every call after it fails too. Replaces any earlier failure
  // set for `op`.
  void FailNth(Op op, uint64_t n, absl::Status status, bool and_after = false);
  void FailAppend(uint64_t n, absl::Status s, bool and_after = false) {
    FailNth(Op::kAppend, n, std::move(s), and_after);
  }
  void FailSync(uint64_t n, absl::Status s, bool and_after = false) {
    FailNth(Op::kSync, n, std::move(s), and_after);
  }
  void FailRename(uint64_t n, absl::Status s, bool and_after = false) {
    FailNth(Op::kRename, n, std::move(s), and_after);
  }
  void FailSyncDir(uint64_t n, absl::Status s, bool and_after = false) {
    FailNth(Op::kSyncDir, n, std::move(s), and_after);
  }

  // The `n`th Append from now writes only the first min(keep_bytes, size) bytes of its data,
  // then returns Unavailable "torn write (injected) ... PATH" — a write cut short by a crash
  // or an I/O error part way.
  void TearAppend(uint64_t n, size_t keep_bytes);

  // From now, Appends may write `bytes` more bytes in all; the Append that crosses the budget
  // writes the part that fits, then returns ResourceExhausted "disk full writing PATH
  // (injected)", and so does every Append after it (writing nothing) until the budget is
  // raised or cleared.
  void SetDiskBudget(uint64_t bytes);

  // Cancels every injection set above (counts and the crash model's state are kept).
  void ClearFaults();

  // How many calls of `op` this FaultEnv has seen (failed ones included).
  uint64_t calls(Op op) const;

  // Simulates a crash: every file this FaultEnv has seen is put back to its durable state (the
  // file comment's model). Returns the first error of the base Env doing so.
  absl::Status DropUnsyncedData();

  // Env (passing through to `base`, with the injections and the tracking above).
  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view path) override;
  absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(std::string_view path) override;
  absl::StatusOr<std::string> ReadFile(std::string_view path) override;
  bool FileExists(std::string_view path) override;
  absl::StatusOr<uint64_t> GetFileSize(std::string_view path) override;
  absl::Status RenameFile(std::string_view from, std::string_view to) override;
  absl::Status RemoveFile(std::string_view path) override;
  absl::Status CreateDir(std::string_view path) override;
  absl::Status SyncDir(std::string_view dir) override;
  absl::StatusOr<std::vector<std::string>> ListDir(std::string_view dir) override;
  absl::Status TruncateFile(std::string_view path, uint64_t size) override;
  absl::StatusOr<std::unique_ptr<FileLock>> LockFile(std::string_view path) override;

 private:
  class File;
  struct FileState;
  struct PendingRename;
  struct Failure {
    uint64_t at = 0;  // the call number that fails; 0 = none
    bool and_after = false;
    absl::Status status;
  };

  absl::StatusOr<std::unique_ptr<WritableFile>> Open(std::string_view path, bool truncate);
  // The injected failure for the call of `op` just counted, or OK. REQUIRES: mu_ held.
  absl::Status CountAndCheck(Op op);
  // Append and Sync of a File, under mu_.
  absl::Status FileAppend(File& file, std::string_view data);
  absl::Status FileSync(File& file);

  Env* const base_;
  mutable std::mutex mu_;
  uint64_t calls_[4] = {};
  Failure failures_[4];
  uint64_t tear_at_ = 0;  // the Append call number that tears; 0 = none
  size_t tear_keep_ = 0;
  std::optional<uint64_t> disk_budget_;
  uint64_t generation_ = 0;  // DropUnsyncedData calls: Files of an older one are dead
  std::map<std::string, std::shared_ptr<FileState>> files_;
  std::vector<PendingRename> pending_renames_;
};

}  // namespace linkgraph::durable
