// LogWriter: appends records to a write-ahead log file (the format is in log_format.h).
//
// Each record goes to the file in one WritableFile::Append call (header and payload together),
// so it is written with one write(2) where the system allows; nothing is buffered between
// records. A record is durable once Sync returns OK.
//
// A failed Append or Sync poisons the writer: every later call returns FailedPrecondition
// carrying the first error. A failed Append may have left part of a record at the end of the
// file, and a record written after it would turn that torn tail into corruption in the middle
// of the log; after a failed Sync the kernel may have dropped the unsynced bytes (so retrying
// it proves nothing). The database reacts by refusing further commits on this log: reopening
// reads the log back, cuts the torn tail, and starts a fresh writer.
//
// Not thread-safe: the commit path holds the only writer.
//
// Example:
//   LG_ASSIGN_OR_RETURN(auto file, env->NewWritableFile(dir + "/wal.log"));
//   durable::LogWriter log(file.get());
//   LG_RETURN_IF_ERROR(log.WriteHeader({.log_number = 7, .first_commit = 1001}));
//   LG_RETURN_IF_ERROR(log.Append(kCommitRecord, encoded_commit));
//   LG_RETURN_IF_ERROR(log.Sync());   // now commit 1001 survives a crash
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/durable/env.h"
#include "engine/durable/log_format.h"

namespace linkgraph::durable {

class LogWriter {
 public:
  // Writes at the end of `file`, whose current size is taken as the log's end: 0 for a new
  // log (call WriteHeader first), or the valid end of an existing log reopened for appending
  // (after its torn tail was cut). `file` must outlive the writer; the writer does not close it.
  explicit LogWriter(WritableFile* file);
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Writes the file header. REQUIRES: offset() == 0 (else FailedPrecondition).
  absl::Status WriteHeader(const LogHeader& header);

  // Appends one record. `type` must not be kReservedRecordType and `payload` must be at most
  // kMaxRecordPayload bytes: otherwise InvalidArgument, and nothing is written. Errors of the
  // file are returned as they are (ResourceExhausted "disk full writing PATH: …") and poison
  // the writer (file comment).
  absl::Status Append(uint8_t type, std::string_view payload);

  // Makes every record appended so far durable.
  absl::Status Sync();

  // The log's size in bytes: where the next record starts.
  uint64_t offset() const { return offset_; }
  // The offset up to which the log is known durable (by this writer's Syncs; the file's size
  // at construction counts as durable — the caller opened an existing log).
  uint64_t synced_offset() const { return synced_offset_; }
  // OK, or the error that poisoned the writer.
  const absl::Status& status() const { return failed_; }

 private:
  absl::Status Write(std::string_view bytes);
  absl::Status Poisoned() const;

  WritableFile* const file_;
  uint64_t offset_;
  uint64_t synced_offset_;
  absl::Status failed_;
  std::string scratch_;  // header + payload of the record being written, reused
};

}  // namespace linkgraph::durable
