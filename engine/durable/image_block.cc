#include "engine/durable/image_block.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/crc32c.h"
#include "engine/durable/image_format.h"

namespace linkgraph::durable::image {

namespace {

std::string_view LengthBytes(const uint32_t& length) {
  return {reinterpret_cast<const char*>(&length), 4};
}

}  // namespace

absl::Status ImageDataLoss(std::string_view what, size_t offset, std::string_view problem) {
  return absl::DataLossError(absl::StrCat("checkpoint image: ",
                                          absl::string_view(what.data(), what.size()),
                                          " at byte ", offset, ": ",
                                          absl::string_view(problem.data(), problem.size())));
}

absl::Status BlockWriter::Write(std::initializer_list<std::string_view> pieces) {
  uint64_t total = 0;
  for (std::string_view p : pieces) total += p.size();
  const uint32_t length = static_cast<uint32_t>(total);
  uint32_t crc = base::Crc32c(LengthBytes(length));
  for (std::string_view p : pieces) crc = base::Crc32cExtend(crc, p);
  char header[kBlockHeaderBytes];
  std::memcpy(header, &length, 4);
  std::memcpy(header + 4, &crc, 4);
  absl::Status s = sink_->Append(std::string_view(header, sizeof header));
  for (std::string_view p : pieces) {
    if (!s.ok()) return s;
    if (!p.empty()) s = sink_->Append(p);
  }
  if (!s.ok()) return s;
  ++blocks_;
  offset_ += kBlockHeaderBytes + total;
  return absl::OkStatus();
}

absl::StatusOr<std::string_view> BlockReader::Next(std::string_view what) {
  last_ = pos_;
  if (remaining() < kBlockHeaderBytes) {
    return ImageDataLoss(what, pos_,
                         absl::StrCat("truncated: a block header needs ", kBlockHeaderBytes,
                                      " bytes, ", remaining(), " remain"));
  }
  const uint32_t length = LoadU32(image_.data() + pos_);
  const uint32_t crc = LoadU32(image_.data() + pos_ + 4);
  if (length > remaining() - kBlockHeaderBytes) {
    return ImageDataLoss(what, pos_,
                         absl::StrCat("truncated or bad length: the block claims ", length,
                                      " bytes, ", remaining() - kBlockHeaderBytes, " remain"));
  }
  std::string_view payload = image_.substr(pos_ + kBlockHeaderBytes, length);
  if (base::Crc32cExtend(base::Crc32c(LengthBytes(length)), payload) != crc) {
    return ImageDataLoss(what, pos_, "checksum mismatch");
  }
  pos_ += kBlockHeaderBytes + length;
  ++blocks_;
  return payload;
}

absl::StatusOr<std::string_view> BlockReader::Next(std::string_view what, size_t length) {
  absl::StatusOr<std::string_view> payload = Next(what);
  if (payload.ok() && payload->size() != length) {
    return ImageDataLoss(what, last_,
                         absl::StrCat("bad length: the block holds ", payload->size(),
                                      " bytes, ", length, " expected"));
  }
  return payload;
}

}  // namespace linkgraph::durable::image
