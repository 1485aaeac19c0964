// Blocks of a checkpoint image (image_format.h): `u32 length | u32 crc | payload`, written to an
// ImageSink and read back with every bound and checksum checked.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/durable/image_sink.h"

namespace linkgraph::durable::image {

class BlockWriter {
 public:
  explicit BlockWriter(ImageSink* sink) : sink_(sink) {}

  // Writes one block whose payload is `pieces` end to end (appended as they are: no copy).
  // REQUIRES: the payload is under 4 GiB.
  absl::Status Write(std::initializer_list<std::string_view> pieces);
  absl::Status Write(std::string_view payload) { return Write({payload}); }

  uint64_t blocks() const { return blocks_; }
  uint64_t offset() const { return offset_; }  // bytes written so far

 private:
  ImageSink* sink_;
  uint64_t blocks_ = 0;
  uint64_t offset_ = 0;
};

class BlockReader {
 public:
  explicit BlockReader(std::string_view image) : image_(image) {}

  // The payload of the next block, its length and checksum checked, or DataLoss naming `what`
  // (e.g. "table 'review.review' column 'content'") and the block's byte offset.
  absl::StatusOr<std::string_view> Next(std::string_view what);
  // As Next, and DataLoss unless the payload is `length` bytes long.
  absl::StatusOr<std::string_view> Next(std::string_view what, size_t length);

  uint64_t blocks() const { return blocks_; }
  size_t offset() const { return pos_; }  // of the next block
  size_t last_block_offset() const { return last_; }
  size_t remaining() const { return image_.size() - pos_; }

 private:
  std::string_view image_;
  size_t pos_ = 0;
  size_t last_ = 0;
  uint64_t blocks_ = 0;
};

// DataLoss: "checkpoint image: <what> at byte <offset>: <problem>".
absl::Status ImageDataLoss(std::string_view what, size_t offset, std::string_view problem);

}  // namespace linkgraph::durable::image
