#include "engine/store/row_list.h"

namespace linkgraph::store {

RowList::Dir& RowList::MutableDir() {
  if (!dir_ || dir_->stamp != stamp_) {
    auto d = dir_ ? std::make_shared<Dir>(*dir_) : std::make_shared<Dir>();
    d->stamp = stamp_;
    dir_ = std::move(d);
  }
  return *dir_;
}

RowList::Block& RowList::MutableBlock(uint32_t b) {
  Dir& d = MutableDir();
  if (d.blocks[b]->stamp != stamp_) {
    auto copy = std::make_shared<Block>();
    copy->stamp = stamp_;
    copy->rows.reserve(kMaxBlock + 1);
    copy->rows = d.blocks[b]->rows;
    d.blocks[b] = std::move(copy);
  }
  return *d.blocks[b];
}

void RowList::InsertAt(const_iterator pos, uint32_t row) {
  uint32_t b = pos.block_, i = pos.pos();
  Dir& d = MutableDir();
  if (d.blocks.empty()) {
    auto blk = std::make_shared<Block>();
    blk->stamp = stamp_;
    blk->rows.push_back(row);
    d.blocks.push_back(std::move(blk));
    ++size_;
    return;
  }
  if (b == d.blocks.size()) {  // the end: after the last row of the last block
    --b;
    i = static_cast<uint32_t>(d.blocks[b]->rows.size());
  }
  d.blocks.reserve(d.blocks.size() + 1);  // so the split below cannot fail half done
  if (b + 1 == d.blocks.size() && i == kMaxBlock) {
    // Appending to a full last block (rows arriving in order): a new block, not a split, so
    // blocks filled in order stay full.
    auto blk = std::make_shared<Block>();
    blk->stamp = stamp_;
    blk->rows.reserve(kMaxBlock);
    blk->rows.push_back(row);
    d.blocks.push_back(std::move(blk));
    ++size_;
    return;
  }
  Block& blk = MutableBlock(b);
  if (blk.rows.size() < kMaxBlock) {
    blk.rows.insert(blk.rows.begin() + i, row);
    ++size_;
    return;
  }
  // Split the full block in two halves, then insert into the half that holds the position.
  auto second = std::make_shared<Block>();
  second->stamp = stamp_;
  const size_t half = blk.rows.size() / 2;
  second->rows.reserve(kMaxBlock + 1);
  second->rows.assign(blk.rows.begin() + static_cast<std::ptrdiff_t>(half), blk.rows.end());
  if (i <= half) {
    blk.rows.insert(blk.rows.begin() + i, row);
    blk.rows.erase(blk.rows.begin() + static_cast<std::ptrdiff_t>(half) + 1, blk.rows.end());
  } else {
    second->rows.insert(second->rows.begin() + (i - half), row);
    blk.rows.resize(half);
  }
  d.blocks.insert(d.blocks.begin() + b + 1, std::move(second));
  ++size_;
}

void RowList::EraseAt(const_iterator pos) {
  Block& blk = MutableBlock(pos.block_);
  blk.rows.erase(blk.rows.begin() + pos.pos());
  if (blk.rows.empty()) dir_->blocks.erase(dir_->blocks.begin() + pos.block_);
  --size_;
}

void RowList::Assign(const std::vector<uint32_t>& rows) {
  // Blocks three quarters full: room for inserts before the first split.
  constexpr size_t kFill = kMaxBlock * 3 / 4;
  auto d = std::make_shared<Dir>();
  d->stamp = stamp_;
  d->blocks.reserve((rows.size() + kFill - 1) / kFill);
  for (size_t at = 0; at < rows.size(); at += kFill) {
    auto blk = std::make_shared<Block>();
    blk->stamp = stamp_;
    const size_t n = std::min(kFill, rows.size() - at);
    blk->rows.reserve(kMaxBlock);
    blk->rows.assign(rows.begin() + static_cast<std::ptrdiff_t>(at),
                     rows.begin() + static_cast<std::ptrdiff_t>(at + n));
    d->blocks.push_back(std::move(blk));
  }
  dir_ = std::move(d);
  size_ = rows.size();
}

size_t RowList::MemoryBytes() const {
  if (!dir_) return 0;
  size_t bytes = dir_->blocks.capacity() * sizeof(std::shared_ptr<Block>);
  for (const auto& b : dir_->blocks) bytes += sizeof(Block) + 16 + b->rows.capacity() * 4;
  return bytes;
}

}  // namespace linkgraph::store
