// Scales, row ids and file reading for the benchmark data set.
#include "bench/harness/dataset.h"

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace linkgraph::bench {

std::optional<Scale> ScaleByName(std::string_view name) {
  if (name == "XS") return Scale{"XS", 2000, 1000};
  if (name == "S") return Scale{"S", 100000, 50000};
  if (name == "M") return Scale{"M", 1000000, 200000};
  return std::nullopt;
}

std::string ProductId(int64_t i) { return absl::StrFormat("prod_%07d", i); }
std::string CustomerId(int64_t i) { return absl::StrFormat("cus_%07d", i); }
std::string ReviewId(int64_t i) { return absl::StrFormat("rev_%08d", i); }
std::string CollectionId(int64_t i) { return absl::StrFormat("pcol_%04d", i); }

std::string FirstPercentCustomerBound(const Scale& scale) {
  return CustomerId(scale.customers / 100);
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (f == nullptr) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::fseek(f.get(), 0, SEEK_END);
  const long size = std::ftell(f.get());
  std::fseek(f.get(), 0, SEEK_SET);
  std::string text(static_cast<size_t>(size < 0 ? 0 : size), '\0');
  if (std::fread(text.data(), 1, text.size(), f.get()) != text.size()) {
    return absl::DataLossError(absl::StrCat("short read of ", path));
  }
  return text;
}

}  // namespace linkgraph::bench
