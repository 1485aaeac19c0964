// Field selection strings -> FieldPath. The only translation unit instantiating the field
// grammar; the filter and order list of relation arguments are parsed by
// parse_filter_text.cc (parse_text.h) in place.
#include <charconv>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tao/pegtl.hpp>

#include "base/utf8.h"
#include "dsl/errors.h"
#include "dsl/grammar_fields.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "dsl/parse_text.h"

namespace linkgraph::dsl {

namespace {

namespace pegtl = tao::pegtl;

struct FieldState {
  FieldPath* out;
  std::string_view text;
  const internal::WhereFn& where;
  RelationArgs* args = nullptr;     // the argument list being read
  std::string key;                  // its argument being read
  std::vector<std::string> keys;    // its arguments read so far
};

template <typename ActionInput>
uint32_t Begin(const ActionInput& in) {
  return static_cast<uint32_t>(in.begin() - in.input().begin());
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<grammar::name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FieldState& st) {
    uint32_t offset = Begin(in);
    if (st.out->star) throw internal::SyntaxError{offset, "nothing may follow '*'"};
    if (st.out->segments.size() > kMaxFieldDepth) {
      throw internal::SyntaxError{
          offset, "field path deeper than " + std::to_string(kMaxFieldDepth) + " relations"};
    }
    std::string_view token = in.string_view();
    std::string name;
    if (!token.empty() && token[0] == '"') {
      // `"na""me"` -> `na"me`.
      for (size_t i = 1; i + 1 < token.size(); ++i) {
        name += token[i];
        if (token[i] == '"') ++i;
      }
      if (name.empty()) throw internal::SyntaxError{offset, "empty name"};
    } else {
      name = std::string(token);
    }
    st.out->segments.push_back(FieldSegment{std::move(name), offset, nullptr});
  }
};

template <>
struct action<grammar::star> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FieldState& st) {
    uint32_t offset = Begin(in);
    if (st.out->star) throw internal::SyntaxError{offset, "nothing may follow '*'"};
    st.out->star = true;
    st.out->star_offset = offset;
  }
};

template <>
struct action<grammar::args_open> {
  template <typename ActionInput>
  static void apply(const ActionInput&, FieldState& st) {
    auto args = std::make_shared<RelationArgs>();
    st.args = args.get();
    st.keys.clear();
    st.out->segments.back().args = std::move(args);
  }
};

template <const char* kKey>
struct arg_key {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FieldState& st) {
    std::string key(kKey);
    for (const std::string& k : st.keys) {
      if (k == key) throw internal::SyntaxError{Begin(in), "duplicate argument '" + key + "'"};
    }
    st.keys.push_back(key);
    st.key = std::move(key);
  }
};

constexpr char kOrder[] = "order";
constexpr char kSkip[] = "skip";
constexpr char kTake[] = "take";
constexpr char kWithDeleted[] = "withDeleted";

template <> struct action<grammar::arg_order_key> : arg_key<kOrder> {};
template <> struct action<grammar::arg_skip_key> : arg_key<kSkip> {};
template <> struct action<grammar::arg_take_key> : arg_key<kTake> {};
template <> struct action<grammar::arg_with_deleted_key> : arg_key<kWithDeleted> {};

template <>
struct action<grammar::arg_count> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FieldState& st) {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(in.begin(), in.end(), n);
    if (ec != std::errc() || end != in.end()) {
      throw internal::SyntaxError{Begin(in), "number too large"};
    }
    (st.key == kSkip ? st.args->skip : st.args->take) = n;
  }
};

template <>
struct action<grammar::arg_true> {
  template <typename ActionInput>
  static void apply(const ActionInput&, FieldState& st) {
    st.args->with_deleted = true;
  }
};

// The filter of an argument list: parsed in place by the filter parser, which moves the input.
template <>
struct action<grammar::args_filter> {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in, FieldState& st) {
    size_t pos = static_cast<size_t>(in.current() - in.begin());
    size_t start = pos;
    std::optional<FilterExpr> filter = internal::ParseFilterAt(st.text, &pos, st.where);
    if (!filter) return false;
    in.bump(pos - start);
    st.args->filter = std::move(*filter);
    return true;
  }
};

// `order:`'s key or parenthesised keys, parsed in place by the order parser.
template <>
struct action<grammar::arg_order_value> {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in, FieldState& st) {
    size_t pos = static_cast<size_t>(in.current() - in.begin());
    size_t start = pos;
    if (!internal::ParseOrderAt(st.text, &pos, st.where, &st.args->order)) return false;
    in.bump(pos - start);
    return true;
  }
};

}  // namespace

namespace internal {

std::optional<FieldPath> ParseFieldAt(std::string_view text, size_t* pos, uint32_t index,
                                      const WhereFn& where) {
  FieldPath path;
  path.index = index;
  FieldState st{&path, text, where};
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
      text.data(), text.data() + text.size(), "field");
  in.bump(*pos);
  if (!pegtl::parse<grammar::field_start, action, grammar::control>(in, st)) return std::nullopt;
  size_t end = static_cast<size_t>(in.current() - in.begin());
  if (end - *pos > kMaxFieldBytes) {
    throw SyntaxError{*pos, "field string longer than " + std::to_string(kMaxFieldBytes) +
                                " bytes"};
  }
  path.text = std::string(text.substr(*pos, end - *pos));
  *pos = end;
  return path;
}

}  // namespace internal

absl::StatusOr<FieldPath> ParseField(std::string_view text, uint32_t index) {
  FieldPath path;
  path.index = index;
  path.text = std::string(text);
  if (text.size() > kMaxFieldBytes) {
    return InvalidAt("field string longer than " + std::to_string(kMaxFieldBytes) + " bytes",
                     "fields[" + std::to_string(index) + "]");
  }
  TextWhere where("fields[" + std::to_string(index) + "]", text);
  if (size_t bad = base::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return InvalidAt("invalid UTF-8", where(bad));
  }
  const internal::WhereFn where_fn = std::ref(where);
  FieldState st{&path, text, where_fn};
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
      text.data(), text.data() + text.size(), "field");
  try {
    pegtl::parse<grammar::field, action, grammar::control>(in, st);
  } catch (const internal::SyntaxError& e) {
    return InvalidAt(e.message, where(e.offset));
  }
  return path;
}

}  // namespace linkgraph::dsl
