#include "shell/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "linkgraph/status.h"

namespace linkgraph::shell {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view KindOf(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

absl::Status TooLarge(std::string_view what) {
  return absl::InvalidArgumentError(std::string(what) +
                                    ": larger than the 1 GiB limit of files the shell reads");
}

// Refuses what `use` does not read: directories and special files (a SCRIPT may be a FIFO or the
// file standard input is).
absl::Status CheckKind(const struct stat& st, FileUse use, std::string_view what) {
  if (S_ISREG(st.st_mode)) return absl::OkStatus();
  if (S_ISDIR(st.st_mode)) return absl::InvalidArgumentError(std::string(what) + ": is a directory");
  if (use == FileUse::kScript) {
    if (S_ISFIFO(st.st_mode)) return absl::OkStatus();
    struct stat in;
    if (fstat(STDIN_FILENO, &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(std::string(what) + ": not a regular file (" +
                                    std::string(KindOf(st.st_mode)) + ")");
}

// Reads `fd` (described by `st`) to its end, refusing more than kMaxFileBytes before reading
// them: a regular file by its size, anything else as it arrives.
absl::StatusOr<std::string> ReadAll(int fd, const struct stat& st, std::string_view what) {
  std::string text;
  if (S_ISREG(st.st_mode)) {
    if (st.st_size > kMaxFileBytes) return TooLarge(what);
    text.reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError(errno, what);
    if (n == 0) break;
    if (text.size() + static_cast<size_t>(n) > static_cast<size_t>(kMaxFileBytes)) {
      return TooLarge(what);
    }
    text.append(buf, static_cast<size_t>(n));
  }
  if (text.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0) {
    text.erase(0, kByteOrderMark.size());
  }
  return text;
}

}  // namespace

std::string_view SkipByteOrderMark(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  return text;
}

absl::Status SystemError(int err, std::string_view what) {
  return absl::ErrnoToStatus(err, absl::string_view(what.data(), what.size()));
}

absl::StatusOr<std::string> ReadFile(const std::string& path, FileUse use) {
  std::string what = "cannot read '" + path + "'";
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return SystemError(errno, what);
  LG_RETURN_IF_ERROR(CheckKind(st, use, what));
  // A FIFO SCRIPT waits for its writer; anything else must not block in open (it is checked
  // again once open: the path may have changed since stat).
  int flags = O_RDONLY | O_CLOEXEC | (S_ISREG(st.st_mode) ? O_NONBLOCK : 0);
  int fd;
  do {
    fd = open(path.c_str(), flags);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return SystemError(errno, what);
  struct FdCloser {
    int fd;
    ~FdCloser() { close(fd); }
  } closer{fd};
  if (fstat(fd, &st) != 0) return SystemError(errno, what);
  LG_RETURN_IF_ERROR(CheckKind(st, use, what));
  return ReadAll(fd, st, what);
}

absl::StatusOr<std::string> ReadStandardInput() {
  struct stat st;
  if (fstat(STDIN_FILENO, &st) != 0) return SystemError(errno, "cannot read standard input");
  return ReadAll(STDIN_FILENO, st, "cannot read standard input");
}

}  // namespace linkgraph::shell
