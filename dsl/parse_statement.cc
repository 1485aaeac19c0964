// Shell sources -> chunks, and shell statements -> Statement (statement.h). The only
// translation unit instantiating grammar_statement.h; fields, filters and orders are read in
// place by parse_fields.cc and parse_filter_text.cc (parse_text.h).
#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

#include <tao/pegtl.hpp>

#include "base/identifier.h"
#include "base/utf8.h"
#include "dsl/action_offsets.h"
#include "dsl/errors.h"
#include "dsl/grammar_statement.h"
#include "dsl/location.h"
#include "dsl/parse_text.h"
#include "dsl/statement.h"

namespace linkgraph::dsl {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::statement;
using Input = pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*>;

using internal::Begin;
using internal::End;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t TrimEnd(std::string_view text, size_t begin, size_t end) {
  while (end > begin && IsBlank(text[end - 1])) --end;
  return end;
}

// Strips the quotes of a `quote`-delimited token and undoubles the quotes inside.
std::string Unquote(std::string_view token, char quote) {
  std::string out;
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    out += token[i];
    if (token[i] == quote) ++i;
  }
  return out;
}

// ---- 1. Cutting a source into chunks ---------------------------------------------------------

struct SplitState {
  std::string_view text;
  std::string blanked;
  Script* script;
  int depth = 0;          // JSON (statements) or bracket (schema text) depth
  size_t begin = 0;       // the chunk being read
  size_t last = 0;        // schema text: its last character that is neither blank nor comment
  bool semicolon = false;  // the chunk ended at `;`
};

template <typename Rule>
struct split_action : pegtl::nothing<Rule> {};

struct blank_it {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    for (size_t i = Begin(in); i < End(in); ++i) {
      if (s.blanked[i] != '\n') s.blanked[i] = ' ';
    }
  }
};
template <> struct split_action<g::sql_comment> : blank_it {};
template <> struct split_action<g::c_comment> : blank_it {};

template <>
struct split_action<g::dot_command> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    std::string_view text = s.text;
    size_t end = End(in);
    s.script->chunks.push_back(ScriptChunk{ScriptChunk::Kind::kDot, Begin(in),
                                           TrimEnd(text, Begin(in), end), end < text.size()});
  }
};

template <>
struct split_action<g::stmt_start> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    s.begin = Begin(in);
    s.depth = 0;
    s.semicolon = false;
  }
};
template <>
struct split_action<g::schema_start> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    split_action<g::stmt_start>::apply(in, s);
    s.last = Begin(in);
  }
};

template <>
struct split_action<g::stmt_open> {
  template <typename ActionInput>
  static void apply(const ActionInput&, SplitState& s) { ++s.depth; }
};
template <>
struct split_action<g::stmt_close> {
  template <typename ActionInput>
  static void apply(const ActionInput&, SplitState& s) {
    if (s.depth > 0) --s.depth;
  }
};
template <>
struct split_action<g::stmt_semicolon> {
  template <typename ActionInput>
  static void apply(const ActionInput&, SplitState& s) { s.semicolon = true; }
};
template <>
struct split_action<g::stmt_chunk> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    size_t end = s.semicolon ? End(in) - 1 : End(in);
    s.script->chunks.push_back(ScriptChunk{ScriptChunk::Kind::kStatement, s.begin,
                                           TrimEnd(s.blanked, s.begin, end), s.semicolon});
  }
};

template <>
struct split_action<g::schema_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    ++s.depth;
    s.last = Begin(in);
  }
};
template <>
struct split_action<g::schema_close> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    if (s.depth > 0) --s.depth;
    s.last = Begin(in);
  }
};
template <>
struct split_action<g::schema_string> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) { s.last = End(in) - 1; }
};
template <>
struct split_action<g::schema_other> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    if (!IsBlank(*in.begin())) s.last = Begin(in);
  }
};
template <>
struct split_action<g::schema_semicolon> : split_action<g::stmt_semicolon> {};
template <>
struct split_action<g::schema_chunk> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, SplitState& s) {
    std::string_view text = s.text;
    size_t end = s.semicolon ? End(in) - 1 : End(in);
    // Complete at the end of the source just after a closing bracket at depth 0 (a definition
    // typed at the prompt).
    bool terminated = s.semicolon || (end == text.size() && s.depth == 0 &&
                                      (text[s.last] == '}' || text[s.last] == ')'));
    s.script->chunks.push_back(ScriptChunk{ScriptChunk::Kind::kSchema, s.begin,
                                           TrimEnd(text, s.begin, end), terminated});
  }
};

