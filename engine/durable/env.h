// The file system as the durable database sees it (leveldb's Env): create, append, sync, read
// whole files, rename, remove, list, truncate, and lock a database directory. Env::Default() is
// the POSIX implementation; FaultEnv (fault_env.h) wraps any Env to inject failures and
// simulate crashes in tests.
//
// Errors are absl::Status values naming the path and the system's reason; no exception escapes
// except std::bad_alloc (ReadFile's buffer, ListDir's names, a path copy), which the callers —
// the database's open and commit paths — catch and turn into ResourceExhausted as they do for
// every allocation. Codes:
//   ENOSPC, EDQUOT          ResourceExhausted  "disk full writing PATH: No space left on device"
//   EFBIG, EMFILE, ENFILE,  ResourceExhausted  "error writing PATH: File too large"
//   ENOMEM
//   ENOENT, ENOTDIR         NotFound           "error opening PATH: No such file or directory"
//   EACCES, EPERM, EROFS    PermissionDenied
//   EEXIST                  AlreadyExists
//   EISDIR, ENXIO           FailedPrecondition (a directory, or a FIFO, opened for writing)
//   EBADF, EFAULT           Internal (our bug: a closed descriptor or a bad buffer)
//   anything else (EIO, …)  Unavailable
// A path that names something other than a regular file where one is read or written (a
// directory, a FIFO, a device) is FailedPrecondition "cannot read PATH: not a regular file (a
// FIFO)"; such a path is refused before any byte moves and never blocks.
//
// Paths are used as given (no normalization): spell each file's path the same way every time.
//
// Thread safety: Env::Default() and its free operations are thread-safe. A WritableFile is
// used by one thread at a time.
//
// Example:
//   durable::Env* env = durable::Env::Default();
//   LG_RETURN_IF_ERROR(env->CreateDir(dir));
//   LG_ASSIGN_OR_RETURN(std::unique_ptr<durable::FileLock> lock, env->LockFile(dir + "/LOCK"));
//   LG_ASSIGN_OR_RETURN(std::unique_ptr<durable::WritableFile> f,
//                       env->NewWritableFile(dir + "/tmp"));
//   LG_RETURN_IF_ERROR(f->Append(bytes));
//   LG_RETURN_IF_ERROR(f->Sync());
//   LG_RETURN_IF_ERROR(f->Close());
//   LG_RETURN_IF_ERROR(env->RenameFile(dir + "/tmp", dir + "/CURRENT"));
//   LG_RETURN_IF_ERROR(env->SyncDir(dir));  // the rename survives a crash only after this
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace linkgraph::durable {

// A file open for writing at its end. Not thread-safe.
class WritableFile {
 public:
  WritableFile() = default;
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;
  // Closes the file if Close was not called, ignoring any error (call Close to see it).
  virtual ~WritableFile() = default;

  // Writes all of `data` at the end of the file (retrying short writes and EINTR). On error
  // part of `data` may have been written: size() counts what was.
  // REQUIRES: Close has not been called (else FailedPrecondition).
  virtual absl::Status Append(std::string_view data) = 0;

  // Makes everything appended so far durable (fdatasync). After a failed Sync the file's
  // durable contents are unknown — the kernel may have dropped the dirty pages — so the caller
  // must not retry and trust it: treat the file as lost from its last successful Sync on.
  virtual absl::Status Sync() = 0;

  // Closes the descriptor and reports its error. Does not sync. A second Close is OK.
  virtual absl::Status Close() = 0;

  // The file's size in bytes: its size when opened plus every byte written since.
  virtual uint64_t size() const = 0;

  virtual const std::string& path() const = 0;
};

// An exclusive lock on a database directory's lock file, held while this object lives (and
// released by the kernel if the process dies).
class FileLock {
 public:
  FileLock() = default;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  virtual ~FileLock() = default;
  virtual const std::string& path() const = 0;
};

class Env {
 public:
  Env() = default;
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  virtual ~Env() = default;

  // The POSIX file system. Never null; lives for the whole process.
  static Env* Default();

  // Creates `path` or truncates it to empty, open for appending.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view path) = 0;
  // Opens `path` for appending at its end, creating it empty if it does not exist.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(
      std::string_view path) = 0;

  // The whole contents of the regular file `path`. A directory, FIFO, device or socket is
  // FailedPrecondition naming the path and its kind (checked on the open descriptor, which is
  // opened non-blocking so a FIFO without a writer cannot hang the call).
  virtual absl::StatusOr<std::string> ReadFile(std::string_view path) = 0;

  // The same bytes, held however suits the Env: PosixEnv maps a large file read-only instead of
  // copying it (no zeroed buffer, no copy out of the page cache). The default copies through
  // ReadFile. The bytes stay valid while the returned object lives; REQUIRES: nothing truncates
  // the file meanwhile (a database's own files, under its lock).
  class FileData {
   public:
    virtual ~FileData() = default;
    virtual std::string_view data() const = 0;
  };
  virtual absl::StatusOr<std::unique_ptr<FileData>> ReadFileData(std::string_view path);

  // True when something (of any kind) exists at `path`.
  virtual bool FileExists(std::string_view path) = 0;
  virtual absl::StatusOr<uint64_t> GetFileSize(std::string_view path) = 0;

  // Renames `from` to `to`, atomically replacing any file at `to` (rename(2)). Durable only
  // after SyncDir of the directories involved.
  virtual absl::Status RenameFile(std::string_view from, std::string_view to) = 0;
  // Removes the file `path` (NotFound if it does not exist).
  virtual absl::Status RemoveFile(std::string_view path) = 0;
  // Creates the directory `path` (not its parents). OK if it already exists as a directory;
  // FailedPrecondition if something else is there.
  virtual absl::Status CreateDir(std::string_view path) = 0;
  // Makes the directory's entries durable (files created, renamed or removed in it): fsync on
  // the directory.
  virtual absl::Status SyncDir(std::string_view dir) = 0;
  // The names in directory `dir` (without "." and ".."), sorted bytewise.
  virtual absl::StatusOr<std::vector<std::string>> ListDir(std::string_view dir) = 0;
  // Cuts (or extends with zeros) the file `path` to `size` bytes. Not synced.
  virtual absl::Status TruncateFile(std::string_view path, uint64_t size) = 0;

  // Takes the exclusive lock of the database whose lock file is `path` (conventionally
  // DIR/LOCK; created if missing), and writes this process's id into it for the error another
  // locker sees. A second locker — another process, or another LockFile call in this process —
  // gets FailedPrecondition "database DIR is in use by process 1234 (DIR/LOCK)" ("… is already
  // open in this process (DIR/LOCK)" within one process). The id is advisory: a locker that
  // races with a new holder may see no id ("… by another process").
  // The lock is flock(2)'s: a child forked while it is held shares it until it exits or execs
  // (the descriptor is close-on-exec).
  virtual absl::StatusOr<std::unique_ptr<FileLock>> LockFile(std::string_view path) = 0;
};

// The directory part of `path`: "d/e" for "d/e/f" (and "d/e/f/"), "." for "f", "/" for "/f".
std::string_view DirName(std::string_view path);

// The status for the system error `err` met while `doing` something ("opening", "writing") to
// `path`, with the code the file comment lists. Exposed for the Env implementations.
absl::Status IoError(int err, std::string_view doing, std::string_view path);

}  // namespace linkgraph::durable
