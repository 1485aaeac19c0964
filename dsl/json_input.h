// Small helpers over simdjson's On-Demand API for the dsl's JSON inputs (filters, requests).
// Internal to dsl/: simdjson exceptions are caught at the parse entry points.
#pragma once

#include <memory>
#include <new>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace linkgraph::dsl::internal {

// A JSON value read to completion into a compact, owned form suitable for the AST.
// Object keys keep their order; duplicate keys are refused by the readers.
using JsonValue = simdjson::ondemand::value;

// Thrown by readers with a message and a location ("filters.rating.$gte").
struct JsonError {
  std::string message;
  std::string where;
};

// The JSON text of `value` as written in its document (objects and arrays whole, scalars as their
// token), without trailing whitespace. Consumes the value.
inline std::string_view RawJson(simdjson::ondemand::value value) {
  switch (value.type()) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object obj = value.get_object();
      return obj.raw_json();
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array arr = value.get_array();
      return arr.raw_json();
    }
    default: {
      std::string_view t = value.raw_json_token();
      while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' ||
                            t.back() == '\t')) {
        t.remove_suffix(1);
      }
      return t;
    }
  }
}

// True when the raw (unescaped-not) object key `key` is exactly `name`. Use it in a pass over an
// object that will be iterated again: unescaping every key twice can overrun simdjson's string
// buffer. A key written with escapes never matches.
inline bool RawKeyIs(simdjson::ondemand::raw_json_string key, std::string_view name) {
  const char* p = key.raw();
  for (size_t i = 0; i < name.size(); ++i) {
    if (p[i] != name[i]) return false;
  }
  return p[name.size()] == '"';
}

// `text` copied into simdjson's padded buffer. simdjson allocates it with `new (std::nothrow)`
// and would read a failed allocation as an empty document: that is std::bad_alloc here.
inline simdjson::padded_string Padded(std::string_view text) {
  simdjson::padded_string padded(text.data(), text.size());
  if (padded.data() == nullptr) throw std::bad_alloc();
  return padded;
}

// A parser for one document: this thread's reused one when the input is at most
// kReusedParserBytes and no other document of this thread is using it (so a small document
// costs no allocation of simdjson's structures, about 9 KiB), a parser of its own otherwise (a
// nested document; a large input, whose buffers are not kept for the thread's life). Converts
// to the parser, for Iterate. Must outlive the documents read with it.
class ParserLease {
 public:
  static constexpr size_t kReusedParserBytes = size_t{64} << 10;

  explicit ParserLease(size_t bytes) {
    Reused& r = ThisThread();
    if (!r.busy && bytes <= kReusedParserBytes) {
      r.busy = true;
      parser_ = &r.parser;
    } else {
      own_ = std::make_unique<simdjson::ondemand::parser>();
      parser_ = own_.get();
    }
  }
  ~ParserLease() {
    if (own_ == nullptr) ThisThread().busy = false;
  }
  ParserLease(const ParserLease&) = delete;
  ParserLease& operator=(const ParserLease&) = delete;

  operator simdjson::ondemand::parser&() { return *parser_; }  // NOLINT: used as the parser

 private:
  struct Reused {
    simdjson::ondemand::parser parser;
    bool busy = false;
  };
  static Reused& ThisThread() {
    thread_local Reused reused;
    return reused;
  }

  std::unique_ptr<simdjson::ondemand::parser> own_;
  simdjson::ondemand::parser* parser_;
};

// parser.iterate(padded), with simdjson's allocations checked. simdjson grows its string buffer
// (5/3 of the input) with `new (std::nothrow)` and does not check the result, so a failed
// allocation there would crash: the same size is asked for here first, with the throwing new,
// and a failure is std::bad_alloc (freed at once, the block is there for simdjson to take).
inline simdjson::simdjson_result<simdjson::ondemand::document> Iterate(
    simdjson::ondemand::parser& parser, const simdjson::padded_string& padded) {
  if (padded.size() > parser.capacity()) {
    { std::unique_ptr<uint8_t[]> probe(new uint8_t[padded.size() / 3 * 5 + 2 * 64 + 8]); }
    if (parser.allocate(padded.size()) == simdjson::MEMALLOC) throw std::bad_alloc();
  }
  return parser.iterate(padded);
}

// Called first in a handler of simdjson_error: simdjson reports a failed allocation as an error
// code (MEMALLOC); it is std::bad_alloc, not a syntax error of the input.
inline void RethrowIfOutOfMemory(const simdjson::simdjson_error& e) {
  if (e.error() == simdjson::MEMALLOC) throw std::bad_alloc();
}

// The JSON type name of a value, for messages ("string", "object", ...).
std::string_view JsonTypeName(simdjson::ondemand::json_type type);

}  // namespace linkgraph::dsl::internal
