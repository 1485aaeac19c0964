// The writer of the crash test (tests/modules/crash_test.cc): opens the durable database DIR and
// commits numbered batches until it is killed, saying on standard output what it starts and what
// was acknowledged, so the test can check every acknowledged commit after a SIGKILL.
//
//   linkgraph_crash_writer DIR SYNC      (SYNC: per_commit | group | none)
//
// Commit `seq` creates products s<seq>-0 … s<seq>-(k-1) (k = 1 + seq % 7; every 11th also loads
// 1,500 reviews of `counter` as JSON Lines) with rank = seq, sets the product `counter` to rank = seq, and when
// seq % 5 == 0 deletes the products of seq - 3 (soft when seq % 10 == 0). Lines written:
//   B <seq>     the commit is being written       A <seq>    it was acknowledged
//   K           a checkpoint starts               k          it finished
//   U <dir>     a backup into <dir> starts        u <dir>    it finished
//   M <seq>     a migration starts                m <seq>    it finished
// Every 13th commit is followed by a checkpoint, every 17th by a backup, and every 19th by a
// migration: after commit 19·j the schema is kSchemaWithNote when j is odd (the products gain a
// `note` defaulting to "n"), else kSchema (the note dropped, with its data). A writer started
// again first migrates to the schema its last commit calls for.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "linkgraph/database.h"

namespace {

const char* kSchema = R"({"modules":[{"name":"product","models":[{"name":"product","properties":{
  "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
  "rank":{"type":"number","index":true}}}]},
 {"name":"review","models":[{"name":"review","properties":{
  "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},"rating":{"type":"number"}}}],
  "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
            "foreignKeyTargetField":"id"}]}]})";

// kSchema with the products' `note`.
const char* kSchemaWithNote = R"({"modules":[{"name":"product","models":[{"name":"product","properties":{
  "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
  "rank":{"type":"number","index":true},"note":{"type":"text","default":"n"}}}]},
 {"name":"review","models":[{"name":"review","properties":{
  "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},"rating":{"type":"number"}}}],
  "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
            "foreignKeyTargetField":"id"}]}]})";

// The schema after commit `seq` (and the migration following it).
const char* SchemaAfter(int64_t seq) { return (seq / 19) % 2 == 1 ? kSchemaWithNote : kSchema; }

absl::Status MigrateTo(linkgraph::Database& db, const char* json) {
  auto schema = linkgraph::ParseSchemaJson(json);
  if (!schema.ok()) return schema.status();
  linkgraph::MigrateOptions options;
  options.allow_drop = true;
  return db.Migrate(*schema, options).status();
}

void Say(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

int Fail(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "crash writer: %s: %s\n", what.c_str(), std::string(s.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: linkgraph_crash_writer DIR per_commit|group|none\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::string sync = argv[2];
  linkgraph::DatabaseOptions options;
  options.sync = sync == "group" ? linkgraph::SyncMode::kGroup
                 : sync == "none" ? linkgraph::SyncMode::kNone
                                  : linkgraph::SyncMode::kPerCommit;
  options.checkpoint_log_bytes = int64_t{1} << 20;  // automatic checkpoints too
  auto db = linkgraph::Database::Open(dir, options);
  if (!db.ok()) return Fail("open", db.status());
  int64_t seq = 0;
  auto counter = (*db)->GraphJson(
      R"({"entity":"product","fields":["rank"],"filters":{"id":"counter"}})");
  // A writer killed earlier may have stopped before registering, or before the counter.
  if (!counter.ok()) {
    if (absl::Status s = (*db)->RegisterJson(kSchema); !s.ok()) return Fail("register", s);
  }
  const std::string json = counter.ok() ? counter->ToJson() : "";
  const size_t at = json.find("\"rank\":");
  if (at != std::string::npos) {
    seq = std::atoll(json.c_str() + at + 7);
  } else if (absl::Status s = (*db)->Service("product")
                                  .Create(R"({"id":"counter","title":"counter","rank":0})")
                                  .status();
             !s.ok()) {
    return Fail("counter", s);
  }
  // Killed between a commit and the migration following it: the migration first.
  if (absl::Status s = MigrateTo(**db, SchemaAfter(seq)); !s.ok()) return Fail("migrate", s);
  for (;;) {
    ++seq;
    const std::string s = std::to_string(seq);
    Say("B " + s);
    auto w = (*db)->Write([&](linkgraph::WriteBatch& b) {
      std::string rows = "[";
      for (int64_t j = 0; j < 1 + seq % 7; ++j) {
        rows += std::string(j ? "," : "") + R"({"id":"s)" + s + "-" + std::to_string(j) +
                R"(","title":"product )" + s + R"(","rank":)" + s + "}";
      }
      b.Create("product", rows + "]");
      if (seq % 11 == 0) {
        std::string lines;
        for (int j = 0; j < 1500; ++j) {
          lines += R"({"id":"l)" + s + "-" + std::to_string(j) +
                   R"(","product_id":"counter","rating":)" + std::to_string(1 + j % 5) + "}\n";
        }
        b.CreateLines("review", lines);
      }
      b.Update("product", R"({"id":"counter","rank":)" + s + "}");
      if (seq % 5 == 0 && seq > 3) {
        std::string ids = "[";
        for (int64_t j = 0; j < 1 + (seq - 3) % 7; ++j) {
          ids += std::string(j ? "," : "") + "\"s" + std::to_string(seq - 3) + "-" +
                 std::to_string(j) + "\"";
        }
        if (seq % 10 == 0) {
          b.SoftDelete("product", ids + "]");
        } else {
          b.Delete("product", ids + "]");
        }
      }
    });
    if (!w.ok()) return Fail("commit " + s, w.status());
    Say("A " + s);
    if (seq % 19 == 0) {
      Say("M " + s);
      if (absl::Status m = MigrateTo(**db, SchemaAfter(seq)); !m.ok()) return Fail("migrate", m);
      Say("m " + s);
    }
    if (seq % 13 == 0) {
      Say("K");
      if (absl::Status c = (*db)->Checkpoint(); !c.ok()) return Fail("checkpoint", c);
      Say("k");
    }
    if (seq % 17 == 0) {
      const std::string backup = dir + "-backup-" + s;
      Say("U " + backup);
      if (absl::Status c = (*db)->Backup(backup); !c.ok()) return Fail("backup", c);
      Say("u " + backup);
    }
  }
}
