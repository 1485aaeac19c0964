#include "engine/types/datetime.h"

#include <limits>

#include "absl/status/status.h"
#include "base/utf8.h"
#include "engine/types/integer_text.h"

namespace linkgraph::types {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

absl::Status InvalidDateTime(std::string_view text) {
  std::string message = "invalid dateTime '";
  message.append(base::TruncateUtf8(text, 64));
  message.push_back('\'');
  return absl::InvalidArgumentError(message);
}

absl::Status OutsideRange(std::string_view text) {
  std::string message = "dateTime '";
  message.append(base::TruncateUtf8(text, 64));
  message.append("' is outside the range ");
  message.append(kDateTimeRange);
  return absl::InvalidArgumentError(message);
}

absl::Status EpochMillisOutsideRange(std::string_view text) {
  std::string message = "epoch milliseconds ";
  message.append(base::TruncateUtf8(text, 64));
  message.append(" are outside the dateTime range ");
  message.append(kDateTimeRange);
  return absl::InvalidArgumentError(message);
}

// The epoch milliseconds of the range's edges.
constexpr int64_t kMinMillis = kMinDateTime / 1000;
constexpr int64_t kMaxMillis = kMaxDateTime / 1000;
static_assert(kMinMillis * 1000 == kMinDateTime);

inline bool IsLeapYear(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

inline unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned char kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29u : kDays[m - 1];
}

// Reads exactly `count` decimal digits at text[pos]; returns -1 if any is not a digit or the
// text is too short.
inline int ReadDigits(std::string_view text, size_t pos, size_t count) {
  if (text.size() < pos + count) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    const unsigned d = static_cast<unsigned char>(text[i]) - unsigned{'0'};
    if (d > 9) return -1;
    value = value * 10 + static_cast<int>(d);
  }
  return value;
}

inline char* Write2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

// Writes exactly `width` digits of `v` (v < 10^width).
inline char* WriteFixed(char* p, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);                 // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  return CivilDate{y, m, d};
}

absl::StatusOr<int64_t> ParseDateTime(std::string_view text) {
  // YYYY-MM-DD
  const int year = ReadDigits(text, 0, 4);
  const int month = ReadDigits(text, 5, 2);
  const int day = ReadDigits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || text[4] != '-' || text[7] != '-' ||
      static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return InvalidDateTime(text);
  }
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (text.size() == 10) {
    if (year == 0) return OutsideRange(text);  // the only date outside the range
    return days * kMicrosPerDay;
  }

  // (T| )hh:mm
  if (text[10] != 'T' && text[10] != ' ') return InvalidDateTime(text);
  const int hour = ReadDigits(text, 11, 2);
  const int minute = ReadDigits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text[13] != ':') {
    return InvalidDateTime(text);
  }
  size_t pos = 16;
  int second = 0;
  int64_t fraction = 0;  // Microseconds.
  // [:ss[.f{1,6}]]
  if (pos < text.size() && text[pos] == ':') {
    second = ReadDigits(text, pos + 1, 2);
    if (second < 0 || second > 59) return InvalidDateTime(text);
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (++digits > 6) return InvalidDateTime(text);
        fraction = fraction * 10 + (text[pos] - '0');
        ++pos;
      }
      if (digits == 0) return InvalidDateTime(text);
      for (int i = digits; i < 6; ++i) fraction *= 10;
    }
  }
  // [Z | ±hh:mm | ±hhmm]
  int64_t offset_minutes = 0;
  if (pos < text.size()) {
    const char c = text[pos];
    if (c == 'Z') {
      ++pos;
    } else if (c == '+' || c == '-') {
      const int off_hour = ReadDigits(text, pos + 1, 2);
      if (off_hour < 0 || off_hour > 23) return InvalidDateTime(text);
      pos += 3;
      if (pos < text.size() && text[pos] == ':') ++pos;
      const int off_minute = ReadDigits(text, pos, 2);
      if (off_minute < 0 || off_minute > 59) return InvalidDateTime(text);
      pos += 2;
      offset_minutes = off_hour * 60 + off_minute;
      if (c == '-') offset_minutes = -offset_minutes;
    } else {
      return InvalidDateTime(text);
    }
  }
  if (pos != text.size()) return InvalidDateTime(text);
  const int64_t seconds = int64_t{hour} * 3600 + minute * 60 + second - offset_minutes * 60;
  // Years 0000-9999 and offsets under a day: |result| < 2^59, no overflow.
  const int64_t micros = days * kMicrosPerDay + seconds * kMicrosPerSecond + fraction;
  if (micros < kMinDateTime || micros > kMaxDateTime) return OutsideRange(text);
  return micros;
}

absl::StatusOr<int64_t> DateTimeFromEpochMillis(int64_t ms) {
  if (ms < kMinMillis || ms > kMaxMillis) return EpochMillisOutsideRange(std::to_string(ms));
  return ms * 1000;
}

absl::StatusOr<int64_t> DateTimeFromEpochMillisText(std::string_view text) {
  const std::optional<IntegerReading> r = ReadInteger(text);
  if (!r || !r->integral) {
    std::string message = "expected epoch milliseconds, got ";
    message.append(base::TruncateUtf8(text, 64));
    return absl::InvalidArgumentError(message);
  }
  if (!r->exact() || r->floor < kMinMillis || r->floor > kMaxMillis) {
    return EpochMillisOutsideRange(text);
  }
  return r->floor * 1000;
}

void AppendDateTime(int64_t micros, std::string* out) {
  // Floor division, so times before 1970 get a non-negative time of day.
  int64_t days = micros / kMicrosPerDay;
  int64_t micros_of_day = micros % kMicrosPerDay;
  if (micros_of_day < 0) {
    micros_of_day += kMicrosPerDay;
    --days;
  }
  const CivilDate date = CivilFromDays(days);
  const auto seconds_of_day = static_cast<unsigned>(micros_of_day / kMicrosPerSecond);
  const auto sub_second = static_cast<uint64_t>(micros_of_day % kMicrosPerSecond);

  char buffer[48];
  char* p = buffer;
  if (date.year >= 0 && date.year <= 9999) {
    p = WriteFixed(p, static_cast<uint64_t>(date.year), 4);
  } else {
    // Expanded year: sign and at least 4 digits. |year| < 300000 for any int64 input.
    *p++ = date.year < 0 ? '-' : '+';
    const uint64_t abs_year = date.year < 0 ? uint64_t{0} - static_cast<uint64_t>(date.year)
                                            : static_cast<uint64_t>(date.year);
    int width = 4;
    for (uint64_t v = abs_year / 10000; v > 0; v /= 10) ++width;
    p = WriteFixed(p, abs_year, width);
  }
  *p++ = '-';
  p = Write2(p, date.month);
  *p++ = '-';
  p = Write2(p, date.day);
  *p++ = 'T';
  p = Write2(p, seconds_of_day / 3600);
  *p++ = ':';
  p = Write2(p, seconds_of_day / 60 % 60);
  *p++ = ':';
  p = Write2(p, seconds_of_day % 60);
  *p++ = '.';
  if (sub_second % 1000 == 0) {
    p = WriteFixed(p, sub_second / 1000, 3);
  } else {
    p = WriteFixed(p, sub_second, 6);
  }
  *p++ = 'Z';
  out->append(buffer, p);
}

}  // namespace linkgraph::types
