#include "modules/checkpoint.h"

#include <cstring>
#include <mutex>

#include "base/crc32c.h"
#include "engine/durable/image_reader.h"
#include "engine/durable/image_sink.h"
#include "engine/durable/image_writer.h"
#include "linkgraph/status.h"
#include "modules/durable.h"
#include "modules/schema_writer.h"
#include "modules/state.h"

namespace linkgraph::modules {

namespace {

constexpr std::string_view kMagic{"LGCKPT\0\1", 8};
constexpr uint32_t kFormatVersion = 2;  // 1: without the migration history
constexpr std::string_view kCheckpointName = "checkpoint";
constexpr std::string_view kTempName = "checkpoint.tmp";

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::string EncodeHeader(const CheckpointHeader& h) {
  std::string body;
  Put(&body, h.commit);
  Put(&body, h.catalog_number);
  Put(&body, h.last_commit_micros);
  Put(&body, h.next_log);
  Put(&body, static_cast<uint32_t>(h.schemas.size()));
  for (const std::string& s : h.schemas) {
    Put(&body, static_cast<uint32_t>(s.size()));
    body += s;
  }
  Put(&body, static_cast<uint32_t>(h.migrations.size()));
  for (const MigrationInfo& m : h.migrations) {
    Put(&body, m.number);
    Put(&body, m.applied_micros);
    Put(&body, static_cast<uint32_t>(m.steps.size()));
    for (const std::string& step : m.steps) {
      Put(&body, static_cast<uint32_t>(step.size()));
      body += step;
    }
  }
  std::string out(kMagic);
  Put(&out, kFormatVersion);
  Put(&out, static_cast<uint32_t>(body.size()));
  out += body;
  Put(&out, base::MaskCrc(base::Crc32c(body)));
  return out;
}

// Streams the image into a file.
class FileSink : public durable::ImageSink {
 public:
  explicit FileSink(durable::WritableFile* file) : file_(file) {}
  absl::Status Append(std::string_view bytes) override { return file_->Append(bytes); }

