#include "engine/durable/image_writer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/durable/image_block.h"
#include "engine/durable/image_format.h"
#include "engine/durable/image_table_header.h"

namespace linkgraph::durable {

namespace {

using catalog::ColumnType;
using image::BlockWriter;

// Cuts a stream of `width`-byte values into blocks of `per_block` values; a whole block passed
// at once is written from where it is, without a copy.
class ArrayBlocks {
 public:
  ArrayBlocks(BlockWriter* out, size_t width, size_t per_block)
      : out_(out), width_(width), block_bytes_(width * per_block) {}

  // Adds n values (n * width bytes at p). The first error sticks and is returned by Finish.
  void Add(const void* p, size_t n) {
    const char* at = static_cast<const char*>(p);
    size_t bytes = n * width_;
    while (bytes > 0 && status_.ok()) {
      if (buf_.empty() && bytes >= block_bytes_) {
        status_ = out_->Write(std::string_view(at, block_bytes_));
        at += block_bytes_;
        bytes -= block_bytes_;
        continue;
      }
      const size_t k = std::min(bytes, block_bytes_ - buf_.size());
      buf_.append(at, k);
      at += k;
      bytes -= k;
      if (buf_.size() == block_bytes_) Flush();
    }
    added_ += n;
  }
  size_t added() const { return added_; }
  absl::Status Finish() {
    if (!buf_.empty()) Flush();
    return status_;
  }

 private:
  void Flush() {
    if (status_.ok()) status_ = out_->Write(buf_);
    buf_.clear();
  }

