// Opening a durable database (durable.h): lock, checkpoint, log replay, torn tail cut.
#include <algorithm>
#include <cstring>
#include <mutex>
#include <vector>

#include "engine/durable/image_reader.h"
#include "engine/durable/log_reader.h"
#include "engine/store/redo.h"
#include "engine/store/transaction.h"
#include "linkgraph/status.h"
#include "modules/access.h"
#include "modules/checkpoint.h"
#include "modules/durable.h"
#include "modules/migration.h"
#include "modules/schema_json.h"
#include "modules/state.h"

namespace linkgraph::modules {

namespace {

// The log files of `names` by number, in order.
std::vector<std::pair<uint64_t, std::string>> Logs(const std::vector<std::string>& names) {
  std::vector<std::pair<uint64_t, std::string>> logs;
  for (const std::string& name : names) {
    if (name.size() != 24 || name.rfind("wal-", 0) != 0 || name.substr(20) != ".log") continue;
    uint64_t n = 0;
    bool hex = true;
    for (char c : name.substr(4, 16)) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) hex = false;
      n = n * 16 + static_cast<uint64_t>(d < 0 ? 0 : d);
    }
    if (hex) logs.emplace_back(n, name);
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

// Replays records into the database as they are read.
class Replayer {
 public:
  Replayer(Database& db, Database::State* state) : db_(db), state_(state) {}

  absl::Status Register(std::string_view path, const durable::LogRecord& r) {
    if (r.payload.size() < 8) return Corrupt(path, r, "register record cut short");
    uint64_t number;
    std::memcpy(&number, r.payload.data(), 8);
    const uint64_t have = state_->Published().catalog->number;
    if (number <= have) return absl::OkStatus();  // in the checkpoint already
    Publish();  // Register starts from the published version
    if (number != have + 1) return Corrupt(path, r, "a Register is missing before this one");
    absl::StatusOr<Schema> schema = ParseSchemaJson(r.payload.substr(8));
    if (!schema.ok()) return Corrupt(path, r, std::string(schema.status().message()));
    absl::Status s = db_.Register(*schema);
    if (!s.ok()) return Corrupt(path, r, std::string(s.message()));
    return absl::OkStatus();
  }

  absl::Status Migration(std::string_view path, const durable::LogRecord& r) {
    absl::StatusOr<MigrationRecord> record = DecodeMigrationRecord(r.payload);
    if (!record.ok()) return Corrupt(path, r, std::string(record.status().message()));
    const uint64_t have = state_->Published().catalog->number;
    if (record->catalog_number <= have) return absl::OkStatus();  // in the checkpoint already
    Publish();  // a migration starts from the published version
    if (record->catalog_number != have + 1) {
      return Corrupt(path, r, "a Register or migration is missing before this migration");
    }
    absl::StatusOr<Schema> schema = ParseSchemaJson(record->schema_json);
    if (!schema.ok()) return Corrupt(path, r, std::string(schema.status().message()));
    std::lock_guard<std::mutex> writer(state_->commit_mutex);
    absl::StatusOr<MigrationPlan> plan =
        RunMigration(state_, *schema, record->options, record->now, /*log=*/false);
    if (!plan.ok()) return Corrupt(path, r, std::string(plan.status().message()));
    if (!plan->applied) return Corrupt(path, r, "the migration changes nothing");
    return absl::OkStatus();
  }

  absl::Status CommitPiece(std::string_view path, const durable::LogRecord& r) {
    if (r.payload.size() < 16) return Corrupt(path, r, "commit record cut short");
    uint64_t commit;
    int64_t now;
    std::memcpy(&commit, r.payload.data(), 8);
    std::memcpy(&now, r.payload.data() + 8, 8);
    if (pending_ && commit != pending_commit_) {
      return Corrupt(path, r, "a commit's records are interleaved with another's");
    }
    if (!pending_) redo_.clear();
    pending_ = true;
    pending_commit_ = commit;
    redo_.append(r.payload.substr(16));
    if (r.type == kCommitPartRecord) return absl::OkStatus();
    pending_ = false;
    if (commit <= state_->commit_number) return absl::OkStatus();  // in the checkpoint already
    if (commit != state_->commit_number + 1) return Corrupt(path, r, "a commit is missing before this one");
    return Apply(path, r, commit, now);
  }

  // A commit whose last record never made it (a crash mid-append): never acknowledged.
  bool pending() const { return pending_; }

