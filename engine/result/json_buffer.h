// The result writer's output buffer: plain memory written through a raw pointer, so a value
// costs one capacity check (Reserve, with a bound of its size) instead of one per byte or
// piece. When it fills, the text is handed on to a std::string or std::ostream and the buffer
// is reused, so a large document streams through a buffer that stays in cache; without either
// the buffer grows and keeps the whole text (a row range written on another thread).
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace linkgraph::result {

class JsonBuffer {
 public:
  // Bytes every Reserve adds to its request, for writers that copy whole blocks and pad
  // (json_scalars.h's kJsonSlackBytes, the writer's padded keys).
  static constexpr size_t kSlackBytes = 32;

  // Text goes to `out` (appended) or else to `os` as the buffer fills and at Flush; with
  // neither it stays here (Text). `capacity` is the size to start with.
  JsonBuffer(std::string* out, std::ostream* os, size_t capacity);
  JsonBuffer(const JsonBuffer&) = delete;
  JsonBuffer& operator=(const JsonBuffer&) = delete;
  JsonBuffer(JsonBuffer&&) = default;
  JsonBuffer& operator=(JsonBuffer&&) = default;

  // Where the next byte goes in an empty buffer.
  char* Begin() const { return data_.get(); }

  // Makes room for `n` bytes (plus kSlackBytes) at `p`, the current end of the text, and
  // returns where to write them: `p` itself, unless the text was handed on or the buffer grew.
  char* Reserve(char* p, size_t n) {
    if (static_cast<size_t>(end_ - p) >= n + kSlackBytes) [[likely]] {
      return p;
    }
    return MakeRoom(p, n);
  }

  // Hands the text up to `p` on to the string or stream; returns Begin().
  char* Flush(char* p);

  // The text up to `p` (a buffer without a destination).
  std::string_view Text(const char* p) const {
    return {data_.get(), static_cast<size_t>(p - data_.get())};
  }

 private:
  char* MakeRoom(char* p, size_t n);

  std::string* out_;
  std::ostream* os_;
  // Not zero-filled: every byte is written before it is read.
  std::unique_ptr<char[]> data_;
  char* end_;
  size_t capacity_;
};

}  // namespace linkgraph::result
