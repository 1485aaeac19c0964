#include "engine/durable/image_reader.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/durable/image_block.h"
#include "engine/durable/image_format.h"
#include "engine/durable/image_table_header.h"

namespace linkgraph::durable {

namespace {

using catalog::ColumnId;
using catalog::ColumnType;
using image::BlockReader;
using image::ImageDataLoss;

#define LG_IMAGE_TRY(expr)                 \
  do {                                     \
    absl::Status lg_image_s_ = (expr);     \
    if (!lg_image_s_.ok()) return lg_image_s_; \
  } while (false)

// A table read but not finished: its indexes are built by the Finisher, beside the reading of
// the tables after it.
struct PendingFinish {
  store::Table* table = nullptr;
  store::Table::LoadedIndexes indexes;
  size_t end = 0;     // the image offset after the table, for messages
  std::string where;  // "table 'review.review'"
};

// Loads one table's blocks, which follow its header, into an empty table.
class TableLoader {
 public:
  TableLoader(BlockReader* in, store::Table* table, const image::TableHeader& header)
      : in_(in), table_(table), h_(header), rows_(header.rows) {
    where_ = absl::StrCat("table '", table->def().QualifiedName(), "'");
  }

  absl::Status Load(PendingFinish* read) {
    // Every row takes at least a dead flag, every live one a row id: a count the remaining
    // bytes cannot hold is damage, found before it sizes an allocation.
    if (rows_ > in_->remaining() || uint64_t{h_.live} * 4 > in_->remaining()) {
      return ImageDataLoss(where_, in_->offset(),
                           absl::StrCat("truncated: ", rows_, " rows do not fit in the ",
                                        in_->remaining(), " bytes left"));
    }
    table_->BeginLoad(rows_);
    LG_IMAGE_TRY(LoadDead());
    store::Table::LoadedIndexes indexes;
    LG_IMAGE_TRY(LoadOrder(where_ + " pk_order", &indexes.pk_order));
    for (ColumnId c = 0; c < h_.columns.size(); ++c) LG_IMAGE_TRY(LoadColumn(c));
    for (ColumnId c : h_.ordered) {
      store::Table::LoadedOrder o{c, {}};
      LG_IMAGE_TRY(LoadOrder(absl::StrCat(where_, " ordered index on '", Name(c), "'"), &o.rows));
      // An index the schema no longer declares is not built; one it declares since is sorted.
      if (table_->ordered_index(c) != nullptr) indexes.ordered.push_back(std::move(o));
    }
    for (const image::TableHeader::Column& c : h_.columns) indexes.hash_keys.push_back(c.hash_keys);
    const size_t end = in_->offset();
    table_->EndLoad(rows_);
    *read = PendingFinish{table_, std::move(indexes), end, where_};
    return absl::OkStatus();
  }

 private:
  const std::string& Name(ColumnId c) const { return table_->def().columns[c].name; }

  absl::Status LoadDead() {
    const std::string what = where_ + " dead flags";
    for (uint32_t at = 0; at < rows_;) {
      const size_t n = std::min<size_t>(image::kDeadPerBlock, rows_ - at);
      absl::StatusOr<std::string_view> p = in_->Next(what, n);
      if (!p.ok()) return p.status();
      for (size_t i = 0; i < n; ++i) {
        if (static_cast<uint8_t>((*p)[i]) > 1) {
          return ImageDataLoss(what, in_->last_block_offset(),
                               absl::StrCat("row ", at + i, " has dead flag ", int((*p)[i])));
        }
      }
      table_->LoadDeadFlags(p->data(), n);
      at += static_cast<uint32_t>(n);
    }
    return absl::OkStatus();
  }

  absl::Status LoadOrder(const std::string& what, std::vector<uint32_t>* rows) {
    rows->resize(h_.live);
    for (size_t at = 0; at < h_.live;) {
      const size_t n = std::min<size_t>(image::kRowsPerBlock, h_.live - at);
      absl::StatusOr<std::string_view> p = in_->Next(what, n * 4);
      if (!p.ok()) return p.status();
      std::memcpy(rows->data() + at, p->data(), n * 4);
      at += n;
    }
    return absl::OkStatus();
  }

  // A float column's cells, checked finite (as writes keep them): a NaN has no place in an
  // index's order, and sorting with it is undefined.
  absl::Status CheckFloats(std::string_view p, uint32_t first, const std::string& what) {
    for (size_t i = 0; i < p.size() / 8; ++i) {
      double v;
      std::memcpy(&v, p.data() + i * 8, 8);
      if (!std::isfinite(v)) {
        return ImageDataLoss(what, in_->last_block_offset(),
                             absl::StrCat("row ", first + i, " holds a float that is not finite"));
      }
    }
    return absl::OkStatus();
  }

