#include "modules/durable.h"

#include <cstdio>
#include <cstring>

#include "engine/durable/log_format.h"
#include "linkgraph/status.h"

namespace linkgraph::modules {

Durable::Durable(durable::Env* env, std::string dir, std::unique_ptr<durable::FileLock> lock,
                 SyncMode sync, int64_t checkpoint_log_bytes)
    : env_(env),
      dir_(std::move(dir)),
      lock_(std::move(lock)),
      sync_(sync),
      checkpoint_log_bytes_(checkpoint_log_bytes) {}

std::string Durable::LogName(uint64_t number) {
  char name[40];
  std::snprintf(name, sizeof name, "wal-%016llx.log", static_cast<unsigned long long>(number));
  return name;
}

absl::Status Durable::Writable() const {
  std::lock_guard<std::mutex> lock(failed_mutex_);
  if (failed_.ok()) return failed_;
  return absl::FailedPreconditionError(
      "the database refuses writes after its log failed (" + std::string(failed_.message()) +
      "); reopen it to go on");
}

absl::Status Durable::Fail(absl::Status status) {
  std::lock_guard<std::mutex> lock(failed_mutex_);
  if (failed_.ok()) failed_ = status;
  return status;
}

absl::Status Durable::StartLog(uint64_t number, uint64_t after_commit) {
  LG_RETURN_IF_ERROR(Writable());
  const std::string path = Path(LogName(number));
  absl::StatusOr<std::unique_ptr<durable::WritableFile>> file = env_->NewWritableFile(path);
  if (!file.ok()) return file.status();
  auto writer = std::make_unique<durable::LogWriter>(file->get());
  LG_RETURN_IF_ERROR(writer->WriteHeader({.log_number = number, .first_commit = after_commit + 1}));
  LG_RETURN_IF_ERROR((*file)->Sync());
  LG_RETURN_IF_ERROR(env_->SyncDir(dir_));
  std::lock_guard<std::mutex> lock(sync_mutex_);
  if (writer_ != nullptr) {
    // The old log's records are all durable before it is left (kGroup may owe a sync).
    if (absl::Status s = writer_->Sync(); !s.ok()) return Fail(s);
    (void)file_->Close();
  }
  file_ = std::move(*file);
  writer_ = std::move(writer);
  log_number_ = number;
  synced_ = writer_->offset();
  appended_.store(writer_->offset(), std::memory_order_release);
  return absl::OkStatus();
}

absl::Status Durable::ContinueLog(uint64_t number) {
  absl::StatusOr<std::unique_ptr<durable::WritableFile>> file =
      env_->NewAppendableFile(Path(LogName(number)));
  if (!file.ok()) return file.status();
  std::lock_guard<std::mutex> lock(sync_mutex_);
  file_ = std::move(*file);
  writer_ = std::make_unique<durable::LogWriter>(file_.get());
  log_number_ = number;
  synced_ = writer_->offset();
  appended_.store(writer_->offset(), std::memory_order_release);
  return absl::OkStatus();
}

absl::Status Durable::Append(uint8_t type, std::string_view payload) {
  absl::Status s = writer_->Append(type, payload);
  if (!s.ok()) return Fail(s);
  appended_.store(writer_->offset(), std::memory_order_release);
  return absl::OkStatus();
}

absl::Status Durable::LogRegister(uint64_t catalog_number, std::string_view schema_json) {
  LG_RETURN_IF_ERROR(Writable());
  scratch_.resize(8);
  std::memcpy(scratch_.data(), &catalog_number, 8);
  scratch_.append(schema_json);
  return AppendSynced(kRegisterRecord, scratch_);
}

absl::Status Durable::LogMigration(std::string_view payload) {
  LG_RETURN_IF_ERROR(Writable());
  return AppendSynced(kMigrationRecord, payload);
}

absl::Status Durable::AppendSynced(uint8_t type, std::string_view payload) {
  LG_RETURN_IF_ERROR(Append(type, payload));
  std::lock_guard<std::mutex> lock(sync_mutex_);
  if (absl::Status s = writer_->Sync(); !s.ok()) return Fail(s);
  synced_ = writer_->offset();
  return absl::OkStatus();
}

absl::Status Durable::LogCommit(uint64_t commit, int64_t now, std::string_view redo) {
  LG_RETURN_IF_ERROR(Writable());
  // Each record: the commit's number and clock reading, then its next piece of the redo.
  constexpr size_t kHeader = 16;
  constexpr size_t kPiece = durable::kMaxRecordPayload - kHeader;
  size_t pos = 0;
  do {
    const size_t n = std::min(kPiece, redo.size() - pos);
    scratch_.resize(kHeader);
    std::memcpy(scratch_.data(), &commit, 8);
    std::memcpy(scratch_.data() + 8, &now, 8);
    scratch_.append(redo.substr(pos, n));
    pos += n;
    LG_RETURN_IF_ERROR(
        Append(pos == redo.size() ? kCommitLastRecord : kCommitPartRecord, scratch_));
  } while (pos < redo.size());
  if (scratch_.capacity() > (size_t{1} << 20)) std::string().swap(scratch_);
  if (sync_ != SyncMode::kPerCommit) return absl::OkStatus();
  std::lock_guard<std::mutex> lock(sync_mutex_);
  if (absl::Status s = writer_->Sync(); !s.ok()) return Fail(s);
  synced_ = writer_->offset();
  return absl::OkStatus();
}

absl::Status Durable::SyncCommit(uint64_t log, uint64_t offset) {
  if (sync_ != SyncMode::kGroup) return absl::OkStatus();
  std::lock_guard<std::mutex> lock(sync_mutex_);
  if (log != log_number_ || synced_ >= offset) return Writable();
  // Everything appended so far: later commits waiting here find it synced.
  const uint64_t target = appended_.load(std::memory_order_acquire);
  if (absl::Status s = file_->Sync(); !s.ok()) return Fail(s);
  synced_ = target;
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
