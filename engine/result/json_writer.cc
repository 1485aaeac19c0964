#include "engine/result/json_writer.h"

#include <charconv>

#include "base/json_string.h"
#include "engine/types/datetime.h"
#include "engine/types/float_format.h"

namespace linkgraph::result {

namespace {

using catalog::ColumnType;

constexpr size_t kFlushBytes = 1 << 16;
constexpr uint32_t kAhead = 8;  // rows

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

class Writer {
 public:
  Writer(std::string* out, std::ostream* os) : out_(out), os_(os) {}

  void Document(const ResultData& data) {
    if (data.metadata_only) {
      out_->append("{\"metadata\":{\"count\":");
      AppendInt(data.meta.count.value_or(0), out_);
      out_->append("}}");
      Flush();
      return;
    }
    out_->append("{\"data\":[");
    const Node& root = data.root;
    for (uint32_t r = 0; r < root.rows; ++r) {
      if (r) out_->push_back(',');
      if (data.scalar_rows) {
        AppendValueJson(root.columns[0], r, out_);
      } else {
        Row(root, r);
      }
      MaybeFlush();
    }
    out_->append("],\"metadata\":{\"count\":");
    if (data.meta.count) {
      AppendInt(*data.meta.count, out_);
    } else {
      out_->append("null");
    }
    if (data.meta.paged) {
      out_->append(",\"skip\":");
      AppendInt(data.meta.skip, out_);
      out_->append(",\"take\":");
      if (data.meta.take) {
        AppendInt(*data.meta.take, out_);
      } else {
        out_->append("null");
      }
    }
    out_->append("}}");
    Flush();
  }

  void Row(const Node& node, uint32_t row) {
    // Text values are views into the store, scattered: start loading those of a row a few
    // rows ahead, so the misses overlap with writing this one.
    if (row + kAhead < node.rows) {
      for (const ValueColumn& c : node.columns) {
        if (!c.strings.empty()) __builtin_prefetch(c.strings[row + kAhead].data());
      }
    }
    out_->push_back('{');
    bool first = true;
    for (const Key& key : node.keys) {
      if (!first) out_->push_back(',');
      first = false;
      out_->append(key.json);
      if (!key.is_relation) {
        AppendValueJson(node.columns[key.index], row, out_);
        continue;
      }
      const ChildRows& child = node.children[key.index];
      uint32_t begin = child.offsets[row], end = child.offsets[row + 1];
      if (child.is_list) {
        out_->push_back('[');
        for (uint32_t c = begin; c < end; ++c) {
          if (c != begin) out_->push_back(',');
          Row(*child.node, c);
        }
        out_->push_back(']');
      } else if (begin == end) {
        out_->append("null");
      } else {
        Row(*child.node, begin);
      }
    }
    out_->push_back('}');
  }

 private:
  void MaybeFlush() {
    if (os_ != nullptr && out_->size() >= kFlushBytes) Flush();
  }
  void Flush() {
    if (os_ == nullptr) return;
    os_->write(out_->data(), static_cast<std::streamsize>(out_->size()));
    out_->clear();
  }

  std::string* out_;
  std::ostream* os_;
};

// An upper-ish estimate of a node's JSON size, so the output buffer is sized once instead of
// growing (and copying) as it fills.
size_t EstimateBytes(const Node& node) {
  size_t bytes = 2 + node.rows * 2;
  for (const Key& key : node.keys) {
    bytes += node.rows * (key.json.size() + 1);
    if (key.is_relation) {
      bytes += node.rows * 2 + EstimateBytes(*node.children[key.index].node);
    } else {
      const ValueColumn& c = node.columns[key.index];
      bytes += c.string_bytes + c.string_bytes / 16 + node.rows * (c.strings.empty() ? 24 : 2);
    }
  }
  return bytes;
}

}  // namespace

void AppendValueJson(const ValueColumn& c, uint32_t row, std::string* out) {
  if (c.IsNull(row)) {
    out->append("null");
    return;
  }
  switch (c.type) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kEnum:
      base::AppendJsonString(c.GetString(row), out);
      return;
    case ColumnType::kBigNumber:
    case ColumnType::kJson:
    case ColumnType::kArray:
      out->append(c.GetString(row));
      return;
    case ColumnType::kNumber:
      AppendInt(c.ints[row], out);
      return;
    case ColumnType::kFloat:
      types::AppendFloat(c.floats[row], out);
      return;
    case ColumnType::kBoolean:
      out->append(c.ints[row] ? "true" : "false");
      return;
    case ColumnType::kDateTime:
      out->push_back('"');
      types::AppendDateTime(c.ints[row], out);
      out->push_back('"');
      return;
  }
}

void AppendJson(const ResultData& data, std::string* out) {
  out->reserve(out->size() + EstimateBytes(data.root) + 64);
  Writer w(out, nullptr);
  w.Document(data);
}

void WriteJson(const ResultData& data, std::ostream& os) {
  std::string buf;
  buf.reserve(kFlushBytes * 2);
  Writer w(&buf, &os);
  w.Document(data);
}

void AppendRowJson(const Node& node, uint32_t row, std::string* out) {
  Writer w(out, nullptr);
  w.Row(node, row);
}

}  // namespace linkgraph::result
