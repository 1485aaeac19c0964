// PEGTL grammar of schema text (docs/schema.md): the TypeScript subset Medusa modules are
// written in.
//   file       <- ws ( statement ws )* eof
//   statement  <- ';' / import / module_block / export_stmt / plain_stmt
//   import     <- 'import' ( path / clause 'from' path ) ';'?
//   module_block <- 'module' NAME '{' ( ';' / ',' / 'links' (':' / '=') expr / export_stmt
//                   / plain_stmt )* '}'
//   export_stmt <- 'export' 'default'? ( class / plain_stmt )
//   plain_stmt <- class / ( ('const' / 'let' / 'var') NAME '=' )? expr ';'?
//   class      <- 'class' NAME ( 'extends' expr )? '{' balanced '}'        (ignored)
//   expr       <- primary ( '.' NAME / '(' ( expr ( ',' expr )* ','? )? ')' )*
//   primary    <- '(' ')' '=>' expr / string / number / true / false / null / object / array
//               / NAME
//   object     <- '{' ( key ( ':' expr )? ( ',' key ( ':' expr )? )* ','? )? '}'
//   array      <- '[' ( expr ( ',' expr )* ','? )? ']'
// Whitespace, `// line` and `/* block */` comments may come between any two tokens. Strings take
// either quote (or backticks without `${}`) and JSON's escapes plus `\'`, `\v`, `\0`, `\xHH`,
// `\u{H…}`. Pure rules: actions live in parse_schema.cc, messages in schema_errors.h.
#pragma once

#include <tao/pegtl.hpp>

