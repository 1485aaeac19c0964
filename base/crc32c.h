// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78): the checksum of the
// write-ahead log's records and the checkpoint images. Debian 12's abseil has no absl/crc and
// Debian packages no crc32c library, so it lives here: SSE4.2's crc32 instruction when the CPU
// has it (chosen once at run time), else a portable slicing-by-8 table. Both give the same
// value for every input; the value matches other CRC-32C implementations (iSCSI, ext4,
// leveldb), e.g. Crc32c("123456789") == 0xE3069283.
//
// Standard library only. Every function is thread-safe and does not throw.
//
// Example:
//   uint32_t crc = base::Crc32c(header);
//   crc = base::Crc32cExtend(crc, payload);       // == Crc32c(header + payload)
//   uint32_t stored = base::MaskCrc(crc);         // what goes on disk
//   bool ok = base::UnmaskCrc(stored) == base::Crc32c(header + payload);
#pragma once

#include <cstdint>
#include <string_view>

namespace linkgraph::base {

// Returns the CRC-32C of `data` continued from `crc`, the CRC-32C of some earlier bytes A:
// Crc32cExtend(Crc32c(A), B) == Crc32c(A + B). Crc32cExtend(0, B) == Crc32c(B).
uint32_t Crc32cExtend(uint32_t crc, std::string_view data);

// Returns the CRC-32C of `data`. Crc32c("") == 0.
inline uint32_t Crc32c(std::string_view data) { return Crc32cExtend(0, data); }

// A CRC stored next to data that itself contains CRCs (a log record holding an embedded
// checksum) is masked, as leveldb does: a CRC computed over a string that contains its own CRC
// is otherwise prone to degenerate values. UnmaskCrc(MaskCrc(c)) == c for every c.
inline constexpr uint32_t kCrcMaskDelta = 0xa282ead8u;
inline constexpr uint32_t MaskCrc(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kCrcMaskDelta;
}
inline constexpr uint32_t UnmaskCrc(uint32_t masked) {
  const uint32_t rot = masked - kCrcMaskDelta;
  return (rot >> 17) | (rot << 15);
}

namespace internal {
// The two implementations, exposed so tests can compare them. Crc32cHardware REQUIRES:
// Crc32cHasHardware() (calling it on a CPU without SSE4.2 is an illegal instruction).
uint32_t Crc32cSoftware(uint32_t crc, std::string_view data);
uint32_t Crc32cHardware(uint32_t crc, std::string_view data);
// True when this is an x86-64 CPU with SSE4.2 (and the build can use it).
bool Crc32cHasHardware();
}  // namespace internal

}  // namespace linkgraph::base