 private:
  durable::WritableFile* file_;
};

// What a checkpoint is taken of: one published version and its numbers, read together.
struct Taken {
  PublishedVersion version;
  CheckpointHeader header;
};

Taken Take(Database::State* state) {
  Taken t;
  t.version = state->Published();
  t.header.commit = state->commit_number;
  t.header.catalog_number = t.version.catalog->number;
  t.header.last_commit_micros = state->last_commit_micros;
  for (const Schema& s : t.version.catalog->schemas) t.header.schemas.push_back(WriteSchemaJson({s}));
  t.header.migrations = t.version.catalog->migrations;
  return t;
}

// Writes `taken` as `dir`/checkpoint through a temporary file, durably.
absl::Status WriteFile(durable::Env* env, const std::string& dir, const Taken& taken) {
  const std::string temp = dir + "/" + std::string(kTempName);
  LG_ASSIGN_OR_RETURN(std::unique_ptr<durable::WritableFile> file, env->NewWritableFile(temp));
  absl::Status s = file->Append(EncodeHeader(taken.header));
  if (s.ok()) {
    FileSink sink(file.get());
    s = durable::WriteImage(*taken.version.store, sink);
  }
  if (s.ok()) s = file->Sync();
  if (s.ok()) s = file->Close();
  if (s.ok()) s = env->RenameFile(temp, dir + "/" + std::string(kCheckpointName));
  if (s.ok()) s = env->SyncDir(dir);
  if (!s.ok()) {
    (void)file->Close();
    (void)env->RemoveFile(temp);
  }
  return s;
}

absl::Status Damaged(std::string_view path, std::string_view why) {
  return absl::DataLossError("checkpoint " + std::string(path) + " is damaged: " +
                             std::string(why));
}

}  // namespace

absl::StatusOr<CheckpointHeader> ReadCheckpointHeader(std::string_view path,
                                                      std::string_view data,
                                                      std::string_view* image) {
  if (data.size() < kMagic.size() + 8 || data.substr(0, kMagic.size()) != kMagic) {
    return Damaged(path, "not a checkpoint (bad magic)");
  }
  uint32_t version, length;
  std::memcpy(&version, data.data() + 8, 4);
  std::memcpy(&length, data.data() + 12, 4);
  if (version != kFormatVersion && version != 1) {
    return absl::FailedPreconditionError("checkpoint " + std::string(path) + " has format version " +
                                         std::to_string(version) + "; this linkgraph reads 1 to " +
                                         std::to_string(kFormatVersion));
  }
  if (data.size() - 16 < static_cast<size_t>(length) + 4) return Damaged(path, "header cut short");
  std::string_view body = data.substr(16, length);
  uint32_t crc;
  std::memcpy(&crc, data.data() + 16 + length, 4);
  if (base::UnmaskCrc(crc) != base::Crc32c(body)) return Damaged(path, "header checksum mismatch");
  CheckpointHeader h;
  size_t pos = 0;
  auto get = [&](void* v, size_t n) {
    if (body.size() - pos < n) return false;
    std::memcpy(v, body.data() + pos, n);
    pos += n;
    return true;
  };
  uint32_t count = 0;
  if (!get(&h.commit, 8) || !get(&h.catalog_number, 8) || !get(&h.last_commit_micros, 8) ||
      !get(&h.next_log, 8) || !get(&count, 4)) {
    return Damaged(path, "header cut short");
  }
  auto get_string = [&](std::string* s) {
    uint32_t n;
    if (!get(&n, 4) || body.size() - pos < n) return false;
    s->assign(body.substr(pos, n));
    pos += n;
    return true;
  };
  for (uint32_t i = 0; i < count; ++i) {
    if (!get_string(&h.schemas.emplace_back())) return Damaged(path, "schema cut short");
  }
  uint32_t migrations = 0;
  if (version >= 2 && !get(&migrations, 4)) return Damaged(path, "header cut short");
  for (uint32_t i = 0; i < migrations; ++i) {
    MigrationInfo& m = h.migrations.emplace_back();
    uint32_t steps = 0;
    if (!get(&m.number, 8) || !get(&m.applied_micros, 8) || !get(&steps, 4)) {
      return Damaged(path, "migration history cut short");
    }
    for (uint32_t j = 0; j < steps; ++j) {
      if (!get_string(&m.steps.emplace_back())) return Damaged(path, "migration history cut short");
    }
  }
  // Each Register adds a schema and one to the catalog number; a migration replaces the schemas
  // with one and adds one.
  if (pos != body.size() || h.schemas.size() > h.catalog_number ||
      (h.migrations.empty() && h.schemas.size() != h.catalog_number)) {
    return Damaged(path, "header inconsistent");
  }
  *image = data.substr(16 + length + 4);
  return h;
}

absl::Status WriteCheckpoint(Database::State* state) {
  Durable* durable = state->durable.get();
  std::lock_guard<std::mutex> one_at_a_time(durable->checkpoint_mutex);
  // Under the commit lock: the version and its numbers, and a new log for the commits after it.
  Taken taken;
  {
    std::lock_guard<std::mutex> writer(state->commit_mutex);
    LG_RETURN_IF_ERROR(durable->Writable());
    taken = Take(state);
    taken.header.next_log = durable->log_number() + 1;
    LG_RETURN_IF_ERROR(durable->StartLog(taken.header.next_log, taken.header.commit));
  }
  // Outside it: queries and commits go on while the image is written.
  LG_RETURN_IF_ERROR(WriteFile(durable->env(), durable->dir(), taken));
  // The logs before the new one hold nothing the checkpoint lacks.
  LG_ASSIGN_OR_RETURN(std::vector<std::string> names, durable->env()->ListDir(durable->dir()));
  for (const std::string& name : names) {
    if (name.rfind("wal-", 0) == 0 && name < Durable::LogName(taken.header.next_log)) {
      (void)durable->env()->RemoveFile(durable->Path(name));
    }
  }
  return absl::OkStatus();
}

absl::Status WriteBackup(Database::State* state, std::string_view dir_view) {
  const std::string dir(dir_view);
  durable::Env* env = state->durable ? state->durable->env() : durable::Env::Default();
  LG_RETURN_IF_ERROR(env->CreateDir(dir));
  LG_ASSIGN_OR_RETURN(std::vector<std::string> names, env->ListDir(dir));
  for (const std::string& name : names) {
    if (name == kCheckpointName || name.rfind("wal-", 0) == 0) {
      return absl::AlreadyExistsError("backup directory " + dir + " already holds a database");
    }
  }
  Taken taken;
  {
    std::lock_guard<std::mutex> writer(state->commit_mutex);
    taken = Take(state);
  }
  // Its first log (empty) before the checkpoint, as a database's own checkpoints have: opening
  // refuses a checkpoint whose log is missing.
  taken.header.next_log = 1;
  {
    LG_ASSIGN_OR_RETURN(std::unique_ptr<durable::WritableFile> file,
                        env->NewWritableFile(dir + "/" + Durable::LogName(1)));
    durable::LogWriter log(file.get());
    LG_RETURN_IF_ERROR(log.WriteHeader({.log_number = 1, .first_commit = taken.header.commit + 1}));
    LG_RETURN_IF_ERROR(log.Sync());
    LG_RETURN_IF_ERROR(file->Close());
  }
  return WriteFile(env, dir, taken);
}

}  // namespace linkgraph::modules
