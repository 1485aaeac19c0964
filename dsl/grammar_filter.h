// PEGTL grammar of the text forms (DESIGN.md §4, §7): filters (`filters` as a string and the
// filter of a relation argument list) and order lists (`pagination.order` as a string and the
// `order:` relation argument).
//
//   filter      <- ws ( eof / or_expr ws eof )
//   or_expr     <- and_expr ( 'or' and_expr )*
//   and_expr    <- unary ( 'and' unary )*
//   unary       <- not_expr / paren / condition
//   not_expr    <- 'not' unary
//   paren       <- '(' or_expr ')'
//   condition   <- path ( group / predicate )
//   group       <- '.' '(' or_expr ')'                       one EXISTS over its conditions
//   predicate   <- ( '<=' / '!=' / '<>' / '<' / '>=' / '>' / '=' / '~' ) value
//                / 'in' list / 'not' 'in' list / 'like' value / 'ilike' value
//                / 'contains' ( list / value ) / 'is' 'not'? 'null' / 'exists'
//   path        <- name ( '.' name )*
//   name        <- identifier that is not a keyword / '"' ( [^"] / '""' )* '"'
//   value       <- string / number / 'true' / 'false' / 'null' / '$' identifier
//   list        <- '(' ( value ( ',' value )* )? ')'
//   string      <- "'" ( [^'] / "''" )* "'"
//   number      <- '-'? [0-9]+ ( '.' [0-9]+ )? ( [eE] [+-]? [0-9]+ )?
//
//   order_text  <- ws order_list ws eof
//   order_list  <- order_key ( ',' order_key )*
//   order_key   <- order_name ( '.' order_name )* ( 'asc' / 'desc' )?
//   order_value <- '(' order_list ')' / order_key
//   order_name  <- identifier / '"' ( [^"] / '""' )* '"'
//
// Whitespace may separate any two tokens. Keywords are ASCII case-insensitive; in filters they
// are reserved (quote them to use them as names: `"in" = 1`). Identifiers are case-sensitive.
// Pure rules: actions live in parse_filter_text.cc, messages and the nesting limit in errors.h.
// The rules that nest (`*_level`) are entered only once their first token is seen, so that
// the limit counts real levels.
#pragma once

#include <tao/pegtl.hpp>

