// Field selection strings -> FieldPath. The only translation unit instantiating the field
// grammar.
#include <tao/pegtl.hpp>

#include "dsl/errors.h"
#include "dsl/grammar_fields.h"
#include "dsl/location.h"
#include "dsl/parse.h"

namespace linkgraph::dsl {

namespace {

namespace pegtl = tao::pegtl;

struct FieldState {
  FieldPath* out;
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<grammar::name> {
  template <typename Input>
  static void apply(const Input& in, FieldState& st) {
    uint32_t offset = static_cast<uint32_t>(in.begin() - in.input().begin());
    if (st.out->star) throw internal::SyntaxError{offset, "nothing may follow '*'"};
    st.out->segments.push_back(FieldSegment{in.string(), offset, nullptr});
  }
};

template <>
struct action<grammar::star> {
  template <typename Input>
  static void apply(const Input& in, FieldState& st) {
    uint32_t offset = static_cast<uint32_t>(in.begin() - in.input().begin());
    if (st.out->star) throw internal::SyntaxError{offset, "nothing may follow '*'"};
    st.out->star = true;
    st.out->star_offset = offset;
  }
};

}  // namespace

absl::StatusOr<FieldPath> ParseField(std::string_view text, uint32_t index) {
  FieldPath path;
  path.index = index;
  path.text = std::string(text);
  if (text.size() > kMaxFieldBytes) {
    return InvalidAt("field string longer than " + std::to_string(kMaxFieldBytes) + " bytes",
                     "fields[" + std::to_string(index) + "]");
  }
  FieldState st{&path};
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "field");
  try {
    pegtl::parse<grammar::field, action, grammar::control>(in, st);
  } catch (const internal::SyntaxError& e) {
    return InvalidAt(e.message, FieldWhere(index, text, e.offset));
  }
  return path;
}

}  // namespace linkgraph::dsl
