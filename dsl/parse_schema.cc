// Schema text -> SchemaFile. The only translation unit instantiating the schema grammar
// (grammar_schema.h): actions push expression nodes on a stack and close them into their
// parents; statements are appended to the file or to the module block being read.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>

#include "base/utf8.h"
#include "dsl/action_offsets.h"
#include "dsl/location.h"
#include "dsl/parse_schema.h"
#include "dsl/parse_text.h"
#include "dsl/schema_errors.h"

namespace linkgraph::dsl {

namespace {

namespace pegtl = tao::pegtl;
namespace g = schema_grammar;
using Kind = SchemaExpr::Kind;

struct State {
  SchemaFile* file = nullptr;
  std::vector<SchemaStatement>* body = nullptr;  // where statements go
  std::vector<SchemaExpr> stack;
  size_t stmt_offset = 0;
  std::string binding;
  size_t binding_offset = 0;
  std::string import_name;
  size_t import_offset = 0;
  bool key_quoted = false;  // the last object key was written in quotes
};

using internal::Begin;
using internal::End;

uint32_t Hex(std::string_view digits) {
  uint32_t v = 0;
  for (char c : digits) {
    v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    if (v > 0x10FFFF) return 0x110000;
  }
  return v;
}

// The text of a string literal (quotes included, escapes already checked by the grammar) that
// starts at byte `offset` of the input.
std::string Decode(std::string_view raw, size_t offset) {
  std::string out;
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    size_t at = offset + i;
    char e = raw[++i];
    switch (e) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case '0': out.push_back('\0'); break;
      case 'x':
        base::AppendUtf8(Hex(raw.substr(i + 1, 2)), &out);
        i += 2;
        break;
      case 'u': {
        uint32_t cp;
        if (raw[i + 1] == '{') {
          size_t close = raw.find('}', i);
          cp = Hex(raw.substr(i + 2, close - i - 2));
          i = close;
        } else {
          cp = Hex(raw.substr(i + 1, 4));
          i += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < raw.size() && raw[i + 1] == '\\' &&
              raw[i + 2] == 'u') {
            uint32_t low = Hex(raw.substr(i + 3, 4));
            if (low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          }
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
          throw internal::SyntaxError{at, "invalid \\u escape: not a Unicode scalar value"};
        }
        base::AppendUtf8(cp, &out);
        break;
      }
      default:  // " ' ` \ /
        out.push_back(e);
        break;
    }
  }
  return out;
}

template <typename ActionInput>
std::string DecodeInput(const ActionInput& in) {
  return Decode(std::string_view(in.begin(), in.size()), Begin(in));
}

void Push(State& st, Kind kind, size_t offset, size_t end, std::string text) {
  SchemaExpr e;
  e.kind = kind;
  e.offset = offset;
  e.end = end;
  e.text = std::move(text);
  st.stack.push_back(std::move(e));
}

SchemaExpr Pop(State& st) {
  SchemaExpr e = std::move(st.stack.back());
  st.stack.pop_back();
  return e;
}

// Moves the finished top node into the node below it.
void Close(State& st) {
  SchemaExpr e = Pop(st);
  st.stack.back().children.push_back(std::move(e));
}

void AddStatement(State& st, SchemaStatement s) {
  s.offset = s.offset == 0 ? st.stmt_offset : s.offset;
  st.body->push_back(std::move(s));
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::string_value> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    Push(st, Kind::kString, Begin(in), End(in), DecodeInput(in));
  }
};

template <>
struct action<g::number> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    std::string text = in.string();
    size_t digits = text[0] == '-' ? 1 : 0;
    if (text.size() > digits + 1 && text[digits] == '0' &&
        text[digits + 1] >= '0' && text[digits + 1] <= '9') {
      throw internal::SyntaxError{Begin(in), "a number may not start with 0 (" + text + ")"};
    }
    Push(st, Kind::kNumber, Begin(in), End(in), std::move(text));
  }
};

template <Kind kKind>
struct push_token {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    Push(st, kKind, Begin(in), End(in), in.string());
  }
};
template <> struct action<g::true_value> : push_token<Kind::kBool> {};
template <> struct action<g::false_value> : push_token<Kind::kBool> {};
template <> struct action<g::null_value> : push_token<Kind::kNull> {};
template <> struct action<g::name_value> : push_token<Kind::kName> {};

template <>
struct action<g::arrow_head> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    Push(st, Kind::kArrow, Begin(in), End(in), "");
  }
};

struct close_child {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    Close(st);
    st.stack.back().end = End(in);
  }
};
template <> struct action<g::arrow_body> : close_child {};
template <> struct action<g::element> : close_child {};
template <> struct action<g::call_arg> : close_child {};

template <>
struct action<g::object_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    Push(st, Kind::kObject, Begin(in), End(in), "");
  }
};

template <>
struct action<g::array_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    Push(st, Kind::kArray, Begin(in), End(in), "");
  }
};

struct set_end {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    st.stack.back().end = End(in);
  }
};
template <> struct action<g::object> : set_end {};
template <> struct action<g::array> : set_end {};
template <> struct action<g::call_args> : set_end {};

