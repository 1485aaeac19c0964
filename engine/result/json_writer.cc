#include "engine/result/json_writer.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "engine/result/huge_pages.h"
#include "engine/result/json_buffer.h"
#include "engine/result/json_plan.h"
#include "engine/result/json_scalars.h"
#include "engine/result/ordered_chunks.h"

namespace linkgraph::result {

namespace {

using Kind = JsonField::Kind;

// How far ahead the writer prefetches, in rows of a node: the text values (random reads), and
// the per-row arrays (read in order; a line holds several rows).
constexpr uint32_t kAhead = 16;
constexpr uint32_t kArraysAhead = 64;
// Chunks held at once per writing thread: enough that a thread finding the next chunk not done
// yet can go on with later ones.
constexpr size_t kChunksPerThread = 4;
// Room for the document's head and tail: `{"data":[`, `],"metadata":{"count":<int>,
// "skip":<int>,"take":<int>}}`.
constexpr size_t kEnvelopeBytes = 128;

inline char* Put(char* p, char c) {
  *p = c;
  return p + 1;
}
inline char* Put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

// Writes rows and values into a JsonBuffer, reserving an upper bound of each value's size
// once before writing it.
class Writer {
 public:
  explicit Writer(JsonBuffer* buf) : buf_(buf) {}

  char* Head(const ResultData& data, char* p) {
    p = buf_->Reserve(p, kEnvelopeBytes);
    if (data.metadata_only) {
      p = Put(p, "{\"metadata\":{\"count\":");
      p = WriteJsonInt(p, data.meta.count.value_or(0));
      return Put(p, "}}");
    }
    return Put(p, "{\"data\":[");
  }

  char* Tail(const ResultData& data, char* p) {
    if (data.metadata_only) return p;
    p = buf_->Reserve(p, kEnvelopeBytes);
    p = Put(p, "],\"metadata\":{\"count\":");
    p = data.meta.count ? WriteJsonInt(p, *data.meta.count) : Put(p, "null");
    if (data.meta.paged) {
      p = Put(p, ",\"skip\":");
      p = WriteJsonInt(p, data.meta.skip);
      p = Put(p, ",\"take\":");
      p = data.meta.take ? WriteJsonInt(p, *data.meta.take) : Put(p, "null");
    }
    return Put(p, "}}");
  }

  // Root rows [begin, end), each after a comma but the document's first.
  char* RootRows(const ResultData& data, const JsonPlan& plan, uint32_t begin, uint32_t end,
                 char* p) {
    if (data.metadata_only) return p;
    if (data.scalar_rows) {
      const JsonField value = JsonPlan::ValueField(data.root.columns[0]);
      for (uint32_t r = begin; r < end; ++r) {
        if (r != 0) p = Put(buf_->Reserve(p, 1), ',');
        p = Scalar(value, r, p);
      }
      return p;
    }
    for (uint32_t r = begin; r < end; ++r) {
      if (r != 0) p = Put(buf_->Reserve(p, 1), ',');
      p = Row(plan.root(), r, p);
    }
    return p;
  }

  char* Row(const JsonNodePlan& node, uint32_t row, char* p) {
    // Text values are views into the store, scattered: start loading those of a row a few
    // rows ahead, so the misses overlap with writing this one.
    if (row + kArraysAhead < node.rows) {
      for (const JsonNodePlan::Array& a : node.arrays) {
        __builtin_prefetch(a.data + size_t{row + kArraysAhead} * a.element_size);
      }
    }
    if (row + kAhead < node.rows) {
      for (const std::string_view* strings : node.text_columns) {
        const std::string_view s = strings[row + kAhead];
        __builtin_prefetch(s.data());
        __builtin_prefetch(s.data() + s.size());  // A value may end in the next line.
      }
    }
    if (node.fields.empty()) return Put(buf_->Reserve(p, 2), "{}");
    for (const JsonField& f : node.fields) {
      if (!f.is_relation()) {
        p = Scalar(f, row, p);
        continue;
      }
      const uint32_t begin = f.offsets[row], end = f.offsets[row + 1];
      if (f.kind == Kind::kList) {
        p = Put(Prefix(buf_->Reserve(p, f.prefix_size + 1), f), '[');
        for (uint32_t c = begin; c < end; ++c) {
          if (c != begin) p = Put(buf_->Reserve(p, 1), ',');
          p = Row(*f.child, c, p);
        }
        p = Put(buf_->Reserve(p, 1), ']');
      } else if (begin == end) {
        p = Put(Prefix(buf_->Reserve(p, f.prefix_size + 4), f), "null");
      } else {
        p = Prefix(buf_->Reserve(p, f.prefix_size), f);
        p = Row(*f.child, begin, p);
      }
    }
    return Put(buf_->Reserve(p, 1), '}');
  }

