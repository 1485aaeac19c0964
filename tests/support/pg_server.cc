#include "tests/support/pg_server.h"

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/status/status.h"

extern char** environ;

namespace linkgraph::testing {
namespace {

bool Executable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// The last `max` bytes of `path`, for error messages.
std::string Tail(const std::string& path, size_t max = 2000) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max) text = "…" + text.substr(text.size() - max);
  return text;
}

// Runs `argv` in `cwd` with stdin from /dev/null and stdout and stderr appended to `log`; waits
// for it. posix_spawn, not fork: the test process may have threads.
absl::Status Run(const std::vector<std::string>& argv, const std::string& cwd,
                 const std::string& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return absl::InternalError(argv[0] + ": cannot start: " + std::strerror(rc));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return absl::InternalError(Errno("waitpid " + argv[0]));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return absl::OkStatus();
  std::string how = WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                                      : "killed by signal " + std::to_string(WTERMSIG(status));
  return absl::InternalError(argv[0] + " " + how + "; " + log + ":\n" + Tail(log));
}

// A fresh directory whose socket path (DIR/.s.PGSQL.5432) fits a sockaddr_un: under $TMPDIR
// when that is usable by the server's user, else under /tmp.
absl::StatusOr<std::string> MakeDir(bool as_other_user) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp != nullptr && *tmp != '\0' && !as_other_user ? tmp : "/tmp";
  std::string templ = base + "/lg_pg_XXXXXX";
  if (templ.size() + std::strlen("/.s.PGSQL.5432") >= 100) templ = "/tmp/lg_pg_XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) return absl::InternalError(Errno("mkdtemp " + templ));
  return templ;
}

}  // namespace

