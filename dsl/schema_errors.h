// One message per error point of the schema grammar (grammar_schema.h), its nesting limit, and
// the PEGTL control that raises them as internal::SyntaxError (errors.h). Internal to dsl/.
#pragma once

#include <cstddef>
#include <string>

#include <tao/pegtl.hpp>

#include "dsl/errors.h"
#include "dsl/grammar_schema.h"
#include "dsl/parse_schema.h"

namespace linkgraph::dsl::schema_grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// Rules that never fail (they sit inside if_must<> and so need a message all the same).
template <> inline constexpr const char* error_message<ws> = "expected whitespace";
template <> inline constexpr const char* error_message<opt_semicolon> = "expected ';'";
template <> inline constexpr const char* error_message<exponent_sign> = "expected '+' or '-'";
template <> inline constexpr const char* error_message<class_codes> = "expected the class body";
template <> inline constexpr const char* error_message<class_extends> = "expected 'extends'";
template <> inline constexpr const char* error_message<module_body> = "expected the module body";
template <> inline constexpr const char* error_message<dq_chars> = "expected a character";
template <> inline constexpr const char* error_message<sq_chars> = "expected a character";
template <> inline constexpr const char* error_message<bt_chars> = "expected a character";

// Tokens.
template <> inline constexpr const char* error_message<block_comment_end> =
    "unterminated comment: expected '*/'";
template <> inline constexpr const char* error_message<escape_code> =
    "invalid escape: expected one of \\\" \\' \\\\ \\/ \\b \\f \\n \\r \\t \\v \\0 \\xHH \\uHHHH "
    "\\u{H...}";
template <> inline constexpr const char* error_message<dq_close> = "unterminated string";
template <> inline constexpr const char* error_message<sq_close> = "unterminated string";
template <> inline constexpr const char* error_message<bt_close> =
    "expected '`' to close the string (${...} substitutions are not supported)";
template <> inline constexpr const char* error_message<fraction_digits> =
    "expected a digit after '.'";
template <> inline constexpr const char* error_message<exponent_digits> =
    "expected a digit in the exponent";
template <> inline constexpr const char* error_message<number_end> =
    "unexpected character after a number";

// Expressions.
template <> inline constexpr const char* error_message<arrow_body> =
    "expected an expression after '=>'";
template <> inline constexpr const char* error_message<member_value> =
    "expected a value after ':'";
template <> inline constexpr const char* error_message<member_tail> =
    "expected ':' and a value after the key";
template <> inline constexpr const char* error_message<member> =
    "expected a property name or '}'";
template <> inline constexpr const char* error_message<object_sep> = "expected ',' or '}'";
template <> inline constexpr const char* error_message<element> = "expected a value or ']'";
template <> inline constexpr const char* error_message<array_sep> = "expected ',' or ']'";
template <> inline constexpr const char* error_message<call_arg> = "expected an argument or ')'";
template <> inline constexpr const char* error_message<call_sep> = "expected ',' or ')'";
template <> inline constexpr const char* error_message<member_name> =
    "expected a name after '.'";

// Statements.
template <> inline constexpr const char* error_message<statement> =
    "expected a statement: module NAME { ... }, model.define(...), Module(...), "
    "defineLink(...), const, export or import";
template <> inline constexpr const char* error_message<import_rest> =
    "expected what to import, then from \"path\"";
template <> inline constexpr const char* error_message<import_from> =
    "expected 'from' and the module path";
template <> inline constexpr const char* error_message<import_spec> =
    "expected an imported name or '}'";
template <> inline constexpr const char* error_message<import_spec_sep> = "expected ',' or '}'";
template <> inline constexpr const char* error_message<import_spec_name> =
    "expected a name after 'as'";
template <> inline constexpr const char* error_message<kw_as> = "expected 'as' after '*'";
template <> inline constexpr const char* error_message<import_default> = "expected a name";
template <> inline constexpr const char* error_message<class_name> = "expected the class name";
template <> inline constexpr const char* error_message<class_base> =
    "expected what the class extends";
template <> inline constexpr const char* error_message<class_body> =
    "expected '{' and the class body";
template <> inline constexpr const char* error_message<brace_close> =
    "expected '}' to close the class body";
template <> inline constexpr const char* error_message<binding_name> =
    "expected a name after 'const'";
template <> inline constexpr const char* error_message<binding_eq> =
    "expected '=' after the name";
template <> inline constexpr const char* error_message<binding_value> =
    "expected a value after '='";
template <> inline constexpr const char* error_message<export_body> =
    "expected a declaration or an expression after 'export'";
template <> inline constexpr const char* error_message<module_name> =
    "expected the module's name after 'module'";
template <> inline constexpr const char* error_message<module_open> =
    "expected '{' after the module name";
template <> inline constexpr const char* error_message<block_item> =
    "expected a model (model.define(...)), links: [...] or '}'";
template <> inline constexpr const char* error_message<module_end> = "expected '}'";
template <> inline constexpr const char* error_message<links_value> =
    "expected the links array after 'links:'";

// Rules that open a nesting level: each counts towards kMaxSchemaDepth.
template <typename Rule>
inline constexpr bool opens_level = false;
template <> inline constexpr bool opens_level<object> = true;
template <> inline constexpr bool opens_level<array> = true;
template <> inline constexpr bool opens_level<call_args> = true;
template <> inline constexpr bool opens_level<arrow> = true;
template <> inline constexpr bool opens_level<brace_group> = true;

// Errors reported where the rule began (an unterminated string at its opening quote).
template <typename Rule>
inline constexpr bool reported_at_start = false;
template <> inline constexpr bool reported_at_start<dq_string> = true;
template <> inline constexpr bool reported_at_start<sq_string> = true;
template <> inline constexpr bool reported_at_start<block_comment> = true;

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
      if (in.private_depth > kMaxSchemaDepth) {
        throw internal::SyntaxError{static_cast<size_t>(in.current() - in.begin()),
                                    "schema text nested deeper than " +
                                        std::to_string(kMaxSchemaDepth) + " levels"};
      }
      return base::template match<A, M, Action, Control>(in, st...);
    } else if constexpr (reported_at_start<Rule>) {
      const char* start = in.current();
      try {
        return base::template match<A, M, Action, Control>(in, st...);
      } catch (internal::SyntaxError& e) {
        // Only the missing end is reported at the start; a bad escape inside stays where it is.
        if (e.message.rfind("unterminated", 0) == 0) {
          e.offset = static_cast<size_t>(start - in.begin());
        }
        throw;
      }
    } else {
      return base::template match<A, M, Action, Control>(in, st...);
    }
  }
};

}  // namespace linkgraph::dsl::schema_grammar
