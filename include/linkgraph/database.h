// The database: registered modules and their data, queried with query.graph semantics.
//
// All writes go through one commit path that applies a batch atomically (a failing batch changes
// nothing). Thread safety: any number of threads may query while writes commit one at a time.
// A query reads a snapshot — the version of the data the last successful commit published
// before it started — and never waits for a write; a commit builds a new version (copying only
// the blocks it changes) and publishes it when it succeeds. Register likewise publishes a new
// version of the catalog without waiting for queries (those running finish on the old one).
// A Result keeps what it read valid after later writes, until the Database is destroyed: it holds
// the version it read, so the text later writes replace is freed when the last Result (or query)
// reading an older version is gone (see DatabaseStats::reclaimable_bytes).
// Each successful commit is numbered (1, 2, …), and
// Subscribe follows them: a subscriber receives every commit's changes, in order, on a thread of
// its own (change_feed.h).
//
// Example:
//   linkgraph::Database db;
//   LG_RETURN_IF_ERROR(db.RegisterJson(schema_json));
//   LG_ASSIGN_OR_RETURN(auto created, db.Service("product").Create(R"({"title":"Shirt"})"));
//   LG_ASSIGN_OR_RETURN(linkgraph::Result r,
//       db.Graph({.entity = "product", .fields = {"id", "title", "product_reviews.*"}}));
//   std::cout << r.ToJson() << "\n";
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "linkgraph/change_feed.h"
#include "linkgraph/export.h"
#include "linkgraph/links.h"
#include "linkgraph/migration.h"
#include "linkgraph/query.h"
#include "linkgraph/result.h"
#include "linkgraph/schema.h"
#include "linkgraph/schema_text.h"
#include "linkgraph/service.h"
#include "linkgraph/status.h"
#include "linkgraph/version.h"

namespace linkgraph {

namespace modules {
struct DatabaseAccess;
}  // namespace modules

// When a durable database's commit is on disk (DatabaseOptions::sync).
enum class SyncMode {
  // Each commit's log record is synced (fdatasync) before the commit is published or
  // acknowledged: an acknowledged write survives a crash or power loss. The default.
  kPerCommit,
  // Commits are published once their record is written, and acknowledged once a sync covers
  // it; one sync covers every commit written before it, so concurrent writers share syncs. An
  // acknowledged write survives a crash; a query may see a commit that a crash then loses
  // (one not yet acknowledged).
  kGroup,
  // Records are written but never synced by linkgraph (the operating system writes them back
  // when it will): a process crash loses nothing acknowledged, a power loss may lose the last
  // commits. The database opens consistently either way.
  kNone,
};

struct DatabaseOptions {
  // Microseconds since the Unix epoch, read once per commit. Default: the system clock.
  std::function<int64_t()> clock{};
  // Seed of the random part of generated ids; 0 = from the system's entropy.
  uint64_t id_seed = 0;
  // Durable databases (Database::Open) only: when a commit is on disk.
  SyncMode sync = SyncMode::kPerCommit;
  // Durable databases only: a checkpoint is written (and the log cut) by the commit that takes
  // the log past this many bytes; 0 = only when Checkpoint() is called.
  int64_t checkpoint_log_bytes = int64_t{64} << 20;
  // Durable databases only, as medusa-config registers modules: the schema the application
  // expects. Open registers it in a database that has none; in one that has a schema, a
  // different one is FailedPrecondition listing the differences (a migration's steps) and
  // naming the command that applies them (Database::Migrate). Unset: the stored schema is used.
  std::optional<Schema> schema{};
};

// A clock for tests: the first call returns `start_micros`, each later call 1 ms more.
LINKGRAPH_EXPORT std::function<int64_t()> TestClock(int64_t start_micros);

// Several writes applied as one atomic commit (Database::Write).
class LINKGRAPH_EXPORT WriteBatch {
 public:
  // The same arguments as the Service methods of the same names.
  void Create(std::string_view entity, std::string_view rows_json);
  void Update(std::string_view entity, std::string_view rows_json);
  void Delete(std::string_view entity, std::string_view selection_json);
  void SoftDelete(std::string_view entity, std::string_view selection_json);
  void Restore(std::string_view entity, std::string_view selection_json);
  // Link-service writes (Links::Create, Dismiss, Delete, Restore) in the same commit.
  void Link(std::string_view links_json);
  void Dismiss(std::string_view links_json);
  void Unlink(std::string_view links_json);
  void RestoreLinks(std::string_view links_json);
  // Loads in the same commit: JSON Lines into `entity` (as Database::LoadJsonLines; errors name
  // `<source>:<line>`, or `line N` when `source` is empty), and a DESIGN.md §8 data document
  // (as Database::LoadJson; errors name `<key>[i]`).
  void CreateLines(std::string_view entity, std::string_view json_lines,
                   std::string_view source = "");
  void LoadJson(std::string_view document);

