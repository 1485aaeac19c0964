// libFuzzer target: the write-ahead log reader (engine/durable/log_reader.h). The first byte
// picks what the rest is:
//  even: a log file as it is. Whatever it holds, ReadLog returns records that check out — each
//        record's header is exactly what the encoder writes for its type and payload — lying
//        end to end from the file header, or refuses with DataLoss / FailedPrecondition naming
//        the file.
//  odd:  a recipe: a damage (op, position, mask), then records ([length][type][payload]...).
//        The records are encoded into a log, damaged once, and read back; the torn-tail rule
//        then says exactly what must come back (a cut or added zeros: the whole records before
//        the damage, never an error; a changed byte in a record with another after it:
//        DataLoss at that record's offset; in the last record: the records before it).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/durable/log_format.h"
#include "engine/durable/log_reader.h"
#include "fuzz/fuzz_assert.h"

namespace {

using namespace linkgraph::durable;

constexpr std::string_view kPath = "fuzz.log";

// Records lie end to end after the header and each is exactly what the encoder writes.
void CheckRecords(const LogContents& c, std::string_view data) {
  if (!c.has_header) {
    FUZZ_CHECK(c.records.empty() && c.torn && c.valid_end == 0, c.torn_reason);
    return;
  }
  uint64_t at = kLogHeaderBytes;
  for (const LogRecord& r : c.records) {
    FUZZ_CHECK(r.offset == at, std::to_string(r.offset) + " != " + std::to_string(at));
    FUZZ_CHECK(r.type != kReservedRecordType, "type 0");
    FUZZ_CHECK(r.payload.size() <= kMaxRecordPayload, "payload over the limit");
    FUZZ_CHECK(r.payload.data() == data.data() + at + kRecordHeaderBytes, "payload elsewhere");
    FUZZ_CHECK(at + kRecordHeaderBytes + r.payload.size() <= data.size(), "past the end");
    char header[kRecordHeaderBytes];
    EncodeRecordHeader(r.type, r.payload, header);
    FUZZ_CHECK(data.substr(at, kRecordHeaderBytes) == std::string_view(header, sizeof header),
               "a record whose header the encoder would not write, at " + std::to_string(at));
    at += kRecordHeaderBytes + r.payload.size();
  }
  FUZZ_CHECK(c.valid_end == at, std::to_string(c.valid_end) + " != " + std::to_string(at));
  FUZZ_CHECK(c.torn == (c.valid_end != data.size()), c.torn_reason);
  FUZZ_CHECK(c.torn == !c.torn_reason.empty(), c.torn_reason);
}

void CheckRefusal(const absl::Status& s) {
  FUZZ_CHECK(
      s.code() == absl::StatusCode::kDataLoss || s.code() == absl::StatusCode::kFailedPrecondition,
      s.ToString());
  FUZZ_CHECK(
      std::string_view(s.message().data(), s.message().size()).substr(0, 13) == "log fuzz.log ",
      s.ToString());
}

void RawLog(std::string_view data) {
  auto c = ReadLog(kPath, data);
  if (!c.ok()) return CheckRefusal(c.status());
  CheckRecords(*c, data);
}

// `data` copied into a heap block of exactly its size, so AddressSanitizer sees a read past it
// (a std::string's capacity may hide one).
class Exact {
 public:
  explicit Exact(std::string_view data) : size_(data.size()), bytes_(new char[data.size()]) {
    data.copy(bytes_.get(), size_);
  }
  std::string_view view() const { return {bytes_.get(), size_}; }