// Records a member's key in its object (the top of the stack); the value follows.
void AddKey(State& st, std::string key, size_t offset, bool quoted) {
  SchemaExpr& object = st.stack.back();
  for (const std::string& k : object.keys) {
    if (k == key) throw internal::SyntaxError{offset, "duplicate key '" + Clip(key) + "'"};
  }
  object.keys.push_back(std::move(key));
  object.key_offsets.push_back(offset);
  st.key_quoted = quoted;
}

template <>
struct action<g::key_quoted> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    AddKey(st, DecodeInput(in), Begin(in), true);
  }
};

template <>
struct action<g::key_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    AddKey(st, in.string(), Begin(in), false);
  }
};

template <>
struct action<g::member_value> {
  template <typename ActionInput>
  static void apply(const ActionInput&, State& st) {
    Close(st);
  }
};

// `{ Review }`: the key is also the value, a name.
template <>
struct action<g::shorthand> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    if (st.key_quoted) throw internal::SyntaxError{Begin(in), "expected ':' and a value after the key"};
    SchemaExpr& object = st.stack.back();
    SchemaExpr value;
    value.kind = Kind::kName;
    value.offset = object.key_offsets.back();
    value.text = object.keys.back();
    value.end = value.offset + value.text.size();
    object.children.push_back(std::move(value));
  }
};

template <>
struct action<g::member_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    SchemaExpr object = Pop(st);
    size_t offset = object.offset;
    Push(st, Kind::kMember, offset, End(in), in.string());
    st.stack.back().children.push_back(std::move(object));
  }
};

template <>
struct action<g::call_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    SchemaExpr callee = Pop(st);
    size_t offset = callee.offset;
    Push(st, Kind::kCall, offset, End(in), "");
    st.stack.back().children.push_back(std::move(callee));
  }
};

// ---- Statements

template <>
struct action<g::stmt_begin> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    st.stmt_offset = Begin(in);
    st.binding.clear();
  }
};

template <>
struct action<g::binding_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    st.binding = in.string();
    st.binding_offset = Begin(in);
  }
};

template <>
struct action<g::stmt_expr> {
  template <typename ActionInput>
  static void apply(const ActionInput&, State& st) {
    SchemaStatement s;
    s.kind = SchemaStatement::Kind::kExpr;
    s.expr = Pop(st);
    s.offset = st.stmt_offset;
    s.binding = std::move(st.binding);
    s.binding_offset = st.binding_offset;
    st.binding.clear();
    AddStatement(st, std::move(s));
  }
};

template <>
struct action<g::class_base> {
  template <typename ActionInput>
  static void apply(const ActionInput&, State& st) {
    Pop(st);  // what a class extends is not read
  }
};

template <>
struct action<g::class_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    SchemaStatement s;
    s.kind = SchemaStatement::Kind::kClass;
    s.offset = Begin(in);
    AddStatement(st, std::move(s));
  }
};

template <>
struct action<g::import_default> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    st.import_name = in.string();
    st.import_offset = Begin(in);
  }
};

template <>
struct action<g::kw_import> {
  template <typename ActionInput>
  static void apply(const ActionInput&, State& st) {
    st.import_name.clear();
  }
};

template <>
struct action<g::import_path> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    SchemaStatement s;
    s.kind = SchemaStatement::Kind::kImport;
    s.offset = Begin(in);
    s.name = std::move(st.import_name);
    s.name_offset = st.import_offset;
    s.import_path = DecodeInput(in);
    st.import_name.clear();
    AddStatement(st, std::move(s));
  }
};

void OpenModule(State& st, std::string name, size_t offset) {
  SchemaStatement s;
  s.kind = SchemaStatement::Kind::kModule;
  s.offset = offset;
  s.name = std::move(name);
  s.name_offset = offset;
  st.file->statements.push_back(std::move(s));
  st.body = &st.file->statements.back().body;
}

template <>
struct action<g::module_name_ident> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    OpenModule(st, in.string(), Begin(in));
  }
};

template <>
struct action<g::module_name_string> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    OpenModule(st, DecodeInput(in), Begin(in));
  }
};

template <>
struct action<g::module_end> {
  template <typename ActionInput>
  static void apply(const ActionInput&, State& st) {
    st.body = &st.file->statements;
  }
};

template <>
struct action<g::kw_links> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, State& st) {
    st.stmt_offset = Begin(in);
  }
};

template <>
struct action<g::links_value> {
  template <typename ActionInput>
  static void apply(const ActionInput&, State& st) {
    SchemaStatement s;
    s.kind = SchemaStatement::Kind::kLinks;
    s.expr = Pop(st);
    s.offset = st.stmt_offset;
    AddStatement(st, std::move(s));
  }
};

}  // namespace

absl::StatusOr<SchemaFile> ParseSchemaFile(std::string_view text,
                                           const std::function<std::string(size_t)>& where) {
  if (text.size() > kMaxSchemaBytes) {
    return InvalidAt("schema text longer than " + std::to_string(kMaxSchemaBytes) + " bytes",
                     where(0));
  }
  if (size_t bad = base::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return InvalidAt("invalid UTF-8", where(bad));
  }
  SchemaFile file;
  State st;
  st.file = &file;
  st.body = &file.statements;
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
      text.data(), text.data() + text.size(), "schema");
  try {
    pegtl::parse<g::file, action, g::control>(in, st);
  } catch (const internal::SyntaxError& e) {
    return InvalidAt(e.message, where(e.offset));
  }
  return file;
}

}  // namespace linkgraph::dsl
