// The dateTime type: int64 microseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::types {

// Parses an ISO-8601 / RFC 3339 timestamp and returns microseconds since the Unix epoch.
// Accepted forms (every field has exactly the digits shown):
//   YYYY-MM-DD                                    midnight UTC
//   YYYY-MM-DD(T| )hh:mm[:ss[.f]][zone]           f is 1 to 6 digits (needs seconds)
// where zone is `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `-hhmm` (offset hours 00-23, minutes 00-59)
// and no zone means UTC. Only upper-case `T` and `Z` are accepted. Years 0000-9999 (proleptic
// Gregorian); month 1-12, day within the month (Feb 29 only in leap years), hour 0-23,
// minute 0-59, second 0-59 (no leap second). An offset may move the result outside years
// 0000-9999; that is allowed.
// Returns InvalidArgument `invalid dateTime '<text>'` (text cut to 64 bytes) otherwise.
absl::StatusOr<int64_t> ParseDateTime(std::string_view text);

// Returns `ms` milliseconds since the epoch as microseconds, saturating at the int64 range.
int64_t DateTimeFromEpochMillis(int64_t ms);

// Appends `micros` as `YYYY-MM-DDThh:mm:ss.fffZ`: always 3 fraction digits, or 6 when the value
// is not a whole millisecond (`2026-01-02T03:04:05.123456Z`). Times before 1970 are handled.
// Years outside 0000-9999 (reachable only through offsets or large integers) are written in
// ISO-8601 expanded form: `-0001-...` and `+10000-...`; ParseDateTime does not accept those.
// Every int64 value is accepted.
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