  struct Op {
    // The same order as the commit path's operation kinds; kDocument (a §8 data document) is
    // expanded into one kCreate per key when the batch commits.
    enum class Kind {
      kCreate, kCreateLines, kUpdate, kDelete, kSoftDelete, kRestore,
      kLink, kDismiss, kUnlink, kLinkRestore, kDocument
    };
    Kind kind{};
    std::string entity{};
    std::string json{};
    // Locates the op's errors instead of `ops[i]` when not empty (a file name).
    std::string where{};
  };
  const std::vector<Op>& ops() const { return ops_; }

  // Called while the batch commits with the bytes of input applied so far and in all (loads
  // report about every MiB; other operations when done). It runs under the commit path's lock:
  // it must not call back into the Database.
  using Progress = std::function<void(int64_t done_bytes, int64_t total_bytes)>;
  void OnProgress(Progress progress) { progress_ = std::move(progress); }
  const Progress& progress() const { return progress_; }

 private:
  std::vector<Op> ops_;
  Progress progress_;
};

struct TableStats {
  std::string entity{};      // module.entity
  int64_t rows = 0;        // rows stored, soft-deleted included
  int64_t live_rows = 0;   // neither deleted nor soft-deleted
  int64_t bytes = 0;       // columns + indexes
  std::vector<std::pair<std::string, int64_t>> column_bytes{};
  int64_t index_bytes = 0;
  // The part of `bytes` no row refers to: text replaced by updates (and rows hard-deleted)
  // whose strings wait for their column's next compaction. A column compacts in the commit
  // that leaves more reclaimable than live text (and at least 1 MiB); the old text is freed
  // once no running query or held Result reads a version from before that commit.
  int64_t reclaimable_bytes = 0;
};
struct ModuleStats {
  std::string module{};
  int64_t rows = 0;
  int64_t bytes = 0;
  int64_t reclaimable_bytes = 0;
  std::vector<TableStats> tables{};
};
struct DatabaseStats {
  std::vector<ModuleStats> modules{};
  int64_t bytes = 0;
  int64_t reclaimable_bytes = 0;  // of `bytes` (TableStats::reclaimable_bytes)
};

// What an entity holds, as queries see it (Database::Describe).
struct FieldInfo {
  std::string name{};
  std::string type{};  // "id", "text", "number", "float", "bigNumber", "boolean", "dateTime", …
  bool primary_key = false;
  bool nullable = false;
};
struct RelationInfo {
  std::string name{};    // as written in fields and filters: "variants", "product_reviews"
  std::string target{};  // module.entity
  bool is_list = false;
  std::string origin{};  // where it comes from: "link product_reviews of module review", …
};
struct EntityInfo {
  std::string name{};  // module.entity
  std::vector<FieldInfo> fields{};
  std::vector<RelationInfo> relations{};
};

// Counts of what a commit wrote.
struct WriteSummary {
  int64_t rows = 0;
  // The commit's number, as the change feed reports it (CommitEvent::commit).
  uint64_t commit = 0;
};

class LINKGRAPH_EXPORT Database {
 public:
  // A database in memory only: everything is gone when it is destroyed.
  explicit Database(DatabaseOptions options = {});
  ~Database();

