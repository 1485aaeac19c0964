// Tests for engine/durable/fault_env: injected failures of each operation, torn writes, a full
// disk, and the crash model of DropUnsyncedData.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "engine/durable/fault_env.h"
#include "tests/support/temp_dir.h"

namespace linkgraph::durable {
namespace {

using testing::TempDir;

std::unique_ptr<WritableFile> Open(Env& env, const std::string& path) {
  auto f = env.NewWritableFile(path);
  REQUIRE(f.ok());
  return std::move(f).value();
}

std::string Read(Env& env, const std::string& path) {
  auto r = env.ReadFile(path);
  REQUIRE(r.ok());
  return *r;
}

// Writes `contents` to `path` through `env`, synced, with its directory entry synced.
void WriteDurably(Env& env, const std::string& path, const std::string& contents) {
  auto f = Open(env, path);
  REQUIRE(f->Append(contents).ok());
  REQUIRE(f->Sync().ok());
  REQUIRE(f->Close().ok());
  REQUIRE(env.SyncDir(std::string(DirName(path))).ok());
}

TEST_CASE("durable fault env fails the nth append, sync, rename and directory sync", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  auto f = Open(env, dir.file("f"));
  env.FailAppend(2, absl::UnavailableError("append 2"));
  CHECK(f->Append("a").ok());
  absl::Status second = f->Append("b");
  CHECK(second == absl::UnavailableError("append 2"));
  CHECK(f->Append("c").ok());
  CHECK(Read(env, dir.file("f")) == "ac");  // the failed append wrote nothing
  CHECK(env.calls(FaultEnv::Op::kAppend) == 3);

  env.FailAppend(1, absl::DataLossError("from now on"), /*and_after=*/true);
  CHECK(f->Append("d").code() == absl::StatusCode::kDataLoss);
  CHECK(f->Append("e").code() == absl::StatusCode::kDataLoss);
  env.ClearFaults();
  CHECK(f->Append("f").ok());
  CHECK(Read(env, dir.file("f")) == "acf");

  env.FailSync(1, absl::UnavailableError("sync"));
  CHECK(f->Sync() == absl::UnavailableError("sync"));
  CHECK(f->Sync().ok());

  env.FailRename(1, absl::PermissionDeniedError("rename"));
  CHECK(env.RenameFile(dir.file("f"), dir.file("g")) == absl::PermissionDeniedError("rename"));
  CHECK(env.FileExists(dir.file("f")));
  CHECK(env.RenameFile(dir.file("f"), dir.file("g")).ok());
  CHECK(env.FileExists(dir.file("g")));

  env.FailSyncDir(2, absl::UnavailableError("syncdir"), /*and_after=*/true);
  CHECK(env.SyncDir(dir.path()).ok());
  CHECK(env.SyncDir(dir.path()) == absl::UnavailableError("syncdir"));
  CHECK(env.SyncDir(dir.path()) == absl::UnavailableError("syncdir"));
  CHECK(env.calls(FaultEnv::Op::kSyncDir) == 3);
}

TEST_CASE("durable fault env tears a write", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  auto f = Open(env, dir.file("f"));
  env.TearAppend(2, 3);
  CHECK(f->Append("first").ok());
  absl::Status torn = f->Append("second");
  CHECK(torn.code() == absl::StatusCode::kUnavailable);
  CHECK(torn.message() == "torn write (injected): wrote 3 of 6 bytes to " + dir.file("f"));
  CHECK(f->size() == 8);
  CHECK(f->Append("third").ok());  // one tear only
  CHECK(Read(env, dir.file("f")) == "firstsecthird");
}

TEST_CASE("durable fault env fills the disk", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  auto f = Open(env, dir.file("f"));
  auto g = Open(env, dir.file("g"));
  env.SetDiskBudget(10);
  CHECK(f->Append("012345").ok());
  absl::Status full = g->Append("abcdef");  // the budget is shared: 4 bytes fit
  CHECK(full.code() == absl::StatusCode::kResourceExhausted);
  CHECK(full.message() == "disk full writing " + dir.file("g") + " (injected)");
  CHECK(f->Append("x").code() == absl::StatusCode::kResourceExhausted);
  CHECK(f->Append("").ok());
  CHECK(Read(env, dir.file("f")) == "012345");
  CHECK(Read(env, dir.file("g")) == "abcd");
  env.SetDiskBudget(1);
  CHECK(f->Append("y").ok());
  env.ClearFaults();
  CHECK(f->Append("zz").ok());
  CHECK(Read(env, dir.file("f")) == "012345yzz");
}

TEST_CASE("durable fault env crash keeps synced bytes and drops the rest", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  const std::string path = dir.file("log");
  auto f = Open(env, path);
  REQUIRE(f->Append("durable").ok());
  REQUIRE(f->Sync().ok());
  REQUIRE(env.SyncDir(dir.path()).ok());
  REQUIRE(f->Append(" lost").ok());
  env.FailSync(1, absl::UnavailableError("sync"));
  CHECK_FALSE(f->Sync().ok());  // a failed sync makes nothing durable
  REQUIRE(f->Append(" too").ok());
  CHECK(Read(env, path) == "durable lost too");

  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, path) == "durable");
  // The handle belonged to the crashed process.
  CHECK(f->Append("x").code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f->Sync().code() == absl::StatusCode::kFailedPrecondition);
  // A new one continues from the durable end.
  auto again = env.NewAppendableFile(path);
  REQUIRE(again.ok());
  CHECK((*again)->size() == 7);
  REQUIRE((*again)->Append("!").ok());
  REQUIRE((*again)->Sync().ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, path) == "durable!");
}

