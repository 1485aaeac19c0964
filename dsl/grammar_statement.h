// PEGTL grammar of the shell's sources and statements (DESIGN.md §6; statement.h).
//
// 1. Cutting a source into chunks (SplitScript), `script`:
//   script     <- ( blank / ';' / '--' comment / '//' comment / '/*' comment '*/'
//                 / dot / schema / stmt )* eof
//   dot        <- <first non-blank of its line> '.' [^\n]*
//   stmt       <- ( "'" ( [^'] / "''" )* "'" / '"' … '"' / '--'@0 [^\n]* / [{[] / [}\]]
//                 / !';'@0 . )+ ';'@0?          ('"' strings take `\` escapes inside JSON,
//                                               doubled quotes outside; '@0': at JSON depth 0;
//                                               an unclosed quote runs to the end)
//   schema     <- &schema_word ( string / comment / [({[] / [)}\]] / ';'@0 &schema_word
//                 / !( ';'@0 / '\n'@0 ends_schema ) . )+ ';'@0?     (depth: brackets)
//   Comments are blanked (Script::blanked). Depth is counted by the actions, never recursed,
//   so any nesting is cut (a chunk whose JSON never closes runs to the end of the source).
//
// 2. One statement (ParseStatement), `statement_text`: the productions of statement.h, keywords
//   case-insensitive and reserved (`reserved`: the only list of them), names bare or "quoted";
//   fields, filters and orders are read in place by the field and filter parsers (the
//   `*_here` rules of parse_statement.cc), JSON by the `json_*` rules below:
//   json_value <- json_string / json_number / json_object / json_array / true / false / null
//   (json_document, a whole document: FindJsonSyntaxError.)
// Pure rules, besides a few that look at the parse state (`depth0`, `in_json`,
// `first_on_line`: templates over it). Actions, messages and the JSON depth limit live in
// parse_statement.cc.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "dsl/grammar_filter.h"

