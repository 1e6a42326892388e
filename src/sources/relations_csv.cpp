// The user's own ownership and officer data (docs/graph.md#relations-csv):
// a CSV with a header naming the columns
//
//   owner_id, owner_name, owned_id, owned_name, share, relation, source, date
//
// (any order, case-insensitive; owned_id and relation or share required), or
// FollowTheMoney JSON lines. Either becomes list "own-relations": one entity
// per node of the user's data, holding the relations that are the edges.
//
// Ids: "list:key" (with a colon) refers to an entity by its Interdict id,
// such as ofac-sdn:306; a bare id is the user's own node "own:<id>". An
// ownership row with no owner_id records a holder the data does not name
// (owner_name, if any, describes it). A relation is stored on the user's own
// node: on the owner side, or, when the owner is a list entity, on the owned
// side as owned_by / controlled_by / the same symmetric link.
#include <map>
#include <string>
#include <vector>

#include "sources/csv.h"
#include "sources/ftm_model.h"
#include "sources/io.h"
#include "sources/parsers.h"
#include "sources/script.h"

namespace interdict::sources {
namespace {

constexpr const char* kColumns[] = {"owner_id", "owner_name", "owned_id", "owned_name",
                                    "share",    "relation",   "source",   "date"};
// The list name Network treats as the user's data (interdict/graph.h).
constexpr std::string_view kOwnList = "own-relations";

enum Column { kOwnerId, kOwnerName, kOwnedId, kOwnedName, kShare, kRelation, kSource, kDate };

std::string Lower(std::string_view text) {
  std::string out(Trim(text));
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// The relation column: FtM-ish words or the entity model's own names.
// `joint` is an associate link marking a joint arrangement (UK rule).
std::optional<std::pair<RelationType, std::string>> ParseKind(std::string_view text) {
  static const std::map<std::string, RelationType, std::less<>> kWords = {
      {"owner", RelationType::kOwnerOf},       {"ownership", RelationType::kOwnerOf},
      {"shareholder", RelationType::kOwnerOf}, {"control", RelationType::kControls},
      {"director", RelationType::kDirectorOf}, {"officer", RelationType::kDirectorOf},
      {"member", RelationType::kMemberOf},     {"employee", RelationType::kEmployeeOf},
      {"agent", RelationType::kEmployeeOf},    {"linked", RelationType::kLinkedTo},
      {"joint", RelationType::kAssociate}};
  const std::string word = Lower(text);
  if (word.empty()) return std::make_pair(RelationType::kOwnerOf, std::string());
  if (word == "joint")
    return std::make_pair(RelationType::kAssociate, std::string("joint arrangement"));
  if (auto it = kWords.find(word); it != kWords.end())
    return std::make_pair(it->second, std::string());
  if (auto type = ParseRelationType(word)) return std::make_pair(*type, std::string());
  return std::nullopt;
}

bool IsSymmetric(RelationType type) {
  return type == RelationType::kFamily || type == RelationType::kAssociate ||
         type == RelationType::kLinkedTo;
}

std::optional<RelationType> Reverse(RelationType type) {
  if (type == RelationType::kOwnerOf) return RelationType::kOwnedBy;
  if (type == RelationType::kControls) return RelationType::kControlledBy;
  if (IsSymmetric(type)) return type;
  return std::nullopt;
}

// "2020-01-10" (from), or "2020-01-10/2022-11-22" (from/to, either empty).
bool ParseDates(std::string_view text, Relation* relation) {
  text = Trim(text);
  if (text.empty()) return true;
  const std::size_t slash = text.find('/');
  const std::string_view from = Trim(text.substr(0, slash));
  const std::string_view to = slash == std::string_view::npos ? "" : Trim(text.substr(slash + 1));
  if (!from.empty()) {
    std::optional<PartialDate> date = PartialDate::Parse(from);
    if (!date) return false;
    relation->start.from = *date;
  }
  if (!to.empty()) {
    std::optional<PartialDate> date = PartialDate::Parse(to);
    if (!date) return false;
    relation->end.from = *date;
  }
  return true;
}

class RelationsBuilder {
 public:
  RelationsBuilder(std::string_view csv, std::string_view name) : reader_(csv, name), name_(name) {}

  Result<ListData> Run() {
    CsvRecord header;
    if (!reader_.Next(&header)) {
      if (!reader_.status().ok()) return Err(reader_.status());
      return Err(
          Status::ParseError("empty relations file (expected a header row: " + Expected() + ")")
              .InFile(std::string(name())));
    }
    INTERDICT_RETURN_IF_ERROR(ReadHeader(header));
    CsvRecord record;
    while (reader_.Next(&record)) INTERDICT_RETURN_IF_ERROR(ReadRow(record));
    if (!reader_.status().ok()) return Err(reader_.status());
    if (rows_ == 0) {
      return Err(Status::ParseError("no relations after the header").InFile(std::string(name())));
    }
    ListData data;
    data.list = std::string(kOwnList);
    for (auto& [id, entity] : nodes_) data.entities.push_back(std::move(entity));
    return data;
  }

 private:
  static std::string Expected() {
    std::string out;
    for (const char* column : kColumns) out += (out.empty() ? "" : ",") + std::string(column);
    return out;
  }
  std::string_view name() const { return name_; }

  Status ReadHeader(const CsvRecord& header) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const std::string column = Lower(header.fields[i]);
      bool known = false;
      for (int c = 0; c < static_cast<int>(std::size(kColumns)); ++c) {
        if (column != kColumns[c]) continue;
        if (index_[c] >= 0)
          return reader_.ErrorAt(header, "column \"" + column + "\" appears twice");
        index_[c] = static_cast<int>(i);
        known = true;
      }
      if (!known) {
        return reader_.ErrorAt(
            header, "unknown column \"" + header.fields[i] + "\" (expected " + Expected() + ")");
      }
    }
    if (index_[kOwnedId] < 0 || (index_[kOwnerId] < 0 && index_[kOwnerName] < 0)) {
      return reader_.ErrorAt(
          header,
          "the header needs owned_id and owner_id or owner_name (expected " + Expected() + ")");
    }
    return Status::Ok();
  }