  // The key prefix and value of scalar field `f` at `row`.
  [[gnu::always_inline]] char* Scalar(const JsonField& f, uint32_t row, char* p) {
    if (f.nulls[row] != 0) return Put(Prefix(buf_->Reserve(p, f.prefix_size + 4), f), "null");
    switch (f.kind) {
      case Kind::kString: {
        const std::string_view s = f.strings[row];
        p = Prefix(buf_->Reserve(p, f.prefix_size + MaxJsonStringBytes(s.size())), f);
        return WriteJsonString(p, s);
      }
      case Kind::kRaw: {
        const std::string_view s = f.strings[row];
        return Put(Prefix(buf_->Reserve(p, f.prefix_size + s.size()), f), s);
      }
      case Kind::kInt:
        return WriteJsonInt(Prefix(buf_->Reserve(p, f.prefix_size + kMaxJsonScalarBytes), f),
                            f.ints[row]);
      case Kind::kFloat:
        return WriteJsonFloat(Prefix(buf_->Reserve(p, f.prefix_size + kMaxJsonScalarBytes), f),
                              f.floats[row]);
      case Kind::kBool:
        p = Prefix(buf_->Reserve(p, f.prefix_size + 5), f);
        return f.ints[row] ? Put(p, "true") : Put(p, "false");
      case Kind::kDateTime:
        return DateTime(Prefix(buf_->Reserve(p, f.prefix_size + kMaxJsonScalarBytes), f),
                        f.ints[row]);
      case Kind::kList:
      case Kind::kSingle:
        break;
    }
    return p;
  }

 private:
  // Reserve's slack covers the padding a short prefix is copied with.
  static_assert(kPaddedPrefix <= JsonBuffer::kSlackBytes);
  static char* Prefix(char* p, const JsonField& f) {
    if (f.prefix_size <= kPaddedPrefix) {
      std::memcpy(p, f.prefix, kPaddedPrefix);
    } else {
      std::memcpy(p, f.prefix, f.prefix_size);
    }
    return p + f.prefix_size;
  }

  // A row's dateTimes are often the same instant (created_at and updated_at of a row never
  // updated): the last one's text is copied instead of formatted again.
  char* DateTime(char* p, int64_t micros) {
    if (micros != last_datetime_ || last_datetime_size_ == 0) {
      last_datetime_ = micros;
      last_datetime_size_ =
          static_cast<size_t>(WriteJsonDateTime(last_datetime_text_, micros) - last_datetime_text_);
    }
    std::memcpy(p, last_datetime_text_, kMaxJsonScalarBytes);
    return p + last_datetime_size_;
  }

