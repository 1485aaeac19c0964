// The deterministic, streaming data-set generator (issue 11, "What to build" 1).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/harness/dataset.h"
#include "bench/harness/rng.h"
#include "bench/harness/row_writer.h"
#include "linkgraph/status.h"

namespace linkgraph::bench {

namespace {

constexpr int64_t kBaseMillis = 1672531200000;         // 2023-01-01T00:00:00.000Z
constexpr int64_t kTwoYearsMillis = 730LL * 86400000;  // created_at spans two years
constexpr int64_t kPermutationStep = 7777777;          // coprime with 2 and 5: a bijection mod n

const char* const kAdjectives[] = {"Classic", "Organic", "Vintage", "Slim",  "Cosy", "Rugged",
                                   "Light",   "Bold",    "Soft",    "Urban", "Café", "Nordic"};
const char* const kMaterials[] = {"Cotton",  "Linen",  "Wool",  "Denim",  "Leather",
                                  "Ceramic", "Bamboo", "Steel", "Canvas", "Silk"};
const char* const kNouns[] = {"Shirt", "Mug",     "Jacket", "Scarf",    "Bag",     "Cap",
                              "Lamp",  "Sneaker", "Bottle", "Notebook", "Blanket", "Watch"};
const char* const kFirstNames[] = {"Ana",  "Ben",   "Chloé", "Dmitri", "Eve",  "Farah", "Goran",
                                   "Hana", "Ivo",   "Jun",   "Kofi",   "Lena", "Mateo", "Nia",
                                   "Omar", "Priya", "Quinn", "Rosa",   "Sven", "Zoë"};
const char* const kOpenings[] = {"Great fit",  "Runs small",      "Lovely colour", "Arrived late",
                                 "Good value", "Not as pictured", "Solid build",   "Soft fabric"};
const char* const kEndings[] = {"would buy again",   "washes well",  "a \"must have\"",
                                "fast delivery",     "a bit pricey", "gift for my sister",
                                "matches the photo", "sizing is odd"};
const char* const kThemes[] = {"Summer", "Winter", "Basics", "Outdoor", "Kitchen",
                               "Office", "Travel", "Gifts",  "Sale",    "New In"};

template <size_t N>
const char* Pick(const char* const (&words)[N], uint64_t h) {
  return words[h % N];
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

// `2023-01-01T00:00:00.000Z`: the form linkgraph writes a millisecond dateTime in, so the peer
// can keep timestamps as text (SQLite's usual way) and both sides print the same bytes.
std::string IsoMillis(int64_t millis) {
  const int64_t days = millis / 86400000;
  const int64_t in_day = millis % 86400000;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, in_day / 3600000,
                         in_day / 60000 % 60, in_day / 1000 % 60, in_day % 1000);
}

void Timestamps(RowFileWriter& w, int64_t millis) {
  const std::string t = IsoMillis(millis);
  w.Text("created_at", t);
  w.Text("updated_at", t);
}

const std::vector<std::string> kTimestampColumns = {"created_at", "updated_at", "deleted_at"};

std::vector<std::string> Columns(std::vector<std::string> own) {
  own.insert(own.end(), kTimestampColumns.begin(), kTimestampColumns.end());
  return own;
}

// Product i is one of the popular 1% (20% of all reviews).
bool IsPopular(int64_t i) { return i % 100 == 37; }
// Product i is held out of the uniform review draw (with the draw's own empty products, about 2%
// of products end up with no review).
bool IsHeldOut(int64_t i) { return Mix(static_cast<uint64_t>(i) ^ 0x5eed) % 1000 < 4; }

absl::Status Finish(RowFileWriter& w, std::string entity, std::string table, std::string path,
                    Dataset* out) {
  LG_RETURN_IF_ERROR(w.Close());
  EntityFile f{std::move(entity), std::move(table), std::move(path),
               w.rows(),          w.jsonl_bytes(),  w.csv_bytes()};
  out->csv_bytes += f.csv_bytes;
  out->jsonl_bytes += f.jsonl_bytes;
  out->files.push_back(std::move(f));
  return absl::OkStatus();
}

absl::Status WriteCustomers(const Scale& s, Dataset* out) {
  const std::string path = out->dir + "/customer.jsonl";
  LG_ASSIGN_OR_RETURN(auto w, RowFileWriter::Open(path, Columns({"id", "email", "first_name"})));
  for (int64_t i = 0; i < s.customers; ++i) {
    const uint64_t h = Mix(static_cast<uint64_t>(i) ^ 0xc057);
    const std::string first = Pick(kFirstNames, h);
    w->Text("id", CustomerId(i));
    w->Text("email", absl::StrCat("customer.", i, "@example.com"));
    w->Text("first_name", first);
    Timestamps(*w, kBaseMillis + i * 1000);
    w->EndRow();
  }
  return Finish(*w, "customer", "customer", path, out);
}

absl::Status WriteCollections(const Scale& s, Dataset* out) {
  const std::string path = out->dir + "/collection.jsonl";
  LG_ASSIGN_OR_RETURN(auto w, RowFileWriter::Open(path, Columns({"id", "title"})));
  for (int64_t i = 0; i < s.collections; ++i) {
    w->Text("id", CollectionId(i));
    w->Text("title", absl::StrCat(Pick(kThemes, static_cast<uint64_t>(i)), " ", i));
    Timestamps(*w, kBaseMillis + i * 1000);
    w->EndRow();
  }
  return Finish(*w, "collection", "collection", path, out);
}

absl::Status WriteProducts(const Scale& s, Dataset* out) {
  const std::string path = out->dir + "/product.jsonl";
  LG_ASSIGN_OR_RETURN(auto w,
                      RowFileWriter::Open(path, Columns({"id", "title", "handle", "status"})));
  const int64_t spacing = kTwoYearsMillis / s.products;
  for (int64_t i = 0; i < s.products; ++i) {
    const uint64_t h = Mix(static_cast<uint64_t>(i) ^ 0x9d0d);
    const char* adjective = Pick(kAdjectives, h);
    const char* material = Pick(kMaterials, h >> 8);
    const char* noun = Pick(kNouns, h >> 16);
    // Some titles need escaping, so the byte-identical check covers the escaper.
    const std::string title = (h >> 24) % 97 == 0
                                  ? absl::StrCat("The \"", adjective, "\" ", noun, " ", i)
                                  : absl::StrCat(adjective, " ", material, " ", noun, " ", i);
    std::string handle = absl::AsciiStrToLower(absl::StrCat(material, "-", noun, "-", i));
    const uint64_t u = (h >> 32) % 100;
    const char* status = u < 60 ? "published" : u < 85 ? "draft" : u < 95 ? "proposed" : "rejected";
    // created_at: a permutation of n distinct slots over two years, not in id order.
    const int64_t slot = (i * kPermutationStep + 12345) % s.products;
    const int64_t created =
        kBaseMillis + slot * spacing + static_cast<int64_t>((h >> 40) % spacing);
    w->Text("id", ProductId(i));
    w->Text("title", title);
    w->Text("handle", handle);
    w->Text("status", status);
    Timestamps(*w, created);
    w->EndRow();
  }
  return Finish(*w, "product", "product", path, out);
}

absl::Status WriteReviews(const Scale& s, Dataset* out) {
  const std::string path = out->dir + "/review.jsonl";
  LG_ASSIGN_OR_RETURN(
      auto w,
      RowFileWriter::Open(path, Columns({"id", "product_id", "customer_id", "rating", "content"})));
  const int64_t total = s.products * s.reviews_per_product;
  const int64_t spacing = kTwoYearsMillis / total;
  std::vector<uint8_t> has_review(static_cast<size_t>(s.products), 0);
  Rng rng(0x7e71e45);
  for (int64_t r = 0; r < total; ++r) {
    int64_t p;
    if (rng.Unit() < 0.2) {
      p = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(s.products / 100))) * 100 + 37;
      ++out->reviews_on_popular;
    } else {
      do {
        p = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(s.products)));
      } while (IsPopular(p) || IsHeldOut(p));
    }
    has_review[static_cast<size_t>(p)] = 1;
    const uint64_t u = rng.Below(100);  // weighted toward 4 and 5
    const int64_t rating = u < 5 ? 1 : u < 12 ? 2 : u < 25 ? 3 : u < 55 ? 4 : 5;
    const uint64_t h = rng.Next();
    w->Text("id", ReviewId(r));
    w->Text("product_id", ProductId(p));
    w->Text("customer_id",
            CustomerId(static_cast<int64_t>(rng.Below(static_cast<uint64_t>(s.customers)))));
    w->Int("rating", rating);
    w->Text("content", absl::StrCat(Pick(kOpenings, h), ", ", Pick(kEndings, h >> 8), " #",
                                    (h >> 16) % 10000));
    Timestamps(*w, kBaseMillis + r * spacing);
    w->EndRow();
  }
  for (uint8_t b : has_review) out->products_without_reviews += b == 0;
  return Finish(*w, "review", "review", path, out);
}

