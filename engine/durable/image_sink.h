// Where a checkpoint image goes as it is written: a file (the durable layer's), or a string
// (tests, measurements). The writer appends the image in pieces of up to a few hundred KiB, so
// it never holds the whole image.
//
// Example:
//   durable::StringImageSink sink;
//   LG_RETURN_IF_ERROR(durable::WriteImage(*snapshot.store_ptr(), sink));
//   // sink.data() holds the image
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace linkgraph::durable {

class ImageSink {
 public:
  virtual ~ImageSink() = default;
  // Appends `bytes` after what was appended before. An error stops the writer, which returns it.
  // `bytes` is valid only during the call.
  virtual absl::Status Append(std::string_view bytes) = 0;
};

// Collects the image in memory.
class StringImageSink : public ImageSink {
 public:
  absl::Status Append(std::string_view bytes) override {
    data_.append(bytes);
    return absl::OkStatus();
  }
  const std::string& data() const { return data_; }
  std::string& data() { return data_; }

 private:
  std::string data_;
};

}  // namespace linkgraph::durable