  // The int64 cells of an enum or boolean column, checked: a code out of range would index
  // past the dictionary and its live counts.
  absl::Status CheckInts(const store::Column& col, std::string_view p, uint32_t first,
                         const std::string& what) {
    const ColumnType type = col.type();
    if (type != ColumnType::kEnum && type != ColumnType::kBoolean) return absl::OkStatus();
    const int64_t limit =
        type == ColumnType::kEnum ? static_cast<int64_t>(col.enum_values().size()) : 2;
    for (size_t i = 0; i < p.size() / 8; ++i) {
      int64_t v;
      std::memcpy(&v, p.data() + i * 8, 8);
      if ((v < 0 || v >= limit) && !(v == 0 && col.IsNull(first + static_cast<uint32_t>(i)))) {
        return ImageDataLoss(what, in_->last_block_offset(),
                             absl::StrCat("row ", first + i, " holds ", v, ", out of range"));
      }
    }
    return absl::OkStatus();
  }

  absl::Status LoadStrings(store::Column& col, const std::string& what) {
    std::vector<uint32_t> lengths;
    for (uint32_t at = 0; at < rows_;) {
      absl::StatusOr<std::string_view> p = in_->Next(what);
      if (!p.ok()) return p.status();
      const size_t offset = in_->last_block_offset();
      image::Cursor in(*p);
      const uint32_t n = in.U32();
      if (!in.ok() || n == 0 || n > rows_ - at || n > (p->size() - 4) / 4) {
        return ImageDataLoss(what, offset, "bad string block: row count out of range");
      }
      lengths.resize(n);
      std::memcpy(lengths.data(), in.Bytes(size_t{n} * 4).data(), size_t{n} * 4);
      uint64_t total = 0;
      for (uint32_t i = 0; i < n; ++i) {
        const uint32_t row = at + i;
        if (lengths[i] > store::StringArena::kMaxStringBytes) {
          return ImageDataLoss(what, offset, absl::StrCat("row ", row, ": string too long"));
        }
        if (lengths[i] > 0 && (table_->IsDead(row) || col.IsNull(row))) {
          return ImageDataLoss(what, offset,
                               absl::StrCat("row ", row, ": a null or dead row has a string"));
        }
        total += lengths[i];
      }
      if (total != p->size() - in.pos()) {
        return ImageDataLoss(what, offset,
                             absl::StrCat("bad string block: lengths sum to ", total, " bytes, ",
                                          p->size() - in.pos(), " follow"));
      }
      col.LoadStrings(lengths.data(), n, p->data() + in.pos());
      at += n;
    }
    return absl::OkStatus();
  }

  absl::Status LoadColumn(ColumnId c) {
    store::Column& col = table_->LoadColumn(c);
    const std::string where = absl::StrCat(where_, " column '", Name(c), "'");
    const std::string nulls = where + " nulls";
    const size_t words = (size_t{rows_} + 63) / 64;
    for (size_t at = 0; at < words;) {
      const size_t n = std::min(image::kWordsPerBlock, words - at);
      absl::StatusOr<std::string_view> p = in_->Next(nulls, n * 8);
      if (!p.ok()) return p.status();
      col.LoadNullWords(p->data(), n);
      at += n;
    }
    const std::string values = where + " values";
    if (catalog::IsStringStored(col.type())) return LoadStrings(col, values);
    for (uint32_t at = 0; at < rows_;) {
      const size_t n = std::min<size_t>(image::kValuesPerBlock, rows_ - at);
      absl::StatusOr<std::string_view> p = in_->Next(values, n * 8);
      if (!p.ok()) return p.status();
      if (col.type() == ColumnType::kFloat) {
        LG_IMAGE_TRY(CheckFloats(*p, at, values));
        col.LoadFloats(p->data(), n);
      } else {
        LG_IMAGE_TRY(CheckInts(col, *p, at, values));
        col.LoadInts(p->data(), n);
      }
      at += static_cast<uint32_t>(n);
    }
    return absl::OkStatus();
  }

