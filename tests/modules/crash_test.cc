// The crash test (issue #21): a writer in a child process (tests/crash_writer) is killed with
// SIGKILL at random moments — inside commits, loads, checkpoints, backups and migrations — again
// and again on the same database, in each sync mode; after every kill the database is opened and checked:
// every acknowledged commit is there, the one being written is there whole or not at all,
// indexes agree with the rows, CheckIntegrity is clean, and each finished backup opens as a
// consistent database of its own.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "linkgraph/database.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace {

using linkgraph::Database;

struct Run {
  std::string output;  // the writer's lines
};

// Starts the writer on `dir` and kills it with SIGKILL after `run_for` — or, with `in_migration`,
// `run_for` after the first migration it starts (an `M` line; at `run_for` + 5 s at the latest):
// a migration copies tables for milliseconds, so random moments rarely land in one. Returns the
// writer's output.
Run KillWriterAfter(const std::string& dir, const std::string& sync,
                    std::chrono::milliseconds run_for, bool in_migration = false) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::string path = LG_CRASH_WRITER_PATH;
  std::vector<char*> argv = {path.data(), const_cast<char*>(dir.c_str()),
                             const_cast<char*>(sync.c_str()), nullptr};
  pid_t pid;
  REQUIRE(posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  Run run;
  char buf[4096];
  if (in_migration) {
    // Read as the writer writes, until a line starting a migration.
    const auto give_up = std::chrono::steady_clock::now() + run_for + std::chrono::seconds(5);
    for (;;) {
      if (run.output.rfind("M ", 0) == 0 || run.output.find("\nM ") != std::string::npos) break;
      if (std::chrono::steady_clock::now() > give_up) break;
      struct pollfd p = {out[0], POLLIN, 0};
      if (poll(&p, 1, 10) <= 0) continue;
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      run.output.append(buf, static_cast<size_t>(n));
    }
  }
  std::this_thread::sleep_for(run_for);
  kill(pid, SIGKILL);
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) run.output.append(buf, n);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  INFO(run.output.substr(run.output.size() > 400 ? run.output.size() - 400 : 0));
  REQUIRE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  return run;
}

int64_t Count(Database& db, const std::string& entity, const std::string& filters,
              bool with_deleted = false) {
  auto r = db.GraphJson(R"({"entity":")" + entity + R"(","fields":["id"],"filters":)" + filters +
                        R"(,"pagination":{"take":0},"withDeleted":)" +
                        (with_deleted ? "true" : "false") + "}");
  INFO(r.status().message());
  REQUIRE(r.ok());
  return *r->count();
}

