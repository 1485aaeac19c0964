#include "bench/harness/durable.h"

#include <filesystem>
#include <memory>
#include <vector>

#ifdef LG_BENCH_HAVE_SQLITE
#include <sqlite3.h>
#endif

#include "absl/strings/str_cat.h"
#include "bench/harness/engine_linkgraph.h"
#include "bench/harness/measure.h"
#include "bench/harness/schema.h"
#include "linkgraph/database.h"
#include "linkgraph/schema_text.h"

namespace linkgraph::bench {

namespace {

constexpr int kCommits = 300;
constexpr int kOpens = 7;  // opens from the checkpoint timed (the median is reported)

int64_t DirectoryBytes(const std::string& dir) {
  int64_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file()) bytes += static_cast<int64_t>(e.file_size());
  }
  return bytes;
}

absl::StatusOr<std::unique_ptr<Database>> OpenTimed(const std::string& dir, SyncMode sync,
                                                    double* seconds) {
  DatabaseOptions options;
  options.sync = sync;
  options.checkpoint_log_bytes = 0;  // checkpoints only where the figure asks for one
  const auto start = Clock::now();
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(dir, std::move(options));
  if (seconds != nullptr) *seconds = SecondsSince(start);
  return db;
}

// The median latency of kCommits one-row review creates, each its own commit.
absl::StatusOr<double> CommitLatency(const std::string& dir, SyncMode sync, const char* tag) {
  absl::StatusOr<std::unique_ptr<Database>> db = OpenTimed(dir, sync, nullptr);
  if (!db.ok()) return db.status();
  std::vector<double> times;
  for (int i = 0; i < kCommits; ++i) {
    const std::string row = absl::StrCat(
        R"({"id":"dur_)", tag, "_", i,
        R"(","product_id":"prod_0000001","customer_id":"cus_0000001","rating":4,)"
        R"("content":"A durable review","created_at":"2024-06-01T00:00:00.000Z"})");
    const auto start = Clock::now();
    absl::Status s = (*db)->Service("review").Create(row).status();
    times.push_back(SecondsSince(start));
    if (!s.ok()) return s;
  }
  return Summarize(std::move(times)).median;
}

#ifdef LG_BENCH_HAVE_SQLITE
// The median latency of kCommits autocommitted INSERTs into a WAL-mode file database.
absl::StatusOr<double> SqliteLatency(const std::string& path, const char* synchronous) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return absl::InternalError("sqlite3_open " + path);
  }
  const std::string setup = absl::StrCat(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=", synchronous,
      "; CREATE TABLE review (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, customer_id TEXT "
      "NOT NULL, rating INTEGER NOT NULL, content TEXT, created_at TEXT, updated_at TEXT);");
  char* error = nullptr;
  if (sqlite3_exec(db, setup.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "setup failed";
    sqlite3_free(error);
    sqlite3_close(db);
    return absl::InternalError(message);
  }
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO review VALUES (?, 'prod_0000001', 'cus_0000001', 4, "
                         "'A durable review', '2024-06-01T00:00:00.000Z', "
                         "'2024-06-01T00:00:00.000Z')", -1, &insert, nullptr);
  std::vector<double> times;
  for (int i = 0; i < kCommits; ++i) {
    const std::string id = absl::StrCat("dur_", i);
    const auto start = Clock::now();
    sqlite3_bind_text(insert, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    times.push_back(SecondsSince(start));
    if (rc != SQLITE_DONE) break;
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  if (times.size() != kCommits) return absl::InternalError("sqlite insert failed");
  return Summarize(std::move(times)).median;
}
#endif

// Migrates the reviews to a schema where they have `helpful` (a number defaulting to 0), then
// times the open that replays it.
absl::Status MigrateReviews(const std::string& db_dir, DurableFigures* f) {
  LG_ASSIGN_OR_RETURN(Schema schema, ParseSchemaJson(kLinkgraphSchema));
  for (ModuleDef& mod : schema.modules) {
    for (Model& model : mod.models) {
      if (model.name == "review") model.properties.push_back({"helpful", model::Integer().Default(0)});
    }
  }
  {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenTimed(db_dir, SyncMode::kPerCommit, nullptr);
    if (!db.ok()) return db.status();
    for (const ModuleStats& m : (*db)->Stats().modules) {
      for (const TableStats& t : m.tables) {
        if (t.entity == "review.review") f->migrated_rows = t.rows;
      }
    }
    const auto start = Clock::now();
    LG_RETURN_IF_ERROR((*db)->Migrate(schema).status());
    f->migrate_seconds = SecondsSince(start);
  }
  absl::StatusOr<std::unique_ptr<Database>> db =
      OpenTimed(db_dir, SyncMode::kPerCommit, &f->open_migrated_seconds);
  return db.status();
}

absl::Status Measure(const Dataset& data, const std::string& dir, DurableFigures* f) {
  const std::string db_dir = dir + "/db";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenTimed(db_dir, SyncMode::kPerCommit, nullptr);
    if (!db.ok()) return db.status();
    LinkgraphEngine engine(std::move(*db));
    const auto start = Clock::now();
    LG_RETURN_IF_ERROR(engine.Load(data));
    f->load_seconds = SecondsSince(start);
  }
  {
    absl::StatusOr<std::unique_ptr<Database>> db =
        OpenTimed(db_dir, SyncMode::kPerCommit, &f->open_replay_seconds);
    if (!db.ok()) return db.status();
    const auto start = Clock::now();
    LG_RETURN_IF_ERROR((*db)->Checkpoint());
    f->checkpoint_seconds = SecondsSince(start);
  }
  f->disk_bytes = DirectoryBytes(db_dir);
  std::vector<double> opens;
  for (int i = 0; i < kOpens; ++i) {
    double seconds = 0;
    absl::StatusOr<std::unique_ptr<Database>> db = OpenTimed(db_dir, SyncMode::kPerCommit, &seconds);
    if (!db.ok()) return db.status();
    opens.push_back(seconds);
  }
  f->open_seconds = Summarize(std::move(opens)).median;
  LG_RETURN_IF_ERROR(MigrateReviews(db_dir, f));
  f->commits = kCommits;
  LG_ASSIGN_OR_RETURN(f->commit_none, CommitLatency(db_dir, SyncMode::kNone, "n"));
  LG_ASSIGN_OR_RETURN(f->commit_group, CommitLatency(db_dir, SyncMode::kGroup, "g"));
  LG_ASSIGN_OR_RETURN(f->commit_per_commit, CommitLatency(db_dir, SyncMode::kPerCommit, "p"));
#ifdef LG_BENCH_HAVE_SQLITE
  LG_ASSIGN_OR_RETURN(f->sqlite_full, SqliteLatency(dir + "/sqlite.db", "FULL"));
  LG_ASSIGN_OR_RETURN(f->sqlite_normal, SqliteLatency(dir + "/sqlite.db", "NORMAL"));
  f->sqlite = true;
#endif
  return absl::OkStatus();
}

}  // namespace

DurableFigures MeasureDurable(const Dataset& data, const std::string& dir) {
  DurableFigures f;
  f.status = Measure(data, dir, &f);
  f.measured = f.status.ok();
  std::error_code ignored;
  if (getenv("LG_BENCH_KEEP_DURABLE") == nullptr) std::filesystem::remove_all(dir, ignored);
  return f;
}

}  // namespace linkgraph::bench
