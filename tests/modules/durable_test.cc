// Durable databases (issue #21, DESIGN.md §5): Open, the write-ahead log, checkpoints, backups,
// and what a damaged or failing disk does to them — on real files, and through FaultEnv.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>
#include <fstream>
#include <string>

#include "engine/durable/env.h"
#include "engine/durable/fault_env.h"
#include "linkgraph/database.h"
#include "modules/durable.h"
#include "tests/support/temp_dir.h"

namespace {

using linkgraph::Database;
using linkgraph::testing::TempDir;

const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
     "sku":{"type":"text","unique":true,"nullable":true},
     "price":{"type":"float","nullable":true},"rank":{"type":"number","index":true}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "rating":{"type":"number"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

const char* kAll = R"({"entity":"product","fields":["id","title","sku","price","rank","product_reviews.rating"],"withDeleted":true})";

std::string All(Database& db) {
  auto r = db.GraphJson(kAll);
  REQUIRE(r.ok());
  return r->ToJson();
}

std::unique_ptr<Database> OpenAt(const std::string& dir, linkgraph::DatabaseOptions options = {}) {
  auto db = Database::Open(dir, std::move(options));
  INFO(db.status().message());
  REQUIRE(db.ok());
  return std::move(*db);
}

// A schema and some writes of every kind: creates, updates, a soft delete, a hard delete.
void Populate(Database& db) {
  REQUIRE(db.RegisterJson(kSchema).ok());
  REQUIRE(db.Service("product").Create(R"([{"id":"p1","title":"Mug","sku":"M1","rank":3},
      {"id":"p2","title":"Cup","price":2.5,"rank":1},{"id":"p3","title":"Jug","rank":2}])").ok());
  REQUIRE(db.Service("review").Create(R"([{"id":"r1","product_id":"p1","rating":5},
      {"id":"r2","product_id":"p2","rating":3}])").ok());
  REQUIRE(db.Service("product").Update(R"({"id":"p2","title":"Big cup","sku":"C1"})").ok());
  REQUIRE(db.Service("product").SoftDelete(R"(["p3"])").ok());
  REQUIRE(db.Service("review").Delete(R"(["r2"])").ok());
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string OnlyLog(const TempDir& dir) {
  std::string found;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    std::string name = e.path().filename();
    if (name.rfind("wal-", 0) == 0) {
      REQUIRE(found.empty());
      found = e.path();
    }
  }
  REQUIRE(!found.empty());
  return found;
}

}  // namespace

TEST_CASE("a durable database reopens with its schema, data and commit numbers",
          "[modules][durable]") {
  TempDir dir;
  std::string before;
  {
    auto db = OpenAt(dir.path());
    Populate(*db);
    before = All(*db);
  }
  auto db = OpenAt(dir.path());
  CHECK(All(*db) == before);
  // Keys, unique values and indexes came back with the rows.
  CHECK(db->Service("product").Create(R"({"id":"p1","title":"Again","rank":0})").status().code() ==
        absl::StatusCode::kAlreadyExists);
  CHECK(db->Service("product").Create(R"({"id":"p9","title":"X","sku":"C1","rank":0})").status().code() ==
        absl::StatusCode::kAlreadyExists);
  auto by_rank = db->GraphJson(
      R"({"entity":"product","fields":["id"],"pagination":{"order":{"rank":"ASC"}}})");
  REQUIRE(by_rank.ok());
  CHECK(by_rank->ToJson() ==
        R"({"data":[{"id":"p2"},{"id":"p1"}],"metadata":{"count":2,"skip":0,"take":null}})");
  auto w = db->Write([](linkgraph::WriteBatch& b) {
    b.Create("review", R"({"id":"r3","product_id":"p1","rating":4})");
  });
  REQUIRE(w.ok());
  CHECK(w->commit == 6);  // five commits before the reopen
  const std::string after = All(*db);
  db.reset();
  CHECK(All(*OpenAt(dir.path())) == after);
}

TEST_CASE("a durable database is open in one process at a time", "[modules][durable]") {
  TempDir dir;
  auto db = OpenAt(dir.path());
  auto second = Database::Open(dir.path());
  REQUIRE(second.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(second.status().message()).find("already open in this process") !=
        std::string::npos);
  db.reset();
  CHECK(Database::Open(dir.path()).ok());
}

TEST_CASE("a checkpoint cuts the log and the database reopens from it",
          "[modules][durable][concurrency]") {
  TempDir dir;
  std::string expected;
  {
    auto db = OpenAt(dir.path());
    Populate(*db);
    REQUIRE(db->Checkpoint().ok());
    CHECK(std::filesystem::exists(dir.file("checkpoint")));
    // Writes after the checkpoint go to the new log only.
    REQUIRE(db->Service("product").Update(R"({"id":"p1","title":"Mug II"})").ok());
    REQUIRE(db->RegisterJson(R"({"modules":[{"name":"tag","models":[{"name":"tag",
        "properties":{"id":{"type":"id","primaryKey":true},"value":{"type":"text"}}}]}]})").ok());
    REQUIRE(db->Service("tag").Create(R"({"id":"t1","value":"blue"})").ok());
    expected = All(*db) + db->GraphJson(R"({"entity":"tag","fields":["id","value"]})")->ToJson();
  }
  OnlyLog(dir);  // the log before the checkpoint is gone
  auto db = OpenAt(dir.path());
  CHECK(All(*db) + db->GraphJson(R"({"entity":"tag","fields":["id","value"]})")->ToJson() ==
        expected);
  // A second checkpoint with nothing new, and a reopen from the checkpoint alone.
  REQUIRE(db->Checkpoint().ok());
  db.reset();
  db = OpenAt(dir.path());
  CHECK(All(*db) + db->GraphJson(R"({"entity":"tag","fields":["id","value"]})")->ToJson() ==
        expected);
}

