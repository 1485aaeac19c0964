// Env::Default(): the POSIX file system.
#include "engine/durable/env.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "engine/durable/posix_lock.h"

namespace linkgraph::durable {
namespace {

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s.append(p);
  return s;
}

std::string_view KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISREG(mode)) return "a regular file";
  return "a special file";
}

absl::Status NotRegular(std::string_view verb, std::string_view path, mode_t mode) {
  return absl::FailedPreconditionError(
      Cat({"cannot ", verb, " ", path, ": not a regular file (", KindOf(mode), ")"}));
}

// open(2) retried on EINTR (a FIFO's open can be interrupted).
int OpenRetrying(const std::string& path, int flags, mode_t mode = 0) {
  int fd;
  do {
    fd = open(path.c_str(), flags, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

// Owns a descriptor until released.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(int fd, std::string path, uint64_t size)
      : fd_(fd), path_(std::move(path)), size_(size) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) close(fd_);
  }

  absl::Status Append(std::string_view data) override {
    if (fd_ < 0) return Closed();
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
      ssize_t n = write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError(errno, "writing", path_);
      }
      // write(2) of a regular file returns 0 only for a 0-byte request; guard against a loop.
      if (n == 0) return IoError(EIO, "writing", path_);
      p += n;
      left -= static_cast<size_t>(n);
      size_ += static_cast<uint64_t>(n);
    }
    return absl::OkStatus();
  }

  absl::Status Sync() override {
    if (fd_ < 0) return Closed();
    // fdatasync also writes the size change, which reading the data back needs.
    if (fdatasync(fd_) != 0) return IoError(errno, "syncing", path_);
    return absl::OkStatus();
  }

  absl::Status Close() override {
    if (fd_ < 0) return absl::OkStatus();
    // close(2) releases the descriptor even when it reports an error (EINTR included): never
    // retry it.
    const int rc = close(std::exchange(fd_, -1));
    if (rc != 0 && errno != EINTR) return IoError(errno, "closing", path_);
    return absl::OkStatus();
  }

  uint64_t size() const override { return size_; }
  const std::string& path() const override { return path_; }

 private:
  absl::Status Closed() const {
    return absl::FailedPreconditionError(Cat({"file ", path_, " is closed"}));
  }

  int fd_;
  std::string path_;
  uint64_t size_;
};

