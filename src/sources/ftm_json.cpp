// OpenSanctions FollowTheMoney JSON lines; see docs/formats/ftm.md.
//
// FtM spreads one sanctioned party over many records: the Person or Company,
// its Address entities, one Sanction per listing, Passport records, and
// link records (Ownership, Directorship, Family, ...). Parsing reads every
// line first, then builds one Entity per party and folds the satellite
// records into it, so the order of lines does not matter.
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/countries.h"
#include "sources/entity_builder.h"
#include "sources/entity_merge.h"
#include "sources/ftm_model.h"
#include "sources/io.h"
#include "sources/parsers.h"
#include "sources/script.h"

namespace interdict::sources {
namespace {

using json = nlohmann::json;

// One line of the file: an entity, or in a delta file an operation on one.
struct Record {
  std::int64_t line = 0;
  std::string op;  // "ADD", "MOD", "DEL"; "" in a full file
  std::string id;
  std::string schema;
  json entity;  // the entity object; its "properties" hold arrays of strings
};

Status LineError(std::string_view file, std::int64_t line, std::string message,
                 std::string element = "") {
  return Status::ParseError(std::move(message))
      .InFile(std::string(file))
      .AtLine(line)
      .AtElement(std::move(element));
}

// Checks the shape FtM guarantees, so later reads need no checks:
// {"id": str, "schema": str, "properties": {name: [str, ...]}}.
Result<Record> ReadEntity(json entity, std::string op, std::string_view file, std::int64_t line) {
  if (!entity.is_object()) return Err(LineError(file, line, "expected an entity object"));
  auto id = entity.find("id");
  if (id == entity.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
    return Err(LineError(file, line, "entity has no \"id\" string", "/id"));
  }
  auto schema = entity.find("schema");
  bool has_schema = schema != entity.end() && schema->is_string() &&
                    !schema->get_ref<const std::string&>().empty();
  if (!has_schema && op != "DEL") {
    return Err(LineError(file, line, "entity has no \"schema\" string", "/schema"));
  }
  auto properties = entity.find("properties");
  if (properties != entity.end()) {
    if (!properties->is_object()) {
      return Err(LineError(file, line, "\"properties\" is not an object", "/properties"));
    }
    for (const auto& [key, values] : properties->items()) {
      bool ok = values.is_array();
      for (const json& v : values) ok = ok && v.is_string();
      if (!ok) {
        return Err(LineError(file, line, "expected an array of strings", "/properties/" + key));
      }
    }
  }
  Record record;
  record.line = line;
  record.op = std::move(op);
  record.id = id->get<std::string>();
  if (has_schema) record.schema = schema->get<std::string>();
  record.entity = std::move(entity);
  return record;
}

// Parses one non-blank line; `delta` is set by the first line and every
// other line must agree.
Result<Record> ReadLine(std::string_view text, std::string_view file, std::int64_t line,
                        std::optional<bool>* delta) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Err(LineError(file, line, "malformed JSON (expected one JSON object per line)"));
  }
  if (!value.is_object()) return Err(LineError(file, line, "expected a JSON object"));
  bool is_op = value.contains("op");
  if (!delta->has_value()) *delta = is_op;
  if (is_op != **delta) {
    return Err(
        LineError(file, line,
                  is_op ? "delta operation in an entities file" : "plain entity in a delta file"));
  }
  if (!is_op) return ReadEntity(std::move(value), "", file, line);
  auto op = value.find("op");
  std::string name = op->is_string() ? op->get<std::string>() : "";
  if (name != "ADD" && name != "MOD" && name != "DEL") {
    return Err(LineError(file, line, "expected \"op\" to be ADD, MOD or DEL", "/op"));
  }
  auto entity = value.find("entity");
  if (entity == value.end())
    return Err(LineError(file, line, "operation has no \"entity\"", "/entity"));
  return ReadEntity(std::move(*entity), std::move(name), file, line);
}

