// What the result writer needs to know about each output key, gathered once per document so
// the per-row loop reads one flat array instead of keys, then columns or children, then spans:
// the key's text with its separator, how its values are written, and raw pointers to them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result/result_data.h"

namespace linkgraph::result {

struct JsonNodePlan;

inline constexpr size_t kPaddedPrefix = 32;
// The prefix of a bare value, padded like the others (it is copied the same way).
inline constexpr char kNoPrefix[kPaddedPrefix] = {};

struct JsonField {
  enum class Kind : uint8_t {
    kString,  // escaped and quoted (id, text, enum)
    kRaw,     // JSON text already (bigNumber, json, array)
    kInt,     // number
    kFloat,
    kBool,
    kDateTime,
    kList,    // a list relation: an array of the child rows
    kSingle,  // a single relation: the child row or null
  };
  bool is_relation() const { return kind >= Kind::kList; }

  // `{"key":` for a node's first key, `,"key":` after; empty for bare values. Short ones are
  // padded with zeros to kPaddedPrefix bytes so they are copied as one fixed-size block.
  const char* prefix = kNoPrefix;
  uint32_t prefix_size = 0;
  Kind kind = Kind::kString;
  const uint8_t* nulls = nullptr;  // scalars
  const int64_t* ints = nullptr;
  const double* floats = nullptr;
  const std::string_view* strings = nullptr;
  const uint32_t* offsets = nullptr;  // relations
  const JsonNodePlan* child = nullptr;
};

struct JsonNodePlan {
  uint32_t rows = 0;
  std::vector<JsonField> fields;
  // The text columns, whose values (scattered in the store) the writer prefetches.
  std::vector<const std::string_view*> text_columns;
  // Every per-row array (nulls, values, offsets) with its element size, which the writer
  // prefetches too: a document's arrays are read in order, but they are many at once and far
  // larger than the caches, and the hardware's prefetch missed them.
  struct Array {
    const char* data;
    uint32_t element_size;
  };
  std::vector<Array> arrays;
};

class JsonPlan {
 public:
  explicit JsonPlan(const Node& root);
  JsonPlan(const JsonPlan&) = delete;
  JsonPlan& operator=(const JsonPlan&) = delete;

  const JsonNodePlan& root() const { return *root_; }

  // A bare value of `column` (no key).
  static JsonField ValueField(const ValueColumn& column);

 private:
  const JsonNodePlan* Build(const Node& node);

  // Deques: what they hold stays put as they grow, so the pointers above stay valid.
  std::deque<JsonNodePlan> nodes_;
  std::deque<std::string> prefixes_;
  const JsonNodePlan* root_;
};

}  // namespace linkgraph::result