  BlockWriter* out_;
  size_t width_;
  size_t block_bytes_;
  std::string buf_;
  size_t added_ = 0;
  absl::Status status_;
};

// Feeds the first `count` values of a column array, run by run, to `blocks`.
template <class ForEachRun>
void AddRuns(const ForEachRun& for_each_run, size_t count, ArrayBlocks* blocks) {
  for_each_run([&](const auto* values, size_t n) {
    const size_t k = std::min(n, count - blocks->added());
    if (k > 0) blocks->Add(values, k);
  });
}

absl::Status Mismatch(const store::Table& t, std::string_view what) {
  return absl::InternalError(absl::StrCat("checkpoint image: table ", t.def().QualifiedName(),
                                          ": ", absl::string_view(what.data(), what.size()),
                                          " disagree with its ", t.row_count(), " rows"));
}

absl::Status WriteStrings(const store::Table& t, const store::Column& col, BlockWriter* out) {
  std::vector<uint32_t> lengths;
  std::string bytes;
  lengths.reserve(image::kStringRowsPerBlock);
  auto flush = [&] {
    const uint32_t n = static_cast<uint32_t>(lengths.size());
    absl::Status s = out->Write({std::string_view(reinterpret_cast<const char*>(&n), 4),
                                 std::string_view(reinterpret_cast<const char*>(lengths.data()),
                                                  lengths.size() * 4),
                                 bytes});
    lengths.clear();
    bytes.clear();
    return s;
  };
  for (uint32_t r = 0; r < t.row_count(); ++r) {
    // Dead rows' strings are not kept: nothing reads them, and a compaction would drop them.
    std::string_view s = t.IsDead(r) || col.IsNull(r) ? std::string_view() : col.GetString(r);
    lengths.push_back(static_cast<uint32_t>(s.size()));
    bytes.append(s);
    if (lengths.size() == image::kStringRowsPerBlock || bytes.size() >= image::kStringBytesPerBlock) {
      absl::Status st = flush();
      if (!st.ok()) return st;
    }
  }
  return lengths.empty() ? absl::OkStatus() : flush();
}

absl::Status WriteColumn(const store::Table& t, const store::Column& col, BlockWriter* out) {
  const size_t rows = t.row_count();
  const size_t words = (rows + 63) / 64;
  ArrayBlocks nulls(out, 8, image::kWordsPerBlock);
  // All words but the last from the runs; the last bit by bit (IsNull reads atomically: a commit
  // appending rows may be setting bits of it in place), its bits past the rows cleared, so the
  // image does not depend on what other versions appended there.
  if (words > 0) {
    AddRuns([&](const auto& fn) { col.ForEachNullWordRun(fn); }, words - 1, &nulls);
    uint64_t last = 0;
    for (uint32_t r = static_cast<uint32_t>((words - 1) * 64); r < rows; ++r) {
      last |= uint64_t{col.IsNull(r)} << (r & 63);
    }
    nulls.Add(&last, 1);
  }
  absl::Status s = nulls.Finish();
  if (!s.ok()) return s;
  if (nulls.added() != words) return Mismatch(t, "null words");
  if (catalog::IsStringStored(col.type())) return WriteStrings(t, col, out);
  ArrayBlocks values(out, 8, image::kValuesPerBlock);
  if (col.type() == ColumnType::kFloat) {
    AddRuns([&](const auto& fn) { col.ForEachFloatRun(fn); }, rows, &values);
  } else {
    AddRuns([&](const auto& fn) { col.ForEachIntRun(fn); }, rows, &values);
  }
  s = values.Finish();
  if (!s.ok()) return s;
  return values.added() == rows ? absl::OkStatus() : Mismatch(t, "column values");
}

absl::Status WriteTable(const store::Table& t, BlockWriter* out) {
  absl::Status s = out->Write(image::EncodeTableHeader(t));
  if (!s.ok()) return s;
  {
    ArrayBlocks dead(out, 1, image::kDeadPerBlock);
    std::vector<uint8_t> flags(std::min<size_t>(t.row_count(), image::kDeadPerBlock));
    for (uint32_t r = 0; r < t.row_count();) {
      const size_t n = std::min<size_t>(flags.size(), t.row_count() - r);
      for (size_t i = 0; i < n; ++i) flags[i] = t.IsDead(r + static_cast<uint32_t>(i)) ? 1 : 0;
      dead.Add(flags.data(), n);
      r += static_cast<uint32_t>(n);
    }
    s = dead.Finish();
    if (!s.ok()) return s;
  }
  auto write_order = [&](auto begin, auto end) {
    ArrayBlocks order(out, 4, image::kRowsPerBlock);
    std::vector<uint32_t> buf;
    buf.reserve(image::kRowsPerBlock);
    for (auto it = begin; it != end; ++it) {
      buf.push_back(*it);
      if (buf.size() == image::kRowsPerBlock) {
        order.Add(buf.data(), buf.size());
        buf.clear();
      }
    }
    order.Add(buf.data(), buf.size());
    absl::Status st = order.Finish();
    if (st.ok() && order.added() != t.pk_order().size()) st = Mismatch(t, "an index's rows");
    return st;
  };
  s = write_order(t.pk_order().begin(), t.pk_order().end());
  if (!s.ok()) return s;
  for (catalog::ColumnId c = 0; c < t.def().columns.size(); ++c) {
    s = WriteColumn(t, t.column(c), out);
    if (!s.ok()) return s;
  }
  for (catalog::ColumnId c = 0; c < t.def().columns.size(); ++c) {
    const store::OrderedIndex* idx = t.ordered_index(c);
    if (idx == nullptr) continue;
    s = write_order(idx->begin(), idx->end());
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteImage(const store::Store& version, ImageSink& sink) {
  BlockWriter out(&sink);
  std::string header(image::kMagic);
  image::PutU32(&header, image::kFormatVersion);
  image::PutU32(&header, static_cast<uint32_t>(version.table_count()));
  absl::Status s = out.Write(header);
  for (catalog::EntityId e = 0; s.ok() && e < version.table_count(); ++e) {
    s = WriteTable(version.table(e), &out);
  }
  if (!s.ok()) return s;
  std::string trailer(image::kEndMagic);
  image::PutU32(&trailer, static_cast<uint32_t>(version.table_count()));
  image::PutU64(&trailer, out.blocks());
  image::PutU64(&trailer, out.offset());
  return out.Write(trailer);
}

}  // namespace linkgraph::durable