TEST_CASE("the commit that passes the log threshold writes a checkpoint", "[modules][durable]") {
  TempDir dir;
  linkgraph::DatabaseOptions options;
  options.checkpoint_log_bytes = 4096;
  std::string expected;
  {
    auto db = OpenAt(dir.path(), options);
    REQUIRE(db->RegisterJson(kSchema).ok());
    for (int i = 0; i < 60; ++i) {
      REQUIRE(db->Service("product").Create(R"({"title":"product )" + std::to_string(i) +
                                            R"(","rank":)" + std::to_string(i) + "}").ok());
    }
    expected = All(*db);
  }
  CHECK(std::filesystem::exists(dir.file("checkpoint")));
  CHECK(std::filesystem::file_size(OnlyLog(dir)) < 4096 + 1024);
  CHECK(All(*OpenAt(dir.path())) == expected);
}

TEST_CASE("a backup opens as a database holding one snapshot", "[modules][durable]") {
  TempDir dir;
  Database memory;
  Populate(memory);
  const std::string expected = All(memory);
  REQUIRE(memory.Backup(dir.file("copy")).ok());
  REQUIRE(memory.Service("product").Create(R"({"id":"p7","title":"Later","rank":9})").ok());
  CHECK(memory.Backup(dir.file("copy")).code() == absl::StatusCode::kAlreadyExists);
  auto copy = OpenAt(dir.file("copy"));
  CHECK(All(*copy) == expected);
  REQUIRE(copy->Service("product").Create(R"({"id":"p8","title":"New","rank":4})").ok());
  CHECK(memory.Checkpoint().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("a log cut at any byte of its last commit loses that commit only", "[modules][durable]") {
  TempDir dir;
  std::string before_last, log;
  {
    auto db = OpenAt(dir.path());
    Populate(*db);
    before_last = All(*db);
    log = ReadBytes(OnlyLog(dir));
    REQUIRE(db->Service("product").Create(R"({"id":"p5","title":"Last","rank":5})").ok());
  }
  const std::string path = OnlyLog(dir);
  const std::string full = ReadBytes(path);
  REQUIRE(full.size() > log.size());
  for (size_t cut = log.size(); cut < full.size(); cut += 7) {
    WriteBytes(path, full.substr(0, cut));
    auto db = OpenAt(dir.path());
    CHECK(All(*db) == before_last);
    // The log goes on from its last whole record.
    REQUIRE(db->Service("product").Create(R"({"id":"p6","title":"After","rank":6})").ok());
    db.reset();
    auto again = OpenAt(dir.path());
    CHECK(again->GraphJson(R"({"entity":"product","fields":["id"],"filters":{"id":"p6"}})")
              ->count() == 1);
  }
}

TEST_CASE("damage inside the log or the checkpoint is DataLoss naming the file and offset",
          "[modules][durable]") {
  TempDir dir;
  {
    auto db = OpenAt(dir.path());
    Populate(*db);
  }
  const std::string path = OnlyLog(dir);
  const std::string good = ReadBytes(path);
  std::string bad = good;
  bad[good.size() / 2] ^= 0x20;
  WriteBytes(path, bad);
  auto db = Database::Open(dir.path());
  REQUIRE(db.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(db.status().message()).find(path) != std::string::npos);
  CHECK(std::string(db.status().message()).find("offset") != std::string::npos);

  WriteBytes(path, good);
  {
    auto ok = OpenAt(dir.path());
    REQUIRE(ok->Checkpoint().ok());
  }
  std::string checkpoint = ReadBytes(dir.file("checkpoint"));
  checkpoint[checkpoint.size() - 40] ^= 0x01;
  WriteBytes(dir.file("checkpoint"), checkpoint);
  auto damaged = Database::Open(dir.path());
  REQUIRE(damaged.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(damaged.status().message()).find("checkpoint") != std::string::npos);
}

TEST_CASE("a missing checkpoint or log is DataLoss, never a database without its commits",
          "[modules][durable]") {
  TempDir dir;
  {
    auto db = OpenAt(dir.path());
    Populate(*db);
    REQUIRE(db->Checkpoint().ok());
    REQUIRE(db->Service("product").Create(R"({"id":"p8","title":"After","rank":8})").ok());
  }
  const std::string log = OnlyLog(dir);
  const std::string checkpoint = ReadBytes(dir.file("checkpoint"));
  std::filesystem::remove(dir.file("checkpoint"));
  auto without_checkpoint = Database::Open(dir.path());
  REQUIRE(without_checkpoint.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(without_checkpoint.status().message()).find("missing its checkpoint") !=
        std::string::npos);
  WriteBytes(dir.file("checkpoint"), checkpoint);
  // The log after the checkpoint gone, or renamed past a gap: its commit (p8) would be lost.
  const std::string log_bytes = ReadBytes(log);
  std::filesystem::remove(log);
  auto without_log = Database::Open(dir.path());
  REQUIRE(without_log.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(without_log.status().message()).find("missing its log") != std::string::npos);
  WriteBytes(dir.file("wal-0000000000000009.log"), log_bytes);
  auto gap = Database::Open(dir.path());
  REQUIRE(gap.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(gap.status().message()).find("missing its log") != std::string::npos);
  std::filesystem::remove(dir.file("wal-0000000000000009.log"));
  WriteBytes(log, log_bytes);
  auto whole = OpenAt(dir.path());
  CHECK(whole->GraphJson(R"({"entity":"product","fields":["id"],"filters":{"id":"p8"}})")
            ->count() == 1);
}

TEST_CASE("a failed log sync fails the commit and stops writes until the database is reopened",
          "[modules][durable]") {
  TempDir dir;
  linkgraph::durable::FaultEnv env(linkgraph::durable::Env::Default());
  std::string before;
  {
    Database db;
    REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
    Populate(db);
    before = All(db);
    env.FailSync(1, absl::UnavailableError("injected sync failure"));
    auto w = db.Service("product").Create(R"({"id":"p5","title":"Lost","rank":5})");
    REQUIRE(w.status().code() == absl::StatusCode::kUnavailable);
    // Not applied, and no further writes: what the disk holds is unknown until a reopen.
    CHECK(All(db) == before);
    auto next = db.Service("product").Create(R"({"id":"p6","title":"Refused","rank":6})");
    CHECK(next.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(std::string(next.status().message()).find("reopen") != std::string::npos);
    CHECK(db.GraphJson(kAll).ok());  // queries go on
  }
  Database db;
  REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p6","title":"Fine","rank":6})").ok());
}

TEST_CASE("a full disk fails the commit with ResourceExhausted and loses nothing acknowledged",
          "[modules][durable]") {
  TempDir dir;
  linkgraph::durable::FaultEnv env(linkgraph::durable::Env::Default());
  std::string before;
  {
    Database db;
    REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
    Populate(db);
    before = All(db);
    env.SetDiskBudget(100);
    std::string big(4000, 'x');
    auto w = db.Service("product").Create(R"({"id":"p5","title":")" + big + R"(","rank":5})");
    REQUIRE(w.status().code() == absl::StatusCode::kResourceExhausted);
    CHECK(std::string(w.status().message()).find("disk full") != std::string::npos);
    CHECK(All(db) == before);
  }
  env.ClearFaults();
  Database db;
  REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
  CHECK(All(db) == before);
}

TEST_CASE("a crash loses only what was not synced, in every sync mode", "[modules][durable]") {
  for (linkgraph::SyncMode mode : {linkgraph::SyncMode::kPerCommit, linkgraph::SyncMode::kGroup,
                                   linkgraph::SyncMode::kNone}) {
    TempDir dir;
    linkgraph::durable::FaultEnv env(linkgraph::durable::Env::Default());
    linkgraph::DatabaseOptions options;
    options.sync = mode;
    std::string acknowledged;
    {
      Database db(options);
      REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
      Populate(db);
      acknowledged = All(db);
      REQUIRE(env.DropUnsyncedData().ok());  // the power goes out
    }
    Database db(options);
    REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
    if (mode == linkgraph::SyncMode::kNone) {
      // Nothing was synced but the schema: a consistent prefix (here, none of the writes).
      CHECK(db.GraphJson(kAll).ok());
    } else {
      CHECK(All(db) == acknowledged);
    }
  }
}

TEST_CASE("durable writers on several threads share syncs with checkpoints and readers running",
          "[modules][durable][concurrency]") {
  for (linkgraph::SyncMode mode : {linkgraph::SyncMode::kGroup, linkgraph::SyncMode::kPerCommit}) {
    TempDir dir;
    linkgraph::DatabaseOptions options;
    options.sync = mode;
    options.checkpoint_log_bytes = 16 << 10;  // automatic checkpoints as well
    constexpr int kWriters = 3, kRows = 60;
    {
      auto db = OpenAt(dir.path(), options);
      REQUIRE(db->RegisterJson(kSchema).ok());
      std::atomic<bool> done{false};
      std::atomic<int> failures{0};
      std::vector<std::thread> threads;
      for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
          for (int i = 0; i < kRows; ++i) {
            std::string id = "w" + std::to_string(w) + "_" + std::to_string(i);
            if (!db->Service("product").Create(R"({"id":")" + id + R"(","title":"t","rank":)" +
                                               std::to_string(i) + "}").ok()) {
              ++failures;
            }
          }
        });
      }
      threads.emplace_back([&] {
        while (!done.load()) {
          if (!db->Checkpoint().ok()) ++failures;
        }
      });
      threads.emplace_back([&] {
        while (!done.load()) {
          auto r = db->GraphJson(R"({"entity":"product","fields":["id"],"pagination":{"take":0}})");
          if (!r.ok()) ++failures;
        }
      });
      for (int w = 0; w < kWriters; ++w) threads[w].join();
      done.store(true);
      for (size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
      CHECK(failures.load() == 0);
    }
    auto db = OpenAt(dir.path(), options);
    auto all = db->GraphJson(R"({"entity":"product","fields":["id"],"pagination":{"take":0}})");
    REQUIRE(all.ok());
    CHECK(*all->count() == kWriters * kRows);
  }
}

