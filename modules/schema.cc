#include "linkgraph/schema.h"

#include "base/json_string.h"

namespace linkgraph {

Property& Property::Default(const char* text) {
  default_json = base::QuoteJson(text);
  return *this;
}

}  // namespace linkgraph
