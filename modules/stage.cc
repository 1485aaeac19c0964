#include "modules/stage.h"

#include <algorithm>
#include <string>

#include "dsl/json_input.h"
#include "dsl/location.h"
#include "linkgraph/status.h"
#include "modules/commit.h"
#include "modules/json_objects.h"
#include "modules/row_reader.h"

namespace linkgraph::modules {

namespace {

using simdjson::ondemand::json_type;

absl::Status StageCreate(const CatalogVersion& rules, const WriteOp& op, StagedOp* out) {
  RowReader reader(rules, out->entity, out->style, &out->rows);
  uint32_t i = 0;
  return ForEachJsonObject(op.json, out->label,
                           [&](simdjson::ondemand::object obj, const std::string&) {
                             return reader.Create(obj, RowPlace{&out->label, i++, out->form, {}});
                           });
}

absl::Status StageCreateLines(const CatalogVersion& rules, const WriteOp& op, StagedOp* out,
                              const Progress& progress) {
  constexpr size_t kReportEvery = size_t{1} << 20;
  size_t next_report = kReportEvery;
  RowReader reader(rules, out->entity, out->style, &out->rows);
  simdjson::ondemand::parser parser;
  std::string_view text = op.json;
  // A UTF-8 byte-order mark at the very start (files saved by some editors) is not a row.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // The staged rows take about what the text does (numbers stored in 8 bytes, keys as 2).
  out->rows.Reserve(text.size());
  size_t pos = 0;
  uint32_t line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    out->lines = line_no;
    if (pos >= next_report) {
      progress.Report(static_cast<int64_t>(pos));
      next_report = pos + kReportEvery;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const RowPlace place{&out->label, line_no, RowPlace::Form::kLine, {}};
    // One object per line: anything after it (a second object, a stray brace) is an error, not
    // dropped; simdjson reports some of these as an object cut short, so they are told apart here.
    auto trailing = [&] {
      return dsl::InvalidAt("invalid JSON: content after the row's object on its line",
                            place.Format());
    };
    auto has_trailing = [&] {
      size_t end = EndOfJsonContainer(line);
      return end != std::string_view::npos &&
             line.find_first_not_of(" \t\r", end) != std::string_view::npos;
    };
    simdjson::padded_string padded = dsl::internal::Padded(line);
    try {
      simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
      if (doc.type() != json_type::object) {
        return dsl::InvalidAt("a row is a JSON object", place.Format());
      }
      const size_t mark = out->rows.Mark();
      LG_RETURN_IF_ERROR(reader.Create(doc.get_object(), place));
      if (doc.current_location().error() == simdjson::SUCCESS) {
        out->rows.Truncate(mark);
        return trailing();
      }
    } catch (const simdjson::simdjson_error& e) {
      dsl::internal::RethrowIfOutOfMemory(e);
      if (has_trailing()) return trailing();
      return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                            place.Format());
    }
  }
  return absl::OkStatus();
}

// One update item: a row carrying its key, or {"selector": filter, "data": fields}.
absl::Status StageUpdateItem(RowReader& reader, simdjson::ondemand::object obj,
                             const RowPlace& place, StagedRows* out) {
  std::string_view selector;
  bool has_data = false;
  for (auto field : obj) {
    simdjson::ondemand::raw_json_string key = field.key();
    if (dsl::internal::RawKeyIs(key, "selector")) selector = dsl::internal::RawJson(field.value());
    if (dsl::internal::RawKeyIs(key, "data")) has_data = true;
  }
  obj.reset();
  if (selector.empty() && !has_data) return reader.UpdateByKey(obj, place);
  if (selector.empty() || !has_data) {
    return dsl::InvalidAt("a selector update needs both 'selector' and 'data'", place.Format());
  }
  // The selector is evaluated under the lock (it names committed rows); then the data's fields.
  out->Selector(place.n, selector);
  RowPlace data_place = place;
  data_place.suffix = ".data";
  for (auto field : obj) {
    if (!dsl::internal::RawKeyIs(field.key(), "data")) continue;
    simdjson::ondemand::value data = field.value();
    if (data.type() != json_type::object) {
      return dsl::InvalidAt("'data' is an object", data_place.Format());
    }
    return reader.UpdateData(data.get_object(), data_place);
  }
  return absl::InternalError("an update's 'data' went missing");
}

absl::Status StageUpdate(const CatalogVersion& rules, const WriteOp& op, StagedOp* out) {
  RowReader reader(rules, out->entity, out->style, &out->rows);
  uint32_t i = 0;
  return ForEachJsonObject(op.json, out->label,
                           [&](simdjson::ondemand::object obj, const std::string&) {
                             return StageUpdateItem(
                                 reader, obj, RowPlace{&out->label, i++, out->form, {}},
                                 &out->rows);
                           });
}

}  // namespace

StagedBatch Stage(std::shared_ptr<const CatalogVersion> rules, const std::vector<WriteOp>& ops,
                  Progress progress) {
  StagedBatch batch;
  batch.rules = std::move(rules);
  batch.ops.reserve(ops.size());
  for (const WriteOp& op : ops) {
    StagedOp staged;
    if (op.kind < WriteOp::Kind::kLink) {
      absl::StatusOr<catalog::EntityId> entity = batch.rules->catalog.ResolveEntity(op.entity);
      if (!entity.ok()) {
        batch.error = dsl::InvalidAt(dsl::Msg(entity.status()), op.where);
        return batch;
      }
      staged.entity = *entity;
    }
    batch.ops.push_back(std::move(staged));
    StagedOp& out = batch.ops.back();
    absl::Status s;
    switch (op.kind) {
      case WriteOp::Kind::kCreate:
        out.label = op.where.empty() ? "rows" : op.where;
        s = StageCreate(*batch.rules, op, &out);
        break;
      case WriteOp::Kind::kCreateLines:
        out.label = op.where;
        out.form = RowPlace::Form::kLine;
        out.style = FieldStyle::kLine;
        s = StageCreateLines(*batch.rules, op, &out, progress);
        break;
      case WriteOp::Kind::kUpdate:
        out.label = op.where.empty() ? "rows" : op.where;
        s = StageUpdate(*batch.rules, op, &out);
        break;
      default: break;  // read under the lock
    }
    if (!s.ok()) {
      batch.error = std::move(s);
      return batch;
    }
    progress.base += static_cast<int64_t>(op.json.size());
    progress.Report(0);
  }
  return batch;
}

}  // namespace linkgraph::modules
