// LogReader: records, torn tails and corruption (the rule is in log_reader.h).
#include "engine/durable/log_reader.h"

#include <algorithm>

#include "base/crc32c.h"

namespace linkgraph::durable {
namespace {

using internal::GetLe32;
using internal::GetLe64;

// What is at a record boundary.
enum class Found {
  kIntact,        // a whole record, both checksums good
  kShortHeader,   // fewer than kRecordHeaderBytes bytes left
  kBadHeaderCrc,  // the record header's checksum fails
  kBadLength,     // a checked header with a length over kMaxRecordPayload
  kBadType,       // a checked header with type 0
  kPastEnd,       // a checked header whose payload runs past the end of the data
  kBadPayloadCrc  // a checked header, a whole payload, a failing payload checksum
};

struct Probe {
  Found found;
  uint32_t length = 0;
  uint8_t type = 0;
};

// Looks at the record header starting at `pos`: kIntact here means the header checks out and
// the payload fits in `data` (its checksum is PayloadMatches's business).
// REQUIRES: pos <= data.size(). Reads only inside data.
Probe ProbeHeader(std::string_view data, uint64_t pos) {
  if (data.size() - pos < kRecordHeaderBytes) return {Found::kShortHeader};
  const char* h = data.data() + pos;
  if (base::UnmaskCrc(GetLe32(h + 9)) != base::Crc32c(std::string_view(h, 9))) {
    return {Found::kBadHeaderCrc};
  }
  Probe p{Found::kIntact, GetLe32(h), static_cast<uint8_t>(h[8])};
  if (p.length > kMaxRecordPayload) return {Found::kBadLength, p.length, p.type};
  if (p.type == kReservedRecordType) return {Found::kBadType, p.length, p.type};
  // No overflow: the size check above leaves data.size() - pos >= kRecordHeaderBytes.
  if (data.size() - pos - kRecordHeaderBytes < p.length) p.found = Found::kPastEnd;
  return p;
}

// Whether the payload of the record at `pos`, whose header `p` checked out, matches its
// checksum. REQUIRES: ProbeHeader(data, pos) returned `p` with kIntact.
bool PayloadMatches(std::string_view data, uint64_t pos, const Probe& p) {
  const char* h = data.data() + pos;
  const std::string_view payload(h + kRecordHeaderBytes, p.length);
  const uint32_t crc = base::Crc32cExtend(base::Crc32c(std::string_view(h + 8, 1)), payload);
  return base::UnmaskCrc(GetLe32(h + 4)) == crc;
}

// The whole record at `pos`.
Probe ProbeRecord(std::string_view data, uint64_t pos) {
  Probe p = ProbeHeader(data, pos);
  if (p.found == Found::kIntact && !PayloadMatches(data, pos, p)) p.found = Found::kBadPayloadCrc;
  return p;
}

bool AllZero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

// The first offset after `pos` where an intact record starts, or npos. Every offset is tried,
// so payload checksums are limited to about twice the bytes scanned: data crafted with a
// checked header at every offset, each claiming a long payload, would otherwise take time
// quadratic in its size. Past the limit a checked header counts as a record (refusing, rather
// than guessing the damage is a torn tail).
uint64_t NextIntact(std::string_view data, uint64_t pos) {
  uint64_t budget = 2 * (data.size() - pos) + (uint64_t{1} << 20);
  for (uint64_t p = pos + 1; p + kRecordHeaderBytes <= data.size(); ++p) {
    const Probe probe = ProbeHeader(data, p);
    if (probe.found != Found::kIntact) continue;
    if (probe.length > budget) return p;
    budget -= probe.length;
    if (PayloadMatches(data, p, probe)) return p;
  }
  return std::string_view::npos;
}

}  // namespace

LogReader::LogReader(std::string_view path, std::string_view data) : path_(path), data_(data) {}

absl::Status LogReader::Corrupt(uint64_t offset, const std::string& why) {
  state_ = State::kFailed;
  error_ = absl::DataLossError("log " + path_ + " is corrupt at offset " + std::to_string(offset) +
                               ": " + why);
  return error_;
}

bool LogReader::EndTorn(uint64_t offset, std::string_view why) {
  state_ = State::kEnd;
  torn_ = true;
  valid_end_ = offset;
  torn_reason_ = "torn tail at offset " + std::to_string(offset) + ": " + std::string(why);
  return false;
}

absl::StatusOr<bool> LogReader::ReadFileHeader() {
  if (AllZero(data_)) return EndTorn(0, data_.empty() ? "empty file" : "zero-filled file");
  if (data_.size() < kLogHeaderBytes) {
    // A header cut short by a crash still starts with the magic.
    const size_t n = std::min(data_.size(), kLogMagic.size());
    if (data_.substr(0, n) == kLogMagic.substr(0, n)) return EndTorn(0, "file header cut short");
    return Corrupt(0, "not a linkgraph log (bad magic)");
  }
  const char* h = data_.data();
  if (data_.substr(0, kLogMagic.size()) != kLogMagic) {
    return Corrupt(0, "not a linkgraph log (bad magic)");
  }
  if (base::UnmaskCrc(GetLe32(h + 32)) != base::Crc32c(std::string_view(h, 32))) {
    return Corrupt(0, "file header checksum mismatch");
  }
  const uint32_t version = GetLe32(h + 8);
  const uint32_t flags = GetLe32(h + 12);
  if (version != kLogFormatVersion || flags != 0) {
    state_ = State::kFailed;
    error_ = absl::FailedPreconditionError("log " + path_ + " has format version " +
                                           std::to_string(version) + " (flags " +
                                           std::to_string(flags) + "); this build reads version " +
                                           std::to_string(kLogFormatVersion) + " (flags 0)");
    return error_;
  }
  has_header_ = true;
  header_.log_number = GetLe64(h + 16);
  header_.first_commit = GetLe64(h + 24);
  pos_ = kLogHeaderBytes;
  state_ = State::kRecords;
  return true;
}

absl::StatusOr<bool> LogReader::Next(LogRecord* record) {
  if (state_ == State::kStart) {
    absl::StatusOr<bool> header = ReadFileHeader();
    if (!header.ok() || !*header) return header;
  }
  if (state_ == State::kFailed) return error_;
  if (state_ == State::kEnd) return false;

  if (pos_ == data_.size()) {
    state_ = State::kEnd;
    valid_end_ = pos_;
    return false;
  }
  const Probe p = ProbeRecord(data_, pos_);
  if (p.found == Found::kIntact) {
    record->offset = pos_;
    record->type = p.type;
    record->payload = data_.substr(pos_ + kRecordHeaderBytes, p.length);
    pos_ += kRecordHeaderBytes + p.length;
    return true;
  }
  // Damage at pos_: a torn tail or corruption (log_reader.h, rules (a) to (e)).
  if (AllZero(data_.substr(pos_))) return EndTorn(pos_, "zero-filled tail");
  switch (p.found) {
    case Found::kIntact:
      break;
    case Found::kShortHeader:
      return EndTorn(pos_, "record header cut short");
    case Found::kPastEnd:
      return EndTorn(pos_, "record cut short");
    case Found::kBadLength:
      return Corrupt(pos_, "record length " + std::to_string(p.length) + " over the limit of " +
                               std::to_string(kMaxRecordPayload));
    case Found::kBadType:
      return Corrupt(pos_, "record type 0");
    case Found::kBadPayloadCrc: {
      const uint64_t end = pos_ + kRecordHeaderBytes + p.length;
      if (AllZero(data_.substr(end))) {
        return EndTorn(pos_, "checksum mismatch in the last record");
      }
      return Corrupt(pos_, "checksum mismatch");
    }
    case Found::kBadHeaderCrc: {
      const uint64_t intact = NextIntact(data_, pos_);
      if (intact == std::string_view::npos) {
        return EndTorn(pos_, "record header checksum mismatch in the last record");
      }
      return Corrupt(pos_, "record header checksum mismatch (an intact record follows at offset " +
                               std::to_string(intact) + ")");
    }
  }
  return absl::InternalError("log reader: unhandled record probe");
}

absl::StatusOr<LogContents> ReadLog(std::string_view path, std::string_view data) {
  LogReader reader(path, data);
  LogContents contents;
  LogRecord record;
  for (;;) {
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) return more.status();
    if (!*more) break;
    contents.records.push_back(record);
  }
  contents.has_header = reader.has_header();
  contents.header = reader.header();
  contents.torn = reader.torn();
  contents.valid_end = reader.valid_end();
  contents.torn_reason = reader.torn_reason();
  return contents;
}

}  // namespace linkgraph::durable