namespace linkgraph::dsl::schema_grammar {

namespace pegtl = tao::pegtl;

// ---- Blanks and comments ------------------------------------------------------------------

struct line_comment
    : pegtl::seq<pegtl::two<'/'>, pegtl::until<pegtl::at<pegtl::sor<pegtl::one<'\n'>, pegtl::eof>>>> {};
struct block_comment_end : pegtl::until<pegtl::string<'*', '/'>> {};
struct block_comment : pegtl::if_must<pegtl::string<'/', '*'>, block_comment_end> {};
struct ws : pegtl::star<pegtl::sor<pegtl::space, line_comment, block_comment>> {};

// ---- Names and keywords -------------------------------------------------------------------

struct ident_first : pegtl::sor<pegtl::alpha, pegtl::one<'_', '$'>> {};
struct ident_other : pegtl::sor<pegtl::alnum, pegtl::one<'_', '$'>> {};
struct ident : pegtl::seq<ident_first, pegtl::star<ident_other>> {};

template <typename Word>
struct keyword : pegtl::seq<Word, pegtl::not_at<ident_other>> {};
struct kw_import : keyword<TAO_PEGTL_STRING("import")> {};
struct kw_from : keyword<TAO_PEGTL_STRING("from")> {};
struct kw_as : keyword<TAO_PEGTL_STRING("as")> {};
struct kw_type : keyword<TAO_PEGTL_STRING("type")> {};
struct kw_export : keyword<TAO_PEGTL_STRING("export")> {};
struct kw_default : keyword<TAO_PEGTL_STRING("default")> {};
struct kw_const : keyword<TAO_PEGTL_STRING("const")> {};
struct kw_let : keyword<TAO_PEGTL_STRING("let")> {};
struct kw_var : keyword<TAO_PEGTL_STRING("var")> {};
struct kw_module : keyword<TAO_PEGTL_STRING("module")> {};
struct kw_class : keyword<TAO_PEGTL_STRING("class")> {};
struct kw_extends : keyword<TAO_PEGTL_STRING("extends")> {};
struct kw_links : keyword<TAO_PEGTL_STRING("links")> {};
struct kw_true : keyword<TAO_PEGTL_STRING("true")> {};
struct kw_false : keyword<TAO_PEGTL_STRING("false")> {};
struct kw_null : keyword<TAO_PEGTL_STRING("null")> {};

// ---- Strings ------------------------------------------------------------------------------

struct escape_code
    : pegtl::sor<pegtl::one<'"', '\'', '`', '\\', '/', 'b', 'f', 'n', 'r', 't', 'v', '0'>,
                 pegtl::seq<pegtl::one<'u'>, pegtl::one<'{'>, pegtl::plus<pegtl::xdigit>,
                            pegtl::one<'}'>>,
                 pegtl::seq<pegtl::one<'u'>, pegtl::rep<4, pegtl::xdigit>>,
                 pegtl::seq<pegtl::one<'x'>, pegtl::rep<2, pegtl::xdigit>>> {};
struct escaped : pegtl::if_must<pegtl::one<'\\'>, escape_code> {};
struct dq_close : pegtl::one<'"'> {};
struct sq_close : pegtl::one<'\''> {};
struct bt_close : pegtl::one<'`'> {};
struct dq_chars : pegtl::star<pegtl::sor<escaped, pegtl::not_one<'"', '\\', '\n', '\r'>>> {};
struct dq_string : pegtl::if_must<pegtl::one<'"'>, dq_chars, dq_close> {};
struct sq_chars : pegtl::star<pegtl::sor<escaped, pegtl::not_one<'\'', '\\', '\n', '\r'>>> {};
struct sq_string : pegtl::if_must<pegtl::one<'\''>, sq_chars, sq_close> {};
struct bt_chars
    : pegtl::star<pegtl::sor<escaped, pegtl::seq<pegtl::not_at<pegtl::string<'$', '{'>>,
                                                 pegtl::not_one<'`', '\\'>>>> {};
struct bt_string : pegtl::if_must<pegtl::one<'`'>, bt_chars, bt_close> {};
struct string_lit : pegtl::sor<dq_string, sq_string, bt_string> {};

// ---- Numbers ------------------------------------------------------------------------------

struct fraction_digits : pegtl::plus<pegtl::digit> {};
struct exponent_sign : pegtl::opt<pegtl::one<'+', '-'>> {};
struct exponent_digits : pegtl::plus<pegtl::digit> {};
struct number_end : pegtl::not_at<pegtl::sor<ident_other, pegtl::one<'.'>>> {};
struct number
    : pegtl::seq<pegtl::opt<pegtl::one<'-'>>, pegtl::plus<pegtl::digit>,
                 pegtl::opt<pegtl::if_must<pegtl::one<'.'>, fraction_digits>>,
                 pegtl::opt<pegtl::if_must<pegtl::one<'e', 'E'>, exponent_sign, exponent_digits>>,
                 pegtl::must<number_end>> {};

// ---- Expressions --------------------------------------------------------------------------

struct expr;

struct string_value : pegtl::seq<string_lit> {};
struct true_value : kw_true {};
struct false_value : kw_false {};
struct null_value : kw_null {};
struct name_value : ident {};

struct arrow_head : pegtl::seq<pegtl::one<'('>, ws, pegtl::one<')'>, ws, pegtl::string<'=', '>'>> {};
struct arrow_body : pegtl::seq<expr> {};
struct arrow : pegtl::if_must<arrow_head, ws, arrow_body> {};

struct key_quoted : pegtl::seq<string_lit> {};
struct key_name : ident {};
struct member_value : pegtl::seq<expr> {};
struct shorthand : pegtl::at<pegtl::sor<pegtl::one<','>, pegtl::one<'}'>>> {};
struct member_tail : pegtl::sor<pegtl::seq<pegtl::one<':'>, ws, pegtl::must<member_value>>, shorthand> {};
struct member : pegtl::seq<pegtl::sor<key_quoted, key_name>, ws, pegtl::must<member_tail>> {};
struct object_sep : pegtl::sor<pegtl::one<','>, pegtl::at<pegtl::one<'}'>>> {};
struct object_open : pegtl::one<'{'> {};
struct object : pegtl::seq<object_open, ws,
                           pegtl::star<pegtl::not_at<pegtl::one<'}'>>, pegtl::must<member>, ws,
                                       pegtl::must<object_sep>, ws>,
                           pegtl::one<'}'>> {};

struct element : pegtl::seq<expr> {};
struct array_sep : pegtl::sor<pegtl::one<','>, pegtl::at<pegtl::one<']'>>> {};
struct array_open : pegtl::one<'['> {};
struct array : pegtl::seq<array_open, ws,
                          pegtl::star<pegtl::not_at<pegtl::one<']'>>, pegtl::must<element>, ws,
                                      pegtl::must<array_sep>, ws>,
                          pegtl::one<']'>> {};

struct call_arg : pegtl::seq<expr> {};
struct call_sep : pegtl::sor<pegtl::one<','>, pegtl::at<pegtl::one<')'>>> {};
struct call_open : pegtl::one<'('> {};
struct call_args : pegtl::seq<call_open, ws,
                              pegtl::star<pegtl::not_at<pegtl::one<')'>>, pegtl::must<call_arg>, ws,
                                          pegtl::must<call_sep>, ws>,
                              pegtl::one<')'>> {};

struct member_name : ident {};
struct member_access : pegtl::seq<ws, pegtl::one<'.'>, ws, pegtl::must<member_name>> {};
struct call : pegtl::seq<ws, call_args> {};
struct postfix : pegtl::sor<member_access, call> {};

struct primary : pegtl::sor<arrow, string_value, number, true_value, false_value, null_value,
                            object, array, name_value> {};
struct expr : pegtl::seq<primary, pegtl::star<postfix>> {};

// ---- Statements ---------------------------------------------------------------------------

struct semicolon : pegtl::one<';'> {};
struct opt_semicolon : pegtl::opt<ws, semicolon> {};

// import
struct import_path : pegtl::seq<string_lit> {};
struct import_default : ident {};
struct import_spec_name : ident {};
struct import_spec
    : pegtl::seq<pegtl::opt<kw_type, ws>, import_spec_name,
                 pegtl::opt<ws, kw_as, ws, pegtl::must<import_spec_name>>> {};
struct import_spec_sep : pegtl::sor<pegtl::one<','>, pegtl::at<pegtl::one<'}'>>> {};
struct named_imports
    : pegtl::seq<pegtl::one<'{'>, ws,
                 pegtl::star<pegtl::not_at<pegtl::one<'}'>>, pegtl::must<import_spec>, ws,
                             pegtl::must<import_spec_sep>, ws>,
                 pegtl::one<'}'>> {};
struct namespace_import
    : pegtl::if_must<pegtl::one<'*'>, ws, kw_as, ws, import_default> {};
struct import_clause
    : pegtl::seq<pegtl::opt<kw_type, ws>,
                 pegtl::sor<namespace_import, named_imports,
                            pegtl::seq<pegtl::not_at<kw_from>, import_default,
                                       pegtl::opt<ws, pegtl::one<','>, ws,
                                                  pegtl::sor<namespace_import, named_imports>>>>> {};
struct import_from : pegtl::seq<kw_from, ws, import_path> {};
struct import_rest : pegtl::sor<import_path, pegtl::seq<import_clause, ws, pegtl::must<import_from>>> {};
struct import_stmt : pegtl::if_must<kw_import, ws, import_rest, opt_semicolon> {};

// class (ignored): its body is skipped as balanced braces
struct brace_group;
struct class_code
    : pegtl::sor<pegtl::plus<pegtl::space>, line_comment, block_comment, string_lit, brace_group,
                 pegtl::plus<pegtl::not_one<'{', '}', '"', '\'', '`', '/'>>, pegtl::one<'/'>> {};
struct brace_close : pegtl::one<'}'> {};
struct class_codes : pegtl::star<class_code> {};
struct brace_group : pegtl::if_must<pegtl::one<'{'>, class_codes, brace_close> {};
struct class_name : ident {};
struct class_base : pegtl::seq<expr> {};
struct class_body : pegtl::seq<brace_group> {};
struct class_extends : pegtl::opt<kw_extends, ws, pegtl::must<class_base>, ws> {};
struct class_decl : pegtl::if_must<kw_class, ws, class_name, ws, class_extends, class_body> {};

// [const NAME =] expr
struct stmt_begin : pegtl::success {};
struct stmt_expr : pegtl::seq<expr> {};
struct binding_name : ident {};
struct binding_eq : pegtl::one<'='> {};
struct binding_value : pegtl::seq<stmt_expr> {};
struct binding_stmt : pegtl::if_must<pegtl::sor<kw_const, kw_let, kw_var>, ws, binding_name, ws,
                                     binding_eq, ws, binding_value> {};
struct plain_stmt : pegtl::seq<stmt_begin, pegtl::sor<class_decl, binding_stmt, stmt_expr>,
                               opt_semicolon> {};
struct export_body : pegtl::seq<plain_stmt> {};
struct export_stmt : pegtl::if_must<pegtl::seq<kw_export, ws, pegtl::opt<kw_default, ws>>,
                                    export_body> {};

// module NAME { … }
struct module_name_ident : ident {};
struct module_name_string : pegtl::seq<string_lit> {};
struct module_name : pegtl::sor<module_name_string, module_name_ident> {};
struct module_open : pegtl::one<'{'> {};
struct links_value : pegtl::seq<expr> {};
struct links_item
    : pegtl::if_must<pegtl::seq<kw_links, ws, pegtl::one<':', '='>>, ws, links_value> {};
struct block_item
    : pegtl::sor<semicolon, pegtl::one<','>, links_item, export_stmt, plain_stmt> {};
struct module_end : pegtl::one<'}'> {};
struct module_body : pegtl::star<pegtl::not_at<pegtl::one<'}'>>, pegtl::must<block_item>, ws> {};
struct module_block
    : pegtl::if_must<pegtl::seq<kw_module, pegtl::not_at<ws, pegtl::one<'.', '(', '=', ';'>>>, ws,
                     module_name, ws, module_open, ws, module_body, module_end> {};

struct statement : pegtl::sor<semicolon, import_stmt, module_block, export_stmt, plain_stmt> {};
struct file : pegtl::seq<ws, pegtl::star<pegtl::not_at<pegtl::eof>, pegtl::must<statement>, ws>,
                         pegtl::eof> {};

}  // namespace linkgraph::dsl::schema_grammar
