// The write-ahead log's bytes on disk: a file header, then records, all little-endian.
//
// File header (kLogHeaderBytes = 36):
//   offset 0   8  magic "LGWAL\0\0\1"
//          8   4  u32 format version (kLogFormatVersion = 1)
//         12   4  u32 flags, 0 in version 1 (a reader refuses others)
//         16   8  u64 log number      } the database's to give meaning to (e.g. the log's
//         24   8  u64 first commit    } sequence number and the commit its first record holds)
//         32   4  u32 masked crc32c of bytes 0..31
//
// Record (kRecordHeaderBytes = 13, then the payload):
//   offset 0   4  u32 payload length L (at most kMaxRecordPayload)
//          4   4  u32 masked crc32c of the type byte followed by the payload
//          8   1  u8 type (never 0: a zero-filled region cannot parse as a record)
//          9   4  u32 masked crc32c of bytes 0..8 of this record (the "header crc")
//         13   L  payload
// The header crc exists so the length is checked before it is trusted: without it a damaged
// length pointing past the end of the file would be indistinguishable from a record cut short
// by a crash, and the reader would silently drop the records after it.
//
// What a reader makes of damage (log_reader.h) follows from how the log is written: one
// record per write, appended at the end, so a crash can only damage the tail.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace linkgraph::durable {

inline constexpr std::string_view kLogMagic{"LGWAL\0\0\1", 8};
inline constexpr uint32_t kLogFormatVersion = 1;
inline constexpr size_t kLogHeaderBytes = 36;
inline constexpr size_t kRecordHeaderBytes = 13;
// The largest payload of one record (256 MiB). A caller with more to log splits it over
// several records (with types of its own saying how they join).
inline constexpr uint32_t kMaxRecordPayload = uint32_t{1} << 28;
// Type 0 is never written (see the file comment).
inline constexpr uint8_t kReservedRecordType = 0;

// What the file header carries besides the format.
struct LogHeader {
  uint64_t log_number = 0;
  uint64_t first_commit = 0;
  bool operator==(const LogHeader&) const = default;
};

// The kLogHeaderBytes bytes of the file header.
std::string EncodeLogHeader(const LogHeader& header);

// Writes the kRecordHeaderBytes bytes of the header of a record of `type` and `payload` to
// `out`. REQUIRES: type != kReservedRecordType, payload.size() <= kMaxRecordPayload.
void EncodeRecordHeader(uint8_t type, std::string_view payload, char* out);

namespace internal {
inline void PutLe32(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>(v >> (8 * i));
}
inline void PutLe64(char* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>(v >> (8 * i));
}
inline uint32_t GetLe32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}
inline uint64_t GetLe64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}
}  // namespace internal

}  // namespace linkgraph::durable