  // Publishes the commits replayed since the last Register (or the start). Nothing reads the
  // database while it opens, so they are applied to one writer's version and published once:
  // a block or index shard is copied once, not once per commit.
  void Publish() {
    if (!writing_) return;
    state_->Publish(std::make_shared<const store::Store>(state_->store));
    state_->EndWriting();
    writing_ = false;
  }

  ~Replayer() {
    if (writing_) state_->EndWriting();  // an error part way: nothing more is published
  }

 private:
  absl::Status Apply(std::string_view path, const durable::LogRecord& r, uint64_t commit,
                     int64_t now) {
    if (!writing_) {
      state_->BeginWriting();
      writing_ = true;
    }
    store::Transaction txn(&state_->store);
    absl::Status s = store::ApplyRedo(redo_, &txn);
    if (!s.ok()) return Corrupt(path, r, std::string(s.message()));
    txn.CompactStrings();
    txn.Commit();
    state_->commit_number = commit;
    state_->last_commit_micros = now;
    return absl::OkStatus();
  }

  static absl::Status Corrupt(std::string_view path, const durable::LogRecord& r,
                              std::string_view why) {
    return absl::DataLossError("log " + std::string(path) + " is corrupt at offset " +
                               std::to_string(r.offset) + ": " + std::string(why));
  }

