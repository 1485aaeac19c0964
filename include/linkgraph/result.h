// Query results: nested rows, readable as objects or written as JSON (DESIGN.md §4, §7).
//
// A Result owns its values; it stays valid after later writes, but must not outlive the
// Database that produced it (enum texts are shared with its catalog).
//
// Example:
//   absl::StatusOr<linkgraph::Result> r = db.Graph(request);
//   for (size_t i = 0; i < r->size(); ++i) {
//     linkgraph::RowView product = r->row(i);
//     std::cout << product.GetString("title") << " has "
//               << product.GetList("product_reviews").size() << " reviews\n";
//   }
//   std::string json = r->ToJson();
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linkgraph/export.h"

namespace linkgraph {

namespace result {
struct Node;
struct ResultData;
}  // namespace result
namespace modules {
struct ResultAccess;
}  // namespace modules

class ListView;

// One object of a result: a root row, an element of a list relation, or a single relation.
// Getters name an output key; asking for a key the row lacks, or for the wrong type, returns
// the type's empty value (check Has / IsNull first when that matters).
class LINKGRAPH_EXPORT RowView {
 public:
  RowView(const result::Node* node, uint32_t row) : node_(node), row_(row) {}

  bool Has(std::string_view key) const;
  bool IsNull(std::string_view key) const;
  // id, text, enum: the text; bigNumber, json, array: their JSON text.
  std::string_view GetString(std::string_view key) const;
  // number, boolean (0/1), dateTime (microseconds since the epoch); a float truncated toward
  // zero, saturating at the int64 range.
  int64_t GetInt(std::string_view key) const;
  double GetDouble(std::string_view key) const;
  bool GetBool(std::string_view key) const { return GetInt(key) != 0; }
  // A list relation (empty when absent).
  ListView GetList(std::string_view key) const;
  // A single relation, or nullopt when it is null or absent.
  std::optional<RowView> GetObject(std::string_view key) const;
  // The output keys in order.
  std::vector<std::string_view> Keys() const;
  // This object as compact JSON.
  std::string ToJson() const;

 private:
  const result::Node* node_;
  uint32_t row_;
};

class LINKGRAPH_EXPORT ListView {
 public:
  ListView() = default;
  ListView(const result::Node* node, uint32_t begin, uint32_t end)
      : node_(node), begin_(begin), end_(end) {}
  size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }
  RowView operator[](size_t i) const { return RowView(node_, begin_ + static_cast<uint32_t>(i)); }

 private:
  const result::Node* node_ = nullptr;
  uint32_t begin_ = 0;
  uint32_t end_ = 0;
};

class LINKGRAPH_EXPORT Result {
 public:
  // An empty result (no rows, no count).
  Result();

  // Number of root rows returned.
  size_t size() const;
  RowView row(size_t i) const;
  // metadata.count: the number of roots matching the filters (nullopt when not counted).
  std::optional<int64_t> count() const;

  // `{"data":[…],"metadata":{…}}`, compact. Like any function returning a std::string, it throws
  // std::bad_alloc when the text does not fit in memory; WriteJson does not.
  // `threads` > 1: a document of a megabyte or more is written on up to that many threads (the
  // caller's included; started for this call and joined before it returns), in row ranges
  // joined in order: the same text, sooner on an idle core.
  std::string ToJson(unsigned threads = 1) const;
  // The same document, written to `os` as it is produced (in pieces of about 256 KiB, never the
  // whole text at once). Running out of memory sets the stream's badbit, as a failed stream
  // write does.
  void WriteJson(std::ostream& os, unsigned threads = 1) const;

 private:
  friend struct modules::ResultAccess;
  explicit Result(std::shared_ptr<const result::ResultData> data);

  std::shared_ptr<const result::ResultData> data_;
};

}  // namespace linkgraph
