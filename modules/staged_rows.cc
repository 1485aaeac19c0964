#include "modules/staged_rows.h"

namespace linkgraph::modules {

namespace {

enum class Kind : uint8_t { kNull, kInt, kFloat, kString, kFromParent };

}  // namespace

void StagedRows::BeginRow(uint32_t label) {
  PutValue(static_cast<uint8_t>(Tag::kRow));
  PutValue(label);
  row_start_ = bytes_.size();
  row_fields_ = 0;
  PutValue(row_fields_);
}

void StagedRows::Field(catalog::ColumnId col, const store::Cell& cell, bool string_stored,
                       bool is_float) {
  PutValue(static_cast<uint16_t>(col));
  ++row_fields_;
  if (cell.is_null) {
    PutValue(static_cast<uint8_t>(Kind::kNull));
  } else if (string_stored) {
    PutValue(static_cast<uint8_t>(Kind::kString));
    PutValue(static_cast<uint32_t>(cell.s.size()));
    Put(cell.s.data(), cell.s.size());
  } else if (is_float) {
    PutValue(static_cast<uint8_t>(Kind::kFloat));
    PutValue(cell.f);
  } else {
    PutValue(static_cast<uint8_t>(Kind::kInt));
    PutValue(cell.i);
  }
}

void StagedRows::FieldFromParent(catalog::ColumnId col) {
  PutValue(static_cast<uint16_t>(col));
  ++row_fields_;
  PutValue(static_cast<uint8_t>(Kind::kFromParent));
}

void StagedRows::EndRow() { std::memcpy(&bytes_[row_start_], &row_fields_, sizeof row_fields_); }

void StagedRows::BeginNested(uint32_t nested_index) {
  PutValue(static_cast<uint8_t>(Tag::kNestedBegin));
  PutValue(nested_index);
}

void StagedRows::EndNested() { PutValue(static_cast<uint8_t>(Tag::kNestedEnd)); }

void StagedRows::Selector(uint32_t label, std::string_view json) {
  PutValue(static_cast<uint8_t>(Tag::kSelector));
  PutValue(label);
  PutValue(static_cast<uint32_t>(json.size()));
  Put(json.data(), json.size());
}

uint32_t StagedRows::Cursor::ReadRow(std::vector<store::Cell>* cells, std::vector<uint8_t>* given,
                                     catalog::ColumnId* from_parent) {
  const uint32_t label = U32();
  uint16_t n;
  std::memcpy(&n, p_, 2);
  p_ += 2;
  *from_parent = catalog::kNoColumn;
  for (uint16_t k = 0; k < n; ++k) {
    uint16_t col;
    std::memcpy(&col, p_, 2);
    p_ += 2;
    const Kind kind = static_cast<Kind>(*p_++);
    (*given)[col] = 1;
    store::Cell& cell = (*cells)[col];
    switch (kind) {
      case Kind::kNull: cell = store::Cell::Null(); break;
      case Kind::kInt: {
        int64_t v;
        std::memcpy(&v, p_, 8);
        p_ += 8;
        cell = store::Cell::Int(v);
        break;
      }
      case Kind::kFloat: {
        double v;
        std::memcpy(&v, p_, 8);
        p_ += 8;
        cell = store::Cell::Float(v);
        break;
      }
      case Kind::kString: {
        const uint32_t len = U32();
        cell = store::Cell::Str(std::string_view(p_, len));
        p_ += len;
        break;
      }
      case Kind::kFromParent: *from_parent = col; break;
    }
  }
  return label;
}

uint32_t StagedRows::Cursor::ReadSelector(std::string_view* json) {
  const uint32_t label = U32();
  const uint32_t len = U32();
  *json = std::string_view(p_, len);
  p_ += len;
  return label;
}

}  // namespace linkgraph::modules