 private:
  size_t size_;
  std::unique_ptr<char[]> bytes_;
};

struct Written {
  uint8_t type;
  std::string_view payload;
  uint64_t offset;
};

void Recipe(std::string_view in) {
  if (in.size() < 4) return;
  const uint8_t op = static_cast<uint8_t>(in[0]) % 4;
  const uint32_t pos = static_cast<uint8_t>(in[1]) | (uint32_t{static_cast<uint8_t>(in[2])} << 8);
  const char mask = static_cast<char>(in[3] == 0 ? 1 : in[3]);
  in.remove_prefix(4);

  std::string log = EncodeLogHeader({.log_number = 1, .first_commit = 2});
  std::vector<Written> written;
  while (in.size() >= 2) {
    const size_t len = std::min<size_t>(static_cast<uint8_t>(in[0]), in.size() - 2);
    const uint8_t type = in[1] == 0 ? 1 : static_cast<uint8_t>(in[1]);
    const std::string_view payload = in.substr(2, len);
    in.remove_prefix(2 + len);
    written.push_back({type, payload, log.size()});
    char header[kRecordHeaderBytes];
    EncodeRecordHeader(type, payload, header);
    log.append(header, sizeof header);
    log.append(payload);
  }
  auto end_of = [&](size_t i) {
    return written[i].offset + kRecordHeaderBytes + written[i].payload.size();
  };
  // How many records lie wholly before `limit`.
  auto whole_before = [&](uint64_t limit) {
    size_t n = 0;
    while (n < written.size() && end_of(n) <= limit) ++n;
    return n;
  };
  auto expect = [&](const LogContents& c, size_t n) {
    FUZZ_CHECK(c.records.size() == n,
               std::to_string(c.records.size()) + " != " + std::to_string(n));
    for (size_t i = 0; i < n; ++i) {
      FUZZ_CHECK(c.records[i].type == written[i].type &&
                     c.records[i].payload == written[i].payload &&
                     c.records[i].offset == written[i].offset,
                 "record " + std::to_string(i) + " differs");
    }
  };

  std::string damaged_log = log;
  switch (op) {
    case 0: {  // untouched
      const Exact exact(damaged_log);
      auto c = ReadLog(kPath, exact.view());
      FUZZ_CHECK(c.ok(), c.status().ToString());
      expect(*c, written.size());
      FUZZ_CHECK(!c->torn, c->torn_reason);
      break;
    }
    case 1: {  // cut
      const size_t cut = pos % (damaged_log.size() + 1);
      damaged_log.resize(cut);
      const Exact exact(damaged_log);
      const std::string_view data = exact.view();
      auto c = ReadLog(kPath, data);
      FUZZ_CHECK(c.ok(), c.status().ToString());
      CheckRecords(*c, data);
      if (cut < kLogHeaderBytes) {
        FUZZ_CHECK(!c->has_header, "header from a cut header");
      } else {
        expect(*c, whole_before(cut));
      }
      break;
    }
    case 2: {  // one byte changed
      const size_t at = pos % damaged_log.size();
      damaged_log[at] = static_cast<char>(damaged_log[at] ^ mask);
      const Exact exact(damaged_log);
      const std::string_view data = exact.view();
      auto c = ReadLog(kPath, data);
      if (at < kLogHeaderBytes) {
        FUZZ_CHECK(c.status().code() == absl::StatusCode::kDataLoss, c.status().ToString());
        break;
      }
      const size_t damaged = whole_before(at);  // the record holding byte `at`
      const std::string want =
          "log fuzz.log is corrupt at offset " + std::to_string(written[damaged].offset) + ": ";
      const bool data_loss_there = c.status().code() == absl::StatusCode::kDataLoss &&
                                   std::string(c.status().message()).rfind(want, 0) == 0;
      // The last record damaged: a torn tail — or DataLoss at its offset when its header is
      // the damaged part and its payload holds the bytes of an intact record (rule (e) cannot
      // tell those from records written after it).
      const bool header_case =
          data_loss_there &&
          std::string(c.status().message()).find("record header checksum") != std::string::npos;
      if (damaged + 1 == written.size() && !header_case) {
        FUZZ_CHECK(c.ok(), c.status().ToString());
        CheckRecords(*c, data);
        expect(*c, damaged);
        FUZZ_CHECK(c->torn && c->valid_end == written[damaged].offset, c->torn_reason);
      } else {
        FUZZ_CHECK(data_loss_there, c.status().ToString() + " (wanted " + want + ")");
      }
      break;
    }
    default: {  // zeros added
      damaged_log.append(1 + pos % 64, '\0');
      const Exact exact(damaged_log);
      const std::string_view data = exact.view();
      auto c = ReadLog(kPath, data);
      FUZZ_CHECK(c.ok(), c.status().ToString());
      CheckRecords(*c, data);
      expect(*c, written.size());
      FUZZ_CHECK(c->torn && c->valid_end == log.size(), c->torn_reason);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // A view of libFuzzer's own buffer, which ends exactly where the input does: ASan sees any
  // read past it.
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    RawLog(input);
  } else {
    Recipe(input);
  }
  return 0;
}