namespace linkgraph::dsl::grammar {

namespace pegtl = tao::pegtl;

// ---- Tokens shared by every text form ------------------------------------------------------

struct ws : pegtl::star<pegtl::one<' ', '\t', '\r', '\n'>> {};
struct dot : pegtl::one<'.'> {};
struct comma : pegtl::one<','> {};
struct colon : pegtl::one<':'> {};

// A case-insensitive keyword: the letters, not followed by an identifier character.
template <char... Cs>
struct ikeyword : pegtl::seq<pegtl::istring<Cs...>, pegtl::not_at<pegtl::identifier_other>> {};

struct kw_and : ikeyword<'a', 'n', 'd'> {};
struct kw_or : ikeyword<'o', 'r'> {};
struct kw_not : ikeyword<'n', 'o', 't'> {};
struct kw_in : ikeyword<'i', 'n'> {};
struct kw_is : ikeyword<'i', 's'> {};
struct kw_null : ikeyword<'n', 'u', 'l', 'l'> {};
struct kw_true : ikeyword<'t', 'r', 'u', 'e'> {};
struct kw_false : ikeyword<'f', 'a', 'l', 's', 'e'> {};
struct kw_like : ikeyword<'l', 'i', 'k', 'e'> {};
struct kw_ilike : ikeyword<'i', 'l', 'i', 'k', 'e'> {};
struct kw_contains : ikeyword<'c', 'o', 'n', 't', 'a', 'i', 'n', 's'> {};
struct kw_exists : ikeyword<'e', 'x', 'i', 's', 't', 's'> {};
struct kw_asc : ikeyword<'a', 's', 'c'> {};
struct kw_desc : ikeyword<'d', 'e', 's', 'c'> {};

// Words that cannot be bare names in a filter.
struct reserved : pegtl::sor<kw_and, kw_or, kw_not, kw_in, kw_is, kw_null, kw_true, kw_false,
                             kw_like, kw_ilike, kw_contains, kw_exists> {};

// `"name"` with `""` for a quote inside; reported at its opening quote when unterminated.
struct quoted_name_close : pegtl::one<'"'> {};
struct quoted_name
    : pegtl::seq<pegtl::one<'"'>, pegtl::star<pegtl::sor<pegtl::two<'"'>, pegtl::not_one<'"'>>>,
                 pegtl::must<quoted_name_close>> {};
struct bare_name : pegtl::seq<pegtl::not_at<reserved>, pegtl::identifier> {};
struct filter_name : pegtl::sor<quoted_name, bare_name> {};

// ---- Literals --------------------------------------------------------------------------------

// `'text'` with `''` for a quote inside; reported at its opening quote when unterminated.
struct string_close : pegtl::one<'\''> {};
struct string_lit
    : pegtl::seq<pegtl::one<'\''>, pegtl::star<pegtl::sor<pegtl::two<'\''>, pegtl::not_one<'\''>>>,
                 pegtl::must<string_close>> {};

struct fraction_digits : pegtl::plus<pegtl::digit> {};
struct exponent_digits : pegtl::plus<pegtl::digit> {};
struct fraction : pegtl::if_must<pegtl::one<'.'>, fraction_digits> {};
struct exponent : pegtl::seq<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>,
                             pegtl::must<exponent_digits>> {};
struct number_end : pegtl::not_at<pegtl::identifier_other> {};
struct number : pegtl::seq<pegtl::opt<pegtl::one<'-'>>, pegtl::plus<pegtl::digit>,
                           pegtl::opt<fraction>, pegtl::opt<exponent>, pegtl::must<number_end>> {};

struct lit_true : kw_true {};
struct lit_false : kw_false {};
struct lit_null : kw_null {};
struct param_name : pegtl::identifier {};
struct param : pegtl::if_must<pegtl::one<'$'>, param_name> {};

struct value : pegtl::sor<string_lit, number, lit_true, lit_false, lit_null, param> {};

struct list_open : pegtl::one<'('> {};
struct list_close : pegtl::one<')'> {};
struct list_items : pegtl::seq<value, pegtl::star<pegtl::if_must<pegtl::seq<ws, comma>, ws, value>>,
                               ws, pegtl::must<list_close>> {};
struct list_body : pegtl::sor<list_close, list_items> {};
struct value_list : pegtl::if_must<list_open, ws, list_body> {};

// ---- Filters ---------------------------------------------------------------------------------

struct or_expr;
struct unary;

struct path_head : filter_name {};
struct path_segment : filter_name {};
struct path_dot_tail : pegtl::seq<ws, dot, ws, path_segment> {};
struct filter_path : pegtl::seq<path_head, pegtl::star<path_dot_tail>> {};

struct op_lte : pegtl::string<'<', '='> {};
struct op_ne : pegtl::sor<pegtl::string<'!', '='>, pegtl::string<'<', '>'>> {};
struct op_lt : pegtl::one<'<'> {};
struct op_gte : pegtl::string<'>', '='> {};
struct op_gt : pegtl::one<'>'> {};
struct op_eq : pegtl::one<'='> {};
struct op_re : pegtl::one<'~'> {};
struct compare_op : pegtl::sor<op_lte, op_ne, op_lt, op_gte, op_gt, op_eq, op_re> {};
struct compare_pred : pegtl::seq<compare_op, ws, pegtl::must<value>> {};

struct op_in : kw_in {};
struct in_pred : pegtl::seq<op_in, ws, pegtl::must<value_list>> {};
struct not_in_not : kw_not {};
struct op_not_in : kw_in {};
struct not_in_pred
    : pegtl::seq<not_in_not, ws, pegtl::must<op_not_in>, ws, pegtl::must<value_list>> {};
struct op_like : kw_like {};
struct like_pred : pegtl::seq<op_like, ws, pegtl::must<value>> {};
struct op_ilike : kw_ilike {};
struct ilike_pred : pegtl::seq<op_ilike, ws, pegtl::must<value>> {};
struct op_contains : kw_contains {};
struct contains_values : pegtl::sor<value_list, value> {};
struct contains_pred : pegtl::seq<op_contains, ws, pegtl::must<contains_values>> {};
struct is_null : kw_null {};
struct is_not_null : kw_null {};
struct is_not : pegtl::seq<kw_not, ws, pegtl::must<is_not_null>> {};
struct is_tail : pegtl::sor<is_not, is_null> {};
struct is_pred : pegtl::seq<kw_is, ws, pegtl::must<is_tail>> {};
struct op_exists : kw_exists {};

struct predicate : pegtl::sor<compare_pred, in_pred, not_in_pred, like_pred, ilike_pred,
                              contains_pred, is_pred, op_exists> {};

struct group_open : pegtl::one<'('> {};
struct group_close : pegtl::one<')'> {};
struct group_body : pegtl::seq<or_expr> {};
struct group_level : pegtl::if_must<dot, ws, group_open, ws, group_body, ws, group_close> {};
struct group : pegtl::seq<pegtl::at<dot>, group_level> {};

struct condition_tail : pegtl::sor<group, predicate> {};
struct condition : pegtl::seq<filter_path, ws, pegtl::must<condition_tail>> {};

struct paren_open : pegtl::one<'('> {};
struct paren_close : pegtl::one<')'> {};
struct paren_body : pegtl::seq<or_expr> {};
struct paren_level : pegtl::if_must<paren_open, ws, paren_body, ws, paren_close> {};
struct paren : pegtl::seq<pegtl::at<paren_open>, paren_level> {};

struct not_op : kw_not {};
struct not_operand : pegtl::seq<unary> {};
struct not_level : pegtl::if_must<not_op, ws, not_operand> {};
struct not_expr : pegtl::seq<pegtl::at<kw_not>, not_level> {};

struct unary : pegtl::sor<not_expr, paren, condition> {};

struct and_op : pegtl::seq<ws, kw_and, ws> {};
struct and_operand : pegtl::seq<unary> {};
struct and_expr : pegtl::seq<unary, pegtl::star<pegtl::if_must<and_op, and_operand>>> {};

struct or_op : pegtl::seq<ws, kw_or, ws> {};
struct or_operand : pegtl::seq<and_expr> {};
struct or_expr : pegtl::seq<and_expr, pegtl::star<pegtl::if_must<or_op, or_operand>>> {};

struct filter_body : pegtl::seq<or_expr> {};
struct filter_end : pegtl::eof {};
struct filter_content : pegtl::seq<pegtl::must<filter_body>, ws, pegtl::must<filter_end>> {};
struct filter : pegtl::seq<ws, pegtl::sor<pegtl::eof, filter_content>> {};

// ---- Order lists -----------------------------------------------------------------------------

struct order_name : pegtl::sor<quoted_name, pegtl::identifier> {};
struct order_head : order_name {};
struct order_segment : order_name {};
struct order_dot_tail : pegtl::if_must<pegtl::seq<ws, dot>, ws, order_segment> {};
struct order_asc : kw_asc {};
struct order_desc : kw_desc {};
struct order_direction : pegtl::seq<ws, pegtl::sor<order_asc, order_desc>> {};
struct order_key
    : pegtl::seq<order_head, pegtl::star<order_dot_tail>, pegtl::opt<order_direction>> {};
struct order_list
    : pegtl::seq<order_key, pegtl::star<pegtl::if_must<pegtl::seq<ws, comma>, ws, order_key>>> {};

struct order_end : pegtl::eof {};
struct order_text : pegtl::seq<ws, pegtl::must<order_list>, ws, pegtl::must<order_end>> {};

struct order_open : pegtl::one<'('> {};
struct order_close : pegtl::one<')'> {};
struct order_group : pegtl::if_must<order_open, ws, order_list, ws, order_close> {};
struct order_value : pegtl::sor<order_group, order_key> {};

}  // namespace linkgraph::dsl::grammar