  std::string Field(const CsvRecord& record, Column column) const {
    const int i = index_[column];
    if (i < 0 || static_cast<std::size_t>(i) >= record.fields.size()) return "";
    return std::string(Trim(record.fields[i]));
  }

  static std::string NodeId(const std::string& id) {
    return id.find(':') == std::string::npos ? "own:" + id : id;
  }
  static bool IsOwn(const std::string& node) { return node.starts_with("own:"); }

  // The user's node `id`, created on first use.
  Entity& Node(const std::string& id, const std::string& node_name) {
    auto [it, inserted] = nodes_.try_emplace(id);
    Entity& entity = it->second;
    if (inserted) {
      entity.id = id;
      entity.list = std::string(kOwnList);
    }
    if (entity.names.empty() && !node_name.empty()) {
      Name name;
      name.full = node_name;
      entity.names.push_back(std::move(name));
    }
    return entity;
  }

  Status ReadRow(const CsvRecord& record) {
    if (record.fields.size() != header_size()) {
      return reader_.ErrorAt(record, "expected " + std::to_string(header_size()) +
                                         " fields, found " + std::to_string(record.fields.size()));
    }
    ++rows_;
    const std::string owner_id = Field(record, kOwnerId), owned_id = Field(record, kOwnedId);
    const std::string owner_name = Field(record, kOwnerName),
                      owned_name = Field(record, kOwnedName);
    if (owned_id.empty()) return reader_.ErrorAt(record, "owned_id is empty");
    auto kind = ParseKind(Field(record, kRelation));
    if (!kind) {
      return reader_.ErrorAt(record, "unknown relation \"" + Field(record, kRelation) +
                                         "\" (expected owner, control, director, member, "
                                         "employee, family, associate, joint, linked)");
    }
    Relation relation;
    relation.type = kind->first;
    relation.role = kind->second;
    relation.source = Field(record, kSource);
    const std::string share = Field(record, kShare);
    if (!share.empty()) {
      ParseShare(share, &relation);
      const bool parsed = relation.share_min || relation.share_max;
      if (!parsed || relation.share_min.value_or(0) > 100 || relation.share_max.value_or(0) > 100) {
        return reader_.ErrorAt(record, "share \"" + share +
                                           "\" is not a percentage (expected 50, "
                                           "12.5%, 25-50, <25 or >50)");
      }
      if (relation.type != RelationType::kOwnerOf) {
        return reader_.ErrorAt(record, "a share is only meaningful for ownership");
      }
    }
    if (!ParseDates(Field(record, kDate), &relation)) {
      return reader_.ErrorAt(
          record, "date \"" + Field(record, kDate) + "\" is not YYYY[-MM[-DD]] or FROM/TO");
    }
    const std::string owned = NodeId(owned_id);
    if (owner_id.empty()) return UnnamedHolder(record, owned, owned_name, owner_name, relation);
    const std::string owner = NodeId(owner_id);
    if (owner == owned) return reader_.ErrorAt(record, "an entity cannot be related to itself");
    if (IsOwn(owner)) {
      if (IsOwn(owned)) Node(owned, owned_name);
      relation.target = owned;
      relation.target_name = owned_name;
      AddRelation(Node(owner, owner_name), relation);
      return Status::Ok();
    }
    std::optional<RelationType> reverse = Reverse(relation.type);
    if (!IsOwn(owned) || !reverse) {
      return reader_.ErrorAt(record, "one side must be your own entity (a bare id): " + owner +
                                         " " + std::string(RelationTypeName(relation.type)) + " " +
                                         owned + " cannot be stored");
    }
    relation.type = *reverse;
    relation.target = owner;
    relation.target_name = owner_name;
    AddRelation(Node(owned, owned_name), relation);
    return Status::Ok();
  }

