// The database lock: flock(2), not fcntl(2) record locks. fcntl locks belong to the process, so a
// second lock taken in the same process would silently succeed (and closing any descriptor of
// the file would drop the first); flock locks belong to the open file description, so a second
// LockFile in this process conflicts exactly as another process does.
#include "engine/durable/posix_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>

namespace linkgraph::durable {
namespace {

class PosixFileLock final : public FileLock {
 public:
  PosixFileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  // Closing the descriptor releases the lock. The file and its process id stay: removing the
  // file would let a new locker lock a fresh file while another still holds the unlinked one.
  ~PosixFileLock() override { close(fd_); }
  const std::string& path() const override { return path_; }

 private:
  int fd_;
  std::string path_;
};

// The process id a holder wrote into the lock file, or 0 when there is none (yet) or the
// contents are not one.
long ReadHolderPid(int fd) {
  char buf[32];
  ssize_t n;
  do {
    n = pread(fd, buf, sizeof buf, 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return 0;
  long pid = 0;
  for (ssize_t i = 0; i < n && buf[i] != '\n'; ++i) {
    if (buf[i] < '0' || buf[i] > '9' || pid > 100000000) return 0;
    pid = pid * 10 + (buf[i] - '0');
  }
  return pid;
}

absl::Status InUse(int fd, const std::string& path) {
  const std::string dir = std::string(DirName(path));
  const long pid = ReadHolderPid(fd);
  if (pid == static_cast<long>(getpid())) {
    return absl::FailedPreconditionError("database " + dir + " is already open in this process (" +
                                         path + ")");
  }
  const std::string who = pid > 0 ? "process " + std::to_string(pid) : "another process";
  return absl::FailedPreconditionError("database " + dir + " is in use by " + who + " (" + path +
                                       ")");
}

}  // namespace

absl::StatusOr<std::unique_ptr<FileLock>> LockPosixFile(std::string_view path_view) {
  std::string path(path_view);
  int raw;
  do {
    // O_NONBLOCK: a FIFO at the path must not hang the open; it is refused below.
    raw = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
  } while (raw < 0 && errno == EINTR);
  if (raw < 0) return IoError(errno, "opening", path);
  auto lock = std::make_unique<PosixFileLock>(raw, path);
  struct stat st;
  if (fstat(raw, &st) != 0) return IoError(errno, "opening", path);
  if (!S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError("cannot lock " + path + ": not a regular file");
  }
  int rc;
  do {
    rc = flock(raw, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno == EWOULDBLOCK) return InUse(raw, path);
    return IoError(errno, "locking", path);
  }
  // Ours now: replace the last holder's id with ours (the id is for error messages only, so it
  // is not synced).
  const std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(raw, 0) != 0) return IoError(errno, "writing", path);
  ssize_t n;
  do {
    n = pwrite(raw, pid.data(), pid.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return IoError(errno, "writing", path);
  if (static_cast<size_t>(n) != pid.size()) return IoError(ENOSPC, "writing", path);
  return std::unique_ptr<FileLock>(std::move(lock));
}

}  // namespace linkgraph::durable