  BlockReader* in_;
  store::Table* table_;
  const image::TableHeader& h_;
  uint32_t rows_;
  std::string where_;
};

absl::Status ReadHeader(BlockReader* in, const store::Store& writer) {
  absl::StatusOr<std::string_view> p = in->Next("image header");
  if (!p.ok()) return p.status();
  image::Cursor c(*p);
  if (c.Bytes(image::kMagic.size()) != image::kMagic) {
    return ImageDataLoss("image header", 0, "not a checkpoint image (bad magic)");
  }
  const uint32_t version = c.U32();
  const uint32_t tables = c.U32();
  if (!c.ok() || !c.at_end()) return ImageDataLoss("image header", 0, "malformed");
  if (version != image::kFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("checkpoint image format version ", version, " is not supported (this build reads ",
                     image::kFormatVersion, ")"));
  }
  if (tables != writer.table_count()) {
    return absl::FailedPreconditionError(
        absl::StrCat("checkpoint image does not match the schema: the image has ", tables,
                     " tables, the schema ", writer.table_count()));
  }
  return absl::OkStatus();
}

absl::Status ReadTrailer(BlockReader* in, uint32_t tables) {
  const size_t offset = in->offset();
  const uint64_t blocks = in->blocks();
  absl::StatusOr<std::string_view> p = in->Next("trailer");
  if (!p.ok()) return p.status();
  image::Cursor c(*p);
  const bool magic = c.Bytes(image::kEndMagic.size()) == image::kEndMagic;
  const uint32_t t = c.U32();
  const uint64_t b = c.U64();
  const uint64_t o = c.U64();
  if (!c.ok() || !c.at_end() || !magic || t != tables || b != blocks || o != offset) {
    return ImageDataLoss("trailer", offset, "malformed, or its counts disagree with the image");
  }
  if (in->remaining() != 0) {
    return ImageDataLoss("trailer", in->offset(),
                         absl::StrCat(in->remaining(), " bytes follow the trailer"));
  }
  return absl::OkStatus();
}

// Finishes the tables read (FinishLoad's parts: orders checked, indexes built, one index a part)
// on a second thread while the later tables are read, then on both threads once every table is
// read: a large table's indexes are built side by side, and reading overlaps building.
class Finisher {
 public:
  Finisher() {
    if (std::thread::hardware_concurrency() > 1) {
      try {
        helper_ = std::thread([this] { Work(/*until_done=*/false); });
      } catch (const std::system_error&) {
        // No second thread: Finish does it all.
      }
    }
  }
  // Stops the helper (after its running part); parts not run are dropped with the tables.
  ~Finisher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (helper_.joinable()) helper_.join();
  }
  Finisher(const Finisher&) = delete;
  Finisher& operator=(const Finisher&) = delete;

  // Queues the parts of a table read.
  absl::Status Add(PendingFinish table) {
    tables_.push_back(std::move(table));
    PendingFinish& t = tables_.back();
    absl::StatusOr<std::vector<store::Table::LoadTask>> tasks =
        t.table->FinishLoadTasks(std::move(t.indexes));
    if (!tasks.ok()) return Inconsistent(t, tasks.status());
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (store::Table::LoadTask& task : *tasks) {
        parts_.push_back(Part{&t, std::move(task), absl::OkStatus(), nullptr});
      }
    }
    cv_.notify_one();
    return absl::OkStatus();
  }

  // Runs the parts left on this thread too, waits for the helper, and returns the first
  // error (rethrowing what a part threw).
  absl::Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      reading_done_ = true;
    }
    cv_.notify_all();
    Work(/*until_done=*/true);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (helper_.joinable()) helper_.join();
    for (const Part& p : parts_) {
      if (p.thrown) std::rethrow_exception(p.thrown);
      if (!p.result.ok()) return Inconsistent(*p.table, p.result);
    }
    return absl::OkStatus();
  }

 private:
  struct Part {
    const PendingFinish* table;
    store::Table::LoadTask task;
    absl::Status result;
    std::exception_ptr thrown;
  };

  static absl::Status Inconsistent(const PendingFinish& t, const absl::Status& s) {
    return ImageDataLoss(t.where, t.end, absl::StrCat("inconsistent rows: ", s.message()));
  }

  // Takes parts in turn until none is left and (for the helper) reading is done or stopped.
  void Work(bool until_done) {
    for (;;) {
      Part* part = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] {
          return stop_ || next_ < parts_.size() || reading_done_ || until_done;
        });
        if (next_ < parts_.size() && !stop_) {
          part = &parts_[next_++];
        } else if (stop_ || reading_done_ || until_done) {
          return;
        }
      }
      if (part == nullptr) continue;
      try {
        part->result = part->task();
      } catch (...) {
        part->thrown = std::current_exception();
      }
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  // deques: references to their elements stay valid while more are added.
  std::deque<PendingFinish> tables_;
  std::deque<Part> parts_;
  size_t next_ = 0;
  bool reading_done_ = false;
  bool stop_ = false;
  std::thread helper_;
};

}  // namespace

absl::Status ReadImage(std::string_view image, store::Store* writer) {
  for (catalog::EntityId e = 0; e < writer->table_count(); ++e) {
    if (writer->table(e).row_count() != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("a checkpoint image loads into empty tables; ",
                       writer->table(e).def().QualifiedName(), " has rows"));
    }
  }
  BlockReader in(image);
  LG_IMAGE_TRY(ReadHeader(&in, *writer));
  Finisher finisher;
  for (catalog::EntityId e = 0; e < writer->table_count(); ++e) {
    store::Table& table = writer->table(e);
    const size_t offset = in.offset();
    absl::StatusOr<std::string_view> p = in.Next(absl::StrCat("table header ", e));
    if (!p.ok()) return p.status();
    absl::StatusOr<image::TableHeader> h = image::ParseTableHeader(*p, offset);
    if (!h.ok()) return h.status();
    LG_IMAGE_TRY(image::CheckSchema(*h, table.def(), offset));
    PendingFinish read;
    LG_IMAGE_TRY(TableLoader(&in, &table, *h).Load(&read));
    LG_IMAGE_TRY(finisher.Add(std::move(read)));
  }
  LG_IMAGE_TRY(ReadTrailer(&in, static_cast<uint32_t>(writer->table_count())));
  return finisher.Finish();
}

}  // namespace linkgraph::durable