  Status UnnamedHolder(const CsvRecord& record, const std::string& owned,
                       const std::string& owned_name, const std::string& description,
                       Relation relation) {
    std::optional<RelationType> reverse = Reverse(relation.type);
    if (!IsOwn(owned) || !reverse || IsSymmetric(relation.type)) {
      return reader_.ErrorAt(record,
                             "owner_id is empty: only ownership or control of your own "
                             "entity may have an unnamed holder");
    }
    relation.type = *reverse;
    relation.target_name = description;
    AddRelation(Node(owned, owned_name), relation);
    return Status::Ok();
  }

  static void AddRelation(Entity& entity, Relation relation) {
    entity.relations.push_back(std::move(relation));
  }

  std::size_t header_size() const {
    int last = -1;
    for (int i : index_) last = std::max(last, i);
    return static_cast<std::size_t>(last + 1);
  }

  CsvReader reader_;
  std::string name_;
  int index_[std::size(kColumns)] = {-1, -1, -1, -1, -1, -1, -1, -1};
  std::size_t rows_ = 0;
  std::map<std::string, Entity> nodes_;  // by id: a stable, sorted list
};

}  // namespace

Result<ListData> ParseRelations(std::string_view bytes, std::string_view name) {
  INTERDICT_RETURN_IF_ERROR(CheckUtf8(bytes, name));
  const std::string_view text = Trim(bytes);
  if (!text.empty() && text.front() == '{') {
    Result<ListData> data = ParseFtmJson(bytes, name);
    if (!data) return data;
    if (data->is_delta) {
      return Err(Status::Unsupported("FtM delta files cannot be imported as relations; give the "
                                     "full entities file")
                     .InFile(std::string(name)));
    }
    data->list = std::string(kOwnList);
    for (Entity& entity : data->entities) entity.list = data->list;
    return data;
  }
  Result<ListData> data = RelationsBuilder(bytes, name).Run();
  if (!data) return data;
  // Names default to the id for nodes the file never names.
  for (Entity& entity : data->entities) {
    if (entity.names.empty()) {
      Name name_from_id;
      name_from_id.full = entity.id.substr(4);
      entity.names.push_back(std::move(name_from_id));
    }
  }
  return data;
}

}  // namespace interdict::sources
