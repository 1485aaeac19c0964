// The checkpoint image's byte layout (format version 2): one version of every table of a store,
// as image_writer.h writes it and image_reader.h loads it.
//
// Why it is laid out this way:
//   - Column by column, each column's arrays as they sit in memory (null bitmap words, int64 or
//     double values, little-endian): loading is a checksum and one memcpy per block into the
//     column's chunks, not a parse per cell. Fixed-size blocks hold exactly one store chunk
//     (32 KiB: 4,096 words or values, 32,768 dead flags), so a block is checked while it sits in
//     cache and copied straight after.
//   - Strings as lengths then bytes, whole rows per block, so each string is copied once into the
//     column's arena and a block never splits one. Dead rows' strings are written empty (nobody
//     reads them); their row ids stay, because ids are positions that the write-ahead log replayed
//     after the image addresses rows by.
//   - The orders that cost a sort to rebuild are stored: pk_order and each ordered index, as row
//     ids. The loader checks them (each live-or-soft-deleted row once, strictly increasing in the
//     index's order: O(n) comparisons instead of O(n log n)) and assigns them. Hash indexes and
//     live counts, which cannot be copied (their layout is abseil's), are rebuilt from pk_order,
//     each hash index shard by shard and sized once from the key count its column's header
//     carries (HashIndex::LoadRows).
//   - Every block carries its length and a CRC-32C over length and payload: a flipped bit or a
//     torn write is found in the block it hit, and reported with its byte offset. The reader
//     knows from the table header how many blocks of what size follow, so a bad length is caught
//     before any copy; the trailer counts tables, blocks and bytes, so a file cut at a table
//     boundary is caught too.
//   - Each table header repeats the entity's module, name, columns (name, type, enum values) so
//     an image never loads into a different schema: enum codes mean their schema's dictionary.
//
// Layout (u8/u32/u64 little-endian; str = u32 length, bytes):
//   image   := block(header) table{table_count} block(trailer)
//   block   := u32 length | u32 crc | payload[length]     crc = CRC-32C(length bytes, payload)
//   header  := kMagic[8] | u32 format version | u32 table_count
//   table   := block(table header)
//              dead blocks        ceil(rows / kDeadPerBlock) blocks of u8 (1 = dead)
//              pk_order blocks    ceil(live / kRowsPerBlock) blocks of u32 row ids
//              per column, in column order:
//                null blocks      ceil(ceil(rows / 64) / kWordsPerBlock) blocks of u64
//                value blocks     fixed types: ceil(rows / kValuesPerBlock) blocks of i64 / f64
//                                 string types: blocks of u32 n | u32 length[n] | bytes, n >= 1,
//                                 covering the rows in order
//              per ordered index, in header order: ceil(live / kRowsPerBlock) blocks of u32
//   table header := u32 entity id | str module | str name | u32 rows | u32 live
//              | u32 column_count | column_count x (str name | u8 type | u32 hash keys | u32 n | n x str enum value)
//              | u32 ordered_count | ordered_count x u32 column id
//   trailer := kEndMagic[8] | u32 table_count | u64 blocks before the trailer | u64 trailer offset
// where `rows` counts every row (dead ones too) and `live` the live-or-soft-deleted ones, and a
// column's `hash keys` is its hash index's key count when written (0 without one): the loader
// sizes the rebuilt index for them at once, as growing by inserts would have ended.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace linkgraph::durable::image {

static_assert(std::endian::native == std::endian::little,
              "the image stores the columns' arrays as they sit in memory");

inline constexpr std::string_view kMagic{"LGIMG\r\n\x1a", 8};  // \r\n: text-mode mangling shows
inline constexpr std::string_view kEndMagic{"LGEND\r\n\x1a", 8};
// 2: each column's header carries its hash index's key count (1, without it, was never released
// beyond the development branch).
inline constexpr uint32_t kFormatVersion = 2;

inline constexpr size_t kBlockHeaderBytes = 8;
inline constexpr size_t kWordsPerBlock = 4096;    // null words: one 32 KiB store chunk
inline constexpr size_t kValuesPerBlock = 4096;   // int64 / double
inline constexpr size_t kDeadPerBlock = 32768;    // u8 flags
inline constexpr size_t kRowsPerBlock = 8192;     // u32 row ids (orders)
inline constexpr size_t kStringRowsPerBlock = 4096;
// A string block closes once its bytes reach this (a single longer string gets a block alone).
inline constexpr size_t kStringBytesPerBlock = size_t{256} << 10;

inline void PutU8(std::string* out, uint8_t v) { out->push_back(static_cast<char>(v)); }
inline void PutU32(std::string* out, uint32_t v) {
  out->append(reinterpret_cast<const char*>(&v), 4);
}
inline void PutU64(std::string* out, uint64_t v) {
  out->append(reinterpret_cast<const char*>(&v), 8);
}
inline void PutStr(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

inline uint32_t LoadU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Reads a block's payload field by field without ever reading past it: a read past the end
// yields zeros and clears ok().
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }
  size_t pos() const { return pos_; }

  uint8_t U8() {
    uint8_t v = 0;
    Read(&v, 1);
    return v;
  }
  uint32_t U32() {
    uint32_t v = 0;
    Read(&v, 4);
    return v;
  }
  uint64_t U64() {
    uint64_t v = 0;
    Read(&v, 8);
    return v;
  }
  std::string_view Bytes(size_t n) {
    if (!ok_ || n > data_.size() - pos_) {
      ok_ = false;
      return {};
    }
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string_view Str() { return Bytes(U32()); }

 private:
  void Read(void* to, size_t n) {
    std::string_view s = Bytes(n);
    if (ok_) std::memcpy(to, s.data(), n);
  }

  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace linkgraph::durable::image
