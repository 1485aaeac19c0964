// LogReader: reads a write-ahead log back (the format is in log_format.h) and tells a crash's
// torn tail, which the database cuts off and forgets, from corruption, which it must not open.
//
// The log is written one record per write at its end and made durable by Sync, so a crash
// damages only what follows the last Sync: the last record may be cut short, or (on file
// systems that extend a file before its data lands) followed or replaced by zeros. Damage
// starting at the record boundary N is a **torn tail** — the reader returns the records before
// it and reports torn() with valid_end() == N, and the opener truncates the file to N — when:
//   (a) fewer than kRecordHeaderBytes bytes are left at N (record header cut short);
//   (b) every byte from N to the end of the file is zero (zero-filled tail);
//   (c) the record header at N checks out but its payload runs past the end of the file
//       (record cut short);
//   (d) the record header checks out, the payload's checksum does not, and nothing but zeros
//       follows the record (a damaged last record);
//   (e) the record header's own checksum fails and no intact record starts anywhere after N
//       (its length cannot be trusted, so every later offset is tried). A crash never gets
//       here — a cut leaves a short header (a) or a short payload (c) — only damage does; so
//       when the damaged header is the last record's and its payload holds the bytes of a
//       whole log record (a stored value that is a log), that record counts as one written
//       after it and the result is DataLoss: the rule errs towards refusing, never towards
//       dropping records. The scan hashes at most about twice the bytes it scans (plus 1 MiB)
//       of candidate payloads; past that a candidate whose header checks out counts as a
//       record (DataLoss), so no file makes the reader's time worse than linear.
// A file cut inside its file header, or all zeros, is a torn tail at 0 with has_header() false
// (the opener rewrites the header).
// Anything else is **corruption**: absl::DataLossError naming the file and the offset of the
// damaged record, e.g. "log /x/wal.log is corrupt at offset 4096: checksum mismatch" — a
// payload checksum failing with more non-zero data after the record, a record header failing
// with an intact record after it, a checked header with an impossible length or type 0, or a
// bad file header (wrong magic or checksum). A file header of another format version or with
// flags set is FailedPrecondition (a newer linkgraph wrote it).
//
// The reader never returns a record whose checksums fail, and reads nothing outside `data`,
// whatever its contents.
//
// Example:
//   LG_ASSIGN_OR_RETURN(std::string data, env->ReadFile(path));
//   durable::LogReader reader(path, data);
//   durable::LogRecord record;
//   for (;;) {
//     LG_ASSIGN_OR_RETURN(bool more, reader.Next(&record));  // DataLoss: refuse to open
//     if (!more) break;
//     LG_RETURN_IF_ERROR(Replay(record.type, record.payload));
//   }
//   if (reader.torn()) LG_RETURN_IF_ERROR(env->TruncateFile(path, reader.valid_end()));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/durable/log_format.h"

namespace linkgraph::durable {

struct LogRecord {
  uint64_t offset = 0;       // where the record starts in the file
  uint8_t type = 0;          // never kReservedRecordType
  std::string_view payload;  // points into the data the reader was given
};

class LogReader {
 public:
  // Reads the log `data` (a whole file); `path` names it in messages. `data` must outlive the
  // reader and the records it returns.
  LogReader(std::string_view path, std::string_view data);

  // The next record: true with *record set; false at the end of the log (a clean end or a torn
  // tail: see torn()). DataLoss on corruption, FailedPrecondition on a header of another
  // format. Once it returns false or an error, it returns the same again.
  absl::StatusOr<bool> Next(LogRecord* record);

  // After the first Next: whether the file header is there (false only for a torn tail at 0),
  // and what it holds.
  bool has_header() const { return has_header_; }
  const LogHeader& header() const { return header_; }

  // After Next returned false: whether a torn tail follows the records (the file comment's
  // rule), where the log's good part ends (the file's size when not torn), and a sentence for
  // the database's log: "torn tail at offset 4096: record cut short".
  bool torn() const { return torn_; }
  uint64_t valid_end() const { return valid_end_; }
  const std::string& torn_reason() const { return torn_reason_; }

 private:
  absl::StatusOr<bool> ReadFileHeader();
  absl::Status Corrupt(uint64_t offset, const std::string& why);
  bool EndTorn(uint64_t offset, std::string_view why);

  enum class State { kStart, kRecords, kEnd, kFailed };

  std::string path_;
  std::string_view data_;
  State state_ = State::kStart;
  uint64_t pos_ = 0;
  absl::Status error_;
  bool has_header_ = false;
  LogHeader header_;
  bool torn_ = false;
  uint64_t valid_end_ = 0;
  std::string torn_reason_;
};

// A whole log at once: its header, its records, and how it ends.
struct LogContents {
  bool has_header = false;
  LogHeader header;
  std::vector<LogRecord> records;  // payloads point into the data given
  bool torn = false;
  uint64_t valid_end = 0;
  std::string torn_reason;
};
absl::StatusOr<LogContents> ReadLog(std::string_view path, std::string_view data);

}  // namespace linkgraph::durable
