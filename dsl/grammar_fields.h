// PEGTL grammar of one field selection string (DESIGN.md §4, §7):
//   field    <- ws ( '*' / path ) ws eof
//   path     <- segment ( '.' ( '*' / segment ) )*
//   segment  <- name args?
//   name     <- [A-Za-z_][A-Za-z0-9_]* / '"' ( [^"] / '""' )* '"'
//   args     <- '(' ( arg / filter ) ( ',' arg )* ')'
//   arg      <- 'order' ':' order_value / 'skip' ':' count / 'take' ':' count
//             / 'withDeleted' ':' ( 'true' / 'false' )
//   count    <- [0-9]+
// Whitespace is allowed around '.', '(', ')', ',' and ':'. A '*' ends the path (checked by the
// action). Argument keys are case-insensitive; `filter` and `order_value` come from
// grammar_filter.h (the text forms). Pure rules: actions live in parse_fields.cc, messages in
// errors.h.
#pragma once

#include <tao/pegtl.hpp>

#include "dsl/grammar_filter.h"

namespace linkgraph::dsl::grammar {

namespace pegtl = tao::pegtl;

// A bare identifier or a quoted name (`items."order".email`: a keyword of the shell as a name).
struct name : pegtl::sor<quoted_name, pegtl::identifier> {};
struct star : pegtl::one<'*'> {};

// ---- Relation arguments: `alias(<filter>, order: k desc, skip: N, take: N, withDeleted: true)`

struct kw_order : ikeyword<'o', 'r', 'd', 'e', 'r'> {};
struct kw_skip : ikeyword<'s', 'k', 'i', 'p'> {};
struct kw_take : ikeyword<'t', 'a', 'k', 'e'> {};
struct kw_with_deleted
    : ikeyword<'w', 'i', 't', 'h', 'd', 'e', 'l', 'e', 't', 'e', 'd'> {};

// A key is only a key when followed by ':' (a filter may name a field `order`).
struct arg_order_key : pegtl::seq<kw_order, ws, colon> {};
struct arg_skip_key : pegtl::seq<kw_skip, ws, colon> {};
struct arg_take_key : pegtl::seq<kw_take, ws, colon> {};
struct arg_with_deleted_key : pegtl::seq<kw_with_deleted, ws, colon> {};

struct arg_count : pegtl::seq<pegtl::plus<pegtl::digit>, pegtl::not_at<pegtl::identifier_other>> {};
struct arg_true : kw_true {};
struct arg_false : kw_false {};
struct arg_bool : pegtl::sor<arg_true, arg_false> {};
struct arg_order_value : pegtl::seq<order_value> {};

struct order_arg : pegtl::if_must<arg_order_key, ws, arg_order_value> {};
struct skip_arg : pegtl::if_must<arg_skip_key, ws, arg_count> {};
struct take_arg : pegtl::if_must<arg_take_key, ws, arg_count> {};
struct with_deleted_arg : pegtl::if_must<arg_with_deleted_key, ws, arg_bool> {};
struct named_arg : pegtl::sor<order_arg, skip_arg, take_arg, with_deleted_arg> {};

struct args_filter : pegtl::seq<or_expr> {};
struct first_arg : pegtl::sor<named_arg, args_filter> {};
struct next_arg : pegtl::seq<named_arg> {};
struct args_open : pegtl::one<'('> {};
struct args_close : pegtl::one<')'> {};
struct args : pegtl::seq<ws, args_open, ws, pegtl::must<first_arg>,
                         pegtl::star<pegtl::if_must<pegtl::seq<ws, comma>, ws, next_arg>>, ws,
                         pegtl::must<args_close>> {};

// ---- Paths ---------------------------------------------------------------------------------

struct segment : pegtl::seq<name, pegtl::opt<args>> {};
struct after_dot : pegtl::sor<star, segment> {};
struct dot_tail : pegtl::if_must<pegtl::seq<ws, dot>, ws, after_dot> {};
struct path : pegtl::seq<segment, pegtl::star<dot_tail>> {};
struct field_start : pegtl::sor<star, path> {};
struct field_end : pegtl::eof {};
struct field : pegtl::must<ws, field_start, ws, field_end> {};

}  // namespace linkgraph::dsl::grammar
