// Param: statement parameters in PostgreSQL's text and binary formats (the binary ones as the
// server's *_recv functions read them: network byte order; arrays as array_recv reads them).
#include <bit>
#include <cstring>

#include "modules/postgres/connection.h"

namespace linkgraph::postgres {
namespace {

void AppendBigEndian32(uint32_t v, std::string* out) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  out->append(b, 4);
}

void AppendBigEndian64(uint64_t v, std::string* out) {
  AppendBigEndian32(static_cast<uint32_t>(v >> 32), out);
  AppendBigEndian32(static_cast<uint32_t>(v), out);
}

// The header of a one-dimensional array without NULLs: ndim, has-null flag, element type, then
// the dimension's length and lower bound (1). An empty array has no dimension.
std::string ArrayHeader(Oid element, size_t count, size_t element_bytes) {
  std::string out;
  out.reserve(20 + element_bytes);
  AppendBigEndian32(count == 0 ? 0 : 1, &out);
  AppendBigEndian32(0, &out);
  AppendBigEndian32(element, &out);
  if (count != 0) {
    AppendBigEndian32(static_cast<uint32_t>(count), &out);
    AppendBigEndian32(1, &out);
  }
  return out;
}

template <typename Strings>
Param TextArrayOf(const Strings& values) {
  size_t bytes = 0;
  for (const auto& v : values) bytes += 4 + v.size();
  std::string out = ArrayHeader(kTextOid, values.size(), bytes);
  for (const auto& v : values) {
    // An element of 2 GiB or more makes the whole parameter too large: Exec refuses it.
    AppendBigEndian32(static_cast<uint32_t>(v.size()), &out);
    out.append(v.data(), v.size());
  }
  return Param::Binary(kTextArrayOid, std::move(out));
}

}  // namespace

Param Param::Null(Oid type) { return Param(true, type, Format::kText, std::string()); }

Param Param::Text(std::string_view text, Oid type) {
  return Param(false, type, Format::kText, std::string(text));
}

Param Param::Binary(Oid type, std::string bytes) {
  return Param(false, type, Format::kBinary, std::move(bytes));
}

Param Param::Int64(int64_t value) {
  std::string out;
  AppendBigEndian64(static_cast<uint64_t>(value), &out);
  return Binary(kInt8Oid, std::move(out));
}

Param Param::Float64(double value) {
  std::string out;
  AppendBigEndian64(std::bit_cast<uint64_t>(value), &out);
  return Binary(kFloat8Oid, std::move(out));
}

Param Param::Bool(bool value) { return Binary(kBoolOid, std::string(1, value ? 1 : 0)); }

Param Param::TextArray(std::span<const std::string_view> values) { return TextArrayOf(values); }
Param Param::TextArray(std::span<const std::string> values) { return TextArrayOf(values); }

Param Param::Int64Array(std::span<const int64_t> values) {
  std::string out = ArrayHeader(kInt8Oid, values.size(), values.size() * 12);
  for (int64_t v : values) {
    AppendBigEndian32(8, &out);
    AppendBigEndian64(static_cast<uint64_t>(v), &out);
  }
  return Binary(kInt8ArrayOid, std::move(out));
}

}  // namespace linkgraph::postgres
