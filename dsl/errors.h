// One message per error point of the grammars, the nesting limit, and the exception that carries
// a syntax error from a PEGTL control to the parser entry point (it never leaves dsl/).
#pragma once

#include <cstddef>
#include <string>

#include <tao/pegtl.hpp>

#include "dsl/grammar_fields.h"
#include "dsl/grammar_filter.h"
#include "dsl/parse.h"

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

// Field selections.
template <> inline constexpr const char* error_message<ws> = "expected whitespace";
template <> inline constexpr const char* error_message<after_dot> =
    "expected field name or '*' after '.'";
template <> inline constexpr const char* error_message<field_start> =
    "expected field name or '*'";
template <> inline constexpr const char* error_message<field_end> =
    "unexpected character; expected '.' or the end of the field";

// Relation arguments.
template <> inline constexpr const char* error_message<first_arg> =
    "expected a filter or an argument (order:, skip:, take:, withDeleted:)";
template <> inline constexpr const char* error_message<next_arg> =
    "expected an argument (order:, skip:, take:, withDeleted:); the filter comes first and "
    "several order keys go in parentheses";
template <> inline constexpr const char* error_message<args_close> = "expected ',' or ')'";
template <> inline constexpr const char* error_message<arg_count> =
    "expected a non-negative integer";
template <> inline constexpr const char* error_message<arg_bool> = "expected true or false";
template <> inline constexpr const char* error_message<arg_order_value> =
    "expected an order key or '(' and a list of order keys";

// Filters.
template <> inline constexpr const char* error_message<filter_body> = "expected a condition";
template <> inline constexpr const char* error_message<filter_end> =
    "expected 'and', 'or' or the end of the filter";
template <> inline constexpr const char* error_message<paren_body> = "expected a condition";
template <> inline constexpr const char* error_message<paren_close> =
    "expected 'and', 'or' or ')'";
template <> inline constexpr const char* error_message<group_open> =
    "expected a field name or '(' after '.'";
template <> inline constexpr const char* error_message<group_body> = "expected a condition";
template <> inline constexpr const char* error_message<group_close> =
    "expected 'and', 'or' or ')'";
template <> inline constexpr const char* error_message<not_operand> =
    "expected a condition after 'not'";
template <> inline constexpr const char* error_message<and_operand> =
    "expected a condition after 'and'";
template <> inline constexpr const char* error_message<or_operand> =
    "expected a condition after 'or'";
template <> inline constexpr const char* error_message<condition_tail> =
    "expected an operator (=, !=, <>, <, <=, >, >=, ~, in, not in, like, ilike, contains, is, "
    "exists) or '.('";
template <> inline constexpr const char* error_message<value> =
    "expected a value (a 'string', a number, true, false, null or a $parameter)";
template <> inline constexpr const char* error_message<value_list> =
    "expected '(' and a list of values";
template <> inline constexpr const char* error_message<list_body> = "expected a value or ')'";
template <> inline constexpr const char* error_message<list_close> = "expected ',' or ')'";
template <> inline constexpr const char* error_message<op_not_in> = "expected 'in' after 'not'";
template <> inline constexpr const char* error_message<contains_values> =
    "expected a value or '(' and a list of values";
template <> inline constexpr const char* error_message<is_tail> =
    "expected 'null' or 'not null' after 'is'";
template <> inline constexpr const char* error_message<is_not_null> =
    "expected 'null' after 'is not'";
template <> inline constexpr const char* error_message<string_close> = "unterminated string";
template <> inline constexpr const char* error_message<quoted_name_close> =
    "unterminated quoted name";
template <> inline constexpr const char* error_message<fraction_digits> =
    "expected a digit after '.'";
template <> inline constexpr const char* error_message<exponent_digits> =
    "expected a digit in the exponent";
template <> inline constexpr const char* error_message<number_end> =
    "unexpected character after a number";
template <> inline constexpr const char* error_message<param_name> =
    "expected a parameter name after '$'";

// Order lists.
template <> inline constexpr const char* error_message<order_list> =
    "expected an order key (a field name)";
template <> inline constexpr const char* error_message<order_key> =
    "expected an order key (a field name)";
template <> inline constexpr const char* error_message<order_segment> =
    "expected a field name after '.'";
template <> inline constexpr const char* error_message<order_end> =
    "expected asc, desc, ',' or the end of the order";
template <> inline constexpr const char* error_message<order_close> = "expected ',' or ')'";

// Rules that open a nesting level: each counts towards kMaxFilterDepth.
template <typename Rule>
inline constexpr bool opens_level = false;
template <> inline constexpr bool opens_level<paren_level> = true;
template <> inline constexpr bool opens_level<group_level> = true;
template <> inline constexpr bool opens_level<not_level> = true;

// Rules whose syntax errors are reported where the rule began (an unterminated string at its
// opening quote rather than at the end of the input).
template <typename Rule>
inline constexpr bool reported_at_start = false;
template <> inline constexpr bool reported_at_start<string_lit> = true;
template <> inline constexpr bool reported_at_start<quoted_name> = true;

inline std::string TooDeepMessage() {
  return "filter nested deeper than " + std::to_string(kMaxFilterDepth);
}

// PEGTL control: a failing must<> point raises SyntaxError with the rule's message and the byte
// offset where it failed; rules opening a level are refused beyond kMaxFilterDepth levels before
// they recurse (the input's nesting counter, the one PEGTL's limit_depth uses, counts them).
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&...) {
    static_assert(error_message<Rule> != nullptr, "every must<> point needs a message");
    throw internal::SyntaxError{static_cast<size_t>(in.current() - in.begin()),
                                error_message<Rule>};
  }

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    using base = tao::pegtl::normal<Rule>;
    if constexpr (opens_level<Rule>) {
      struct Guard {
        size_t& depth;
        ~Guard() { --depth; }
      } guard{++in.private_depth};
      if (in.private_depth > kMaxFilterDepth) {
        throw internal::SyntaxError{static_cast<size_t>(in.current() - in.begin()),
                                    TooDeepMessage()};
      }
      return base::template match<A, M, Action, Control>(in, st...);
    } else if constexpr (reported_at_start<Rule>) {
      const char* start = in.current();
      try {
        return base::template match<A, M, Action, Control>(in, st...);
      } catch (internal::SyntaxError& e) {
        e.offset = static_cast<size_t>(start - in.begin());
        throw;
      }
    } else {
      return base::template match<A, M, Action, Control>(in, st...);
    }
  }
};

}  // namespace grammar
}  // namespace linkgraph::dsl