  // Opens the durable database in the directory `dir`, creating the directory (not its parents)
  // and an empty database when there is none. Its schema and data are the last checkpoint's
  // with the write-ahead log replayed after it; every write is logged before it is acknowledged
  // (DatabaseOptions::sync). One process at a time: a second opener, in this process or another,
  // gets FailedPrecondition naming the holder's pid. A log cut short by a crash loses only the
  // commit being written (never acknowledged); damage anywhere else is DataLoss naming the file
  // and offset, and nothing is opened. Register the schema again after Open only to add to it:
  // the stored schema is registered already.
  static absl::StatusOr<std::unique_ptr<Database>> Open(std::string_view dir,
                                                        DatabaseOptions options = {});
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Adds modules (and their links) to the catalog. Names clashing with registered ones, unknown
  // targets and anything ambiguous are InvalidArgument naming the culprit; a failed Register
  // changes nothing.
  absl::Status Register(const Schema& schema);
  // The same from the JSON of DESIGN.md §8.
  absl::Status RegisterJson(std::string_view schema_json);
  // The same from schema text (schema_text.h); its errors are located `line L, column C`.
  absl::Status RegisterText(std::string_view schema_text);

  // The service of `entity` (name, plural, module.name); errors surface on its calls.
  linkgraph::Service Service(std::string_view entity) {
    return linkgraph::Service(this, std::string(entity));
  }
  // Medusa's method names: `createReviews`, `listReviews`, `listAndCountReviews`,
  // `retrieveReview`. `args_json` is the first argument (rows, filters or id), `config_json` the
  // find config (`{"select":[…],"relations":[…],"skip":0,"take":10,"order":{…},"withDeleted":true}`).
  absl::StatusOr<Result> Call(std::string_view method, std::string_view args_json,
                              std::string_view config_json = "");

  // The link service of defineLink links.
  linkgraph::Links Links() { return linkgraph::Links(this); }

  // query.graph.
  absl::StatusOr<Result> Graph(const GraphRequest& request, const QueryOptions& options = {});
  // query.graph from a Medusa-shaped JSON request `{ entity, fields, filters?, pagination?,
  // withDeleted? }`.
  absl::StatusOr<Result> GraphJson(std::string_view request_json,
                                   const QueryOptions& options = {});

  // Parses and binds `request` once for repeated execution with parameters.
  absl::StatusOr<PreparedQuery> Prepare(const GraphRequest& request);
  absl::StatusOr<PreparedQuery> PrepareJson(std::string_view request_json);

  // The plan of `request` as text: one operator per line (root access path, hops), and with
  // `analyze` the rows each produced and the time taken.
  absl::StatusOr<std::string> Explain(const GraphRequest& request, ExplainOptions options = {});
  absl::StatusOr<std::string> ExplainJson(std::string_view request_json,
                                          ExplainOptions options = {});

  // Rows and bytes per module, table, column and index.
  DatabaseStats Stats();

  // linkgraph's version ("0.1.0").
  static std::string_view Version();

  // Applies the writes `fill` adds to the batch as one atomic commit.
  absl::StatusOr<WriteSummary> Write(const std::function<void(WriteBatch&)>& fill);

  // Checks the writes `fill` adds exactly as Write would apply them and returns each batch
  // operation's result as Write's callers would print it (rows as stored for creates and
  // updates, ids for deletes, counts for links and loads), then undoes them: nothing is
  // committed, and a following Write of the same batch assigns the same ids and timestamps.
  // belongsTo targets are checked by the Write, not here (later writes may add them).
  absl::StatusOr<std::vector<Result>> DryRun(const std::function<void(WriteBatch&)>& fill);

  // Loads a DESIGN.md §8 data document (`{ "<entity>": [rows], … }`) as one commit.
  absl::StatusOr<WriteSummary> LoadJson(std::string_view document);
  // Loads JSON Lines (one row object per line, nothing after it on its line; a byte-order mark
  // at the very start is skipped) into `entity` as one commit; errors name `line N`.
  absl::StatusOr<WriteSummary> LoadJsonLines(std::string_view entity, std::string_view text);

  // Changes the registered schema into `schema` (the whole wanted schema, not an addition), the
  // data following it (migration.h): models, properties, relationships and links added, dropped
  // or renamed; defaults filled; lossless type changes converted; unique rules checked. The
  // plan applies atomically or not at all, as one step of the catalog (prepared queries re-bind);
  // a durable database logs it as one record, so a crash leaves the old schema or the new one.
  // A plan with a refused step applies nothing: FailedPrecondition naming the first refusal (a
  // dry run returns the plan with every refusal and its offending rows). InvalidArgument when
  // `schema` does not register or a rename names nothing. An unchanged schema: an empty plan.
  absl::StatusOr<MigrationPlan> Migrate(const Schema& schema, const MigrateOptions& options = {});
  // The migrations applied so far, oldest first.
  std::vector<MigrationInfo> Migrations();

