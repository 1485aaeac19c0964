// Tests for engine/durable/log_writer and log_reader: records written and read back, and the
// torn-tail rule — every truncation of a log is a torn tail, never an error; a damaged record
// with intact data after it is DataLoss at that record's offset; a damaged last record or a
// zero tail is a torn tail.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/crc32c.h"
#include "engine/durable/env.h"
#include "engine/durable/fault_env.h"
#include "engine/durable/log_format.h"
#include "engine/durable/log_reader.h"
#include "engine/durable/log_writer.h"
#include "tests/support/temp_dir.h"

namespace linkgraph::durable {
namespace {

using testing::TempDir;

// A WritableFile in memory, for building logs to mutate.
class StringFile final : public WritableFile {
 public:
  absl::Status Append(std::string_view data) override {
    contents.append(data);
    return absl::OkStatus();
  }
  absl::Status Sync() override { return absl::OkStatus(); }
  absl::Status Close() override { return absl::OkStatus(); }
  uint64_t size() const override { return contents.size(); }
  const std::string& path() const override { return path_; }
  std::string contents;

 private:
  std::string path_ = "memory";
};

struct Rec {
  uint8_t type;
  std::string payload;
};

const LogHeader kHeader{.log_number = 7, .first_commit = 1001};

// Three records: a short one, one with every byte value, an empty one... and their offsets.
std::vector<Rec> ThreeRecords() {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  return {{1, "first commit"}, {2, all_bytes}, {3, "third"}};
}

std::string BuildLog(const std::vector<Rec>& recs, std::vector<uint64_t>* offsets = nullptr) {
  StringFile file;
  LogWriter writer(&file);
  REQUIRE(writer.WriteHeader(kHeader).ok());
  for (const Rec& r : recs) {
    if (offsets != nullptr) offsets->push_back(writer.offset());
    REQUIRE(writer.Append(r.type, r.payload).ok());
  }
  return file.contents;
}

// The records of `c` are exactly the first `n` of `recs`.
void CheckPrefix(const LogContents& c, const std::vector<Rec>& recs, size_t n) {
  REQUIRE(c.records.size() == n);
  for (size_t i = 0; i < n; ++i) {
    CHECK(c.records[i].type == recs[i].type);
    CHECK(c.records[i].payload == recs[i].payload);
  }
}

TEST_CASE("durable log round-trips records with their offsets", "[durable]") {
  const std::vector<Rec> recs = ThreeRecords();
  std::vector<uint64_t> offsets;
  const std::string log = BuildLog(recs, &offsets);
  CHECK(log.size() == kLogHeaderBytes + 3 * kRecordHeaderBytes + 12 + 256 + 5);
  CHECK(offsets == std::vector<uint64_t>{36, 36 + 13 + 12, 36 + 13 + 12 + 13 + 256});

  auto c = ReadLog("/x/wal.log", log);
  REQUIRE(c.ok());
  CHECK(c->has_header);
  CHECK(c->header == kHeader);
  CheckPrefix(*c, recs, 3);
  for (size_t i = 0; i < 3; ++i) CHECK(c->records[i].offset == offsets[i]);
  CHECK_FALSE(c->torn);
  CHECK(c->valid_end == log.size());
  CHECK(c->torn_reason.empty());

  // A header and no records is a clean, empty log.
  const std::string header_only = BuildLog({});
  auto empty = ReadLog("/x/wal.log", header_only);
  REQUIRE(empty.ok());
  CHECK(empty->has_header);
  CHECK(empty->records.empty());
  CHECK_FALSE(empty->torn);
  CHECK(empty->valid_end == kLogHeaderBytes);
}

TEST_CASE("durable log cut at every byte is a torn tail keeping the whole records", "[durable]") {
  const std::vector<Rec> recs = ThreeRecords();
  std::vector<uint64_t> offsets;
  const std::string log = BuildLog(recs, &offsets);
  std::vector<uint64_t> ends = {offsets[1], offsets[2], log.size()};
  for (size_t cut = 0; cut <= log.size(); ++cut) {
    INFO("cut at " << cut);
    auto c = ReadLog("/x/wal.log", std::string_view(log).substr(0, cut));
    REQUIRE(c.ok());
    if (cut < kLogHeaderBytes) {
      CHECK_FALSE(c->has_header);
      CHECK(c->records.empty());
      CHECK(c->torn);
      CHECK(c->valid_end == 0);
      continue;
    }
    CHECK(c->has_header);
    size_t whole = 0;
    while (whole < 3 && ends[whole] <= cut) ++whole;
    CheckPrefix(*c, recs, whole);
    const uint64_t boundary = whole == 0 ? kLogHeaderBytes : ends[whole - 1];
    CHECK(c->valid_end == boundary);
    CHECK(c->torn == (boundary != cut));
    if (c->torn) {
      CHECK(c->torn_reason.rfind("torn tail at offset " + std::to_string(boundary) + ": ", 0) == 0);
    }
  }
}

TEST_CASE("durable log damage in a middle record is data loss at its offset", "[durable]") {
  const std::vector<Rec> recs = ThreeRecords();
  std::vector<uint64_t> offsets;
  const std::string log = BuildLog(recs, &offsets);
  const std::string expected = "log /x/wal.log is corrupt at offset " + std::to_string(offsets[1]);
  for (uint64_t pos = offsets[1]; pos < offsets[2]; ++pos) {
    for (int mask : {0x01, 0x80, 0xff}) {
      INFO("byte " << pos << " ^ " << mask);
      std::string bad = log;
      bad[pos] = static_cast<char>(bad[pos] ^ mask);
      auto c = ReadLog("/x/wal.log", bad);
      REQUIRE(c.status().code() == absl::StatusCode::kDataLoss);
      CHECK(std::string(c.status().message()).rfind(expected + ": ", 0) == 0);
    }
  }
  // The record reader also stops there, after yielding the record before.
  std::string bad = log;
  bad[offsets[1] + kRecordHeaderBytes + 5] ^= 0x10;
  LogReader reader("/x/wal.log", bad);
  LogRecord r;
  auto first = reader.Next(&r);
  REQUIRE(first.ok());
  CHECK(*first);
  CHECK(r.payload == "first commit");
  auto second = reader.Next(&r);
  CHECK(second.status().message() == expected + ": checksum mismatch");
  CHECK(reader.Next(&r).status() == second.status());  // it stays failed
}

TEST_CASE("durable log damage in the last record is a torn tail", "[durable]") {
  const std::vector<Rec> recs = ThreeRecords();
  std::vector<uint64_t> offsets;
  const std::string log = BuildLog(recs, &offsets);
  for (uint64_t pos = offsets[2]; pos < log.size(); ++pos) {
    for (int mask : {0x01, 0x80, 0xff}) {
      INFO("byte " << pos << " ^ " << mask);
      std::string bad = log;
      bad[pos] = static_cast<char>(bad[pos] ^ mask);
      auto c = ReadLog("/x/wal.log", bad);
      REQUIRE(c.ok());
      CheckPrefix(*c, recs, 2);
      CHECK(c->torn);
      CHECK(c->valid_end == offsets[2]);
    }
  }
}

TEST_CASE("durable log damage in the file header is data loss at offset 0", "[durable]") {
  const std::string log = BuildLog(ThreeRecords());
  for (uint64_t pos = 0; pos < kLogHeaderBytes; ++pos) {
    INFO("byte " << pos);
    std::string bad = log;
    bad[pos] ^= 0x04;
    auto c = ReadLog("/x/wal.log", bad);
    REQUIRE(c.status().code() == absl::StatusCode::kDataLoss);
    CHECK(std::string(c.status().message()).rfind("log /x/wal.log is corrupt at offset 0: ", 0) ==
          0);
  }
  auto text = ReadLog("/x/notes.txt", "just some text that is long enough for a header\n");
  CHECK(text.status() ==
        absl::DataLossError(
            "log /x/notes.txt is corrupt at offset 0: not a linkgraph log (bad magic)"));
  auto short_text = ReadLog("/x/notes.txt", "hi\n");
  CHECK(short_text.status().code() == absl::StatusCode::kDataLoss);
}

TEST_CASE("durable log of another format version is refused", "[durable]") {
  std::string log = BuildLog(ThreeRecords());
  internal::PutLe32(log.data() + 8, 2);
  internal::PutLe32(log.data() + 32, base::MaskCrc(base::Crc32c(std::string_view(log.data(), 32))));
  auto c = ReadLog("/x/wal.log", log);
  CHECK(c.status() == absl::FailedPreconditionError(
                          "log /x/wal.log has format version 2 (flags 0); this build reads "
                          "version 1 (flags 0)"));
}

TEST_CASE("durable log damaged last header over an embedded record is data loss", "[durable]") {
  // The last record's payload is itself a whole encoded record. Damage to the last record's
  // header hides its length, and the record inside it reads as one written after it: rule (e)
  // refuses rather than guess.
  std::string inner(kRecordHeaderBytes, '\0');
  EncodeRecordHeader(9, "inner", inner.data());
  inner += "inner";
  const std::vector<Rec> recs = {{1, "a"}, {2, "x" + inner + "y"}};
  std::vector<uint64_t> offsets;
  std::string log = BuildLog(recs, &offsets);
  std::string header_damaged = log;
  header_damaged[offsets[1]] ^= 0x01;  // its length
  auto c = ReadLog("/x/wal.log", header_damaged);
  CHECK(c.status() ==
        absl::DataLossError("log /x/wal.log is corrupt at offset " + std::to_string(offsets[1]) +
                            ": record header checksum mismatch (an intact record follows at "
                            "offset " +
                            std::to_string(offsets[1] + kRecordHeaderBytes + 1) + ")"));
  // Its payload damaged instead: the header still gives the length, so it is a torn tail.
  std::string payload_damaged = log;
  payload_damaged[log.size() - 1] ^= 0x01;
  c = ReadLog("/x/wal.log", payload_damaged);
  REQUIRE(c.ok());
  CheckPrefix(*c, recs, 1);
  CHECK(c->torn);
  // And cut anywhere, it is a torn tail as always.
  for (size_t cut = offsets[1]; cut < log.size(); ++cut) {
    c = ReadLog("/x/wal.log", std::string_view(log).substr(0, cut));
    REQUIRE(c.ok());
    CheckPrefix(*c, recs, 1);
  }
}

TEST_CASE("durable log scan after a damaged header stays linear", "[durable]") {
  // After a damaged header every later offset is tried. Here every 13 bytes a header checks
  // out and claims a payload running to the end of the file, whose checksum fails: hashing
  // each payload would cost 80,000 MiB. The scan's budget makes it refuse after ~3 MiB.
  std::string log = BuildLog({{1, "a"}});
  const uint64_t damaged_at = log.size();
  log += std::string(kRecordHeaderBytes, '\x55');  // a header that does not check out
  const size_t size = log.size() + (size_t{1} << 20);
  char h[kRecordHeaderBytes];
  while (log.size() + kRecordHeaderBytes <= size) {
    internal::PutLe32(h, static_cast<uint32_t>(size - log.size() - kRecordHeaderBytes));
    internal::PutLe32(h + 4, 0x12345678);  // not the payload's checksum
    h[8] = 1;
    internal::PutLe32(h + 9, base::MaskCrc(base::Crc32c(std::string_view(h, 9))));
    log.append(h, sizeof h);
  }
  log.resize(size, '\x77');
  const auto start = std::chrono::steady_clock::now();
  auto c = ReadLog("/x/wal.log", log);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  CHECK(c.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(c.status().message())
            .rfind("log /x/wal.log is corrupt at offset " + std::to_string(damaged_at) +
                       ": record header checksum mismatch (an intact record follows at offset ",
                   0) == 0);
  CHECK(seconds.count() < 10);
}

TEST_CASE("durable log zeros after or instead of records are a torn tail", "[durable]") {
  const std::vector<Rec> recs = ThreeRecords();
  std::vector<uint64_t> offsets;
  const std::string log = BuildLog(recs, &offsets);
  for (size_t zeros : {1, 5, 12, 13, 14, 100, 4096}) {
    INFO(zeros << " zeros");
    const std::string data = log + std::string(zeros, '\0');  // outlives the records' views
    auto c = ReadLog("/x/wal.log", data);
    REQUIRE(c.ok());
    CheckPrefix(*c, recs, 3);
    CHECK(c->torn);
    CHECK(c->valid_end == log.size());
    CHECK(c->torn_reason ==
          "torn tail at offset " + std::to_string(log.size()) + ": zero-filled tail");
  }
  // The last record's bytes zeroed (a file extended before its data landed).
  std::string zeroed = log;
  std::fill(zeroed.begin() + static_cast<long>(offsets[2]), zeroed.end(), '\0');
  auto c = ReadLog("/x/wal.log", zeroed);
  REQUIRE(c.ok());
  CheckPrefix(*c, recs, 2);
  CHECK(c->valid_end == offsets[2]);
  // Only the last record's payload zeroed: its checksum fails, zeros follow.
  std::string payload_zeroed = log;
  std::fill(payload_zeroed.begin() + static_cast<long>(offsets[2] + kRecordHeaderBytes),
            payload_zeroed.end(), '\0');
  payload_zeroed.append(64, '\0');
  c = ReadLog("/x/wal.log", payload_zeroed);
  REQUIRE(c.ok());
  CheckPrefix(*c, recs, 2);
  CHECK(c->torn);
  // A file of zeros (created, extended, never written) is a torn tail at 0.
  c = ReadLog("/x/wal.log", std::string(100, '\0'));
  REQUIRE(c.ok());
  CHECK_FALSE(c->has_header);
  CHECK(c->torn);
  CHECK(c->valid_end == 0);
}

TEST_CASE("durable log headers that check out but cannot be are data loss", "[durable]") {
  std::string log = BuildLog({{1, "a"}});
  const size_t at = log.size();
  char h[kRecordHeaderBytes];
  // Length over the limit, with a header checksum that matches.
  EncodeRecordHeader(1, "", h);
  internal::PutLe32(h, kMaxRecordPayload + 1);
  internal::PutLe32(h + 9, base::MaskCrc(base::Crc32c(std::string_view(h, 9))));
  auto c = ReadLog("/x/wal.log", log + std::string(h, sizeof h));
  CHECK(c.status() ==
        absl::DataLossError("log /x/wal.log is corrupt at offset " + std::to_string(at) +
                            ": record length 268435457 over "
                            "the limit of 268435456"));
  // Type 0.
  EncodeRecordHeader(1, "", h);
  h[8] = 0;
  internal::PutLe32(h + 9, base::MaskCrc(base::Crc32c(std::string_view(h, 9))));
  c = ReadLog("/x/wal.log", log + std::string(h, sizeof h));
  CHECK(c.status() == absl::DataLossError("log /x/wal.log is corrupt at offset " +
                                          std::to_string(at) + ": record type 0"));
}

TEST_CASE("durable log writer refuses bad records before writing anything", "[durable]") {
  StringFile file;
  LogWriter writer(&file);
  CHECK(writer.Append(1, "x").code() == absl::StatusCode::kFailedPrecondition);  // no header
  REQUIRE(writer.WriteHeader(kHeader).ok());
  CHECK(writer.WriteHeader(kHeader).code() == absl::StatusCode::kFailedPrecondition);
  const size_t before = file.contents.size();
  absl::Status zero = writer.Append(kReservedRecordType, "x");
  CHECK(zero.code() == absl::StatusCode::kInvalidArgument);
  // The size is checked before the data is touched: a view of the limit plus one byte over a
  // small buffer is never read.
  char small[8] = {};
  absl::Status big = writer.Append(1, std::string_view(small, size_t{kMaxRecordPayload} + 1));
  CHECK(big == absl::InvalidArgumentError("log record of 268435457 bytes is over the limit of "
                                          "268435456 bytes per record"));
  CHECK(file.contents.size() == before);
  CHECK(writer.status().ok());  // refusals do not poison the writer
  CHECK(writer.Append(1, "fine").ok());
  CHECK(writer.offset() == before + kRecordHeaderBytes + 4);
}

TEST_CASE("durable log writer reports a failed sync and stops", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  const std::string path = dir.file("wal.log");
  auto file = env.NewWritableFile(path);
  REQUIRE(file.ok());
  LogWriter writer(file->get());
  REQUIRE(writer.WriteHeader(kHeader).ok());
  REQUIRE(writer.Append(1, "one").ok());
  REQUIRE(writer.Sync().ok());
  const uint64_t synced = writer.synced_offset();
  CHECK(synced == writer.offset());
  REQUIRE(writer.Append(1, "two").ok());
  env.FailSync(1, absl::UnavailableError("error syncing " + path + ": Input/output error"));
  absl::Status s = writer.Sync();
  CHECK(s == absl::UnavailableError("error syncing " + path + ": Input/output error"));
  CHECK(writer.synced_offset() == synced);
  // Poisoned: no retry, no more records.
  absl::Status after = writer.Append(1, "three");
  CHECK(after.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(after.message() == "log " + path +
                               " failed earlier and takes no more writes: error "
                               "syncing " +
                               path + ": Input/output error");
  CHECK(writer.Sync().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(env.calls(FaultEnv::Op::kSync) == 2);  // the poisoned Sync never reached the file
}

TEST_CASE("durable log disk full is reported with the path and reads back torn", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  const std::string path = dir.file("wal.log");
  auto file = env.NewWritableFile(path);
  REQUIRE(file.ok());
  LogWriter writer(file->get());
  REQUIRE(writer.WriteHeader(kHeader).ok());
  REQUIRE(writer.Append(1, "fits").ok());
  const uint64_t good_end = writer.offset();
  env.SetDiskBudget(20);
  absl::Status full = writer.Append(2, std::string(100, 'x'));
  CHECK(full == absl::ResourceExhaustedError("disk full writing " + path + " (injected)"));
  CHECK(writer.offset() == good_end + 20);
  CHECK(writer.Append(1, "more").code() == absl::StatusCode::kFailedPrecondition);

  auto data = env.ReadFile(path);
  REQUIRE(data.ok());
  auto c = ReadLog(path, *data);
  REQUIRE(c.ok());
  CheckPrefix(*c, {{1, "fits"}}, 1);
  CHECK(c->torn);
  CHECK(c->valid_end == good_end);
  CHECK(c->torn_reason == "torn tail at offset " + std::to_string(good_end) + ": record cut short");
}

TEST_CASE("durable log torn write reads back as a torn tail", "[durable]") {
  TempDir dir;
  const std::vector<Rec> recs = ThreeRecords();
  const size_t last_size = kRecordHeaderBytes + recs[2].payload.size();
  for (size_t keep = 0; keep < last_size; ++keep) {
    INFO("keep " << keep);
    FaultEnv env(Env::Default());
    const std::string path = dir.file("wal.log");
    auto file = env.NewWritableFile(path);
    REQUIRE(file.ok());
    LogWriter writer(file->get());
    REQUIRE(writer.WriteHeader(kHeader).ok());
    REQUIRE(writer.Append(recs[0].type, recs[0].payload).ok());
    REQUIRE(writer.Append(recs[1].type, recs[1].payload).ok());
    const uint64_t good_end = writer.offset();
    env.TearAppend(1, keep);
    CHECK(writer.Append(recs[2].type, recs[2].payload).code() == absl::StatusCode::kUnavailable);
    auto data = env.ReadFile(path);
    REQUIRE(data.ok());
    REQUIRE(data->size() == good_end + keep);
    auto c = ReadLog(path, *data);
    REQUIRE(c.ok());
    CheckPrefix(*c, recs, 2);
    CHECK(c->valid_end == good_end);
    CHECK(c->torn == (keep > 0));
  }
}

TEST_CASE("durable log after a crash holds exactly the synced records", "[durable]") {
  TempDir dir;
  FaultEnv env(Env::Default());
  const std::string path = dir.file("wal.log");
  const std::vector<Rec> recs = {{1, "a"}, {1, "bb"}, {2, "ccc"}, {1, "dddd"}, {3, "eeeee"}};
  {
    auto file = env.NewWritableFile(path);
    REQUIRE(file.ok());
    LogWriter writer(file->get());
    REQUIRE(writer.WriteHeader(kHeader).ok());
    REQUIRE(writer.Append(recs[0].type, recs[0].payload).ok());
    REQUIRE(writer.Sync().ok());
    REQUIRE(env.SyncDir(dir.path()).ok());
    REQUIRE(writer.Append(recs[1].type, recs[1].payload).ok());
    REQUIRE(writer.Append(recs[2].type, recs[2].payload).ok());
    REQUIRE(writer.Sync().ok());
    REQUIRE(writer.Append(recs[3].type, recs[3].payload).ok());
    REQUIRE(writer.Append(recs[4].type, recs[4].payload).ok());
    REQUIRE(env.DropUnsyncedData().ok());
  }
  auto data = env.ReadFile(path);
  REQUIRE(data.ok());
  auto c = ReadLog(path, *data);
  REQUIRE(c.ok());
  CheckPrefix(*c, recs, 3);
  CHECK_FALSE(c->torn);

  // Reopened at its end, the log takes more records after the surviving ones.
  auto file = env.NewAppendableFile(path);
  REQUIRE(file.ok());
  LogWriter writer(file->get());
  CHECK(writer.offset() == data->size());
  CHECK(writer.synced_offset() == data->size());
  REQUIRE(writer.Append(recs[3].type, recs[3].payload).ok());
  REQUIRE(writer.Sync().ok());
  data = env.ReadFile(path);
  REQUIRE(data.ok());
  c = ReadLog(path, *data);
  REQUIRE(c.ok());
  CheckPrefix(*c, recs, 4);

  // A log whose directory entry was never synced is gone after a crash.
  auto fresh = env.NewWritableFile(dir.file("new.log"));
  REQUIRE(fresh.ok());
  LogWriter fresh_writer(fresh->get());
  REQUIRE(fresh_writer.WriteHeader(kHeader).ok());
  REQUIRE(fresh_writer.Sync().ok());
  REQUIRE(env.DropUnsyncedData().ok());
  CHECK_FALSE(env.FileExists(dir.file("new.log")));
}

TEST_CASE("durable log continues after its torn tail is cut off", "[durable]") {
  TempDir dir;
  Env* env = Env::Default();
  const std::string path = dir.file("wal.log");
  const std::vector<Rec> recs = ThreeRecords();
  std::string log = BuildLog(recs);
  {
    auto f = env->NewWritableFile(path);
    REQUIRE((*f)->Append(std::string_view(log).substr(0, log.size() - 2)).ok());
  }
  auto data = env->ReadFile(path);
  auto c = ReadLog(path, *data);
  REQUIRE(c.ok());
  REQUIRE(c->torn);
  REQUIRE(env->TruncateFile(path, c->valid_end).ok());
  auto f = env->NewAppendableFile(path);
  REQUIRE(f.ok());
  LogWriter writer(f->get());
  REQUIRE(writer.Append(recs[2].type, recs[2].payload).ok());
  data = env->ReadFile(path);
  c = ReadLog(path, *data);
  REQUIRE(c.ok());
  CheckPrefix(*c, recs, 3);
  CHECK_FALSE(c->torn);
}

// Random damage: whatever happens to the bytes, the reader returns records that are a prefix
// of what was written (with their offsets), or refuses with DataLoss — never other records,
// never another error (the header is left alone, so FailedPrecondition cannot occur; ASan
// checks it reads nothing outside the buffer).
TEST_CASE("durable log random damage yields a prefix of the records or data loss", "[durable]") {
  std::mt19937_64 rng(21);
  std::vector<Rec> recs;
  for (int i = 0; i < 12; ++i) {
    std::string payload(rng() % 3 == 0 ? 0 : rng() % 200, '\0');
    for (char& ch : payload) ch = static_cast<char>(rng() % 4 == 0 ? 0 : rng());
    recs.push_back({static_cast<uint8_t>(1 + rng() % 255), payload});
  }
  std::vector<uint64_t> offsets;
  const std::string log = BuildLog(recs, &offsets);
  size_t data_loss = 0, torn = 0, clean = 0;
  for (int round = 0; round < 10000; ++round) {
    std::string bad = log;
    const int kind = static_cast<int>(rng() % 6);
    auto at = [&](size_t lo) { return lo + rng() % (bad.size() - lo); };
    switch (kind) {
      case 0:  // flip bits in up to 3 bytes
        for (int n = 1 + static_cast<int>(rng() % 3); n > 0; --n) {
          bad[at(kLogHeaderBytes)] ^= static_cast<char>(1 + rng() % 255);
        }
        break;
      case 1:  // truncate
        bad.resize(at(kLogHeaderBytes));
        break;
      case 2:  // truncate, then garbage
        bad.resize(at(kLogHeaderBytes));
        for (int n = static_cast<int>(rng() % 40); n > 0; --n)
          bad.push_back(static_cast<char>(rng()));
        break;
      case 3:  // zero a range
      {
        const size_t from = at(kLogHeaderBytes);
        const size_t len = std::min<size_t>(rng() % 64, bad.size() - from);
        std::fill(bad.begin() + static_cast<long>(from),
                  bad.begin() + static_cast<long>(from + len), '\0');
      } break;
      case 4:  // insert bytes
        bad.insert(at(kLogHeaderBytes), std::string(1 + rng() % 8, static_cast<char>(rng())));
        break;
      default:  // delete bytes
      {
        const size_t from = at(kLogHeaderBytes);
        bad.erase(from, std::min<size_t>(1 + rng() % 8, bad.size() - from));
      } break;
    }
    // In a block of exactly its size, so AddressSanitizer (CI's sanitizer build) sees any read
    // past the end, which a std::string's spare capacity would hide.
    const std::unique_ptr<char[]> exact(new char[bad.size()]);
    bad.copy(exact.get(), bad.size());
    auto c = ReadLog("/x/wal.log", std::string_view(exact.get(), bad.size()));
    if (!c.ok()) {
      INFO("round " << round << ": " << c.status().ToString());
      REQUIRE(c.status().code() == absl::StatusCode::kDataLoss);
      ++data_loss;
      continue;
    }
    INFO("round " << round);
    REQUIRE(c->records.size() <= recs.size());
    for (size_t i = 0; i < c->records.size(); ++i) {
      REQUIRE(c->records[i].offset == offsets[i]);
      REQUIRE(c->records[i].type == recs[i].type);
      REQUIRE(c->records[i].payload == recs[i].payload);
    }
    REQUIRE(c->valid_end <= bad.size());
    const uint64_t records_end =
        c->records.empty()
            ? kLogHeaderBytes
            : c->records.back().offset + kRecordHeaderBytes + c->records.back().payload.size();
    REQUIRE(c->valid_end == records_end);
    REQUIRE(c->torn == (c->valid_end != bad.size()));
    ++(c->torn ? torn : clean);
  }
  // Each outcome happened (the mutations are not all of one kind).
  CHECK(data_loss > 1000);
  CHECK(torn > 1000);
  CHECK(clean > 0);
}

}  // namespace
}  // namespace linkgraph::durable
