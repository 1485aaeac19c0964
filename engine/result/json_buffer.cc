#include "engine/result/json_buffer.h"

#include <algorithm>
#include <cstring>

namespace linkgraph::result {

JsonBuffer::JsonBuffer(std::string* out, std::ostream* os, size_t capacity)
    : out_(out),
      os_(os),
      data_(new char[capacity + kSlackBytes]),
      end_(data_.get() + capacity + kSlackBytes),
      capacity_(capacity + kSlackBytes) {}

char* JsonBuffer::Flush(char* p) {
  const size_t size = static_cast<size_t>(p - data_.get());
  if (out_ != nullptr) {
    out_->append(data_.get(), size);
  } else if (os_ != nullptr) {
    os_->write(data_.get(), static_cast<std::streamsize>(size));
  } else {
    return p;  // Nowhere to go: the text stays.
  }
  return data_.get();
}

char* JsonBuffer::MakeRoom(char* p, size_t n) {
  p = Flush(p);
  const size_t used = static_cast<size_t>(p - data_.get());
  const size_t need = used + n + kSlackBytes;
  if (need <= capacity_) return p;
  // A value larger than the buffer, or a buffer keeping its whole text: grow (copying the text).
  const size_t capacity = std::max(need, capacity_ * 2);
  std::unique_ptr<char[]> data(new char[capacity]);
  std::memcpy(data.get(), data_.get(), used);
  data_ = std::move(data);
  capacity_ = capacity;
  end_ = data_.get() + capacity;
  return data_.get() + used;
}

}  // namespace linkgraph::result