  // The registered schema as one compact DESIGN.md §8 JSON document (every Register, in order;
  // `{"modules":[],"defineLinks":[]}` before any); RegisterJson of it on an empty Database
  // registers the same catalog.
  std::string SchemaJson();
  // The registered schema in the schema language (schema_text.h), each model followed by a
  // comment listing the relations a query may walk from it (link aliases included). With
  // `entity` (name, plural or module.entity): only its model, or the defineLink of a pivot,
  // with the defineLinks that reach it. InvalidArgument when `entity` is unknown.
  absl::StatusOr<std::string> SchemaText(std::string_view entity = "");

  // The primary-key column of the entity reached from `entity` through `relation_path`
  // (relation names joined by '.', e.g. "product_reviews.customer"), or of `entity` itself when
  // the path is empty. InvalidArgument when a name is unknown or not a relation.
  absl::StatusOr<std::string> PrimaryKeyOf(std::string_view entity,
                                           std::string_view relation_path = "");

  // The fields and relations (in-module relationships, both link forms and their `_link`
  // pivots) of the entity reached from `entity` through `relation_path`, as PrimaryKeyOf
  // resolves them. The entities themselves are listed by Stats().
  absl::StatusOr<EntityInfo> Describe(std::string_view entity,
                                      std::string_view relation_path = "");

  // The change feed: after each commit, in commit order, `callback` receives a CommitEvent with
  // the commit's number and its changes (change_feed.h: entities' rows created, updated,
  // deleted, soft-deleted and restored, cascades, nested creates and loads included; link rows
  // attached, dismissed, deleted and restored). Commits made after Subscribe returns are
  // delivered, each exactly once, with no gaps: commit numbers go up by one from event to event,
  // except where an overflow notice (CommitEvent::overflowed) names the commits dropped. A failed
  // write, a dry run and Register emit nothing.
  //
  // Delivery: the commit only queues the event (under its lock, hence in commit order); the
  // callback runs later on a thread of this subscription's own, one event at a time, outside
  // every Database lock, so it may query and even write to the Database (its own write's event
  // comes after it returns). A slow callback never stalls commits: at most
  // options.max_pending events wait for it, and commits arriving while its queue is full are
  // dropped for it and reported by one overflow notice, delivered where they would have been.
  // An exception thrown by the callback is caught and ignored. Without subscribers the commit
  // path builds no event at all.
  //
  // The returned Subscription stops the subscription when cancelled or destroyed (pending
  // events dropped; a running callback waited for). Destroying the Database stops every
  // subscription the same way: events not yet delivered are dropped, and ~Database waits for
  // running callbacks (unless called from one), so no callback starts or runs after it.
  // InvalidArgument for an empty callback or max_pending 0; ResourceExhausted when no thread
  // can be started.
  absl::StatusOr<Subscription> Subscribe(std::function<void(const CommitEvent&)> callback,
                                         SubscribeOptions options = {});

  // Rows holding a seed-form link's foreign key that names no live row of the target, one line
  // per row: `review rev_1: product_id 'prod_x' names no live product (link product_reviews)`;
  // empty when sound. (defineLink links are enforced on every write and never dangle.)
  absl::StatusOr<std::vector<std::string>> CheckIntegrity();

  // Durable databases: writes a checkpoint — one snapshot's columnar image — and then cuts the
  // log before it. Queries and writes go on meanwhile. FailedPrecondition in memory.
  absl::Status Checkpoint();
  // Writes a consistent copy of the database (one snapshot) into the directory `dir`, which
  // must not hold a database; the copy opens with Open. Queries and writes go on meanwhile.
  // Works for in-memory databases too (their copy is durable).
  absl::Status Backup(std::string_view dir);

  struct State;  // the library's own; opaque to host programs

 private:
  friend class linkgraph::Service;
  friend class linkgraph::Links;
  friend struct modules::DatabaseAccess;
  std::unique_ptr<State> state_;
};

}  // namespace linkgraph
