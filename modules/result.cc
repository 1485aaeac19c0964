// linkgraph::Result and its object views over the columnar result.
#include <algorithm>
#include <limits>
#include <new>

#include "engine/result/json_writer.h"
#include "engine/result/result_data.h"
#include "linkgraph/result.h"

namespace linkgraph {

namespace {

const result::Key* FindKey(const result::Node* node, std::string_view key) {
  if (node == nullptr) return nullptr;
  for (const result::Key& k : node->keys) {
    if (k.name == key) return &k;
  }
  return nullptr;
}

const result::ValueColumn* FindColumn(const result::Node* node, std::string_view key) {
  const result::Key* k = FindKey(node, key);
  return k == nullptr || k->is_relation ? nullptr : &node->columns[k->index];
}

// A float as int64: truncated toward zero, saturating at the int64 range (a plain cast of a
// double beyond it is undefined behaviour).
int64_t SaturatedInt(double f) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (f >= kTwo63) return std::numeric_limits<int64_t>::max();
  if (f < -kTwo63) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(f);
}

}  // namespace

bool RowView::Has(std::string_view key) const { return FindKey(node_, key) != nullptr; }

bool RowView::IsNull(std::string_view key) const {
  const result::Key* k = FindKey(node_, key);
  if (k == nullptr) return true;
  if (!k->is_relation) return node_->columns[k->index].IsNull(row_);
  const result::ChildRows& c = node_->children[k->index];
  return !c.is_list && c.offsets[row_] == c.offsets[row_ + 1];
}

std::string_view RowView::GetString(std::string_view key) const {
  const result::ValueColumn* c = FindColumn(node_, key);
  if (c == nullptr || c->IsNull(row_)) return {};
  if (!c->strings.empty()) return c->GetString(row_);
  return {};
}

int64_t RowView::GetInt(std::string_view key) const {
  const result::ValueColumn* c = FindColumn(node_, key);
  if (c == nullptr || c->IsNull(row_)) return 0;
  if (!c->ints.empty()) return c->ints[row_];
  if (!c->floats.empty()) return SaturatedInt(c->floats[row_]);
  return 0;
}

double RowView::GetDouble(std::string_view key) const {
  const result::ValueColumn* c = FindColumn(node_, key);
  if (c == nullptr || c->IsNull(row_)) return 0;
  if (!c->floats.empty()) return c->floats[row_];
  if (!c->ints.empty()) return static_cast<double>(c->ints[row_]);
  return 0;
}

ListView RowView::GetList(std::string_view key) const {
  const result::Key* k = FindKey(node_, key);
  if (k == nullptr || !k->is_relation) return ListView();
  const result::ChildRows& c = node_->children[k->index];
  return ListView(c.node, c.offsets[row_], c.offsets[row_ + 1]);
}

std::optional<RowView> RowView::GetObject(std::string_view key) const {
  const result::Key* k = FindKey(node_, key);
  if (k == nullptr || !k->is_relation) return std::nullopt;
  const result::ChildRows& c = node_->children[k->index];
  if (c.offsets[row_] == c.offsets[row_ + 1]) return std::nullopt;
  return RowView(c.node, c.offsets[row_]);
}

std::vector<std::string_view> RowView::Keys() const {
  std::vector<std::string_view> out;
  for (const result::Key& k : node_->keys) out.push_back(k.name);
  return out;
}

std::string RowView::ToJson() const {
  std::string out;
  result::AppendRowJson(*node_, row_, &out);
  return out;
}

Result::Result() : data_(std::make_shared<result::ResultData>()) {}
Result::Result(std::shared_ptr<const result::ResultData> data) : data_(std::move(data)) {}

size_t Result::size() const { return data_->root.rows; }
RowView Result::row(size_t i) const { return RowView(&data_->root, static_cast<uint32_t>(i)); }
std::optional<int64_t> Result::count() const { return data_->meta.count; }

namespace {
result::JsonWriteOptions WriteOptions(unsigned threads) {
  result::JsonWriteOptions options;
  options.threads = std::max(1u, threads);
  return options;
}
}  // namespace

std::string Result::ToJson(unsigned threads) const {
  std::string out;
  result::AppendJson(*data_, &out, WriteOptions(threads));
  return out;
}

void Result::WriteJson(std::ostream& os, unsigned threads) const {
  try {
    result::WriteJson(*data_, os, WriteOptions(threads));
  } catch (const std::bad_alloc&) {
    // As the standard streams report a failure: badbit (which throws only when the caller
    // asked for exceptions with os.exceptions()).
    os.setstate(std::ios_base::badbit);
  }
}

}  // namespace linkgraph
