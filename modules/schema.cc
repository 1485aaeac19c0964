#include "linkgraph/schema.h"

#include "modules/value_reader.h"

namespace linkgraph {

Property& Property::Default(const char* text) {
  default_json = modules::JsonQuote(text);
  return *this;
}

}  // namespace linkgraph