  Database& db_;
  Database::State* state_;
  bool pending_ = false;
  bool writing_ = false;
  uint64_t pending_commit_ = 0;
  std::string redo_;
};

absl::Status LoadCheckpoint(Database& db, Database::State* state, const std::string& path,
                            durable::Env* env, uint64_t* next_log) {
  // Mapped, not copied: the image is read once, into the tables.
  LG_ASSIGN_OR_RETURN(std::unique_ptr<durable::Env::FileData> file, env->ReadFileData(path));
  std::string_view image;
  LG_ASSIGN_OR_RETURN(CheckpointHeader header, ReadCheckpointHeader(path, file->data(), &image));
  for (const std::string& json : header.schemas) {
    absl::StatusOr<Schema> schema = ParseSchemaJson(json);
    absl::Status s = schema.ok() ? db.Register(*schema) : schema.status();
    if (!s.ok()) {
      return absl::DataLossError("checkpoint " + path + " holds a schema that does not register: " +
                                 std::string(s.message()));
    }
  }
  // The catalog number and history as the checkpoint has them (a migration replaced the schemas
  // registered before it with one).
  auto catalog = std::make_shared<CatalogVersion>(state->rules());
  catalog->number = header.catalog_number;
  catalog->migrations = std::move(header.migrations);
  state->BeginWriting();
  struct EndWriting {
    Database::State* state;
    ~EndWriting() { state->EndWriting(); }
  } end{state};
  state->store.Rebind(catalog->catalog);
  absl::Status s = durable::ReadImage(image, &state->store);
  if (!s.ok()) {
    return absl::Status(s.code(), "checkpoint " + path + ": " + std::string(s.message()));
  }
  state->Publish(std::move(catalog), std::make_shared<const store::Store>(state->store));
  state->commit_number = header.commit;
  state->last_commit_micros = header.last_commit_micros;
  *next_log = header.next_log;
  return absl::OkStatus();
}

}  // namespace

absl::Status OpenDurable(Database& db, std::string_view dir_view, durable::Env* env) {
  Database::State* state = &DatabaseAccess::State(db);
  std::string dir(dir_view);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  LG_RETURN_IF_ERROR(env->CreateDir(dir));
  LG_ASSIGN_OR_RETURN(std::unique_ptr<durable::FileLock> lock, env->LockFile(dir + "/LOCK"));
  auto durable = std::make_unique<Durable>(env, dir, std::move(lock), state->options.sync,
                                           state->options.checkpoint_log_bytes);
  LG_ASSIGN_OR_RETURN(std::vector<std::string> names, env->ListDir(dir));
  // A checkpoint that was being written when the process stopped.
  if (std::find(names.begin(), names.end(), "checkpoint.tmp") != names.end()) {
    LG_RETURN_IF_ERROR(env->RemoveFile(durable->Path("checkpoint.tmp")));
  }
  uint64_t next_log = 1;
  const bool has_checkpoint = std::find(names.begin(), names.end(), "checkpoint") != names.end();
  if (has_checkpoint) {
    LG_RETURN_IF_ERROR(LoadCheckpoint(db, state, durable->Path("checkpoint"), env, &next_log));
  }
  std::vector<std::pair<uint64_t, std::string>> logs = Logs(names);
  // Logs before the checkpoint's (a removal a crash undid) hold nothing it lacks.
  while (!logs.empty() && logs.front().first < next_log) {
    (void)env->RemoveFile(durable->Path(logs.front().second));
    logs.erase(logs.begin());
  }
  // The logs after the checkpoint run on without a gap from the one it names (created, synced,
  // before the checkpoint was written): a missing one would lose its commits silently.
  if (has_checkpoint && logs.empty()) {
    return absl::DataLossError("database " + dir + " is missing its log " +
                               Durable::LogName(next_log));
  }
  for (size_t i = 0; i < logs.size(); ++i) {
    const uint64_t expected = next_log + i;
    if (logs[i].first == expected) continue;
    if (i == 0 && !has_checkpoint) {
      return absl::DataLossError("database " + dir + " is missing its checkpoint (its logs start at " +
                                 logs[0].second + ")");
    }
    return absl::DataLossError("database " + dir + " is missing its log " +
                               Durable::LogName(expected));
  }
  Replayer replayer(db, state);
  uint64_t last = 0;
  for (size_t i = 0; i < logs.size(); ++i) {
    const auto& [number, name] = logs[i];
    const std::string path = durable->Path(name);
    LG_ASSIGN_OR_RETURN(std::string data, env->ReadFile(path));
    LG_ASSIGN_OR_RETURN(durable::LogContents log, durable::ReadLog(path, data));
    const bool is_last = i + 1 == logs.size();
    if (log.has_header && log.header.log_number != number) {
      return absl::DataLossError("log " + path + " says it is log " +
                                 std::to_string(log.header.log_number));
    }
    if (log.torn && !is_last) {
      return absl::DataLossError("log " + path + " has a damaged end (" + log.torn_reason +
                                 ") but later logs follow it");
    }
    for (const durable::LogRecord& r : log.records) {
      if (r.type == kRegisterRecord) {
        if (replayer.pending()) {
          return absl::DataLossError("log " + path + " is corrupt at offset " +
                                     std::to_string(r.offset) + ": a Register inside a commit");
        }
        LG_RETURN_IF_ERROR(replayer.Register(path, r));
      } else if (r.type == kMigrationRecord) {
        if (replayer.pending()) {
          return absl::DataLossError("log " + path + " is corrupt at offset " +
                                     std::to_string(r.offset) + ": a migration inside a commit");
        }
        LG_RETURN_IF_ERROR(replayer.Migration(path, r));
      } else if (r.type == kCommitPartRecord || r.type == kCommitLastRecord) {
        LG_RETURN_IF_ERROR(replayer.CommitPiece(path, r));
      } else {
        return absl::DataLossError("log " + path + " is corrupt at offset " +
                                   std::to_string(r.offset) + ": unknown record type " +
                                   std::to_string(r.type));
      }
    }
    if (replayer.pending() && !is_last) {
      return absl::DataLossError("log " + path + " ends inside a commit but later logs follow it");
    }
    last = number;
    if (!is_last) continue;
    if (!log.has_header) {
      // Cut inside its header: the log was being started; start it again.
      LG_RETURN_IF_ERROR(durable->StartLog(number, state->commit_number));
      break;
    }
    // A torn tail, or the first pieces of a commit whose last piece never came: cut them off
    // (never acknowledged), so the log continues from its last whole record.
    uint64_t end = log.valid_end;
    if (replayer.pending()) {
      for (auto it = log.records.rbegin(); it != log.records.rend(); ++it) {
        if (it->type != kCommitPartRecord) break;
        end = it->offset;
      }
    }
    if (end != data.size()) {
      LG_RETURN_IF_ERROR(env->TruncateFile(path, end));
      LG_ASSIGN_OR_RETURN(auto file, env->NewAppendableFile(path));
      LG_RETURN_IF_ERROR(file->Sync());
    }
    LG_RETURN_IF_ERROR(durable->ContinueLog(number));
  }
  replayer.Publish();
  if (durable->log_number() == 0) {
    LG_RETURN_IF_ERROR(durable->StartLog(std::max(last + 1, next_log), state->commit_number));
  }
  state->durable = std::move(durable);
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
