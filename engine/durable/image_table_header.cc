#include "engine/durable/image_table_header.h"

#include "absl/strings/str_cat.h"
#include "engine/catalog/column_type.h"
#include "engine/durable/image_block.h"
#include "engine/durable/image_format.h"

namespace linkgraph::durable::image {

namespace {

using catalog::ColumnType;

absl::string_view A(std::string_view s) { return {s.data(), s.size()}; }

bool Orderable(ColumnType t) { return t != ColumnType::kJson && t != ColumnType::kArray; }

}  // namespace

std::string EncodeTableHeader(const store::Table& table) {
  const catalog::EntityDef& e = table.def();
  std::string out;
  PutU32(&out, e.id);
  PutStr(&out, e.module);
  PutStr(&out, e.name);
  PutU32(&out, table.row_count());
  PutU32(&out, static_cast<uint32_t>(table.pk_order().size()));
  PutU32(&out, static_cast<uint32_t>(e.columns.size()));
  for (catalog::ColumnId i = 0; i < e.columns.size(); ++i) {
    const catalog::ColumnDef& c = e.columns[i];
    PutStr(&out, c.name);
    PutU8(&out, static_cast<uint8_t>(c.type));
    const store::HashIndex* idx = table.hash_index(i);
    PutU32(&out, idx == nullptr ? 0 : static_cast<uint32_t>(idx->key_count()));
    PutU32(&out, static_cast<uint32_t>(c.enum_values.size()));
    for (const std::string& v : c.enum_values) PutStr(&out, v);
  }
  std::vector<uint32_t> ordered;
  for (catalog::ColumnId c = 0; c < e.columns.size(); ++c) {
    if (table.ordered_index(c) != nullptr) ordered.push_back(c);
  }
  PutU32(&out, static_cast<uint32_t>(ordered.size()));
  for (uint32_t c : ordered) PutU32(&out, c);
  return out;
}

absl::StatusOr<TableHeader> ParseTableHeader(std::string_view payload, size_t offset) {
  const auto bad = [&](std::string_view problem) {
    return ImageDataLoss("table header", offset, problem);
  };
  Cursor in(payload);
  TableHeader h;
  h.entity_id = in.U32();
  h.module = in.Str();
  h.name = in.Str();
  h.rows = in.U32();
  h.live = in.U32();
  const uint32_t columns = in.U32();
  // Each column takes at least 13 bytes: a count beyond that is damage, not a reason to allocate.
  if (!in.ok() || columns > payload.size() / 13) return bad("malformed column list");
  h.columns.resize(columns);
  for (TableHeader::Column& c : h.columns) {
    c.name = in.Str();
    c.type = in.U8();
    c.hash_keys = in.U32();
    const uint32_t values = in.U32();
    if (!in.ok() || values > payload.size() / 4) return bad("malformed column list");
    c.enum_values.reserve(values);
    for (uint32_t v = 0; v < values; ++v) c.enum_values.push_back(in.Str());
    if (c.type > static_cast<uint8_t>(ColumnType::kArray)) return bad("unknown column type");
  }
  const uint32_t ordered = in.U32();
  if (!in.ok() || ordered > columns) return bad("malformed ordered index list");
  for (uint32_t i = 0; i < ordered; ++i) {
    const uint32_t c = in.U32();
    if (!in.ok() || c >= columns || (i > 0 && c <= h.ordered.back()) ||
        !Orderable(static_cast<ColumnType>(h.columns[c].type))) {
      return bad("malformed ordered index list");
    }
    h.ordered.push_back(c);
  }
  if (!in.ok() || !in.at_end()) return bad("malformed (bad size)");
  if (h.live > h.rows) return bad("more live rows than rows");
  return h;
}

absl::Status CheckSchema(const TableHeader& h, const catalog::EntityDef& e, size_t offset) {
  const auto differ = [&](std::string_view what) {
    return absl::FailedPreconditionError(absl::StrCat(
        "checkpoint image does not match the schema: the image's table ", h.entity_id, " '",
        A(h.module), ".", A(h.name), "' (at byte ", offset, ") and the schema's table ", e.id,
        " '", e.QualifiedName(), "' ", A(what)));
  };
  if (h.entity_id != e.id || h.module != e.module || h.name != e.name) return differ("differ");
  if (h.columns.size() != e.columns.size()) {
    return differ(absl::StrCat("have ", h.columns.size(), " and ", e.columns.size(), " columns"));
  }
  for (size_t i = 0; i < h.columns.size(); ++i) {
    const TableHeader::Column& ic = h.columns[i];
    const catalog::ColumnDef& sc = e.columns[i];
    const auto type = static_cast<ColumnType>(ic.type);
    if (ic.name != sc.name || type != sc.type) {
      return differ(absl::StrCat("differ at column ", i, ": '", A(ic.name), "' ",
                                 A(catalog::ColumnTypeName(type)), " in the image, '", sc.name,
                                 "' ", A(catalog::ColumnTypeName(sc.type)), " in the schema"));
    }
    bool same = ic.enum_values.size() == sc.enum_values.size();
    for (size_t v = 0; same && v < ic.enum_values.size(); ++v) {
      same = ic.enum_values[v] == sc.enum_values[v];
    }
    if (!same) {
      return differ(absl::StrCat("differ in the values of enum column '", sc.name, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::durable::image
