// One message per error point of the grammars, and the exception that carries a syntax error
// from a PEGTL control to the parser entry point (it never leaves dsl/).
#pragma once

#include <cstddef>
#include <string>

#include <tao/pegtl.hpp>

#include "dsl/grammar_fields.h"

namespace linkgraph::dsl {

namespace internal {

// Thrown inside dsl parse_*.cc only; caught at the entry point and turned into a Status.
struct SyntaxError {
  size_t offset;
  std::string message;
};

}  // namespace internal

namespace grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

template <> inline constexpr const char* error_message<ws> = "expected whitespace";
template <> inline constexpr const char* error_message<after_dot> =
    "expected field name or '*' after '.'";
template <> inline constexpr const char* error_message<field_start> =
    "expected field name or '*'";
template <> inline constexpr const char* error_message<field_end> =
    "unexpected character; expected '.' or the end of the field";

// PEGTL control: a failing must<> point raises SyntaxError with the rule's message and the byte
// offset where it failed.
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&...) {
    static_assert(error_message<Rule> != nullptr, "every must<> point needs a message");
    throw internal::SyntaxError{static_cast<size_t>(in.current() - in.begin()),
                                error_message<Rule>};
  }
};

}  // namespace grammar
}  // namespace linkgraph::dsl
