// The durable side of a Database (DESIGN.md §5, issue #21): its directory, the lock that admits
// one process, and the write-ahead log every commit and Register is appended to before it is
// acknowledged. Checkpoints (checkpoint.h) write one snapshot's image and cut the log.
//
// Files in the database directory:
//   LOCK                  flock'ed by the process that has the database open (its pid inside)
//   checkpoint            the last checkpoint: the schemas, commit and catalog numbers, and a
//                         columnar image of one store version (engine/durable/image_*)
//   wal-<number>.log      logs, numbered in order; each holds the records after the previous
//                         one (file header: its number and the first commit it may hold)
// A record is a Register (catalog number + the schema's JSON), a migration (its catalog number,
// clock reading, options and schema: modules/migration.h) or a commit (commit number, clock
// reading, and its redo: engine/store/redo.h), split over several records when it passes the
// log's record size. Opening reads the checkpoint and replays every later record in order;
// records the checkpoint already holds (by number) are skipped.
//
// Locking: the log is written under the commit lock (commits and Register hold it); a
// checkpoint starts a new log under the same lock and writes its image outside it. Group sync
// (SyncMode::kGroup) syncs outside the commit lock under a mutex of its own.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/durable/env.h"
#include "engine/durable/log_writer.h"
#include "linkgraph/database.h"

namespace linkgraph::modules {

// Record types of the log.
inline constexpr uint8_t kRegisterRecord = 1;
inline constexpr uint8_t kCommitPartRecord = 2;  // more of the same commit follows
inline constexpr uint8_t kCommitLastRecord = 3;  // the commit's last (often only) record
inline constexpr uint8_t kMigrationRecord = 4;   // a migration (migration.h: MigrationRecord)

class Durable {
 public:
  Durable(durable::Env* env, std::string dir, std::unique_ptr<durable::FileLock> lock,
          SyncMode sync, int64_t checkpoint_log_bytes);

  durable::Env* env() const { return env_; }
  const std::string& dir() const { return dir_; }
  std::string Path(std::string_view name) const { return dir_ + "/" + std::string(name); }
  static std::string LogName(uint64_t number);

  // Starts writing log `number` (a new file whose records follow commit `after_commit`), made
  // durable with its directory entry. The previous log is closed. REQUIRES: the commit lock
  // (or no other thread: opening).
  absl::Status StartLog(uint64_t number, uint64_t after_commit);
  // Continues the existing log `number` at its end (opening, after its torn tail was cut).
  absl::Status ContinueLog(uint64_t number);
  uint64_t log_number() const { return log_number_; }

  // OK, or why writes are refused: a log write or sync failed, and what is on disk after it is
  // unknown until the database is reopened (PostgreSQL's rule after a failed fsync).
  absl::Status Writable() const;

  // Appends a Register's record (and syncs it, whatever the mode: schema changes are rare).
  // REQUIRES: the commit lock.
  absl::Status LogRegister(uint64_t catalog_number, std::string_view schema_json);
  // Appends a migration's record (EncodeMigrationRecord) and syncs it, whatever the mode.
  // REQUIRES: the commit lock.
  absl::Status LogMigration(std::string_view payload);
  // Appends a commit's records: synced before returning under kPerCommit; under kGroup the
  // caller calls SyncCommit after releasing the commit lock. REQUIRES: the commit lock.
  absl::Status LogCommit(uint64_t commit, int64_t now, std::string_view redo);
  // kGroup: returns once log `log` is synced up to `offset` (where LogCommit's record ended:
  // log_number() and log_end() read under the commit lock), syncing it if no other thread has
  // (a log already replaced was synced when it was). Other modes: OK at once.
  absl::Status SyncCommit(uint64_t log, uint64_t offset);
  // Where the log ends: the offset the last record written reaches, in the current log.
  uint64_t log_end() const { return appended_.load(std::memory_order_acquire); }
  // The current log's size has passed the checkpoint threshold.
  bool WantsCheckpoint() const {
    return checkpoint_log_bytes_ > 0 &&
           appended_.load(std::memory_order_relaxed) >= static_cast<uint64_t>(checkpoint_log_bytes_);
  }
  SyncMode sync() const { return sync_; }

  // One checkpoint or backup at a time.
  std::mutex checkpoint_mutex;
  std::atomic<bool> checkpointing{false};

 private:
  absl::Status Fail(absl::Status status);
  absl::Status Append(uint8_t type, std::string_view payload);
  absl::Status AppendSynced(uint8_t type, std::string_view payload);

  durable::Env* const env_;
  const std::string dir_;
  std::unique_ptr<durable::FileLock> lock_;
  const SyncMode sync_;
  const int64_t checkpoint_log_bytes_;
  uint64_t log_number_ = 0;
  std::unique_ptr<durable::WritableFile> file_;
  std::unique_ptr<durable::LogWriter> writer_;
  std::atomic<uint64_t> appended_{0};
  mutable std::mutex failed_mutex_;
  absl::Status failed_;
  std::mutex sync_mutex_;  // kGroup
  uint64_t synced_ = 0;    // kGroup: under sync_mutex_ (offsets of the current log)
  std::string scratch_;
};

// Opens (or creates) the durable database in `dir` through `env` into `db` (new and empty):
// Database::Open's work. Tests pass a FaultEnv.
absl::Status OpenDurable(Database& db, std::string_view dir, durable::Env* env);

}  // namespace linkgraph::modules