// ---- 2. Statements ---------------------------------------------------------------------------

struct StatementState {
  std::string_view text;  // the blanked source up to the chunk's end
  Statement st;
  bool seen_where = false;
  bool seen_order = false;
  bool seen_skip = false;
  bool seen_take = false;
  bool seen_with = false;
};

// Text that is not read as anything: the where callback of the in-place parsers (the statement
// keeps source offsets; the library locates what it reports itself).
std::string NoWhere(size_t) { return std::string(); }

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::entity_head> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    std::string_view token = in.string_view();
    s.st.entity = token[0] == '"' ? Unquote(token, '"') : std::string(token);
    s.st.entity_offset = Begin(in);
  }
};
template <>
struct action<g::entity_part> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    std::string_view token = in.string_view();
    s.st.entity += ".";
    s.st.entity += token[0] == '"' ? Unquote(token, '"') : std::string(token);
  }
};

struct json_text {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    s.st.json = SourceText{in.string(), Begin(in)};
  }
};
template <> struct action<g::request_json> : json_text {};
template <> struct action<g::rows_json> : json_text {};
template <> struct action<g::update_rows_json> : json_text {};
template <> struct action<g::set_json> : json_text {};
template <> struct action<g::link_json> : json_text {};
template <>
struct action<g::filter_json> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    s.st.filter = SourceText{in.string(), Begin(in)};
  }
};

template <Statement::Kind kKind>
struct set_kind {
  template <typename ActionInput>
  static void apply(const ActionInput&, StatementState& s) { s.st.kind = kKind; }
};
using K = Statement::Kind;
template <> struct action<g::graph_text> : set_kind<K::kGraph> {};
template <> struct action<g::graph_json> : set_kind<K::kGraphJson> {};
template <> struct action<g::create_statement> : set_kind<K::kCreate> {};
template <> struct action<g::update_rows> : set_kind<K::kUpdate> {};
template <> struct action<g::update_set> : set_kind<K::kUpdateSet> {};
template <> struct action<g::delete_statement> : set_kind<K::kDelete> {};
template <> struct action<g::soft_statement> : set_kind<K::kSoftDelete> {};
template <> struct action<g::restore_statement> : set_kind<K::kRestore> {};
template <> struct action<g::link_statement> : set_kind<K::kLink> {};
template <> struct action<g::dismiss_statement> : set_kind<K::kDismiss> {};
template <> struct action<g::unlink_statement> : set_kind<K::kUnlink> {};
template <> struct action<g::load_statement> : set_kind<K::kLoad> {};
template <> struct action<g::begin_statement> : set_kind<K::kBegin> {};
template <> struct action<g::commit_statement> : set_kind<K::kCommit> {};
template <> struct action<g::rollback_statement> : set_kind<K::kRollback> {};

// A clause keyword of `graph`: at most once each.
template <bool StatementState::*kSeen>
struct clause_once {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    if (s.*kSeen) throw internal::SyntaxError{Begin(in), "'" + in.string() + "' given twice"};
    s.*kSeen = true;
  }
};
template <> struct action<g::kw_where> : clause_once<&StatementState::seen_where> {};
template <> struct action<g::kw_order> : clause_once<&StatementState::seen_order> {};
template <> struct action<g::kw_skip> : clause_once<&StatementState::seen_skip> {};
template <> struct action<g::kw_take> : clause_once<&StatementState::seen_take> {};
template <> struct action<g::kw_with> : clause_once<&StatementState::seen_with> {};

template <bool kSkip>
struct count_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    const char* keyword = kSkip ? "skip" : "take";
    int64_t n = 0;
    auto [end, ec] = std::from_chars(in.begin(), in.end(), n);
    if (ec != std::errc() || end != in.end()) {
      throw internal::SyntaxError{Begin(in),
                                  std::string("expected a whole number after '") + keyword + "'"};
    }
    if (n < 0) {
      throw internal::SyntaxError{Begin(in),
                                  std::string("'") + keyword + "' must not be negative"};
    }
    (kSkip ? s.st.skip : s.st.take) = n;
  }
};
template <> struct action<g::skip_count> : count_action<true> {};
template <> struct action<g::take_count> : count_action<false> {};

template <>
struct action<g::deleted_keyword> {
  template <typename ActionInput>
  static void apply(const ActionInput&, StatementState& s) { s.st.with_deleted = true; }
};

template <>
struct action<g::load_file> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, StatementState& s) {
    s.st.file = Unquote(in.string_view(), '\'');
    s.st.file_offset = Begin(in);
  }
};

// ---- Messages --------------------------------------------------------------------------------

