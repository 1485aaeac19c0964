// Tests for base/crc32c: published vectors, the extend property, masking, and the hardware and
// table implementations agreeing on every length and alignment.
#include "base/crc32c.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace linkgraph::base {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

TEST_CASE("crc32c matches the published test vectors", "[crc32c]") {
  CHECK(Crc32c("") == 0u);
  CHECK(Crc32c("123456789") == 0xE3069283u);
  CHECK(Crc32c("a") == 0xC1D04330u);
  // RFC 3720 (iSCSI), appendix B.4.
  CHECK(Crc32c(std::string(32, '\0')) == 0x8A9136AAu);
  CHECK(Crc32c(std::string(32, '\xff')) == 0x62A8AB43u);
  std::string ascending, descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  CHECK(Crc32c(ascending) == 0x46DD794Eu);
  CHECK(Crc32c(descending) == 0x113FDB5Cu);
  const std::string read_pdu =
      Bytes({0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
             0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
             0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
             0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
  CHECK(Crc32c(read_pdu) == 0xD9963A56u);
  // Both implementations directly, whichever the dispatcher picked.
  CHECK(internal::Crc32cSoftware(0, "123456789") == 0xE3069283u);
  if (internal::Crc32cHasHardware()) {
    CHECK(internal::Crc32cHardware(0, "123456789") == 0xE3069283u);
    CHECK(internal::Crc32cHardware(0, read_pdu) == 0xD9963A56u);
  }
}

TEST_CASE("crc32c extends across any split", "[crc32c]") {
  const std::string s = "hello, write-ahead log: records and checksums";
  for (size_t cut = 0; cut <= s.size(); ++cut) {
    std::string_view v(s);
    CHECK(Crc32cExtend(Crc32c(v.substr(0, cut)), v.substr(cut)) == Crc32c(s));
  }
}

TEST_CASE("crc32c masking round-trips and changes the value", "[crc32c]") {
  for (uint32_t c : {0u, 1u, 0xE3069283u, 0xffffffffu, 0x80000000u}) {
    CHECK(UnmaskCrc(MaskCrc(c)) == c);
    CHECK(MaskCrc(c) != c);
    CHECK(MaskCrc(MaskCrc(c)) != MaskCrc(c));
  }
}

TEST_CASE("crc32c hardware and table implementations agree", "[crc32c]") {
  if (!internal::Crc32cHasHardware()) {
    WARN("no SSE4.2 on this CPU: only the table implementation is tested");
    return;
  }
  std::mt19937_64 rng(20261203);
  std::string buffer(300 + 16, '\0');
  for (char& c : buffer) c = static_cast<char>(rng());
  size_t compared = 0;
  for (size_t start = 0; start < 16; ++start) {
    for (size_t len = 0; len <= 300; ++len) {
      std::string_view v(buffer.data() + start, len);
      const uint32_t seed = static_cast<uint32_t>(rng());
      REQUIRE(internal::Crc32cHardware(0, v) == internal::Crc32cSoftware(0, v));
      REQUIRE(internal::Crc32cHardware(seed, v) == internal::Crc32cSoftware(seed, v));
      ++compared;
    }
  }
  CHECK(compared == 16 * 301);
}

}  // namespace
}  // namespace linkgraph::base