// Checks the database against the writer's rules (tests/crash_writer/main.cc) and returns the
// last commit it holds, which must lie in [at_least, at_most].
int64_t Verify(Database& db, int64_t at_least, int64_t at_most) {
  auto counter = db.GraphJson(R"({"entity":"product","fields":["rank"],"filters":{"id":"counter"}})");
  const std::string json = counter.ok() ? counter->ToJson() : "";
  const size_t at = json.find("\"rank\":");
  if (at == std::string::npos) {
    // Killed before its schema or its counter row was written: then nothing was acknowledged.
    CHECK(at_least == 0);
    if (counter.ok()) CHECK(Count(db, "product", "{}", true) == 0);
    return 0;
  }
  const int64_t last = std::atoll(json.c_str() + at + 7);
  INFO("last commit in the database " << last << ", acknowledged " << at_least
                                      << ", begun " << at_most);
  REQUIRE(last >= at_least);
  REQUIRE(last <= at_most);
  int64_t live = 1, all = 1, reviews = 0;  // the counter
  for (int64_t seq = 1; seq <= last; ++seq) {
    const int64_t k = 1 + seq % 7;
    const int64_t deleter = seq + 3;
    const bool deleted = deleter <= last && deleter % 5 == 0;
    const bool soft = deleted && deleter % 10 == 0;
    all += deleted && !soft ? 0 : k;
    live += deleted ? 0 : k;
    if (seq % 11 == 0) reviews += 1500;
  }
  // Counted by a scan (title), by the ordered index (rank) and by the primary key index (id).
  CHECK(Count(db, "product", R"({"title":{"$like":"%"}})") == live);
  CHECK(Count(db, "product", "{}", true) == all);
  CHECK(Count(db, "product", R"({"rank":{"$gte":0}})", true) == all);
  CHECK(Count(db, "product", R"({"rank":{"$gt":)" + std::to_string(last) + "}}", true) == 0);
  CHECK(Count(db, "review", "{}") == reviews);
  for (int64_t seq = std::max<int64_t>(1, last - 3); seq <= last + 1; ++seq) {
    const std::string id = "s" + std::to_string(seq) + "-0";
    const bool deleted = seq + 3 <= last && (seq + 3) % 5 == 0;
    const bool present = seq <= last && !(deleted && (seq + 3) % 10 != 0);
    CHECK(Count(db, "product", R"({"id":")" + id + "\"}", true) == (present ? 1 : 0));
  }
  // The schema is the one after the last migration before commit `last`, or, when `last` is
  // followed by a migration (seq % 19 == 0), the one after it: never a mix.
  auto product = db.Describe("product");
  REQUIRE(product.ok());
  bool has_note = false;
  for (const auto& f : product->fields) has_note = has_note || f.name == "note";
  const bool note_before = ((last - 1) / 19) % 2 == 1 && last > 0;
  const bool note_after = (last / 19) % 2 == 1;
  INFO("products have a note: " << has_note);
  CHECK((has_note == note_before || (last % 19 == 0 && has_note == note_after)));
  if (has_note) CHECK(Count(db, "product", R"({"note":"n"})", true) == all);
  auto problems = db.CheckIntegrity();
  REQUIRE(problems.ok());
  CHECK(problems->empty());
  return last;
}

}  // namespace

TEST_CASE("writers killed with SIGKILL lose nothing acknowledged and leave no half commit",
          "[modules][durable][crash]") {
  linkgraph::testing::TempDir tmp;
  std::mt19937 rng(20261203);
  int kills = 0, in_commit = 0, in_checkpoint = 0, in_backup = 0, in_migration = 0,
      backups_checked = 0;
  int64_t verified = 0;
  for (const std::string sync : {"per_commit", "group", "none"}) {
    const std::string dir = tmp.file("db-" + sync);
    int64_t acknowledged = 0;
    for (int round = 0; round < 20; ++round) {
      // Every fourth round kills the writer 0–3 ms into a migration.
      const bool into_migration = round % 4 == 3;
      const auto run_for =
          std::chrono::milliseconds(into_migration ? rng() % 4 : 15 + rng() % 160);
      Run run = KillWriterAfter(dir, sync, run_for, into_migration);
      ++kills;
      const int64_t before = acknowledged;
      int64_t begun = acknowledged;
      std::string last_line, finished_backup;
      std::istringstream lines(run.output);
      for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        if (line[0] == 'A') acknowledged = std::stoll(line.substr(2));
        if (line[0] == 'B') begun = std::stoll(line.substr(2));
        if (line[0] == 'u') finished_backup = line.substr(2);
        last_line = line;
      }
      if (!last_line.empty()) {
        in_commit += last_line[0] == 'B';
        in_checkpoint += last_line[0] == 'K';
        in_backup += last_line[0] == 'U';
        in_migration += last_line[0] == 'M';
      }
      auto db = Database::Open(dir);
      INFO("round " << round << " (" << sync << "), killed after " << run_for.count() << " ms");
      INFO(db.status().message());
      REQUIRE(db.ok());
      const int64_t last = Verify(**db, acknowledged, begun);
      verified += acknowledged - before;
      acknowledged = last;  // the next writer goes on from here
      db->reset();
      if (!finished_backup.empty()) {
        auto copy = Database::Open(finished_backup);
        INFO(copy.status().message());
        REQUIRE(copy.ok());
        Verify(**copy, 0, last);
        ++backups_checked;
      }
    }
  }
  std::printf("crash test: %d kills (%d inside a commit, %d inside a checkpoint, %d inside a "
              "backup, %d inside a migration), %lld acknowledged commits verified, %d backups "
              "opened\n",
              kills, in_commit, in_checkpoint, in_backup, in_migration,
              static_cast<long long>(verified), backups_checked);
  CHECK(kills >= 50);
}