// What stands at `pos` of `text`, as messages quote it: a word, a quoted name or string (its
// text), a number, or one character (a bracket opening JSON or a list).
std::string FoundAt(std::string_view text, size_t pos) {
  char c = text[pos];
  size_t end = pos + 1;
  if (base::IsIdentifierStart(c)) {
    while (end < text.size() && base::IsIdentifierChar(text[end])) ++end;
    return std::string(text.substr(pos, end - pos));
  }
  if (c == '"' || c == '\'') {
    std::string decoded;
    for (size_t i = pos + 1; i < text.size(); ++i) {
      if (text[i] != c) {
        decoded += text[i];
      } else if (i + 1 < text.size() && text[i + 1] == c) {
        decoded += c;
        ++i;
      } else {
        break;
      }
    }
    return decoded;
  }
  if ((c >= '0' && c <= '9') || (c == '-' && end < text.size() && text[end] >= '0' &&
                                 text[end] <= '9')) {
    while (end < text.size() &&
           ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
      ++end;
    }
    return std::string(text.substr(pos, end - pos));
  }
  // Invisible characters (a byte-order mark, a no-break or zero-width space) by their code.
  size_t at = pos;
  uint32_t cp = base::DecodeUtf8(text, &at);
  if (cp == 0xFEFF || cp == 0xA0 || (cp >= 0x200B && cp <= 0x200F)) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string code = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) code += kHex[(cp >> shift) & 15];
    return code;
  }
  return std::string(text.substr(pos, base::SkipCodePoint(text, pos) - pos));
}

// How a must<> point's failure is told.
enum class Tell {
  kExpected,     // "expected …[, found 'x']"
  kName,         // as kExpected, but a reserved word found is told as such
  kEnd,          // "unexpected 'x': expected the end of the statement"
  kAfterObject,  // "unexpected 'x' after the filter object"
  kReserved,     // "'x' is a reserved word; …"
  kStatement,    // "unknown statement 'x'; …" or "expected a statement"
  kPlain,        // the message alone
  kHere,         // the message alone, at the very character (no blanks skipped)
};
struct Message {
  Tell tell = Tell::kPlain;
  const char* text = nullptr;
};

template <typename Rule>
inline constexpr Message kMessage{Tell::kPlain, grammar::error_message<Rule>};

#define LG_MESSAGE(RULE, TELL, TEXT) \
  template <>                        \
  inline constexpr Message kMessage<g::RULE>{Tell::TELL, TEXT};
LG_MESSAGE(statement, kStatement, nullptr)
LG_MESSAGE(statement_end, kEnd, nullptr)
LG_MESSAGE(clause_end, kEnd, nullptr)
LG_MESSAGE(after_filter_object, kAfterObject, nullptr)
LG_MESSAGE(after_filter_object_end, kAfterObject, nullptr)
LG_MESSAGE(reserved_field, kReserved, nullptr)
LG_MESSAGE(entity, kName, "an entity")
LG_MESSAGE(entity_part, kName, "a name after '.'")
LG_MESSAGE(graph_body, kName, "an entity")
LG_MESSAGE(fields_keyword, kExpected, "'fields'")
LG_MESSAGE(first_field, kExpected, "a field after 'fields'")
LG_MESSAGE(next_field, kExpected, "a field after ','")
LG_MESSAGE(field_tail, kPlain, "unexpected character; expected '.' or the end of the field")
LG_MESSAGE(graph_filter, kExpected, "a filter after 'where'")
LG_MESSAGE(where_filter, kExpected, "a filter after 'where'")
LG_MESSAGE(after_filter, kPlain, "expected 'and', 'or' or the end of the filter")
LG_MESSAGE(after_filter_end, kPlain, "expected 'and', 'or' or the end of the filter")
LG_MESSAGE(by_keyword, kExpected, "'by' after 'order'")
LG_MESSAGE(order_keys, kExpected, "an order key after 'by'")
LG_MESSAGE(after_order, kPlain, "expected asc, desc, ',' or the end of the order")
LG_MESSAGE(skip_count, kExpected, "a number after 'skip'")
LG_MESSAGE(take_count, kExpected, "a number after 'take'")
LG_MESSAGE(deleted_keyword, kExpected, "'deleted' after 'with'")
LG_MESSAGE(rows_json, kExpected, "a JSON object or array of rows")
LG_MESSAGE(update_body, kExpected, "'set' or a JSON object or array of rows")
LG_MESSAGE(update_rows_json, kExpected, "'set' or a JSON object or array of rows")
LG_MESSAGE(set_json, kExpected, "a JSON object after 'set'")
LG_MESSAGE(where_keyword, kExpected, "'where'")
LG_MESSAGE(delete_after_soft, kExpected, "'delete' after 'soft'")
LG_MESSAGE(link_json, kExpected, "a JSON link object or array")
LG_MESSAGE(load_target, kName, "'FILE' or ENTITY from 'FILE'")
LG_MESSAGE(load_from, kExpected, "'from'")
LG_MESSAGE(load_file, kExpected, "a file name in single quotes")
LG_MESSAGE(json_escape, kHere, "invalid JSON: expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) after '\\'")
LG_MESSAGE(json_char, kHere, "invalid JSON: control character or invalid UTF-8 in a string")
LG_MESSAGE(json_digits, kHere, "invalid JSON: expected a digit")
LG_MESSAGE(json_int, kHere, "invalid JSON: expected a digit after '-'")
LG_MESSAGE(json_element, kExpected, "a JSON value")
LG_MESSAGE(json_member_value, kExpected, "a JSON value")
LG_MESSAGE(json_key, kExpected, "a JSON object key (a \"string\")")
LG_MESSAGE(json_colon, kExpected, "':' after a JSON object key")
LG_MESSAGE(json_array_close, kExpected, "',' or ']' in a JSON array")
LG_MESSAGE(json_document_end, kExpected, "the end of the JSON document")
LG_MESSAGE(json_object_close, kExpected, "',' or '}' in a JSON object")
#undef LG_MESSAGE