TEST_CASE("a checkpoint whose rename fails changes nothing and writes go on", "[modules][durable]") {
  TempDir dir;
  linkgraph::durable::FaultEnv env(linkgraph::durable::Env::Default());
  std::string expected;
  {
    Database db;
    REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
    Populate(db);
    env.FailRename(1, absl::UnavailableError("injected rename failure"));
    absl::Status s = db.Checkpoint();
    CHECK(s.code() == absl::StatusCode::kUnavailable);
    CHECK_FALSE(std::filesystem::exists(dir.file("checkpoint")));
    CHECK_FALSE(std::filesystem::exists(dir.file("checkpoint.tmp")));
    // The log was started anew before the image was written: writes go to the new one.
    REQUIRE(db.Service("product").Create(R"({"id":"p7","title":"After","rank":7})").ok());
    expected = All(db);
    REQUIRE(db.Checkpoint().ok());  // the next one succeeds
    REQUIRE(db.Service("product").Update(R"({"id":"p7","title":"Later"})").ok());
    expected = All(db);
  }
  Database db;
  REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
  CHECK(All(db) == expected);
}

TEST_CASE("a commit torn while written to the log is not applied and not reopened",
          "[modules][durable]") {
  TempDir dir;
  linkgraph::durable::FaultEnv env(linkgraph::durable::Env::Default());
  std::string before;
  {
    Database db;
    REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
    Populate(db);
    before = All(db);
    env.TearAppend(1, 20);  // the record's header and a few bytes of its payload
    auto w = db.Service("product").Create(R"({"id":"p5","title":"Torn","rank":5})");
    REQUIRE_FALSE(w.ok());
    CHECK(All(db) == before);
    CHECK(db.Service("product").Create(R"({"id":"p6","title":"Refused","rank":6})").status().code() ==
          absl::StatusCode::kFailedPrecondition);
  }
  env.ClearFaults();
  Database db;
  REQUIRE(linkgraph::modules::OpenDurable(db, dir.path(), &env).ok());
  CHECK(All(db) == before);
  REQUIRE(db.Service("product").Create(R"({"id":"p6","title":"Fine","rank":6})").ok());
}