namespace linkgraph::dsl::grammar::statement {

namespace pegtl = tao::pegtl;
using grammar::ikeyword;
using grammar::ws;

// A rule that consumes nothing and succeeds when `Test(state)` holds.
template <typename Test>
struct state_test {
  using rule_t = state_test;
  using subs_t = pegtl::type_list<>;
  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename State>
  [[nodiscard]] static bool match(ParseInput& in, State& st) {
    return Test::test(in, st);
  }
};

struct depth_is_zero {
  template <typename ParseInput, typename State>
  static bool test(const ParseInput&, const State& st) { return st.depth == 0; }
};
struct depth_positive {
  template <typename ParseInput, typename State>
  static bool test(const ParseInput&, const State& st) { return st.depth > 0; }
};
// Only blanks (comments already blanked) since the start of the line.
struct line_is_blank {
  template <typename ParseInput, typename State>
  static bool test(const ParseInput& in, const State& st) {
    size_t at = static_cast<size_t>(in.current() - in.begin());
    while (at > 0 && st.blanked[at - 1] != '\n') {
      char c = st.blanked[at - 1];
      if (c != ' ' && c != '\t' && c != '\r') return false;
      --at;
    }
    return true;
  }
};

struct depth0 : state_test<depth_is_zero> {};
struct in_json : state_test<depth_positive> {};
struct first_on_line : state_test<line_is_blank> {};

// ---- 1. Cutting a source into chunks ---------------------------------------------------------

struct blank : pegtl::one<' ', '\t', '\r', '\n'> {};
struct rest_of_line : pegtl::star<pegtl::not_one<'\n'>> {};
struct sql_comment : pegtl::seq<pegtl::two<'-'>, rest_of_line> {};
struct line_comment : pegtl::seq<pegtl::two<'/'>, rest_of_line> {};
struct block_comment
    : pegtl::seq<pegtl::string<'/', '*'>,
                 pegtl::sor<pegtl::until<pegtl::string<'*', '/'>>, pegtl::star<pegtl::any>>> {};
struct c_comment : pegtl::sor<line_comment, block_comment> {};
struct empty_statement : pegtl::one<';'> {};

struct dot_command : pegtl::seq<first_on_line, pegtl::one<'.'>, rest_of_line> {};

// Quoted text up to its closing quote (or the end of the source when it is not closed).
template <char Q>
struct doubled_quoted
    : pegtl::seq<pegtl::one<Q>, pegtl::star<pegtl::sor<pegtl::two<Q>, pegtl::not_one<Q>>>,
                 pegtl::opt<pegtl::one<Q>>> {};
template <char Q>
struct escaped_quoted
    : pegtl::seq<pegtl::one<Q>,
                 pegtl::star<pegtl::sor<pegtl::seq<pegtl::one<'\\'>, pegtl::any>, pegtl::not_one<Q>>>,
                 pegtl::opt<pegtl::one<Q>>> {};

// A statement.
struct stmt_string : doubled_quoted<'\''> {};
struct stmt_json_string : pegtl::seq<in_json, escaped_quoted<'"'>> {};
struct stmt_name : doubled_quoted<'"'> {};
struct stmt_comment : pegtl::seq<depth0, sql_comment> {};
struct stmt_open : pegtl::one<'{', '['> {};
struct stmt_close : pegtl::one<'}', ']'> {};
struct stmt_semicolon : pegtl::seq<depth0, pegtl::one<';'>> {};
struct stmt_other : pegtl::seq<pegtl::not_at<stmt_semicolon>, pegtl::any> {};
struct stmt_piece : pegtl::sor<stmt_string, stmt_json_string, stmt_name, stmt_comment, stmt_open,
                               stmt_close, stmt_other> {};
struct stmt_start : pegtl::success {};
struct stmt_chunk : pegtl::seq<stmt_start, pegtl::plus<stmt_piece>, pegtl::opt<stmt_semicolon>> {};

// Schema text.
template <char... Cs>
struct word : pegtl::seq<pegtl::string<Cs...>, pegtl::not_at<pegtl::identifier_other>> {};
struct schema_word_not_module
    : pegtl::sor<word<'M', 'o', 'd', 'u', 'l', 'e'>, word<'d', 'e', 'f', 'i', 'n', 'e', 'L', 'i', 'n', 'k'>,
                 word<'m', 'o', 'd', 'e', 'l'>, word<'i', 'm', 'p', 'o', 'r', 't'>,
                 word<'e', 'x', 'p', 'o', 'r', 't'>, word<'c', 'o', 'n', 's', 't'>,
                 word<'l', 'e', 't'>, word<'v', 'a', 'r'>, word<'c', 'l', 'a', 's', 's'>> {};
struct schema_word : pegtl::sor<word<'m', 'o', 'd', 'u', 'l', 'e'>, schema_word_not_module> {};

// A line that starts something other than schema text.
struct dot_word
    : pegtl::sor<ikeyword<'s', 'c', 'h', 'e', 'm', 'a'>, ikeyword<'t', 'a', 'b', 'l', 'e', 's'>,
                 ikeyword<'e', 'x', 'p', 'l', 'a', 'i', 'n'>, ikeyword<'t', 'i', 'm', 'e', 'r'>,
                 ikeyword<'f', 'o', 'r', 'm', 'a', 't'>, ikeyword<'m', 'a', 'x', 'r', 'o', 'w', 's'>,
                 ikeyword<'t', 'i', 'm', 'e', 'o', 'u', 't'>,
                 ikeyword<'m', 'a', 'x', 'b', 'y', 't', 'e', 's'>, ikeyword<'p', 'a', 'r', 'a', 'm'>,
                 ikeyword<'d', 'u', 'm', 'p'>, ikeyword<'r', 'e', 'a', 'd'>,
                 ikeyword<'c', 'h', 'e', 'c', 'k', 'p', 'o', 'i', 'n', 't'>,
                 ikeyword<'b', 'a', 'c', 'k', 'u', 'p'>, ikeyword<'h', 'e', 'l', 'p'>,
                 ikeyword<'v', 'e', 'r', 's', 'i', 'o', 'n'>, ikeyword<'q', 'u', 'i', 't'>,
                 ikeyword<'e', 'x', 'i', 't'>> {};

// ---- Keywords of statements ------------------------------------------------------------------

struct kw_graph : ikeyword<'g', 'r', 'a', 'p', 'h'> {};
struct kw_fields : ikeyword<'f', 'i', 'e', 'l', 'd', 's'> {};
struct kw_where : ikeyword<'w', 'h', 'e', 'r', 'e'> {};
struct kw_order : ikeyword<'o', 'r', 'd', 'e', 'r'> {};
struct kw_by : ikeyword<'b', 'y'> {};
struct kw_skip : ikeyword<'s', 'k', 'i', 'p'> {};
struct kw_take : ikeyword<'t', 'a', 'k', 'e'> {};
struct kw_with : ikeyword<'w', 'i', 't', 'h'> {};
struct kw_deleted : ikeyword<'d', 'e', 'l', 'e', 't', 'e', 'd'> {};
struct kw_create : ikeyword<'c', 'r', 'e', 'a', 't', 'e'> {};
struct kw_update : ikeyword<'u', 'p', 'd', 'a', 't', 'e'> {};
struct kw_set : ikeyword<'s', 'e', 't'> {};
struct kw_delete : ikeyword<'d', 'e', 'l', 'e', 't', 'e'> {};
struct kw_soft : ikeyword<'s', 'o', 'f', 't'> {};
struct kw_restore : ikeyword<'r', 'e', 's', 't', 'o', 'r', 'e'> {};
struct kw_link : ikeyword<'l', 'i', 'n', 'k'> {};
struct kw_dismiss : ikeyword<'d', 'i', 's', 'm', 'i', 's', 's'> {};
struct kw_unlink : ikeyword<'u', 'n', 'l', 'i', 'n', 'k'> {};
struct kw_load : ikeyword<'l', 'o', 'a', 'd'> {};
struct kw_from : ikeyword<'f', 'r', 'o', 'm'> {};
struct kw_begin : ikeyword<'b', 'e', 'g', 'i', 'n'> {};
struct kw_commit : ikeyword<'c', 'o', 'm', 'm', 'i', 't'> {};
struct kw_rollback : ikeyword<'r', 'o', 'l', 'l', 'b', 'a', 'c', 'k'> {};

// The first word of a statement (a line starting with one ends schema text).
struct statement_word
    : pegtl::sor<kw_graph, kw_create, kw_update, kw_delete, kw_soft, kw_restore, kw_link,
                 kw_dismiss, kw_unlink, kw_load, kw_begin, kw_commit, kw_rollback> {};

// The shell's reserved words (DESIGN.md §6): the statement words, the clause words and the
// filter grammar's keywords.
struct reserved
    : pegtl::sor<statement_word, kw_fields, kw_where, kw_order, kw_by, grammar::kw_asc,
                 grammar::kw_desc, kw_skip, kw_take, kw_with, kw_deleted, kw_set, kw_from,
                 grammar::reserved> {};

struct ends_schema
    : pegtl::seq<pegtl::star<pegtl::one<' ', '\t', '\r'>>,
                 pegtl::sor<pegtl::two<'-'>, pegtl::seq<pegtl::one<'.'>, dot_word>, statement_word>> {};

struct schema_string : pegtl::sor<escaped_quoted<'"'>, escaped_quoted<'\''>, escaped_quoted<'`'>> {};
struct schema_open : pegtl::one<'(', '{', '['> {};
struct schema_close : pegtl::one<')', '}', ']'> {};
// `;` between schema statements in a row: a model, then the Module(…) that owns it.
struct schema_continue
    : pegtl::seq<depth0, pegtl::one<';'>,
                 pegtl::at<pegtl::star<pegtl::sor<blank, c_comment>>, schema_word_not_module>> {};
struct schema_semicolon : pegtl::seq<depth0, pegtl::one<';'>> {};
struct schema_stop
    : pegtl::sor<schema_semicolon, pegtl::seq<depth0, pegtl::one<'\n'>, ends_schema>> {};
struct schema_other : pegtl::seq<pegtl::not_at<schema_stop>, pegtl::any> {};
struct schema_piece : pegtl::sor<schema_string, c_comment, schema_continue, schema_open,
                                 schema_close, schema_other> {};
struct schema_start : pegtl::success {};
struct schema_chunk : pegtl::seq<pegtl::at<schema_word>, schema_start, pegtl::plus<schema_piece>,
                                 pegtl::opt<schema_semicolon>> {};

struct script_item : pegtl::sor<pegtl::plus<blank>, empty_statement, sql_comment, c_comment,
                                dot_command, schema_chunk, stmt_chunk> {};
struct script : pegtl::seq<pegtl::star<script_item>, pegtl::eof> {};

// ---- JSON (RFC 8259) -------------------------------------------------------------------------

struct json_value;
struct json_escape : pegtl::sor<pegtl::one<'"', '\\', '/', 'b', 'f', 'n', 'r', 't'>,
                                pegtl::seq<pegtl::one<'u'>, pegtl::rep<4, pegtl::xdigit>>> {};
struct json_plain : pegtl::utf8::range<0x20, 0x10FFFF> {};
struct json_char : pegtl::if_then_else<pegtl::one<'\\'>, pegtl::must<json_escape>, json_plain> {};
struct json_string
    : pegtl::seq<pegtl::one<'"'>, pegtl::until<pegtl::one<'"'>, pegtl::must<json_char>>> {};
struct json_digits : pegtl::plus<pegtl::digit> {};
struct json_fraction : pegtl::if_must<pegtl::one<'.'>, json_digits> {};
struct json_exponent
    : pegtl::if_must<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>, json_digits> {};
struct json_int : pegtl::sor<pegtl::one<'0'>, pegtl::plus<pegtl::digit>> {};
struct json_number : pegtl::seq<pegtl::opt<pegtl::one<'-'>>, pegtl::must<json_int>,
                                pegtl::opt<json_fraction>, pegtl::opt<json_exponent>> {};
struct json_number_start : pegtl::sor<pegtl::one<'-'>, pegtl::digit> {};
struct json_literal : pegtl::sor<pegtl::string<'t', 'r', 'u', 'e'>, pegtl::string<'f', 'a', 'l', 's', 'e'>,
                                 pegtl::string<'n', 'u', 'l', 'l'>> {};

struct json_array_close : pegtl::one<']'> {};
struct json_element : pegtl::seq<json_value> {};
struct json_elements
    : pegtl::seq<pegtl::must<json_element>, ws,
                 pegtl::star<pegtl::one<','>, ws, pegtl::must<json_element>, ws>,
                 pegtl::must<json_array_close>> {};
struct json_array_level
    : pegtl::seq<pegtl::one<'['>, ws, pegtl::sor<pegtl::one<']'>, json_elements>> {};
struct json_array : pegtl::seq<pegtl::at<pegtl::one<'['>>, json_array_level> {};

struct json_object_close : pegtl::one<'}'> {};
struct json_key : pegtl::seq<json_string> {};
struct json_colon : pegtl::one<':'> {};
struct json_member_value : pegtl::seq<json_value> {};
struct json_member : pegtl::seq<pegtl::must<json_key>, ws, pegtl::must<json_colon>, ws,
                                pegtl::must<json_member_value>> {};
struct json_members
    : pegtl::seq<json_member, ws, pegtl::star<pegtl::one<','>, ws, json_member, ws>,
                 pegtl::must<json_object_close>> {};
struct json_object_level
    : pegtl::seq<pegtl::one<'{'>, ws, pegtl::sor<pegtl::one<'}'>, json_members>> {};
struct json_object : pegtl::seq<pegtl::at<pegtl::one<'{'>>, json_object_level> {};

struct json_value : pegtl::sor<json_string, pegtl::seq<pegtl::at<json_number_start>, json_number>,
                               json_object, json_array, json_literal> {};

// A whole JSON document (FindJsonSyntaxError).
// (FindJsonSyntaxError reports what follows the document as json_document_end's error.)
struct json_document_end : pegtl::eof {};
struct json_document : pegtl::seq<ws, pegtl::must<json_element>, ws> {};

// ---- 2. Statements ---------------------------------------------------------------------------

// Names: bare (not reserved) or quoted; a reserved word may name a module (`link.x`).
struct bare_name : pegtl::seq<pegtl::not_at<reserved>, pegtl::identifier> {};
struct name : pegtl::sor<grammar::quoted_name, bare_name> {};
struct entity_head
    : pegtl::sor<grammar::quoted_name,
                 pegtl::seq<pegtl::at<pegtl::identifier, ws, grammar::dot>, pegtl::identifier>,
                 bare_name> {};
struct entity_part : pegtl::seq<name> {};
struct entity
    : pegtl::seq<entity_head, pegtl::star<pegtl::if_must<pegtl::seq<ws, grammar::dot>, ws,
                                                         entity_part>>> {};

struct statement_end : pegtl::eof {};
struct clause_word : pegtl::sor<kw_where, kw_order, kw_skip, kw_take, kw_with> {};

// The JSON of a statement; which kinds it may be is the statement's (messages in the .cc).
struct request_json : pegtl::seq<json_object> {};
struct rows_json : pegtl::sor<json_object, json_array> {};
struct update_rows_json : pegtl::sor<json_object, json_array> {};
struct set_json : pegtl::seq<json_object> {};
struct link_json : pegtl::sor<json_object, json_array> {};

// Rules read in place by the field and filter parsers: declared here, defined in
// parse_statement.cc (they consume what they read and fail, consuming nothing, when nothing of
// theirs starts here).
#define LG_IN_PLACE_RULE(NAME)                                                            \
  struct NAME {                                                                           \
    using rule_t = NAME;                                                                  \
    using subs_t = pegtl::type_list<>;                                                    \
    template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action, \
              template <typename...> class Control, typename ParseInput, typename State>  \
    [[nodiscard]] static bool match(ParseInput& in, State& st);                           \
  }
LG_IN_PLACE_RULE(field_here);   // one field selection (grammar_fields.h's field_start)
LG_IN_PLACE_RULE(filter_here);  // a text-form filter (grammar_filter.h's or_expr)
LG_IN_PLACE_RULE(order_here);   // an order list (grammar_filter.h's order_list)
#undef LG_IN_PLACE_RULE

// Filters: the object form, or the text form; `where` up to the next clause (graph) or to the
// end of the statement (update … set, delete, soft delete, restore).
struct after_filter_object : pegtl::at<pegtl::sor<clause_word, pegtl::eof>> {};
struct after_filter : pegtl::at<pegtl::sor<clause_word, pegtl::eof>> {};
struct after_filter_object_end : pegtl::eof {};
struct after_filter_end : pegtl::eof {};
struct filter_json : pegtl::seq<json_object> {};
struct graph_filter
    : pegtl::sor<pegtl::seq<filter_json, ws, pegtl::must<after_filter_object>>,
                 pegtl::seq<pegtl::not_at<clause_word>, filter_here, ws, pegtl::must<after_filter>>> {};
struct where_filter
    : pegtl::sor<pegtl::seq<filter_json, ws, pegtl::must<after_filter_object_end>>,
                 pegtl::seq<filter_here, ws, pegtl::must<after_filter_end>>> {};

// graph ENTITY fields FIELD, … [where …] [order by …] [skip N] [take N] [with deleted]
struct reserved_field : pegtl::failure {};  // raised at a reserved word where a field is expected
struct field_item
    : pegtl::sor<pegtl::seq<pegtl::at<reserved, ws, grammar::dot>, pegtl::must<reserved_field>>,
                 pegtl::seq<pegtl::not_at<clause_word>, pegtl::not_at<reserved>, field_here>,
                 pegtl::seq<pegtl::not_at<clause_word>, pegtl::at<reserved>,
                            pegtl::must<reserved_field>>> {};
struct first_field : pegtl::seq<field_item> {};
struct next_field : pegtl::seq<field_item> {};
struct field_tail : pegtl::at<ws, pegtl::sor<grammar::comma, clause_word, pegtl::eof>> {};
struct field_list
    : pegtl::seq<pegtl::must<first_field>, pegtl::must<field_tail>,
                 pegtl::star<pegtl::if_must<pegtl::seq<ws, grammar::comma>, ws, next_field,
                                            field_tail>>> {};

struct count_number
    : pegtl::seq<pegtl::opt<pegtl::one<'-'>>, pegtl::plus<pegtl::digit>,
                 pegtl::opt<pegtl::one<'.'>, pegtl::plus<pegtl::digit>>,
                 pegtl::opt<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>,
                            pegtl::plus<pegtl::digit>>> {};
struct skip_count : pegtl::seq<count_number> {};
struct take_count : pegtl::seq<count_number> {};
struct clause_end : pegtl::at<pegtl::sor<clause_word, pegtl::eof>> {};

struct by_keyword : pegtl::seq<kw_by> {};
struct deleted_keyword : pegtl::seq<kw_deleted> {};
struct order_keys : pegtl::seq<pegtl::not_at<clause_word>, order_here> {};
struct after_order : pegtl::at<pegtl::sor<clause_word, pegtl::eof>> {};

struct where_clause : pegtl::if_must<kw_where, ws, graph_filter> {};
struct order_clause
    : pegtl::if_must<kw_order, ws, by_keyword, ws, order_keys, ws, after_order> {};
struct skip_clause : pegtl::if_must<kw_skip, ws, skip_count, ws, clause_end> {};
struct take_clause : pegtl::if_must<kw_take, ws, take_count, ws, clause_end> {};
struct with_clause : pegtl::if_must<kw_with, ws, deleted_keyword, ws, clause_end> {};
struct clause : pegtl::sor<where_clause, order_clause, skip_clause, take_clause, with_clause> {};

struct fields_keyword : pegtl::seq<kw_fields> {};
struct graph_text
    : pegtl::seq<pegtl::must<entity>, ws, pegtl::must<fields_keyword>, ws, field_list,
                 pegtl::star<ws, clause>, ws, pegtl::must<statement_end>> {};
struct graph_json : pegtl::seq<request_json, ws, pegtl::must<statement_end>> {};
struct graph_body : pegtl::sor<graph_json, graph_text> {};
struct graph_statement : pegtl::if_must<kw_graph, ws, graph_body> {};

// Writes.
struct where_keyword : pegtl::seq<kw_where> {};
struct create_statement
    : pegtl::if_must<kw_create, ws, entity, ws, rows_json, ws, statement_end> {};
struct update_set : pegtl::if_must<kw_set, ws, set_json, ws, where_keyword, ws, where_filter> {};
struct update_rows : pegtl::seq<pegtl::must<update_rows_json>, ws, pegtl::must<statement_end>> {};
struct update_body : pegtl::sor<update_set, update_rows> {};
struct update_statement : pegtl::if_must<kw_update, ws, entity, ws, update_body> {};
struct delete_statement
    : pegtl::if_must<kw_delete, ws, entity, ws, where_keyword, ws, where_filter> {};
struct delete_after_soft : pegtl::seq<kw_delete> {};
struct soft_statement
    : pegtl::if_must<kw_soft, ws, delete_after_soft, ws, entity, ws, where_keyword, ws,
                     where_filter> {};
struct restore_statement
    : pegtl::if_must<kw_restore, ws, entity, ws, where_keyword, ws, where_filter> {};
struct link_statement : pegtl::if_must<kw_link, ws, link_json, ws, statement_end> {};
struct dismiss_statement : pegtl::if_must<kw_dismiss, ws, link_json, ws, statement_end> {};
struct unlink_statement : pegtl::if_must<kw_unlink, ws, link_json, ws, statement_end> {};

struct load_file : pegtl::seq<grammar::string_lit> {};
struct load_from : pegtl::seq<kw_from> {};
struct load_entity
    : pegtl::seq<entity, ws, pegtl::must<load_from>, ws, pegtl::must<load_file>> {};
struct load_target : pegtl::sor<load_file, load_entity> {};
struct load_statement : pegtl::if_must<kw_load, ws, load_target, ws, statement_end> {};

struct begin_statement : pegtl::if_must<kw_begin, ws, statement_end> {};
struct commit_statement : pegtl::if_must<kw_commit, ws, statement_end> {};
struct rollback_statement : pegtl::if_must<kw_rollback, ws, statement_end> {};

struct statement
    : pegtl::sor<graph_statement, create_statement, update_statement, delete_statement,
                 soft_statement, restore_statement, link_statement, dismiss_statement,
                 unlink_statement, load_statement, begin_statement, commit_statement,
                 rollback_statement> {};
struct statement_text : pegtl::seq<ws, pegtl::must<statement>> {};

}  // namespace linkgraph::dsl::grammar::statement

// For tao::pegtl::analyze (the grammar tests): the state tests consume nothing, the rules read
// in place consume what they read.
namespace tao::pegtl {
template <typename Name, typename Test>
struct analyze_traits<Name, linkgraph::dsl::grammar::statement::state_test<Test>>
    : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, linkgraph::dsl::grammar::statement::field_here>
    : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, linkgraph::dsl::grammar::statement::filter_here>
    : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, linkgraph::dsl::grammar::statement::order_here>
    : analyze_any_traits<> {};
}  // namespace tao::pegtl