  JsonBuffer* buf_;
  int64_t last_datetime_ = 0;
  size_t last_datetime_size_ = 0;  // 0: none yet
  char last_datetime_text_[kMaxJsonScalarBytes + kJsonSlackBytes];
};

// An upper-ish estimate of a node's JSON size, to size buffers and cut row ranges.
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

size_t EstimateBytes(const ResultData& data) {
  return data.metadata_only ? kEnvelopeBytes : EstimateBytes(data.root) + kEnvelopeBytes;
}

// The whole document on the caller's thread, handed to `out` or `os` a buffer at a time.
void WriteSerial(const ResultData& data, size_t estimate, size_t chunk_bytes, std::string* out,
                 std::ostream* os) {
  const JsonPlan plan(data.root);
  JsonBuffer buf(out, os, std::min(estimate, chunk_bytes));
  Writer w(&buf);
  char* p = w.Head(data, buf.Begin());
  p = w.RootRows(data, plan, 0, data.root.rows, p);
  buf.Flush(w.Tail(data, p));
}

// The root rows cut into ranges of about options.chunk_bytes, written on up to
// options.threads threads and handed to `emit` in order, between the head and the tail.
void WriteParallel(const ResultData& data, size_t estimate, const JsonWriteOptions& options,
                   const std::function<void(std::string_view)>& emit) {
  const JsonPlan plan(data.root);
  const uint32_t rows = data.root.rows;
  const size_t chunks =
      std::clamp<size_t>(estimate / std::max<size_t>(options.chunk_bytes, 1), 1, rows);
  const size_t window = kChunksPerThread * options.threads;
  std::vector<JsonBuffer> buffers;
  buffers.reserve(window);
  for (size_t i = 0; i < window; ++i) {
    buffers.emplace_back(nullptr, nullptr,
                         std::min(estimate / chunks * 2, options.chunk_bytes * 2));
  }
  auto bound = [&](size_t chunk) { return static_cast<uint32_t>(rows * chunk / chunks); };
  {
    JsonBuffer& buf = buffers[0];
    Writer w(&buf);
    emit(buf.Text(w.Head(data, buf.Begin())));
  }
  ProduceInOrder(
      chunks, options.threads, window,
      [&](size_t chunk, size_t slot) {
        JsonBuffer& buf = buffers[slot];
        Writer w(&buf);
        return buf.Text(w.RootRows(data, plan, bound(chunk), bound(chunk + 1), buf.Begin()));
      },
      emit);
  JsonBuffer& buf = buffers[0];
  Writer w(&buf);
  emit(buf.Text(w.Tail(data, buf.Begin())));
}

bool Parallel(const ResultData& data, size_t estimate, const JsonWriteOptions& options) {
  return options.threads > 1 && !data.metadata_only && estimate >= options.parallel_min_bytes &&
         data.root.rows > 1;
}

}  // namespace

void AppendValueJson(const ValueColumn& column, uint32_t row, std::string* out) {
  const JsonField f = JsonPlan::ValueField(column);
  JsonBuffer buf(out, nullptr, 64);
  Writer w(&buf);
  buf.Flush(w.Scalar(f, row, buf.Begin()));
}

void AppendRowJson(const Node& node, uint32_t row, std::string* out) {
  const JsonPlan plan(node);
  JsonBuffer buf(out, nullptr, 1024);
  Writer w(&buf);
  buf.Flush(w.Row(plan.root(), row, buf.Begin()));
}

void AppendJson(const ResultData& data, std::string* out, const JsonWriteOptions& options) {
  const size_t estimate = EstimateBytes(data);
  out->reserve(out->size() + estimate);
  // The part of the buffer not written yet (the capacity) is fresh memory.
  AdviseHugePages(out->data() + out->size(), out->capacity() - out->size());
  if (Parallel(data, estimate, options)) {
    WriteParallel(data, estimate, options, [out](std::string_view text) { out->append(text); });
  } else {
    WriteSerial(data, estimate, options.chunk_bytes, out, nullptr);
  }
}

void WriteJson(const ResultData& data, std::ostream& os, const JsonWriteOptions& options) {
  const size_t estimate = EstimateBytes(data);
  if (Parallel(data, estimate, options)) {
    WriteParallel(data, estimate, options, [&os](std::string_view text) {
      os.write(text.data(), static_cast<std::streamsize>(text.size()));
    });
  } else {
    WriteSerial(data, estimate, options.chunk_bytes, nullptr, &os);
  }
}

}  // namespace linkgraph::result