// The dataset a file holds, from its path: ".../zala/entities.ftm.json",
// "zala_entities.ftm.json" and "t2_20240527194702-wnk_entities.delta.json"
// name "zala" and "t2". Version folders and stamps (14 digits, '-', a tag)
// and the word "entities" are not names.
std::string DatasetFromPath(std::string_view name) {
  auto is_version = [](std::string_view s) {
    if (s.size() < 16 || s[14] != '-') return false;
    for (std::size_t i = 0; i < 14; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  std::filesystem::path path{std::string(name)};
  std::string stem = path.filename().string();
  stem = stem.substr(0, stem.find('.'));
  for (std::string_view suffix : {"_entities", "-entities", "entities"}) {
    if (stem.size() >= suffix.size() && stem.ends_with(suffix)) {
      stem.resize(stem.size() - suffix.size());
      break;
    }
  }
  std::size_t cut = stem.rfind('_');
  if (cut != std::string::npos && is_version(std::string_view(stem).substr(cut + 1)))
    stem.resize(cut);
  if (!stem.empty() && !is_version(stem)) return stem;
  for (path = path.parent_path(); !path.empty() && path.has_filename(); path = path.parent_path()) {
    std::string folder = path.filename().string();
    if (!is_version(folder) && folder != "." && folder != "..") return folder;
  }
  return "";
}

std::string ListName(std::string_view file, const std::vector<Record>& records) {
  std::string dataset = DatasetFromPath(file);
  if (dataset.empty()) {
    for (const Record& r : records) {
      auto datasets = r.entity.find("datasets");
      if (datasets != r.entity.end() && datasets->is_array() && !datasets->empty() &&
          datasets->front().is_string()) {
        dataset = datasets->front().get<std::string>();
        break;
      }
    }
  }
  std::string list = "ftm-";
  for (char c : dataset) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (c >= 'A' && c <= 'Z')
      list += static_cast<char>(c - 'A' + 'a');
    else if (keep)
      list += c;
  }
  return list == "ftm-" ? "ftm" : list;
}

// Builds the ListData from the records of one file.
class Assembler {
 public:
  Assembler(std::string_view file, ListData* data) : file_(file), data_(data) {}

  Status Run(std::vector<Record> records) {
    records_ = std::move(records);
    for (std::size_t i = 0; i < records_.size(); ++i) {
      auto [it, inserted] = by_id_.try_emplace(records_[i].id, i);
      if (!inserted) {
        return LineError(file_, records_[i].line,
                         "duplicate id \"" + records_[i].id + "\" (first on line " +
                             std::to_string(records_[it->second].line) + ")",
                         "/id");
      }
    }
    for (const Record& r : records_) {
      if (r.op == "DEL") {
        Delete(r);
      } else if (std::optional<Schema> schema = EntitySchema(r.schema)) {
        AddEntity(r, *schema);
      }
    }
    for (const Record& r : records_) {
      if (r.op == "DEL" || EntitySchema(r.schema)) continue;
      Fold(r);
    }
    ReportSkipped();
    return Status::Ok();
  }

 private:
  const json& Props(const Record& r) const {
    static const json kEmpty = json::object();
    auto it = r.entity.find("properties");
    return it == r.entity.end() ? kEmpty : *it;
  }
  void Warn(const Record& r, std::string message) {
    data_->warnings.push_back({LineError(file_, r.line, "", r.id).location(), std::move(message)});
  }
  const Record* Find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &records_[it->second];
  }
  Entity* FindEntity(const std::string& id) {
    auto it = entity_index_.find(id);
    return it == entity_index_.end() ? nullptr : &data_->entities[it->second];
  }

  void Delete(const Record& r) {
    if (r.schema.empty() || EntitySchema(r.schema)) {
      data_->deleted_ids.push_back("ftm:" + r.id);
    } else {
      Warn(r, "DEL of a " + r.schema + " record: the entity it belonged to is not updated");
    }
  }

  void AddEntity(const Record& r, Schema schema) {
    Entity entity;
    entity.id = "ftm:" + r.id;
    entity.list = data_->list;
    entity.schema = schema;
    ApplyProperties(r.schema, Props(r), &entity);
    for (const std::string& address_id : Values(Props(r), "addressEntity")) {
      const Record* address = Find(address_id);
      if (address == nullptr || address->schema != "Address") {
        Warn(r, "addressEntity \"" + address_id + "\" is not an Address in this file");
        continue;
      }
      AppendUnique(&entity.addresses, MakeAddress(Props(*address)), SameAddress);
    }
    ApplyMetadata(r.entity, &entity);
    OrderNames(r.entity, &entity);
    if (entity.names.empty()) {
      Warn(r, r.schema + " without a name skipped");
      return;
    }
    entity_index_[entity.id] = data_->entities.size();
    data_->entities.push_back(std::move(entity));
  }

  // The caption is the name OpenSanctions shows; make it the primary name
  // when it is one of the entity's names (the kinds stay in place).
  static void OrderNames(const json& record, Entity* entity) {
    auto caption = record.find("caption");
    if (caption == record.end() || !caption->is_string() || entity->names.empty()) return;
    const std::string& text = caption->get_ref<const std::string&>();
    if (entity->names[0].kind != NameKind::kPrimary) return;
    for (std::size_t i = 1; i < entity->names.size(); ++i) {
      if (entity->names[i].full != text) continue;
      std::swap(entity->names[0], entity->names[i]);
      std::swap(entity->names[0].kind, entity->names[i].kind);
      std::swap(entity->names[0].quality, entity->names[i].quality);
      return;
    }
  }

  void Fold(const Record& r) {
    if (r.schema == "Address") return;  // read through addressEntity
    if (r.schema == "Sanction") return FoldSanction(r);
    if (r.schema == "Passport" || r.schema == "Identification") return FoldIdentification(r);
    if (const LinkSchema* link = FindLinkSchema(r.schema)) return AddRelation(r, *link);
    skipped_[r.schema].push_back(r.line);
  }

  void FoldSanction(const Record& r) {
    const json& props = Props(r);
    for (const std::string& target : Values(props, "entity")) {
      Entity* entity = FindEntity("ftm:" + target);
      if (entity == nullptr) {
        Warn(r, "Sanction for \"" + target + "\", which is not a party in this file");
        continue;
      }
      ApplySanction(props, entity);
    }
  }

  void FoldIdentification(const Record& r) {
    const json& props = Props(r);
    std::vector<std::string> numbers = Values(props, "number");
    if (numbers.empty()) {
      Warn(r, r.schema + " without a number ignored");
      return;
    }
    for (const std::string& holder : Values(props, "holder")) {
      Entity* entity = FindEntity("ftm:" + holder);
      if (entity == nullptr) {
        Warn(r, r.schema + " of \"" + holder + "\", which is not a party in this file");
        continue;
      }
      for (const std::string& number : numbers) {
        AppendUnique(&entity->identifiers, MakeIdentification(r.schema, props, number),
                     SameIdentifier);
      }
    }
  }

  void AddRelation(const Record& r, const LinkSchema& link) {
    const json& props = Props(r);
    for (const std::string& from : Values(props, link.from)) {
      Entity* entity = FindEntity("ftm:" + from);
      if (entity == nullptr) {
        Warn(r, r.schema + " from \"" + from + "\", which is not a party in this file");
        continue;
      }
      for (const std::string& to : Values(props, link.to)) {
        Relation relation = MakeRelation(link, props, r.id);
        relation.target = "ftm:" + to;
        if (const Record* target = Find(to); target != nullptr) {
          auto caption = target->entity.find("caption");
          if (caption != target->entity.end() && caption->is_string()) {
            relation.target_name = caption->get<std::string>();
          }
        }
        AppendUnique(&entity->relations, std::move(relation), SameRelation);
      }
    }
  }

  // Payments are transactions, not standing links; other schemata are not
  // part of screening. One warning per schema, with a count.
  void ReportSkipped() {
    for (const auto& [schema, lines] : skipped_) {
      Location where;
      where.file = std::string(file_);
      where.line = lines.front();
      data_->warnings.push_back(
          {where, "ignored " + std::to_string(lines.size()) + " " + schema + " record(s)" +
                      (schema == "Payment" ? " (payments are not relations)" : "")});
    }
  }

  std::string_view file_;
  ListData* data_;
  std::vector<Record> records_;
  std::unordered_map<std::string, std::size_t> by_id_;         // FtM id -> records_ index
  std::unordered_map<std::string, std::size_t> entity_index_;  // entity id -> entities index
  std::map<std::string, std::vector<std::int64_t>> skipped_;   // schema -> lines
};

}  // namespace

Result<ListData> ParseFtmJson(std::string_view jsonl, std::string_view name) {
  INTERDICT_RETURN_IF_ERROR(CheckUtf8(jsonl, name));
  std::vector<Record> records;
  std::optional<bool> delta;
  std::int64_t line = 0;
  for (std::size_t start = 0; start < jsonl.size();) {
    std::size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view text = Trim(jsonl.substr(start, end - start));
    start = end + 1;
    ++line;
    if (text.empty()) continue;
    Result<Record> record = ReadLine(text, name, line, &delta);
    if (!record) return Err(record.error());
    records.push_back(std::move(*record));
  }
  if (records.empty()) {
    return Err(Status::ParseError("no FtM entities (expected one JSON object per line)")
                   .InFile(std::string(name)));
  }
  ListData data;
  data.format = Format::kFtmJson;
  data.is_delta = delta.value_or(false);
  data.list = ListName(name, records);
  Assembler assembler(name, &data);
  INTERDICT_RETURN_IF_ERROR(assembler.Run(std::move(records)));
  return data;
}

}  // namespace interdict::sources
