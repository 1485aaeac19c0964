#include "engine/result/json_plan.h"

namespace linkgraph::result {

namespace {

using catalog::ColumnType;
using Kind = JsonField::Kind;

Kind KindOf(ColumnType type) {
  switch (type) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kEnum:
      return Kind::kString;
    case ColumnType::kBigNumber:
    case ColumnType::kJson:
    case ColumnType::kArray:
      return Kind::kRaw;
    case ColumnType::kNumber:
      return Kind::kInt;
    case ColumnType::kFloat:
      return Kind::kFloat;
    case ColumnType::kBoolean:
      return Kind::kBool;
    case ColumnType::kDateTime:
      return Kind::kDateTime;
  }
  return Kind::kRaw;
}

template <class T>
void AddArray(std::span<const T> array, JsonNodePlan* plan) {
  if (array.empty()) return;
  plan->arrays.push_back({reinterpret_cast<const char*>(array.data()), sizeof(T)});
}

}  // namespace

JsonPlan::JsonPlan(const Node& root) : root_(Build(root)) {}

JsonField JsonPlan::ValueField(const ValueColumn& column) {
  JsonField f;
  f.kind = KindOf(column.type);
  f.nulls = column.nulls.data();
  f.ints = column.ints.data();
  f.floats = column.floats.data();
  f.strings = column.strings.data();
  return f;
}

const JsonNodePlan* JsonPlan::Build(const Node& node) {
  JsonNodePlan& plan = nodes_.emplace_back();
  plan.rows = node.rows;
  plan.fields.reserve(node.keys.size());
  for (const Key& key : node.keys) {
    JsonField f;
    if (key.is_relation) {
      const ChildRows& child = node.children[key.index];
      f.kind = child.is_list ? Kind::kList : Kind::kSingle;
      f.offsets = child.offsets.data();
      f.child = Build(*child.node);
      AddArray(child.offsets, &plan);
    } else {
      const ValueColumn& column = node.columns[key.index];
      f = ValueField(column);
      if (!column.strings.empty()) plan.text_columns.push_back(column.strings.data());
      AddArray(column.nulls, &plan);
      AddArray(column.ints, &plan);
      AddArray(column.floats, &plan);
      AddArray(column.strings, &plan);
    }
    std::string& prefix = prefixes_.emplace_back(plan.fields.empty() ? "{" : ",");
    prefix.append(key.json);
    f.prefix_size = static_cast<uint32_t>(prefix.size());
    if (prefix.size() < kPaddedPrefix) prefix.resize(kPaddedPrefix);
    f.prefix = prefix.data();
    plan.fields.push_back(f);
  }
  return &plan;
}

}  // namespace linkgraph::result