// Pivot rows of defineLink(product, collection), flat under the pivot entity (DESIGN.md §8).
absl::Status WriteProductCollections(const Scale& s, Dataset* out) {
  const std::string path = out->dir + "/product_collection.jsonl";
  LG_ASSIGN_OR_RETURN(auto w,
                      RowFileWriter::Open(path, Columns({"id", "product_id", "collection_id"})));
  int64_t id = 0;
  for (int64_t i = 0; i < s.products; ++i) {
    Rng rng(static_cast<uint64_t>(i) * 0x2545f4914f6cdd1dULL + 0xc011);
    const int k = 1 + static_cast<int>(rng.Below(3));
    int64_t chosen[3];
    for (int j = 0; j < k; ++j) {
      int64_t c;
      bool dup;
      do {
        c = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(s.collections)));
        dup = false;
        for (int t = 0; t < j; ++t) dup |= chosen[t] == c;
      } while (dup);
      chosen[j] = c;
      w->Text("id", absl::StrFormat("prodcol_%08d", id));
      w->Text("product_id", ProductId(i));
      w->Text("collection_id", CollectionId(c));
      Timestamps(*w, kBaseMillis + id * 1000);
      w->EndRow();
      ++id;
    }
  }
  out->link_rows = id;
  return Finish(*w, "link.product_collection", "product_collection", path, out);
}

}  // namespace

absl::StatusOr<Dataset> GenerateDataset(const Scale& scale, const std::string& dir) {
  const auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot create ", dir, ": ", ec.message()));
  Dataset out;
  out.scale = scale;
  out.dir = dir;
  LG_RETURN_IF_ERROR(WriteCustomers(scale, &out));
  LG_RETURN_IF_ERROR(WriteCollections(scale, &out));
  LG_RETURN_IF_ERROR(WriteProducts(scale, &out));
  LG_RETURN_IF_ERROR(WriteReviews(scale, &out));
  LG_RETURN_IF_ERROR(WriteProductCollections(scale, &out));
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace linkgraph::bench