TEST_CASE("durable fault env crash removes files whose directory entry was not synced",
          "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  auto f = Open(env, dir.file("new"));
  REQUIRE(f->Append("synced data").ok());
  REQUIRE(f->Sync().ok());  // data durable, entry not
  auto never = Open(env, dir.file("never_synced"));
  REQUIRE(never->Append("x").ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK_FALSE(env.FileExists(dir.file("new")));
  CHECK_FALSE(env.FileExists(dir.file("never_synced")));

  auto g = Open(env, dir.file("kept"));
  REQUIRE(env.SyncDir(dir.path() + "/").ok());  // the entry, spelled with a slash
  REQUIRE(g->Append("unsynced").ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(env.FileExists(dir.file("kept")));
  CHECK(Read(env, dir.file("kept")).empty());
}

TEST_CASE("durable fault env crash treats files it had not seen as durable", "[durable]") {
  TempDir dir;
  WriteDurably(*Env::Default(), dir.file("old"), "before");
  FaultEnv env(Env::Default());
  auto f = env.NewAppendableFile(dir.file("old"));
  REQUIRE(f.ok());
  REQUIRE((*f)->Append(" after").ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, dir.file("old")) == "before");

  // Truncation is durable at once: the old bytes do not come back.
  auto t = Open(env, dir.file("old"));
  REQUIRE(t->Append("new").ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, dir.file("old")).empty());
}

TEST_CASE("durable fault env crash undoes a rename not followed by a directory sync", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  WriteDurably(env, dir.file("CURRENT"), "checkpoint 1");
  // The replace-by-rename pattern, without its last step.
  auto tmp = Open(env, dir.file("CURRENT.tmp"));
  REQUIRE(tmp->Append("checkpoint 2").ok());
  REQUIRE(tmp->Sync().ok());
  REQUIRE(tmp->Close().ok());
  REQUIRE(env.RenameFile(dir.file("CURRENT.tmp"), dir.file("CURRENT")).ok());
  CHECK(Read(env, dir.file("CURRENT")) == "checkpoint 2");
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, dir.file("CURRENT")) == "checkpoint 1");
  CHECK_FALSE(env.FileExists(dir.file("CURRENT.tmp")));  // its entry was never synced

  // With the directory synced, the rename stays.
  tmp = Open(env, dir.file("CURRENT.tmp"));
  REQUIRE(tmp->Append("checkpoint 3").ok());
  REQUIRE(tmp->Sync().ok());
  REQUIRE(env.RenameFile(dir.file("CURRENT.tmp"), dir.file("CURRENT")).ok());
  REQUIRE(env.SyncDir(dir.path()).ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, dir.file("CURRENT")) == "checkpoint 3");
  CHECK_FALSE(env.FileExists(dir.file("CURRENT.tmp")));

  // A durable file renamed to a new name goes back to its old name.
  WriteDurably(env, dir.file("a"), "A");
  REQUIRE(env.RenameFile(dir.file("a"), dir.file("b")).ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK(Read(env, dir.file("a")) == "A");
  CHECK_FALSE(env.FileExists(dir.file("b")));
}

}  // namespace
}  // namespace linkgraph::durable
