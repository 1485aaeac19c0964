// LogWriter: one record per Append, poisoned by its first failure (see log_writer.h).
#include "engine/durable/log_writer.h"

#include <string>

namespace linkgraph::durable {

namespace {
// Past this the scratch buffer is given back after a record, so one huge record does not pin
// its size for the log's lifetime.
constexpr size_t kKeepScratchBytes = size_t{4} << 20;
}  // namespace

LogWriter::LogWriter(WritableFile* file)
    : file_(file), offset_(file->size()), synced_offset_(file->size()) {}

absl::Status LogWriter::Poisoned() const {
  return absl::FailedPreconditionError(
      "log " + file_->path() +
      " failed earlier and takes no more writes: " + std::string(failed_.message()));
}

absl::Status LogWriter::Write(std::string_view bytes) {
  absl::Status s = file_->Append(bytes);
  offset_ = file_->size();
  if (!s.ok()) failed_ = s;
  return s;
}

absl::Status LogWriter::WriteHeader(const LogHeader& header) {
  if (!failed_.ok()) return Poisoned();
  if (offset_ != 0) {
    return absl::FailedPreconditionError("log " + file_->path() +
                                         " already has a header (it is not empty)");
  }
  return Write(EncodeLogHeader(header));
}

absl::Status LogWriter::Append(uint8_t type, std::string_view payload) {
  if (!failed_.ok()) return Poisoned();
  if (type == kReservedRecordType) {
    return absl::InvalidArgumentError("log record type 0 is reserved");
  }
  if (payload.size() > kMaxRecordPayload) {
    return absl::InvalidArgumentError("log record of " + std::to_string(payload.size()) +
                                      " bytes is over the limit of " +
                                      std::to_string(kMaxRecordPayload) + " bytes per record");
  }
  if (offset_ < kLogHeaderBytes) {
    return absl::FailedPreconditionError("log " + file_->path() + " has no header yet");
  }
  scratch_.resize(kRecordHeaderBytes);
  EncodeRecordHeader(type, payload, scratch_.data());
  scratch_.append(payload);
  absl::Status s = Write(scratch_);
  if (scratch_.capacity() > kKeepScratchBytes) {
    std::string().swap(scratch_);
  }
  return s;
}

absl::Status LogWriter::Sync() {
  if (!failed_.ok()) return Poisoned();
  absl::Status s = file_->Sync();
  if (!s.ok()) {
    failed_ = s;
    return s;
  }
  synced_offset_ = offset_;
  return absl::OkStatus();
}

}  // namespace linkgraph::durable
