// A scalar value passed into a query: a parameter of a prepared query.
//
// Example:
//   linkgraph::Params params = {{"min_rating", 4}, {"status", "published"}};
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace linkgraph {

class Value {
 public:
  enum class Kind { kNull, kBool, kInt, kDouble, kString };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool v) : kind_(Kind::kBool), int_(v ? 1 : 0) {}
  Value(int v) : kind_(Kind::kInt), int_(v) {}
  Value(int64_t v) : kind_(Kind::kInt), int_(v) {}
  Value(double v) : kind_(Kind::kDouble), double_(v) {}
  Value(const char* v) : kind_(Kind::kString), string_(v) {}
  Value(std::string v) : kind_(Kind::kString), string_(std::move(v)) {}
  Value(std::string_view v) : kind_(Kind::kString), string_(v) {}

  Kind kind() const { return kind_; }
  bool boolean() const { return int_ != 0; }
  int64_t integer() const { return int_; }
  double floating() const { return double_; }
  const std::string& string() const { return string_; }

 private:
  Kind kind_ = Kind::kNull;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
};

// Parameter values by name (without the `$`).
using Params = std::map<std::string, Value, std::less<>>;

}  // namespace linkgraph