// Rules whose errors are reported where the rule began (an unterminated string at its quote).
template <typename Rule>
inline constexpr bool kAtStart = grammar::reported_at_start<Rule>;

template <typename Rule>
inline constexpr bool kJsonLevel = false;
template <> inline constexpr bool kJsonLevel<g::json_array_level> = true;
template <> inline constexpr bool kJsonLevel<g::json_object_level> = true;

bool IsReservedAt(std::string_view text, size_t pos) {
  Input in(text.data() + pos, text.data() + text.size(), "word");
  return pegtl::parse<pegtl::seq<g::reserved>>(in);
}

internal::SyntaxError Explain(const Message& m, std::string_view text, size_t pos) {
  if (m.tell == Tell::kHere) return internal::SyntaxError{pos, m.text};
  while (pos < text.size() && IsBlank(text[pos])) ++pos;
  bool at_end = pos >= text.size();
  std::string found = at_end ? std::string() : FoundAt(text, pos);
  auto reserved = [&]() {
    return internal::SyntaxError{pos, "'" + found + "' is a reserved word; write it \"" + found +
                                          "\" to use it as a name"};
  };
  switch (m.tell) {
    case Tell::kHere:
    case Tell::kPlain:
      return internal::SyntaxError{pos, m.text == nullptr ? "syntax error" : m.text};
    case Tell::kReserved:
      return reserved();
    case Tell::kEnd:
      return internal::SyntaxError{pos, "unexpected '" + found +
                                            "': expected the end of the statement"};
    case Tell::kAfterObject:
      return internal::SyntaxError{pos, "unexpected '" + found + "' after the filter object"};
    case Tell::kStatement:
      if (at_end || !base::IsIdentifierStart(text[pos])) {
        return internal::SyntaxError{pos, "expected a statement"};
      }
      return internal::SyntaxError{
          pos, "unknown statement '" + found +
                   "'; statements: graph, create, update, delete, soft delete, restore, link, "
                   "dismiss, unlink, load, begin, commit, rollback"};
    case Tell::kName:
      if (!at_end && base::IsIdentifierStart(text[pos]) && IsReservedAt(text, pos)) {
        return reserved();
      }
      [[fallthrough]];
    case Tell::kExpected:
      if (at_end) return internal::SyntaxError{pos, std::string("expected ") + m.text};
      return internal::SyntaxError{pos,
                                   std::string("expected ") + m.text + ", found '" + found + "'"};
  }
  return internal::SyntaxError{pos, "syntax error"};
}