std::string PgBinDir() {
  const char* dir = std::getenv("LINKGRAPH_TEST_PG_BINDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/lib/postgresql/15/bin";
}

absl::StatusOr<std::unique_ptr<PgServer>> PgServer::Start(const std::string& bindir) {
  for (const char* program : {"initdb", "pg_ctl", "postgres", "createdb"}) {
    std::string path = bindir + "/" + program;
    if (!Executable(path)) {
      return absl::NotFoundError(path +
                                 " not found (Debian: apt-get install postgresql-15; or "
                                 "set LINKGRAPH_TEST_PG_BINDIR to the server's bin directory)");
    }
  }
  std::unique_ptr<PgServer> server(new PgServer());
  server->bindir_ = bindir;
  uid_t uid = geteuid();
  gid_t gid = getegid();
  if (uid == 0) {
    // PostgreSQL refuses to run as root.
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) pw = getpwnam("nobody");
    if (pw == nullptr) {
      return absl::FailedPreconditionError(
          "running as root, and neither user postgres nor "
          "nobody exists");
    }
    std::string runuser = Executable("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser";
    if (!Executable(runuser))
      return absl::FailedPreconditionError("running as root without runuser");
    server->as_user_ = {runuser, "-u", pw->pw_name, "--"};
    uid = pw->pw_uid;
    gid = pw->pw_gid;
  }
  absl::StatusOr<std::string> dir = MakeDir(!server->as_user_.empty());
  if (!dir.ok()) return dir.status();
  server->dir_ = *dir;
  if (!server->as_user_.empty() && chown(dir->c_str(), uid, gid) != 0) {
    return absl::InternalError(Errno("chown " + *dir));
  }
  // Before anything is in the directory, so a crash at any later point leaves nothing behind.
  absl::Status s = server->StartWatchdog();
  if (!s.ok()) return s;

  s = Run(server->AsUser({bindir + "/initdb", "-D", server->data(), "-U", "postgres", "-A", "trust",
                          "--no-sync", "--no-locale", "-E", "UTF8"}),
          *dir, *dir + "/initdb.log");
  if (!s.ok()) return s;

  // Only the Unix socket in the directory; durability is not what these tests are about.
  server->started_ = true;  // from here on, the destructor tries to stop it
  std::string options = "-c listen_addresses='' -k '" + *dir +
                        "' -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
  s = Run(server->AsUser({bindir + "/pg_ctl", "-D", server->data(), "-l", *dir + "/server.log",
                          "-w", "-t", "60", "-o", options, "start"}),
          *dir, *dir + "/pg_ctl.log");
  if (!s.ok()) {
    return absl::InternalError(std::string(s.message()) + "\n" + *dir + "/server.log:\n" +
                               Tail(*dir + "/server.log"));
  }
  return server;
}

std::vector<std::string> PgServer::AsUser(std::vector<std::string> argv) const {
  argv.insert(argv.begin(), as_user_.begin(), as_user_.end());
  return argv;
}

// The watchdog: a shell blocked reading a pipe only this process writes to. When the pipe
// closes — the destructor, or this process dying however it dies — it stops the server (if
// one runs) and removes the directory. In a session of its own, so a terminal's Ctrl-C does not
// take it first. (A server caught half-started, its directory gone, shuts itself down within a
// minute: the postmaster rechecks its lock file.)
absl::Status PgServer::StartWatchdog() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::InternalError(Errno("pipe2"));
  // Killed during initdb or pg_ctl start, the step may still be writing into the directory
  // (initdb removes its own data directory when it fails): tried again for up to 10 s.
  std::vector<std::string> watch = {"/bin/sh", "-c",
                                    "read -r _; d=$1; shift; for i in 1 2 3 4 5 6 7 8 9 10; do "
                                    "\"$@\" >/dev/null 2>&1; rm -rf -- \"$d\" 2>/dev/null; "
                                    "[ -e \"$d\" ] || exit 0; sleep 1; done",
                                    "sh", dir_};
  for (std::string& a :
       AsUser({bindir_ + "/pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop"})) {
    watch.push_back(std::move(a));
  }
  std::vector<char*> args;
  for (const std::string& a : watch) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  int rc = posix_spawn(&watchdog_, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(fds[0]);
  if (rc != 0) {
    close(fds[1]);
    watchdog_ = -1;
    return absl::InternalError(std::string("cannot start the watchdog: ") + std::strerror(rc));
  }
  watchdog_pipe_ = fds[1];
  return absl::OkStatus();
}

PgServer::~PgServer() {
  if (started_) {
    (void)Run(AsUser({bindir_ + "/pg_ctl", "-D", data(), "-m", "fast", "-w", "stop"}), dir_,
              dir_ + "/pg_ctl.log");
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  if (watchdog_pipe_ >= 0) close(watchdog_pipe_);
  if (watchdog_ > 0) {
    int status = 0;
    while (waitpid(watchdog_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

std::string PgServer::ConnInfo(const std::string& dbname) const {
  return "host=" + dir_ + " port=5432 user=postgres dbname=" + dbname;
}

absl::StatusOr<std::string> PgServer::NewDatabase() {
  std::string name = "lg_test_" + std::to_string(++databases_);
  absl::Status s = Run({bindir_ + "/createdb", "-h", dir_, "-p", "5432", "-U", "postgres", name},
                       dir_, dir_ + "/createdb.log");
  if (!s.ok()) return s;
  return ConnInfo(name);
}

absl::StatusOr<PgServer*> SharedPgServer() {
  // Started on the first call (thread-safe static initialisation); destroyed, so stopped, at
  // exit like every static.
  static const absl::StatusOr<std::unique_ptr<PgServer>> server = PgServer::Start(PgBinDir());
  if (!server.ok()) return server.status();
  return server->get();
}

PgServer* PgServerOrSkip() {
  absl::StatusOr<PgServer*> server = SharedPgServer();
  if (server.ok()) return *server;
  const char* require = std::getenv("LINKGRAPH_TEST_REQUIRE_POSTGRES");
  bool required = require != nullptr && std::string(require) == "1";
  if (absl::IsNotFound(server.status()) && !required) {
    WARN(kPgSkipMarker << ": " << server.status().message());
    return nullptr;
  }
  FAIL("the test PostgreSQL server did not start: " << server.status().ToString());
  return nullptr;
}

}  // namespace linkgraph::testing
