// Tests for engine/durable/env: Env::Default() on real files — writing, appending, reading back,
// refusing special files without hanging, the error codes, and the database lock.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <memory>
#include <string>

#include "engine/durable/env.h"
#include "tests/support/temp_dir.h"

namespace linkgraph::durable {
namespace {

using testing::TempDir;

bool Contains(const absl::Status& s, const std::string& what) {
  return std::string(s.message()).find(what) != std::string::npos;
}

// Fails the test run (SIGALRM kills the process) if a call that must not block does.
struct HangGuard {
  HangGuard() { alarm(20); }
  ~HangGuard() { alarm(0); }
};

TEST_CASE("durable env writes, appends and reads files back", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  const std::string path = dir.file("f");
  {
    auto f = env->NewWritableFile(path);
    REQUIRE(f.ok());
    CHECK((*f)->size() == 0);
    REQUIRE((*f)->Append("hello ").ok());
    REQUIRE((*f)->Append("").ok());
    REQUIRE((*f)->Append("world").ok());
    CHECK((*f)->size() == 11);
    REQUIRE((*f)->Sync().ok());
    REQUIRE((*f)->Close().ok());
    CHECK((*f)->Close().ok());
    absl::Status after_close = (*f)->Append("x");
    CHECK(after_close.code() == absl::StatusCode::kFailedPrecondition);
    CHECK((*f)->Sync().code() == absl::StatusCode::kFailedPrecondition);
  }
  CHECK(*env->ReadFile(path) == "hello world");
  CHECK(*env->GetFileSize(path) == 11);
  {
    auto f = env->NewAppendableFile(path);
    REQUIRE(f.ok());
    CHECK((*f)->size() == 11);
    REQUIRE((*f)->Append("!").ok());
    CHECK((*f)->size() == 12);
  }  // destroyed without Close: closed anyway
  CHECK(*env->ReadFile(path) == "hello world!");
  {
    auto f = env->NewWritableFile(path);  // truncates
    REQUIRE(f.ok());
    CHECK(*env->ReadFile(path) == "");
  }
  {
    auto f = env->NewAppendableFile(dir.file("new"));  // creates
    REQUIRE(f.ok());
    CHECK(env->FileExists(dir.file("new")));
  }
  // Every byte value, and a file bigger than one read.
  std::string big;
  for (int i = 0; i < 300000; ++i) big.push_back(static_cast<char>(i * 7));
  {
    auto f = env->NewWritableFile(path);
    REQUIRE((*f)->Append(big).ok());
  }
  CHECK(*env->ReadFile(path) == big);
}

TEST_CASE("durable env renames, removes, lists and truncates", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  for (const char* name : {"b", "a", "c"}) {
    auto f = env->NewWritableFile(dir.file(name));
    REQUIRE((*f)->Append(name).ok());
  }
  REQUIRE(env->CreateDir(dir.file("sub")).ok());
  CHECK(env->CreateDir(dir.file("sub")).ok());  // already there
  absl::Status over_file = env->CreateDir(dir.file("a"));
  CHECK(over_file.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(Contains(over_file, dir.file("a")));
  CHECK(env->CreateDir(dir.file("no/such")).code() == absl::StatusCode::kNotFound);

  auto names = env->ListDir(dir.path());
  REQUIRE(names.ok());
  CHECK(*names == std::vector<std::string>{"a", "b", "c", "sub"});

  REQUIRE(env->RenameFile(dir.file("a"), dir.file("b")).ok());  // replaces b
  CHECK_FALSE(env->FileExists(dir.file("a")));
  CHECK(*env->ReadFile(dir.file("b")) == "a");
  absl::Status missing = env->RenameFile(dir.file("a"), dir.file("z"));
  CHECK(missing.code() == absl::StatusCode::kNotFound);
  CHECK(Contains(missing, dir.file("a")));

  REQUIRE(env->RemoveFile(dir.file("c")).ok());
  CHECK_FALSE(env->FileExists(dir.file("c")));
  CHECK(env->RemoveFile(dir.file("c")).code() == absl::StatusCode::kNotFound);

  {
    auto f = env->NewWritableFile(dir.file("t"));
    REQUIRE((*f)->Append("0123456789").ok());
  }
  REQUIRE(env->TruncateFile(dir.file("t"), 4).ok());
  CHECK(*env->ReadFile(dir.file("t")) == "0123");
  CHECK(env->TruncateFile(dir.file("none"), 0).code() == absl::StatusCode::kNotFound);

  CHECK(env->SyncDir(dir.path()).ok());
  CHECK(env->SyncDir(dir.file("none")).code() == absl::StatusCode::kNotFound);
  CHECK(env->ListDir(dir.file("none")).status().code() == absl::StatusCode::kNotFound);
  CHECK(env->GetFileSize(dir.file("none")).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("durable env reading a missing file names it", "[durable]") {
  TempDir dir;
  auto r = Env::Default()->ReadFile(dir.file("wal.log"));
  CHECK(r.status().code() == absl::StatusCode::kNotFound);
  CHECK(Contains(r.status(), dir.file("wal.log")));
  CHECK(Contains(r.status(), "No such file or directory"));
}

TEST_CASE("durable env refuses a FIFO and a directory and a device without hanging", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  const std::string fifo = dir.file("fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  HangGuard guard;

  auto r = env->ReadFile(fifo);  // no writer: a blocking open would wait forever
  CHECK(r.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(r.status().message() == "cannot read " + fifo + ": not a regular file (a FIFO)");

  auto d = env->ReadFile(dir.path());
  CHECK(d.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(d.status().message() == "cannot read " + dir.path() + ": not a regular file (a directory)");

  auto z = env->ReadFile("/dev/zero");  // would never end
  CHECK(z.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(z.status().message() == "cannot read /dev/zero: not a regular file (a character device)");

  // Writing: no reader makes the non-blocking open fail (ENXIO) instead of waiting.
  auto w = env->NewWritableFile(fifo);
  CHECK(w.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(w.status().message() == "error opening " + fifo + ": No such device or address");
  {
    // With a reader the open succeeds, and the descriptor's check refuses it.
    const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    auto with_reader = env->NewAppendableFile(fifo);
    CHECK(with_reader.status() ==
          absl::FailedPreconditionError("cannot write " + fifo + ": not a regular file (a FIFO)"));
    close(reader);
  }
  auto a = env->NewAppendableFile(dir.path());
  CHECK(a.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(a.status().message() == "error opening " + dir.path() + ": Is a directory");
  auto dev = env->NewAppendableFile("/dev/null");
  CHECK(dev.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(Contains(dev.status(), "/dev/null"));
  auto lock = env->LockFile(fifo);
  CHECK(lock.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("durable env ReadFileData maps a large file and copies a small one, same bytes",
          "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  for (size_t size : {size_t{0}, size_t{5}, (size_t{1} << 20) - 1, (size_t{3} << 20) + 17}) {
    std::string bytes(size, '\0');
    for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + (i * 7919) % 26);
    const std::string path = dir.file("f" + std::to_string(size));
    {
      auto f = env->NewWritableFile(path);
      REQUIRE(f.ok());
      REQUIRE((*f)->Append(bytes).ok());
      REQUIRE((*f)->Close().ok());
    }
    auto data = env->ReadFileData(path);
    REQUIRE(data.ok());
    CHECK((*data)->data() == bytes);
  }
  HangGuard guard;
  const std::string fifo = dir.file("fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(env->ReadFileData(fifo).status().message() ==
        "cannot read " + fifo + ": not a regular file (a FIFO)");
  CHECK(env->ReadFileData("/dev/zero").status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(env->ReadFileData(dir.file("missing")).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("durable env maps system errors to status codes naming the path", "[durable]") {
  absl::Status full = IoError(ENOSPC, "writing", "/x/wal.log");
  CHECK(full.code() == absl::StatusCode::kResourceExhausted);
  CHECK(full.message() == "disk full writing /x/wal.log: No space left on device");
  CHECK(IoError(EDQUOT, "writing", "/x").code() == absl::StatusCode::kResourceExhausted);
  CHECK(IoError(ENOENT, "opening", "/x").code() == absl::StatusCode::kNotFound);
  CHECK(IoError(EACCES, "opening", "/x").code() == absl::StatusCode::kPermissionDenied);
  CHECK(IoError(EROFS, "opening", "/x").code() == absl::StatusCode::kPermissionDenied);
  CHECK(IoError(EIO, "syncing", "/x").code() == absl::StatusCode::kUnavailable);
  CHECK(IoError(EIO, "syncing", "/x").message() == "error syncing /x: Input/output error");
  CHECK(IoError(EBADF, "writing", "/x").code() == absl::StatusCode::kInternal);
}

TEST_CASE("durable env reports permission denied", "[durable]") {
  TempDir dir;
  const std::string ro = dir.file("ro");
  REQUIRE(mkdir(ro.c_str(), 0555) == 0);
  const std::string path = ro + "/f";
  // Root passes permission checks, so a root test run tries it as nobody, in a child that
  // reports the status's code as its exit status and its message through a pipe.
  int msg[2];
  REQUIRE(pipe(msg) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(100);
    auto f = Env::Default()->NewWritableFile(path);
    const std::string m(f.status().message());
    if (write(msg[1], m.data(), m.size()) != static_cast<ssize_t>(m.size())) _exit(101);
    _exit(static_cast<int>(f.status().code()));
  }
  close(msg[1]);
  char buf[512];
  const ssize_t n = read(msg[0], buf, sizeof buf);
  close(msg[0]);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == static_cast<int>(absl::StatusCode::kPermissionDenied));
  CHECK(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0) ==
        "error opening " + path + ": Permission denied");
}

TEST_CASE("durable env reports a write cut short by the file size limit", "[durable]") {
  // A real short write then a failing one: in a child limited to 100-byte files (SIGXFSZ
  // ignored, so write(2) returns EFBIG instead of killing it), a 250-byte Append writes 100.
  TempDir dir;
  const std::string path = dir.file("f");
  int msg[2];
  REQUIRE(pipe(msg) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = {100, 100};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(100);
    auto f = Env::Default()->NewWritableFile(path);
    if (!f.ok()) _exit(101);
    absl::Status s = (*f)->Append(std::string(250, 'x'));
    const std::string m = std::string(s.message()) + "|" + std::to_string((*f)->size());
    if (write(msg[1], m.data(), m.size()) != static_cast<ssize_t>(m.size())) _exit(102);
    _exit(static_cast<int>(s.code()));
  }
  close(msg[1]);
  char buf[512];
  const ssize_t n = read(msg[0], buf, sizeof buf);
  close(msg[0]);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == static_cast<int>(absl::StatusCode::kResourceExhausted));
  CHECK(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0) ==
        "error writing " + path + ": File too large|100");
  CHECK(*Env::Default()->GetFileSize(path) == 100);
}

TEST_CASE("durable env directory names", "[durable]") {
  CHECK(DirName("d/e/f") == "d/e");
  CHECK(DirName("d/e/f/") == "d/e");
  CHECK(DirName("d//f") == "d");
  CHECK(DirName("f") == ".");
  CHECK(DirName("/f") == "/");
  CHECK(DirName("/") == "/");
}

TEST_CASE("durable env lock refuses a second locker in this process", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  const std::string lock_path = dir.file("LOCK");
  {
    auto first = env->LockFile(lock_path);
    REQUIRE(first.ok());
    CHECK((*first)->path() == lock_path);
    CHECK(*env->ReadFile(lock_path) == std::to_string(getpid()) + "\n");
    auto second = env->LockFile(lock_path);
    CHECK(second.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(second.status().message() ==
          "database " + dir.path() + " is already open in this process (" + lock_path + ")");
    // The refused locker did not touch the holder's id.
    CHECK(*env->ReadFile(lock_path) == std::to_string(getpid()) + "\n");
  }
  // Released with the first lock.
  auto again = env->LockFile(lock_path);
  CHECK(again.ok());
}

TEST_CASE("durable env lock names the other process holding it", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  const std::string lock_path = dir.file("LOCK");
  int locked[2], release[2];
  REQUIRE(pipe(locked) == 0);
  REQUIRE(pipe(release) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child takes the lock, says so, and holds it until told to exit.
    auto lock = env->LockFile(lock_path);
    const char ok = lock.ok() ? '1' : '0';
    if (write(locked[1], &ok, 1) != 1) _exit(2);
    char c;
    if (read(release[0], &c, 1) != 1) _exit(3);
    _exit(0);
  }
  close(locked[1]);
  close(release[0]);
  char ok = 0;
  REQUIRE(read(locked[0], &ok, 1) == 1);
  REQUIRE(ok == '1');

  auto mine = env->LockFile(lock_path);
  CHECK(mine.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(mine.status().message() == "database " + dir.path() + " is in use by process " +
                                       std::to_string(child) + " (" + lock_path + ")");

  // The child exits without releasing anything itself: its death releases the lock.
  REQUIRE(write(release[1], "x", 1) == 1);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  close(locked[0]);
  close(release[1]);

  auto now_mine = env->LockFile(lock_path);
  REQUIRE(now_mine.ok());
  CHECK(*env->ReadFile(lock_path) == std::to_string(getpid()) + "\n");
}

TEST_CASE("durable env lock is released when its holder is killed", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  const std::string lock_path = dir.file("LOCK");
  int locked[2];
  REQUIRE(pipe(locked) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto lock = env->LockFile(lock_path);
    const char ok = lock.ok() ? '1' : '0';
    if (write(locked[1], &ok, 1) != 1) _exit(2);
    for (;;) pause();
  }
  close(locked[1]);
  char ok = 0;
  REQUIRE(read(locked[0], &ok, 1) == 1);
  REQUIRE(ok == '1');
  CHECK(env->LockFile(lock_path).status().code() == absl::StatusCode::kFailedPrecondition);
  kill(child, SIGKILL);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  close(locked[0]);
  CHECK(env->LockFile(lock_path).ok());
}

}  // namespace
}  // namespace linkgraph::durable