// PEGTL control: must<> points raise SyntaxError with their message; JSON levels are refused
// beyond kMaxStatementJsonDepth before they recurse.
template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    std::string_view text(in.begin(), static_cast<size_t>(in.end() - in.begin()));
    throw Explain(kMessage<Rule>, text, static_cast<size_t>(in.current() - in.begin()));
  }

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    using base = pegtl::normal<Rule>;
    if constexpr (kJsonLevel<Rule>) {
      struct Guard {
        size_t& depth;
        ~Guard() { --depth; }
      } guard{++in.private_depth};
      if (in.private_depth > kMaxStatementJsonDepth) {
        throw internal::SyntaxError{static_cast<size_t>(in.current() - in.begin()),
                                    "JSON nested deeper than " +
                                        std::to_string(kMaxStatementJsonDepth) + " levels"};
      }
      return base::template match<A, M, Action, Control>(in, st...);
    } else if constexpr (std::is_same_v<Rule, g::json_string>) {
      // Unterminated: reported at its opening quote.
      const char* start = in.current();
      try {
        return base::template match<A, M, Action, Control>(in, st...);
      } catch (internal::SyntaxError& e) {
        if (e.offset == static_cast<size_t>(in.end() - in.begin())) {
          e.offset = static_cast<size_t>(start - in.begin());
          e.message = "invalid JSON: unterminated string";
        }
        throw;
      }
    } else if constexpr (kAtStart<Rule>) {
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

}  // namespace

// ---- The rules read in place -----------------------------------------------------------------

namespace grammar::statement {

template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
          template <typename...> class Control, typename ParseInput, typename State>
bool field_here::match(ParseInput& in, State& s) {
  size_t pos = static_cast<size_t>(in.current() - in.begin());
  size_t start = pos;
  std::optional<FieldPath> path = internal::ParseFieldAt(
      s.text, &pos, static_cast<uint32_t>(s.st.field_paths.size()), NoWhere);
  if (!path) return false;
  in.bump(pos - start);
  s.st.fields.push_back(SourceText{path->text, start});
  s.st.field_paths.push_back(std::move(*path));
  return true;
}

template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
          template <typename...> class Control, typename ParseInput, typename State>
bool filter_here::match(ParseInput& in, State& s) {
  size_t pos = static_cast<size_t>(in.current() - in.begin());
  size_t start = pos;
  std::optional<FilterExpr> filter = internal::ParseFilterAt(s.text, &pos, NoWhere);
  if (!filter) return false;
  in.bump(pos - start);
  s.st.filter = SourceText{std::string(s.text.substr(start, pos - start)), start};
  s.st.filter_expr = std::move(*filter);
  return true;
}

template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
          template <typename...> class Control, typename ParseInput, typename State>
bool order_here::match(ParseInput& in, State& s) {
  size_t pos = static_cast<size_t>(in.current() - in.begin());
  size_t start = pos;
  if (!internal::ParseOrderListAt(s.text, &pos, NoWhere, &s.st.order_keys)) return false;
  in.bump(pos - start);
  s.st.order = SourceText{std::string(s.text.substr(start, pos - start)), start};
  return true;
}

}  // namespace grammar::statement

Script SplitScript(std::string_view text) {
  Script script;
  SplitState state{text, std::string(text), &script};
  Input in(text.data(), text.data() + text.size(), "script");
  (void)pegtl::parse<g::script, split_action>(in, state);
  script.blanked = std::move(state.blanked);
  return script;
}

absl::StatusOr<Statement> ParseStatement(std::string_view source, std::string_view blanked,
                                         const ScriptChunk& chunk) {
  StatementState s;
  s.text = blanked.substr(0, chunk.end);
  Input in(s.text.data(), s.text.data() + s.text.size(), "statement");
  in.bump(chunk.begin);
  s.st.offset = chunk.begin;
  try {
    // Names, strings and JSON are UTF-8, as the library reads them.
    std::string_view chunk_text = s.text.substr(chunk.begin);
    if (size_t bad = base::FirstInvalidUtf8(chunk_text); bad != std::string_view::npos) {
      throw internal::SyntaxError{chunk.begin + bad, "invalid UTF-8"};
    }
    pegtl::parse<g::statement_text, action, control>(in, s);
  } catch (const internal::SyntaxError& e) {
    LineColumn lc = LineColumnAt(source, e.offset);
    return InvalidAt(e.message, "line " + std::to_string(lc.line) + ", column " +
                                    std::to_string(lc.column));
  }
  return std::move(s.st);
}

std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view json) {
  Input in(json.data(), json.data() + json.size(), "json");
  try {
    pegtl::parse<g::json_document, pegtl::nothing, control>(in);
  } catch (const internal::SyntaxError& e) {
    return JsonSyntaxError{e.offset, e.message, false};
  }
  if (!in.empty()) {
    internal::SyntaxError e =
        Explain(kMessage<g::json_document_end>, json, static_cast<size_t>(in.current() - in.begin()));
    return JsonSyntaxError{e.offset, e.message, true};
  }
  return std::nullopt;
}

}  // namespace linkgraph::dsl
