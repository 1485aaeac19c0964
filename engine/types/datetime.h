// The dateTime type: int64 microseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::types {

// The dateTime range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, the instants the
// ISO form (`YYYY-...`) writes and reads back. Every input path refuses values outside it.
inline constexpr int64_t kMinDateTime = -62'135'596'800'000'000;  // 0001-01-01T00:00:00Z
inline constexpr int64_t kMaxDateTime = 253'402'300'799'999'999;  // 9999-12-31T23:59:59.999999Z
inline constexpr std::string_view kDateTimeRange =
    "0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";

// Parses an ISO-8601 / RFC 3339 timestamp and returns microseconds since the Unix epoch.
// Accepted forms (every field has exactly the digits shown):
//   YYYY-MM-DD                                    midnight UTC
//   YYYY-MM-DD(T| )hh:mm[:ss[.f]][zone]           f is 1 to 6 digits (needs seconds)
// where zone is `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `-hhmm` (offset hours 00-23, minutes 00-59)
// and no zone means UTC. Only upper-case `T` and `Z` are accepted. Proleptic Gregorian
// calendar; month 1-12, day within the month (Feb 29 only in leap years), hour 0-23,
// minute 0-59, second 0-59 (no leap second).
// Returns InvalidArgument (text cut to 64 bytes in the messages):
//   `invalid dateTime '<text>'` for any other text,
//   `dateTime '<text>' is outside the range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z`
//   for an instant outside the range (year 0000, or an offset moving it across an edge).
absl::StatusOr<int64_t> ParseDateTime(std::string_view text);

// Returns `ms` milliseconds since the epoch as microseconds. InvalidArgument
// `epoch milliseconds <ms> are outside the dateTime range 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999Z` outside the range (nothing is scaled past the int64 range).
absl::StatusOr<int64_t> DateTimeFromEpochMillis(int64_t ms);

// The same for number text (`1767323045000`, `1.767323045e12`, read exactly, never through a
// double). InvalidArgument `expected epoch milliseconds, got <text>` when `text` is not a
// whole number, and the message above (with the text) outside the range, however large.
absl::StatusOr<int64_t> DateTimeFromEpochMillisText(std::string_view text);

// Appends `micros` as `YYYY-MM-DDThh:mm:ss.fffZ`: always 3 fraction digits, or 6 when the value
// is not a whole millisecond (`2026-01-02T03:04:05.123456Z`). Times before 1970 are handled.
// Years outside 0000-9999 (outside the dateTime range, which no input path accepts) are
// written in ISO-8601 expanded form: `-0001-...` and `+10000-...`; ParseDateTime does not
// accept those. Every int64 value is accepted.
void AppendDateTime(int64_t micros, std::string* out);

// Returns the number of days from 1970-01-01 to the proleptic Gregorian date y-m-d
// (negative before 1970). Howard Hinnant's days_from_civil.
// REQUIRES: 1 <= m <= 12, 1 <= d <= 31, |y| < 2^40.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

// The proleptic Gregorian date of `days` days after 1970-01-01 (Hinnant's civil_from_days).
struct CivilDate {
  int64_t year;
  unsigned month;  // 1-12
  unsigned day;    // 1-31
};
// REQUIRES: |days| < 2^50 (every int64 microsecond value qualifies).
CivilDate CivilFromDays(int64_t days);

}  // namespace linkgraph::types
