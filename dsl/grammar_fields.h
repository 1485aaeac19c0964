// PEGTL grammar of one field selection string (DESIGN.md §4, §7):
//   field    <- ws ( '*' / path ) ws eof
//   path     <- name ( ws '.' ws ( '*' / name ) )*
//   name     <- [A-Za-z_][A-Za-z0-9_]*
// Whitespace is allowed around '.'. A '*' ends the path (checked by the action).
// Pure rules: actions live in parse_fields.cc, messages in errors.h.
#pragma once

#include <tao/pegtl.hpp>

namespace linkgraph::dsl::grammar {

namespace pegtl = tao::pegtl;

struct ws : pegtl::star<pegtl::one<' ', '\t', '\r', '\n'>> {};
struct name : pegtl::identifier {};
struct star : pegtl::one<'*'> {};
struct dot : pegtl::one<'.'> {};

struct after_dot : pegtl::sor<star, name> {};
struct dot_tail : pegtl::if_must<pegtl::seq<ws, dot>, ws, after_dot> {};
struct path : pegtl::seq<name, pegtl::star<dot_tail>> {};
struct field_start : pegtl::sor<star, path> {};
struct field_end : pegtl::eof {};
struct field : pegtl::must<ws, field_start, ws, field_end> {};

}  // namespace linkgraph::dsl::grammar