// Opens `path` for writing with `flags` added, refusing anything but a regular file. O_NONBLOCK
// keeps a FIFO from blocking the open (it fails with ENXIO without a reader, or opens and is
// refused by the fstat check); it is then cleared, as it means nothing to a regular file.
absl::StatusOr<std::unique_ptr<WritableFile>> OpenForWriting(std::string_view path_view,
                                                             int flags) {
  std::string path(path_view);
  Fd fd(OpenRetrying(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK | flags, 0644));
  if (fd.get() < 0) return IoError(errno, "opening", path);
  struct stat st;
  if (fstat(fd.get(), &st) != 0) return IoError(errno, "opening", path);
  if (!S_ISREG(st.st_mode)) return NotRegular("write", path, st.st_mode);
  const int fl = fcntl(fd.get(), F_GETFL);
  if (fl < 0 || fcntl(fd.get(), F_SETFL, fl & ~O_NONBLOCK) != 0) {
    return IoError(errno, "opening", path);
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  return std::unique_ptr<WritableFile>(new PosixWritableFile(fd.release(), std::move(path), size));
}

// ReadFile's copy.
class CopiedData final : public Env::FileData {
 public:
  explicit CopiedData(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view data() const override { return bytes_; }

 private:
  std::string bytes_;
};

// A read-only private mapping of a whole file.
class MappedData final : public Env::FileData {
 public:
  MappedData(void* addr, size_t size) : addr_(addr), size_(size) {}
  ~MappedData() override { munmap(addr_, size_); }
  std::string_view data() const override {
    return std::string_view(static_cast<const char*>(addr_), size_);
  }

 private:
  void* addr_;
  size_t size_;
};

class PosixEnv final : public Env {
 public:
  absl::StatusOr<std::unique_ptr<FileData>> ReadFileData(std::string_view path_view) override {
    std::string path(path_view);
    struct stat st;
    Fd fd(-1);
    if (absl::Status s = OpenRegular(path, &fd, &st); !s.ok()) return s;
    // Small files are copied (a mapping costs more than it saves).
    constexpr off_t kMapFrom = off_t{1} << 20;
    if (st.st_size >= kMapFrom) {
      void* addr = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                        MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
      if (addr != MAP_FAILED) {
        return std::make_unique<MappedData>(addr, static_cast<size_t>(st.st_size));
      }
    }
    absl::StatusOr<std::string> bytes = ReadAll(fd, st, path);
    if (!bytes.ok()) return bytes.status();
    return std::make_unique<CopiedData>(std::move(*bytes));
  }

  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(std::string_view path) override {
    return OpenForWriting(path, O_TRUNC);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(std::string_view path) override {
    return OpenForWriting(path, O_APPEND);
  }

  absl::StatusOr<std::string> ReadFile(std::string_view path_view) override {
    std::string path(path_view);
    struct stat st;
    Fd fd(-1);
    if (absl::Status s = OpenRegular(path, &fd, &st); !s.ok()) return s;
    return ReadAll(fd, st, path);
  }

  // Opens `path` for reading into `*fd`, `*st` its status. Checked on the open descriptor, not
  // by a stat before it: the path could change between the two. O_NONBLOCK: opening a FIFO for
  // reading then returns at once (and is refused as not a regular file).
  static absl::Status OpenRegular(const std::string& path, Fd* fd, struct stat* st) {
    *fd = Fd(OpenRetrying(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd->get() < 0) return IoError(errno, "opening", path);
    if (fstat(fd->get(), st) != 0) return IoError(errno, "reading", path);
    if (!S_ISREG(st->st_mode)) return NotRegular("read", path, st->st_mode);
    return absl::OkStatus();
  }

  // The whole contents of the open regular file `fd` (`st` its status when opened).
  static absl::StatusOr<std::string> ReadAll(const Fd& fd, const struct stat& st,
                                             const std::string& path) {
    std::string data(static_cast<size_t>(st.st_size), '\0');
    size_t have = 0;
    while (have < data.size()) {
      ssize_t n = read(fd.get(), data.data() + have, data.size() - have);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError(errno, "reading", path);
      }
      if (n == 0) break;  // the file shrank since fstat
      have += static_cast<size_t>(n);
    }
    data.resize(have);
    // Then to end of file, not to the size fstat gave: the file may have grown since.
    char more[1 << 16];
    for (;;) {
      ssize_t n = read(fd.get(), more, sizeof more);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError(errno, "reading", path);
      }
      if (n == 0) break;
      data.append(more, static_cast<size_t>(n));
    }
    return data;
  }

  bool FileExists(std::string_view path) override {
    struct stat st;
    return lstat(std::string(path).c_str(), &st) == 0;
  }

  absl::StatusOr<uint64_t> GetFileSize(std::string_view path) override {
    struct stat st;
    if (stat(std::string(path).c_str(), &st) != 0) return IoError(errno, "reading", path);
    return static_cast<uint64_t>(st.st_size);
  }

  absl::Status RenameFile(std::string_view from, std::string_view to) override {
    if (rename(std::string(from).c_str(), std::string(to).c_str()) != 0) {
      return IoError(errno, "renaming", Cat({from, " to ", to}));
    }
    return absl::OkStatus();
  }

  absl::Status RemoveFile(std::string_view path) override {
    if (unlink(std::string(path).c_str()) != 0) return IoError(errno, "removing", path);
    return absl::OkStatus();
  }

  absl::Status CreateDir(std::string_view path_view) override {
    std::string path(path_view);
    if (mkdir(path.c_str(), 0755) == 0) return absl::OkStatus();
    const int err = errno;
    struct stat st;
    if (err == EEXIST && stat(path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) return absl::OkStatus();
      return absl::FailedPreconditionError(
          Cat({"cannot create directory ", path, ": ", KindOf(st.st_mode), " is there"}));
    }
    return IoError(err, "creating directory", path);
  }

  absl::Status SyncDir(std::string_view dir_view) override {
    std::string dir(dir_view);
    Fd fd(OpenRetrying(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return IoError(errno, "opening directory", dir);
    if (fsync(fd.get()) != 0) return IoError(errno, "syncing directory", dir);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> ListDir(std::string_view dir_view) override {
    std::string dir(dir_view);
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) return IoError(errno, "listing directory", dir);
    struct DirCloser {
      DIR* d;
      ~DirCloser() { closedir(d); }
    } closer{d};
    std::vector<std::string> names;
    for (;;) {
      errno = 0;
      struct dirent* e = readdir(d);
      if (e == nullptr) {
        if (errno != 0) return IoError(errno, "listing directory", dir);
        break;
      }
      std::string_view name(e->d_name);
      if (name == "." || name == "..") continue;
      names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  absl::Status TruncateFile(std::string_view path, uint64_t size) override {
    int rc;
    do {
      rc = truncate(std::string(path).c_str(), static_cast<off_t>(size));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) return IoError(errno, "truncating", path);
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<FileLock>> LockFile(std::string_view path) override {
    return LockPosixFile(path);
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Env::FileData>> Env::ReadFileData(std::string_view path) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return std::unique_ptr<FileData>(new CopiedData(std::move(*bytes)));
}

Env* Env::Default() {
  // Never destroyed: the Env must outlive every static that might still use it at exit.
  static Env* const env = new PosixEnv;
  return env;
}

std::string_view DirName(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  std::string_view dir = path.substr(0, slash);
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  return dir;
}

absl::Status IoError(int err, std::string_view doing, std::string_view path) {
  const std::string reason = std::strerror(err);
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(Cat({"disk full ", doing, " ", path, ": ", reason}));
    case EFBIG:  // over RLIMIT_FSIZE or the file system's largest file
    case EMFILE:
    case ENFILE:
    case ENOMEM:
      return absl::ResourceExhaustedError(Cat({"error ", doing, " ", path, ": ", reason}));
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(Cat({"error ", doing, " ", path, ": ", reason}));
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(Cat({"error ", doing, " ", path, ": ", reason}));
    case EEXIST:
      return absl::AlreadyExistsError(Cat({"error ", doing, " ", path, ": ", reason}));
    case EISDIR:  // opening a directory for writing
    case ENXIO:   // opening a FIFO without a reader for writing, without blocking
      return absl::FailedPreconditionError(Cat({"error ", doing, " ", path, ": ", reason}));
    case EBADF:
    case EFAULT:
      return absl::InternalError(Cat({"error ", doing, " ", path, ": ", reason}));
    default:
      return absl::UnavailableError(Cat({"error ", doing, " ", path, ": ", reason}));
  }
}

}  // namespace linkgraph::durable
