// Tests for the value codecs in engine/types: ULID, dateTime, bigNumber, float, UTF-8, JSON text.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/json_string.h"
#include "base/utf8.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/float_format.h"
#include "engine/types/integer_text.h"
#include "engine/types/json_text.h"
#include "engine/types/ulid.h"

namespace linkgraph::types {
namespace {

using namespace std::string_literals;
using base::AppendJsonString;
using base::NeedsJsonEscape;

// ---------------------------------------------------------------------------------------------
// Helpers

std::string Message(const absl::Status& status) { return std::string(status.message()); }

template <typename T>
std::string ErrorOf(const absl::StatusOr<T>& result) {
  if (result.ok()) return "<ok>";
  if (result.status().code() != absl::StatusCode::kInvalidArgument) return "<not InvalidArgument>";
  return Message(result.status());
}

std::string Ulid(UlidGenerator& gen, int64_t ms) {
  std::string out;
  gen.Append(ms, &out);
  return out;
}

int CrockfordValue(char c) {
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const size_t i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

uint64_t UlidTimestamp(std::string_view id) {
  uint64_t ms = 0;
  for (size_t i = 0; i < 10; ++i) ms = ms * 32 + static_cast<uint64_t>(CrockfordValue(id[i]));
  return ms;
}

// The 80 random bits as (high 16, low 64).
std::pair<uint64_t, uint64_t> UlidRandom(std::string_view id) {
  uint64_t hi = 0;
  uint64_t lo = 0;
  for (size_t i = 10; i < 26; ++i) {
    const auto v = static_cast<uint64_t>(CrockfordValue(id[i]));
    hi = (hi << 5) | (lo >> 59);
    lo = (lo << 5) | v;
  }
  return {hi & 0xFFFF, lo};
}

std::string Dt(int64_t micros) {
  std::string out;
  AppendDateTime(micros, &out);
  return out;
}

int64_t ParseDt(std::string_view text) {
  const absl::StatusOr<int64_t> r = ParseDateTime(text);
  INFO("text: " << text << " status: " << r.status().ToString());
  REQUIRE(r.ok());
  return *r;
}

std::string DtError(std::string_view text) { return ErrorOf(ParseDateTime(text)); }

// Reference formatting through absl's civil time.
std::string AbslDt(int64_t micros) {
  const absl::Time t = absl::FromUnixMicros(micros);
  const absl::CivilSecond cs = absl::ToCivilSecond(t, absl::UTCTimeZone());
  const int64_t sub = ((micros % 1'000'000) + 1'000'000) % 1'000'000;
  char buffer[64];
  if (sub % 1000 == 0) {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02dT%02d:%02d:%02d.%03lldZ",
                  static_cast<long long>(cs.year()), cs.month(), cs.day(), cs.hour(), cs.minute(),
                  cs.second(), static_cast<long long>(sub / 1000));
  } else {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                  static_cast<long long>(cs.year()), cs.month(), cs.day(), cs.hour(), cs.minute(),
                  cs.second(), static_cast<long long>(sub));
  }
  return buffer;
}

std::string Norm(std::string_view text) {
  const absl::StatusOr<std::string> r = NormalizeDecimal(text);
  INFO("text: " << text << " status: " << r.status().ToString());
  REQUIRE(r.ok());
  return *r;
}

std::string NormError(std::string_view text) { return ErrorOf(NormalizeDecimal(text)); }

int Sign(int v) { return (v > 0) - (v < 0); }

std::string Float(double v) {
  std::string out;
  AppendFloat(v, &out);
  return out;
}

// The double ReadFloat reads from `text`. REQUIRES: it reads one.
double ParsedFloat(std::string_view text) {
  const FloatReading r = ReadFloat(text);
  INFO("text: " << text);
  REQUIRE(r.result == FloatReading::Result::kOk);
  return r.value;
}

FloatReading::Result FloatResult(std::string_view text) { return ReadFloat(text).result; }

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

// Byte-at-a-time reference for AppendJsonString.
std::string ReferenceQuote(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x0A:
        out += "\\n";
        break;
      case 0x0C:
        out += "\\f";
        break;
      case 0x0D:
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
  return out;
}

std::string Canon(std::string_view raw) {
  const absl::StatusOr<std::string> r = CanonicalJson(raw);
  INFO("raw: " << raw << " status: " << r.status().ToString());
  REQUIRE(r.ok());
  return *r;
}

std::string CanonError(std::string_view raw) { return ErrorOf(CanonicalJson(raw)); }


// ---------------------------------------------------------------------------------------------
// ULID

TEST_CASE("types/Ulid: shape and alphabet", "[types][ulid]") {
  UlidGenerator gen(42);
  std::string out = "prefix:";
  gen.Append(1'700'000'000'000, &out);
  REQUIRE(out.size() == 7 + 26);
  CHECK(out.substr(0, 7) == "prefix:");
  const std::string id = out.substr(7);
  for (const char c : id) CHECK(CrockfordValue(c) >= 0);
  CHECK(UlidTimestamp(id) == 1'700'000'000'000u);
}

TEST_CASE("types/Ulid: timestamp encoding", "[types][ulid]") {
  UlidGenerator gen(7);
  // The example from the ULID spec: 01ARYZ6S41 is 1469918176385.
  CHECK(Ulid(gen, 1469918176385).substr(0, 10) == "01ARYZ6S41");
  UlidGenerator g0(7);
  CHECK(Ulid(g0, 0).substr(0, 10) == "0000000000");
  UlidGenerator g1(7);
  CHECK(Ulid(g1, 1).substr(0, 10) == "0000000001");
  UlidGenerator g32(7);
  CHECK(Ulid(g32, 32).substr(0, 10) == "0000000010");
  UlidGenerator gmax(7);
  CHECK(Ulid(gmax, (int64_t{1} << 48) - 1).substr(0, 10) == "7ZZZZZZZZZ");
  UlidGenerator gclamp_hi(7);
  CHECK(Ulid(gclamp_hi, int64_t{1} << 50).substr(0, 10) == "7ZZZZZZZZZ");
  UlidGenerator gclamp_lo(7);
  CHECK(Ulid(gclamp_lo, -5).substr(0, 10) == "0000000000");
}

TEST_CASE("types/Ulid: deterministic for a seed", "[types][ulid]") {
  UlidGenerator a(12345);
  UlidGenerator b(12345);
  UlidGenerator c(54321);
  int differ = 0;
  for (int64_t i = 0; i < 100; ++i) {
    const int64_t ms = 1'700'000'000'000 + i / 3;
    const std::string ia = Ulid(a, ms);
    CHECK(ia == Ulid(b, ms));
    differ += ia != Ulid(c, ms);
  }
  CHECK(differ == 100);
}

TEST_CASE("types/Ulid: seed 0 uses entropy", "[types][ulid]") {
  UlidGenerator a(0);
  UlidGenerator b(0);
  // 80 random bits: a collision would mean the seeding is broken.
  CHECK(Ulid(a, 1000) != Ulid(b, 1000));
}

TEST_CASE("types/Ulid: monotonic within a millisecond", "[types][ulid]") {
  UlidGenerator gen(99);
  std::string previous = Ulid(gen, 5000);
  for (int i = 0; i < 1000; ++i) {
    const std::string next = Ulid(gen, 5000);
    REQUIRE(next > previous);
    REQUIRE(UlidTimestamp(next) == 5000);
    const auto [phi, plo] = UlidRandom(previous);
    const auto [nhi, nlo] = UlidRandom(next);
    // Random part is exactly previous + 1 (as an 80-bit number).
    const uint64_t expect_lo = plo + 1;
    const uint64_t expect_hi = expect_lo == 0 ? (phi + 1) & 0xFFFF : phi;
    REQUIRE(nlo == expect_lo);
    REQUIRE(nhi == expect_hi);
    previous = next;
  }
}

TEST_CASE("types/Ulid: clock going backwards reuses the last millisecond", "[types][ulid]") {
  UlidGenerator gen(3);
  const std::string first = Ulid(gen, 10'000);
  const std::string back = Ulid(gen, 9'000);
  CHECK(UlidTimestamp(back) == 10'000);
  CHECK(back > first);
  const std::string back_again = Ulid(gen, 0);
  CHECK(UlidTimestamp(back_again) == 10'000);
  CHECK(back_again > back);
  const std::string forward = Ulid(gen, 10'001);
  CHECK(UlidTimestamp(forward) == 10'001);
  CHECK(forward > back_again);
}

TEST_CASE("types/Ulid: strictly increasing over a random clock", "[types][ulid]") {
  UlidGenerator gen(2024);
  std::mt19937_64 rng(1);
  int64_t clock = 1'600'000'000'000;
  std::string previous;
  for (int i = 0; i < 20000; ++i) {
    clock += static_cast<int64_t>(rng() % 5) - 1;  // Mostly forwards, sometimes backwards.
    const std::string id = Ulid(gen, clock);
    REQUIRE(id > previous);
    previous = id;
  }
}

TEST_CASE("types/Ulid: fresh randomness for a new millisecond", "[types][ulid]") {
  UlidGenerator gen(77);
  std::string a = Ulid(gen, 1);
  std::string b = Ulid(gen, 2);
  CHECK(a.substr(10) != b.substr(10));
  // Random parts look random: both halves of the 80 bits get used.
  uint64_t or_hi = 0;
  uint64_t or_lo = 0;
  for (int64_t ms = 3; ms < 200; ++ms) {
    const auto [hi, lo] = UlidRandom(Ulid(gen, ms));
    or_hi |= hi;
    or_lo |= lo;
  }
  CHECK(or_hi == 0xFFFF);
  CHECK(or_lo == ~uint64_t{0});
}

// ---------------------------------------------------------------------------------------------
// dateTime

TEST_CASE("types/DateTime: civil day algorithms match absl", "[types][datetime]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(1969, 12, 31) == -1);
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(DaysFromCivil(0, 1, 1) == -719528);
  CHECK(DaysFromCivil(1, 1, 1) == -719162);
  const CivilDate epoch = CivilFromDays(0);
  CHECK((epoch.year == 1970 && epoch.month == 1 && epoch.day == 1));
  const CivilDate before = CivilFromDays(-1);
  CHECK((before.year == 1969 && before.month == 12 && before.day == 31));

  std::mt19937_64 rng(5);
  const absl::CivilDay epoch_day(1970, 1, 1);
  int mismatches = 0;
  for (int i = 0; i < 200000; ++i) {
    const int64_t days = static_cast<int64_t>(rng() % 8'000'000) - 4'000'000;
    const absl::CivilDay expected = epoch_day + days;
    const CivilDate got = CivilFromDays(days);
    if (got.year != expected.year() || static_cast<int>(got.month) != expected.month() ||
        static_cast<int>(got.day) != expected.day() ||
        DaysFromCivil(got.year, got.month, got.day) != days) {
      ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("types/DateTime: date only is midnight UTC", "[types][datetime]") {
  CHECK(ParseDt("1970-01-01") == 0);
  CHECK(ParseDt("2000-01-01") == 946684800000000);
  CHECK(ParseDt("2026-01-02") == 1767323045000000 - (3 * 3600 + 4 * 60 + 5) * 1'000'000LL);
  CHECK(ParseDt("1900-01-01") == -2208988800000000);
  CHECK(ParseDt("0001-01-01") == -62135596800000000);
  CHECK(ParseDt("0001-01-01") == kMinDateTime);
  CHECK(ParseDt("1969-12-31") == -86400000000);
}

TEST_CASE("types/DateTime: time forms", "[types][datetime]") {
  const int64_t base = 1767323045000000;  // 2026-01-02T03:04:05Z
  CHECK(ParseDt("2026-01-02T03:04:05") == base);
  CHECK(ParseDt("2026-01-02T03:04:05Z") == base);
  CHECK(ParseDt("2026-01-02 03:04:05") == base);
  CHECK(ParseDt("2026-01-02 03:04:05Z") == base);
  CHECK(ParseDt("2026-01-02T03:04") == base - 5'000'000);
  CHECK(ParseDt("2026-01-02T03:04Z") == base - 5'000'000);
  CHECK(ParseDt("2026-01-02T03:04+01:00") == base - 5'000'000 - 3'600'000'000);
  CHECK(ParseDt("2026-01-02T03:04:05.1") == base + 100'000);
  CHECK(ParseDt("2026-01-02T03:04:05.12") == base + 120'000);
  CHECK(ParseDt("2026-01-02T03:04:05.123") == base + 123'000);
  CHECK(ParseDt("2026-01-02T03:04:05.1234") == base + 123'400);
  CHECK(ParseDt("2026-01-02T03:04:05.12345") == base + 123'450);
  CHECK(ParseDt("2026-01-02T03:04:05.123456") == base + 123'456);
  CHECK(ParseDt("2026-01-02T03:04:05.000001Z") == base + 1);
  CHECK(ParseDt("2026-01-02T03:04:05.999999Z") == base + 999'999);
  CHECK(ParseDt("2026-01-02T03:04:05.000000Z") == base);
  CHECK(ParseDt("2026-01-02T00:00:00Z") == ParseDt("2026-01-02"));
  CHECK(ParseDt("2026-01-02T23:59:59.999999Z") == ParseDt("2026-01-03") - 1);
}

TEST_CASE("types/DateTime: offsets", "[types][datetime]") {
  CHECK(Dt(ParseDt("2026-01-02T05:04:05+02:00")) == "2026-01-02T03:04:05.000Z");
  CHECK(Dt(ParseDt("2026-01-02T05:04:05+0200")) == "2026-01-02T03:04:05.000Z");
  CHECK(Dt(ParseDt("2026-01-02T01:04:05-02:00")) == "2026-01-02T03:04:05.000Z");
  CHECK(Dt(ParseDt("2026-01-02T01:04:05-0200")) == "2026-01-02T03:04:05.000Z");
  CHECK(Dt(ParseDt("2026-01-02T08:34:05.5+05:30")) == "2026-01-02T03:04:05.500Z");
  CHECK(Dt(ParseDt("2026-01-02T03:04:05+00:00")) == "2026-01-02T03:04:05.000Z");
  CHECK(Dt(ParseDt("2026-01-02T03:04:05-00:00")) == "2026-01-02T03:04:05.000Z");
  // Offsets cross day, month and year boundaries.
  CHECK(Dt(ParseDt("2026-01-01T01:00:00+02:00")) == "2025-12-31T23:00:00.000Z");
  CHECK(Dt(ParseDt("2025-12-31T23:00:00-02:00")) == "2026-01-01T01:00:00.000Z");
  CHECK(Dt(ParseDt("2024-03-01T00:30:00+01:00")) == "2024-02-29T23:30:00.000Z");
  CHECK(Dt(ParseDt("2026-01-02T03:04:05+23:59")) == "2026-01-01T03:05:05.000Z");
  CHECK(Dt(ParseDt("2026-01-02T03:04:05-23:59")) == "2026-01-03T03:03:05.000Z");
  // Offsets may not leave the range (see "range of years").
  CHECK(Dt(ParseDt("0001-01-01T01:00:00+01:00")) == "0001-01-01T00:00:00.000Z");
  CHECK(Dt(ParseDt("9999-12-31T22:59:59.999999-01:00")) == "9999-12-31T23:59:59.999999Z");
}

TEST_CASE("types/DateTime: leap days and month lengths", "[types][datetime]") {
  CHECK(Dt(ParseDt("2024-02-29")) == "2024-02-29T00:00:00.000Z");
  CHECK(Dt(ParseDt("2000-02-29")) == "2000-02-29T00:00:00.000Z");
  CHECK(Dt(ParseDt("1600-02-29")) == "1600-02-29T00:00:00.000Z");
  CHECK(DtError("0000-02-29") != "<ok>");  // a leap day, but year 0 is out of range
  CHECK(Dt(ParseDt("0004-02-29")) == "0004-02-29T00:00:00.000Z");
  CHECK(Dt(ParseDt("2024-02-29T12:00:00Z") + 86'400'000'000) == "2024-03-01T12:00:00.000Z");
  CHECK(ParseDt("2024-02-29T12:00:00Z") == 1709208000000000);
  CHECK(DtError("2023-02-29") == "invalid dateTime '2023-02-29'");
  CHECK(DtError("1900-02-29") == "invalid dateTime '1900-02-29'");
  CHECK(DtError("2100-02-29T00:00") == "invalid dateTime '2100-02-29T00:00'");
  CHECK(DtError("2024-02-30") != "<ok>");
  const char* const month_ends[] = {"2026-01-31", "2026-03-31", "2026-04-30", "2026-05-31",
                                    "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30",
                                    "2026-10-31", "2026-11-30", "2026-12-31", "2026-02-28"};
  for (const char* text : month_ends) CHECK(ParseDateTime(text).ok());
  const char* const past_ends[] = {"2026-01-32", "2026-03-32", "2026-04-31", "2026-05-32",
                                   "2026-06-31", "2026-07-32", "2026-08-32", "2026-09-31",
                                   "2026-10-32", "2026-11-31", "2026-12-32", "2026-02-29"};
  for (const char* text : past_ends) CHECK_FALSE(ParseDateTime(text).ok());
}

TEST_CASE("types/DateTime: range validation", "[types][datetime]") {
  CHECK(ParseDateTime("0001-01-01T00:00:00Z").ok());
  CHECK(ParseDateTime("9999-12-31T23:59:59.999999Z").ok());
  CHECK(ParseDt("9999-12-31T23:59:59.999999Z") == 253402300799999999);
  CHECK(ParseDt("9999-12-31T23:59:59.999999Z") == kMaxDateTime);
  const char* const bad[] = {
      "2026-00-01",
      "2026-13-01",
      "2026-01-00",
      "2026-01-02T24:00",
      "2026-01-02T23:60",
      "2026-01-02T23:59:60",
      "2026-01-02T23:59:99",
      "2026-01-02T03:04:05+24:00",
      "2026-01-02T03:04:05+02:60",
      "2026-01-02T03:04:05-99:00",
      "2026-99-99",
  };
  for (const char* text : bad) {
    CHECK(DtError(text) == "invalid dateTime '"s + text + "'");
  }
}

TEST_CASE("types/DateTime: syntax errors", "[types][datetime]") {
  const std::string bad[] = {
      "",
      "2026",
      "2026-01",
      "2026-1-02",
      "2026-01-2",
      "26-01-02",
      "2026/01/02",
      "20260102",
      "2026-01-02T",
      "2026-01-02 ",
      " 2026-01-02",
      "2026-01-02Z",
      "2026-01-02+02:00",
      "2026-01-02T03",
      "2026-01-02T03:",
      "2026-01-02T3:04",
      "2026-01-02T03:4",
      "2026-01-02T03:04:",
      "2026-01-02T03:04:5",
      "2026-01-02T03:04:05.",
      "2026-01-02T03:04:05.Z",
      "2026-01-02T03:04:05.1234567",
      "2026-01-02T03:04:05.1234567Z",
      "2026-01-02T03:04.5",
      "2026-01-02t03:04:05",
      "2026-01-02T03:04:05z",
      "2026-01-02_03:04:05",
      "2026-01-02T03:04:05ZZ",
      "2026-01-02T03:04:05+02",
      "2026-01-02T03:04:05+2:00",
      "2026-01-02T03:04:05+02:0",
      "2026-01-02T03:04:05+02:000",
      "2026-01-02T03:04:05+020",
      "2026-01-02T03:04:05 +02:00",
      "2026-01-02T03:04:05+02:00Z",
      "2026-01-02T03:04:05Z+02:00",
      "+2026-01-02",
      "-0001-01-01",
      "10000-01-01",
      "2026-01-02T03:04:05\n",
      "2026-01-02\0"s,
      "２０２６-01-02",
      "2026-0a-02",
      "abcd-ef-gh",
  };
  for (const std::string& text : bad) {
    INFO("text: " << text);
    CHECK(DtError(text) == "invalid dateTime '" + text + "'");
  }
}

TEST_CASE("types/DateTime: error message truncates long text", "[types][datetime]") {
  const std::string long_text = "2026-01-02T03:04:05" + std::string(100, 'x');
  CHECK(DtError(long_text) == "invalid dateTime '" + long_text.substr(0, 64) + "'");
  // The cut does not split a UTF-8 character.
  const std::string utf8_text = std::string(63, 'y') + "é" + "zzz";
  CHECK(DtError(utf8_text) == "invalid dateTime '" + std::string(63, 'y') + "'");
}

TEST_CASE("types/DateTime: formatting", "[types][datetime]") {
  CHECK(Dt(0) == "1970-01-01T00:00:00.000Z");
  CHECK(Dt(1) == "1970-01-01T00:00:00.000001Z");
  CHECK(Dt(999) == "1970-01-01T00:00:00.000999Z");
  CHECK(Dt(1000) == "1970-01-01T00:00:00.001Z");
  CHECK(Dt(123'000) == "1970-01-01T00:00:00.123Z");
  CHECK(Dt(123'456) == "1970-01-01T00:00:00.123456Z");
  CHECK(Dt(123'450) == "1970-01-01T00:00:00.123450Z");
  CHECK(Dt(1767323045000000) == "2026-01-02T03:04:05.000Z");
  CHECK(Dt(1767323045123456) == "2026-01-02T03:04:05.123456Z");
  CHECK(Dt(1767323045120000) == "2026-01-02T03:04:05.120Z");
  CHECK(Dt(946684800000000) == "2000-01-01T00:00:00.000Z");
  CHECK(Dt(253402300799999999) == "9999-12-31T23:59:59.999999Z");
  CHECK(Dt(-62167219200000000) == "0000-01-01T00:00:00.000Z");
  std::string out = "x=";
  AppendDateTime(0, &out);
  CHECK(out == "x=1970-01-01T00:00:00.000Z");
}

TEST_CASE("types/DateTime: negative times", "[types][datetime]") {
  CHECK(Dt(-1) == "1969-12-31T23:59:59.999999Z");
  CHECK(Dt(-1000) == "1969-12-31T23:59:59.999Z");
  CHECK(Dt(-1'000'000) == "1969-12-31T23:59:59.000Z");
  CHECK(Dt(-86'400'000'000) == "1969-12-31T00:00:00.000Z");
  CHECK(Dt(-86'400'000'001) == "1969-12-30T23:59:59.999999Z");
  CHECK(Dt(-2208988800000000) == "1900-01-01T00:00:00.000Z");
  CHECK(Dt(-62135596800000000) == "0001-01-01T00:00:00.000Z");
  CHECK(ParseDt("1969-12-31T23:59:59.999Z") == -1000);
  CHECK(ParseDt("1969-12-31T23:59:59.999999Z") == -1);
  CHECK(ParseDt("1970-01-01T00:59:59.999999+01:00") == -1);
}

TEST_CASE("types/DateTime: extreme values format like absl", "[types][datetime]") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  CHECK(Dt(kMax) == "+294247-01-10T04:00:54.775807Z");
  CHECK(Dt(kMin) == "-290308-12-21T19:59:05.224192Z");
  const absl::CivilSecond max_cs =
      absl::ToCivilSecond(absl::FromUnixMicros(kMax), absl::UTCTimeZone());
  CHECK(max_cs.year() == 294247);
  CHECK(max_cs.month() == 1);
  CHECK(max_cs.day() == 10);
  const absl::CivilSecond min_cs =
      absl::ToCivilSecond(absl::FromUnixMicros(kMin), absl::UTCTimeZone());
  CHECK(min_cs.year() == -290308);
  CHECK(min_cs.month() == 12);
  CHECK(min_cs.day() == 21);
  CHECK(Dt(-62167219200000000 - 1) == "-0001-12-31T23:59:59.999999Z");  // 0000-01-01 - 1µs
  CHECK(Dt(ParseDt("9999-12-31T23:59:59.999999Z") + 1) == "+10000-01-01T00:00:00.000Z");
}

TEST_CASE("types/DateTime: random round trips over years 1-9999", "[types][datetime]") {
  const int64_t lo = ParseDt("0001-01-01");
  const int64_t hi = ParseDt("9999-12-31T23:59:59.999999Z");
  std::mt19937_64 rng(20260102);
  int failures = 0;
  int absl_mismatches = 0;
  for (int i = 0; i < 100000; ++i) {
    int64_t x = lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
    if (i % 3 == 0) x -= x % 1000;  // Whole milliseconds take the 3-digit form.
    const std::string text = Dt(x);
    const absl::StatusOr<int64_t> back = ParseDateTime(text);
    if (!back.ok() || *back != x) ++failures;
    if (text != AbslDt(x)) ++absl_mismatches;
  }
  CHECK(failures == 0);
  CHECK(absl_mismatches == 0);
}

TEST_CASE("types/DateTime: random offsets agree with UTC", "[types][datetime]") {
  std::mt19937_64 rng(8);
  int failures = 0;
  for (int i = 0; i < 20000; ++i) {
    const int64_t x = ParseDt("1000-01-01") +
                      static_cast<int64_t>(rng() % 31'000'000'000ULL) * 1'000'000;  // ~980 years
    const int offset = static_cast<int>(rng() % (2 * 1439 + 1)) - 1439;             // minutes
    const std::string utc = Dt(x + offset * 60'000'000LL);  // Local wall time as if UTC.
    char zone[8];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset < 0 ? '-' : '+', std::abs(offset) / 60,
                  std::abs(offset) % 60);
    const std::string local = utc.substr(0, 19) + zone;  // Drop the fraction (whole seconds).
    const absl::StatusOr<int64_t> back = ParseDateTime(local);
    if (!back.ok() || *back != x) ++failures;
  }
  CHECK(failures == 0);
}

TEST_CASE("types/DateTime: from epoch milliseconds", "[types][datetime]") {
  auto ms = [](int64_t v) {
    const absl::StatusOr<int64_t> r = DateTimeFromEpochMillis(v);
    INFO("ms: " << v << " status: " << r.status().ToString());
    REQUIRE(r.ok());
    return *r;
  };
  CHECK(ms(0) == 0);
  CHECK(ms(1767323045000) == 1767323045000000);
  CHECK(ms(-1) == -1000);
  CHECK(Dt(ms(1767323045123)) == "2026-01-02T03:04:05.123Z");
  CHECK(Dt(ms(-1)) == "1969-12-31T23:59:59.999Z");
  CHECK(Dt(ms(-62135596800000)) == "0001-01-01T00:00:00.000Z");
  CHECK(Dt(ms(253402300799999)) == "9999-12-31T23:59:59.999Z");
}

TEST_CASE("types/DateTime: epoch milliseconds outside years 1-9999 are refused",
          "[types][datetime]") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  const std::string range = "the dateTime range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";
  // INT64_MAX ms once saturated to year 294247, which .dump wrote and could not load back.
  for (const int64_t v : {kMax, kMin, kMax / 1000, kMax / 1000 + 1, kMin / 1000,
                          int64_t{253402300800000}, int64_t{-62135596800001}}) {
    INFO("ms: " << v);
    CHECK(ErrorOf(DateTimeFromEpochMillis(v)) ==
          "epoch milliseconds " + std::to_string(v) + " are outside " + range);
  }
  CHECK(ErrorOf(DateTimeFromEpochMillisText("9223372036854775807")) ==
        "epoch milliseconds 9223372036854775807 are outside " + range);
  CHECK(ErrorOf(DateTimeFromEpochMillisText("1e300")) == "epoch milliseconds 1e300 are outside " + range);
  CHECK(ErrorOf(DateTimeFromEpochMillisText("-99999999999999999999999")) ==
        "epoch milliseconds -99999999999999999999999 are outside " + range);
  CHECK(ErrorOf(DateTimeFromEpochMillisText("1.5")) == "expected epoch milliseconds, got 1.5");
  CHECK(ErrorOf(DateTimeFromEpochMillisText("12a")) == "expected epoch milliseconds, got 12a");
  CHECK(ErrorOf(DateTimeFromEpochMillisText("253402300799999.0000000000000001")) ==
        "expected epoch milliseconds, got 253402300799999.0000000000000001");
  CHECK(DateTimeFromEpochMillisText("253402300799999.000").value() == 253402300799999000);
  CHECK(DateTimeFromEpochMillisText("1.767323045123e12").value() == 1767323045123000);
  // A long text is cut in the message.
  const std::string huge = "1" + std::string(100000, '0');
  const std::string message = ErrorOf(DateTimeFromEpochMillisText(huge));
  CHECK(message.size() < 200);
  CHECK(message.find("are outside") != std::string::npos);
}

TEST_CASE("types/DateTime: ISO text outside years 1-9999 is refused", "[types][datetime]") {
  const std::string range = " is outside the range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";
  for (const char* text : {"0000-01-01", "0000-12-31T23:59:59.999999Z", "0000-06-15T12:00:00+05:00",
                           "0001-01-01T00:30:00+01:00", "0001-01-01T00:00:00.999999+00:01",
                           "9999-12-31T23:30:00-01:00", "9999-12-31T23:59:59.999999-00:01"}) {
    INFO("text: " << text);
    CHECK(DtError(text) == "dateTime '"s + text + "'" + range);
  }
  CHECK(ParseDt("0001-01-01T00:59:59+00:59") == kMinDateTime + 59'000'000);
  CHECK(ParseDt("9999-12-31T23:59:59.999999+23:59") == kMaxDateTime - 1439LL * 60'000'000);
}

// ---------------------------------------------------------------------------------------------
// Exact integer readings of number text

using Range = IntegerReading::Range;

std::string Reading(std::string_view text) {
  const std::optional<IntegerReading> r = ReadInteger(text);
  if (!r) return "<invalid>";
  switch (r->range) {
    case Range::kBelow: return r->integral ? "below" : "below, fraction";
    case Range::kAbove: return r->integral ? "above" : "above, fraction";
    case Range::kIn: break;
  }
  return std::to_string(r->floor) + (r->integral ? "" : " + fraction");
}

TEST_CASE("types/IntegerText: integers and their floors, exactly", "[types][integer]") {
  CHECK(Reading("0") == "0");
  CHECK(Reading("-0") == "0");
  CHECK(Reading("-0.0") == "0");
  CHECK(Reading("+7") == "7");
  CHECK(Reading("4.0") == "4");
  CHECK(Reading("4.000") == "4");
  CHECK(Reading("0004") == "4");
  CHECK(Reading("1e3") == "1000");
  CHECK(Reading("1E+3") == "1000");
  CHECK(Reading("12.5e1") == "125");
  CHECK(Reading("1250e-1") == "125");
  CHECK(Reading("1.5e17") == "150000000000000000");
  CHECK(Reading("0e999999999999999999999") == "0");
  // Doubles would say 4, 250 and 2^63 for these.
  CHECK(Reading("4.0000000000000001") == "4 + fraction");
  CHECK(Reading("249.99999999999999") == "249 + fraction");
  CHECK(Reading("9223372036854775806.5") == "9223372036854775806 + fraction");
  CHECK(Reading("9223372036854775807") == "9223372036854775807");
  CHECK(Reading("9223372036854775807.5") == "9223372036854775807 + fraction");
  CHECK(Reading("9223372036854775808") == "above");
  CHECK(Reading("9223372036854775808.5") == "above, fraction");
  CHECK(Reading("92233720368547758070e-1") == "9223372036854775807");
  CHECK(Reading("18446744073709551616") == "above");
  CHECK(Reading("99999999999999999999") == "above");
  CHECK(Reading("1e19") == "above");
  CHECK(Reading("1e30") == "above");
  CHECK(Reading("1e999999999999999999999") == "above");
  CHECK(Reading("1e9999999999999999999999999999999999999999") == "above");
  CHECK(Reading("-1e1152921504606846975") == "below");  // 2^60 - 1: once overflowed x 10
  CHECK(Reading("1.5e-9999999999999999999999999999999999999") == "0 + fraction");
  CHECK(Reading("-9223372036854775808") == "-9223372036854775808");
  CHECK(Reading("-9223372036854775808.0") == "-9223372036854775808");
  CHECK(Reading("-9223372036854775807.5") == "-9223372036854775808 + fraction");
  CHECK(Reading("-9223372036854775808.5") == "below, fraction");
  CHECK(Reading("-9223372036854775809") == "below");
  CHECK(Reading("-1e30") == "below");
  // Negative non-integers floor downwards; small magnitudes floor to 0 or -1.
  CHECK(Reading("-4.5") == "-5 + fraction");
  CHECK(Reading("-0.5") == "-1 + fraction");
  CHECK(Reading("0.5") == "0 + fraction");
  CHECK(Reading("1e-30") == "0 + fraction");
  CHECK(Reading("-1e-999999999999999999999") == "-1 + fraction");
  CHECK(Reading(".5") == "0 + fraction");
  CHECK(Reading("5.") == "5");
  // A long text is read in one pass.
  CHECK(Reading("4." + std::string(1'000'000, '0')) == "4");
  CHECK(Reading("4." + std::string(1'000'000, '0') + "1") == "4 + fraction");
  CHECK(Reading(std::string(1'000'000, '0') + "12") == "12");
}

TEST_CASE("types/IntegerText: not a number", "[types][integer]") {
  for (const char* text : {"", "-", "+", ".", "e3", "1e", "1e+", "1.2.3", "--1", "+-1", "1 ",
                           " 1", "0x10", "inf", "-inf", "nan", "Infinity", "1_000", "12a",
                           "1e3.5", "..5", "1..", "１"}) {
    INFO("text: " << text);
    CHECK(Reading(text) == "<invalid>");
  }
}

TEST_CASE("types/IntegerText: agrees with int64 parsing and exact rational floors",
          "[types][integer]") {
  std::mt19937_64 rng(15);
  int failures = 0;
  for (int i = 0; i < 100000; ++i) {
    const auto v = static_cast<int64_t>(rng());
    // v itself, v with a fraction (v + 0.d), and v scaled by an exponent.
    const std::string plain = std::to_string(v);
    if (Reading(plain) != plain) ++failures;
    const unsigned digit = static_cast<unsigned>(rng() % 9) + 1;
    const std::string fraction = plain + "." + std::string(rng() % 20, '0') + char('0' + digit);
    const int64_t floor = v < 0 ? v - 1 : v;  // v >= INT64_MIN + 1 almost surely
    if (v != std::numeric_limits<int64_t>::min() &&
        Reading(fraction) != std::to_string(floor) + " + fraction") {
      ++failures;
    }
  }
  CHECK(failures == 0);
}

// ---------------------------------------------------------------------------------------------
// bigNumber

TEST_CASE("types/Decimal: normalization vectors", "[types][decimal]") {
  CHECK(Norm("0") == "0");
  CHECK(Norm("5") == "5");
  CHECK(Norm("+5") == "5");
  CHECK(Norm("-5") == "-5");
  CHECK(Norm("19.990") == "19.990");
  CHECK(Norm("0019.990") == "19.990");
  CHECK(Norm("00.5") == "0.5");
  CHECK(Norm("000") == "0");
  CHECK(Norm("-000123") == "-123");
  CHECK(Norm("+000123.4500") == "123.4500");
  CHECK(Norm("-0") == "0");
  CHECK(Norm("+0") == "0");
  CHECK(Norm("-0.00") == "0.00");
  CHECK(Norm("-00.000") == "0.000");
  CHECK(Norm("0.30000000000000004") == "0.30000000000000004");
  CHECK(Norm("-0.5") == "-0.5");
  CHECK(Norm("1.0") == "1.0");
}

TEST_CASE("types/Decimal: exponents move the point", "[types][decimal]") {
  CHECK(Norm("1e3") == "1000");
  CHECK(Norm("1E3") == "1000");
  CHECK(Norm("1e+3") == "1000");
  CHECK(Norm("1e0") == "1");
  CHECK(Norm("1e-0") == "1");
  CHECK(Norm("1.5e-2") == "0.015");
  CHECK(Norm("-1.5e-2") == "-0.015");
  CHECK(Norm("1.20e1") == "12.0");
  CHECK(Norm("1.20e2") == "120");
  CHECK(Norm("1.20e3") == "1200");
  CHECK(Norm("123.456e1") == "1234.56");
  CHECK(Norm("123.456e3") == "123456");
  CHECK(Norm("123.456e5") == "12345600");
  CHECK(Norm("123.456e-3") == "0.123456");
  CHECK(Norm("123.456e-5") == "0.00123456");
  CHECK(Norm("5e-1") == "0.5");
  CHECK(Norm("50e-1") == "5.0");
  CHECK(Norm("0050e-1") == "5.0");
  CHECK(Norm("0e5") == "0");
  CHECK(Norm("0.000e2") == "0.0");
  CHECK(Norm("-0e-3") == "0.000");
  CHECK(Norm("0e999999999999999999999") == "0");
  CHECK(Norm("1e00000000000000000000003") == "1000");
  CHECK(Norm("1e-18") == "0.000000000000000001");
  CHECK(Norm("1e37") == "1" + std::string(37, '0'));
  CHECK(Norm("-1.2345e4") == "-12345");
  // An exponent can cancel a long run of leading fraction zeros.
  CHECK(Norm("0." + std::string(30, '0') + "1e31") == "1");
  CHECK(Norm("0." + std::string(30, '0') + "12e32") == "12");
  CHECK(Norm("0." + std::string(30, '0') + "12e31") == "1.2");
  CHECK(Norm("-0.0000000000000000000000000000000000000000000000000000000000001e61") == "-1");
  // Given digits are kept, so trailing zeros still count against the limits.
  CHECK(NormError("1" + std::string(50, '0') + "e-50") ==
        "bigNumber '1" + std::string(50, '0') + "e-50' has more than 38 significant digits");
}

TEST_CASE("types/Decimal: digit limits", "[types][decimal]") {
  const std::string d38 = "12345678901234567890123456789012345678";
  CHECK(Norm(d38) == d38);
  CHECK(Norm("-" + d38) == "-" + d38);
  CHECK(Norm("000" + d38) == d38);
  CHECK(Norm("12345678901234567890.123456789012345678") ==
        "12345678901234567890.123456789012345678");
  CHECK(Norm("0.000000000000000001") == "0.000000000000000001");
  CHECK(Norm("0.100000000000000000") == "0.100000000000000000");
  CHECK(Norm("0.00000000000000000" + std::string(1, '0')) == "0.000000000000000000");
  CHECK(Norm(std::string(200, '0') + "1") == "1");
  CHECK(Norm("1" + std::string(37, '0')) == "1" + std::string(37, '0'));

  const std::string d39 = d38 + "9";
  CHECK(NormError(d39) == "bigNumber '" + d39 + "' has more than 38 significant digits");
  CHECK(NormError("1" + std::string(38, '0')) ==
        "bigNumber '1" + std::string(38, '0') + "' has more than 38 significant digits");
  CHECK(NormError("1e38") == "bigNumber '1e38' has more than 38 significant digits");
  CHECK(NormError("1e999999999999999999999") ==
        "bigNumber '1e999999999999999999999' has more than 38 significant digits");
  CHECK(NormError("123456789012345678901.123456789012345678") ==
        "bigNumber '123456789012345678901.123456789012345678' has more than 38 significant "
        "digits");
  CHECK(NormError("0.0000000000000000001") ==
        "bigNumber '0.0000000000000000001' has more than 18 digits after the point");
  CHECK(NormError("1.0000000000000000000") ==
        "bigNumber '1.0000000000000000000' has more than 18 digits after the point");
  CHECK(NormError("1e-19") == "bigNumber '1e-19' has more than 18 digits after the point");
  CHECK(NormError("0e-19") == "bigNumber '0e-19' has more than 18 digits after the point");
  CHECK(NormError("1e-99999999999999") ==
        "bigNumber '1e-99999999999999' has more than 18 digits after the point");
  // Long texts are cut to 64 bytes in messages.
  const std::string d100(100, '7');
  CHECK(NormError(d100) ==
        "bigNumber '" + d100.substr(0, 64) + "' has more than 38 significant digits");
}

TEST_CASE("types/Decimal: syntax errors", "[types][decimal]") {
  const std::string bad[] = {
      "",     "+",    "-",         ".5",    "5.",  "-.5", "+.5",   ".",     "1e",
      "1e+",  "1e-",  "e5",        "1.2.3", " 1",  "1 ",  "1,000", "0x10",  "NaN",
      "nan",  "inf",  "-Infinity", "1e3.5", "--1", "+-1", "-+1",   "1_000", "１",
      "1.e5", "1.5e", "1.5ee3",    "1d3",   "1f",  "\t1", "1\n",   "1\0"s,  "1e+-3",
  };
  for (const std::string& text : bad) {
    INFO("text: " << text);
    CHECK(NormError(text) == "invalid bigNumber '" + text + "'");
  }
}

TEST_CASE("types/Decimal: from int", "[types][decimal]") {
  CHECK(*DecimalFromInt(0) == "0");
  CHECK(*DecimalFromInt(-42) == "-42");
  CHECK(*DecimalFromInt(1234567890) == "1234567890");
  CHECK(*DecimalFromInt(std::numeric_limits<int64_t>::max()) == "9223372036854775807");
  CHECK(*DecimalFromInt(std::numeric_limits<int64_t>::min()) == "-9223372036854775808");
  CHECK(Norm(*DecimalFromInt(std::numeric_limits<int64_t>::min())) == "-9223372036854775808");
}

TEST_CASE("types/Decimal: compare vectors", "[types][decimal]") {
  CHECK(CompareDecimal("19.99", "19.990") == 0);
  CHECK(CompareDecimal("19.990", "19.99") == 0);
  CHECK(CompareDecimal("-1", "0.5") < 0);
  CHECK(CompareDecimal("0.5", "-1") > 0);
  CHECK(CompareDecimal("0", "0.00") == 0);
  CHECK(CompareDecimal("0", "-0") == 0);
  CHECK(CompareDecimal("-0.00", "0") == 0);
  CHECK(CompareDecimal("10", "9.999") > 0);
  CHECK(CompareDecimal("0.1", "0.09") > 0);
  CHECK(CompareDecimal("100", "99") > 0);
  CHECK(CompareDecimal("-100", "-99") < 0);
  CHECK(CompareDecimal("-0.5", "-0.25") < 0);
  CHECK(CompareDecimal("0.000000000000000001", "0") > 0);
  CHECK(CompareDecimal("-0.000000000000000001", "0") < 0);
  CHECK(CompareDecimal("1.10", "1.1000") == 0);
  CHECK(CompareDecimal("1.10", "1.1001") < 0);
  CHECK(CompareDecimal("5", "5") == 0);
  CHECK(CompareDecimal("-5", "-5.0") == 0);
  CHECK(CompareDecimal("0.30000000000000004", "0.3") > 0);
  CHECK(CompareDecimal("12345678901234567890123456789012345678",
                       "12345678901234567890123456789012345677") > 0);
  // Tolerated non-normalized input.
  CHECK(CompareDecimal("+5", "005.0") == 0);

  const char* const ascending[] = {
      "-1000",  "-999.99",  "-1",  "-0.5", "-0.25", "-0.000001",
      "0",      "0.000001", "0.1", "0.25", "0.5",   "1",
      "1.0001", "9.99",     "10",  "99",   "100",   "12345678901234567890"};
  const size_t n = std::size(ascending);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      INFO(ascending[i] << " vs " << ascending[j]);
      CHECK(Sign(CompareDecimal(ascending[i], ascending[j])) == (i < j ? -1 : i > j ? 1 : 0));
    }
  }
}

TEST_CASE("types/Decimal: random normalize and compare against a padded oracle",
          "[types][decimal]") {
  std::mt19937_64 rng(38);
  auto random_digits = [&](size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
    return s;
  };
  // Oracle key: sign then 20 integer digits and 18 fraction digits, zero-padded.
  auto padded = [](const std::string& normalized) {
    const bool negative = normalized[0] == '-';
    const std::string body = negative ? normalized.substr(1) : normalized;
    const size_t point = body.find('.');
    std::string integer = body.substr(0, point);
    std::string fraction = point == std::string::npos ? "" : body.substr(point + 1);
    integer.insert(0, 20 - integer.size(), '0');
    fraction.append(18 - fraction.size(), '0');
    return std::make_pair(negative, integer + fraction);
  };
  auto oracle = [&](const std::string& a, const std::string& b) {
    auto [na, ka] = padded(a);
    auto [nb, kb] = padded(b);
    const bool za = ka.find_first_not_of('0') == std::string::npos;
    const bool zb = kb.find_first_not_of('0') == std::string::npos;
    const int sa = za ? 0 : (na ? -1 : 1);
    const int sb = zb ? 0 : (nb ? -1 : 1);
    if (sa != sb) return sa < sb ? -1 : 1;
    const int c = Sign(ka.compare(kb));
    return sa < 0 ? -c : c;
  };
  std::vector<std::string> values;
  int failures = 0;
  for (int i = 0; i < 3000; ++i) {
    const size_t int_len = 1 + rng() % 20;
    const size_t frac_len = rng() % 19;
    std::string text;
    if (rng() % 2 == 0) text.push_back('-');
    text.append(rng() % 4 == 0 ? std::string(int_len, '0') : random_digits(int_len));
    if (frac_len > 0) {
      text.push_back('.');
      text.append(random_digits(frac_len));
    }
    const absl::StatusOr<std::string> normalized = NormalizeDecimal(text);
    if (!normalized.ok()) {
      ++failures;
      continue;
    }
    // Normalizing is idempotent and keeps the value.
    if (Norm(*normalized) != *normalized) ++failures;
    if (CompareDecimal(text, *normalized) != 0) ++failures;
    // Exponent forms of the same value normalize to the same text when no digits move past
    // the limits: shift the point left by k and write e+k.
    values.push_back(*normalized);
  }
  CHECK(failures == 0);
  int mismatches = 0;
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    for (size_t j = i; j < std::min(values.size(), i + 20); ++j) {
      if (Sign(CompareDecimal(values[i], values[j])) != oracle(values[i], values[j])) ++mismatches;
      if (Sign(CompareDecimal(values[j], values[i])) != oracle(values[j], values[i])) ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("types/Decimal: exponent forms agree with plain forms", "[types][decimal]") {
  // m * 10^e written as "<digits with point moved>" and as "<m>e<e>" normalize the same.
  CHECK(Norm("12.345e2") == Norm("1234.5"));
  CHECK(Norm("12.345e-2") == Norm("0.12345"));
  CHECK(Norm("0.0012e3") == Norm("1.2"));
  CHECK(Norm("1200e-2") == Norm("12.00"));
  CHECK(Norm("-1200e-5") == Norm("-0.01200"));
  CHECK(Norm("0.001e-15") == "0.000000000000000001");
  CHECK(Norm("99999999999999999999.999999999999999999e0") ==
        "99999999999999999999.999999999999999999");
  CHECK(Norm("9.9999999999999999999999999999999999999e37") ==
        "99999999999999999999999999999999999999");
}

// ---------------------------------------------------------------------------------------------
// float

TEST_CASE("types/Float: to_chars vectors", "[types][float]") {
  CHECK(Float(3) == "3");
  CHECK(Float(0.1) == "0.1");
  CHECK(Float(1e21) == "1e+21");
  CHECK(Float(1e-7) == "1e-07");
  CHECK(Float(0.0) == "0");
  CHECK(Float(-0.0) == "0");
  CHECK(Float(-1.5) == "-1.5");
  CHECK(Float(100) == "100");
  CHECK(Float(1e20) == "1e+20");
  CHECK(Float(123456789.0) == "123456789");
  CHECK(Float(0.30000000000000004) == "0.30000000000000004");
  CHECK(Float(0.1 + 0.2) == "0.30000000000000004");
  CHECK(Float(1.0 / 3.0) == "0.3333333333333333");
  CHECK(Float(5e-324) == "5e-324");
  CHECK(Float(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(Float(-std::numeric_limits<double>::max()) == "-1.7976931348623157e+308");
  CHECK(Float(std::numeric_limits<double>::min()) == "2.2250738585072014e-308");
  CHECK(Float(0.001) == "0.001");
  CHECK(Float(1e-5) == "1e-05");
  CHECK(Float(12345678901234567.0) == "12345678901234568");
  CHECK(Float(9007199254740993.0) == "9007199254740992");
  std::string out = "[";
  AppendFloat(2.5, &out);
  CHECK(out == "[2.5");
}

TEST_CASE("types/Float: parse", "[types][float]") {
  CHECK(ParsedFloat("3") == 3.0);
  CHECK(ParsedFloat("0.1") == 0.1);
  CHECK(ParsedFloat("-1.5") == -1.5);
  CHECK(ParsedFloat("1e21") == 1e21);
  CHECK(ParsedFloat("1e+21") == 1e21);
  CHECK(ParsedFloat("1E-7") == 1e-7);
  CHECK(ParsedFloat(".5") == 0.5);
  CHECK(ParsedFloat("5.") == 5.0);
  CHECK(ParsedFloat("-.5") == -0.5);
  CHECK(ParsedFloat("007") == 7.0);
  CHECK(ParsedFloat("0.30000000000000004") == 0.1 + 0.2);
  CHECK(ParsedFloat("4.9e-324") == 5e-324);
  CHECK(ParsedFloat("1e-310") == 1e-310);  // subnormal
  CHECK(ParsedFloat("1.7976931348623157e308") == std::numeric_limits<double>::max());
  const double negative_zero = ParsedFloat("-0");
  CHECK(negative_zero == 0.0);
  CHECK(std::signbit(negative_zero));
  CHECK(ParsedFloat("0e-999999") == 0.0);  // zero written small is zero, not an underflow
}

TEST_CASE("types/Float: too small and too large", "[types][float]") {
  // Nonzero values a double rounds to 0 are refused (the stricter reading, for writes and
  // filters alike), not read as 0.
  using Result = FloatReading::Result;
  CHECK(FloatResult("1e-400") == Result::kTooSmall);
  CHECK(FloatResult("-1e-400") == Result::kTooSmall);
  CHECK(FloatResult("2e-324") == Result::kTooSmall);
  CHECK(FloatResult("0.00001e-320") == Result::kTooSmall);
  CHECK(FloatResult("0.000000000000000000000000000000000000000000000000000000000000000000"
                    "00000000000000000000000000000000000000000000000000000000000000000000"
                    "00000000000000000000000000000000000000000000000000000000000000000000"
                    "00000000000000000000000000000000000000000000000000000000000000000000"
                    "00000000000000000000000000000000000000000000000000000000000000000000"
                    "0000000000000000000000000000000000000000001") == Result::kTooSmall);
  CHECK(FloatResult("1e400") == Result::kTooLarge);
  CHECK(FloatResult("-1e400") == Result::kTooLarge);
  CHECK(FloatResult("1e309") == Result::kTooLarge);
  CHECK(FloatResult("2e308") == Result::kTooLarge);
  CHECK(FloatResult("1.7976931348623159e308") == Result::kTooLarge);
}

TEST_CASE("types/Float: parse errors", "[types][float]") {
  const std::string bad[] = {
      "",    " 1",   "1 ",   "1e",       "1e+",      "0x10",   "nan",   "NaN",   "-nan",
      "inf", "-inf", "+inf", "Infinity", "infinity", "+",      "-",     ".",     "+-1",
      "++1", "--1",  "1,5",  "1.5.2",    "+1.5",     "+0",     "1\0"s, "١",     "1f",
      "1d",  "e5",   "+e5",  "-",        "\t1",
  };
  for (const std::string& text : bad) {
    INFO("text: " << text);
    CHECK(FloatResult(text) == FloatReading::Result::kNotANumber);
  }
}

TEST_CASE("types/Float: random round trips", "[types][float]") {
  std::mt19937_64 rng(1);
  int failures = 0;
  for (int i = 0; i < 200000; ++i) {
    const double v = std::bit_cast<double>(rng());
    if (!std::isfinite(v)) continue;
    const std::string text = Float(v);
    const FloatReading back = ReadFloat(text);
    if (back.result != FloatReading::Result::kOk ||
        (v == 0 ? back.value != 0
                : std::bit_cast<uint64_t>(back.value) != std::bit_cast<uint64_t>(v))) {
      ++failures;
    }
  }
  CHECK(failures == 0);
}

// ---------------------------------------------------------------------------------------------
// JSON strings

TEST_CASE("types/Json: string escaping", "[types][json]") {
  CHECK(Quote("") == R"("")");
  CHECK(Quote("abc") == R"("abc")");
  CHECK(Quote("a\"b") == R"("a\"b")");
  CHECK(Quote("a\\b") == R"("a\\b")");
  CHECK(Quote("\b\t\n\f\r") == R"("\b\t\n\f\r")");
  CHECK(Quote("\x01") == R"("\u0001")");
  CHECK(Quote("\x1f") == R"("\u001f")");
  CHECK(Quote("\x0b") == R"("\u000b")");
  CHECK(Quote("\0"s) == R"("\u0000")");
  CHECK(Quote("\x7f") == "\"\x7f\"");
  CHECK(Quote("a/b") == R"("a/b")");
  CHECK(Quote("h\xC3\xA9llo \xF0\x9D\x84\x9E") == "\"h\xC3\xA9llo \xF0\x9D\x84\x9E\"");
  CHECK(Quote("<script>&'") == R"("<script>&'")");
  CHECK(Quote("long text without anything to escape, more than eight bytes") ==
        R"("long text without anything to escape, more than eight bytes")");
  CHECK(Quote("0123456789abcdef\n0123456789abcdef\"") ==
        R"("0123456789abcdef\n0123456789abcdef\"")");
  std::string out = "{\"k\":";
  AppendJsonString("v", &out);
  CHECK(out == R"({"k":"v")");
}

TEST_CASE("types/Json: escaping matches a reference at every position", "[types][json]") {
  int mismatches = 0;
  for (int c = 0; c < 256; ++c) {
    for (size_t pos = 0; pos < 20; ++pos) {
      std::string s(20, 'x');
      s[pos] = static_cast<char>(c);
      if (Quote(s) != ReferenceQuote(s)) ++mismatches;
      if (NeedsJsonEscape(s) != (Quote(s) != "\"" + s + "\"")) ++mismatches;
    }
  }
  std::mt19937_64 rng(4);
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 40, '\0');
    for (char& ch : s) {
      const uint64_t r = rng() % 10;
      ch = r == 0   ? static_cast<char>(rng() % 0x20)
           : r == 1 ? '"'
           : r == 2 ? '\\'
                    : static_cast<char>(0x20 + rng() % 0xE0);
    }
    if (Quote(s) != ReferenceQuote(s)) ++mismatches;
    if (NeedsJsonEscape(s) != (ReferenceQuote(s) != "\"" + s + "\"")) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("types/Json: NeedsJsonEscape", "[types][json]") {
  CHECK_FALSE(NeedsJsonEscape(""));
  CHECK_FALSE(NeedsJsonEscape("abc"));
  CHECK_FALSE(NeedsJsonEscape("a/b\x7f\xC3\xA9 and a long tail without escapes"));
  CHECK(NeedsJsonEscape("\""));
  CHECK(NeedsJsonEscape("\\"));
  CHECK(NeedsJsonEscape("\n"));
  CHECK(NeedsJsonEscape("\0"s));
  CHECK(NeedsJsonEscape("\x1f"));
  CHECK_FALSE(NeedsJsonEscape(" "));
  CHECK(NeedsJsonEscape("0123456789abcdef\x1f"));
  CHECK(NeedsJsonEscape("01234567\\"));
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON

TEST_CASE("types/Json: canonical scalars", "[types][json]") {
  CHECK(Canon("1") == "1");
  CHECK(Canon(" \t\r\n1 \t\r\n") == "1");
  CHECK(Canon("-0") == "-0");
  CHECK(Canon("0") == "0");
  CHECK(Canon("1.50") == "1.50");
  CHECK(Canon("1e3") == "1e3");
  CHECK(Canon("1E+3") == "1E+3");
  CHECK(Canon("-12.5e-07") == "-12.5e-07");
  CHECK(Canon("0.0") == "0.0");
  CHECK(Canon("123456789012345678901234567890") == "123456789012345678901234567890");
  CHECK(Canon("1e400") == "1e400");
  CHECK(Canon("true") == "true");
  CHECK(Canon("false") == "false");
  CHECK(Canon("null") == "null");
  CHECK(Canon(R"("x")") == R"("x")");
  CHECK(Canon(R"("")") == R"("")");
  CHECK(Canon("[]") == "[]");
  CHECK(Canon("{}") == "{}");
  CHECK(Canon("[ ]") == "[]");
  CHECK(Canon("{ \n }") == "{}");
}

TEST_CASE("types/Json: canonical documents", "[types][json]") {
  CHECK(
      Canon(R"( { "b" : 1 , "a" : [ 1 , 2.50 , { "z" : null , "y" : true } ] , "c" : "x y" } )") ==
      R"({"b":1,"a":[1,2.50,{"z":null,"y":true}],"c":"x y"})");
  CHECK(Canon("[\n  {\"name\": \"caf\\u00e9\", \"tags\": [\"a\", \"b\"]},\n  {\"name\": "
              "\"\xE6\x97\xA5\xE6\x9C\xAC\", \"n\": -1e-3}\n]\n") ==
        "[{\"name\":\"caf\xC3\xA9\",\"tags\":[\"a\",\"b\"]},{\"name\":\"\xE6\x97\xA5\xE6\x9C\xAC\","
        "\"n\":-1e-3}]");
  CHECK(Canon(R"({"a":{"b":{"c":{"d":[[[[]]]]}}}})") == R"({"a":{"b":{"c":{"d":[[[[]]]]}}}})");
  CHECK(Canon(R"([1,"two",3.0,true,false,null,{},[]])") ==
        R"([1,"two",3.0,true,false,null,{},[]])");
  CHECK(Canon(R"({"":""})") == R"({"":""})");
  CHECK(Canon(R"({"a":1,"A":2})") == R"({"a":1,"A":2})");
}

TEST_CASE("types/Json: canonical strings", "[types][json]") {
  CHECK(Canon(R"("\u00e9")") == "\"\xC3\xA9\"");
  CHECK(Canon(R"("\u00E9")") == "\"\xC3\xA9\"");
  CHECK(Canon(R"("\u20ac")") == "\"\xE2\x82\xAC\"");
  CHECK(Canon(R"("\ud834\udd1e")") == "\"\xF0\x9D\x84\x9E\"");
  CHECK(Canon(R"("\uD834\uDD1E")") == "\"\xF0\x9D\x84\x9E\"");
  CHECK(Canon(R"("\udbff\udfff")") == "\"\xF4\x8F\xBF\xBF\"");
  CHECK(Canon(R"("\/")") == R"("/")");
  CHECK(Canon(R"("a\/b")") == R"("a/b")");
  CHECK(Canon(R"("\"")") == R"("\"")");
  CHECK(Canon(R"("\\")") == R"("\\")");
  CHECK(Canon(R"("\u0022\u005c\u005C")") == R"("\"\\\\")");
  CHECK(Canon(R"("\b\f\n\r\t")") == R"("\b\f\n\r\t")");
  CHECK(Canon(R"("\u0008\u000c\u000A\u000D\u0009")") == R"("\b\f\n\r\t")");
  CHECK(Canon(R"("\u0001")") == R"("\u0001")");
  CHECK(Canon(R"("\u001F")") == R"("\u001f")");
  CHECK(Canon(R"("\u0000")") == R"("\u0000")");
  CHECK(Canon(R"("\u007f")") == "\"\x7f\"");
  CHECK(Canon(R"("\u0041BC")") == R"("ABC")");
  CHECK(Canon(R"("\uFFFF")") == "\"\xEF\xBF\xBF\"");
  CHECK(Canon("\"raw \xC3\xA9 \xF0\x9F\x98\x80 \x7f\"") ==
        "\"raw \xC3\xA9 \xF0\x9F\x98\x80 \x7f\"");
  CHECK(Canon(R"("a long string with an escape \u00e9 in the middle of it, and more text")") ==
        "\"a long string with an escape \xC3\xA9 in the middle of it, and more text\"");
  CHECK(Canon(R"("\u00e9 long tail after the first escape to exercise the run copy \n")") ==
        "\"\xC3\xA9 long tail after the first escape to exercise the run copy \\n\"");
  CHECK(Canon("\"\xC3\xA9\\u00e9\xC3\xA9\"") == "\"\xC3\xA9\xC3\xA9\xC3\xA9\"");
}

TEST_CASE("types/Json: syntax errors", "[types][json]") {
  CHECK(CanonError("") == "invalid json: unexpected end of input at byte 0");
  CHECK(CanonError("   ") == "invalid json: unexpected end of input at byte 3");
  CHECK(CanonError("{") == "invalid json: unexpected end of input at byte 1");
  CHECK(CanonError("[") == "invalid json: unexpected end of input at byte 1");
  CHECK(CanonError("[1") == "invalid json: unexpected end of input at byte 2");
  CHECK(CanonError("[1,") == "invalid json: unexpected end of input at byte 3");
  CHECK(CanonError("[1,]") == "invalid json: unexpected character at byte 3");
  CHECK(CanonError("[,1]") == "invalid json: unexpected character at byte 1");
  CHECK(CanonError("[1 2]") == "invalid json: expected ',' or ']' at byte 3");
  CHECK(CanonError(R"({"a":1,})") == "invalid json: expected string key at byte 7");
  CHECK(CanonError(R"({"a" 1})") == "invalid json: expected ':' at byte 5");
  CHECK(CanonError(R"({"a":1 "b":2})") == "invalid json: expected ',' or '}' at byte 7");
  CHECK(CanonError("{a:1}") == "invalid json: expected string key at byte 1");
  CHECK(CanonError("{'a':1}") == "invalid json: expected string key at byte 1");
  CHECK(CanonError(R"({"a":})") == "invalid json: unexpected character at byte 5");
  CHECK(CanonError(R"({"a")") == "invalid json: unexpected end of input at byte 4");
  CHECK(CanonError(R"({"a":)") == "invalid json: unexpected end of input at byte 5");
  CHECK(CanonError("}") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("]") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("[1]]") == "invalid json: trailing characters at byte 3");
  CHECK(CanonError("{}{}") == "invalid json: trailing characters at byte 2");
  CHECK(CanonError("1 2") == "invalid json: trailing characters at byte 2");
  CHECK(CanonError("\xEF\xBB\xBF{}") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("'a'") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("\f1") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("\v1") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("1\0"s) == "invalid json: trailing characters at byte 1");
  CHECK(CanonError("tru") == "invalid json: invalid literal at byte 0");
  CHECK(CanonError("nul") == "invalid json: invalid literal at byte 0");
  CHECK(CanonError("True") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("falsey") == "invalid json: trailing characters at byte 5");
  CHECK(CanonError("[nulll]") == "invalid json: expected ',' or ']' at byte 5");
  CHECK(CanonError("NaN") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("Infinity") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("-Infinity") == "invalid json: invalid number at byte 1");
}

TEST_CASE("types/Json: number errors", "[types][json]") {
  CHECK(CanonError("01") == "invalid json: invalid number (leading zero) at byte 1");
  CHECK(CanonError("-01") == "invalid json: invalid number (leading zero) at byte 2");
  CHECK(CanonError("1.") == "invalid json: invalid number at byte 2");
  CHECK(CanonError("1.e3") == "invalid json: invalid number at byte 2");
  CHECK(CanonError(".5") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("-") == "invalid json: invalid number at byte 1");
  CHECK(CanonError("+1") == "invalid json: unexpected character at byte 0");
  CHECK(CanonError("1e") == "invalid json: invalid number at byte 2");
  CHECK(CanonError("1e+") == "invalid json: invalid number at byte 3");
  CHECK(CanonError("1E-x") == "invalid json: invalid number at byte 3");
  CHECK(CanonError("0x10") == "invalid json: trailing characters at byte 1");
  CHECK(CanonError("[1.5.2]") == "invalid json: expected ',' or ']' at byte 4");
  CHECK(CanonError("- 1") == "invalid json: invalid number at byte 1");
}

TEST_CASE("types/Json: string errors", "[types][json]") {
  CHECK(CanonError(R"("abc)") == "invalid json: unterminated string at byte 0");
  CHECK(CanonError(R"(["abc)") == "invalid json: unterminated string at byte 1");
  CHECK(CanonError(R"("abc\)") == "invalid json: unterminated string at byte 4");
  CHECK(CanonError(R"("\u00e9 and no end)") == "invalid json: unterminated string at byte 0");
  CHECK(CanonError(R"("\x")") == "invalid json: invalid escape at byte 1");
  CHECK(CanonError(R"("\U0041")") == "invalid json: invalid escape at byte 1");
  CHECK(CanonError(R"("\')") == "invalid json: invalid escape at byte 1");
  CHECK(CanonError(R"("\u12")") == "invalid json: invalid \\u escape at byte 1");
  CHECK(CanonError(R"("\u12g4")") == "invalid json: invalid \\u escape at byte 1");
  CHECK(CanonError(R"("\u")") == "invalid json: invalid \\u escape at byte 1");
  CHECK(CanonError(R"("\ud834")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\ud834x")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\udd1e")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\udd1e\ud834")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\ud834\u0041")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\ud834\ud834")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\ud834\n")") == "invalid json: unpaired surrogate at byte 1");
  CHECK(CanonError(R"("\ud834\u12")") == "invalid json: invalid \\u escape at byte 7");
  CHECK(CanonError(R"("ok\ud834")") == "invalid json: unpaired surrogate at byte 3");
  CHECK(CanonError("\"a\nb\"") == "invalid json: control character in string at byte 2");
  CHECK(CanonError("\"a\tb\"") == "invalid json: control character in string at byte 2");
  CHECK(CanonError("\"\0\""s) == "invalid json: control character in string at byte 1");
  CHECK(CanonError("\"\\n\x01\"") == "invalid json: control character in string at byte 3");
  CHECK(CanonError("\"\xC0\x80\"") == "invalid json: invalid UTF-8 in string at byte 1");
  CHECK(CanonError("\"\xED\xA0\x80\"") == "invalid json: invalid UTF-8 in string at byte 1");
  CHECK(CanonError("\"abc\xFF\"") == "invalid json: invalid UTF-8 in string at byte 4");
  CHECK(CanonError("\"\xE2\x82\"") == "invalid json: invalid UTF-8 in string at byte 1");
  CHECK(CanonError("\"\\n\xE2\x82\"") == "invalid json: invalid UTF-8 in string at byte 3");
  CHECK(CanonError("\"\xF4\x90\x80\x80\"") == "invalid json: invalid UTF-8 in string at byte 1");
  CHECK(CanonError("[\xC3\xA9]") == "invalid json: unexpected character at byte 1");
}

TEST_CASE("types/Json: duplicate keys", "[types][json]") {
  CHECK(CanonError(R"({"a":1,"a":2})") == "duplicate key 'a' in json");
  CHECK(CanonError(R"({"a":1,"b":2,"a":3})") == "duplicate key 'a' in json");
  CHECK(CanonError(R"({"a":1,"\u0061":2})") == "duplicate key 'a' in json");
  CHECK(CanonError(R"({"\/":1,"/":2})") == "duplicate key '/' in json");
  CHECK(CanonError("{\"caf\xC3\xA9\":1,\"caf\\u00e9\":2}") ==
        "duplicate key 'caf\xC3\xA9' in json");
  CHECK(CanonError(R"({"":1,"":2})") == "duplicate key '' in json");
  CHECK(CanonError(R"({"a":{"b":1,"b":2}})") == "duplicate key 'b' in json");
  CHECK(CanonError(R"([{"x":1},{"y":1,"y":1}])") == "duplicate key 'y' in json");
  CHECK(Canon(R"({"a":{"a":1}})") == R"({"a":{"a":1}})");
  CHECK(Canon(R"([{"a":1},{"a":1}])") == R"([{"a":1},{"a":1}])");
  CHECK(Canon(R"({"a":{"b":1},"b":2})") == R"({"a":{"b":1},"b":2})");
  CHECK(Canon(R"({"a":{"b":{"c":1},"c":2},"c":3,"b":4})") ==
        R"({"a":{"b":{"c":1},"c":2},"c":3,"b":4})");
  CHECK(Canon(R"({"a":1,"a ":2,"A":3,"\u0000":4,"\u0001":5})") ==
        R"({"a":1,"a ":2,"A":3,"\u0000":4,"\u0001":5})");
  const std::string long_key(100, 'k');
  CHECK(CanonError("{\"" + long_key + "\":1,\"" + long_key + "\":2}") ==
        "duplicate key '" + long_key.substr(0, 64) + "' in json");
}

TEST_CASE("types/Json: duplicate keys in large objects", "[types][json]") {
  auto object = [](int n, int duplicate_of, int nested_every) {
    std::string s = "{";
    for (int i = 0; i < n; ++i) {
      if (i > 0) s += ",";
      s += "\"key" + std::to_string(i) + "\":";
      s += nested_every > 0 && i % nested_every == 0 ? R"({"key0":0,"key1":[{"key0":1}]})"
                                                     : std::to_string(i);
    }
    if (duplicate_of >= 0) s += ",\"key" + std::to_string(duplicate_of) + "\":0";
    return s + "}";
  };
  for (const int n : {1, 2, 15, 16, 17, 18, 33, 100, 1000}) {
    INFO("n = " << n);
    CHECK(CanonicalJson(object(n, -1, 0)).ok());
    CHECK(CanonicalJson(object(n, -1, 5)).ok());
    CHECK(CanonError(object(n, 0, 0)) == "duplicate key 'key0' in json");
    CHECK(CanonError(object(n, n - 1, 3)) ==
          "duplicate key 'key" + std::to_string(n - 1) + "' in json");
    CHECK(CanonError(object(n, n / 2, 7)) ==
          "duplicate key 'key" + std::to_string(n / 2) + "' in json");
  }
}

TEST_CASE("types/Json: nesting depth", "[types][json]") {
  auto arrays = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(Canon(arrays(512)) == arrays(512));
  CHECK(CanonError(arrays(513)) == "json nested too deeply");
  CHECK(CanonError(arrays(100000)) == "json nested too deeply");
  auto objects = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{\"a\":";
    s += "1";
    return s + std::string(depth, '}');
  };
  CHECK(Canon(objects(512)) == objects(512));
  CHECK(CanonError(objects(513)) == "json nested too deeply");
  std::string mixed;
  for (int i = 0; i < 256; ++i) mixed += "[{\"k\":";
  mixed += "0";
  for (int i = 0; i < 256; ++i) mixed += "}]";
  CHECK(Canon(mixed) == mixed);
  CHECK(CanonError("[" + mixed + "]") == "json nested too deeply");
  // Depth is nesting, not the number of containers.
  std::string wide = "[";
  for (int i = 0; i < 2000; ++i) wide += (i ? ",[[]]" : "[[]]");
  wide += "]";
  CHECK(Canon(wide) == wide);
}

TEST_CASE("types/Json: canonical form is idempotent and never longer", "[types][json]") {
  const std::string docs[] = {
      R"( {"a" : [1, 2 , {"b":"\u00e9\n\/"}], "c":{ }, "d":[ ] , "e": -0.0e+0} )",
      R"(["\ud83d\ude00", "\u0000\u001f", "tab\there", 1E400, 1e-400, "\\\"\/"])",
      "{\"\xE6\x97\xA5\":\"\xE6\x9C\xAC\", \"k\" :\t\"v\"\r\n}",
      R"("just a string")",
      "  42  ",
  };
  for (const std::string& doc : docs) {
    INFO("doc: " << doc);
    const std::string once = Canon(doc);
    CHECK(Canon(once) == once);
    CHECK(once.size() <= doc.size());
    CHECK(base::IsValidUtf8(once));
  }
}

}  // namespace
}  // namespace linkgraph::types
